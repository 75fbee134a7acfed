// The VM: its creation and destruction, and how the collector sees tycho's objects.
//
// The collector knows objects only through the TypeOps table built here: one trace function
// per object type (marking children and payloads), an on_free hook where an object owns
// memory outside the heap, and a verify function for the heap verifier. `gc_roots` is the one
// place that lists every root.
#include "vm/vm.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "vm/collect.hpp"
#include "vm/func.hpp"
#include "vm/string.hpp"
#include "vm/table.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

namespace {

inline void mark_value(gc::Collector& c, const Value& v) {
  if (v.is_collectable()) c.mark(v.as_gc());
}

void trace_string(gc::Collector& c, GcObject* o) {
  auto* s = static_cast<String*>(o);
  if (!s->inline_bytes()) c.mark_payload(s->ptr, s->len + 1);
}

void trace_table_op(gc::Collector& c, GcObject* o) { trace_table(c, static_cast<Table*>(o)); }
void rescan_table_op(gc::Collector& c, GcObject* o) { rescan_table(c, static_cast<Table*>(o)); }

void trace_lua_closure(gc::Collector& c, GcObject* o) {
  auto* cl = static_cast<LuaClosure*>(o);
  if (cl->p) c.mark(cl->p);
  if (cl->upvals == nullptr) return;
  for (int i = 0; i < cl->nupvalues(); i++) {
    if (cl->upvals[i]) c.mark(cl->upvals[i]);
  }
  if (cl->upvals != reinterpret_cast<UpVal**>(cl + 1)) {
    c.mark_payload(cl->upvals, sizeof(UpVal*) * cl->nupvalues());
  }
}

void trace_native_closure(gc::Collector& c, GcObject* o) {
  auto* cl = static_cast<NativeClosure*>(o);
  if (cl->upvalue == nullptr) return;
  for (int i = 0; i < cl->nupvalues(); i++) mark_value(c, cl->upvalue[i]);
  if (cl->upvalue != reinterpret_cast<Value*>(cl + 1)) {
    c.mark_payload(cl->upvalue, sizeof(Value) * cl->nupvalues());
  }
}

void trace_upval(gc::Collector& c, GcObject* o) {
  // An open upvalue's value lives in a thread's stack; marking it here also covers threads
  // that die while a closure still holds one of their upvalues (closed before the sweep).
  mark_value(c, *static_cast<UpVal*>(o)->v);
}

void trace_proto(gc::Collector& c, GcObject* o) {
  auto* p = static_cast<Proto*>(o);
  if (p->source) c.mark(p->source);
  if (p->k) {
    for (int i = 0; i < p->sizek; i++) mark_value(c, p->k[i]);
    c.mark_payload(p->k, sizeof(Value) * p->sizek);
  }
  if (p->p) {
    for (int i = 0; i < p->sizep; i++) {
      if (p->p[i]) c.mark(p->p[i]);
    }
    c.mark_payload(p->p, sizeof(Proto*) * p->sizep);
  }
  if (p->upvalues) {
    for (int i = 0; i < p->sizeupvalues; i++) {
      if (p->upvalues[i].name) c.mark(p->upvalues[i].name);
    }
    c.mark_payload(p->upvalues, sizeof(UpvalDesc) * p->sizeupvalues);
  }
  if (p->locvars) {
    for (int i = 0; i < p->sizelocvars; i++) {
      if (p->locvars[i].varname) c.mark(p->locvars[i].varname);
    }
    c.mark_payload(p->locvars, sizeof(LocVar) * p->sizelocvars);
  }
  if (p->code) c.mark_payload(p->code, sizeof(Instruction) * p->sizecode);
  if (p->lineinfo) c.mark_payload(p->lineinfo, sizeof(int32_t) * p->sizecode);
}

void trace_userdata(gc::Collector& c, GcObject* o) {
  auto* u = static_cast<Userdata*>(o);
  if (u->metatable) c.mark(u->metatable);
  if (u->uv) {
    for (int i = 0; i < u->nuvalue; i++) mark_value(c, u->uv[i]);
    c.mark_payload(u->uv, sizeof(Value) * u->nuvalue);
  }
  if (u->mem) c.mark_payload(u->mem, u->len);
}

void trace_thread(gc::Collector& c, GcObject* o) {
  auto* th = static_cast<Thread*>(o);
  if (th->stack == nullptr) return;
  Value* v = th->stack;
  for (; v < th->top; v++) mark_value(c, *v);
  // Slots above the top are dead: clear them so that no stale pointer survives this cycle.
  for (; v < th->stack_last + kExtraStack; v++) v->set_nil();
  for (UpVal* uv = th->openupval; uv != nullptr; uv = uv->open_next) c.mark(uv);
  c.mark_payload(th->stack, sizeof(Value) * (th->stack_size() + kExtraStack));
}

void free_thread(void*, GcObject* o) {
  auto* th = static_cast<Thread*>(o);
  CallInfo* ci = th->base_ci.next;
  while (ci != nullptr) {
    CallInfo* next = ci->next;
    delete ci;
    ci = next;
  }
  th->base_ci.next = nullptr;
  delete th->tbc;
  th->tbc = nullptr;
}

// A dead short string leaves the intern table as it is swept (Lua's luaS_remove), so the
// collector never walks the live strings to find the dead ones.
void free_short_string(void* owner, GcObject* o) {
  remove_interned(static_cast<Global*>(owner), static_cast<String*>(o));
}

const char* verify_string(GcObject* o) {
  auto* s = static_cast<String*>(o);
  if (!s->is_short() && s->ptr == nullptr) return "string without bytes";
  if (s->data()[s->len] != '\0') return "string not NUL-terminated";
  return nullptr;
}

const char* verify_table_op(GcObject* o) { return verify_table(static_cast<Table*>(o)); }

const char* verify_lua_closure(GcObject* o) {
  auto* cl = static_cast<LuaClosure*>(o);
  if (cl->p == nullptr) return "Lua closure without prototype";
  if (cl->p->sizeupvalues != cl->nupvalues()) return "closure/prototype upvalue count mismatch";
  return nullptr;
}

const char* verify_thread(GcObject* o) {
  auto* th = static_cast<Thread*>(o);
  if (th->stack == nullptr) return nullptr;
  if (th->top < th->stack || th->top > th->stack_last + kExtraStack)
    return "thread top out of stack";
  return nullptr;
}

gc::TypeOps make_op(const char* name, void (*trace)(gc::Collector&, GcObject*),
                    void (*on_free)(void*, GcObject*) = nullptr,
                    const char* (*verify)(GcObject*) = nullptr,
                    void (*rescan)(gc::Collector&, GcObject*) = nullptr) {
  return gc::TypeOps{name, trace, on_free, verify, rescan};
}

struct TypeTable {
  gc::TypeOps ops[128] = {};
  TypeTable() {
    ops[kVShortStr] = make_op("short string", trace_string, free_short_string, verify_string);
    ops[kVLongStr] = make_op("long string", trace_string, nullptr, verify_string);
    ops[kVTable] = make_op("table", trace_table_op, nullptr, verify_table_op, rescan_table_op);
    ops[kVLuaClosure] = make_op("Lua closure", trace_lua_closure, nullptr, verify_lua_closure);
    ops[kVNativeClosure] = make_op("native closure", trace_native_closure);
    ops[kVUpval] = make_op("upvalue", trace_upval);
    ops[kVProto] = make_op("prototype", trace_proto);
    ops[kVUserdata] = make_op("userdata", trace_userdata);
    ops[kVThread] = make_op("thread", trace_thread, free_thread, verify_thread);
  }
};

const TypeTable kTypes;  // immutable after static initialization: shared by every VM

// The one place that lists every root, in order.
void gc_roots(gc::Collector& c, void* ctx) {
  auto* g = static_cast<Global*>(ctx);
  c.mark(g->mainthread);       // its stack, open upvalues
  mark_value(c, g->registry);  // globals, loaded modules, host references
  for (Table* mt : g->mt) {
    if (mt) c.mark(mt);  // metatables of basic types (string, ...)
  }
  for (String* s : g->tmname) {
    if (s) c.mark(s);  // metamethod names
  }
  if (g->memerrmsg) c.mark(g->memerrmsg);
  for (GcObject* o : g->anchors) c.mark(o);  // the compiler's objects in flight
  for (GcObject* o : g->tobefnz) c.mark(o);  // objects whose finalizers have yet to run
  for (const Value& v : g->host_roots) mark_value(c, v);  // host handles
}

// After marking: Lua's atomic step (weak tables, finalizers); then threads that died close their
// upvalues (still used by live closures). (Dead strings leave the intern table as they are
// swept: free_short_string.)
void gc_before_sweep(gc::Collector& c, void* ctx) {
  auto* g = static_cast<Global*>(ctx);
  // Stacks change without barriers: every live thread is traced again (Lua keeps threads gray).
  for (Thread* th = g->threads; th != nullptr; th = th->next_thread) {
    if (c.is_marked(th)) c.retrace(th);
  }
  // So do the objects the compiler is filling (see release_anchors).
  for (GcObject* o : g->anchors) c.retrace(o);
  c.propagate(SIZE_MAX);
  gc_atomic(c, g);  // weak tables and finalizers (may resurrect objects, threads included)
  Thread* th = g->threads;
  while (th != nullptr) {
    Thread* next = th->next_thread;
    if (!c.is_marked(th)) {
      close_upvals(th, th->stack);
      if (th->prev_thread) {
        th->prev_thread->next_thread = next;
      } else {
        g->threads = next;
      }
      if (next) next->prev_thread = th->prev_thread;
    }
    th = next;
  }
}

// After the sweep: the intern table shrinks if the dead strings left it mostly empty.
void gc_after_sweep(gc::Collector&, void* ctx) { shrink_string_table(static_cast<Global*>(ctx)); }

void init_thread_fields(Thread* th, Global* g) {
  th->status = kOk;
  th->allowhook = 1;
  th->nci = 0;
  th->top = nullptr;
  th->g = g;
  th->ci = nullptr;
  th->stack_last = nullptr;
  th->stack = nullptr;
  th->openupval = nullptr;
  th->base_ci = CallInfo{};
  th->prev_thread = nullptr;
  th->next_thread = nullptr;
  th->errfunc = 0;
  th->n_ccalls = 0;
  th->nny = 0;
  th->resume_level = UINT32_MAX;  // set while a resume runs
  th->tbc = nullptr;
  th->hook = nullptr;
  th->hookmask = 0;
  th->basehookcount = 0;
  th->hookcount = 0;
  th->oldpc = 0;
}

void init_stack(Thread* th, Thread* L) {
  size_t n = kBasicStackSize + kExtraStack;
  th->stack = static_cast<Value*>(alloc_payload(L, sizeof(Value) * n));
  for (size_t i = 0; i < n; i++) th->stack[i].set_nil();
  th->top = th->stack;
  th->stack_last = th->stack + kBasicStackSize;
  CallInfo* ci = &th->base_ci;
  ci->next = ci->previous = nullptr;
  ci->callstatus = kCistC;
  ci->func = th->top;
  ci->u.c.k = nullptr;
  ci->nresults = 0;
  th->top->set_nil();
  th->top++;
  ci->top = th->top + kMinStack;
  th->ci = ci;
}

void link_thread(Global* g, Thread* th) {
  th->next_thread = g->threads;
  if (g->threads) g->threads->prev_thread = th;
  g->threads = th;
}

void build_vm(Thread* L, void*) {
  Global* g = L->g;
  init_stack(L, L);
  init_string_table(L);
  g->memerrmsg = new_cstring(L, "not enough memory");
  init_tm_names(L);
  Table* registry = new_table(L);
  g->registry.set_object(registry);
  // Sized for what the standard libraries put there (_LOADED, _PRELOAD, _CLIBS, metatables;
  // about 45 globals), so that opening them rehashes neither.
  resize_table(L, registry, 2, 8);
  Value mt = Value::object(L);
  table_set_int(L, registry, kRidxMainThread, mt);
  Value globals = Value::object(new_table(L, 0, 64));
  table_set_int(L, registry, kRidxGlobals, globals);
  g->nilvalue.set_nil();
}

}  // namespace

