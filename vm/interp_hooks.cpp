// Debug hooks and interrupts, as the interpreter loop (vm/interp.cpp) meets them: trace_exec,
// which runs the line and count hooks before each instruction of the hooked loop (rule 6 at
// the top of vm/interp.cpp), and interrupt requests (request_interrupt, request_cancel), which
// point the VM's copy of the plain loop's jump table at the loop's exit (rule 7; the loop makes
// the copy, in make_dispatch). Calling a hook, and the call and return events, are in
// vm/call.cpp (call_hook, hook_lua_call).
#include "vm/debug.hpp"
#include "vm/interp_internal.hpp"
#include "vm/string.hpp"

namespace tycho::vm {

// ---- Interrupts (rule 7; InterruptState in vm/state.hpp) ----

// Every entry of the VM's jump table at the plain loop's exit.
void trap_all(InterruptState& in) {
  const void* trap = in.trap.load(std::memory_order_relaxed);
  for (DispatchEntry& e : in.dispatch) e.store(trap, std::memory_order_relaxed);
}

namespace {

// Take the pending request, if any, and give the jump table its entries back. A request that
// arrives meanwhile (a signal) is pending again afterwards, with its table.
bool take_interrupt(Global* g) {
  InterruptState& in = g->interrupt;
  if (!in.pending.load(std::memory_order_relaxed) || !in.pending.exchange(false)) return false;
  if (const DispatchEntry* normal = in.normal.load(std::memory_order_acquire)) {
    for (int op = 0; op < kNumOpcodes; op++) {
      in.dispatch[op].store(normal[op].load(std::memory_order_relaxed), std::memory_order_relaxed);
    }
  }
  if (in.pending.load()) trap_all(in);
  return true;
}

}  // namespace

// Raise "interrupted!" in the Lua frame `ci`, whose saved pc is the next instruction to run,
// if a request is pending (the loops call it on their way out, when a request may be why).
// As lua.c's count hook does (luaL_error in the hook): the frame is seen at that instruction,
// and the message has the position of its caller (level 1), when that is Lua.
[[gnu::noinline, gnu::cold]] void raise_interrupt(Thread* L, CallInfo* ci) {
  if (!take_interrupt(L->g)) return;
  ci->u.l.savedpc++;
  // The instruction may be a function's VARARGPREP, whose top is the caller's: its arguments.
  if (!is_it(ci->u.l.savedpc[-1])) L->top = ci->top;
  if (L->g->interrupt.cancel.load()) raise_cancel(L);
  DebugInfo ar;
  if (get_stack(L, 1, &ar) && get_info(L, "Sl", &ar) && ar.currentline > 0) {
    push_fstring(L, "%s:%d: interrupted!", ar.short_src, ar.currentline);
  } else {
    push_fstring(L, "interrupted!");
  }
  error_top(L);
}

void request_interrupt(Global* g) noexcept {
  InterruptState& in = g->interrupt;
  in.pending.store(true);
  if (in.normal.load() != nullptr) trap_all(in);
}

void clear_interrupt(Global* g) { take_interrupt(g); }

void request_cancel(Global* g) noexcept {
  g->interrupt.cancel.store(true);
  request_interrupt(g);
}

void raise_cancel(Thread* L) {
  L->g->cancelled = true;
  push_fstring(L, "cancelled");
  throw_error(L, kErrRun);  // no message handler: nothing may catch it
}

// ---- Hooks (rule 6) ----

// Before each instruction of the hooked loop (luaG_traceexec): the count hook every
// `basehookcount` instructions, the line hook when the instruction starts a new line or is
// reached by a backward jump, and at a function's first instruction (`oldpc` is 0 there,
// 1 after a VARARGPREP). False when no hook is on: the plain loop takes over.
bool trace_exec(Thread* L, CallInfo* ci, const Instruction* pc) {
  uint8_t mask = L->hookmask;
  if (mask == 0) return false;
  if (L->g->interrupt.pending.load(std::memory_order_relaxed)) [[unlikely]] {
    ci->u.l.savedpc = pc;
    raise_interrupt(L, ci);
  }
  if (!(mask & kMaskTrace)) return true;  // only call and return hooks
  const Proto* p = ci->func->as_lua_closure()->p;
  if (pc == p->code && p->is_vararg) return true;  // hooks start after the VARARGPREP
  pc++;  // as the pc saved by an instruction: the one after it
  ci->u.l.savedpc = pc;
  bool counthook = --L->hookcount == 0 && (mask & kMaskCount);
  if (counthook) {
    L->hookcount = L->basehookcount;
  } else if (!(mask & kMaskLine)) {
    return true;
  }
  if (!is_it(pc[-1])) L->top = ci->top;  // the hook must not lower a top that is in use
  if (counthook) call_hook(L, kHookCount, -1, 0, 0);
  if (mask & kMaskLine) {
    int oldpc = L->oldpc < p->sizecode ? L->oldpc : 0;  // `oldpc` may be from elsewhere
    int npci = static_cast<int>(pc - p->code) - 1;
    // A stripped function has no lines: like lua, a jump back (or a new call) still raises the
    // event, with no line (-1; nil for debug.sethook's hook).
    if (npci <= oldpc || (p->lineinfo != nullptr && p->lineinfo[oldpc] != p->lineinfo[npci])) {
      call_hook(L, kHookLine, p->lineinfo != nullptr ? p->lineinfo[npci] : -1, 0, 0);
    }
    L->oldpc = npci;
  }
  return true;
}

}  // namespace tycho::vm
