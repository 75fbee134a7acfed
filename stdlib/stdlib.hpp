// The standard libraries. Each open_* function is a native function (a module opener for
// requiref): it builds its library and returns it on the stack.
#pragma once

#include "vm/state.hpp"

namespace tycho::stdlib {

int open_base(vm::Thread* L);       // _G
int open_package(vm::Thread* L);    // package, require
int open_coroutine(vm::Thread* L);  // coroutine
int open_os(vm::Thread* L);         // os
int open_string(vm::Thread* L);     // string (and the string metatable)

// Install the compiler (g->compiler) and the default warning function, and open every
// standard library into the globals and package.loaded.
void open_libs(vm::Thread* L);

}  // namespace tycho::stdlib
