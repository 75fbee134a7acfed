// The debug library (manual §6.10; Lua's ldblib.c). Being written: its functions join kFuncs as
// they land.
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"

namespace tycho::stdlib {

namespace {

const Reg kFuncs[] = {
    {nullptr, nullptr},
};

}  // namespace

int open_debug(Thread* L) {
  new_lib(L, kFuncs);
  return 1;
}

}  // namespace tycho::stdlib
