// The pieces of the API that only the tycho program uses (include/tycho/cli.hpp): lua.c's
// script arguments, `-l`, the read-eval-print loop with its tab completion, and the bytecode
// listing.
#include "tycho/cli.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "api/vm_impl.hpp"
#include "lang/compile.hpp"

namespace tycho::cli {

namespace {

// ---- Tab completion (Vm::completions) ----

constexpr const char* kKeywords[] = {"and",   "break", "do",       "else", "elseif", "end",
                                     "false", "for",   "function", "goto", "if",     "in",
                                     "local", "nil",   "not",      "or",   "repeat", "return",
                                     "then",  "true",  "until",    "while"};

bool is_keyword(std::string_view s) {
  return std::find(std::begin(kKeywords), std::end(kKeywords), s) != std::end(kKeywords);
}

// A name that can follow '.' or ':' in source text.
bool is_name(std::string_view s) {
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (s.empty() || !alpha(s[0])) return false;
  for (char c : s) {
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  }
  return !is_keyword(s);
}

// Push the table that the value on top leads to through its metatable's __index (raw), or
// return false (and push nothing) when there is none. Pops the value.
bool push_index_table(Thread* L) {
  if (!api::get_metatable(L, -1)) {
    api::pop(L, 1);
    return false;
  }
  api::push_string(L, "__index");
  int t = api::raw_get(L, -2);
  api::remove(L, -2);  // the metatable
  api::remove(L, -2);  // the value
  if (t == vm::kTTable) return true;
  api::pop(L, 1);
  return false;
}

// Replace the value on top by its field `name`: raw, along the __index tables; nil if absent.
void push_field(Thread* L, std::string_view name) {
  for (int depth = 0; depth < 100; depth++) {
    if (api::type(L, -1) == vm::kTTable) {
      api::push_string(L, name);
      if (api::raw_get(L, -2) != vm::kTNil) {
        api::remove(L, -2);
        return;
      }
      api::pop(L, 1);
    }
    if (!push_index_table(L)) {
      api::push_nil(L);
      return;
    }
  }
  api::pop(L, 1);  // a chain too long
  api::push_nil(L);
}

// Add to `out` the names of the fields of the value on top (and of its __index tables) that
// start with `partial`, after `prefix`; only functions when `methods`. Pops the value.
void add_fields(Thread* L, const std::string& prefix, std::string_view partial, bool methods,
                std::vector<std::string>& out) {
  for (int depth = 0; depth < 100; depth++) {
    if (api::type(L, -1) == vm::kTTable) {
      api::push_nil(L);
      while (api::next(L, -2)) {
        if (api::type(L, -2) == vm::kTString && (!methods || api::is_function(L, -1))) {
          size_t len;
          const char* k = api::to_lstring(L, -2, &len);
          std::string_view key(k, len);
          if (key.substr(0, partial.size()) == partial && is_name(key)) {
            out.push_back(prefix + std::string(key));
          }
        }
        api::pop(L, 1);
      }
    }
    if (!push_index_table(L)) return;
  }
  api::pop(L, 1);
}

}  // namespace

namespace {

// ---- The read-eval-print loop (lua.c's doREPL and helpers) ----
struct Repl {
  VmImpl& impl;
  Thread* L;
  int docall(int narg, int nres) { return impl.docall(narg, nres); }

  // Push the prompt's value (nil when unset) and return its text.
  const char* get_prompt(bool firstline) {
    if (api::get_global(L, firstline ? "_PROMPT" : "_PROMPT2") == vm::kTNil) {
      return firstline ? "> " : ">> ";
    }
    const char* p = stdlib::tolstring(L, -1, nullptr);
    api::remove(L, -2);
    return p;
  }

  // Read a line and push it; false at end of input (the prompt then stays on the stack).
  bool push_line(LineEditor& editor, bool firstline) {
    const char* prompt = get_prompt(firstline);
    std::string line;
    if (!editor.read_line(prompt, line)) return false;
    api::pop(L, 1);  // the prompt
    if (!line.empty() && line.back() == '\n') line.pop_back();
    if (firstline && !line.empty() && line[0] == '=') {  // "=x" means "return x" (Lua 5.2)
      api::push_fstring(L, "return %s", line.c_str() + 1);
    } else {
      api::push_lstring(L, line.data(), line.size());
    }
    return true;
  }

  // Try the line on top as "return <line>;".
  int add_return(LineEditor& editor) {
    const char* line = api::to_string(L, -1);
    const char* retline = api::push_fstring(L, "return %s;", line);
    int status = stdlib::load_buffer(L, retline, std::strlen(retline), "=stdin");
    if (status == vm::kOk) {
      api::remove(L, -2);  // the modified line
      if (line[0] != '\0') editor.save_line(line);
    } else {
      api::pop(L, 2);  // the error and the modified line
    }
    return status;
  }

  // A syntax error at the end of the input means the statement is incomplete.
  bool incomplete(int status) {
    if (status != vm::kErrSyntax) return false;
    static constexpr char kEofMark[] = "<eof>";
    constexpr size_t marklen = sizeof(kEofMark) - 1;
    size_t lmsg;
    const char* msg = api::to_lstring(L, -1, &lmsg);
    if (lmsg >= marklen && std::strcmp(msg + lmsg - marklen, kEofMark) == 0) {
      api::pop(L, 1);
      return true;
    }
    return false;
  }

