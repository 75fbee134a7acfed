// The VM's global state and its threads (coroutines).
//
// One `Global` per VM owns the heap, the collector, the string intern table, the registry and
// the per-type metatables. Every coroutine is a `Thread`: a Value stack, a linked list of
// CallInfo records (one per active call) and the list of its open upvalues. The main thread is
// created with the Global and lives as long as it.
//
// Rules that every piece of the VM keeps:
//  1. Collection happens only at safe points (`check_gc`), never inside an allocation. Between
//     two safe points a new object needs no anchor; at a safe point every live object must be
//     reachable from the roots (gc_roots() in vm/collect.cpp lists them all). A store whose
//     table, key and value are all reachable may say so (GrowthMayCollect): the table's growth
//     is then a safe point for an emergency collection.
//  2. Anything that can grow the stack (a call, `ensure_stack`) can move it: pointers into the
//     stack are invalid afterwards; keep offsets (save_stack/restore_stack) across such calls.
//  3. Errors and yields from nested native code unwind the C++ stack with a LuaError exception;
//     the error value is at the top of the thread's stack when it is thrown.
//  4. Every store of a collectable value into a heap object goes through a barrier helper
//     (barrier, barrier_object below): marking runs between the program's steps.
//     Stack slots need none (stacks are traced again in the atomic step), nor do stores into
//     objects created since the cycle began (born white: traced when reached), nor the
//     compiler's stores into objects it keeps in Global::anchors (traced again when released
//     and in the atomic step: release_anchors).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>
#include <vector>

#include "gc/collector.hpp"
#include "heap/heap.hpp"
#include "vm/object.hpp"
#include "vm/opcodes.hpp"

