// The `tycho` program: a drop-in for the `lua` stand-alone interpreter (lua.c), built only on
// the public API.
//
//   tycho [options] [script [args]]
//     -e stat   execute string 'stat'         -v  show version information
//     -i        interactive mode after script -E  ignore environment variables
//     -l mod    require library 'mod'         -W  turn warnings on
//     -l g=mod  ... into global 'g'           --  stop handling options
//     -         stop handling options and execute stdin
//
// Options are collected first, then the VM is made, LUA_INIT_5_4 (or LUA_INIT) runs unless -E,
// then -e/-l/-W in order, then the script with its arguments, then the REPL if asked for (or
// if nothing else was asked and stdin is a terminal; otherwise stdin runs as a script).
// tycho's own options (--gc..., --heap-limit) may come anywhere before the script.
#include <malloc.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "tycho/cli.hpp"
#include "tycho/tycho.hpp"

#ifdef TYCHO_HAVE_EDITLINE
#include <dlfcn.h>
#endif

namespace {

// The name in messages: argv[0]'s base name (a `lua` link to tycho says "lua: ...").
const char* prog_name = "tycho";

void set_prog_name(const char* argv0) {
  if (argv0 == nullptr || argv0[0] == '\0') return;
  const char* slash = std::strrchr(argv0, '/');
  if (slash == nullptr) {
    prog_name = argv0;
  } else if (slash[1] != '\0') {
    prog_name = slash + 1;
  }
}

// lua.c's print_usage; `needs_arg`: the option lacks its argument.
void print_usage(const char* badoption, bool needs_arg) {
  std::fprintf(stderr, "%s: ", prog_name);
  if (needs_arg) {
    std::fprintf(stderr, "'%s' needs argument\n", badoption);
  } else {
    std::fprintf(stderr, "unrecognized option '%s'\n", badoption);
  }
  std::fprintf(stderr,
               "usage: %s [options] [script [args]]\n"
               "Available options are:\n"
               "  -e stat   execute string 'stat'\n"
               "  -i        enter interactive mode after executing 'script'\n"
               "  -l mod    require library 'mod' into global 'mod'\n"
               "  -l g=mod  require library 'mod' into global 'g'\n"
               "  -v        show version information\n"
               "  -E        ignore environment variables\n"
               "  -W        turn warnings on\n"
               "  --        stop handling options\n"
               "  -         stop handling options and execute stdin\n"
               "  --disasm file...  print the files' bytecode instead of running them\n"
               "  --help    more, including tycho's collector options\n",
               prog_name);
  std::fflush(stderr);
}

void message(const std::string& msg) {
  std::fprintf(stderr, "%s: %s\n", prog_name, msg.c_str());
  std::fflush(stderr);
}

// Report a failure of the VM's last operation; returns ok.
bool report(const tycho::Vm& vm, bool ok) {
  if (!ok) message(vm.last_error());
  return ok;
}

void print_version() {
  std::fputs(tycho::version_string(), stdout);
  std::fputs("\n", stdout);
  std::fflush(stdout);
}

// `tycho --help`: lua's options, then tycho's own.
void print_help() {
  std::printf(
      "usage: %s [tycho options] [options] [script [args]]\n"
      "Options (as lua's):\n"
      "  -e stat   execute string 'stat'\n"
      "  -i        enter interactive mode after executing 'script'\n"
      "  -l mod    require library 'mod' into global 'mod'\n"
      "  -l g=mod  require library 'mod' into global 'g'\n"
      "  -v        show version information\n"
      "  -E        ignore environment variables (LUA_INIT, LUA_PATH, TYCHO_GC, ...)\n"
      "  -W        turn warnings on\n"
      "  --        stop handling options\n"
      "  -         stop handling options and execute stdin\n"
      "tycho options (--help and --disasm first; the others anywhere before the script, with\n"
      "their value after '=' or as the next argument: --heap-limit=8M, --heap-limit 8M):\n"
      "  --help                 show this help\n"
      "  --disasm file...       print the files' bytecode instead of running them\n"
      "  --gc=MODE              collector mode: incremental or generational (default, as lua)\n"
      "  --gc-pause=N           start a cycle when the heap reaches N%% of its size after the\n"
      "                         last one (default 200)\n"
      "  --gc-stepmul=N         collector work per allocation, percent (default 100)\n"
      "  --gc-stepsize=N        log2 of the bytes allocated between steps (default 13)\n"
      "  --gc-minormul=N        generational: minor collection after N%% growth (default 20)\n"
      "  --gc-majormul=N        generational: major collection after N%% growth (default 40)\n"
      "  --gc-step-time=US      time budget of one collector step in microseconds; a step\n"
      "                         stops when it is spent (default 500; 0: no budget)\n"
      "  --heap-limit=SIZE      cap the heap at SIZE bytes (suffix K, M or G); past it, Lua\n"
      "                         code gets a \"not enough memory\" error\n"
      "  --gc-stats             print the collector's statistics on stderr at exit (after an\n"
      "                         error or os.exit too)\n"
      "  --gc-verify            check the heap after every collector step (slow; for\n"
      "                         debugging the VM)\n"
      "Environment:\n"
      "  TYCHO_GC               the same settings, comma-separated, without the dashes:\n"
      "                         e.g. TYCHO_GC=mode=incremental,pause=150,heap-limit=512M,stats\n"
      "                         (command-line options win)\n"
      "  LUA_INIT_5_4, LUA_INIT, LUA_PATH_5_4, LUA_PATH, LUA_CPATH_5_4, LUA_CPATH as lua\n"
      "Both modes collect incrementally, in steps paced by stepmul and stepsize. In\n"
      "generational mode objects that survived a collection are old: minor collections\n"
      "trace and free only the young ones, major ones (after majormul%% growth) all.\n"
      "Ctrl-C stops the running Lua code with the error \"interrupted!\" (a second one, before\n"
      "it stops, ends the program); in the interactive mode, Tab completes names and fields.\n",
      prog_name);
}

// Take tycho's options (--gc..., --heap-limit) out of argv (null-terminated, argc + 1 entries)
// wherever they come before the script, as "name=value" settings for tycho::apply_gc_setting,
// so that lua's option parsing sees the rest. A value follows '=' or is the next argument.
// Returns the new argc, or -1 with the option in *missing when its value is missing.
int take_gc_options(std::vector<char*>& argv, std::vector<std::string>& settings,
                    const char** missing) {
  size_t i = 1;
  while (i + 1 < argv.size()) {
    std::string_view a = argv[i];
    if (a.size() < 2 || a[0] != '-' || a == "--") break;  // the script, or no more options
    if (a == "-e" || a == "-l") {                         // its argument may start with "--"
      i = argv[i + 1] == nullptr ? i + 1 : i + 2;
      continue;
    }
    if (!(a == "--gc" || a.starts_with("--gc=") || a.starts_with("--gc-") || a == "--heap-limit" ||
          a.starts_with("--heap-limit="))) {
      i++;
      continue;
    }
    a.remove_prefix(2);
    const size_t eq = a.find('=');
    std::string name(a.substr(0, eq));
    if (name == "gc") {
      name = "mode";
    } else if (name.starts_with("gc-")) {
      name.erase(0, 3);
    }
    size_t taken = 1;
    if (eq != std::string_view::npos) {
      settings.push_back(name + "=" + std::string(a.substr(eq + 1)));
    } else if (name == "stats" || name == "verify") {
      settings.push_back(name);
    } else if (argv[i + 1] == nullptr) {
      *missing = argv[i];
      return -1;
    } else {
      settings.push_back(name + "=" + argv[i + 1]);
      taken = 2;
    }
    auto at = argv.begin() + static_cast<ptrdiff_t>(i);
    argv.erase(at, at + static_cast<ptrdiff_t>(taken));
  }
  return static_cast<int>(argv.size()) - 1;
}

enum : int { kHasError = 1, kHasI = 2, kHasV = 4, kHasE = 8, kHasNoEnv = 16 };

// lua.c's collectargs: the option flags, and in *first the index of the script (argc when
// there is none, or the bad option on kHasError).
int collect_args(char** argv, int* first) {
  int args = 0;
  int i;
  for (i = 1; argv[i] != nullptr; i++) {
    *first = i;
    if (argv[i][0] != '-') return args;  // not an option: the script
    switch (argv[i][1]) {
      case '-':  // '--'
        if (argv[i][2] != '\0') return kHasError;
        *first = i + 1;
        return args;
      case '\0':  // '-': the script is stdin
        return args;
      case 'E':
        if (argv[i][2] != '\0') return kHasError;
        args |= kHasNoEnv;
        break;
      case 'W':
        if (argv[i][2] != '\0') return kHasError;
        break;
      case 'i':
        args |= kHasI;  // -i implies -v
        [[fallthrough]];
      case 'v':
        if (argv[i][2] != '\0') return kHasError;
        args |= kHasV;
        break;
      case 'e':
        args |= kHasE;
        [[fallthrough]];
      case 'l':  // both need an argument
        if (argv[i][2] == '\0') {
          i++;
          if (argv[i] == nullptr || argv[i][0] == '-') return kHasError;
        }
        break;
      default:
        return kHasError;
    }
  }
  *first = i;  // no script
  return args;
}

// ---- Ctrl-C, as lua.c's laction ----
// While Lua code runs, the first SIGINT asks it to stop with "interrupted!" (Vm::interrupt,
// all the handler does) and gives SIGINT back its default action, so that a second one ends a
// program that does not come back to Lua code. Elsewhere (reading a line, between runs)
// SIGINT has its default action.

std::atomic<tycho::Vm*> interrupt_target{nullptr};

extern "C" void on_sigint(int) {
  signal(SIGINT, SIG_DFL);
  if (tycho::Vm* vm = interrupt_target.load()) vm->interrupt();
}

void set_sigint(void (*handler)(int)) {
  struct sigaction sa = {};
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART;  // as signal(): a read in progress goes on
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
}

// Ctrl-C interrupts the VM's code while one of these lives.
class InterruptibleRun {
 public:
  explicit InterruptibleRun(tycho::Vm& vm) {
    interrupt_target.store(&vm);
    set_sigint(on_sigint);
  }
  ~InterruptibleRun() { set_sigint(SIG_DFL); }
  InterruptibleRun(const InterruptibleRun&) = delete;
  InterruptibleRun& operator=(const InterruptibleRun&) = delete;
};

// While the REPL reads a line (inside an InterruptibleRun): the default action.
class ReadingLine {
 public:
  ReadingLine() { set_sigint(SIG_DFL); }
  ~ReadingLine() { set_sigint(on_sigint); }
  ReadingLine(const ReadingLine&) = delete;
  ReadingLine& operator=(const ReadingLine&) = delete;
};

// Run -e, -l and -W in order; false when one failed.
bool run_args(tycho::Vm& vm, char** argv, int n) {
  for (int i = 1; i < n; i++) {
    int option = argv[i][1];
    switch (option) {
      case 'e':
      case 'l': {
        const char* extra = argv[i] + 2;
        if (*extra == '\0') extra = argv[++i];
        InterruptibleRun interruptible(vm);
        bool ok = option == 'e' ? vm.run_string(extra, "=(command line)")
                                : tycho::cli::require(vm, extra);
        if (!report(vm, ok)) return false;
        break;
      }
      case 'W':
        vm.set_warnings(true);
        break;
      default:
        break;
    }
  }
  return true;
}

bool handle_luainit(tycho::Vm& vm) {
  const char* name = "=LUA_INIT_5_4";
  const char* init = std::getenv(name + 1);
  if (init == nullptr) {
    name = "=LUA_INIT";
    init = std::getenv(name + 1);
  }
  if (init == nullptr) return true;
  InterruptibleRun interruptible(vm);
  if (init[0] == '@') return report(vm, vm.run_file(init + 1));
  return report(vm, vm.run_string(init, name));
}

// Lines from stdin with the prompt on stdout (lua.c without readline).
class StdinEditor : public tycho::cli::LineEditor {
 public:
  bool read_line(const char* prompt, std::string& line) override {
    ReadingLine reading;
    std::fputs(prompt, stdout);
    std::fflush(stdout);
    line.clear();
    int c;
    while ((c = std::getchar()) != EOF) {
      line.push_back(static_cast<char>(c));
      if (c == '\n') break;
    }
    return !line.empty();
  }
};

#ifdef TYCHO_HAVE_EDITLINE
// libedit, loaded when the REPL starts on a terminal: linked in, it and the libraries it
// pulls (libtinfo, libbsd, libmd) would cost every script about 370 KiB of resident memory
// at start-up. TYCHO_EDITLINE_SONAME is the library the build found.
// Tab completes names (tycho::cli::completions) through libedit's readline interface.
class EditlineEditor : public tycho::cli::LineEditor {
 public:
  // Null when the library or one of its functions is missing (the REPL reads plain lines).
  static EditlineEditor* open(tycho::Vm& vm) {
    void* lib = dlopen(TYCHO_EDITLINE_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) return nullptr;
    auto* e = new EditlineEditor;
    e->readline_ = reinterpret_cast<char* (*)(const char*)>(dlsym(lib, "readline"));
    e->add_history_ = reinterpret_cast<int (*)(const char*)>(dlsym(lib, "add_history"));
    auto** name = static_cast<char**>(dlsym(lib, "rl_readline_name"));
    if (e->readline_ == nullptr || e->add_history_ == nullptr) {
      delete e;
      return nullptr;
    }
    if (name != nullptr) *name = const_cast<char*>("tycho");
    e->setup_completion(lib, vm);
    return e;
  }
  bool read_line(const char* prompt, std::string& line) override {
    ReadingLine reading;
    char* l = readline_(prompt);
    if (l == nullptr) return false;
    line = l;
    std::free(l);
    return true;
  }
  void save_line(const std::string& line) override { add_history_(line.c_str()); }

