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

namespace tycho {

// "tycho 0.1 (Lua 5.4 compatible)"
const char* version_string();

enum class GcMode { kIncremental, kGenerational };

struct VmOptions {
  bool open_libs = true;    // open the standard libraries
  size_t heap_limit = 0;    // bytes; 0 = unlimited. Past it, Lua code gets "not enough memory"
  bool ignore_env = false;  // like `lua -E`: libraries ignore LUA_PATH, LUA_CPATH and the like
  // The collector's mode, as collectgarbage("incremental"/"generational") sets it. The `lua`
  // program starts in generational mode. (The collector is incremental only so far; the
  // mode is what collectgarbage reports.)
  GcMode gc_mode = GcMode::kIncremental;
};

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

  // Compile a file (null: standard input) without running it and give its bytecode listing,
  // nested functions included, in the style of `luac -l -l`.
  bool disassemble_file(const char* path, std::string& listing);

  // The message of the last failure, with its traceback.
  const std::string& last_error() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tycho
