// What the libFuzzer harnesses share: a VM built the way the harnesses need it.
//
// A fuzz input is a finding only when it crashes, trips a sanitizer or hangs; a Lua error is an
// ordinary outcome. So every input must finish fast and in bounded memory, whatever it asks for:
//   - a heap limit of a few MB (VmOptions::heap_limit): past it the program gets
//     "not enough memory";
//   - a budget of work: `tick` units, spent by the count hook (every kHookPeriod instructions,
//     when it is set) and by the `tick` native function that generated programs call at every
//     loop iteration and function entry (fuzz_vm: the hook-free interpreter is the one that
//     matters, so its programs count their own work). Once the budget is spent, every further
//     tick raises an error, and the count hook fires at every instruction, so that no pcall in
//     a loop can swallow the error for long. A wall-clock deadline backs the count up against
//     inputs whose work lies in native code (big strings, sorts);
//   - a bound on the work of pattern matching, which no hook interrupts (check_match_cost);
//     and bounds on what the C++ scratch buffers of a few library functions can be asked to
//     build (string.rep, string.pack, string.gsub with a string replacement, table.concat):
//     when these harnesses were written (at 11115d5) those buffers were not counted against
//     the heap limit (issue 24, item 2), and the fuzzer must not spend its time on gigabyte
//     strings. Since 0025dcf stdlib::Buffer counts them, so these four bounds only cut short
//     what the library now refuses itself; they can go after a long run without them. Each
//     bounded function is wrapped by a native function that raises "fuzz: ... over the
//     harness's limit" first, then calls the library's function.
// The heap verifier runs when the input is done (finish()): a broken heap aborts the run.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/api.hpp"
#include "vm/debug.hpp"
#include "vm/vm.hpp"

namespace tycho::fuzz {

using vm::Thread;
namespace api = vm::api;

constexpr size_t kHeapLimit = 4u << 20;         // bytes
constexpr size_t kMaxScratch = 2 * kHeapLimit;  // largest result the wrapped functions may build
constexpr int kHookPeriod = 1000;               // instructions between two count-hook ticks
constexpr auto kDeadline = std::chrono::milliseconds(1500);

class FuzzVm {
 public:
  // A VM with the standard libraries, silent warnings and the bounded library functions.
  explicit FuzzVm(size_t heap_limit = kHeapLimit) {
    vm::VmOptions options;
    options.heap_limit = heap_limit;
    L = vm::new_vm(options);
    if (L == nullptr) std::abort();
    L->g->host = this;
    L->g->warn_fn = [](void*, const char*, bool) {};
    api::push_native_function(L, [](Thread* L) {
      stdlib::open_libs(L);
      wrap(L, "string", "rep", bounded_rep);
      wrap(L, "string", "pack", bounded_pack);
      wrap(L, "string", "gsub", bounded_gsub);
      wrap(L, "string", "find", bounded_find);
      wrap(L, "string", "match", bounded_match);
      wrap(L, "string", "gmatch", bounded_match);
      wrap(L, "table", "concat", bounded_concat);
      return 0;
    });
    if (api::pcall(L, 0, 0, 0) != vm::kOk) std::abort();
  }
  ~FuzzVm() { vm::close_vm(L); }
  FuzzVm(const FuzzVm&) = delete;
  FuzzVm& operator=(const FuzzVm&) = delete;

  Thread* L;

  // Start counting: `ticks` units of work from now, and the deadline.
  void set_budget(int64_t ticks) {
    budget_ = ticks;
    deadline_ = std::chrono::steady_clock::now() + kDeadline;
  }
  // Count instructions too (the hooked instantiation of the interpreter).
  void set_count_hook() { api::set_hook(L, count_hook, vm::kMaskCount, kHookPeriod); }

  // A native function that spends one tick: push it for the code under test to call.
  void push_tick() { api::push_native_function(L, tick); }

  // Push a sandbox environment for code that the harness did not write (binary chunks, fuzzed
  // source): the base functions that cannot reach the host or turn the budget off (no io, os,
  // debug, require, dofile; print prints nothing; load gives its chunks this environment by
  // default; setmetatable refuses __gc, since a finalizer runs with hooks off, out of the
  // count hook's reach; xpcall calls its message handler after the error has unwound, since a
  // handler called for an error that the count hook raised runs with hooks off too, in lua as
  // in tycho), and the string, table, math, utf8 and coroutine libraries.
  void push_sandbox() {
    api::new_table(L);
    for (const char* name :
         {"assert",   "error",    "getmetatable", "ipairs",         "next",   "pairs",
          "pcall",    "rawequal", "rawget",       "rawlen",         "rawset", "select",
          "tonumber", "tostring", "type",         "collectgarbage", "string", "table",
          "math",     "utf8",     "coroutine",    "_VERSION"}) {
      api::get_global(L, name);
      api::set_field(L, -2, name);
    }
    api::push_native_function(L, [](Thread*) { return 0; });
    api::set_field(L, -2, "print");
    api::push_native_function(L, sandbox_xpcall);
    api::set_field(L, -2, "xpcall");
    api::get_global(L, "setmetatable");
    api::push_native_closure(L, sandbox_setmetatable, 1);
    api::set_field(L, -2, "setmetatable");
    api::push_value(L, -1);
    api::get_global(L, "load");
    api::push_native_closure(L, sandbox_load, 2);
    api::set_field(L, -2, "load");
    api::push_value(L, -1);
    api::set_field(L, -2, "_G");
  }

