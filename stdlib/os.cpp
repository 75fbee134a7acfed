// The os library (manual §6.9; Lua's loslib.c). Only os.exit for now; the rest of the library
// joins this table as it is written.
#include <cstdio>
#include <cstdlib>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/vm.hpp"

namespace tycho::stdlib {

namespace {

int os_exit(Thread* L) {
  int status;
  if (api::is_boolean(L, 1)) {
    status = api::to_boolean(L, 1) ? EXIT_SUCCESS : EXIT_FAILURE;
  } else {
    status = static_cast<int>(opt_integer(L, 1, EXIT_SUCCESS));
  }
  std::fflush(stdout);
  if (api::to_boolean(L, 2)) vm::close_vm(L);  // runs pending __close handlers
  std::exit(status);
}

const Reg kOsFuncs[] = {
    {"exit", os_exit},
    {nullptr, nullptr},
};

}  // namespace

int open_os(Thread* L) {
  new_lib(L, kOsFuncs);
  return 1;
}

}  // namespace tycho::stdlib
