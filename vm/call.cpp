// Calls, returns, errors and coroutines: the machinery under the interpreter.
//
// Lua-to-Lua calls do not recurse on the C++ stack: `precall` only pushes a CallInfo and the
// interpreter loop continues in the callee. The C++ stack grows only for native functions that
// call back into Lua and for metamethods called from inside an instruction; those nestings
// are counted in `n_ccalls` and limited to kMaxCCalls ("C stack overflow"), as lua's
// LUAI_MAXCCALLS: a resume counts one level, as in lua, not two. What a level costs in C++
// frames depends on the build (ASan's frames are several times larger than Release's), and the
// room on the host thread's stack on `ulimit -s` or on the host, so a nested call past
// kCheckCStackFrom levels also compares the stack pointer with the thread's real stack
// (`c_stack_low`): the same error, never a segfault, whatever the stack.
//
// Errors unwind the C++ stack with a LuaError exception. A protected call in a thread that
// cannot yield catches it on the spot (`pcall`). Inside a coroutine, a yieldable protected call
// (`pcallk`) marks its CallInfo instead; the error unwinds to `resume`, which finds the marked
// CallInfo (`find_pcall`) and continues from there ("recover"), so that a yield can cross
// pcall: everything a suspended coroutine needs lives in its CallInfo list, not on the C++
// stack. Native functions resume through their continuation (KFunction); Lua functions through
// `finish_op`, which completes the instruction that was interrupted by the yield.
#include <pthread.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#include "vm/debug.hpp"
#include "vm/func.hpp"
#include "vm/state.hpp"
#include "vm/string.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

namespace {
constexpr int kErrorStackSize = kMaxStack + 200;

inline bool is_error_status(int s) { return s > kYield; }
}  // namespace

// ---- Errors ----

void set_error_obj(Thread* L, int errcode, Value* oldtop) {
  switch (errcode) {
    case kErrMem: oldtop->set_object(L->g->memerrmsg); break;
    case kErrErr: oldtop->set_object(new_cstring(L, "error in error handling")); break;
    case kOk: oldtop->set_nil(); break;
    default: *oldtop = L->top[-1]; break;
  }
  L->top = oldtop + 1;
}

// An error with no handler on the C++ stack (lua's luaD_throw without an errorJmp): the
// thread is reset with the error object at its first slot and on top, the panic function (the
// last chance for a host to longjmp out) runs, and the process aborts. (new_vm holds a
// Catching while it builds the VM: this never runs on a thread without a stack.)
static int reset_thread(Thread* L, int status);

[[noreturn, gnu::cold, gnu::noinline]] static void unprotected_error(Thread* L, int status) {
  Global* g = L->g;
  {
    Catching c(g);  // a memory or __close error while resetting stays caught
    L->n_ccalls = 0;
    L->nny = L == g->mainthread ? 1 : 0;
    L->errfunc = 0;
    try {
      reset_thread(L, status == kYield ? kErrRun : status);
    } catch (const LuaError&) {
    }
  }
  if (g->panic != nullptr) g->panic(L);
  std::abort();
}

[[noreturn]] static inline void raise(Thread* L, int status) {
  if (L->g->n_catching == 0) [[unlikely]]
    unprotected_error(L, status);
  throw LuaError{status};
}

void throw_error(Thread* L, int status) { raise(L, status); }

void raise_memory_error(Thread* L) {
  // The message string is preallocated: raising needs no memory. (While new_vm builds the
  // VM, before the stack or the message exist, it catches the error and gives up.)
  if (L->stack != nullptr && L->g->memerrmsg != nullptr) {
    L->top->set_object(L->g->memerrmsg);
    if (L->top < L->stack_last + kExtraStack - 1) L->top++;
  }
  raise(L, kErrMem);
}

void emergency_collect(Thread* L, size_t bytes) {
  // Only when collecting can help: not for a request bigger than the whole limit. (A
  // collection under way already, e.g. a finalizer's allocation, makes this do nothing.)
  if (bytes < L->g->heap.limit()) L->g->gc.full_collect();
}

void charge_scratch(Thread* L, size_t bytes) {
  heap::Heap& h = L->g->heap;
  if (h.charge_external(bytes)) [[likely]]
    return;
  emergency_collect(L, bytes);
  if (!h.charge_external(bytes)) raise_memory_error(L);
}