 private:
  using Generator = char* (*)(const char*, int);
  using Matcher = char** (*)(const char*, Generator);

  // libedit has one completion callback, without user data: these are for it.
  static inline tycho::Vm* completing_vm = nullptr;
  static inline Matcher completion_matches = nullptr;
  static inline int* completion_over = nullptr;
  static inline std::vector<std::string> candidates;

  // The word before the cursor is a name or a field path ("string.fo", "obj:me"): the word
  // breaks are the other characters that end an expression.
  static constexpr const char* kWordBreaks = " \t\n\"\\'`><=;+-*/%^~#&|{}()[],";

  void setup_completion(void* lib, tycho::Vm& vm) {
    auto* attempted = static_cast<char** (**)(const char*, int, int)>(
        dlsym(lib, "rl_attempted_completion_function"));
    completion_matches = reinterpret_cast<Matcher>(dlsym(lib, "rl_completion_matches"));
    if (attempted == nullptr || completion_matches == nullptr) return;  // no completion
    completing_vm = &vm;
    completion_over = static_cast<int*>(dlsym(lib, "rl_attempted_completion_over"));
    if (auto* append = static_cast<int*>(dlsym(lib, "rl_completion_append_character"))) {
      *append = '\0';  // "string.format" is followed by '(' or ',' as often as by a space
    }
    if (auto* breaks = static_cast<const char**>(dlsym(lib, "rl_basic_word_break_characters"))) {
      *breaks = kWordBreaks;  // (the one libedit reads)
    }
    if (auto* breaks = static_cast<char**>(dlsym(lib, "rl_completer_word_break_characters"))) {
      *breaks = const_cast<char*>(kWordBreaks);
    }
    *attempted = complete;
  }