  // Call the function below `nargs` arguments on top of the stack; return the status, with
  // the stack back where it was below the function.
  int call(int nargs) {
    int base = api::get_top(L) - nargs - 1;
    int status = api::pcall(L, nargs, 0, 0);
    api::set_top(L, base);
    return status;
  }

  // After the input: a full collection (finalizers run, within the budget left), then the
  // heap verifier, which aborts the run on a problem.
  void finish() {
    api::set_top(L, 0);
    api::push_native_function(L, [](Thread* L) {
      api::gc(L, api::kGcCollect);
      return 0;
    });
    api::pcall(L, 0, 0, 0);
    api::set_top(L, 0);
    std::string problems = vm::verify_heap(L);
    if (!problems.empty()) {
      std::fprintf(stderr, "fuzz: heap verification failed:\n%s\n", problems.c_str());
      std::abort();
    }
  }

 private:
  int64_t budget_ = INT64_MAX;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  uint32_t ticks_ = 0;

  static FuzzVm* self(Thread* L) { return static_cast<FuzzVm*>(L->g->host); }

  // Spend `n` units; false when the budget or the time is up.
  bool spend(int64_t n) {
    budget_ -= n;
    if (budget_ < 0) return false;
    // The clock at every 64th tick, and at every count hook (a thousand instructions can
    // stand for much native work).
    if ((n > 1 || (++ticks_ & 63) == 0) && std::chrono::steady_clock::now() > deadline_) {
      budget_ = -1;
      return false;
    }
    return true;
  }

  static int tick(Thread* L) {
    if (!self(L)->spend(1)) stdlib::error(L, "fuzz: budget exhausted");
    return 0;
  }

  static void count_hook(Thread* L, vm::DebugInfo*) {
    if (self(L)->spend(kHookPeriod)) return;
    api::set_hook(L, count_hook, vm::kMaskCount, 1);  // from now on, at every instruction
    stdlib::error(L, "fuzz: instruction budget exhausted");
  }

  static int sandbox_setmetatable(Thread* L) {
    if (api::type(L, 2) == vm::kTTable) {
      api::push_string(L, "__gc");
      if (api::raw_get(L, 2) != vm::kTNil) stdlib::error(L, "fuzz: no finalizers in the sandbox");
      api::pop(L, 1);
    }
    return call_original(L);
  }
  // xpcall(f, handler, ...): pcall(f, ...), then on an error handler(message) in a pcall.
  static int sandbox_xpcall(Thread* L) {
    stdlib::check_any(L, 2);
    api::push_value(L, 2);
    api::remove(L, 2);
    api::insert(L, 1);  // handler, f, arguments
    if (api::pcall(L, api::get_top(L) - 2, vm::kMultRet, 0) == vm::kOk) {
      api::push_boolean(L, true);
      api::replace(L, 1);
      return api::get_top(L);
    }
    api::pcall(L, 1, 1, 0);  // handler(message)
    api::push_boolean(L, false);
    api::insert(L, -2);
    return 2;
  }
  // load(chunk, name, mode, env) with the sandbox (upvalue 1) as the default env.
  static int sandbox_load(Thread* L) {
    if (api::get_top(L) < 4) {
      api::set_top(L, 4);
      api::push_value(L, api::upvalue_index(1));
      api::replace(L, 4);
    }
    int nargs = api::get_top(L);
    api::push_value(L, api::upvalue_index(2));
    api::insert(L, 1);
    api::call(L, nargs, vm::kMultRet);
    return api::get_top(L);
  }

  // lib[name] = a native closure of `bound` with the library's function as upvalue 1.
  static void wrap(Thread* L, const char* lib, const char* name, vm::NativeFn bound) {
    api::get_global(L, lib);
    api::get_field(L, -1, name);
    api::push_native_closure(L, bound, 1);
    api::set_field(L, -2, name);
    api::pop(L, 1);
  }
  // Tail of every wrapper: call the library's function with the same arguments.
  static int call_original(Thread* L) {
    int nargs = api::get_top(L);
    api::push_value(L, api::upvalue_index(1));
    api::insert(L, 1);
    api::call(L, nargs, vm::kMultRet);
    return api::get_top(L);
  }
  [[noreturn]] static void over_limit(Thread* L, const char* what) {
    stdlib::error(L, "fuzz: %s over the harness's limit", what);
  }

