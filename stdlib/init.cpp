// Opening the standard libraries (Lua's linit.c), in lua5.4's order.
#include <mutex>

#include "lang/compile.hpp"
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/string.hpp"
#include "vm/vm.hpp"

namespace tycho::stdlib {

namespace {

const Reg kLoadedLibs[] = {
    {"_G", open_base},       {"package", open_package}, {"coroutine", open_coroutine},
    {"table", open_table},   {"io", open_io},           {"os", open_os},
    {"string", open_string}, {"math", open_math},       {"utf8", open_utf8},
    {"debug", open_debug},   {nullptr, nullptr},
};

}  // namespace

void open_libs(Thread* L) { open_libs(L, kAllLibraries); }

void open_libs(Thread* L, unsigned which) {
  L->g->compiler = lang::compile;
  if (L->g->warn_fn == nullptr) set_default_warn(L);
  // package.loaded sized for the libraries (requiref would grow it one rehash at a time).
  if (api::get_field(L, vm::kRegistryIndex, kLoadedTable) != vm::kTTable) {
    api::create_table(L, 0, 16);
    api::set_field(L, vm::kRegistryIndex, kLoadedTable);
  }
  api::pop(L, 1);
  unsigned bit = 1;
  for (const Reg* lib = kLoadedLibs; lib->func != nullptr; lib++, bit <<= 1) {
    if ((which & bit) == 0) continue;
    requiref(L, lib->name, lib->func, true);
    api::pop(L, 1);
  }
  // Built in, but loaded by require only (not a global), as a preloaded module.
  if ((which & kLibParallel) != 0 && (which & kLibPackage) != 0) {
    api::get_field(L, vm::kRegistryIndex, kPreloadTable);
    api::push_native_function(L, open_parallel);
    api::set_field(L, -2, "parallel");
    api::pop(L, 1);
  }
}

void share_library_names() {
  static std::once_flag once;
  std::call_once(once, [] {
    Thread* L = vm::new_vm();
    if (L == nullptr) return;
    auto open = [](Thread* L, void*) { open_libs(L); };
    if (vm::pcall(L, open, nullptr, 0, 0) == vm::kOk) vm::share_interned_strings(L);
    vm::close_vm(L);
  });
}

}  // namespace tycho::stdlib