namespace tycho::vm {

// Status codes (lua.h's values).
enum Status : int {
  kOk = 0,
  kYield = 1,
  kErrRun = 2,
  kErrSyntax = 3,
  kErrMem = 4,
  kErrErr = 5,
  kErrFile = 6,  // auxiliary: a file could not be read
};

// Thrown to unwind the C++ stack for errors (and for yields out of nested native calls).
struct LuaError {
  int status;
};

constexpr int kMultRet = -1;
constexpr int kMinStack = 20;   // free slots guaranteed to a native function
constexpr int kExtraStack = 5;  // slack past stack_last for metamethod calls
constexpr int kBasicStackSize = 2 * kMinStack;
constexpr int kMaxStack = 1000000;  // Lua stack limit in slots: "stack overflow"
constexpr int kMaxCCalls = 200;     // nested native calls / parser levels: "C stack overflow"
constexpr int kRegistryIndex = -kMaxStack - 1000;  // pseudo-index of the registry (API)
constexpr int kRidxMainThread = 1;
constexpr int kRidxGlobals = 2;

using KContext = intptr_t;
using KFunction = int (*)(Thread* L, int status, KContext ctx);

// Debug hooks (lua.h's events and masks). A hook is a native function called by the VM on the
// events of its thread's mask; the debug library installs one that calls a Lua function.
struct DebugInfo;
using Hook = void (*)(Thread* L, DebugInfo* ar);
enum HookEvent : int {
  kHookCall = 0,
  kHookRet = 1,
  kHookLine = 2,
  kHookCount = 3,
  kHookTailCall = 4,
};
enum : uint8_t {
  kMaskCall = 1 << kHookCall,
  kMaskRet = 1 << kHookRet,
  kMaskLine = 1 << kHookLine,
  kMaskCount = 1 << kHookCount,
  // The events checked before every instruction (by the hooked instantiation of the
  // interpreter loop, which runs a thread's Lua code whenever its mask is not zero).
  kMaskTrace = kMaskLine | kMaskCount,
};

// CallInfo status bits.
enum : uint16_t {
  kCistOah = 1 << 0,    // original value of 'allowhook'
  kCistC = 1 << 1,      // call is running a native function
  kCistFresh = 1 << 2,  // call is on a fresh "execute" frame (returns leave the loop)
  kCistHooked = 1 << 3,
  kCistYpcall = 1 << 4,  // doing a yieldable protected call
  kCistTail = 1 << 5,    // call was tail called
  kCistHookYield = 1 << 6,
  kCistFin = 1 << 7,  // function called a finalizer
  kCistTransfer = 1 << 8,
  kCistClsRet = 1 << 9,  // function is closing tbc variables on return
  kCistRecst = 10,       // bits 10-12 save an error status while closing (3 bits)
  kCistLeq = 1 << 13,    // doing `not (b < a)` for `a <= b` (lua5.4's LUA_COMPAT_LT_LE)
};

struct CallInfo {
  Value* func;  // the function; arguments follow it
  Value* top;   // top for this function
  CallInfo* previous;
  CallInfo* next;
  union {
    struct {  // Lua functions
      const Instruction* savedpc;
      volatile int trap;
      int nextraargs;  // number of extra (vararg) arguments
    } l;
    struct {  // native functions
      KFunction k;
      ptrdiff_t old_errfunc;
      KContext ctx;
    } c;
  } u;
  union {
    int funcidx;  // called-function index (for a yieldable protected call)
    int nyield;   // number of values yielded
    int nres;     // number of values returned
    struct {      // values transferred by a call or return hook (getinfo 'r')
      unsigned short ftransfer;
      unsigned short ntransfer;
    } transferinfo;
  } u2;
  int16_t nresults;  // expected number of results
  uint16_t callstatus;
  bool is_lua() const { return !(callstatus & kCistC); }
  int get_recover_status() const { return (callstatus >> kCistRecst) & 7; }
  void set_recover_status(int st) {
    callstatus = static_cast<uint16_t>((callstatus & ~(7 << kCistRecst)) | (st << kCistRecst));
  }
};

struct Global;

// A coroutine.
struct Thread : GcObject {
  uint8_t status;  // kOk, kYield or an error status (dead)
  uint8_t allowhook;
  uint16_t nci;  // number of CallInfos in the list
  Value* top;    // first free slot
  Global* g;
  CallInfo* ci;         // the running call
  Value* stack_last;    // end of the stack (the last usable slot + 1, excluding kExtraStack)
  Value* stack;         // stack base (payload)
  UpVal* openupval;     // open upvalues, innermost first
  CallInfo base_ci;     // the entry of the CallInfo list
  Thread* prev_thread;  // list of all threads of the VM
  Thread* next_thread;
  ptrdiff_t errfunc;           // offset of the current message handler, 0 when none
  uint32_t n_ccalls;           // nested native calls (C stack depth)
  uint32_t nny;                // number of non-yieldable calls in the stack
  uint32_t resume_level;       // n_ccalls of the interpreter a resume runs (see yield)
  std::vector<uint32_t>* tbc;  // stack offsets of to-be-closed variables (innermost last)
  Hook hook;                   // debug hook (null when none)
  uint8_t hookmask;            // kMask* events the hook wants
  int basehookcount;           // the count hook's period
  int hookcount;               // instructions left until the next count event
  int oldpc;                   // pc of the last instruction traced (line hook): see trace_exec
  size_t stack_size() const { return static_cast<size_t>(stack_last - stack); }
  bool yieldable() const { return nny == 0; }
};

struct SharedStrings;  // vm/string.cpp
struct TableImage;     // vm/table.cpp

struct StringTable {
  uintptr_t* hash = nullptr;  // the chains' first links (vm/string.cpp, "Chains")
  uint32_t size = 0;  // power of two: the buckets addressed once a resize under way ends
  uint32_t nuse = 0;
  // A resize under way, in place (vm/string.cpp): the size before it (0: none), and how many
  // buckets are done: split in two (growing) or merged into their lower half (shrinking).
  uint32_t from = 0;
  uint32_t done = 0;
  bool resizing() const { return from != 0; }
};

using DispatchEntry = std::atomic<const void*>;  // a label's address, of the loop's jump table
static_assert(DispatchEntry::is_always_lock_free && std::atomic<bool>::is_always_lock_free);

// An interrupt request (request_interrupt in vm/interp_hooks.cpp, the CLI's Ctrl-C). The plain
// interpreter loop dispatches through `dispatch`, this VM's copy of its jump table; a request
// points every entry at the loop's exit, so that running Lua code (a `while true do end`
// too) stops before its next instruction and raises "interrupted!", at no cost per
// instruction while no request is made. Everything here is a lock-free atomic, so that a
// signal handler may make the request.
struct InterruptState {
  std::atomic<bool> pending{false};
  // The request is a cancellation (request_cancel: the parallel library's h:cancel()).
  std::atomic<bool> cancel{false};
  std::atomic<const DispatchEntry*> normal{nullptr};  // the loop's own table; null until it ran
  std::atomic<const void*> trap{nullptr};             // the loop's exit
  DispatchEntry dispatch[kNumOpcodes] = {};
};

struct Global {
  heap::Heap heap;
  gc::Collector gc;
  StringTable strt;
  Value registry;
  Value nilvalue;             // a nil whose address can be taken; also "VM fully built" flag
  Table* mt[kNumTypes] = {};  // metatables of basic types
  String* tmname[static_cast<int>(TM::N)] = {};
  String* memerrmsg = nullptr;
  Thread* mainthread = nullptr;
  Thread* threads = nullptr;       // every live thread, for closing dead threads' upvalues
  std::vector<GcObject*> anchors;  // objects held by the compiler while it runs (roots)
  // Values held by the C++ API's handles (api/host.cpp): roots. Slot 0 is never used (a
  // handle of nil holds no slot); freed slots are listed in host_free.
  std::vector<Value> host_roots;
  std::vector<uint32_t> host_free;
  uint64_t seed = 0;               // string hash seed: the process's (process_seed)
  const SharedStrings* shared_strings = nullptr;  // those published when the VM was created
  bool warn_on = false;                           // `warn("@on")`
  bool warn_continue = false;                     // inside a multi-part warning
  // Finalization (vm/collect.cpp): objects registered for it, in registration order; those
  // found unreachable, in the order their finalizers will be called (they are roots).
  std::vector<GcObject*> finobj;
  std::deque<GcObject*> tobefnz;
  bool in_finalizer = false;  // a finalizer is running: no collection, no nested finalizers
  bool closing = false;       // the VM is closing: no new registrations
  bool growth_may_collect = false;  // a table growth is a safe point (GrowthMayCollect)
  // Weak tables met by the current cycle's marking, by kind (cleared in the atomic step).
  std::vector<Table*> weak_values;
  std::vector<Table*> weak_keys;  // ephemerons
  std::vector<Table*> weak_all;
  // Handlers on the C++ stack that catch this VM's LuaErrors (raw_run_protected, the C++
  // API's host guards; see Catching). An error raised while there is none would unwind to
  // nothing: as lua's luaD_throw without an errorJmp, it resets the thread, calls `panic`
  // (lua_atpanic; it may longjmp out) and aborts.
  uint32_t n_catching = 0;
  int (*panic)(Thread* L) = nullptr;
  void* host = nullptr;  // the owning public API object, if any
  void* api_host = nullptr;  // its tycho::detail::Host (include/tycho/detail.hpp)
  // The Lua C API's per-VM state (capi/), freed with capi_free when the VM closes.
  void* capi_state = nullptr;
  void (*capi_free)(void*) = nullptr;
  // The base library's `next` and ipairs iterator, which the generic for runs inline on
  // tables (vm/interp.cpp's tfor_inline); null until the library is opened.
  NativeFn next_fn = nullptr;
  NativeFn ipairs_iter = nullptr;
  // A native __index function that the interpreter may run without a call (finish_get): when
  // an object's __index is `direct_index_fn`, it first asks `direct_index`, which stores the
  // value and returns true, or returns false for the ordinary call. The parallel library's
  // shared tables use it: a read costs no call frame. It may allocate (a string) and raise a
  // memory error, nothing else; it runs no Lua code.
  NativeFn direct_index_fn = nullptr;
  bool (*direct_index)(Thread* L, const Value* obj, const Value* key, Value* val) = nullptr;
  // The compiler, installed by whoever links it (vm can run bytecode without lang): compiles
  // source text to a main prototype or throws a syntax error.
  Proto* (*compiler)(Thread* L, std::string_view source, const char* chunkname) = nullptr;
  // Output of `warn` (stderr by default), and of print-like host output.
  void (*warn_fn)(void* ud, const char* msg, bool tocont) = nullptr;
  void* warn_ud = nullptr;
  InterruptState interrupt;
  // The VM's code was cancelled (request_cancel): the error that says so unwinds through every
  // pcall and coroutine resume of the VM, to whoever runs it (a worker thread of `parallel`).
  bool cancelled = false;
  Global(heap::HeapOptions hopts, const gc::TypeOps* ops, size_t nops)
      : heap(hopts), gc(heap, ops, nops) {}
};

inline Global* G(Thread* L) { return L->g; }

// ---- Allocation: the one path (accounting and the heap limit live in heap::Heap). ----
// Raise "not enough memory" when the heap refuses.
[[noreturn]] void raise_memory_error(Thread* L);

// Memory outside the heap that a native function holds for the program (stdlib::Buffer),
// counted against the heap limit (heap::Heap::charge_external). When `bytes` more would pass
// it: a full collection first, as lua's emergency collection when an allocation fails (a
// native function's values are all on the stack, so this is a safe point), then "not enough
// memory". release_scratch gives the charge back.
void charge_scratch(Thread* L, size_t bytes);
inline void release_scratch(Thread* L, size_t bytes) { L->g->heap.release_external(bytes); }
// Before a big allocation at a safe point (a native function's string, a concatenation): when
// `bytes` more would pass the heap limit, collect first (lua's emergency collection), so that
// garbage never makes it fail. Whether the allocation then fits is the allocator's business.
void emergency_collect(Thread* L, size_t bytes);
inline void make_room(Thread* L, size_t bytes) {
  if (!L->g->heap.has_room(bytes)) [[unlikely]]
    emergency_collect(L, bytes);
}
// A table that grows (resize_table) under this guard may collect first: the caller keeps
// every live value reachable (the table, and the key and value it stores, on the stack, in a
// constant or in an upvalue), as the interpreter's stores and the native API's do. When the new
// parts would pass the heap limit, the heap is collected before they are allocated (lua's
// emergency collection), so that garbage never makes a growing table fail. In stress mode every
// such growth runs a step of the cycle under way, so that a caller that holds an unanchored
// object across a store is found by the stress builds. The first growth under the guard uses it up:
// a growth nested in another (the re-insertions of a resize) never collects.
class GrowthMayCollect {
 public:
  explicit GrowthMayCollect(Global* g) : g_(g), old_(g->growth_may_collect) {
    g->growth_may_collect = true;
  }
  ~GrowthMayCollect() { g_->growth_may_collect = old_; }
  GrowthMayCollect(const GrowthMayCollect&) = delete;
  GrowthMayCollect& operator=(const GrowthMayCollect&) = delete;

