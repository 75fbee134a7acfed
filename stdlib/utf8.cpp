// The utf8 library (manual §6.5; Lua's lutf8lib.c). Being written: its functions join kFuncs as
// they land.
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"

namespace tycho::stdlib {

namespace {

const Reg kFuncs[] = {
    {nullptr, nullptr},
};

}  // namespace

int open_utf8(Thread* L) {
  new_lib(L, kFuncs);
  return 1;
}

}  // namespace tycho::stdlib
