// tycho's public C++ API: what a host program includes to run Lua 5.4 code.
//
// A `tycho::Vm` owns one Lua state (its heap, collector and main thread). No pointer into the
// VM's heap crosses this interface. A Vm is used by one OS thread at a time; many Vms can run
// in parallel.
//
//   tycho::Vm vm;                                       // standard libraries opened
//   vm.run("function f(a, b) return a + b end");        // throws tycho::Error on failure
//   vm.set_function("add", [](int64_t a, int64_t b) { return a + b; });
//   auto f = vm.get<tycho::Function>("f");
//   int64_t r = f.call<int64_t>(40, 2);                 // 42
//   int64_t s = vm.call<int64_t>("f", 1, 2);            // a global function, by name
//   vm["config"] = vm.new_table();                      // globals of any convertible type
//
// Values, handles, conversions and bound functions are in tycho/value.hpp. The older entry
// points that return bool (run_file, run_string, ...) keep the message with a Lua stack
// traceback in last_error(), as the `lua` program prints it; the others throw tycho::Error.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tycho/shared.hpp"
#include "tycho/usertype.hpp"
#include "tycho/value.hpp"

namespace tycho {

// "tycho 0.1 (Lua 5.4.4 compatible)"
const char* version_string();

enum class GcMode { kIncremental, kGenerational };

// The collector's settings, with Lua 5.4's names and meanings; 0 keeps the default. They can
// be changed later from Lua with collectgarbage("incremental"/"generational", ...).
struct GcOptions {
  // The mode, as collectgarbage("incremental"/"generational") sets it. The `lua` program
  // starts in generational mode. Both modes collect in small steps; in generational mode
  // minor collections trace and free only the objects born since the last collection.
  GcMode mode = GcMode::kIncremental;
  int pause = 0;          // percent: a cycle starts when the heap has grown to pause% (200)
  int stepmul = 0;        // percent: collector work per allocated byte (100)
  int stepsize = 0;       // log2 of the allocation between steps, in bytes (13: 8 KiB)
  int minormul = 0;       // generational: percent of growth that triggers a minor collection (20)
  int majormul = 0;       // generational: percent of growth that triggers a major collection (40)
  int step_time_us = -1;  // time budget of one step in microseconds (-1: 500; 0: none)
  bool print_stats = false;   // print the collector's statistics on stderr when the Vm closes
  bool verify_steps = false;  // run the heap verifier after every collector step (slow)
};

// The standard libraries, for VmOptions::libraries.
namespace lib {
inline constexpr unsigned kBase = 1u << 0;
inline constexpr unsigned kPackage = 1u << 1;  // require, package
inline constexpr unsigned kCoroutine = 1u << 2;
inline constexpr unsigned kTable = 1u << 3;
inline constexpr unsigned kIo = 1u << 4;
inline constexpr unsigned kOs = 1u << 5;
inline constexpr unsigned kString = 1u << 6;
inline constexpr unsigned kMath = 1u << 7;
inline constexpr unsigned kUtf8 = 1u << 8;
inline constexpr unsigned kDebug = 1u << 9;
inline constexpr unsigned kParallel = 1u << 10;  // require "parallel" (with kPackage)
inline constexpr unsigned kAll = (1u << 11) - 1;
// What a sandbox may have: no files, processes, modules, debug access or threads.
inline constexpr unsigned kSafe = kBase | kCoroutine | kTable | kOs | kString | kMath | kUtf8;
}  // namespace lib

struct VmOptions {
  bool open_libs = true;           // open the standard libraries in `libraries`
  unsigned libraries = lib::kAll;  // lib:: bits
  // A sandbox for untrusted code: only lib::kSafe libraries (of `libraries`), and of those no
  // dofile, loadfile or binary chunks (load and Vm::run take text only), and of os only clock,
  // date, difftime and time. Combine with heap_limit and Vm::set_budget.
  bool sandbox = false;
  size_t heap_limit = 0;    // bytes; 0 = unlimited. Past it, Lua code gets "not enough memory"
  bool ignore_env = false;  // like `lua -E`: libraries ignore LUA_PATH, LUA_CPATH and the like
  GcOptions gc;
};

// Parse one collector setting into `options`: "mode=incremental|generational", "pause=N",
// "stepmul=N", "stepsize=N", "minormul=N", "majormul=N", "step-time=US" (microseconds),
// "heap-limit=SIZE" (bytes, with an optional K, M or G suffix, powers of 1024), "stats" or
// "verify". Returns "" or an error message.
std::string apply_gc_setting(VmOptions& options, std::string_view setting);
// A list of settings separated by commas or spaces (the TYCHO_GC environment variable).
std::string apply_gc_settings(VmOptions& options, std::string_view list);

// What the collector did, for hosts and for `tycho --gc-stats`.
struct GcStats {
  const char* mode = "incremental";
  size_t cycles = 0;        // full (major) cycles
  size_t minor_cycles = 0;  // generational minor collections
  double total_ms = 0;      // time spent collecting
  double max_pause_ms = 0;
  double p99_pause_ms = 0;  // 99th percentile of the pauses (to within 9 %)
  size_t bytes_allocated = 0;
  size_t bytes_freed = 0;
  size_t peak_heap_bytes = 0;
  size_t heap_bytes = 0;  // in use now
};
std::string format_gc_stats(const GcStats& stats);  // a few lines of text

class Vm;

// vm["name"]: a global as an lvalue; reads convert, assignments store.
class GlobalField {
 public:
  GlobalField(detail::Host* host, std::string_view name) : host_(host), name_(name) {}
  template <typename T>
  T get() const {
    detail::State* s = host_->current;
    detail::StackGuard guard(s);
    detail::reserve(s, 1);
    detail::push_global(s, name_);
    return Convert<T>::get(s, -1, 0);
  }
  template <typename T>
  operator T() const {  // NOLINT: implicit, as a global read in Lua
    return get<T>();
  }
  template <typename V>
  GlobalField& operator=(V&& value) {
    detail::State* s = host_->current;
    detail::StackGuard guard(s);
    detail::reserve(s, 1);
    Convert<PushAs<V>>::push(s, std::forward<V>(value));
    detail::set_global(s, name_);
    return *this;
  }
  template <typename R = void, typename... A>
  R call(A&&... args) const {
    detail::State* s = host_->current;
    detail::StackGuard guard(s);
    detail::reserve(s, static_cast<int>(sizeof...(A)) + 2);
    detail::push_global(s, name_);
    return detail::call_top<R>(s, std::forward<A>(args)...);
  }
  template <typename R = void, typename... A>
  R operator()(A&&... args) const {
    return call<R>(std::forward<A>(args)...);
  }

