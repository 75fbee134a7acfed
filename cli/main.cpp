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
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "tycho/tycho.hpp"

#ifdef TYCHO_HAVE_EDITLINE
#include <dlfcn.h>
#endif

namespace {

const char* const kProgName = "tycho";

void print_usage(const char* badoption) {
  std::fprintf(stderr, "%s: ", kProgName);
  if (badoption[1] == 'e' || badoption[1] == 'l') {
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
               kProgName);
  std::fflush(stderr);
}

void message(const std::string& msg) {
  std::fprintf(stderr, "%s: %s\n", kProgName, msg.c_str());
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
      "tycho options (before the others):\n"
      "  --help                 show this help\n"
      "  --disasm file...       print the files' bytecode instead of running them\n"
      "  --gc=MODE              collector mode: incremental or generational (default, as lua)\n"
      "  --gc-pause=N           start a cycle when the heap reaches N%% of its size after the\n"
      "                         last one (default 200)\n"
      "  --gc-stepmul=N         collector work per allocation, percent (default 100)\n"
      "  --gc-stepsize=N        log2 of the bytes allocated between steps (default 13)\n"
      "  --gc-minormul=N        generational: minor collection after N%% growth (default 20)\n"
      "  --gc-majormul=N        generational: major collection after N%% growth (default 100)\n"
      "  --gc-step-time=US      time budget of one collector step in microseconds; a step\n"
      "                         stops when it is spent (default 500; 0: no budget)\n"
      "  --heap-limit=SIZE      cap the heap at SIZE bytes (suffix K, M or G); past it, Lua\n"
      "                         code gets a \"not enough memory\" error\n"
      "  --gc-stats             print the collector's statistics on stderr at exit\n"
      "  --gc-verify            check the heap after every collector step (slow; for\n"
      "                         debugging the VM)\n"
      "Environment:\n"
      "  TYCHO_GC               the same settings, comma-separated, without the dashes:\n"
      "                         e.g. TYCHO_GC=mode=incremental,pause=150,heap-limit=512M,stats\n"
      "                         (command-line options win)\n"
      "  LUA_INIT_5_4, LUA_INIT, LUA_PATH_5_4, LUA_PATH, LUA_CPATH_5_4, LUA_CPATH as lua\n"
      "Both modes collect incrementally, in steps paced by stepmul and stepsize. In\n"
      "generational mode objects that survived a collection are old: minor collections\n"
      "trace and free only the young ones, major ones (after majormul%% growth) all.\n",
      kProgName);
}

// Take tycho's options (--gc..., --heap-limit=...) from the front of argv (null-terminated,
// argc + 1 entries), as "name=value" settings for tycho::apply_gc_setting; returns the new argc.
int take_gc_options(std::vector<char*>& argv, std::vector<std::string>& settings) {
  size_t i = 1;
  while (i + 1 < argv.size()) {
    std::string_view a = argv[i];
    std::string setting;
    if (a.rfind("--gc=", 0) == 0) {
      setting = "mode=" + std::string(a.substr(5));
    } else if (a == "--gc-stats") {
      setting = "stats";
    } else if (a == "--gc-verify") {
      setting = "verify";
    } else if (a.rfind("--gc-", 0) == 0 && a.find('=') != std::string_view::npos) {
      setting = std::string(a.substr(5));
    } else if (a.rfind("--heap-limit=", 0) == 0) {
      setting = std::string(a.substr(2));
    } else {
      break;
    }
    settings.push_back(std::move(setting));
    argv.erase(argv.begin() + static_cast<ptrdiff_t>(i));
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

// Run -e, -l and -W in order; false when one failed.
bool run_args(tycho::Vm& vm, char** argv, int n) {
  for (int i = 1; i < n; i++) {
    int option = argv[i][1];
    switch (option) {
      case 'e':
      case 'l': {
        const char* extra = argv[i] + 2;
        if (*extra == '\0') extra = argv[++i];
        bool ok = option == 'e' ? vm.run_string(extra, "=(command line)") : vm.require(extra);
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
  if (init[0] == '@') return report(vm, vm.run_file(init + 1));
  return report(vm, vm.run_string(init, name));
}

// Lines from stdin with the prompt on stdout (lua.c without readline).
class StdinEditor : public tycho::LineEditor {
 public:
  bool read_line(const char* prompt, std::string& line) override {
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
class EditlineEditor : public tycho::LineEditor {
 public:
  // Null when the library or one of its functions is missing (the REPL reads plain lines).
  static EditlineEditor* open() {
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
    return e;
  }
  bool read_line(const char* prompt, std::string& line) override {
    char* l = readline_(prompt);
    if (l == nullptr) return false;
    line = l;
    std::free(l);
    return true;
  }
  void save_line(const std::string& line) override { add_history_(line.c_str()); }

 private:
  char* (*readline_)(const char*) = nullptr;
  int (*add_history_)(const char*) = nullptr;
};
#endif

void do_repl(tycho::Vm& vm) {
#ifdef TYCHO_HAVE_EDITLINE
  if (isatty(STDIN_FILENO)) {
    if (EditlineEditor* editor = EditlineEditor::open()) {
      vm.repl(*editor);
      delete editor;
      return;
    }
  }
#endif
  StdinEditor editor;
  vm.repl(editor);
}

}  // namespace

// `tycho --disasm file...`: print each file's bytecode without running it ("-": stdin).
int disassemble(int argc, char** argv) {
  tycho::Vm vm;
  for (int i = 2; i < argc; i++) {
    std::string listing;
    const char* path = std::strcmp(argv[i], "-") == 0 ? nullptr : argv[i];
    if (!vm.disassemble_file(path, listing)) {
      message(vm.last_error());
      return EXIT_FAILURE;
    }
    std::fputs(listing.c_str(), stdout);
  }
  return EXIT_SUCCESS;
}

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--disasm") == 0) return disassemble(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "--help") == 0) {
    print_help();
    return EXIT_SUCCESS;
  }
  // tycho's own options come first; take them out so that lua's option parsing sees the rest.
  std::vector<char*> rest(argv, argv + argc + 1);
  std::vector<std::string> gc_settings;
  argc = take_gc_options(rest, gc_settings);
  argv = rest.data();
  int script = 0;
  int args = collect_args(argv, &script);
  int optlim = script > 0 ? script : argc;  // first argv that is not an option
  if (args == kHasError) {
    print_usage(argv[script]);  // `script` is the bad option
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
  try {
    tycho::Vm vm(options);
    if (!report(vm, vm.set_args(argc, argv, script))) return EXIT_FAILURE;
    if (!(args & kHasNoEnv) && !handle_luainit(vm)) return EXIT_FAILURE;
    if (!run_args(vm, argv, optlim)) return EXIT_FAILURE;
    if (script < argc) {  // the main script
      const char* fname = argv[script];
      if (std::strcmp(fname, "-") == 0 && std::strcmp(argv[script - 1], "--") != 0) {
        fname = nullptr;  // stdin
      }
      if (!report(vm, vm.run_script(fname))) return EXIT_FAILURE;
    }
    if (args & kHasI) {
      do_repl(vm);
    } else if (script == argc && !(args & (kHasE | kHasV))) {  // no active option
      if (isatty(STDIN_FILENO)) {
        print_version();
        do_repl(vm);
      } else {
        report(vm, vm.run_file(nullptr));  // stdin as a file; lua.c exits 0 even on errors
      }
    }
  } catch (const std::bad_alloc&) {
    message("cannot create state: not enough memory");
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
