// The primitives of the C++ API (include/tycho/detail.hpp) on the native API (vm/api.hpp).
//
// Host code outside any Lua call (Host::depth 0) must never see a vm::LuaError: there is no
// protected call around it to catch one. So there, an operation that can run Lua code (a
// metamethod) runs inside a protected call, and one that can only fail for memory catches the
// error itself (nothing but the stack top changed when it is raised); both throw tycho::Error.
// Inside a bound function (depth > 0) the same operations raise Lua errors, as Lua code would.
#include <cstring>
#include <string>

#include "api/internal.hpp"
#include "stdlib/aux.hpp"
#include "tycho/tycho.hpp"
#include "vm/api.hpp"
#include "vm/debug.hpp"
#include "vm/interp.hpp"

namespace tycho::detail {

using vm::Thread;
namespace api = vm::api;

namespace {

// Throw the error on top (popped) as a tycho::Error, its traceback split from its message.
[[noreturn]] void throw_error_on_top(Thread* L) {
  std::string text = pop_message(L);
  static constexpr char kMark[] = "\nstack traceback:";
  const size_t at = text.find(kMark);
  if (at == std::string::npos) throw Error(text);
  std::string traceback = text.substr(at + 1);
  text.resize(at);
  throw Error(text, std::move(traceback));
}

}  // namespace

std::string pop_message(Thread* L) {
  size_t len;
  const char* msg = api::to_lstring(L, -1, &len);
  std::string text =
      msg != nullptr ? std::string(msg, len)
                     : std::string("(error object is a ") + stdlib::type_name_at(L, -1) + " value)";
  api::pop(L, 1);
  return text;
}

int message_handler(Thread* L) {
  const char* msg = api::to_string(L, 1);
  if (msg == nullptr) {
    if (stdlib::call_meta(L, 1, "__tostring") && api::type(L, -1) == vm::kTString) return 1;
    msg = api::push_fstring(L, "(error object is a %s value)", stdlib::type_name_at(L, 1));
  }
  stdlib::traceback(L, L, msg, 1);
  return 1;
}

namespace {

// Call the native function fn with the n values on top as its arguments, replacing them by
// its `nresults` results: directly inside a Lua call, protected at host level.
void run_native(State* s, vm::NativeFn fn, int n, int nresults) {
  api::push_native_function(s, fn);
  api::insert(s, -n - 1);
  if (!at_host_level(s)) {
    api::call(s, n, nresults);
    return;
  }
  if (api::pcall(s, n, nresults, 0) != vm::kOk) throw_error_on_top(s);
}

int get_table_fn(Thread* L) {  // (t, k) -> t[k]
  api::get_table(L, 1);
  return 1;
}
int set_table_fn(Thread* L) {  // (t, k, v): t[k] = v
  api::set_table(L, 1);
  return 0;
}
int length_fn(Thread* L) {  // (v) -> #v
  api::len(L, 1);
  return 1;
}

// A plain table: no metatable, so that indexing it runs no Lua code.
bool is_plain_table(State* s, int idx) {
  if (api::type(s, idx) != vm::kTTable) return false;
  if (!api::get_metatable(s, idx)) return true;
  api::pop(s, 1);
  return false;
}

// A bound function's storage: destroy, the Host (detail::bound_host reads it), the object.
constexpr size_t kObjectOffset = 16;
constexpr char kBoundMeta[] = "tycho.bound";

int collect_bound(Thread* L) {  // __gc of a bound function's storage
  destroy_stored(api::to_userdata(L, 1), kObjectOffset);
  return 0;
}

}  // namespace

Host* host(State* s) { return static_cast<Host*>(s->g->api_host); }

// ---- Stack ----

// The facts the public headers' inline paths use (include/tycho/detail.hpp, namespace layout).
static_assert(sizeof(vm::Value) == layout::kSlotSize);
static_assert(offsetof(vm::Value, tt) == layout::kTagOffset);
static_assert(offsetof(vm::CallInfo, func) == 0);
static_assert(vm::kVFalse == layout::kFalse && vm::kVTrue == layout::kTrue &&
              vm::kVInt == layout::kInteger && vm::kVFloat == layout::kFloat);
static_assert(vm::kRegistryIndex <= -1000000);  // the inline paths' bound on stack indices
// (Thread is not standard-layout: offsetof is conditionally supported, and GCC and clang give
// the layout's offset.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
static_assert(offsetof(vm::Thread, top) == layout::kTopOffset);
static_assert(offsetof(vm::Thread, ci) == layout::kCallOffset);
#pragma GCC diagnostic pop
void set_top(State* s, int idx) { api::set_top(s, idx); }
void restore_top_slow(State* s, int idx) { api::set_top(s, idx); }  // (a higher top: nils)
[[noreturn, gnu::cold]] static void stack_overflow(State* s) {
  if (at_host_level(s)) throw Error("stack overflow (too many values)");
  stdlib::error(s, "stack overflow (too many values)");
}
void reserve(State* s, int n) {
  if (!api::check_stack(s, n)) [[unlikely]]
    stack_overflow(s);
}
Type type(State* s, int idx) { return static_cast<Type>(api::type(s, idx)); }
const char* type_name(Type t) {
  static constexpr const char* kNames[] = {"no value", "nil",   "boolean",  "userdata", "number",
                                           "string",   "table", "function", "userdata", "thread"};
  return kNames[static_cast<int>(t) + 1];
}

// ---- Push ----

void push_nil(State* s) { api::push_nil(s); }
void push_string(State* s, const char* p, size_t len) {
  host_guarded(s, [&](Thread* L) { api::push_lstring(L, p, len); });
}
void push_copy(State* s, int idx) { api::push_value(s, idx); }
void push_new_table(State* s, int narr, int nrec) {
  host_guarded(s, [&](Thread* L) { api::create_table(L, narr, nrec); });
}

// ---- Tables and globals ----

void get_table(State* s, int t) {
  t = api::abs_index(s, t);
  if (is_plain_table(s, t)) {
    api::raw_get(s, t);
    return;
  }
  api::push_value(s, t);
  api::insert(s, -2);  // t, k
  run_native(s, get_table_fn, 2, 1);
}

void set_table(State* s, int t) {
  t = api::abs_index(s, t);
  if (is_plain_table(s, t)) {  // no Lua code runs: raw (its errors: a nil or NaN key, memory)
    host_guarded(
        s, [&](Thread* L) { api::raw_set(L, t); }, 2);
    return;
  }
  api::push_value(s, t);
  api::insert(s, -3);  // t, k, v
  run_native(s, set_table_fn, 3, 0);
}

void push_global(State* s, std::string_view name) {
  reserve(s, 3);
  api::raw_get_i(s, vm::kRegistryIndex, vm::kRidxGlobals);
  push_string(s, name.data(), name.size());
  get_table(s, -2);
  api::remove(s, -2);
}

void set_global(State* s, std::string_view name) {
  reserve(s, 3);
  api::raw_get_i(s, vm::kRegistryIndex, vm::kRidxGlobals);
  push_string(s, name.data(), name.size());
  api::rotate(s, -3, -1);  // globals, name, value
  set_table(s, -3);
  api::pop(s, 1);
}

int64_t length(State* s, int idx) {
  idx = api::abs_index(s, idx);
  reserve(s, 2);
  if (is_plain_table(s, idx)) return static_cast<int64_t>(api::raw_len(s, idx));
  api::push_value(s, idx);
  run_native(s, length_fn, 1, 1);
  bool isnum;
  const int64_t n = api::to_integer(s, -1, &isnum);
  api::pop(s, 1);
  if (!isnum) {
    if (at_host_level(s)) throw Error("object length is not an integer");
    stdlib::error(s, "object length is not an integer");
  }
  return n;
}

bool next(State* s, int t) {  // an invalid key raises
  return host_guarded(
      s, [&](Thread* L) { return api::next(L, t); }, 1);
}

// ---- Roots ----

namespace {

// A root slot holding v: a freed one, else a new one (slot 0 is never used).
uint32_t new_root(vm::Global* g, const vm::Value& v) {
  if (!g->host_free.empty()) {
    const uint32_t r = g->host_free.back();
    g->host_free.pop_back();
    g->host_roots[r] = v;
    return r;
  }
  if (g->host_roots.empty()) g->host_roots.emplace_back();
  g->host_roots.push_back(v);
  return static_cast<uint32_t>(g->host_roots.size() - 1);
}

}  // namespace

uint32_t ref(State* s, int idx) {
  if (api::type(s, idx) <= vm::kTNil) return 0;
  return new_root(s->g, *api::value_at(s, idx));
}

uint32_t copy_ref(State* s, uint32_t r) {
  if (r == 0) return 0;
  const vm::Value v = s->g->host_roots[r];  // a copy: push_back may move the vector
  return new_root(s->g, v);
}

void unref(State* s, uint32_t r) {
  if (r == 0) return;
  vm::Global* g = s->g;
  g->host_roots[r].set_nil();
  g->host_free.push_back(r);
}

void push_ref(State* s, uint32_t r) {
  if (r == 0) {
    api::push_nil(s);
  } else {
    api::push_copy_of(s, s->g->host_roots[r]);
  }
}

int push_ref_reserved(State* s, uint32_t r, int n) {
  reserve(s, n);
  const int top = api::get_top(s);
  push_ref(s, r);
  return top;
}

// ---- Conversions ----

bool to_boolean(State* s, int idx) { return api::to_boolean(s, idx); }

int64_t to_integer_slow(State* s, int idx, int arg) {
  bool isnum;
  const int64_t v = api::to_integer(s, idx, &isnum);
  if (isnum) return v;
  if (arg > 0) stdlib::integer_error(s, arg);
  if (api::is_number(s, idx)) throw Error("number has no integer representation");
  type_error(s, idx, 0, "number");
}

double to_number_slow(State* s, int idx, int arg) {
  bool isnum;
  const double v = api::to_number(s, idx, &isnum);
  if (isnum) return v;
  type_error(s, idx, arg, "number");
}

std::string_view to_string(State* s, int idx, int arg) {
  size_t len;
  const char* p = api::to_lstring(s, idx, &len);
  if (p != nullptr) return {p, len};
  type_error(s, idx, arg, "string");
}

void type_error(State* s, int idx, int arg, const char* expected) {
  if (arg > 0) stdlib::type_error(s, arg, expected);
  throw Error(std::string(expected) + " expected, got " + stdlib::type_name_at(s, idx));
}

void range_error(State* s, int idx, int arg) {
  if (arg > 0) stdlib::arg_error(s, arg, "value out of range");
  throw Error("value out of range");
}

// ---- Calls ----

namespace {

// call() inside a Lua call, or before the message handler has its slot.
[[gnu::noinline]] int call_nested(State* s, int nargs, int nresults) {
  const bool host_level = host(s)->depth == 0;
  // A request concerns the call in progress: one made before it is dropped.
  if (host_level) vm::drop_pending_interrupt(s->g);
  const int base = api::get_top(s) - nargs;  // the function
  api::push_native_function(s, message_handler);
  api::insert(s, base);
  const int status = api::pcall(s, nargs, nresults, base);
  api::remove(s, base);
  if (host_level) vm::drop_pending_interrupt(s->g);
  if (status != vm::kOk) throw_error_on_top(s);
  return nresults >= 0 ? nresults : api::get_top(s) - base + 1;
}

}  // namespace

int call(State* s, int nargs, int nresults) {
  const Host* h = host(s);
  if (h->depth == 0 && h->message_handler != 0 && vm::no_call_running(s)) [[likely]] {
    // The common case, host code calling Lua: the handler stays in its slot for every call.
    return vm::call_from_host(s, nargs, nresults, h->message_handler, throw_error_on_top);
  }
  return call_nested(s, nargs, nresults);
}

int run(State* s, std::string_view code, const char* chunkname, int nresults) {
  reserve(s, 3);
  const std::string name = chunkname != nullptr ? std::string() : std::string(code);
  const int status = stdlib::load_buffer(s, code.data(), code.size(),
                                         chunkname != nullptr ? chunkname : name.c_str(),
                                         host(s)->text_only ? "t" : nullptr);
  if (status != vm::kOk) throw_error_on_top(s);
  return call(s, 0, nresults);
}

// ---- Coroutines ----

int resume(State* s, int nargs, int nresults) {
  Thread* co = api::to_thread(s, -nargs - 1);
  if (co == nullptr) type_error(s, -nargs - 1, 0, "coroutine");
  if (!api::check_stack(co, nargs)) throw Error("too many arguments to resume");
  api::xmove(s, co, nargs);
  int nres;
  const int status = api::resume(co, s, nargs, &nres);
  if (status == vm::kOk || status == vm::kYield) {
    if (!api::check_stack(s, nres + 1)) {
      api::pop(co, nres);
      throw Error("too many results to resume");
    }
    api::xmove(co, s, nres);
    api::remove(s, -nres - 1);  // the coroutine
    if (nresults < 0) return nres;
    if (!api::check_stack(s, nresults)) throw Error("too many results to resume");
    for (; nres < nresults; nres++) api::push_nil(s);
    api::set_top(s, api::get_top(s) - (nres - nresults));
    return nresults;
  }
  // The error, with the coroutine's traceback (its stack is as the error left it).
  std::string message = pop_message(co);
  std::string traceback;
  if (api::check_stack(s, 3)) {
    host_guarded(s, [&](Thread* L) { stdlib::traceback(L, co, nullptr, 0); });
    traceback = pop_message(s);
  }
  throw Error(message, std::move(traceback));
}

const char* coroutine_status(State* s, int idx) {
  Thread* co = api::to_thread(s, idx);
  if (co == nullptr || co == s) return co == s ? "running" : "dead";
  switch (api::status(co)) {
    case vm::kYield:
      return "suspended";
    case vm::kOk: {
      vm::DebugInfo ar;
      if (vm::get_stack(co, 0, &ar)) return "normal";
      return api::get_top(co) == 0 ? "dead" : "suspended";
    }
    default:
      return "dead";
  }
}

void push_new_coroutine(State* s, int function) {
  function = api::abs_index(s, function);
  reserve(s, 2);
  host_guarded(s, [&](Thread* L) {
    Thread* co = api::new_thread(L);
    api::push_value(L, function);
    api::xmove(L, co, 1);
  });
}

// ---- Bound functions ----

void* push_function(State* s, NativeFn fn, size_t size, void (*destroy)(void*)) {
  reserve(s, 3);
  return host_guarded(s, [&](Thread* L) {
    auto* mem = static_cast<char*>(api::new_userdata(L, kObjectOffset + size, 0));
    std::memcpy(mem, &destroy, sizeof destroy);
    Host* h = host(L);
    std::memcpy(mem + 8, &h, sizeof h);
    api::push_native_closure(L, fn, 1);
    return static_cast<void*>(mem + kObjectOffset);
  });
}

void arm_destroy(State* s, void* object, void (*destroy)(void*)) {
  reserve(s, 4);
  auto* mem = static_cast<char*>(object) - kObjectOffset;
  api::get_upvalue(s, -1, 1);  // the storage
  host_guarded(s, [&](Thread* L) {
    if (stdlib::new_metatable(L, kBoundMeta)) {
      api::push_native_function(L, collect_bound);
      api::set_field(L, -2, "__gc");
    }
    std::memcpy(mem, &destroy, sizeof destroy);
    api::set_metatable(L, -2);
  });
  api::pop(s, 1);
}

void* function_object(State* s) {
  // The running native closure's first upvalue, read directly (the pseudo-index's general
  // path costs a few nanoseconds of every call).
  const vm::Value& up = s->ci->func->as_native_closure()->upvalue[0];
  return static_cast<char*>(up.as_userdata()->mem) + kObjectOffset;
}

bool is_integer(State* s, int idx) { return api::is_integer(s, idx); }

void no_overload(State* s) {
  std::string types;
  for (int i = 1; i <= api::get_top(s); i++) {
    if (i > 1) types += ", ";
    types += stdlib::type_name_at(s, i);
  }
  stdlib::error(s, "no overload takes (%s)", types.c_str());
}

void raise(State* s, const char* message) {
  api::push_string(s, message);
  api::error(s);
}

}  // namespace tycho::detail
