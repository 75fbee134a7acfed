// The string library: string.dump (manual §6.4). The format and its loader live in the VM
// (vm/dump.hpp), so that bytecode loads without the compiler.
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"

namespace tycho::stdlib {

namespace {

int append_piece(Thread*, const void* p, size_t size, void* ud) {
  static_cast<Buffer*>(ud)->add(static_cast<const char*>(p), size);
  return 0;
}

// string.dump(f [, strip]): the binary chunk of Lua function f; strip drops debug information.
int str_dump(Thread* L) {
  bool strip = api::to_boolean(L, 2);
  check_type(L, 1, vm::kTFunction);
  api::set_top(L, 1);  // the function on top, where api::dump looks
  Buffer b(L);
  if (api::dump(L, append_piece, &b, strip) != 0) error(L, "unable to dump given function");
  b.push_result(L);
  return 1;
}

const Reg kDumpFuncs[] = {{"dump", str_dump}, {nullptr, nullptr}};

}  // namespace

const Reg* string_dump_funcs() { return kDumpFuncs; }

}  // namespace tycho::stdlib