 private:
  Global* g_;
  bool old_;
};

inline void* alloc_cell(Thread* L, size_t size) {
  void* p = L->g->heap.allocate_cell(size);
  if (p == nullptr) raise_memory_error(L);
  return p;
}
inline void* alloc_payload(Thread* L, size_t size) {
  void* p = L->g->heap.allocate_payload(size);
  if (p == nullptr) raise_memory_error(L);
  // Marked at once while marking runs: its owner may have been traced already.
  if (L->g->gc.marking()) [[unlikely]]
    L->g->gc.mark_new_payload(p, size);
  return p;
}
// An arena payload grown where it lies (heap::Heap::extend_payload): true when it was, the new
// bytes marked at once while marking runs, as alloc_payload's; false: nothing changed.
inline bool extend_payload(Thread* L, void* p, size_t old_size, size_t new_size) {
  if (!L->g->heap.extend_payload(p, old_size, new_size)) return false;
  if (L->g->gc.marking()) [[unlikely]]
    L->g->gc.mark_new_payload(static_cast<char*>(p) + old_size, new_size - old_size);
  return true;
}
// A large payload grown or shrunk in place or moved (heap::Heap::reallocate_large_payload); it
// keeps its mark, so no marking is needed here.
inline void* realloc_large_payload(Thread* L, void* p, size_t old_size, size_t size) {
  void* q = L->g->heap.reallocate_large_payload(p, old_size, size);
  if (q == nullptr) raise_memory_error(L);
  return q;
}
inline void free_payload(Thread* L, void* p, size_t size) {
  if (p != nullptr) L->g->heap.free_payload(p, size);
}
// Allocate a cell and fill in its GcObject header.
template <typename T>
T* new_object(Thread* L, uint8_t tag, size_t size = sizeof(T)) {
  auto* o = static_cast<T*>(alloc_cell(L, size));
  o->type = tag;
  o->flags = 0;
  o->gc_bits = 0;
  o->extra = 0;
  o->aux = 0;
  return o;
}

// Drop the anchors above `size`. While marking runs, the objects they held are traced again in
// the atomic step: the compiler and the loader fill them without barriers.
inline void release_anchors(Global* g, size_t size) {
  if (g->gc.marking()) {
    for (size_t i = size; i < g->anchors.size(); ++i) g->gc.barrier_back(g->anchors[i]);
  }
  g->anchors.resize(size);
}

// Keeps what is pushed on Global::anchors meanwhile alive and drops it however the scope ends
// (the loader's and the shared prototypes' Protos, filled without barriers).
class AnchorGuard {
 public:
  explicit AnchorGuard(Thread* L) : g_(L->g), size_(L->g->anchors.size()) {}
  ~AnchorGuard() { release_anchors(g_, size_); }
  AnchorGuard(const AnchorGuard&) = delete;
  AnchorGuard& operator=(const AnchorGuard&) = delete;