void error_top(Thread* L) {
  if (L->errfunc != 0) {
    Value* errfunc = restore_stack(L, L->errfunc);
    L->top[0] = L->top[-1];
    L->top[-1] = *errfunc;
    L->top++;
    call_noyield(L, L->top - 2, 1);
  }
  raise(L, kErrRun);
}

namespace {
// The lowest addresses of this OS thread's stack that a nested call may reach: below `soft` a
// call is a "C stack overflow", below `hard` even raising that error is an error in error
// handling. Between them and the stack's end stays room for unwinding and message handlers
// (which may call Lua, and traceback, again). Read once per thread; {0, 0}: not read yet.
struct StackFloor {
  uintptr_t soft = 0;
  uintptr_t hard = 0;
};
thread_local StackFloor t_stack_floor;

// The main thread's stack, without pthread_getattr_np: for the main thread glibc reads
// /proc/self/maps to find it (a sixth of `tycho -e ''`'s instructions). Linux puts the program's
// name (AT_EXECFN) at the top of that stack, and the stack may grow down to RLIMIT_STACK bytes
// below its top. False (use pthread_getattr_np) on other threads, and where that does not give
// a plain answer (an unlimited stack).
bool main_stack(void*& addr, size_t& size) {
  if (getpid() != static_cast<pid_t>(syscall(SYS_gettid))) return false;
  const auto* name = reinterpret_cast<const char*>(getauxval(AT_EXECFN));
  rlimit rl;
  if (name == nullptr || getrlimit(RLIMIT_STACK, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY ||
      rl.rlim_cur > (rlim_t{1} << 30)) {
    return false;
  }
  const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const uintptr_t top =
      (reinterpret_cast<uintptr_t>(name) + std::strlen(name) + page) & ~(page - 1);
  auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  if (here >= top || top - here >= rl.rlim_cur) return false;  // not the stack we think
  size = rl.rlim_cur;
  addr = reinterpret_cast<void*>(top - size);
  return true;
}

StackFloor read_stack_floor() {
  void* addr = nullptr;
  size_t size = 0;
  if (!main_stack(addr, size)) {
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return {1, 1};
    int rc = pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
    if (rc != 0 || addr == nullptr) return {1, 1};
  }
  // A quarter of the stack, at least 64 KiB (half of a smaller stack) and at most 1 MiB.
  size_t margin = size / 4;
  if (margin < (size_t{64} << 10)) margin = std::min(size_t{64} << 10, size / 2);
  if (margin > (size_t{1} << 20)) margin = size_t{1} << 20;
  auto lo = reinterpret_cast<uintptr_t>(addr);
  return {lo + margin, lo + margin / 2};
}
}  // namespace

// Where the last "C stack overflow" of this thread's soft floor was raised: what runs deeper
// than that (the message handler) may go down to the hard floor, as lua gives a handler ten
// percent more levels. 0 once the stack is back above the soft floor.
thread_local uintptr_t t_soft_error_at = 0;

int c_stack_low() {
  if (t_stack_floor.soft == 0) t_stack_floor = read_stack_floor();
  auto sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  if (sp >= t_stack_floor.soft) {
    t_soft_error_at = 0;
    return 0;
  }
  if (sp < t_stack_floor.hard) return 2;
  if (t_soft_error_at != 0 && sp < t_soft_error_at) return 0;  // handling that error
  t_soft_error_at = sp;
  return 1;
}

void check_cstack(Thread* L) {
  if (L->n_ccalls == kMaxCCalls) {
    run_error(L, "C stack overflow");
  } else if (L->n_ccalls >= kMaxCCalls / 10 * 11) {
    raise(L, kErrErr);  // error while handling the stack error
  }
  int low = L->n_ccalls >= kCheckCStackFrom ? c_stack_low() : 0;
  if (low == 1) run_error(L, "C stack overflow");
  if (low == 2) raise(L, kErrErr);  // deep in the margin: while handling that error
}

// ---- Stack ----

static void correct_stack(Thread* L, Value* oldstack, Value* newstack) {
  L->top = newstack + (L->top - oldstack);
  for (UpVal* up = L->openupval; up != nullptr; up = up->open_next) {
    up->v = newstack + (up->v - oldstack);
  }
  for (CallInfo* ci = L->ci; ci != nullptr; ci = ci->previous) {
    ci->top = newstack + (ci->top - oldstack);
    ci->func = newstack + (ci->func - oldstack);
  }
}

static bool realloc_stack(Thread* L, int newsize, bool raise_error) {
  int oldsize = static_cast<int>(L->stack_size());
  size_t bytes = sizeof(Value) * static_cast<size_t>(newsize + kExtraStack);
  Value* newstack = static_cast<Value*>(L->g->heap.allocate_payload(bytes));
  if (newstack == nullptr) {
    if (raise_error) raise_memory_error(L);
    return false;
  }
  int keep = oldsize < newsize ? oldsize : newsize;
  Value* oldstack = L->stack;
  std::memcpy(static_cast<void*>(newstack), oldstack,
              sizeof(Value) * static_cast<size_t>(keep + kExtraStack));
  for (int i = keep + kExtraStack; i < newsize + kExtraStack; i++) newstack[i].set_nil();
  correct_stack(L, oldstack, newstack);
  L->stack = newstack;
  L->stack_last = newstack + newsize;
  L->g->heap.free_payload(oldstack, sizeof(Value) * static_cast<size_t>(oldsize + kExtraStack));
  return true;
}

void grow_stack(Thread* L, int n, bool raise_error) {
  int size = static_cast<int>(L->stack_size());
  if (size > kMaxStack) {
    // Already using the extra space reserved for handling a stack overflow.
    if (raise_error) raise(L, kErrErr);
    return;
  }
  if (n < kMaxStack) {
    int newsize = 2 * size;
    int needed = static_cast<int>(L->top - L->stack) + n;
    if (newsize > kMaxStack) newsize = kMaxStack;
    if (newsize < needed) newsize = needed;
    if (newsize <= kMaxStack) {
      realloc_stack(L, newsize, raise_error);
      return;
    }
  }
  realloc_stack(L, kErrorStackSize, raise_error);
  if (raise_error) run_error(L, "stack overflow");
}

void move_stack(Thread* L) {
  // A deep recursion's stack moves on one check in size/16 only: each check then copies 16
  // slots on average, not a quadratic amount over the recursion.
  static thread_local unsigned checks = 0;
  int size = static_cast<int>(L->stack_size());
  if (size > 1024 && ++checks % static_cast<unsigned>(size / 16) != 0) return;
  realloc_stack(L, size, false);
}

static int stack_in_use(Thread* L) {
  Value* lim = L->top;
  for (CallInfo* ci = L->ci; ci != nullptr; ci = ci->previous) {
    if (lim < ci->top) lim = ci->top;
  }
  int res = static_cast<int>(lim - L->stack) + 1;
  if (res < kMinStack) res = kMinStack;
  return res;
}

void shrink_stack(Thread* L) {
  int inuse = stack_in_use(L);
  int max = inuse > kMaxStack / 3 ? kMaxStack : inuse * 3;
  if (inuse <= kMaxStack && static_cast<int>(L->stack_size()) > max) {
    int nsize = inuse > kMaxStack / 2 ? kMaxStack : inuse * 2;
    realloc_stack(L, nsize, false);
  }
}

CallInfo* extend_ci(Thread* L) {
  auto* ci = new CallInfo();
  L->ci->next = ci;
  ci->previous = L->ci;
  ci->next = nullptr;
  ci->u.l.trap = 0;
  L->nci++;
  return ci;
}

// Make sure there is room for n slots above top, keeping `p` valid; then a GC safe point.
#define CHECK_STACK_GC_P(L, n, p)                      \
  do {                                                 \
    if ((L)->stack_last - (L)->top <= (n)) {           \
      ptrdiff_t t__ = save_stack(L, p);                \
      check_gc(L);                                     \
      grow_stack(L, n);                                \
      p = restore_stack(L, t__);                       \
    } else {                                           \
      ptrdiff_t t__ = save_stack(L, p);                \
      check_gc(L);                                     \
      if constexpr (kHardStack) move_stack(L);         \
      p = restore_stack(L, t__);                       \
    }                                                  \
  } while (0)

// ---- Hooks ----
//
// Call and return events are raised here, on the call paths, behind a test of the thread's
// hook mask; line and count events are raised by the hooked instantiation of the interpreter
// loop (trace_exec in vm/interp_hooks.cpp). While a hook runs, `allowhook` is off: hooks do not
// see the hook's own calls and returns.

void call_hook(Thread* L, int event, int line, int ftransfer, int ntransfer) {
  Hook hook = L->hook;
  if (hook == nullptr || !L->allowhook) return;
  uint16_t mask = kCistHooked;
  CallInfo* ci = L->ci;
  ptrdiff_t top = save_stack(L, L->top);
  ptrdiff_t ci_top = save_stack(L, ci->top);
  DebugInfo ar;
  ar.event = event;
  ar.currentline = line;
  ar.i_ci = ci;
  if (ntransfer != 0) {
    mask |= kCistTransfer;  // `ci` has transfer information
    ci->u2.transferinfo.ftransfer = static_cast<unsigned short>(ftransfer);
    ci->u2.transferinfo.ntransfer = static_cast<unsigned short>(ntransfer);
  }
  if (ci->is_lua() && L->top < ci->top) L->top = ci->top;  // protect the whole frame
  ensure_stack(L, kMinStack);
  if (ci->top < L->top + kMinStack) ci->top = L->top + kMinStack;
  L->allowhook = 0;
  ci->callstatus |= mask;
  hook(L, &ar);
  L->allowhook = 1;
  ci->top = restore_stack(L, ci_top);
  L->top = restore_stack(L, top);
  ci->callstatus &= ~mask;
}

void hook_lua_call(Thread* L, CallInfo* ci) {
  L->oldpc = 0;  // the line hook sees the new function's first instruction as a new line
  if (L->hookmask & kMaskCall) {
    int event = (ci->callstatus & kCistTail) ? kHookTailCall : kHookCall;
    Proto* p = ci->func->as_lua_closure()->p;
    ci->u.l.savedpc++;  // hooks assume the pc is already incremented
    call_hook(L, event, -1, 1, p->numparams);
    ci->u.l.savedpc--;
  }
}

// The return hook, and `oldpc` for the line hook of the Lua caller (needed even when return
// hooks are off: it makes the caller's line after the call count as already seen).
static void return_hook(Thread* L, CallInfo* ci, int nres) {
  if (L->hookmask & kMaskRet) {
    Value* firstres = L->top - nres;
    int delta = 0;  // a vararg function's frame was moved: back to its virtual func
    if (ci->is_lua()) {
      Proto* p = ci->func->as_lua_closure()->p;
      if (p->is_vararg) delta = ci->u.l.nextraargs + p->numparams + 1;
    }
    ci->func += delta;
    int ftransfer = static_cast<int>(firstres - ci->func);
    call_hook(L, kHookRet, -1, ftransfer, nres);
    ci->func -= delta;
  }
  ci = ci->previous;
  if (ci->is_lua()) {
    L->oldpc = static_cast<int>(ci->u.l.savedpc - ci->func->as_lua_closure()->p->code) - 1;
  }
}

// ---- Calls ----

Value* try_func_tm(Thread* L, Value* func) {
  CHECK_STACK_GC_P(L, 1, func);
  const Value* tm = get_tm_by_obj(L, func, TM::CALL);
  if (tm->is_nil()) call_error(L, func);
  for (Value* p = L->top; p > func; p--) *p = p[-1];
  L->top++;
  *func = *tm;
  return func;
}

static inline void move_results(Thread* L, Value* res, int nres, int wanted) {
  switch (wanted) {
    case 0: L->top = res; return;
    case 1:
      if (nres == 0) {
        res->set_nil();
      } else {
        copy_value(res, &L->top[-nres]);
      }
      L->top = res + 1;
      return;
    case kMultRet: wanted = nres; break;
    default:
      if (wanted < kMultRet) {  // native function with to-be-closed variables
        L->ci->callstatus |= kCistClsRet;
        L->ci->u2.nres = nres;
        ptrdiff_t savedres = save_stack(L, res);
        close_level(L, res, kCloseKTop, true);
        L->ci->callstatus &= ~kCistClsRet;
        if (L->hookmask) return_hook(L, L->ci, nres);
        res = restore_stack(L, savedres);  // the __close calls and the hook can move the stack
        wanted = -wanted - 3;
        if (wanted == kMultRet) wanted = nres;
      }
      break;
  }
  Value* firstresult = L->top - nres;
  if (nres > wanted) nres = wanted;
  int i;
  for (i = 0; i < nres; i++) copy_value(&res[i], &firstresult[i]);
  for (; i < wanted; i++) res[i].set_nil();
  L->top = res + wanted;
}

void poscall(Thread* L, CallInfo* ci, int nres) {
  int wanted = ci->nresults;
  // With to-be-closed variables the hook runs after the __close calls (in move_results).
  if (L->hookmask && wanted >= kMultRet) [[unlikely]] return_hook(L, ci, nres);
  move_results(L, ci->func, nres, wanted);
  L->ci = ci->previous;
}

static inline CallInfo* prep_call_info(Thread* L, Value* func, int nret, uint16_t mask,
                                       Value* top) {
  CallInfo* ci = L->ci = next_ci(L);
  ci->func = func;
  ci->nresults = static_cast<int16_t>(nret);
  ci->callstatus = mask;
  ci->top = top;
  return ci;
}

static inline int precall_native(Thread* L, Value* func, int nresults, NativeFn f) {
  CHECK_STACK_GC_P(L, kMinStack, func);
  CallInfo* ci = prep_call_info(L, func, nresults, kCistC, L->top + kMinStack);
  if (L->hookmask & kMaskCall) [[unlikely]] {
    int narg = static_cast<int>(L->top - func) - 1;
    call_hook(L, kHookCall, -1, 1, narg);
  }
  int n = f(L);
  if (L->status == kYield) [[unlikely]] return n;  // yielded by returning: see yield()
  poscall(L, ci, n);
  return n;
}

static inline CallInfo* precall_lua(Thread* L, Value* func, int nresults) {
  Proto* p = func->as_lua_closure()->p;
  int narg = static_cast<int>(L->top - func) - 1;
  int nfixparams = p->numparams;
  int fsize = p->maxstacksize;
  CHECK_STACK_GC_P(L, fsize, func);
  CallInfo* ci = prep_call_info(L, func, nresults, 0, func + 1 + fsize);
  ci->u.l.savedpc = p->code;
  for (; narg < nfixparams; narg++) (L->top++)->set_nil();
  return ci;  // the interpreter runs its call hook
}

CallInfo* precall(Thread* L, Value* func, int nresults) {
  for (;;) {
    switch (func->tt) {
      case kVNativeClosure:
        precall_native(L, func, nresults, func->as_native_closure()->f);
        return nullptr;
      case kVLightFn:
        precall_native(L, func, nresults, func->as_light_function());
        return nullptr;
      case kVLuaClosure:
        return precall_lua(L, func, nresults);
      default:
        func = try_func_tm(L, func);
        break;
    }
  }
}

int pretailcall(Thread* L, CallInfo* ci, Value* func, int narg1, int delta) {
  for (;;) {
    switch (func->tt) {
      case kVNativeClosure:
        return precall_native(L, func, kMultRet, func->as_native_closure()->f);
      case kVLightFn:
        return precall_native(L, func, kMultRet, func->as_light_function());
      case kVLuaClosure: {
        Proto* p = func->as_lua_closure()->p;
        int fsize = p->maxstacksize;
        int nfixparams = p->numparams;
        CHECK_STACK_GC_P(L, fsize - delta, func);
        ci->func -= delta;
        for (int i = 0; i < narg1; i++) copy_value(&ci->func[i], &func[i]);
        func = ci->func;
        for (; narg1 <= nfixparams; narg1++) func[narg1].set_nil();
        ci->top = func + 1 + fsize;
        ci->u.l.savedpc = p->code;
        ci->callstatus |= kCistTail;
        L->top = func + narg1;
        return -1;
      }
      default:
        func = try_func_tm(L, func);
        narg1++;
        break;
    }
  }
}

static inline void ccall(Thread* L, Value* func, int nresults, bool noyield, uint32_t inc = 1) {
  L->n_ccalls += inc;
  if (noyield) L->nny++;
  if (L->n_ccalls >= kCheckCStackFrom) [[unlikely]] {
    if (L->stack_last - L->top <= 0) {
      ptrdiff_t t = save_stack(L, func);
      grow_stack(L, 0);
      func = restore_stack(L, t);
    }
    check_cstack(L);
  }
  CallInfo* ci = precall(L, func, nresults);
  if (ci != nullptr) {
    ci->callstatus = kCistFresh;
    execute_fresh(L, ci);
  }
  if (noyield) L->nny--;
  L->n_ccalls -= inc;
}

void call(Thread* L, Value* func, int nresults) { ccall(L, func, nresults, false); }
void call_noyield(Thread* L, Value* func, int nresults) { ccall(L, func, nresults, true); }

// The C++ library ran out of memory inside a protected call: a memory error, its message on top.
static int bad_alloc_error(Thread* L) {
  L->top->set_object(L->g->memerrmsg);
  L->top++;
  return kErrMem;
}

int raw_run_protected(Thread* L, ProtectedFn f, void* ud) {
  uint32_t old_nccalls = L->n_ccalls;
  uint32_t old_nny = L->nny;
  int status = kOk;
  Catching catching(L->g);
  try {
    f(L, ud);
  } catch (const LuaError& e) {
    status = e.status;
  } catch (const std::bad_alloc&) {
    status = bad_alloc_error(L);
  }
  L->n_ccalls = old_nccalls;
  L->nny = old_nny;
  return status;
}

namespace {
struct CloseP {
  Value* level;
  int status;
};
void close_paux(Thread* L, void* ud) {
  auto* pcl = static_cast<CloseP*>(ud);
  close_level(L, pcl->level, pcl->status, false);
}
}  // namespace

static int close_protected(Thread* L, ptrdiff_t level, int status) {
  CallInfo* old_ci = L->ci;
  uint8_t old_allowhook = L->allowhook;
  for (;;) {
    CloseP pcl{restore_stack(L, level), status};
    int st = raw_run_protected(L, close_paux, &pcl);
    if (st == kOk) return pcl.status;
    // An error in a __close: it becomes the error; keep closing the rest.
    L->ci = old_ci;
    L->allowhook = old_allowhook;
    status = st;
  }
}

// After a protected call failed with `status`: back to the caller's frame, the pending
// __close variables from old_top up closed, the error object at old_top.
[[gnu::cold]] static int recover(Thread* L, int status, CallInfo* old_ci, uint8_t old_allowhook,
                                 ptrdiff_t old_top, ptrdiff_t old_errfunc) {
  L->ci = old_ci;
  L->allowhook = old_allowhook;
  status = close_protected(L, old_top, status);
  set_error_obj(L, status, restore_stack(L, old_top));
  shrink_stack(L);
  // What the failed code allocated is garbage now: collect it, so that the program goes on
  // with the memory it had (lua's emergency collection would have run before the failure).
  if (status == kErrMem) L->g->gc.full_collect();
  if (L->g->cancelled) [[unlikely]] {  // a cancellation is never caught (request_cancel)
    L->errfunc = old_errfunc;
    throw_error(L, status);
  }
  return status;
}

int pcall(Thread* L, ProtectedFn f, void* ud, ptrdiff_t old_top, ptrdiff_t ef) {
  CallInfo* old_ci = L->ci;
  uint8_t old_allowhook = L->allowhook;
  ptrdiff_t old_errfunc = L->errfunc;
  L->errfunc = ef;
  int status = raw_run_protected(L, f, ud);
  if (status != kOk) status = recover(L, status, old_ci, old_allowhook, old_top, old_errfunc);
  L->errfunc = old_errfunc;
  return status;
}

// pcall_from_host's body, inlined into it and into call_from_host (one frame fewer per call).
[[gnu::always_inline]] static inline int pcall_host(Thread* L, Value* func, int nresults,
                                                    ptrdiff_t ef) {
  const ptrdiff_t old_top = save_stack(L, func);
  const uint8_t old_allowhook = L->allowhook;
  const ptrdiff_t old_errfunc = L->errfunc;
  const uint32_t old_nny = L->nny;
  L->errfunc = ef;
  int status = kOk;
  {
    Catching catching(L->g);
    try {
      // call_noyield's work, but no C stack to check for the outermost call.
      L->n_ccalls = 1;
      L->nny = old_nny + 1;
      if (L->stack_last - L->top <= 0) [[unlikely]] {
        grow_stack(L, 0);
        func = restore_stack(L, old_top);
      }
      CallInfo* ci =
          func->tt == kVLuaClosure ? precall_lua(L, func, nresults) : precall(L, func, nresults);
      if (ci != nullptr) {
        ci->callstatus = kCistFresh;
        execute_fresh(L, ci);
      }
    } catch (const LuaError& e) {
      status = e.status;
    } catch (const std::bad_alloc&) {
      status = bad_alloc_error(L);
    }
  }
  L->n_ccalls = 0;
  L->nny = old_nny;
  if (status != kOk) [[unlikely]]
    status = recover(L, status, &L->base_ci, old_allowhook, old_top, old_errfunc);
  L->errfunc = old_errfunc;
  return status;
}

int pcall_from_host(Thread* L, Value* func, int nresults, ptrdiff_t ef) {
  return pcall_host(L, func, nresults, ef);
}

int call_from_host(Thread* L, int nargs, int nresults, int handler, void (*fail)(Thread*)) {
  drop_pending_interrupt(L->g);  // a request concerns the call in progress: not one before it
  Value* func = L->top - (nargs + 1);
  const int base = static_cast<int>(func - L->ci->func);
  const int status = pcall_host(L, func, nresults, save_stack(L, L->ci->func + handler));
  if (nresults <= kMultRet && L->ci->top < L->top) L->ci->top = L->top;  // api::adjust_results
  drop_pending_interrupt(L->g);
  if (status != kOk) [[unlikely]]
    fail(L);
  return nresults >= 0 ? nresults : static_cast<int>(L->top - L->ci->func) - base;
}

// ---- Coroutines ----

static int finish_pcallk(Thread* L, CallInfo* ci) {
  int status = ci->get_recover_status();
  if (status == kOk) {
    status = kYield;  // was interrupted by a yield
  } else {
    Value* func = restore_stack(L, ci->u2.funcidx);
    L->allowhook = ci->callstatus & kCistOah;
    func = close_level(L, func, status, true);
    set_error_obj(L, status, func);
    shrink_stack(L);
    if (status == kErrMem) L->g->gc.full_collect();  // as pcall does
    ci->set_recover_status(kOk);
  }
  ci->callstatus &= ~kCistYpcall;
  L->errfunc = ci->u.c.old_errfunc;
  return status;
}

static void finish_ccall(Thread* L, CallInfo* ci) {
  int n;
  if (ci->callstatus & kCistClsRet) {
    n = ci->u2.nres;
  } else {
    int status = kYield;
    if (ci->callstatus & kCistYpcall) status = finish_pcallk(L, ci);
    if (L->ci->top < L->top) L->ci->top = L->top;  // adjustresults(L, LUA_MULTRET)
    n = ci->u.c.k(L, status, ci->u.c.ctx);
    if (L->status == kYield) return;  // the continuation yielded again
  }
  poscall(L, ci, n);
}

static void unroll(Thread* L, void*) {
  CallInfo* ci;
  while (L->status != kYield && (ci = L->ci) != &L->base_ci) {
    if (!ci->is_lua()) {
      finish_ccall(L, ci);
    } else {
      finish_op(L);
      execute(L, ci);
    }
  }
}

static CallInfo* find_pcall(Thread* L) {
  for (CallInfo* ci = L->ci; ci != nullptr; ci = ci->previous) {
    if (ci->callstatus & kCistYpcall) return ci;
  }
  return nullptr;
}

static int resume_error(Thread* L, const char* msg, int narg) {
  L->top -= narg;
  L->top->set_object(new_cstring(L, msg));
  L->top++;
  return kErrRun;
}

static void resume_body(Thread* L, void* ud) {
  int n = *static_cast<int*>(ud);
  Value* first_arg = L->top - n;
  CallInfo* ci = L->ci;
  if (L->status == kOk) {
    L->resume_level = L->n_ccalls;  // the resume counted this level; the body's call does not
    ccall(L, first_arg - 1, kMultRet, false, 0);
  } else {
    L->status = kOk;
    L->resume_level = L->n_ccalls;
    if (ci->is_lua()) {  // yielded inside a hook
      L->top = first_arg;
      execute(L, ci);
    } else {
      if (ci->u.c.k != nullptr) {
        n = ci->u.c.k(L, kYield, ci->u.c.ctx);
        if (L->status == kYield) return;  // the continuation yielded again
      }
      poscall(L, ci, n);
    }
    unroll(L, nullptr);
  }
}

static int precover(Thread* L, int status) {
  CallInfo* ci;
  while (is_error_status(status) && !L->g->cancelled && (ci = find_pcall(L)) != nullptr) {
    L->ci = ci;
    ci->set_recover_status(status);
    L->resume_level = L->n_ccalls;
    status = raw_run_protected(L, unroll, nullptr);
    if (status == kOk && L->status == kYield) status = kYield;
  }
  return status;
}

int resume(Thread* L, Thread* from, int nargs, int* nresults) {
  if (L->status == kOk) {
    if (L->ci != &L->base_ci) return resume_error(L, "cannot resume non-suspended coroutine", nargs);
    if (L->top - (L->ci->func + 1) == nargs) return resume_error(L, "cannot resume dead coroutine", nargs);
  } else if (L->status != kYield) {
    return resume_error(L, "cannot resume dead coroutine", nargs);
  }
  L->n_ccalls = from ? from->n_ccalls : 0;
  if (L->n_ccalls >= kMaxCCalls || (L->n_ccalls >= kCheckCStackFrom && c_stack_low())) {
    return resume_error(L, "C stack overflow", nargs);
  }
  L->n_ccalls++;
  L->nny = 0;
  uint32_t old_level = L->resume_level;
  int status = raw_run_protected(L, resume_body, &nargs);
  if (status == kOk && L->status == kYield) status = kYield;  // yielded by returning
  status = precover(L, status);
  L->resume_level = old_level;
  if (!is_error_status(status)) {
    // normal end or yield
  } else {
    L->status = static_cast<uint8_t>(status);  // dead
    set_error_obj(L, status, L->top);
    L->ci->top = L->top;
    if (status == kErrMem) L->g->gc.full_collect();  // as pcall does
  }
  *nresults = status == kYield ? L->ci->u2.nyield : static_cast<int>(L->top - (L->ci->func + 1));
  return status;
}

int yield(Thread* L, int nresults, KContext ctx, KFunction k) {
  CallInfo* ci = L->ci;
  if (!L->yieldable()) {
    if (L != L->g->mainthread) {
      run_error(L, "attempt to yield across a C-call boundary");
    } else {
      run_error(L, "attempt to yield from outside a coroutine");
    }
  }
  L->status = kYield;
  ci->u2.nyield = nresults;
  if (ci->is_lua()) return 0;  // inside a hook (not supported yet)
  ci->u.c.k = k;
  if (k != nullptr) ci->u.c.ctx = ctx;
  // A native function the resume's own interpreter called (or a continuation that resume
  // runs) has no C++ frames of ours between it and resume: it yields by returning, and
  // everything up to resume looks at L->status. Deeper ones unwind with an exception.
  if (L->n_ccalls == L->resume_level) return -1;
  throw LuaError{kYield};
}

static int reset_thread(Thread* L, int status) {
  CallInfo* ci = L->ci = &L->base_ci;
  L->stack->set_nil();
  ci->func = L->stack;
  ci->callstatus = kCistC;
  if (status == kYield) status = kOk;
  L->status = kOk;
  status = close_protected(L, 1, status);
  if (status != kOk) {
    set_error_obj(L, status, L->stack + 1);
  } else {
    L->top = L->stack + 1;
  }
  ci->top = L->top + kMinStack;
  realloc_stack(L, static_cast<int>(ci->top - L->stack), false);
  return status;
}

int close_thread(Thread* L, Thread* from) {
  L->n_ccalls = from ? from->n_ccalls : 0;
  return reset_thread(L, L->status);
}

}  // namespace tycho::vm
