// The native API (Lua's lapi.c). See vm/api.hpp for the index rules.
//
// Rules kept here:
//  1. `index2value` pointers into the stack are valid only until the next call, allocation
//     safe point (check_gc) or stack growth: re-fetch after any of those.
//  2. A new object is pushed on the stack (anchored) before the check_gc that may follow it.
//  3. Functions that pop and push leave L->top consistent even when a metamethod raises.
#include "vm/api.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "vm/collect.hpp"
#include "vm/debug.hpp"
#include "vm/func.hpp"
#include "vm/interp.hpp"
#include "vm/number.hpp"
#include "vm/string.hpp"
#include "vm/table.hpp"
#include "vm/tm.hpp"

namespace tycho::vm::api {

namespace {

constexpr bool is_pseudo(int idx) { return idx <= kRegistryIndex; }
constexpr bool is_upvalue(int idx) { return idx < kRegistryIndex; }

Value* index2value(Thread* L, int idx) {
  CallInfo* ci = L->ci;
  if (idx > 0) {
    Value* o = ci->func + idx;
    if (o >= L->top) return &L->g->nilvalue;
    return o;
  }
  if (!is_pseudo(idx)) return L->top + idx;  // negative index
  if (idx == kRegistryIndex) return &L->g->registry;
  idx = kRegistryIndex - idx;  // upvalue number
  if (ci->func->is_native_closure()) {
    NativeClosure* f = ci->func->as_native_closure();
    return idx <= f->nupvalues() ? &f->upvalue[idx - 1] : &L->g->nilvalue;
  }
  return &L->g->nilvalue;  // light functions have no upvalues
}

// A real stack slot (no pseudo-indices).
Value* index2stack(Thread* L, int idx) {
  if (idx > 0) return L->ci->func + idx;
  return L->top + idx;
}

// An index that names an actual value (not past the top).
bool is_valid(Thread* L, const Value* o) { return o != &L->g->nilvalue; }

void push(Thread* L, const Value& v) {
  *L->top = v;
  L->top++;
}

Table* table_at(Thread* L, int idx) { return index2value(L, idx)->as_table(); }

Value globals(Thread* L) { return *table_get_int(L->g->registry.as_table(), kRidxGlobals); }

int get_str(Thread* L, const Value* t, const char* k) {
  push(L, Value::object(new_cstring(L, k)));
  get_value(L, t, L->top - 1, L->top - 1);
  return L->top[-1].type();
}

// t[k] = top (popped).
void set_str(Thread* L, const Value* t, const char* k) {
  push(L, Value::object(new_cstring(L, k)));
  set_value(L, t, L->top - 1, L->top - 2);
  L->top -= 2;
}

int finish_raw_get(Thread* L, const Value* val) {
  if (val->is_empty()) {
    L->top->set_nil();
  } else {
    *L->top = *val;
  }
  L->top++;
  return L->top[-1].type();
}

}  // namespace

// ---- Stack manipulation ----

int abs_index(Thread* L, int idx) {
  return (idx > 0 || is_pseudo(idx)) ? idx : static_cast<int>(L->top - L->ci->func) + idx;
}


void set_top(Thread* L, int idx) {
  Value* func = L->ci->func;
  ptrdiff_t diff;
  if (idx >= 0) {
    diff = (func + 1 + idx) - L->top;
    for (; diff > 0; diff--) (L->top++)->set_nil();
  } else {
    diff = idx + 1;
  }
  Value* newtop = L->top + diff;
  if (diff < 0 && L->tbc != nullptr && !L->tbc->empty() &&
      static_cast<ptrdiff_t>(L->tbc->back()) >= save_stack(L, newtop)) {
    newtop = close_level(L, newtop, kCloseKTop, false);
  }
  L->top = newtop;
}

void push_value(Thread* L, int idx) { push(L, *index2value(L, idx)); }
const Value* value_at(Thread* L, int idx) { return index2value(L, idx); }

void rotate(Thread* L, int idx, int n) {
  Value* t = L->top - 1;                    // end of the segment
  Value* p = index2stack(L, idx);           // its start
  Value* m = (n >= 0 ? t - n : p - n - 1);  // end of the prefix
  std::reverse(p, m + 1);
  std::reverse(m + 1, t + 1);
  std::reverse(p, t + 1);
}

void copy(Thread* L, int fromidx, int toidx) {
  Value* fr = index2value(L, fromidx);
  Value* to = index2value(L, toidx);
  *to = *fr;
  if (is_upvalue(toidx)) barrier(L, L->ci->func->as_gc(), *fr);
}

bool detail::check_stack_slow(Thread* L, int n) {
  CallInfo* ci = L->ci;
  bool ok;
  if (L->stack_last - L->top > n) {
    ok = true;
    if constexpr (kHardStack) move_stack(L);
  } else {
    int inuse = static_cast<int>(L->top - L->stack) + kExtraStack;
    if (inuse > kMaxStack - n) {
      ok = false;
    } else {
      grow_stack(L, n, false);
      ok = L->stack_last - L->top >= n;
    }
  }
  if (ok && ci->top < L->top + n) ci->top = L->top + n;
  return ok;
}

void xmove(Thread* from, Thread* to, int n) {
  if (from == to) return;
  // Through locals: stores into the stack could alias `to->top` itself for the compiler.
  const Value* src = from->top - n;
  Value* dst = to->top;
  from->top -= n;
  for (int i = 0; i < n; i++) dst[i] = src[i];
  to->top = dst + n;
}

// ---- Access ----

int detail::type_slow(Thread* L, int idx) {
  const Value* o = index2value(L, idx);
  return is_valid(L, o) ? o->type() : kTNone;
}

const char* type_name(Thread*, int t) { return vm::type_name(t); }

bool is_number(Thread* L, int idx) {
  double n;
  return vm::to_number(*index2value(L, idx), &n);
}

bool is_string(Thread* L, int idx) {
  const Value* o = index2value(L, idx);
  return o->is_string() || o->is_number();
}

bool is_integer(Thread* L, int idx) { return index2value(L, idx)->is_int(); }

bool is_native_function(Thread* L, int idx) {
  const Value* o = index2value(L, idx);
  return o->is_light_function() || o->is_native_closure();
}

bool is_userdata(Thread* L, int idx) {
  const Value* o = index2value(L, idx);
  return o->is_userdata() || o->is_light_userdata();
}

double detail::to_number_slow(Thread* L, int idx, bool* isnum) {
  double n = 0;
  bool ok = vm::to_number(*index2value(L, idx), &n);
  if (isnum) *isnum = ok;
  return ok ? n : 0;
}

int64_t detail::to_integer_slow(Thread* L, int idx, bool* isnum) {
  int64_t res = 0;
  bool ok = vm::to_integer(*index2value(L, idx), &res);
  if (isnum) *isnum = ok;
  return ok ? res : 0;
}

bool to_boolean(Thread* L, int idx) { return !index2value(L, idx)->is_falsy(); }

const char* detail::to_lstring_slow(Thread* L, int idx, size_t* len) {
  Value* o = index2value(L, idx);
  if (!o->is_string()) {
    if (!o->is_number()) {
      if (len) *len = 0;
      return nullptr;
    }
    number_to_string_inplace(L, o);
    check_gc(L);
    o = index2value(L, idx);  // the collector may have moved the stack
  }
  String* s = o->as_string();
  if (len) *len = s->len;
  return s->data();
}

uint64_t raw_len(Thread* L, int idx) {
  const Value* o = index2value(L, idx);
  switch (o->tt) {
    case kVShortStr:
    case kVLongStr:
      return o->as_string()->len;
    case kVUserdata:
      return o->as_userdata()->len;
    case kVTable:
      return table_length(o->as_table());
    default:
      return 0;
  }
}

NativeFn to_native_function(Thread* L, int idx) {
  const Value* o = index2value(L, idx);
  if (o->is_light_function()) return o->as_light_function();
  if (o->is_native_closure()) return o->as_native_closure()->f;
  return nullptr;
}

void* to_userdata(Thread* L, int idx) {
  const Value* o = index2value(L, idx);
  if (o->is_userdata()) return o->as_userdata()->mem;
  if (o->is_light_userdata()) return o->as_light_userdata();
  return nullptr;
}

Thread* to_thread(Thread* L, int idx) {
  const Value* o = index2value(L, idx);
  return o->is_thread() ? o->as_thread() : nullptr;
}

const void* to_pointer(Thread* L, int idx) {
  const Value* o = index2value(L, idx);
  switch (o->tt) {
    case kVLightFn:
      return reinterpret_cast<const void*>(o->as_light_function());
    case kVUserdata:
    case kVLightUserdata:
      return to_userdata(L, idx);
    default:
      return o->is_collectable() ? o->as_gc() : nullptr;
  }
}

// ---- Arithmetic and comparison ----

void arith(Thread* L, int op) {
  if (op == kOpUnm || op == kOpBNot) push(L, L->top[-1]);  // a fake second operand
  vm::arith(L, op, L->top - 2, L->top - 1, L->top - 2);
  L->top--;
}

bool raw_equal(Thread* L, int idx1, int idx2) {
  const Value* o1 = index2value(L, idx1);
  const Value* o2 = index2value(L, idx2);
  return is_valid(L, o1) && is_valid(L, o2) && vm::raw_equal(*o1, *o2);
}

bool compare(Thread* L, int idx1, int idx2, int op) {
  const Value* o1 = index2value(L, idx1);
  const Value* o2 = index2value(L, idx2);
  if (!is_valid(L, o1) || !is_valid(L, o2)) return false;
  switch (op) {
    case kCmpEq:
      return equal_obj(L, o1, o2);
    case kCmpLt:
      return less_than(L, o1, o2);
    case kCmpLe:
      return less_equal(L, o1, o2);
    default:
      return false;
  }
}

// ---- Push ----


const char* push_lstring(Thread* L, const char* s, size_t len) {
  if (len > kMaxShortLen) make_room(L, len + sizeof(String));
  String* ts = new_string(L, len == 0 ? "" : s, len);  // s may be null when len is 0
  push(L, Value::object(ts));
  check_gc(L);
  return ts->data();
}

const char* push_string(Thread* L, const char* s) {
  if (s == nullptr) {
    push_nil(L);
    return nullptr;
  }
  String* ts = new_cstring(L, s);
  push(L, Value::object(ts));
  check_gc(L);
  return ts->data();
}

const char* push_vfstring(Thread* L, const char* fmt, va_list args) {
  const char* r = vm::push_vfstring(L, fmt, args);
  check_gc(L);
  return r;
}

const char* push_fstring(Thread* L, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  const char* r = api::push_vfstring(L, fmt, args);
  va_end(args);
  return r;
}

void push_native_closure(Thread* L, NativeFn fn, int n) {
  if (n == 0) {
    push(L, Value::light_function(fn));
    return;
  }
  NativeClosure* cl = new_native_closure(L, fn, n);
  L->top -= n;
  for (int i = 0; i < n; i++) {
    cl->upvalue[i] = L->top[i];
    barrier(L, cl, L->top[i]);  // the values leave the stack
  }
  push(L, Value::object(cl));
  check_gc(L);
}

void push_light_userdata(Thread* L, void* p) { push(L, Value::light_userdata(p)); }

bool push_thread(Thread* L) {
  push(L, Value::object(L));
  return L->g->mainthread == L;
}

void push_global_table(Thread* L) { push(L, globals(L)); }

// ---- Get ----

int get_global(Thread* L, const char* name) {
  Value gt = globals(L);
  return get_str(L, &gt, name);
}

int get_table(Thread* L, int idx) {
  const Value* t = index2value(L, idx);
  get_value(L, t, L->top - 1, L->top - 1);
  return L->top[-1].type();
}

int get_field(Thread* L, int idx, const char* k) { return get_str(L, index2value(L, idx), k); }

int get_i(Thread* L, int idx, int64_t n) {
  const Value* t = index2value(L, idx);
  if (t->is_table()) {  // the interpreter's fast path: a present field needs no metamethod
    const Value* slot = table_get_int(t->as_table(), n);
    if (!slot->is_empty()) {
      push(L, *slot);
      return L->top[-1].type();
    }
  }
  Value key = Value::integer(n);
  get_value(L, t, &key, L->top);
  L->top++;
  return L->top[-1].type();
}

int raw_get(Thread* L, int idx) {
  Table* t = table_at(L, idx);
  const Value* val = table_get(t, L->top[-1]);
  L->top--;
  return finish_raw_get(L, val);
}

int raw_get_i(Thread* L, int idx, int64_t n) {
  return finish_raw_get(L, table_get_int(table_at(L, idx), n));
}

int raw_get_p(Thread* L, int idx, const void* p) {
  Value k = Value::light_userdata(const_cast<void*>(p));
  return finish_raw_get(L, table_get(table_at(L, idx), k));
}

void create_table(Thread* L, int narr, int nrec) {
  // A safe point after, so one before: big parts may need an emergency collection.
  const auto narray = static_cast<unsigned>(std::max(narr, 0));
  const auto nhash = static_cast<unsigned>(std::max(nrec, 0));
  make_room(L, table_parts_bytes(narray, nhash));
  push(L, Value::object(vm::new_table(L, narray, nhash)));
  check_gc(L);
}

const TableImage* table_image_at(Thread* L, int idx) {
  const Value* t = index2value(L, idx);
  return t->is_table() ? vm::table_image(t->as_table()) : nullptr;
}

void create_table_from_image(Thread* L, const TableImage* image) {
  push(L, Value::object(vm::new_table_from_image(L, image)));
  check_gc(L);
}

bool table_is_empty_at(Thread* L, int idx) { return vm::table_is_empty(table_at(L, idx)); }

void fill_table_from_image(Thread* L, int idx, const TableImage* image) {
  vm::table_fill_from_image(L, table_at(L, idx), image);
}

void* new_userdata(Thread* L, size_t size, int nuvalue) {
  // A safe point after, so one before: a big block may need an emergency collection.
  make_room(L, size + sizeof(Value) * static_cast<size_t>(std::max(nuvalue, 0)));
  Userdata* u = vm::new_userdata(L, size, nuvalue);
  push(L, Value::object(u));
  check_gc(L);
  return u->mem;
}

bool get_metatable(Thread* L, int idx) {
  Table* mt = vm::get_metatable(L, index2value(L, idx));
  if (mt == nullptr) return false;
  push(L, Value::object(mt));
  return true;
}

int get_iuservalue(Thread* L, int idx, int n) {
  const Value* o = index2value(L, idx);
  Userdata* u = o->as_userdata();
  if (n <= 0 || n > u->nuvalue) {
    push_nil(L);
    return kTNone;
  }
  push(L, u->uv[n - 1]);
  return L->top[-1].type();
}

// ---- Set ----

void set_global(Thread* L, const char* name) {
  Value gt = globals(L);
  set_str(L, &gt, name);
}

void set_table(Thread* L, int idx) {
  const Value* t = index2value(L, idx);
  set_value(L, t, L->top - 2, L->top - 1);
  L->top -= 2;
}

void set_field(Thread* L, int idx, const char* k) { set_str(L, index2value(L, idx), k); }

void set_i(Thread* L, int idx, int64_t n) {
  const Value* t = index2value(L, idx);
  if (t->is_table()) {  // assigning to a present field needs no metamethod
    Table* h = t->as_table();
    const Value* slot = table_get_int(h, n);
    if (!slot->is_empty()) {
      set_slot(slot, L->top[-1]);
      barrier_table(L, h, slot, L->top[-1]);
      L->top--;
      return;
    }
  }
  Value key = Value::integer(n);
  set_value(L, t, &key, L->top - 1);
  L->top--;
}

// (table_set clears the table's metamethod-absence cache and does the barrier.)
void raw_set(Thread* L, int idx) {
  GrowthMayCollect may_collect(L->g);  // key and value on the stack
  table_set(L, table_at(L, idx), L->top[-2], L->top[-1]);
  L->top -= 2;
}

void raw_set_i(Thread* L, int idx, int64_t n) {
  GrowthMayCollect may_collect(L->g);
  table_set_int(L, table_at(L, idx), n, L->top[-1]);
  L->top--;
}

void raw_set_function(Thread* L, int idx, const char* name, NativeFn f) {
  Table* t = table_at(L, idx);
  Value k = Value::object(new_cstring(L, name));  // no safe point until it is in the table
  table_set(L, t, k, Value::light_function(f));
}

void raw_set_p(Thread* L, int idx, const void* p) {
  Value k = Value::light_userdata(const_cast<void*>(p));
  table_set(L, table_at(L, idx), k, L->top[-1]);
  L->top--;
}

void set_metatable(Thread* L, int idx) {
  Value* obj = index2value(L, idx);
  Table* mt = L->top[-1].is_nil() ? nullptr : L->top[-1].as_table();
  switch (obj->type()) {
    case kTTable:
      set_metatable_of(L, obj->as_table(), mt);
      break;
    case kTUserdata:
      set_metatable_of(L, obj->as_userdata(), mt);
      break;
    default:
      L->g->mt[obj->type()] = mt;
      break;
  }
  L->top--;
}

bool set_iuservalue(Thread* L, int idx, int n) {
  Value* o = index2value(L, idx);
  Userdata* u = o->as_userdata();
  bool ok = n > 0 && n <= u->nuvalue;
  if (ok) {
    u->uv[n - 1] = L->top[-1];
    barrier_back(L, u, L->top[-1]);
  }
  L->top--;
  return ok;
}

// ---- Calls ----

void callk(Thread* L, int nargs, int nresults, KContext ctx, KFunction k) {
  Value* func = L->top - (nargs + 1);
  if (k != nullptr && L->yieldable()) {
    L->ci->u.c.k = k;  // the continuation, should the callee yield
    L->ci->u.c.ctx = ctx;
    vm::call(L, func, nresults);
  } else {
    call_noyield(L, func, nresults);
  }
  adjust_results(L, nresults);
}

namespace {
struct CallArgs {
  Value* func;
  int nresults;
};

void protected_call(Thread* L, void* ud) {
  auto* c = static_cast<CallArgs*>(ud);
  call_noyield(L, c->func, c->nresults);
}
}  // namespace

int pcallk(Thread* L, int nargs, int nresults, int errfunc, KContext ctx, KFunction k) {
  ptrdiff_t func = errfunc == 0 ? 0 : save_stack(L, index2stack(L, errfunc));
  CallArgs c{L->top - (nargs + 1), nresults};
  int status;
  if (no_call_running(L)) {  // called by the host (the usual case)
    status = vm::pcall_from_host(L, c.func, nresults, func);
  } else if (k == nullptr || !L->yieldable()) {
    status = vm::pcall(L, protected_call, &c, save_stack(L, c.func), func);
  } else {
    // A yieldable protected call: errors unwind to resume, which finds this CallInfo by
    // kCistYpcall and finishes the call through the continuation (see vm/call.cpp).
    CallInfo* ci = L->ci;
    ci->u.c.k = k;
    ci->u.c.ctx = ctx;
    ci->u2.funcidx = static_cast<int>(save_stack(L, c.func));
    ci->u.c.old_errfunc = L->errfunc;
    L->errfunc = func;
    ci->callstatus =
        static_cast<uint16_t>((ci->callstatus & ~kCistOah) | (L->allowhook ? kCistOah : 0));
    ci->callstatus |= kCistYpcall;
    vm::call(L, c.func, nresults);
    ci->callstatus &= static_cast<uint16_t>(~kCistYpcall);
    L->errfunc = ci->u.c.old_errfunc;
    status = kOk;
  }
  adjust_results(L, nresults);
  return status;
}

namespace {

struct LoadArgs {
  Reader reader;
  void* data;
  const char* chunkname;
  const char* mode;
};

void check_mode(Thread* L, const char* mode, const char* what) {
  if (mode != nullptr && std::strchr(mode, what[0]) == nullptr) {
    vm::push_fstring(L, "attempt to load a %s chunk (mode is '%s')", what, mode);
    throw_error(L, kErrSyntax);
  }
}

void protected_parser(Thread* L, void* ud) {
  auto* p = static_cast<LoadArgs*>(ud);
  std::string source;
  for (;;) {
    size_t size = 0;
    const char* piece = p->reader(L, p->data, &size);
    if (piece == nullptr || size == 0) break;
    source.append(piece, size);
  }
  Proto* f;
  if (!source.empty() && source[0] == kSignature[0]) {  // a binary chunk
    check_mode(L, p->mode, "binary");
    f = undump(L, source, p->chunkname);
  } else {
    check_mode(L, p->mode, "text");
    if (L->g->compiler == nullptr) {
      vm::push_fstring(L, "%s: cannot load text chunks (no compiler)", p->chunkname);
      throw_error(L, kErrSyntax);
    }
    f = L->g->compiler(L, source, p->chunkname);
  }
  // Both kinds get a closure with fresh upvalues; load() then sets the first one to _ENV.
  push_closure(L, f);
}

struct StringReader {
  std::string_view chunk;
  bool done = false;
};

const char* read_string(Thread*, void* ud, size_t* size) {
  auto* r = static_cast<StringReader*>(ud);
  if (r->done) return nullptr;
  r->done = true;
  *size = r->chunk.size();
  return r->chunk.data();
}

}  // namespace

int load(Thread* L, Reader reader, void* data, const char* chunkname, const char* mode) {
  LoadArgs args{reader, data, chunkname ? chunkname : "?", mode};
  L->nny++;  // the parser cannot yield
  int status = vm::pcall(L, protected_parser, &args, save_stack(L, L->top), L->errfunc);
  L->nny--;
  if (status == kOk) {
    LuaClosure* f = L->top[-1].as_lua_closure();
    if (f->nupvalues() >= 1) {  // the first upvalue is _ENV: the globals
      Value gt = globals(L);
      *f->upvals[0]->v = gt;
      barrier(L, f->upvals[0], gt);
    }
  }
  return status;
}

int load(Thread* L, std::string_view chunk, const char* chunkname, const char* mode) {
  StringReader r{chunk};
  return load(L, read_string, &r, chunkname, mode);
}

int dump(Thread* L, Writer writer, void* data, bool strip) {
  const Value* o = L->top - 1;
  if (!o->is_lua_closure()) return 1;
  return vm::dump(L, o->as_lua_closure()->p, writer, data, strip);
}

// ---- Coroutines ----

int yieldk(Thread* L, int nresults, KContext ctx, KFunction k) {
  return vm::yield(L, nresults, ctx, k);
}

int resume(Thread* L, Thread* from, int nargs, int* nresults) {
  return vm::resume(L, from, nargs, nresults);
}

int status(Thread* L) { return L->status; }
bool is_yieldable(Thread* L) { return L->yieldable(); }
int close_thread(Thread* L, Thread* from) { return vm::close_thread(L, from); }

Thread* new_thread(Thread* L) {
  check_gc(L);
  Thread* L1 = vm::new_thread(L);
  push(L, Value::object(L1));
  return L1;
}

// ---- Miscellaneous ----

void error(Thread* L) {
  const Value& errobj = L->top[-1];
  if (errobj.is_short_string() && errobj.as_string() == L->g->memerrmsg) {
    throw_error(L, kErrMem);  // a memory error: no message handler
  }
  error_top(L);
}

bool next(Thread* L, int idx) {
  Table* t = table_at(L, idx);
  bool more = table_next(L, t, L->top - 1, L->top);
  if (more) {
    L->top++;
  } else {
    L->top--;
  }
  return more;
}

void concat(Thread* L, int n) {
  if (n > 0) {
    vm::concat(L, n);
  } else {
    push(L, Value::object(new_string(L, "", 0)));
  }
  check_gc(L);
}

void len(Thread* L, int idx) {
  const Value* t = index2value(L, idx);
  obj_len(L, L->top, t);
  L->top++;
}

size_t string_to_number(Thread* L, const char* s) {
  size_t sz = str_to_number(s, L->top);
  if (sz != 0) L->top++;
  return sz;
}

int gc(Thread* L, int what, int a, int b, int c) {
  gc::Collector& col = L->g->gc;
  heap::Heap& heap = L->g->heap;
  if (L->g->in_finalizer) return -1;  // as lua5.4: no collector control inside a finalizer
  switch (what) {
    case kGcStop:
      col.stop();
      return 0;
    case kGcRestart:
      col.restart();
      return 0;
    case kGcCollect:
      col.full_collect();
      run_pending_finalizers(L);
      return 0;
    case kGcCount:
      return static_cast<int>(heap.bytes_counted() >> 10);
    case kGcCountB:
      return static_cast<int>(heap.bytes_counted() & 0x3ff);
    case kGcStep: {
      const bool done = col.step(a <= 0 ? 0 : static_cast<size_t>(a));
      run_pending_finalizers(L);
      // lua5.4 answers false in generational mode, where a step is a whole collection.
      return done && !col.generational() ? 1 : 0;
    }
    case kGcSetPause:
      return col.set_pause(a);
    case kGcSetStepMul:
      return col.set_stepmul(a);
    case kGcIsRunning:
      return col.is_running() ? 1 : 0;
    case kGcGen: {
      int old = col.generational() ? kGcGen : kGcInc;
      if (a != 0) col.set_minormul(a);
      if (b != 0) col.set_majormul(b);
      col.set_generational(true);
      return old;
    }
    case kGcInc: {
      int old = col.generational() ? kGcGen : kGcInc;
      if (a != 0) col.set_pause(a);
      if (b != 0) col.set_stepmul(b);
      if (c != 0) col.set_stepsize(c);
      col.set_generational(false);
      return old;
    }
    default:
      return -1;
  }
}

void warning(Thread* L, const char* msg, bool tocont) {
  Global* g = L->g;
  if (g->warn_fn != nullptr) g->warn_fn(g->warn_ud, msg, tocont);
}

void to_close(Thread* L, int idx) {
  Value* o = index2stack(L, idx);
  int nresults = L->ci->nresults;
  new_tbc_upval(L, o);
  if (!(nresults < kMultRet)) L->ci->nresults = static_cast<int16_t>(-nresults - 3);
}

void close_slot(Thread* L, int idx) {
  Value* level = index2stack(L, idx);
  level = close_level(L, level, kCloseKTop, false);
  level->set_nil();
}

namespace {
const char* aux_upvalue(Value* fi, int n, Value** val, GcObject** owner) {
  switch (fi->tt) {
    case kVNativeClosure: {
      NativeClosure* f = fi->as_native_closure();
      if (n < 1 || n > f->nupvalues()) return nullptr;
      *val = &f->upvalue[n - 1];
      *owner = f;
      return "";
    }
    case kVLuaClosure: {
      LuaClosure* f = fi->as_lua_closure();
      Proto* p = f->p;
      if (n < 1 || n > p->sizeupvalues) return nullptr;
      *val = f->upvals[n - 1]->v;
      *owner = f->upvals[n - 1];
      String* name = p->upvalues[n - 1].name;
      return name == nullptr ? "(no name)" : name->data();
    }
    default:
      return nullptr;
  }
}
}  // namespace

const char* get_upvalue(Thread* L, int funcindex, int n) {
  Value* val = nullptr;
  GcObject* owner = nullptr;
  const char* name = aux_upvalue(index2value(L, funcindex), n, &val, &owner);
  if (name) push(L, *val);
  return name;
}

const char* set_upvalue(Thread* L, int funcindex, int n) {
  Value* val = nullptr;
  GcObject* owner = nullptr;
  const char* name = aux_upvalue(index2value(L, funcindex), n, &val, &owner);
  if (name) {
    L->top--;
    *val = *L->top;
    barrier(L, owner, *val);
  }
  return name;
}

void* upvalue_id(Thread* L, int fidx, int n) {
  Value* fi = index2value(L, fidx);
  switch (fi->tt) {
    case kVLuaClosure: {
      LuaClosure* f = fi->as_lua_closure();
      return (1 <= n && n <= f->p->sizeupvalues) ? f->upvals[n - 1] : nullptr;
    }
    case kVNativeClosure: {
      NativeClosure* f = fi->as_native_closure();
      return (1 <= n && n <= f->nupvalues()) ? &f->upvalue[n - 1] : nullptr;
    }
    default:
      return nullptr;  // light native functions have no upvalues
  }
}

void upvalue_join(Thread* L, int fidx1, int n1, int fidx2, int n2) {
  LuaClosure* f1 = index2value(L, fidx1)->as_lua_closure();
  LuaClosure* f2 = index2value(L, fidx2)->as_lua_closure();
  f1->upvals[n1 - 1] = f2->upvals[n2 - 1];
  barrier_object(L, f1, f1->upvals[n1 - 1]);
}

void set_hook(Thread* L, Hook func, int mask, int count) {
  if (func == nullptr || mask == 0) {
    mask = 0;
    func = nullptr;
  }
  L->hook = func;
  L->basehookcount = count;
  L->hookcount = count;
  L->hookmask = static_cast<uint8_t>(mask);
  // No per-frame traps to set: the interpreter looks at the mask whenever code has run.
}

}  // namespace tycho::vm::api