 private:
  Global* g_;
  size_t size_;
};

// Safe point: let the collector run if allocation debt (or stress mode) asks for it, then run
// pending finalizers (which may run Lua code, so a safe point is where a call could be).
void gc_safe_point(Thread* L);  // vm/collect.cpp
inline void check_gc(Thread* L) {
  Global* g = L->g;
  if (g->heap.debt() > 0) gc_safe_point(L);  // in stress mode too: its debt stays > 0
}

// Barriers (rule 4): while incremental marking runs, a store of a white object into a black one
// must be seen by the collector; in generational mode, so must a store of a young (unmarked)
// object into an old (marked) one at any time. Two kinds (the collector's essay explains them):
//  - forward (barrier, barrier_object): the stored object is marked at once. For objects that
//    change seldom: closures, upvalues, metatables, prototypes.
//  - backward (barrier_table in table.hpp, barrier_back for userdata user values): the changed
//    object is touched and traced again before the atomic step, big tables only in the cards
//    that changed; what was stored stays white (young) and dies if it is dropped before then.
//    For tables, whose contents a program overwrites all the time.
// When neither applies each is one test of a flag. Always inlined: GCC otherwise leaves them
// out of line in the interpreter loop (its size limits), a call on every table store.
[[gnu::always_inline]] inline void barrier(Thread* L, GcObject* o, const Value& v) {
  if (v.is_collectable()) L->g->gc.barrier_forward(o, v.as_gc());
}
void barrier(Thread* L, Table* t, const Value& v) = delete;  // tables: barrier_table
[[gnu::always_inline]] inline void barrier_object(Thread* L, GcObject* o, GcObject* v) {
  L->g->gc.barrier_forward(o, v);
}
[[gnu::always_inline]] inline void barrier_back(Thread* L, GcObject* o, const Value& v) {
  gc::Collector& c = L->g->gc;
  if (v.is_collectable() && c.back_barrier_applies(o) && c.stored_white(v.as_gc())) c.touch(o);
}
// A new payload of an object that may be old (generational mode: it survived a collection, so
// a minor collection does not trace it again): marked at once, like its owner.
inline void payload_barrier(Thread* L, GcObject* owner, const void* p, size_t size) {
  L->g->gc.barrier_payload(owner, p, size);
}

// ---- Stack ----
inline ptrdiff_t save_stack(Thread* L, const Value* p) { return p - L->stack; }
inline Value* restore_stack(Thread* L, ptrdiff_t n) { return L->stack + n; }
void grow_stack(Thread* L, int n, bool raise_error = true);  // room for n more slots or error
// A build with TYCHO_HARD_STACK (CMake option; Lua's HARDSTACKTESTS) moves the stack at every
// stack check, also when it has room, and takes no fast path that skips one: a pointer into the
// stack kept across anything that can grow it then reads freed memory, which ASan reports.
#ifndef TYCHO_HARD_STACK
#define TYCHO_HARD_STACK 0
#endif
constexpr bool kHardStack = TYCHO_HARD_STACK != 0;
void move_stack(Thread* L);  // reallocate at the same size (TYCHO_HARD_STACK builds)
inline void ensure_stack(Thread* L, int n) {
  if (L->stack_last - L->top <= n) {
    grow_stack(L, n);
  } else if constexpr (kHardStack) {
    move_stack(L);
  }
}
void shrink_stack(Thread* L);
CallInfo* extend_ci(Thread* L);  // a new CallInfo after L->ci
inline CallInfo* next_ci(Thread* L) { return L->ci->next ? L->ci->next : extend_ci(L); }

// ---- Errors ----
// Throw with the error value at L->top - 1.
[[noreturn]] void throw_error(Thread* L, int status);
// Held by every `try` that catches LuaError for a VM (raw_run_protected is the VM's own):
// while none is held, an error is unprotected (Global::n_catching).
class Catching {
 public:
  explicit Catching(Global* g) : g_(g) { g_->n_catching++; }
  ~Catching() { g_->n_catching--; }
  Catching(const Catching&) = delete;
  Catching& operator=(const Catching&) = delete;

