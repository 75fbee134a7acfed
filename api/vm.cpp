// The public C++ API's Vm (include/tycho/tycho.hpp) on top of the native API; the primitives
// under its templates are api/host.cpp's.
//
// Every entry point that returns bool runs its work inside one protected call (`protect`), the
// way lua.c runs everything inside `pmain`: an error anywhere, even while building the `arg`
// table or pushing a string, ends as a message in last_error() instead of escaping as an
// exception.
// Running code goes through `docall`, which installs lua.c's message handler so that errors
// carry a stack traceback.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "api/vm_impl.hpp"
#include "lang/compile.hpp"

namespace tycho {

const char* version_string() { return "tycho 0.1 (Lua 5.4.4 compatible)"; }

namespace {

// load with its mode forced to "t": text chunks only.
int load_text_only(Thread* L) {
  api::set_top(L, 4);
  api::push_string(L, "t");
  api::replace(L, 3);
  api::push_value(L, api::upvalue_index(1));
  api::insert(L, 1);
  api::call(L, 4, vm::kMultRet);
  return api::get_top(L);
}

// VmOptions::sandbox: no way to files, processes or bytecode from the libraries opened.
void restrict_for_sandbox(Thread* L) {
  for (const char* name : {"dofile", "loadfile"}) {
    api::push_nil(L);
    api::set_global(L, name);
  }
  if (api::get_global(L, "load") == vm::kTFunction) {
    api::push_native_closure(L, load_text_only, 1);
    api::set_global(L, "load");
  } else {
    api::pop(L, 1);
  }
  if (api::get_global(L, "os") == vm::kTTable) {
    for (const char* name :
         {"execute", "exit", "getenv", "remove", "rename", "setlocale", "tmpname"}) {
      api::push_nil(L);
      api::set_field(L, -2, name);
    }
  }
  api::pop(L, 1);
}

}  // namespace

Vm::Vm(const VmOptions& options) : impl_(std::make_unique<Impl>()) {
  vm::VmOptions vo;
  vo.heap_limit = options.heap_limit;
  if (options.open_libs) stdlib::share_library_names();
  Thread* L = vm::new_vm(vo);
  if (L == nullptr) throw std::bad_alloc();
  impl_->L = L;
  L->g->host = static_cast<stdlib::Host*>(impl_.get());
  L->g->api_host = static_cast<detail::Host*>(impl_.get());
  impl_->current = L;
  impl_->text_only = options.sandbox;
  host_ = impl_.get();
  impl_->print_gc_stats = options.gc.print_stats;
  L->g->compiler = lang::compile;
  stdlib::set_default_warn(L);
  bool ok = impl_->protect([&] {
    if (options.ignore_env) {  // signal for libraries to ignore environment variables
      api::push_boolean(L, true);
      api::set_field(L, vm::kRegistryIndex, "LUA_NOENV");
    }
    if (options.open_libs) {
      static_assert(lib::kAll == stdlib::kAllLibraries && lib::kParallel == stdlib::kLibParallel);
      stdlib::open_libs(L, options.sandbox ? options.libraries & lib::kSafe : options.libraries);
    }
    if (options.sandbox) restrict_for_sandbox(L);
    const GcOptions& gc = options.gc;
    gc::Collector& col = L->g->gc;
    if (gc.pause != 0) col.set_pause(gc.pause);
    if (gc.stepmul != 0) col.set_stepmul(gc.stepmul);
    if (gc.stepsize != 0) col.set_stepsize(gc.stepsize);
    if (gc.minormul != 0) col.set_minormul(gc.minormul);
    if (gc.majormul != 0) col.set_majormul(gc.majormul);
    if (gc.step_time_us >= 0) col.set_step_time(gc.step_time_us);
    col.set_verify_steps(gc.verify_steps);
    col.set_generational(gc.mode == GcMode::kGenerational);
    return true;
  });
  if (!ok) throw std::bad_alloc();  // ~Impl closes the VM
  // The message handler of host calls (api/host.cpp), in a slot of its own for the Vm's life.
  api::push_native_function(L, detail::message_handler);
  impl_->message_handler = api::get_top(L);
}

Vm::~Vm() = default;
Vm::Vm(Vm&& other) noexcept = default;
Vm& Vm::operator=(Vm&& other) noexcept = default;

Table Vm::globals() {
  Thread* L = impl_->L;
  detail::StackGuard guard(L);
  detail::reserve(L, 1);
  api::raw_get_i(L, vm::kRegistryIndex, vm::kRidxGlobals);
  return Table::from_stack(L, -1);
}

void Vm::set_budget(uint64_t instructions, std::function<bool()> renew) {
  Impl& impl = *impl_;
  impl.budget = impl.budget_left = instructions;
  impl.renew = std::move(renew);
  impl.budget_step = static_cast<int>(std::min<uint64_t>(instructions, 1u << 30));
  if (instructions == 0) {
    api::set_hook(impl.L, nullptr, 0, 0);
  } else {
    api::set_hook(impl.L, Impl::budget_hook, vm::kMaskCount, impl.budget_step);
  }
}

void Vm::collect_garbage() { api::gc(impl_->current, api::kGcCollect); }

bool Vm::run_file(const char* path) {
  return impl_->protect([&] { return impl_->dochunk(stdlib::load_file(impl_->L, path)); });
}

bool Vm::run_string(std::string_view code, const char* chunkname) {
  return impl_->protect([&] {
    return impl_->dochunk(stdlib::load_buffer(impl_->L, code.data(), code.size(), chunkname));
  });
}

void Vm::set_warnings(bool on) { api::warning(impl_->L, on ? "@on" : "@off", false); }

void Vm::interrupt() noexcept { vm::request_interrupt(impl_->L->g); }

const std::string& Vm::last_error() const { return impl_->last_error; }

GcStats Vm::gc_stats() const { return impl_->stats(); }

}  // namespace tycho