Thread* new_thread(Thread* L) {
  Global* g = L->g;
  auto* th = new_object<Thread>(L, kVThread);
  init_thread_fields(th, g);
  init_stack(th, L);
  link_thread(g, th);
  // A new coroutine inherits its creator's hook (as lua_newthread).
  th->hook = L->hook;
  th->hookmask = L->hookmask;
  th->basehookcount = L->basehookcount;
  th->hookcount = L->basehookcount;
  return th;
}

Thread* new_vm(const VmOptions& options) {
  heap::HeapOptions hopts;
  hopts.limit_bytes = options.heap_limit;
  auto* g = new Global(hopts, kTypes.ops, 128);
  g->seed = process_seed();
  g->shared_strings = shared_strings();
  g->gc.set_roots(gc_roots, g);
  g->gc.set_before_sweep(gc_before_sweep, g);
  g->gc.set_after_sweep(gc_after_sweep);
  auto* L = static_cast<Thread*>(g->heap.allocate_cell(sizeof(Thread)));
  if (L == nullptr) {
    delete g;
    return nullptr;
  }
  L->type = kVThread;
  L->flags = L->gc_bits = L->extra = 0;
  L->aux = 0;
  init_thread_fields(L, g);
  g->mainthread = L;
  L->nny = 1;  // the main thread cannot yield
  link_thread(g, L);
  // The memory-error path needs the message string and a stack; until both exist, a failure
  // means the VM cannot be built at all.
  try {
    build_vm(L, nullptr);
  } catch (const LuaError&) {
    close_vm(L);
    return nullptr;
  }
  return L;
}

