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

#include "api/internal.hpp"
#include "lang/compile.hpp"
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "tycho/tycho.hpp"
#include "vm/vm.hpp"

namespace tycho {

using stdlib::Thread;
namespace api = vm::api;

const char* version_string() { return "tycho 0.1 (Lua 5.4.4 compatible)"; }

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
      try {
        detail::BoundFrame frame(L);  // host code inside a Lua call
        more = impl->renew();
      } catch (const std::exception& e) {
        detail::raise(L, e.what());
      }
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

  // ---- The read-eval-print loop (lua.c's doREPL and helpers) ----

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

  bool do_repl(LineEditor& editor) {
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

bool Vm::disassemble_file(const char* path, std::string& listing) {
  return impl_->protect([&] {
    int status = stdlib::load_file(impl_->L, path);
    if (status != vm::kOk) return impl_->report(status);
    listing = lang::disassemble(impl_->L->top[-1].as_lua_closure()->p, true);
    return true;
  });
}

bool Vm::run_script(const char* path) {
  return impl_->protect([&] {
    int status = stdlib::load_file(impl_->L, path);
    if (status == vm::kOk) {
      int n = impl_->push_args();
      status = impl_->docall(n, vm::kMultRet);
    }
    return impl_->report(status);
  });
}

bool Vm::require(std::string_view spec) {
  std::string globname(spec);
  std::string modname;
  size_t eq = globname.find('=');
  if (eq == std::string::npos) {
    modname = globname;
  } else {
    modname = globname.substr(eq + 1);
    globname.resize(eq);
  }
  return impl_->protect([&] {
    Thread* L = impl_->L;
    api::get_global(L, "require");
    api::push_string(L, modname);
    int status = impl_->docall(1, 1);
    if (status == vm::kOk) api::set_global(L, globname.c_str());
    return impl_->report(status);
  });
}

bool Vm::set_args(int argc, const char* const* argv, int script) {
  return impl_->protect([&] {
    Thread* L = impl_->L;
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

void Vm::set_warnings(bool on) { api::warning(impl_->L, on ? "@on" : "@off", false); }

void Vm::repl(LineEditor& editor) {
  impl_->protect([&] { return impl_->do_repl(editor); });
}

std::vector<std::string> Vm::completions(std::string_view word) {
  std::vector<std::string> out;
  std::string saved_error = impl_->last_error;
  impl_->protect([&] {
    Thread* L = impl_->L;
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
  impl_->last_error = std::move(saved_error);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void Vm::interrupt() noexcept { vm::request_interrupt(impl_->L->g); }

const std::string& Vm::last_error() const { return impl_->last_error; }

GcStats Vm::gc_stats() const { return impl_->stats(); }

}  // namespace tycho
