// Calls across the embedding boundary, tycho's C++ API against the Lua 5.4 C API (built
// with -DWITH_LUA against liblua5.4-dev, or with -DWITH_LUA -DTYCHO_CAPI against tycho's C API,
// libtycho-lua.a): the same work, timed the same way.
//   host->script: the host calls a Lua function f(a, b) = a + b through a handle (tycho) or a
//                 registry reference (Lua), passing two integers and reading one, protected.
//   script->host: a Lua loop calls a bound C++ function add(a, b) (tycho: a lambda taking two
//                 int64_t; Lua: a lua_CFunction with luaL_checkinteger).
//   method:       a Lua loop calls v:len() on a user type with fields x and y (tycho:
//                 new_usertype; Lua: a userdata whose __index C function looks the key up in a
//                 methods table, then compares it with the field names, luaL_checkudata).
//   field:        a Lua loop reads v.x of the same object.
// Each case prints the best of 5 runs in ns per call.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

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
    "function loop(n) local add, s = add, 0 for i = 1, n do s = add(s, i) end return s end\n"
    "function methods(v, n) local s = 0 for i = 1, n do s = s + v:len() end return s end\n"
    "function fields(v, n) local s = 0 for i = 1, n do s = s + v.x end return s end\n";

struct Vec {
  double x, y;
  double len() const { return x * x + y * y; }
};

#ifdef WITH_LUA
int vec_len(lua_State* L) {
  auto* v = static_cast<Vec*>(luaL_checkudata(L, 1, "Vec"));
  lua_pushnumber(L, v->len());
  return 1;
}
int vec_index(lua_State* L) {
  auto* v = static_cast<Vec*>(luaL_checkudata(L, 1, "Vec"));
  lua_pushvalue(L, 2);
  if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
  const char* k = luaL_checkstring(L, 2);
  if (std::strcmp(k, "x") == 0) {
    lua_pushnumber(L, v->x);
  } else if (std::strcmp(k, "y") == 0) {
    lua_pushnumber(L, v->y);
  } else {
    lua_pushnil(L);
  }
  return 1;
}
#endif

}  // namespace

int main() {
  int64_t check = 0;
#ifdef WITH_LUA
#ifdef TYCHO_CAPI
  const char* name = "tycho C API ";
#else
  const char* name = "lua5.4 C API";
#endif
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
  auto* v = static_cast<Vec*>(lua_newuserdatauv(L, sizeof(Vec), 0));
  *v = Vec{3, 4};
  luaL_newmetatable(L, "Vec");
  lua_newtable(L);
  lua_pushcfunction(L, vec_len);
  lua_setfield(L, -2, "len");
  lua_pushcclosure(L, vec_index, 1);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_setglobal(L, "v");
  auto loop_over = [&](const char* fn) {
    return best_ns_per_call([&] {
      lua_getglobal(L, fn);
      lua_getglobal(L, "v");
      lua_pushinteger(L, kCalls);
      if (lua_pcall(L, 2, 1, 0) != LUA_OK) std::abort();
      check += static_cast<int64_t>(lua_tonumber(L, -1));
      lua_pop(L, 1);
    });
  };
  const double method = loop_over("methods");
  const double field = loop_over("fields");
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
  vm.new_usertype<Vec>("Vec", "x", &Vec::x, "y", &Vec::y, "len", &Vec::len);
  vm["v"] = Vec{3, 4};
  auto loop_over = [&](const char* fn) {
    const auto f = vm.get<tycho::Function>(fn);
    return best_ns_per_call(
        [&] { check += static_cast<int64_t>(f.call<double>(vm.get<tycho::Value>("v"), kCalls)); });
  };
  const double method = loop_over("methods");
  const double field = loop_over("fields");
#endif
  std::printf(
      "%-14s host->script %6.1f ns/call   script->host %6.1f ns/call   method %6.1f ns/call   "
      "field %6.1f ns/read   (check %lld)\n",
      name, to_script, to_host, method, field, static_cast<long long>(check % 1000));
  return 0;
}
