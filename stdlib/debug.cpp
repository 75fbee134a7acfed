// The debug library (manual §6.10; Lua's ldblib.c).
//
// Most functions take an optional thread as their first argument and then work on that
// thread's stack (getthread). Values move between the two stacks with xmove; a thread other
// than the running one may be in any state, so every push onto it is checked first.
//
// Hooks: the VM calls one native hook per thread (vm::Hook). debug.sethook installs `hookf`,
// which looks the Lua hook function up in the registry's hook table, keyed by thread, and
// calls it with the event name and the line. Because the table is keyed by thread, a
// coroutine that inherits the hook of its creator (as in lua5.4) runs no Lua hook until
// sethook is called for it.
#include "vm/debug.hpp"

#include <cstdio>
#include <cstring>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"

namespace tycho::stdlib {

namespace {

using vm::DebugInfo;
using vm::kRegistryIndex;

// Registry key of the table mapping threads to their Lua hook functions.
constexpr const char* kHookKey = "_HOOKKEY";

void check_stack_of(Thread* L, Thread* L1, int n) {
  if (L != L1 && !api::check_stack(L1, n)) error(L, "stack overflow");
}

// The thread argument, if there is one: `arg` is then 1, so that the other arguments are
// found after it.
Thread* get_thread(Thread* L, int* arg) {
  if (api::is_thread(L, 1)) {
    *arg = 1;
    return api::to_thread(L, 1);
  }
  *arg = 0;
  return L;
}

int db_getregistry(Thread* L) {
  api::push_value(L, kRegistryIndex);
  return 1;
}

int db_getmetatable(Thread* L) {
  check_any(L, 1);
  if (!api::get_metatable(L, 1)) api::push_nil(L);
  return 1;
}

int db_setmetatable(Thread* L) {
  int t = api::type(L, 2);
  arg_expected(L, t == vm::kTNil || t == vm::kTTable, 2, "nil or table");
  api::set_top(L, 2);
  api::set_metatable(L, 1);
  return 1;  // the first argument
}

int db_getuservalue(Thread* L) {
  int n = static_cast<int>(opt_integer(L, 2, 1));
  if (api::type(L, 1) != vm::kTUserdata) {
    push_fail(L);
  } else if (api::get_iuservalue(L, 1, n) != api::kTNone) {
    api::push_boolean(L, true);
    return 2;
  }
  return 1;
}

int db_setuservalue(Thread* L) {
  int n = static_cast<int>(opt_integer(L, 3, 1));
  check_type(L, 1, vm::kTUserdata);
  check_any(L, 2);
  api::set_top(L, 2);
  if (!api::set_iuservalue(L, 1, n)) push_fail(L);
  return 1;
}

// Results of getinfo go into a table: key `k` gets a string, an integer or a boolean.
void set_field_string(Thread* L, const char* k, const char* v) {
  api::push_string(L, v);
  api::set_field(L, -2, k);
}
void set_field_int(Thread* L, const char* k, int v) {
  api::push_integer(L, v);
  api::set_field(L, -2, k);
}
void set_field_bool(Thread* L, const char* k, bool v) {
  api::push_boolean(L, v);
  api::set_field(L, -2, k);
}

// get_info left a value (function or line table) on L1's stack, below the result table when
// L1 is L: move it into the table as field `fname`.
void treat_stack_option(Thread* L, Thread* L1, const char* fname) {
  if (L == L1) {
    api::rotate(L, -2, 1);  // exchange the value and the table
  } else {
    api::xmove(L1, L, 1);
  }
  api::set_field(L, -2, fname);
}

int db_getinfo(Thread* L) {
  DebugInfo ar;
  int arg;
  Thread* L1 = get_thread(L, &arg);
  const char* options = opt_string(L, arg + 2, "flnSrtu");
  check_stack_of(L, L1, 3);
  arg_check(L, options[0] != '>', arg + 2, "invalid option '>'");
  if (api::is_function(L, arg + 1)) {  // information about a function value
    options = api::push_fstring(L, ">%s", options);
    api::push_value(L, arg + 1);
    api::xmove(L, L1, 1);
  } else if (!vm::get_stack(L1, static_cast<int>(check_integer(L, arg + 1)), &ar)) {
    push_fail(L);  // level out of range
    return 1;
  }
  if (!vm::get_info(L1, options, &ar)) arg_error(L, arg + 2, "invalid option");
  api::new_table(L);
  if (std::strchr(options, 'S')) {
    api::push_lstring(L, ar.source, ar.srclen);
    api::set_field(L, -2, "source");
    set_field_string(L, "short_src", ar.short_src);
    set_field_int(L, "linedefined", ar.linedefined);
    set_field_int(L, "lastlinedefined", ar.lastlinedefined);
    set_field_string(L, "what", ar.what);
  }
  if (std::strchr(options, 'l')) set_field_int(L, "currentline", ar.currentline);
  if (std::strchr(options, 'u')) {
    set_field_int(L, "nups", ar.nups);
    set_field_int(L, "nparams", ar.nparams);
    set_field_bool(L, "isvararg", ar.isvararg);
  }
  if (std::strchr(options, 'n')) {
    set_field_string(L, "name", ar.name);
    set_field_string(L, "namewhat", ar.namewhat);
  }
  if (std::strchr(options, 'r')) {
    set_field_int(L, "ftransfer", ar.ftransfer);
    set_field_int(L, "ntransfer", ar.ntransfer);
  }
  if (std::strchr(options, 't')) set_field_bool(L, "istailcall", ar.istailcall);
  if (std::strchr(options, 'L')) treat_stack_option(L, L1, "activelines");
  if (std::strchr(options, 'f')) treat_stack_option(L, L1, "func");
  return 1;
}

int db_getlocal(Thread* L) {
  int arg;
  Thread* L1 = get_thread(L, &arg);
  int nvar = static_cast<int>(check_integer(L, arg + 2));
  if (api::is_function(L, arg + 1)) {  // a function value: only parameter names
    api::push_value(L, arg + 1);
    api::push_string(L, vm::get_local(L, nullptr, nvar));
    return 1;
  }
  DebugInfo ar;
  int level = static_cast<int>(check_integer(L, arg + 1));
  if (!vm::get_stack(L1, level, &ar)) arg_error(L, arg + 1, "level out of range");
  check_stack_of(L, L1, 1);
  const char* name = vm::get_local(L1, &ar, nvar);
  if (name == nullptr) {
    push_fail(L);
    return 1;
  }
  api::xmove(L1, L, 1);  // the value
  api::push_string(L, name);
  api::rotate(L, -2, 1);  // name, value
  return 2;
}

int db_setlocal(Thread* L) {
  int arg;
  Thread* L1 = get_thread(L, &arg);
  DebugInfo ar;
  int level = static_cast<int>(check_integer(L, arg + 1));
  int nvar = static_cast<int>(check_integer(L, arg + 2));
  if (!vm::get_stack(L1, level, &ar)) arg_error(L, arg + 1, "level out of range");
  check_any(L, arg + 3);
  api::set_top(L, arg + 3);
  check_stack_of(L, L1, 1);
  api::xmove(L, L1, 1);
  const char* name = vm::set_local(L1, &ar, nvar);
  if (name == nullptr) api::pop(L1, 1);  // set_local pops the value only when it succeeds
  api::push_string(L, name);
  return 1;
}

// getupvalue (get) and setupvalue: the name, and for get the value after it.
int aux_upvalue(Thread* L, bool get) {
  int n = static_cast<int>(check_integer(L, 2));
  check_type(L, 1, vm::kTFunction);
  const char* name = get ? api::get_upvalue(L, 1, n) : api::set_upvalue(L, 1, n);
  if (name == nullptr) return 0;
  api::push_string(L, name);
  if (get) api::insert(L, -2);
  return get ? 2 : 1;
}

int db_getupvalue(Thread* L) { return aux_upvalue(L, true); }

int db_setupvalue(Thread* L) {
  check_any(L, 3);
  return aux_upvalue(L, false);
}

// The identity of upvalue `argnup` of the function at `argf`; with `pnup`, a missing upvalue
// is an argument error and its index is stored there.
void* check_upval(Thread* L, int argf, int argnup, int* pnup) {
  int nup = static_cast<int>(check_integer(L, argnup));
  check_type(L, argf, vm::kTFunction);
  void* id = api::upvalue_id(L, argf, nup);
  if (pnup != nullptr) {
    arg_check(L, id != nullptr, argnup, "invalid upvalue index");
    *pnup = nup;
  }
  return id;
}

int db_upvalueid(Thread* L) {
  void* id = check_upval(L, 1, 2, nullptr);
  if (id != nullptr) {
    api::push_light_userdata(L, id);
  } else {
    push_fail(L);
  }
  return 1;
}

int db_upvaluejoin(Thread* L) {
  int n1, n2;
  check_upval(L, 1, 2, &n1);
  check_upval(L, 3, 4, &n2);
  arg_check(L, !api::is_native_function(L, 1), 1, "Lua function expected");
  arg_check(L, !api::is_native_function(L, 3), 3, "Lua function expected");
  api::upvalue_join(L, 1, n1, 3, n2);
  return 0;
}

// The VM's hook for threads whose hook was set by debug.sethook: call the thread's Lua hook
// function, if it has one, with the event name and the line (or nil).
void hookf(Thread* L, DebugInfo* ar) {
  static const char* const kHookNames[] = {"call", "return", "line", "count", "tail call"};
  api::get_field(L, kRegistryIndex, kHookKey);
  api::push_thread(L);
  if (api::raw_get(L, -2) == vm::kTFunction) {
    api::push_string(L, kHookNames[ar->event]);
    if (ar->currentline >= 0) {
      api::push_integer(L, ar->currentline);
    } else {
      api::push_nil(L);
    }
    api::call(L, 2, 0);
  }
}

int make_mask(const char* smask, int count) {
  int mask = 0;
  if (std::strchr(smask, 'c')) mask |= vm::kMaskCall;
  if (std::strchr(smask, 'r')) mask |= vm::kMaskRet;
  if (std::strchr(smask, 'l')) mask |= vm::kMaskLine;
  if (count > 0) mask |= vm::kMaskCount;
  return mask;
}

char* unmake_mask(int mask, char* smask) {
  int i = 0;
  if (mask & vm::kMaskCall) smask[i++] = 'c';
  if (mask & vm::kMaskRet) smask[i++] = 'r';
  if (mask & vm::kMaskLine) smask[i++] = 'l';
  smask[i] = '\0';
  return smask;
}

int db_sethook(Thread* L) {
  int arg, mask, count;
  vm::Hook func;
  Thread* L1 = get_thread(L, &arg);
  if (api::is_none_or_nil(L, arg + 1)) {  // no hook: turn hooks off
    api::set_top(L, arg + 1);
    func = nullptr;
    mask = 0;
    count = 0;
  } else {
    const char* smask = check_string(L, arg + 2);
    check_type(L, arg + 1, vm::kTFunction);
    count = static_cast<int>(opt_integer(L, arg + 3, 0));
    func = hookf;
    mask = make_mask(smask, count);
  }
  if (!get_subtable(L, kRegistryIndex, kHookKey)) {
    // Just created: make its keys weak (hooktable.__mode = "k", its own metatable).
    api::push_string(L, "k");
    api::set_field(L, -2, "__mode");
    api::push_value(L, -1);
    api::set_metatable(L, -2);
  }
  check_stack_of(L, L1, 1);
  api::push_thread(L1);
  api::xmove(L1, L, 1);         // key: the thread
  api::push_value(L, arg + 1);  // value: the hook function
  api::raw_set(L, -3);
  api::set_hook(L1, func, mask, count);
  return 0;
}

int db_gethook(Thread* L) {
  int arg;
  Thread* L1 = get_thread(L, &arg);
  char buff[5];
  int mask = api::get_hook_mask(L1);
  vm::Hook hook = api::get_hook(L1);
  if (hook == nullptr) {
    push_fail(L);
    return 1;
  }
  if (hook != hookf) {
    api::push_string(L, "external hook");
  } else {
    api::get_field(L, kRegistryIndex, kHookKey);
    check_stack_of(L, L1, 1);
    api::push_thread(L1);
    api::xmove(L1, L, 1);
    api::raw_get(L, -2);  // hooktable[L1]
    api::remove(L, -2);
  }
  api::push_string(L, unmake_mask(mask, buff));
  api::push_integer(L, api::get_hook_count(L1));
  return 3;
}

// An interactive prompt on stdin/stderr: each line is run as a chunk until "cont" or the end
// of the input.
int db_debug(Thread* L) {
  for (;;) {
    char buffer[250];
    std::fputs("lua_debug> ", stderr);
    std::fflush(stderr);
    if (std::fgets(buffer, sizeof(buffer), stdin) == nullptr ||
        std::strcmp(buffer, "cont\n") == 0) {
      return 0;
    }
    if (load_buffer(L, buffer, std::strlen(buffer), "=(debug command)") != vm::kOk ||
        api::pcall(L, 0, 0, 0) != vm::kOk) {
      std::fprintf(stderr, "%s\n", tolstring(L, -1, nullptr));
      std::fflush(stderr);
    }
    api::set_top(L, 0);
  }
}

int db_traceback(Thread* L) {
  int arg;
  Thread* L1 = get_thread(L, &arg);
  const char* msg = api::to_string(L, arg + 1);
  if (msg == nullptr && !api::is_none_or_nil(L, arg + 1)) {
    api::push_value(L, arg + 1);  // a non-string message is returned untouched
  } else {
    int level = static_cast<int>(opt_integer(L, arg + 2, L == L1 ? 1 : 0));
    traceback(L, L1, msg, level);
  }
  return 1;
}

// Kept for compatibility with Lua 5.4.0-2: the C stack limit is fixed; lua5.4.4 reports it.
int db_setcstacklimit(Thread* L) {
  check_integer(L, 1);
  api::push_integer(L, vm::kMaxCCalls);
  return 1;
}

const Reg kFuncs[] = {
    {"debug", db_debug},
    {"getuservalue", db_getuservalue},
    {"gethook", db_gethook},
    {"getinfo", db_getinfo},
    {"getlocal", db_getlocal},
    {"getregistry", db_getregistry},
    {"getmetatable", db_getmetatable},
    {"getupvalue", db_getupvalue},
    {"upvaluejoin", db_upvaluejoin},
    {"upvalueid", db_upvalueid},
    {"setuservalue", db_setuservalue},
    {"sethook", db_sethook},
    {"setlocal", db_setlocal},
    {"setmetatable", db_setmetatable},
    {"setupvalue", db_setupvalue},
    {"traceback", db_traceback},
    {"setcstacklimit", db_setcstacklimit},
    {nullptr, nullptr},
};

}  // namespace

int open_debug(Thread* L) {
  new_lib(L, kFuncs);
  return 1;
}

}  // namespace tycho::stdlib
