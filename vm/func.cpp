// Closures, upvalues and to-be-closed variables.
//
// Open upvalues of a thread form a list sorted by stack level, innermost (highest) first, so
// closing a block walks only the upvalues at or above its level. To-be-closed variables are
// kept as stack offsets in a per-thread vector, innermost last.
#include "vm/func.hpp"

#include <new>

#include "vm/debug.hpp"
#include "vm/string.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

namespace {
constexpr size_t kLuaClosureHeader = sizeof(LuaClosure);
constexpr size_t kNativeClosureHeader = sizeof(NativeClosure);
}  // namespace

size_t lua_closure_size(int n) {
  size_t full = kLuaClosureHeader + sizeof(UpVal*) * static_cast<size_t>(n);
  return full <= heap::Heap::kMaxCellSize ? full : kLuaClosureHeader;
}

size_t native_closure_size(int n) {
  size_t full = kNativeClosureHeader + sizeof(Value) * static_cast<size_t>(n);
  return full <= heap::Heap::kMaxCellSize ? full : kNativeClosureHeader;
}

Proto* new_proto(Thread* L) {
  auto* p = new_object<Proto>(L, kVProto);
  p->numparams = 0;
  p->is_vararg = 0;
  p->maxstacksize = 0;
  p->borrowed = 0;
  p->sizeupvalues = p->sizek = p->sizecode = p->sizep = p->sizelocvars = 0;
  p->linedefined = p->lastlinedefined = 0;
  p->k = nullptr;
  p->code = nullptr;
  p->p = nullptr;
  p->upvalues = nullptr;
  p->lineinfo = nullptr;
  p->locvars = nullptr;
  p->source = nullptr;
  p->shared = nullptr;
  return p;
}

LuaClosure* new_lua_closure(Thread* L, int n) {
  size_t size = lua_closure_size(n);
  auto* cl = new_object<LuaClosure>(L, kVLuaClosure, size);
  cl->extra = static_cast<uint8_t>(n);
  cl->p = nullptr;
  if (size > kLuaClosureHeader || n == 0) {
    cl->upvals = reinterpret_cast<UpVal**>(cl + 1);
  } else {
    cl->upvals = nullptr;  // keep the object well-formed if the allocation below fails
    cl->upvals = static_cast<UpVal**>(alloc_payload(L, sizeof(UpVal*) * n));
  }
  for (int i = 0; i < n; i++) cl->upvals[i] = nullptr;
  return cl;
}

void push_closure(Thread* L, Proto* p) {
  LuaClosure* cl = new_lua_closure(L, p->sizeupvalues);
  cl->p = p;
  barrier_object(L, cl, p);
  ensure_stack(L, 1);
  *L->top++ = Value::object(cl);
  init_upvals(L, cl);
}

NativeClosure* new_native_closure(Thread* L, NativeFn f, int n) {
  size_t size = native_closure_size(n);
  auto* cl = new_object<NativeClosure>(L, kVNativeClosure, size);
  cl->extra = static_cast<uint8_t>(n);
  cl->f = f;
  cl->upvalue = nullptr;
  if (size > kNativeClosureHeader || n == 0) {
    cl->upvalue = reinterpret_cast<Value*>(cl + 1);
  } else {
    cl->upvalue = static_cast<Value*>(alloc_payload(L, sizeof(Value) * n));
  }
  for (int i = 0; i < n; i++) cl->upvalue[i].set_nil();
  return cl;
}

Userdata* new_userdata(Thread* L, size_t size, int nuvalue) {
  auto* u = new_object<Userdata>(L, kVUserdata);
  u->nuvalue = static_cast<uint16_t>(nuvalue);
  u->len = size;
  u->metatable = nullptr;
  u->mem = nullptr;
  u->uv = nullptr;
  if (nuvalue > 0) {
    u->uv = static_cast<Value*>(alloc_payload(L, sizeof(Value) * nuvalue));
    for (int i = 0; i < nuvalue; i++) u->uv[i].set_nil();
  }
  u->mem = alloc_payload(L, size);
  return u;
}

// ---- Upvalues ----