  static char** complete(const char* text, int, int) {
    if (completion_over != nullptr) *completion_over = 1;  // no file names when none match
    candidates = tycho::cli::completions(*completing_vm, text);
    return candidates.empty() ? nullptr : completion_matches(text, next_candidate);
  }

  static char* next_candidate(const char*, int state) {
    static size_t next = 0;
    if (state == 0) next = 0;
    if (next >= candidates.size()) return nullptr;
    return strdup(candidates[next++].c_str());  // libedit frees it
  }

  char* (*readline_)(const char*) = nullptr;
  int (*add_history_)(const char*) = nullptr;
};
#endif

void do_repl(tycho::Vm& vm) {
  InterruptibleRun interruptible(vm);
#ifdef TYCHO_HAVE_EDITLINE
  if (isatty(STDIN_FILENO)) {
    if (EditlineEditor* editor = EditlineEditor::open(vm)) {
      tycho::cli::repl(vm, *editor);
      delete editor;
      return;
    }
  }
#endif
  StdinEditor editor;
  tycho::cli::repl(vm, editor);
}

}  // namespace

// `tycho --disasm file...`: print each file's bytecode without running it ("-": stdin).
int disassemble(int argc, char** argv) {
  tycho::Vm vm;
  for (int i = 2; i < argc; i++) {
    std::string listing;
    const char* path = std::strcmp(argv[i], "-") == 0 ? nullptr : argv[i];
    if (!tycho::cli::disassemble_file(vm, path, listing)) {
      message(vm.last_error());
      return EXIT_FAILURE;
    }
    std::fputs(listing.c_str(), stdout);
  }
  return EXIT_SUCCESS;
}

