// The VM: its creation and destruction. What the collector sees of tycho's objects (the type
// table, the roots, the atomic step) is vm/collect.cpp's.
#include "vm/vm.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "vm/collect.hpp"
#include "vm/func.hpp"
#include "vm/shared_proto.hpp"
#include "vm/string.hpp"
#include "vm/table.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

namespace {

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
  auto* g = new Global(hopts, lua_type_ops(), lua_type_ops_count());
  g->seed = process_seed();
  g->shared_strings = shared_strings();
  attach_collector(g);
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
  bool built = false;
  {
    Catching catching(g);
    try {
      build_vm(L, nullptr);
      built = true;
    } catch (const LuaError&) {
    }
  }
  if (!built) {
    close_vm(L);
    return nullptr;
  }
  return L;
}

// What a closing VM must give back beyond its heap: coroutines' stacks, and the references its
// Protos hold on shared prototypes (vm/shared_proto.hpp). The heap itself goes as a whole.
static void free_cell(void*, void* cell) {
  auto* o = static_cast<GcObject*>(cell);
  if (o->type == kVThread) release_thread(o);
  if (o->type == kVProto) forget_shared(static_cast<Proto*>(o));
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
  static_assert(heap::size_class_of(sizeof(Proto)) != heap::size_class_of(sizeof(Thread)),
                "one walk would meet each cell twice");
  g->heap.for_each_cell(sizeof(Proto), free_cell, nullptr);  // shared prototypes
  if (g->capi_free != nullptr) g->capi_free(g->capi_state);
  free_string_table(g);
  delete g;
}

}  // namespace tycho::vm