static UpVal* new_upval(Thread* L, Value* level, UpVal** prev) {
  auto* uv = new_object<UpVal>(L, kVUpval);
  uv->v = level;
  uv->closed.set_nil();
  uv->open_next = *prev;
  *prev = uv;
  return uv;
}

UpVal* find_upval(Thread* L, Value* level) {
  UpVal** pp = &L->openupval;
  UpVal* p;
  while ((p = *pp) != nullptr && p->v >= level) {
    if (p->v == level) return p;
    pp = &p->open_next;
  }
  return new_upval(L, level, pp);
}

void init_upvals(Thread* L, LuaClosure* cl) {
  for (int i = 0; i < cl->nupvalues(); i++) {
    auto* uv = new_object<UpVal>(L, kVUpval);
    uv->open_next = nullptr;
    uv->closed.set_nil();
    uv->v = &uv->closed;
    cl->upvals[i] = uv;
    barrier_object(L, cl, uv);
  }
}

void close_upvals(Thread* L, Value* level) {
  UpVal* uv;
  while ((uv = L->openupval) != nullptr && uv->v >= level) {
    L->openupval = uv->open_next;
    uv->closed = *uv->v;
    uv->v = &uv->closed;
    uv->open_next = nullptr;
    barrier(L, uv, uv->closed);  // the value leaves the stack, which was the one keeping it
  }
}

// ---- To-be-closed variables ----

static void call_close_method(Thread* L, const Value* obj, const Value* err, bool yy) {
  Value* top = L->top;
  const Value* tm = get_tm_by_obj(L, obj, TM::CLOSE);
  top[0] = *tm;
  top[1] = *obj;
  top[2] = *err;
  L->top = top + 3;
  if (yy) {
    call(L, top, 0);
  } else {
    call_noyield(L, top, 0);
  }
}

void new_tbc_upval(Thread* L, Value* level) {
  if (level->is_falsy()) return;  // false and nil need no closing
  const Value* tm = get_tm_by_obj(L, level, TM::CLOSE);
  if (tm->is_nil()) {
    int idx = static_cast<int>(level - L->ci->func);
    const char* vname = nullptr;
    if (L->ci->is_lua()) {
      auto* cl = L->ci->func->as_lua_closure();
      vname = local_name(cl->p, idx, current_pc(L->ci));
    }
    if (vname == nullptr) vname = "?";
    run_error(L, "variable '%s' got a non-closable value", vname);
  }
  if (L->tbc == nullptr) L->tbc = new std::vector<uint32_t>();
  L->tbc->push_back(static_cast<uint32_t>(save_stack(L, level)));
}

Value* close_level(Thread* L, Value* level, int status, bool yy) {
  ptrdiff_t levelrel = save_stack(L, level);
  close_upvals(L, level);
  while (L->tbc != nullptr && !L->tbc->empty() &&
         static_cast<ptrdiff_t>(L->tbc->back()) >= levelrel) {
    size_t offset = L->tbc->back();
    L->tbc->pop_back();
    // Only bytecode that left a frame without closing it (a binary chunk tail-calling out of a
    // to-be-closed scope) leaves entries behind; one past a stack that has since shrunk is
    // dropped rather than read.
    if (offset >= L->stack_size()) continue;
    Value* tbc = restore_stack(L, static_cast<ptrdiff_t>(offset));
    const Value* errobj;
    if (status == kCloseKTop) {
      errobj = &L->g->nilvalue;
    } else {
      errobj = tbc + 1;
      set_error_obj(L, status, tbc + 1);  // sets top to tbc + 2
    }
    call_close_method(L, tbc, errobj, yy);
    level = restore_stack(L, levelrel);
  }
  return restore_stack(L, levelrel);
}

const char* local_name(const Proto* p, int local_number, int pc) {
  for (int i = 0; i < p->sizelocvars && p->locvars[i].startpc <= pc; i++) {
    if (pc < p->locvars[i].endpc) {
      local_number--;
      if (local_number == 0) return p->locvars[i].varname->data();
    }
  }
  return nullptr;
}

}  // namespace tycho::vm