 private:
  detail::Host* host_;
  std::string name_;
};

class Vm {
 public:
  // Throws std::bad_alloc when the VM cannot be built (its basics do not fit the heap limit).
  explicit Vm(const VmOptions& options = {});
  ~Vm();
  Vm(Vm&& other) noexcept;
  Vm& operator=(Vm&& other) noexcept;
  Vm(const Vm&) = delete;
  Vm& operator=(const Vm&) = delete;

  // ---- Embedding (values: tycho/value.hpp); these throw tycho::Error ----
  // Run a chunk of code; R: its results (void: none, a std::tuple for several). Without a
  // chunk name, messages name the chunk by its text ([string "..."]), as lua does.
  template <typename R = void>
  R run(std::string_view code, const char* chunkname = nullptr) {
    detail::State* s = host_->current;
    detail::StackGuard guard(s);
    detail::run(s, code, chunkname, detail::result_count<R>());
    return detail::take_results<R>(s);
  }
  // A global converted to T; set a global to a converted value (a callable becomes a bound
  // function).
  template <typename T>
  T get(std::string_view name) const {
    return GlobalField(host_, name).get<T>();
  }
  template <typename V>
  void set(std::string_view name, V&& value) {
    GlobalField(host_, name) = std::forward<V>(value);
  }
  template <typename F>
  void set_function(std::string_view name, F&& f) {
    set(name, std::forward<F>(f));
  }
  // Call the global function `name`; R as for run.
  template <typename R = void, typename... A>
  R call(std::string_view name, A&&... args) {
    return GlobalField(host_, name).call<R>(std::forward<A>(args)...);
  }
  GlobalField operator[](std::string_view name) { return GlobalField(host_, name); }
  Table new_table(int narr = 0, int nrec = 0) {
    detail::State* s = host_->current;
    detail::StackGuard guard(s);
    detail::reserve(s, 1);
    detail::push_new_table(s, narr, nrec);
    return Convert<Table>::get(s, -1, 0);
  }
  Table globals();
  // A coroutine that will run f (a Lua function or a callable).
  template <typename F>
  Coroutine new_coroutine(F&& f) {
    detail::State* s = host_->current;
    detail::StackGuard guard(s);
    detail::reserve(s, 2);
    Convert<PushAs<F>>::push(s, std::forward<F>(f));
    return Convert<Coroutine>::get(s, -1, 0);
  }
  // An instruction budget for the Lua code of this Vm (its main thread and the coroutines
  // created after this call): every `instructions` instructions, `renew` is called; if it
  // returns true the code gets as many again, else (or without `renew`) it stops with the
  // error "instruction budget exhausted". 0 removes the budget. Counting costs: Lua code runs
  // in the interpreter's hooked loop while a budget is set.
  void set_budget(uint64_t instructions, std::function<bool()> renew = {});
  // Make a C++ class a Lua type (tycho/usertype.hpp): constructors, fields, methods,
  // properties, metamethods, bases; the global `name` holds its class table.
  template <typename T, typename... Items>
  void new_usertype(std::string_view name, Items&&... items) {
    detail::State* s = host_->current;
    detail::StackGuard guard(s);
    detail::UsertypeBuilder b(s, &detail::type_info_of<T>, name);
    detail::add_items<T>(b, s, std::forward<Items>(items)...);
    b.finish();
  }
  void collect_garbage();  // a full collection, as collectgarbage("collect")

  // Run a chunk from a file (null path: standard input), or from a string with a chunk name
  // in Lua's convention ("=name" shown as is, "@file" as a file name). Results are discarded.
  bool run_file(const char* path);
  bool run_string(std::string_view code, const char* chunkname = "=(string)");
  void set_warnings(bool on);  // warn("@on") / warn("@off")

  // Ask the Lua code that is running to stop with the error "interrupted!", as `lua` does
  // on Ctrl-C: it stops before its next instruction (a native function it is in runs to its
  // end first). Async-signal-safe: it only sets lock-free atomics, so a signal handler (the
  // `tycho` program's, on SIGINT) or another thread may call it. A request concerns the call
  // in progress (run_file, ..., a statement of the REPL): one made between calls, or that no
  // Lua code saw before the call returned, is dropped.
  void interrupt() noexcept;

  // The message of the last failure, with its traceback.
  const std::string& last_error() const;

  GcStats gc_stats() const;

 private:
  friend struct detail::VmAccess;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  detail::Host* host_ = nullptr;  // impl_'s
};

}  // namespace tycho