  // Compile the line at index 1 as a statement, reading continuation lines while incomplete.
  int multiline(LineEditor& editor) {
    for (;;) {
      size_t len;
      const char* line = api::to_lstring(L, 1, &len);
      int status = stdlib::load_buffer(L, line, len, "=stdin");
      if (!incomplete(status) || !push_line(editor, false)) {
        editor.save_line(std::string(line, len));
        return status;
      }
      api::push_string(L, "\n");  // join the lines with a newline
      api::insert(L, -2);
      api::concat(L, 3);
    }
  }

  // Read and compile one statement; -1 at end of input.
  int load_line(LineEditor& editor) {
    api::set_top(L, 0);
    if (!push_line(editor, true)) return -1;
    int status = add_return(editor);
    if (status != vm::kOk) status = multiline(editor);
    api::remove(L, 1);  // the line
    return status;
  }

  static void message(const char* msg) {
    std::fprintf(stderr, "%s\n", msg ? msg : "(null)");
    std::fflush(stderr);
  }

  // Print the values on the stack with the global print.
  void print_results() {
    int n = api::get_top(L);
    if (n == 0) return;
    stdlib::check_stack(L, vm::kMinStack, "too many results to print");
    api::get_global(L, "print");
    api::insert(L, 1);
    if (api::pcall(L, n, 0, 0) != vm::kOk) {
      message(api::push_fstring(L, "error calling 'print' (%s)", api::to_string(L, -1)));
    }
  }

  bool run(LineEditor& editor) {
    int status;
    while ((status = load_line(editor)) != -1) {
      if (status == vm::kOk) status = docall(0, vm::kMultRet);
      if (status == vm::kOk) {
        print_results();
      } else {
        message(api::to_string(L, -1));  // no program name in interactive mode
        api::pop(L, 1);
      }
    }
    api::set_top(L, 0);
    std::fwrite("\n", 1, 1, stdout);
    std::fflush(stdout);
    return true;
  }
};

}  // namespace

bool disassemble_file(Vm& vm, const char* path, std::string& listing) {
  VmImpl& impl = detail::VmAccess::impl(vm);
  return impl.protect([&] {
    int status = stdlib::load_file(impl.L, path);
    if (status != vm::kOk) return impl.report(status);
    listing = lang::disassemble(impl.L->top[-1].as_lua_closure()->p, true);
    return true;
  });
}

bool run_script(Vm& vm, const char* path) {
  VmImpl& impl = detail::VmAccess::impl(vm);
  return impl.protect([&] {
    int status = stdlib::load_file(impl.L, path);
    if (status == vm::kOk) {
      int n = impl.push_args();
      status = impl.docall(n, vm::kMultRet);
    }
    return impl.report(status);
  });
}

bool require(Vm& vm, std::string_view spec) {
  VmImpl& impl = detail::VmAccess::impl(vm);
  std::string globname(spec);
  std::string modname;
  size_t eq = globname.find('=');
  if (eq == std::string::npos) {
    modname = globname;
  } else {
    modname = globname.substr(eq + 1);
    globname.resize(eq);
  }
  return impl.protect([&] {
    Thread* L = impl.L;
    api::get_global(L, "require");
    api::push_string(L, modname);
    int status = impl.docall(1, 1);
    if (status == vm::kOk) api::set_global(L, globname.c_str());
    return impl.report(status);
  });
}

bool set_args(Vm& vm, int argc, const char* const* argv, int script) {
  VmImpl& impl = detail::VmAccess::impl(vm);
  return impl.protect([&] {
    Thread* L = impl.L;
    if (script == argc) script = 0;  // no script name: argv[0] is arg[0]
    int narg = argc - (script + 1);  // number of positive indices
    api::create_table(L, narg > 0 ? narg : 0, script + 1);
    for (int i = 0; i < argc; i++) {
      api::push_string(L, argv[i]);
      api::raw_set_i(L, -2, i - script);
    }
    api::set_global(L, "arg");
    return true;
  });
}

void repl(Vm& vm, LineEditor& editor) {
  VmImpl& impl = detail::VmAccess::impl(vm);
  impl.protect([&] { return Repl{impl, impl.L}.run(editor); });
}

std::vector<std::string> completions(Vm& vm, std::string_view word) {
  VmImpl& impl = detail::VmAccess::impl(vm);
  std::vector<std::string> out;
  std::string saved_error = impl.last_error;
  impl.protect([&] {
    Thread* L = impl.L;
    stdlib::check_stack(L, 8, "completion");
    size_t sep = word.find_last_of(".:");
    std::string_view partial = sep == std::string_view::npos ? word : word.substr(sep + 1);
    api::push_global_table(L);
    if (sep == std::string_view::npos) {
      add_fields(L, "", partial, false, out);
      for (const char* kw : kKeywords) {
        if (std::string_view(kw).substr(0, partial.size()) == partial) out.emplace_back(kw);
      }
    } else {
      std::string_view path = word.substr(0, sep);  // names separated by '.'
      for (;;) {
        size_t dot = path.find('.');
        std::string_view name = path.substr(0, dot);
        if (!is_name(name)) return true;  // ("a:b.c", "f().x", ...): nothing to offer
        push_field(L, name);
        if (dot == std::string_view::npos) break;
        path.remove_prefix(dot + 1);
      }
      add_fields(L, std::string(word.substr(0, sep + 1)), partial, word[sep] == ':', out);
    }
    return true;
  });
  impl.last_error = std::move(saved_error);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace tycho::cli
