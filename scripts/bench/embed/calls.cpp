// Calls across the embedding boundary, tycho's C++ API against the Lua 5.4 C API (built
// with -DWITH_LUA against liblua5.4-dev): the same work, timed the same way.
//   host->script: the host calls a Lua function f(a, b) = a + b through a handle (tycho) or a
//                 registry reference (Lua), passing two integers and reading one, protected.
//   script->host: a Lua loop calls a bound C++ function add(a, b) (tycho: a lambda taking two
//                 int64_t; Lua: a lua_CFunction with luaL_checkinteger).
// Each case prints the best of 5 runs in ns per call.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#ifdef WITH_LUA
extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
}
#else
#include "tycho/tycho.hpp"
#endif

namespace {

constexpr int64_t kCalls = 2'000'000;

template <typename F>
double best_ns_per_call(F run) {
  double best = 1e30;
  for (int i = 0; i < 5; i++) {
    const auto t0 = std::chrono::steady_clock::now();
    run();
    const auto t1 = std::chrono::steady_clock::now();
    const double ns = std::chrono::duration<double, std::nano>(t1 - t0).count() / kCalls;
    if (ns < best) best = ns;
  }
  return best;
}

constexpr const char* kScript =
    "function f(a, b) return a + b end\n"
    "function loop(n) local add, s = add, 0 for i = 1, n do s = add(s, i) end return s end\n";

}  // namespace

int main() {
  int64_t check = 0;
#ifdef WITH_LUA
  const char* name = "lua5.4 C API";
  lua_State* L = luaL_newstate();
  luaL_openlibs(L);
  lua_pushcfunction(L, [](lua_State* L) -> int {
    lua_pushinteger(L, luaL_checkinteger(L, 1) + luaL_checkinteger(L, 2));
    return 1;
  });
  lua_setglobal(L, "add");
  if (luaL_dostring(L, kScript) != LUA_OK) return 1;
  lua_getglobal(L, "f");
  const int ref = luaL_ref(L, LUA_REGISTRYINDEX);
  const double to_script = best_ns_per_call([&] {
    for (int64_t i = 0; i < kCalls; i++) {
      lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
      lua_pushinteger(L, i);
      lua_pushinteger(L, 1);
      if (lua_pcall(L, 2, 1, 0) != LUA_OK) std::abort();
      check += lua_tointeger(L, -1);
      lua_pop(L, 1);
    }
  });
  const double to_host = best_ns_per_call([&] {
    lua_getglobal(L, "loop");
    lua_pushinteger(L, kCalls);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) std::abort();
    check += lua_tointeger(L, -1);
    lua_pop(L, 1);
  });
  lua_close(L);
#else
  const char* name = "tycho C++ API";
  tycho::Vm vm;
  vm.set_function("add", [](int64_t a, int64_t b) { return a + b; });
  vm.run(kScript);
  const auto f = vm.get<tycho::Function>("f");
  const double to_script = best_ns_per_call([&] {
    for (int64_t i = 0; i < kCalls; i++) check += f.call<int64_t>(i, 1);
  });
  const auto loop = vm.get<tycho::Function>("loop");
  const double to_host = best_ns_per_call([&] { check += loop.call<int64_t>(kCalls); });
#endif
  std::printf("%-14s host->script %6.1f ns/call   script->host %6.1f ns/call   (check %lld)\n",
              name, to_script, to_host, static_cast<long long>(check % 1000));
  return 0;
}