 private:
  Global* g_;
};
// Raise a runtime error with a formatted message prefixed by "chunk:line:" of the running Lua
// function (as luaG_runerror). Supports %s %d %I(int64) %f %p %c %U %% like lua_pushfstring.
[[noreturn]] void run_error(Thread* L, const char* fmt, ...);
// Raise the value at L->top - 1 as an error (the message handler runs if set).
[[noreturn]] void error_top(Thread* L);
void check_cstack(Thread* L);  // "C stack overflow" past kMaxCCalls or near the stack's end
// Nested calls (all but the outermost) also check the thread's real stack (vm/call.cpp).
constexpr uint32_t kCheckCStackFrom = 1;
// 0: room on this OS thread's C stack; 1: too little for another nested call; 2: too little
// even for handling that error.
int c_stack_low();

// ---- Calls (vm/call.cpp) ----
void call(Thread* L, Value* func, int nresults);          // may yield when yieldable
void call_noyield(Thread* L, Value* func, int nresults);  // nested call that cannot yield
// Run f(L, ud) catching errors; returns the status and leaves the error value at the top
// (restoring `old_top` below it).
using ProtectedFn = void (*)(Thread* L, void* ud);
int raw_run_protected(Thread* L, ProtectedFn f, void* ud);
int pcall(Thread* L, ProtectedFn f, void* ud, ptrdiff_t old_top, ptrdiff_t ef);
// No call is running on L: host code at the base of its stack.
inline bool no_call_running(const Thread* L) { return L->ci == &L->base_ci && L->n_ccalls == 0; }
// pcall of call_noyield(func, nresults) where no_call_running(L): the same in one frame,
// without pcall's indirections.
int pcall_from_host(Thread* L, Value* func, int nresults, ptrdiff_t ef);
// The C++ API's call from host code (api/host.cpp): pcall_from_host of the function below the
// nargs values on top, with the message handler in slot `handler` of the base frame;
// interrupt requests made before or during it are dropped; a failure calls `fail` (which
// throws) with the error on top. Returns the number of results.
int call_from_host(Thread* L, int nargs, int nresults, int handler, void (*fail)(Thread*));
// Prepare a call to the function at `func`: native functions run to completion and return
// nullptr; Lua functions get a CallInfo and that is returned (the interpreter runs it).
CallInfo* precall(Thread* L, Value* func, int nresults);
// Finish a call: move `nres` results from L->top - nres to ci->func, adjusting to wanted count.
void poscall(Thread* L, CallInfo* ci, int nres);
int pretailcall(Thread* L, CallInfo* ci, Value* func, int narg1, int delta);
Value* try_func_tm(Thread* L, Value* func);  // replace a non-function by its __call or error
void execute(Thread* L, CallInfo* ci);       // the interpreter (vm/interp.cpp)
// The interpreter's parts, for execute_fresh: the plain loop from the function's start (false:
// go on in the hooked loop), and the loops as the hook mask asks from the point given.
bool run_plain_fresh(Thread* L, CallInfo* ci);
void execute_from(Thread* L, CallInfo* ci, bool entering);
// execute() for a frame precall just made: no hook mask (the usual case) goes straight into the
// plain loop (one call less per call from the host).
inline void execute_fresh(Thread* L, CallInfo* ci) {
  if (L->hookmask != 0) [[unlikely]] {
    execute_from(L, ci, true);
  } else if (!run_plain_fresh(L, ci)) [[unlikely]] {
    execute_from(L, L->ci, false);  // the same frame, continued in the hooked loop
  }
}
// Ask the Lua code running on any thread of this VM to stop before its next instruction with
// the error "interrupted!" (lua.c's Ctrl-C; a native function runs on until it returns).
// Async-signal-safe. The request stays until acted on or dropped by clear_interrupt.
void request_interrupt(Global* g) noexcept;
void clear_interrupt(Global* g);  // drop a request not acted on yet
// The same where a request is usually absent: a relaxed load when there is none.
inline void drop_pending_interrupt(Global* g) {
  if (g->interrupt.pending.load(std::memory_order_relaxed)) [[unlikely]]
    clear_interrupt(g);
}
// Cancel the VM's code: like request_interrupt, but what is raised ("cancelled") cannot be
// caught: pcall, xpcall and coroutine.resume pass it on (Global::cancelled). Async-signal-safe.
void request_cancel(Global* g) noexcept;
// Raise the cancellation error now (a native function that blocks, woken by a cancellation).
[[noreturn]] void raise_cancel(Thread* L);
void finish_op(Thread* L);  // finish an opcode interrupted by a yield
int resume(Thread* L, Thread* from, int nargs, int* nresults);
int yield(Thread* L, int nresults, KContext ctx, KFunction k);
int close_thread(Thread* L, Thread* from);  // coroutine.close / lua_closethread
// Hooks (vm/call.cpp): call the thread's hook for `event` if hooks are allowed (as luaD_hook);
// the call hook of a Lua function that starts running (as luaD_hookcall).
void call_hook(Thread* L, int event, int line, int ftransfer, int ntransfer);
void hook_lua_call(Thread* L, CallInfo* ci);
void set_error_obj(Thread* L, int errcode, Value* oldtop);

// ---- Upvalues and to-be-closed variables (vm/func.cpp) ----
UpVal* find_upval(Thread* L, Value* level);
void init_upvals(Thread* L, LuaClosure* cl);
void new_tbc_upval(Thread* L, Value* level);
// Close upvalues and call __close for tbc variables at or above `level`. `status` kOk for a
// normal block exit; kClosektop to close without calling; an error status while unwinding.
constexpr int kCloseKTop = -1;
Value* close_level(Thread* L, Value* level, int status, bool yy);
void close_upvals(Thread* L, Value* level);

}  // namespace tycho::vm
