// The base library (manual §6.1; Lua's lbaselib.c).
#include <cctype>
#include <cstdio>
#include <cstring>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/collect.hpp"

namespace tycho::stdlib {

namespace {

using vm::KContext;

int base_print(Thread* L) {
  int n = api::get_top(L);
  for (int i = 1; i <= n; i++) {
    size_t l;
    const char* s = tolstring(L, i, &l);
    if (i > 1) std::fwrite("\t", 1, 1, stdout);
    std::fwrite(s, 1, l, stdout);
    api::pop(L, 1);
  }
  std::fwrite("\n", 1, 1, stdout);
  std::fflush(stdout);
  return 0;
}

int base_warn(Thread* L) {
  int n = api::get_top(L);
  check_string(L, 1);  // at least one argument
  for (int i = 2; i <= n; i++) check_string(L, i);
  for (int i = 1; i < n; i++) api::warning(L, api::to_string(L, i), true);
  api::warning(L, api::to_string(L, n), false);
  return 0;
}

constexpr const char* kSpaceChars = " \f\n\r\t\v";

// A numeral in base `base` (integers only, with wrap-around); null if it is not one.
const char* str_to_int(const char* s, int base, int64_t* pn) {
  uint64_t n = 0;
  bool neg = false;
  s += std::strspn(s, kSpaceChars);
  if (*s == '-') {
    s++;
    neg = true;
  } else if (*s == '+') {
    s++;
  }
  if (!std::isalnum(static_cast<unsigned char>(*s))) return nullptr;
  do {
    unsigned char c = static_cast<unsigned char>(*s);
    int digit = std::isdigit(c) ? c - '0' : (std::toupper(c) - 'A') + 10;
    if (digit >= base) return nullptr;
    n = n * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
    s++;
  } while (std::isalnum(static_cast<unsigned char>(*s)));
  s += std::strspn(s, kSpaceChars);
  *pn = static_cast<int64_t>(neg ? (0u - n) : n);
  return s;
}

int base_tonumber(Thread* L) {
  if (api::is_none_or_nil(L, 2)) {  // standard conversion
    if (api::type(L, 1) == vm::kTNumber) {
      api::set_top(L, 1);
      return 1;
    }
    size_t l;
    const char* s = api::to_lstring(L, 1, &l);
    if (s != nullptr && api::string_to_number(L, s) == l + 1) return 1;
    check_any(L, 1);  // there must be some argument
  } else {
    size_t l;
    int64_t n = 0;
    int64_t base = check_integer(L, 2);
    check_type(L, 1, vm::kTString);  // no numbers as strings
    const char* s = api::to_lstring(L, 1, &l);
    arg_check(L, 2 <= base && base <= 36, 2, "base out of range");
    if (str_to_int(s, static_cast<int>(base), &n) == s + l) {
      api::push_integer(L, n);
      return 1;
    }
  }
  push_fail(L);
  return 1;
}

int base_error(Thread* L) {
  int level = static_cast<int>(opt_integer(L, 2, 1));
  api::set_top(L, 1);
  if (api::type(L, 1) == vm::kTString && level > 0) {
    where(L, level);
    api::push_value(L, 1);
    api::concat(L, 2);
  }
  api::error(L);
}

int base_getmetatable(Thread* L) {
  check_any(L, 1);
  if (!api::get_metatable(L, 1)) {
    api::push_nil(L);
    return 1;
  }
  get_metafield(L, 1, "__metatable");
  return 1;  // the __metatable field if present, else the metatable
}

int base_setmetatable(Thread* L) {
  // The common call, setmetatable(obj, class) on an object that has no metatable yet: no
  // __metatable to look for, so the metatable is set here without the stack's round trips.
  vm::Value* obj = api::detail::arg_slot(L, 1);
  vm::Value* mtv = api::detail::arg_slot(L, 2);
  if (obj != nullptr && mtv != nullptr && obj->is_table() &&
      obj->as_table()->metatable == nullptr && (mtv->is_table() || mtv->is_nil())) {
    if (mtv->is_table()) vm::set_metatable_of(L, obj->as_table(), mtv->as_table());
    L->top = obj + 1;
    return 1;
  }
  int t = api::type(L, 2);
  check_type(L, 1, vm::kTTable);
  arg_expected(L, t == vm::kTNil || t == vm::kTTable, 2, "nil or table");
  if (get_metafield(L, 1, "__metatable") != vm::kTNil) {
    error(L, "cannot change a protected metatable");
  }
  api::set_top(L, 2);
  api::set_metatable(L, 1);
  return 1;
}

int base_rawequal(Thread* L) {
  check_any(L, 1);
  check_any(L, 2);
  api::push_boolean(L, api::raw_equal(L, 1, 2));
  return 1;
}

int base_rawlen(Thread* L) {
  int t = api::type(L, 1);
  arg_expected(L, t == vm::kTTable || t == vm::kTString, 1, "table or string");
  api::push_integer(L, static_cast<int64_t>(api::raw_len(L, 1)));
  return 1;
}

int base_rawget(Thread* L) {
  check_type(L, 1, vm::kTTable);
  check_any(L, 2);
  api::set_top(L, 2);
  api::raw_get(L, 1);
  return 1;
}

int base_rawset(Thread* L) {
  check_type(L, 1, vm::kTTable);
  check_any(L, 2);
  check_any(L, 3);
  api::set_top(L, 3);
  api::raw_set(L, 1);
  return 1;
}

int push_mode(Thread* L, int oldmode) {
  if (oldmode == -1) {
    push_fail(L);  // invalid call (inside a finalizer)
  } else {
    api::push_string(L, oldmode == api::kGcInc ? "incremental" : "generational");
  }
  return 1;
}

int base_collectgarbage(Thread* L) {
  static const char* const opts[] = {"stop",         "restart",     "collect",    "count",
                                     "step",         "setpause",    "setstepmul", "isrunning",
                                     "generational", "incremental", nullptr};
  static const int optsnum[] = {
      api::kGcStop,     api::kGcRestart,    api::kGcCollect,   api::kGcCount, api::kGcStep,
      api::kGcSetPause, api::kGcSetStepMul, api::kGcIsRunning, api::kGcGen,   api::kGcInc};
  int o = optsnum[check_option(L, 1, "collect", opts)];
  switch (o) {
    case api::kGcCount: {
      int k = api::gc(L, o);
      int b = api::gc(L, api::kGcCountB);
      if (k == -1) break;
      api::push_number(L, static_cast<double>(k) + static_cast<double>(b) / 1024);
      return 1;
    }
    case api::kGcStep: {
      int step = static_cast<int>(opt_integer(L, 2, 0));
      int res = api::gc(L, o, step);
      if (res == -1) break;
      api::push_boolean(L, res != 0);
      return 1;
    }
    case api::kGcSetPause:
    case api::kGcSetStepMul: {
      int p = static_cast<int>(opt_integer(L, 2, 0));
      int previous = api::gc(L, o, p);
      if (previous == -1) break;
      api::push_integer(L, previous);
      return 1;
    }
    case api::kGcIsRunning: {
      int res = api::gc(L, o);
      if (res == -1) break;
      api::push_boolean(L, res != 0);
      return 1;
    }
    case api::kGcGen: {
      int minormul = static_cast<int>(opt_integer(L, 2, 0));
      int majormul = static_cast<int>(opt_integer(L, 3, 0));
      return push_mode(L, api::gc(L, o, minormul, majormul));
    }
    case api::kGcInc: {
      int pause = static_cast<int>(opt_integer(L, 2, 0));
      int stepmul = static_cast<int>(opt_integer(L, 3, 0));
      int stepsize = static_cast<int>(opt_integer(L, 4, 0));
      return push_mode(L, api::gc(L, o, pause, stepmul, stepsize));
    }
    default: {
      int res = api::gc(L, o);
      if (res == -1) break;
      api::push_integer(L, res);
      return 1;
    }
  }
  push_fail(L);
  return 1;
}

int base_type(Thread* L) {
  int t = api::type(L, 1);
  arg_check(L, t != api::kTNone, 1, "value expected");
  api::push_string(L, api::type_name(L, t));
  return 1;
}

int base_next(Thread* L) {
  // A userdata that acts as a table may give its own `next` (tycho's shared tables do:
  // stdlib/parallel.cpp); for anything else the error is lua's.
  if (api::type(L, 1) == vm::kTUserdata && get_metafield(L, 1, "__next") != vm::kTNil) {
    api::insert(L, 1);
    api::set_top(L, 3);
    api::call(L, 2, vm::kMultRet);
    return api::get_top(L);
  }
  check_type(L, 1, vm::kTTable);
  api::set_top(L, 2);  // create a 2nd argument if there isn't one
  if (api::next(L, 1)) return 2;
  api::push_nil(L);
  return 1;
}

int pairs_cont(Thread*, int, KContext) { return 3; }

int base_pairs(Thread* L) {
  check_any(L, 1);
  if (get_metafield(L, 1, "__pairs") == vm::kTNil) {
    api::push_native_function(L, base_next);
    api::push_value(L, 1);
    api::push_nil(L);
  } else {
    api::push_value(L, 1);  // self for the metamethod
    api::callk(L, 1, 3, 0, pairs_cont);
  }
  return 3;
}

int ipairs_aux(Thread* L) {
  int64_t i = check_integer(L, 2);
  i = static_cast<int64_t>(static_cast<uint64_t>(i) + 1u);
  api::push_integer(L, i);
  return api::get_i(L, 1, i) == vm::kTNil ? 1 : 2;
}

int base_ipairs(Thread* L) {
  check_any(L, 1);
  api::push_native_function(L, ipairs_aux);
  api::push_value(L, 1);
  api::push_integer(L, 0);
  return 3;
}

int load_aux(Thread* L, int status, int envidx) {
  if (status == vm::kOk) {
    if (envidx != 0) {  // an 'env' argument: the first upvalue of the chunk
      api::push_value(L, envidx);
      if (!api::set_upvalue(L, -2, 1)) api::pop(L, 1);
    }
    return 1;
  }
  push_fail(L);
  api::insert(L, -2);  // fail, message
  return 2;
}

int base_loadfile(Thread* L) {
  const char* fname = opt_string(L, 1, nullptr);
  const char* mode = opt_string(L, 2, nullptr);
  int env = !api::is_none(L, 3) ? 3 : 0;
  int status = load_file(L, fname, mode);
  return load_aux(L, status, env);
}

constexpr int kReservedSlot = 5;  // keeps the reader's last piece alive

const char* generic_reader(Thread* L, void*, size_t* size) {
  check_stack(L, 2, "too many nested functions");
  api::push_value(L, 1);
  api::call(L, 0, 1);
  if (api::is_nil(L, -1)) {
    api::pop(L, 1);
    *size = 0;
    return nullptr;
  }
  if (!api::is_string(L, -1)) error(L, "reader function must return a string");
  api::replace(L, kReservedSlot);
  return api::to_lstring(L, kReservedSlot, size);
}

int base_load(Thread* L) {
  int status;
  size_t l;
  const char* s = api::to_lstring(L, 1, &l);
  const char* mode = opt_string(L, 3, "bt");
  int env = !api::is_none(L, 4) ? 4 : 0;
  if (s != nullptr) {
    const char* chunkname = opt_string(L, 2, s);
    status = load_buffer(L, s, l, chunkname, mode);
  } else {
    const char* chunkname = opt_string(L, 2, "=(load)");
    check_type(L, 1, vm::kTFunction);
    api::set_top(L, kReservedSlot);
    status = api::load(L, generic_reader, nullptr, chunkname, mode);
  }
  return load_aux(L, status, env);
}

int dofile_cont(Thread* L, int, KContext) { return api::get_top(L) - 1; }

int base_dofile(Thread* L) {
  const char* fname = opt_string(L, 1, nullptr);
  api::set_top(L, 1);
  if (load_file(L, fname) != vm::kOk) api::error(L);
  api::callk(L, 0, vm::kMultRet, 0, dofile_cont);
  return dofile_cont(L, 0, 0);
}

int base_assert(Thread* L) {
  if (api::to_boolean(L, 1)) return api::get_top(L);  // all arguments
  check_any(L, 1);
  api::remove(L, 1);
  api::push_string(L, "assertion failed!");
  api::set_top(L, 1);  // the message: the default one if there was no other
  return base_error(L);
}

int base_select(Thread* L) {
  int n = api::get_top(L);
  if (api::type(L, 1) == vm::kTString && *api::to_string(L, 1) == '#') {
    api::push_integer(L, n - 1);
    return 1;
  }
  int64_t i = check_integer(L, 1);
  if (i < 0) {
    i = n + i;
  } else if (i > n) {
    i = n;
  }
  arg_check(L, 1 <= i, 1, "index out of range");
  return n - static_cast<int>(i);
}

// Continuation of pcall and xpcall: also the common end of their normal path.
int finish_pcall(Thread* L, int status, KContext extra) {
  if (status != vm::kOk && status != vm::kYield) {
    api::push_boolean(L, false);
    api::push_value(L, -2);  // the error value
    return 2;
  }
  return api::get_top(L) - static_cast<int>(extra);
}

int base_pcall(Thread* L) {
  check_any(L, 1);
  api::push_boolean(L, true);  // first result if there is no error
  api::insert(L, 1);
  int status = api::pcallk(L, api::get_top(L) - 2, vm::kMultRet, 0, 0, finish_pcall);
  return finish_pcall(L, status, 0);
}

int base_xpcall(Thread* L) {
  int n = api::get_top(L);
  check_type(L, 2, vm::kTFunction);
  api::push_boolean(L, true);
  api::push_value(L, 1);
  api::rotate(L, 3, 2);  // move them below the function's arguments
  int status = api::pcallk(L, n - 2, vm::kMultRet, 2, 2, finish_pcall);
  return finish_pcall(L, status, 2);
}

int base_tostring(Thread* L) {
  check_any(L, 1);
  tolstring(L, 1, nullptr);
  return 1;
}

const Reg kBaseFuncs[] = {
    {"assert", base_assert},
    {"collectgarbage", base_collectgarbage},
    {"dofile", base_dofile},
    {"error", base_error},
    {"getmetatable", base_getmetatable},
    {"ipairs", base_ipairs},
    {"loadfile", base_loadfile},
    {"load", base_load},
    {"next", base_next},
    {"pairs", base_pairs},
    {"pcall", base_pcall},
    {"print", base_print},
    {"warn", base_warn},
    {"rawequal", base_rawequal},
    {"rawlen", base_rawlen},
    {"rawget", base_rawget},
    {"rawset", base_rawset},
    {"select", base_select},
    {"setmetatable", base_setmetatable},
    {"tonumber", base_tonumber},
    {"tostring", base_tostring},
    {"type", base_type},
    {"xpcall", base_xpcall},
    // placeholders
    {"_G", nullptr},
    {"_VERSION", nullptr},
    {nullptr, nullptr},
};

}  // namespace

int open_base(Thread* L) {
  api::push_global_table(L);
  set_funcs(L, kBaseFuncs, 0);
  L->g->next_fn = base_next;  // the generic for runs these two inline on tables
  L->g->ipairs_iter = ipairs_aux;
  api::push_value(L, -1);
  api::set_field(L, -2, "_G");
  api::push_string(L, "Lua 5.4");
  api::set_field(L, -2, "_VERSION");
  return 1;
}

}  // namespace tycho::stdlib
