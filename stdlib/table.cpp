// The table library (manual §6.6; Lua's ltablib.c). Being written: its functions join kFuncs as
// they land.
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"

namespace tycho::stdlib {

namespace {

const Reg kFuncs[] = {
    {nullptr, nullptr},
};

}  // namespace

int open_table(Thread* L) {
  new_lib(L, kFuncs);
  return 1;
}

}  // namespace tycho::stdlib
