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
int open_table(vm::Thread* L);      // table
int open_io(vm::Thread* L);         // io
int open_math(vm::Thread* L);       // math
int open_utf8(vm::Thread* L);       // utf8
int open_debug(vm::Thread* L);      // debug
int open_parallel(vm::Thread* L);   // parallel (not a global: require "parallel")

struct Reg;  // stdlib/aux.hpp

// The string library is written in several files; each lists its functions for the `string`
// table (ended by {nullptr, nullptr}).
const Reg* string_pattern_funcs();  // find, match, gmatch, gsub (string_pattern.cpp)
const Reg* string_format_funcs();   // format (string_format.cpp)
const Reg* string_pack_funcs();     // pack, packsize, unpack (string_pack.cpp)
const Reg* string_dump_funcs();     // dump (string_dump.cpp)

// Install the compiler (g->compiler) and the default warning function, and open every
// standard library into the globals and package.loaded.
void open_libs(vm::Thread* L);
// Only some: bits in the order of lua5.4's linit.c (tycho::VmOptions::libraries has the
// same numbers).
enum : unsigned {
  kLibBase = 1u << 0,
  kLibPackage = 1u << 1,
  kLibCoroutine = 1u << 2,
  kLibTable = 1u << 3,
  kLibIo = 1u << 4,
  kLibOs = 1u << 5,
  kLibString = 1u << 6,
  kLibMath = 1u << 7,
  kLibUtf8 = 1u << 8,
  kLibDebug = 1u << 9,
  kLibParallel = 1u << 10,  // require "parallel" (needs package)
  kAllLibraries = (1u << 11) - 1,
};
void open_libs(vm::Thread* L, unsigned which);
// Once per process: open the libraries in a scratch VM and publish the strings it interned as
// shared strings (vm/string.hpp), so that VMs created afterwards open their libraries without
// creating those strings. tycho::Vm calls it before it creates a VM that opens them.
void share_library_names();

// The program around the VM, as the libraries see it: Global::host points at one when the VM
// belongs to a tycho::Vm (api/vm.cpp), and is null otherwise.
class Host {
 public:
  // os.exit, before it closes the VM (if asked to) and ends the process.
  virtual void before_exit() = 0;

 protected:
  ~Host() = default;
};

}  // namespace tycho::stdlib
