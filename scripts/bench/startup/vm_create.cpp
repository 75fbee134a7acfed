// Creating a VM with every standard library open, then closing it: the cost an embedder pays
// for a fresh, isolated interpreter (one per request, per test, per plugin).
//
//   vm_create [iterations]     prints the median over 11 batches, in microseconds per VM
//
// Built two ways from this one file by scripts/bench/startup/run.sh: against tycho's public
// API (tycho::Vm), and with -DWITH_LUA against liblua5.4 (luaL_newstate + luaL_openlibs +
// lua_close) for comparison.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#ifdef WITH_LUA
extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
}
static void make_and_close() {
  lua_State* L = luaL_newstate();
  luaL_openlibs(L);
  lua_close(L);
}
static const char* const kName = "lua5.4";
#else
#include "tycho/tycho.hpp"
static void make_and_close() { tycho::Vm vm; }
static const char* const kName = "tycho";
#endif

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
  for (int i = 0; i < n / 10; i++) make_and_close();  // warm up the allocator and caches
  std::vector<double> batches;
  for (int b = 0; b < 11; b++) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; i++) make_and_close();
    const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    batches.push_back(took.count() / n);
  }
  std::sort(batches.begin(), batches.end());
  std::printf("%-7s %8.2f us per VM (new + all libraries + close; median of 11 batches of %d)\n",
              kName, batches[5], n);
  return 0;
}
