// Vm::Impl, which api/vm.cpp (the Vm) and api/cli.cpp (the pieces only the tycho program
// uses) share.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "api/internal.hpp"
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "tycho/tycho.hpp"
#include "vm/vm.hpp"

namespace tycho {

using stdlib::Thread;
namespace api = vm::api;

struct Vm::Impl final : stdlib::Host, detail::Host {
  Thread* L = nullptr;
  std::string last_error;
  int last_status = vm::kOk;  // of the last failure

  bool print_gc_stats = false;

  // Vm::set_budget
  uint64_t budget = 0;
  uint64_t budget_left = 0;
  int budget_step = 0;  // instructions between two calls of the hook
  std::function<bool()> renew;
  static void budget_hook(Thread* L, vm::DebugInfo*) {
    auto* impl = static_cast<Impl*>(static_cast<detail::Host*>(L->g->api_host));
    const uint64_t step = static_cast<uint64_t>(impl->budget_step);
    impl->budget_left = impl->budget_left > step ? impl->budget_left - step : 0;
    if (impl->budget_left > 0) return;
    bool more = false;
    if (impl->renew) {
      detail::run_as_lua_call(L, impl, [&] {
        more = impl->renew();
        return 0;
      });
    }
    if (!more) {  // raised where the code was (level 0: hooks run in the frame they stop)
      stdlib::where(L, 0);
      api::push_string(L, "instruction budget exhausted");
      api::concat(L, 2);
      api::error(L);
    }
    impl->budget_left = impl->budget;
  }

  ~Impl() {
    if (L == nullptr) return;
    before_exit();
    vm::close_vm(L);
  }

  // When the Vm closes, or os.exit ends the process without closing it.
  void before_exit() override {
    if (!print_gc_stats) return;
    print_gc_stats = false;  // once
    std::string text = format_gc_stats(stats());
    std::fputs(text.c_str(), stderr);
    std::fflush(stderr);
  }

  GcStats stats() const {
    const vm::Global* g = L->g;
    const gc::Stats& s = g->gc.stats();
    GcStats r;
    r.mode = g->gc.generational() ? "generational" : "incremental";
    r.cycles = s.cycles - s.minor_cycles;
    r.minor_cycles = s.minor_cycles;
    r.total_ms = s.total_ms;
    r.max_pause_ms = s.max_pause_ms;
    r.p99_pause_ms = s.pause_percentile_ms(0.99);
    r.bytes_allocated = g->heap.total_allocated();
    r.bytes_freed = g->heap.total_freed();
    r.peak_heap_bytes = g->heap.peak_bytes();
    r.heap_bytes = g->heap.bytes_in_use();
    return r;
  }

  // Run body() -> bool in protected mode; an error escaping it becomes last_error.
  template <typename F>
  bool protect(F body) {
    vm::clear_interrupt(L->g);  // a request concerns the call in progress
    int top = api::get_top(L);
    api::push_native_function(L, &trampoline<F>);
    api::push_light_userdata(L, &body);
    int status = api::pcall(L, 1, 1, 0);
    bool ok = status == vm::kOk ? api::to_boolean(L, -1) : report(status);
    api::set_top(L, top);
    vm::clear_interrupt(L->g);  // a request the code did not see is not for what comes next
    if (!ok && last_status == vm::kErrMem) {
      // The heap is at its limit and allocation does not collect: collect now, at a safe
      // point, so that the next call has memory to work with.
      api::gc(L, api::kGcCollect);
    }
    return ok;
  }

  template <typename F>
  static int trampoline(Thread* L) {
    F* body = static_cast<F*>(api::to_userdata(L, 1));
    api::push_boolean(L, (*body)());
    return 1;
  }

  // lua.c's report: keep the message on top as last_error and pop it. True when status is ok.
  bool report(int status) {
    if (status == vm::kOk) return true;
    last_status = status;
    if (api::type(L, -1) == vm::kTString) {
      size_t len;
      const char* msg = api::to_lstring(L, -1, &len);
      last_error.assign(msg, len);
    } else {
      last_error = "(error object is not a string)";
    }
    api::pop(L, 1);
    return false;
  }

  // Call the function below the narg arguments on top, with the message handler.
  int docall(int narg, int nres) {
    int base = api::get_top(L) - narg;
    api::push_native_function(L, detail::message_handler);
    api::insert(L, base);
    int status = api::pcall(L, narg, nres, base);
    vm::clear_interrupt(L->g);  // (in the REPL, per statement)
    api::remove(L, base);
    return status;
  }

  bool dochunk(int status) {
    if (status == vm::kOk) status = docall(0, 0);
    return report(status);
  }

  // Push arg[1..#arg]; returns how many.
  int push_args() {
    if (api::get_global(L, "arg") != vm::kTTable) stdlib::error(L, "'arg' is not a table");
    int n = static_cast<int>(stdlib::len(L, -1));
    stdlib::check_stack(L, n + 3, "too many arguments to script");
    int i;
    for (i = 1; i <= n; i++) api::raw_get_i(L, -i, i);
    api::remove(L, -i);
    return n;
  }
};

namespace detail {
// How the implementation reaches a Vm's Impl (a friend of Vm).
struct VmAccess {
  using Impl = Vm::Impl;
  static Impl& impl(Vm& vm) { return *vm.impl_; }
};
}  // namespace detail

using VmImpl = detail::VmAccess::Impl;

}  // namespace tycho
