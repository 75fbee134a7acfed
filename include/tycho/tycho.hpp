// tycho's public C++ API: what a host program includes to run Lua 5.4 code.
//
// A `tycho::Vm` owns one Lua state (its heap, collector and main thread). No pointer into the
// VM's heap crosses this interface. Code runs in protected mode: a failing call returns false
// and last_error() holds the message with a Lua stack traceback, as the `lua` program prints
// it. A Vm is used by one OS thread at a time; many Vms can run in parallel.
//
// This first version offers what the `tycho` command-line program needs to behave like `lua`;
// value handles, typed calls and bound C++ functions come later.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
  int majormul = 0;       // generational: percent of growth that triggers a major collection (100)
  int step_time_us = -1;  // time budget of one step in microseconds (-1: 500; 0: none)
  bool print_stats = false;   // print the collector's statistics on stderr when the Vm closes
  bool verify_steps = false;  // run the heap verifier after every collector step (slow)
};

struct VmOptions {
  bool open_libs = true;    // open the standard libraries
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

// The line input of an interactive session (Vm::repl): a terminal line editor or plain stdin.
class LineEditor {
 public:
  virtual ~LineEditor() = default;
  // Show `prompt`, read one line (without its newline) into `line`; false at end of input.
  virtual bool read_line(const char* prompt, std::string& line) = 0;
  // A complete statement the user entered, for the history.
  virtual void save_line(const std::string& line) { (void)line; }
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

  // Run a chunk from a file (null path: standard input), or from a string with a chunk name
  // in Lua's convention ("=name" shown as is, "@file" as a file name). Results are discarded.
  bool run_file(const char* path);
  bool run_string(std::string_view code, const char* chunkname = "=(string)");
  // Run the main script of a program: like run_file, with arg[1..#arg] as its `...`.
  bool run_script(const char* path);
  // `lua -l`: "mod" sets global mod = require("mod"); "g=mod" sets global g = require("mod").
  bool require(std::string_view spec);

  // The global `arg` table from a command line, as the `lua` program builds it: argv[script]
  // is arg[0], the options before it get negative indices, the script's arguments 1..n.
  // `script` == argc means there is no script (then argv[0] is arg[0]).
  bool set_args(int argc, const char* const* argv, int script);
  void set_warnings(bool on);  // warn("@on") / warn("@off")

  // Read-eval-print loop until the editor reports end of input: each line runs as
  // "return <line>" if that compiles, else as a statement, with continuation lines while the
  // input is incomplete. Results are printed with `print`; errors go to stderr.
  void repl(LineEditor& editor);
  // Tab completion for an interactive session: the names that can end `word`, the name or
  // field path being typed ("pri", "string.fo", "obj:me"), each as the whole new word,
  // sorted: globals and keywords; after '.', the fields of the value (a table) and of the
  // tables its metatables' __index chain leads to; after ':', those of them that are
  // functions. Lookups are raw: no metamethod runs.
  std::vector<std::string> completions(std::string_view word);

  // Ask the Lua code that is running to stop with the error "interrupted!", as `lua` does
  // on Ctrl-C: it stops before its next instruction (a native function it is in runs to its
  // end first). Async-signal-safe: it only sets lock-free atomics, so a signal handler (the
  // `tycho` program's, on SIGINT) or another thread may call it. A request concerns the call
  // in progress (run_file, ..., a statement of the REPL): one made between calls, or that no
  // Lua code saw before the call returned, is dropped.
  void interrupt() noexcept;

  // Compile a file (null: standard input) without running it and give its bytecode listing,
  // nested functions included, in the style of `luac -l -l`.
  bool disassemble_file(const char* path, std::string& listing);

  // The message of the last failure, with its traceback.
  const std::string& last_error() const;

  GcStats gc_stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tycho