static void free_cell(void*, void* cell) {
  auto* o = static_cast<GcObject*>(cell);
  if (o->type == kVThread) free_thread(nullptr, o);
}

std::string verify_heap(Thread* L) { return L->g->gc.verify(); }

void close_vm(Thread* L) {
  Global* g = L->g;
  L = g->mainthread;
  if (L->stack != nullptr) {
    L->ci = &L->base_ci;
    L->errfunc = 0;
    // Close pending to-be-closed variables; errors in __close are ignored at this point.
    struct Closer {
      static void run(Thread* th, void*) { close_level(th, th->stack + 1, kOk, false); }
    };
    raw_run_protected(L, Closer::run, nullptr);
    L->ci = &L->base_ci;
    finalize_all(L);  // every object with a finalizer gets it called, newest first
  }
#ifdef TYCHO_VERIFY_HEAP
  if (L->stack != nullptr) {
    L->top = L->stack + 1;
    g->gc.full_collect();
    std::string err = g->gc.verify();
    if (!err.empty()) {
      std::fprintf(stderr, "tycho: heap verification failed:\n%s\n", err.c_str());
      std::abort();
    }
  }
#endif
  g->heap.for_each_cell(sizeof(Thread), free_cell, nullptr);  // coroutines' stacks
  free_string_table(g);
  delete g;
}

}  // namespace tycho::vm