int main(int argc, char** argv) {
  set_prog_name(argv[0]);
  if (argc >= 2 && std::strcmp(argv[1], "--disasm") == 0) return disassemble(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "--help") == 0) {
    print_help();
    return EXIT_SUCCESS;
  }
  // Take tycho's own options out, so that lua's option parsing sees the rest.
  std::vector<char*> rest(argv, argv + argc + 1);
  std::vector<std::string> gc_settings;
  const char* missing = nullptr;
  argc = take_gc_options(rest, gc_settings, &missing);
  if (argc < 0) {
    print_usage(missing, true);
    return EXIT_FAILURE;
  }
  argv = rest.data();
  int script = 0;
  int args = collect_args(argv, &script);
  int optlim = script > 0 ? script : argc;  // first argv that is not an option
  if (args == kHasError) {
    const char* bad = argv[script];  // `script` is the bad option
    print_usage(bad, bad[1] == 'e' || bad[1] == 'l');
    return EXIT_FAILURE;
  }
  if (args & kHasV) print_version();
  tycho::VmOptions options;
  options.gc.mode = tycho::GcMode::kGenerational;  // as lua.c
  options.ignore_env = (args & kHasNoEnv) != 0;
  // TYCHO_GC first, then the command line's settings, which win.
  const char* env = options.ignore_env ? nullptr : std::getenv("TYCHO_GC");
  if (env != nullptr) {
    std::string err = tycho::apply_gc_settings(options, env);
    if (!err.empty()) {
      message("TYCHO_GC: " + err);
      return EXIT_FAILURE;
    }
  }
  for (const std::string& setting : gc_settings) {
    std::string err = tycho::apply_gc_setting(options, setting);
    if (!err.empty()) {
      message(err);
      return EXIT_FAILURE;
    }
  }
  if (options.heap_limit != 0) {
    // The limit promises an RSS within it (plus about 1 MiB): let freed big blocks go back to
    // the system. Without this, glibc raises its mmap threshold after each big free, and then
    // keeps freed big blocks in its heap (dynamic thresholds; setting one turns them off).
    mallopt(M_MMAP_THRESHOLD, 128 << 10);
    mallopt(M_TRIM_THRESHOLD, 256 << 10);
  }
  try {
    tycho::Vm vm(options);
    if (!report(vm, tycho::cli::set_args(vm, argc, argv, script))) return EXIT_FAILURE;
    if (!(args & kHasNoEnv) && !handle_luainit(vm)) return EXIT_FAILURE;
    if (!run_args(vm, argv, optlim)) return EXIT_FAILURE;
    if (script < argc) {  // the main script
      const char* fname = argv[script];
      if (std::strcmp(fname, "-") == 0 && std::strcmp(argv[script - 1], "--") != 0) {
        fname = nullptr;  // stdin
      }
      InterruptibleRun interruptible(vm);
      if (!report(vm, tycho::cli::run_script(vm, fname))) return EXIT_FAILURE;
    }
    if (args & kHasI) {
      do_repl(vm);
    } else if (script == argc && !(args & (kHasE | kHasV))) {  // no active option
      if (isatty(STDIN_FILENO)) {
        print_version();
        do_repl(vm);
      } else {
        InterruptibleRun interruptible(vm);
        report(vm, vm.run_file(nullptr));  // stdin as a file; lua.c exits 0 even on errors
      }
    }
  } catch (const std::bad_alloc&) {
    message("cannot create state: not enough memory");
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
