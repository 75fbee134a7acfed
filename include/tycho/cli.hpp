// What the `tycho` program needs beyond the embedding API, to behave like `lua`: the script's
// `arg` table and `...`, `lua -l`, the read-eval-print loop with tab completion, and the
// bytecode listing. Each runs in protected mode: false means failure, with the message and a
// Lua stack traceback in vm.last_error().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tycho/tycho.hpp"

namespace tycho::cli {

// Run the main script of a program: like Vm::run_file, with arg[1..#arg] as its `...`.
bool run_script(Vm& vm, const char* path);
// `lua -l`: "mod" sets global mod = require("mod"); "g=mod" sets global g = require("mod").
bool require(Vm& vm, std::string_view spec);
// The global `arg` table from a command line, as the `lua` program builds it: argv[script]
// is arg[0], the options before it get negative indices, the script's arguments 1..n.
// `script` == argc means there is no script (then argv[0] is arg[0]).
bool set_args(Vm& vm, int argc, const char* const* argv, int script);

// The line input of an interactive session (repl): a terminal line editor or plain stdin.
class LineEditor {
 public:
  virtual ~LineEditor() = default;
  // Show `prompt`, read one line (without its newline) into `line`; false at end of input.
  virtual bool read_line(const char* prompt, std::string& line) = 0;
  // A complete statement the user entered, for the history.
  virtual void save_line(const std::string& line) { (void)line; }
};

// Read-eval-print loop until the editor reports end of input: each line runs as
// "return <line>" if that compiles, else as a statement, with continuation lines while the
// input is incomplete. Results are printed with `print`; errors go to stderr.
void repl(Vm& vm, LineEditor& editor);
// Tab completion for an interactive session: the names that can end `word`, the name or
// field path being typed ("pri", "string.fo", "obj:me"), each as the whole new word,
// sorted: globals and keywords; after '.', the fields of the value (a table) and of the
// tables its metatables' __index chain leads to; after ':', those of them that are
// functions. Lookups are raw: no metamethod runs.
std::vector<std::string> completions(Vm& vm, std::string_view word);

// Compile a file (null: standard input) without running it and give its bytecode listing,
// nested functions included, in the style of `luac -l -l`.
bool disassemble_file(Vm& vm, const char* path, std::string& listing);

}  // namespace tycho::cli