  static size_t string_len(Thread* L, int idx) {
    size_t len = 0;
    if (api::type(L, idx) == vm::kTString || api::type(L, idx) == vm::kTNumber) {
      api::to_lstring(L, idx, &len);  // a number becomes a string here, as the callee would do
    }
    return len;
  }

  static int bounded_rep(Thread* L) {
    if (api::is_integer(L, 2)) {
      int64_t n = api::to_integer(L, 2);
      size_t unit = string_len(L, 1) + string_len(L, 3);
      if (n > 0 && unit > 0 && static_cast<uint64_t>(n) > kMaxScratch / unit) {
        over_limit(L, "string.rep");
      }
    }
    return call_original(L);
  }

  // Every count in the format (c, i, s, !, X sizes) at most six digits: each item then adds
  // at most a MB, and a format is short.
  static int bounded_pack(Thread* L) {
    size_t len;
    const char* fmt = api::to_lstring(L, 1, &len);
    if (fmt != nullptr) {
      size_t run = 0;
      for (size_t i = 0; i < len; i++) {
        run = (fmt[i] >= '0' && fmt[i] <= '9') ? run + 1 : 0;
        if (run > 6) over_limit(L, "string.pack");
      }
      if (len > 4096) over_limit(L, "string.pack");
    }
    return call_original(L);
  }

  // Lua's matcher backtracks: with k repetition items ('*', '+', '-', '?') a pattern costs up
  // to n^(k+1) steps on n bytes, in lua as in tycho, and no hook can stop it. Refused past
  // 10^8 (so never on short subjects).
  static void check_match_cost(Thread* L) {
    size_t plen;
    const char* p = api::type(L, 2) == vm::kTString ? api::to_lstring(L, 2, &plen) : nullptr;
    if (p == nullptr) return;
    int k = 0;
    for (size_t i = 0; i < plen; i++) k += p[i] == '*' || p[i] == '+' || p[i] == '-' || p[i] == '?';
    double n = static_cast<double>(string_len(L, 1)) + 1, cost = n;
    for (int i = 0; i < k && cost <= 1e8; i++) cost *= n;
    if (cost > 1e8) over_limit(L, "pattern matching");
  }
  static int bounded_match(Thread* L) {
    check_match_cost(L);
    return call_original(L);
  }
  static int bounded_find(Thread* L) {
    if (!api::to_boolean(L, 4)) check_match_cost(L);  // not a plain find
    return call_original(L);
  }

  // A string replacement: each match (at most one per position) adds the replacement, whose
  // capture references add at most the subject's length in all (matches do not overlap).
  static int bounded_gsub(Thread* L) {
    check_match_cost(L);
    if (api::type(L, 3) == vm::kTString || api::type(L, 3) == vm::kTNumber) {
      size_t s = string_len(L, 1), r = string_len(L, 3);
      if ((s + 1) * (r + 1) > 2 * kMaxScratch) over_limit(L, "string.gsub");
    }
    return call_original(L);
  }

  // table.concat(t, sep, i, j): the raw elements' lengths, with the separators.
  static int bounded_concat(Thread* L) {
    if (api::type(L, 1) == vm::kTTable) {
      size_t lsep = string_len(L, 2);
      int64_t i = api::is_none_or_nil(L, 3) ? 1 : api::to_integer(L, 3);
      int64_t j = api::is_none_or_nil(L, 4) ? stdlib::len(L, 1) : api::to_integer(L, 4);
      if (j >= i) {
        if (static_cast<uint64_t>(j) - static_cast<uint64_t>(i) >= 100000) {
          over_limit(L, "table.concat");
        }
        size_t total = 0;
        for (int64_t k = i; k <= j; k++) {
          api::raw_get_i(L, 1, k);
          total += string_len(L, -1) + lsep;
          api::pop(L, 1);
          if (total > kMaxScratch) over_limit(L, "table.concat");
        }
      }
    }
    return call_original(L);
  }
};

// The fuzz input as a stream of choices; past its end every choice is 0 (each generator puts
// its simplest, terminating option first).
class Choices {
 public:
  Choices(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  bool empty() const { return p_ == end_; }
  uint8_t byte() { return p_ < end_ ? *p_++ : 0; }
  unsigned below(unsigned n) { return n <= 1 ? 0 : (n <= 256 ? byte() % n : word() % n); }
  uint32_t word() {
    uint32_t w = 0;
    for (int i = 0; i < 4; i++) w = (w << 8) | byte();
    return w;
  }
  bool flip() { return byte() & 1; }
  // The rest of the input, or its next `n` bytes, as a string.
  std::string_view take(size_t n) {
    size_t left = static_cast<size_t>(end_ - p_);
    if (n > left) n = left;
    std::string_view s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }
  // A length-prefixed string of at most `max` bytes.
  std::string_view string(size_t max) { return take(byte() % (max + 1)); }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

}  // namespace tycho::fuzz
