// The interpreter loop. Around it: vm/interp_ops.cpp holds the steps of instructions done out
// of the loop and the slow paths it falls to (metamethods, coercions, errors), which the API
// reuses through vm/interp.hpp; vm/interp_hooks.cpp the line and count hooks (trace_exec) and
// the interrupts (request_interrupt, raise_interrupt); vm/interp_internal.hpp the fast paths
// that the loop shares with its slow paths.
//
// Rules for anyone editing this file:
//  1. Anything that can call Lua code, raise an error or grow the stack goes through PROTECT
//     (or PROTECT_NT for instructions that set the stack top themselves): it saves the pc for
//     error messages and yields, and reloads `base` afterwards because the stack may have
//     moved. Register pointers (`ra`) computed before a PROTECT are stale after it.
//  2. An instruction that allocates ends with CHECK_GC(limit): the collector's safe point,
//     with the stack top lowered to `limit` so that dead registers above it are not marked.
//  3. Arithmetic and comparison fast paths handle numbers inline; everything else falls to
//     the following MMBIN* instruction (arithmetic) or to a metamethod call (comparison).
//  4. Lua-to-Lua calls and returns stay in this loop (no C++ recursion); a frame entered from
//     C++ is marked kCistFresh, and returning from it leaves the loop.
//  5. Every store into a table goes through table_* functions or finish_fast_set
//     (vm/interp_internal.hpp), which keep the metamethod cache and the barrier right.
//  6. Debug hooks cost nothing while they are off. The loop is a template instantiated twice:
//     `run<false>` runs only while the thread has no hook at all and tests nothing per
//     instruction; `run<true>` calls trace_exec (line and count hooks) before each one and
//     raises the call and return events of Lua functions. A hook can only be installed by
//     running code, so the plain loop looks at the thread's hook mask only where code may
//     have run: after each PROTECT (UPDATE_TRAP), a native call or a collection, on entering
//     a function, and on returns that ran code. If a hook is on there, the plain loop swaps
//     its dispatch table for one whose every entry leaves the loop before the next
//     instruction; `execute` then continues the same frame, from its saved pc, in the hooked
//     loop (and back again when the hooked loop sees the hooks off). Native functions' call
//     events and the return events of the general return path are raised in vm/call.cpp,
//     behind a test of the mask.
//  7. Interrupts (request_interrupt, Ctrl-C) cost nothing per instruction either: the plain
//     loop dispatches through its VM's copy of its jump table (Global::interrupt), which a
//     request points wholly at the loop's exit, and the hooked loop looks at the request in
//     trace_exec; both raise "interrupted!" there, in the frame that was about to go on.
#include "vm/interp.hpp"

#include <cmath>

#include "vm/debug.hpp"
#include "vm/func.hpp"
#include "vm/interp_internal.hpp"
#include "vm/number.hpp"
#include "vm/string.hpp"
#include "vm/table.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

namespace {

// A slot that exists but holds nil (an array slot not filled yet, a removed key) in a table
// without a metatable: storing there is what table_finish_set would do, with no __newindex to
// call and no key to insert. For integer keys only: they cannot be metamethod names, so the
// table's metamethod-absence flags stay valid.
inline bool empty_slot_no_newindex(const Value* t, const Value* slot) {
  return slot != nullptr && !slot->is_abstkey() && t->as_table()->metatable == nullptr;
}

// t[k] for a short-string key missing from table t, when every metatable on the way has a
// table as __index (a class hierarchy: an object's methods live in its class, the class's in
// its parent): walks a few levels without leaving the interpreter. Writes the value (nil when
// the chain ends) and returns true; false when a function or a non-table __index, or a longer
// chain, needs finish_get.
inline bool index_chain_short(Global* g, Table* t, String* k, Value* ra) {
  for (int depth = 0; depth < 4; depth++) {
    Table* mt = t->metatable;
    constexpr unsigned kNoIndex = 1u << static_cast<unsigned>(TM::INDEX);
    if (mt == nullptr || (mt->flags & kNoIndex)) {
      ra->set_nil();
      return true;
    }
    const Value* tm = table_get_short_str(mt, g->tmname[static_cast<int>(TM::INDEX)]);
    if (!tm->is_table()) {
      if (!tm->is_nil()) return false;
      mt->flags |= static_cast<uint8_t>(kNoIndex);  // as get_tm caches the absence
      ra->set_nil();
      return true;
    }
    t = tm->as_table();
    const Value* slot = table_get_short_str(t, k);
    if (!slot->is_empty()) {
      *ra = *slot;
      return true;
    }
  }
  return false;
}

// s:name(...) on a string: when the strings' metatable has a table as __index (the string
// library, as the base library sets it up) holding `name`, writes it to ra and returns true;
// false leaves the general path (finish_get) to do it all, errors included.
inline bool string_method(Global* g, String* name, Value* ra) {
  Table* mt = g->mt[kTString];
  if (mt == nullptr) return false;
  const Value* index = table_get_short_str(mt, g->tmname[static_cast<int>(TM::INDEX)]);
  if (!index->is_table()) return false;
  const Value* method = table_get_short_str(index->as_table(), name);
  if (method->is_empty()) return false;
  *ra = *method;
  return true;
}

// The generic for's call of the base library's `next` (pairs) or ipairs iterator on a table,
// done here: the key and value it would return, written as the call's `nresults` results.
// False when the general call is needed: another function, a state that is not a table, an
// ipairs slot without a value in a table whose metatable may have __index, or a key that
// `next` rejects (the call raises the error, from `next`, as in lua5.4).
inline bool tfor_inline(Thread* L, Value* ra, int nresults) {
  Global* g = L->g;
  if (!ra[0].is_light_function() || !ra[1].is_table()) return false;
  const NativeFn f = ra[0].as_light_function();
  Table* t = ra[1].as_table();
  Value key = ra[2];
  Value val = Value::nil();
  if (f == g->ipairs_iter) {
    if (!key.is_int()) return false;
    const auto n = static_cast<int64_t>(static_cast<uint64_t>(key.as_int()) + 1u);
    const Value* slot = table_get_int(t, n);
    if (!slot->is_empty()) {
      key.set_int(n);
      val = *slot;
    } else if (fast_tm(L, t->metatable, TM::INDEX) == nullptr) {
      key.set_nil();
    } else {
      return false;
    }
  } else if (f == g->next_fn) {
    const NextResult r = table_next_raw(t, &key, &val);
    if (r == NextResult::kInvalidKey) return false;
    if (r == NextResult::kEnd) key.set_nil();
  } else {
    return false;
  }
  copy_value(&ra[4], &key);
  if (nresults >= 2) {
    copy_value(&ra[5], &val);
    for (int j = 2; j < nresults; j++) ra[4 + j].set_nil();
  }
  return true;
}

// The function of a native value (a light function or a native closure), else null.
inline NativeFn native_function(const Value* v) {
  return v->is_light_function() ? v->as_light_function()
         : v->is_native_closure() ? v->as_native_closure()->f
                                  : nullptr;
}

// The interpreter calls a native function itself when nothing of precall_native's general
// path is needed: a CallInfo to reuse, stack room, no collection due and no hook. Returns the
// function's CallInfo, now L->ci, or null (then precall does it all).
inline CallInfo* push_native_ci(Thread* L, CallInfo* ci, Value* func, int nresults) {
  Global* g = L->g;
  CallInfo* nci = ci->next;
  if (nci == nullptr || L->stack_last - L->top <= kMinStack || g->heap.debt() > 0 || L->hookmask ||
      kHardStack) {
    return nullptr;
  }
  nci->func = func;
  nci->nresults = static_cast<int16_t>(nresults);
  nci->callstatus = kCistC;
  nci->top = L->top + kMinStack;
  L->ci = nci;
  return nci;
}

inline bool to_number_ns(const Value* v, double* out) {
  if (v->is_float()) {
    *out = v->as_float();
    return true;
  }
  if (v->is_int()) {
    *out = static_cast<double>(v->as_int());
    return true;
  }
  return false;
}

inline bool to_integer_fast(const Value* v, int64_t* out) {
  if (v->is_int()) {
    *out = v->as_int();
    return true;
  }
  return to_integer_ns(*v, out, F2I::kEq);
}

inline int64_t int_add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t int_sub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline int64_t int_mul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}
inline double num_pow(double a, double b) { return b == 2 ? a * a : std::pow(a, b); }

inline bool float_for_loop(Value* ra) {
  double step = ra[2].as_float();
  double limit = ra[1].as_float();
  double idx = ra->as_float() + step;
  if (0 < step ? idx <= limit : limit <= idx) {
    ra->set_float(idx);
    ra[3].set_float(idx);
    return true;
  }
  return false;
}

}  // namespace

// ---- The loop ----

// A register or constant operand: the 8-bit field shifted straight to its byte offset (a
// Value is 16 bytes), one shift and one mask, where `base + getarg_a(i)` compiles to a shift, a
// zero-extension and a second shift.
static_assert(sizeof(Value) == 16 && kSizeA == 8 && kSizeB == 8 && kSizeC == 8);
[[gnu::always_inline]] inline Value* operand(Value* array, Instruction i, int pos) {
  return reinterpret_cast<Value*>(reinterpret_cast<char*>(array) + ((i >> (pos - 4)) & 0xff0u));
}
#define RA() operand(base, i, kPosA)
#define RB() operand(base, i, kPosB)
#define RC() operand(base, i, kPosC)
#define KB() operand(k, i, kPosB)
#define KC() operand(k, i, kPosC)
#define RKC() operand(getarg_k(i) ? k : base, i, kPosC)

#if defined(__GNUC__) || defined(__clang__)
#define TYCHO_COMPUTED_GOTO 1
#endif

#define SAVE_PC() (ci->u.l.savedpc = pc)
// In the plain loop: code may have run and installed a line or count hook; if so, leave the
// loop before the next instruction (rule 6).
#ifdef TYCHO_COMPUTED_GOTO
#define SET_TRAP() (disp = kTrapDispatch)
#else
#define SET_TRAP() (trapped = true)
#endif
#define UPDATE_TRAP()                           \
  do {                                          \
    if constexpr (!kHooked) {                   \
      if (L->hookmask) [[unlikely]] SET_TRAP(); \
    }                                           \
  } while (0)
#define SAVE_STATE() (SAVE_PC(), L->top = ci->top)
#define UPDATE_BASE() (base = ci->func + 1)
#define PROTECT(exp) \
  do {               \
    SAVE_STATE();    \
    exp;             \
    UPDATE_BASE();   \
    UPDATE_TRAP();   \
  } while (0)
#define PROTECT_NT(exp) \
  do {                  \
    SAVE_PC();          \
    exp;                \
    UPDATE_BASE();      \
    UPDATE_TRAP();      \
  } while (0)
#define HALF_PROTECT(exp) \
  do {                    \
    SAVE_STATE();         \
    exp;                  \
    UPDATE_TRAP();        \
  } while (0)
#define CHECK_GC(c)                                   \
  do {                                                \
    if (g->heap.debt() > 0) {                         \
      SAVE_PC();                                      \
      L->top = (c);                                   \
      gc_safe_point(L); /* finalizers run Lua code */ \
      UPDATE_BASE();                                  \
      UPDATE_TRAP();                                  \
    }                                                 \
  } while (0)

// A table store that missed the fast path may insert a key and grow the table: a safe point
// for a cycle under way, which a loop filling a big table (creating no object, so reaching no
// other safe point) would otherwise leave unfinished while its garbage piles up. It starts no
// cycle: those start where objects are created, as in Lua, so that a table being filled is
// not made old by a cycle run in the middle of its loop.
#define STORE_SAFE_POINT()                                                      \
  do {                                                                          \
    if (g->gc.phase() != gc::Phase::kIdle && g->heap.debt() > 0) [[unlikely]] { \
      SAVE_PC();                                                                \
      L->top = ci->top;                                                         \
      gc_safe_point(L);                                                         \
      UPDATE_BASE();                                                            \
      UPDATE_TRAP();                                                            \
    }                                                                           \
  } while (0)
#define PROTECT_STORE(exp) \
  do {                     \
    PROTECT(exp);          \
    STORE_SAFE_POINT();    \
  } while (0)

#define DO_JUMP(ins, e) (pc += getarg_sj(ins) + (e))
#define DO_NEXT_JUMP() DO_JUMP(*pc, 1)
#define DO_COND_JUMP(cond) \
  do {                     \
    if ((cond) != getarg_k(i)) { \
      pc++;                \
    } else {               \
      DO_NEXT_JUMP();      \
    }                      \
  } while (0)

#define OP_ARITH_I(iop, fop)                        \
  {                                                 \
    Value* ra = RA();                               \
    Value* v1 = RB();                               \
    int imm = getarg_sc(i);                         \
    if (v1->is_int()) {                             \
      pc++;                                         \
      ra->set_int(iop(v1->as_int(), imm));          \
    } else if (v1->is_float()) {                    \
      pc++;                                         \
      ra->set_float(fop(v1->as_float(), static_cast<double>(imm))); \
    }                                               \
  }

#define OP_ARITHF_AUX(v1, v2, fop)                  \
  {                                                 \
    double n1, n2;                                  \
    if (to_number_ns(v1, &n1) && to_number_ns(v2, &n2)) { \
      pc++;                                         \
      ra->set_float(fop(n1, n2));                   \
    }                                               \
  }
#define OP_ARITH_AUX(v1, v2, iop, fop)              \
  {                                                 \
    if ((v1)->is_int() && (v2)->is_int()) {         \
      pc++;                                         \
      ra->set_int(iop((v1)->as_int(), (v2)->as_int())); \
    } else {                                        \
      OP_ARITHF_AUX(v1, v2, fop);                   \
    }                                               \
  }
#define OP_ARITH(iop, fop) \
  {                        \
    Value* ra = RA();      \
    Value* v1 = RB();      \
    Value* v2 = RC();      \
    OP_ARITH_AUX(v1, v2, iop, fop); \
  }
#define OP_ARITHK(iop, fop) \
  {                         \
    Value* ra = RA();       \
    Value* v1 = RB();       \
    Value* v2 = KC();       \
    OP_ARITH_AUX(v1, v2, iop, fop); \
  }
#define OP_ARITHF(fop) \
  {                    \
    Value* ra = RA();  \
    Value* v1 = RB();  \
    Value* v2 = RC();  \
    OP_ARITHF_AUX(v1, v2, fop); \
  }
#define OP_ARITHFK(fop) \
  {                     \
    Value* ra = RA();   \
    Value* v1 = RB();   \
    Value* v2 = KC();   \
    OP_ARITHF_AUX(v1, v2, fop); \
  }
// Operations that may raise (integer division and modulo by zero). Like lua5.4.4, the pc is
// not saved first, so the error reports the line of the last instruction that saved it; the
// differential tests hold tycho to that.
#define OP_ARITH_PROTECTED(v2expr, iop, fop)                 \
  {                                                          \
    Value* ra = RA();                                        \
    Value* v1 = RB();                                        \
    Value* v2 = v2expr;                                      \
    if (v1->is_int() && v2->is_int()) {                      \
      L->top = ci->top;                                      \
      int64_t r_ = iop(L, v1->as_int(), v2->as_int());       \
      pc++;                                                  \
      ra->set_int(r_);                                       \
    } else {                                                 \
      OP_ARITHF_AUX(v1, v2, fop);                            \
    }                                                        \
  }
#define OP_BITWISEK(op)                                      \
  {                                                          \
    Value* ra = RA();                                        \
    Value* v1 = RB();                                        \
    Value* v2 = KC();                                        \
    int64_t i1;                                              \
    int64_t i2 = v2->as_int();                               \
    if (to_integer_fast(v1, &i1)) {                          \
      pc++;                                                  \
      ra->set_int(op(i1, i2));                               \
    }                                                        \
  }
#define OP_BITWISE(op)                                       \
  {                                                          \
    Value* ra = RA();                                        \
    Value* v1 = RB();                                        \
    Value* v2 = RC();                                        \
    int64_t i1, i2;                                          \
    if (to_integer_fast(v1, &i1) && to_integer_fast(v2, &i2)) { \
      pc++;                                                  \
      ra->set_int(op(i1, i2));                               \
    }                                                        \
  }
#define OP_ORDER(opi, opf, opn, other)                       \
  {                                                          \
    Value* ra = RA();                                        \
    Value* rb = RB();                                        \
    int cond;                                                \
    if (ra->is_int() && rb->is_int()) {                      \
      cond = opi(ra->as_int(), rb->as_int());                \
    } else if (ra->is_float() && rb->is_float()) {           \
      cond = opf(ra->as_float(), rb->as_float());            \
    } else if (ra->is_number() && rb->is_number()) {         \
      cond = opn(*ra, *rb);                                  \
    } else {                                                 \
      PROTECT(cond = other(L, ra, rb));                      \
    }                                                        \
    DO_COND_JUMP(cond);                                      \
  }
#define OP_ORDER_I(opi, opf, inv, tm)                        \
  {                                                          \
    Value* ra = RA();                                        \
    int cond;                                                \
    int im = getarg_sb(i);                                   \
    if (ra->is_int()) {                                      \
      cond = opi(ra->as_int(), im);                          \
    } else if (ra->is_float()) {                             \
      cond = opf(ra->as_float(), static_cast<double>(im));   \
    } else {                                                 \
      bool isf = getarg_c(i) != 0;                           \
      PROTECT(cond = call_order_i_tm(L, ra, im, inv, isf, tm)); \
    }                                                        \
    DO_COND_JUMP(cond);                                      \
  }

#define L_ADD(a, b) int_add(a, b)
#define L_SUB(a, b) int_sub(a, b)
#define L_MUL(a, b) int_mul(a, b)
#define F_ADD(a, b) ((a) + (b))
#define F_SUB(a, b) ((a) - (b))
#define F_MUL(a, b) ((a) * (b))
#define F_DIV(a, b) ((a) / (b))
#define F_POW(a, b) num_pow(a, b)
#define F_IDIV(a, b) float_idiv(a, b)
#define F_MOD(a, b) float_mod(a, b)
#define B_AND(a, b) static_cast<int64_t>(static_cast<uint64_t>(a) & static_cast<uint64_t>(b))
#define B_OR(a, b) static_cast<int64_t>(static_cast<uint64_t>(a) | static_cast<uint64_t>(b))
#define B_XOR(a, b) static_cast<int64_t>(static_cast<uint64_t>(a) ^ static_cast<uint64_t>(b))
#define B_SHL(a, b) shift_left(a, b)
#define B_SHR(a, b) shift_left(a, int_sub(0, b))
#define LT_I(a, b) ((a) < (b))
#define LE_I(a, b) ((a) <= (b))
#define GT_I(a, b) ((a) > (b))
#define GE_I(a, b) ((a) >= (b))
#define LT_F(a, b) ((a) < (b))
#define LE_F(a, b) ((a) <= (b))
#define GT_F(a, b) ((a) > (b))
#define GE_F(a, b) ((a) >= (b))

// Fetch the next instruction; in the hooked loop, run the line and count hooks first (or
// leave for the plain loop when all hooks are off).
#define VM_FETCH()                  \
  do {                              \
    if constexpr (kHooked) {        \
      if (!trace_exec(L, ci, pc)) { \
        SAVE_PC();                  \
        return false;               \
      }                             \
      UPDATE_BASE();                \
    }                               \
    i = *pc++;                      \
  } while (0)

#ifdef TYCHO_COMPUTED_GOTO
#define VM_DISPATCH(op) goto* disp[static_cast<int>(op)].load(std::memory_order_relaxed);
#define VM_CASE(name) L_##name:
#define VM_BREAK            \
  do {                      \
    VM_FETCH();             \
    VM_DISPATCH(get_op(i)); \
  } while (0)
#else
#define VM_DISPATCH(op) switch (op)
#define VM_CASE(name) case OpCode::name:
#define VM_BREAK break
#endif

namespace {

// ---- The VM's copy of the jump table (rule 7; requests in vm/interp_hooks.cpp) ----

// Fill the VM's copy of the plain loop's table (`normal`; `trap`: the loop's exit).
[[gnu::noinline, gnu::cold]] void make_dispatch(InterruptState& in, const DispatchEntry* normal,
                                                const void* trap) {
  for (int op = 0; op < kNumOpcodes; op++) {
    in.dispatch[op].store(normal[op].load(std::memory_order_relaxed), std::memory_order_relaxed);
  }
  in.trap.store(trap, std::memory_order_relaxed);
  // From now on a request sets the trap itself; one that came before gets it here.
  in.normal.store(normal, std::memory_order_release);
  if (in.pending.load()) trap_all(in);
}

// The plain loop's jump table for this VM: a copy of the loop's own, made the first time (its
// first entry is null until then).
inline const DispatchEntry* interrupt_dispatch(Global* g, const DispatchEntry* normal,
                                               const void* trap) {
  DispatchEntry* disp = g->interrupt.dispatch;
  if (disp[0].load(std::memory_order_relaxed) == nullptr) [[unlikely]] {
    make_dispatch(g->interrupt, normal, trap);
  }
  return disp;
}

// Runs Lua frames from `ci` until the kCistFresh frame below returns (true), or until the
// hook mask asks for the other instantiation (false; the running frame's pc is saved and
// L->ci is the frame to continue). `entering`: ci's function has not started yet.
template <bool kHooked>
bool run(Thread* L, CallInfo* ci, bool entering) {
  Global* g = L->g;
#ifdef TYCHO_COMPUTED_GOTO
  // Atomic entries (plain loads on the usual machines) because a signal handler may rewrite
  // the VM's copy (rule 7).
  static const DispatchEntry kDispatch[] = {
#define TYCHO_OP_LABEL(name, fmt, desc) &&L_##name,
      TYCHO_OPCODES(TYCHO_OP_LABEL)
#undef TYCHO_OP_LABEL
  };
  static const DispatchEntry kTrapDispatch[] = {
#define TYCHO_OP_TRAP(name, fmt, desc) &&l_trap,
      TYCHO_OPCODES(TYCHO_OP_TRAP)
#undef TYCHO_OP_TRAP
  };
  const DispatchEntry* disp = kDispatch;
  if constexpr (!kHooked) disp = interrupt_dispatch(g, kDispatch, &&l_trap);
#else
  bool trapped = false;
#endif
  LuaClosure* cl;
  Value* k;
  Value* base;
  const Instruction* pc;
  Instruction i;
  if (!entering) goto returning;
startfunc:
  // A function starts: its call hook (a vararg function's comes after its VARARGPREP). The
  // plain loop looks at the mask here too, as a collection in precall may have run code.
  if (L->hookmask) [[unlikely]] {
    if (!ci->func->as_lua_closure()->p->is_vararg) hook_lua_call(L, ci);
    if constexpr (!kHooked) return false;
  }
returning:
  cl = ci->func->as_lua_closure();
  k = cl->p->k;
  pc = ci->u.l.savedpc;
  base = ci->func + 1;
  for (;;) {
#ifndef TYCHO_COMPUTED_GOTO
    if constexpr (!kHooked) {  // without a jump table, the test costs every instruction
      if (trapped || g->interrupt.pending.load(std::memory_order_relaxed)) [[unlikely]] {
        SAVE_PC();
        raise_interrupt(L, ci);  // (when that is why)
        return false;
      }
    }
#endif
    VM_FETCH();
#ifndef TYCHO_COMPUTED_GOTO
  dispatch_again:
#endif
    VM_DISPATCH(get_op(i)) {
      VM_CASE(MOVE) {
        copy_value(RA(), RB());
        VM_BREAK;
      }
      VM_CASE(LOADI) {
        RA()->set_int(getarg_sbx(i));
        VM_BREAK;
      }
      VM_CASE(LOADF) {
        RA()->set_float(static_cast<double>(getarg_sbx(i)));
        VM_BREAK;
      }
      VM_CASE(LOADK) {
        *RA() = k[getarg_bx(i)];
        VM_BREAK;
      }
      VM_CASE(LOADKX) {
        *RA() = k[getarg_ax(*pc)];
        pc++;
        VM_BREAK;
      }
      VM_CASE(LOADFALSE) {
        RA()->set_bool(false);
        VM_BREAK;
      }
      VM_CASE(LFALSESKIP) {
        RA()->set_bool(false);
        pc++;
        VM_BREAK;
      }
      VM_CASE(LOADTRUE) {
        RA()->set_bool(true);
        VM_BREAK;
      }
      VM_CASE(LOADNIL) {
        Value* ra = RA();
        int b = getarg_b(i);
        do {
          (ra++)->set_nil();
        } while (b--);
        VM_BREAK;
      }
      VM_CASE(GETUPVAL) {
        copy_value(RA(), cl->upvals[getarg_b(i)]->v);
        VM_BREAK;
      }
      VM_CASE(SETUPVAL) {
        UpVal* uv = cl->upvals[getarg_b(i)];
        copy_value(uv->v, RA());
        barrier(L, uv, *RA());
        VM_BREAK;
      }
      VM_CASE(GETTABUP) {
        Value* upval = cl->upvals[getarg_b(i)]->v;
        Value* rc = KC();
        const Value* slot = fast_get_short(upval, rc->as_string());
        if (has_value(slot)) {
          *RA() = *slot;
        } else {
          PROTECT(finish_get(L, upval, rc, RA(), slot));
        }
        VM_BREAK;
      }
      VM_CASE(GETTABLE) {
        Value* rb = RB();
        Value* rc = RC();
        const Value* slot = rc->is_int() ? fast_get_int(rb, rc->as_int()) : fast_get_any(rb, rc);
        if (has_value(slot)) {
          *RA() = *slot;
        } else {
          PROTECT(finish_get(L, rb, rc, RA(), slot));
        }
        VM_BREAK;
      }
      VM_CASE(GETI) {
        Value* rb = RB();
        int c = getarg_c(i);
        const Value* slot = fast_get_int(rb, c);
        if (has_value(slot)) {
          *RA() = *slot;
        } else {
          Value key = Value::integer(c);
          PROTECT(finish_get(L, rb, &key, RA(), slot));
        }
        VM_BREAK;
      }
      VM_CASE(GETFIELD) {
        Value* rb = RB();
        Value* rc = KC();
        const Value* slot = fast_get_short(rb, rc->as_string());
        if (has_value(slot)) {
          *RA() = *slot;
        } else if (slot == nullptr || !index_chain_short(g, rb->as_table(), rc->as_string(), RA())) {
          PROTECT(finish_get(L, rb, rc, RA(), slot));
        }
        VM_BREAK;
      }
      VM_CASE(SETTABUP) {
        Value* upval = cl->upvals[getarg_a(i)]->v;
        Value* rb = KB();
        Value* rc = RKC();
        const Value* slot = fast_get_short(upval, rb->as_string());
        if (has_value(slot)) {
          finish_fast_set(L, upval, slot, rc);
        } else {
          PROTECT_STORE(finish_set(L, upval, rb, rc, slot));
        }
        VM_BREAK;
      }
      VM_CASE(SETTABLE) {
        Value* ra = RA();
        Value* rb = RB();
        Value* rc = RKC();
        const Value* slot;
        if (rb->is_int()) {
          slot = fast_get_int(ra, rb->as_int());
          if (has_value(slot)) {
            finish_fast_set(L, ra, slot, rc);
            VM_BREAK;
          }
          if (empty_slot_no_newindex(ra, slot)) {
            finish_fast_set(L, ra, slot, rc);
            STORE_SAFE_POINT();
            VM_BREAK;
          }
        } else {
          slot = fast_get_any(ra, rb);
          if (has_value(slot)) {
            finish_fast_set(L, ra, slot, rc);
            VM_BREAK;
          }
        }
        PROTECT_STORE(finish_set(L, ra, rb, rc, slot));
        VM_BREAK;
      }
      VM_CASE(SETI) {
        Value* ra = RA();
        int c = getarg_b(i);
        Value* rc = RKC();
        const Value* slot = fast_get_int(ra, c);
        if (has_value(slot)) {
          finish_fast_set(L, ra, slot, rc);
        } else if (empty_slot_no_newindex(ra, slot)) {
          finish_fast_set(L, ra, slot, rc);
          STORE_SAFE_POINT();
        } else {
          Value key = Value::integer(c);
          PROTECT_STORE(finish_set(L, ra, &key, rc, slot));
        }
        VM_BREAK;
      }
      VM_CASE(SETFIELD) {
        Value* ra = RA();
        Value* rb = KB();
        Value* rc = RKC();
        const Value* slot = fast_get_short(ra, rb->as_string());
        if (has_value(slot)) {
          finish_fast_set(L, ra, slot, rc);
        } else if (slot != nullptr &&
                   fast_tm(L, ra->as_table()->metatable, TM::NEWINDEX) == nullptr) {
          // A new field of a table without __newindex (an object whose class has none).
          GrowthMayCollect may_collect(g);
          PROTECT_STORE(table_finish_set_short(L, ra->as_table(), rb->as_string(), slot, *rc));
        } else {
          PROTECT_STORE(finish_set(L, ra, rb, rc, slot));
        }
        VM_BREAK;
      }
      VM_CASE(NEWTABLE) {
        Value* ra = RA();
        int b = getarg_b(i);
        unsigned c = static_cast<unsigned>(getarg_c(i));
        if (b > 0) b = 1 << (b - 1);
        if (getarg_k(i)) c += static_cast<unsigned>(getarg_ax(*pc)) * (kMaxArgC + 1);
        pc++;
        L->top = ra;  // ra is dead until the table is in it
        SAVE_PC();
        if (c > 0 || b > 0) make_room(L, table_parts_bytes(c, static_cast<unsigned>(b)));
        ra->set_object(new_table(L, c, static_cast<unsigned>(b)));
        L->top = ra + 1;
        CHECK_GC(ra + 1);
        VM_BREAK;
      }
      VM_CASE(SELF) {
        Value* ra = RA();
        Value* rb = RB();
        Value* rc = RKC();
        ra[1] = *rb;
        // The key is a string constant, or a register that compiled code loads with one;
        // verified bytecode (binary chunks) guarantees only the former.
        const Value* slot = !rb->is_table()         ? nullptr
                            : rc->is_short_string() ? table_get_short_str(rb->as_table(), rc->as_string())
                                                    : fast_get_any(rb, rc);
        if (has_value(slot)) {
          *ra = *slot;
        } else if (slot == nullptr && rb->is_string() && rc->is_short_string() &&
                   string_method(g, rc->as_string(), ra)) {
          // s:method(...): found in the strings' __index table
        } else if (slot == nullptr || !rc->is_short_string() ||
                   !index_chain_short(g, rb->as_table(), rc->as_string(), ra)) {
          PROTECT(finish_get(L, rb, rc, ra, slot));
        }
        VM_BREAK;
      }
      VM_CASE(ADDI) {
        OP_ARITH_I(L_ADD, F_ADD);
        VM_BREAK;
      }
      VM_CASE(ADDK) {
        OP_ARITHK(L_ADD, F_ADD);
        VM_BREAK;
      }
      VM_CASE(SUBK) {
        OP_ARITHK(L_SUB, F_SUB);
        VM_BREAK;
      }
      VM_CASE(MULK) {
        OP_ARITHK(L_MUL, F_MUL);
        VM_BREAK;
      }
      VM_CASE(MODK) {
        OP_ARITH_PROTECTED(KC(), int_mod, F_MOD);
        VM_BREAK;
      }
      VM_CASE(POWK) {
        OP_ARITHFK(F_POW);
        VM_BREAK;
      }
      VM_CASE(DIVK) {
        OP_ARITHFK(F_DIV);
        VM_BREAK;
      }
      VM_CASE(IDIVK) {
        OP_ARITH_PROTECTED(KC(), int_idiv, F_IDIV);
        VM_BREAK;
      }
      VM_CASE(BANDK) {
        OP_BITWISEK(B_AND);
        VM_BREAK;
      }
      VM_CASE(BORK) {
        OP_BITWISEK(B_OR);
        VM_BREAK;
      }
      VM_CASE(BXORK) {
        OP_BITWISEK(B_XOR);
        VM_BREAK;
      }
      VM_CASE(SHRI) {
        Value* ra = RA();
        Value* rb = RB();
        int ic = getarg_sc(i);
        int64_t ib;
        if (to_integer_fast(rb, &ib)) {
          pc++;
          ra->set_int(shift_left(ib, -ic));
        }
        VM_BREAK;
      }
      VM_CASE(SHLI) {
        Value* ra = RA();
        Value* rb = RB();
        int ic = getarg_sc(i);
        int64_t ib;
        if (to_integer_fast(rb, &ib)) {
          pc++;
          ra->set_int(shift_left(ic, ib));
        }
        VM_BREAK;
      }
      VM_CASE(ADD) {
        OP_ARITH(L_ADD, F_ADD);
        VM_BREAK;
      }
      VM_CASE(SUB) {
        OP_ARITH(L_SUB, F_SUB);
        VM_BREAK;
      }
      VM_CASE(MUL) {
        OP_ARITH(L_MUL, F_MUL);
        VM_BREAK;
      }
      VM_CASE(MOD) {
        OP_ARITH_PROTECTED(RC(), int_mod, F_MOD);
        VM_BREAK;
      }
      VM_CASE(POW) {
        OP_ARITHF(F_POW);
        VM_BREAK;
      }
      VM_CASE(DIV) {
        OP_ARITHF(F_DIV);
        VM_BREAK;
      }
      VM_CASE(IDIV) {
        OP_ARITH_PROTECTED(RC(), int_idiv, F_IDIV);
        VM_BREAK;
      }
      VM_CASE(BAND) {
        OP_BITWISE(B_AND);
        VM_BREAK;
      }
      VM_CASE(BOR) {
        OP_BITWISE(B_OR);
        VM_BREAK;
      }
      VM_CASE(BXOR) {
        OP_BITWISE(B_XOR);
        VM_BREAK;
      }
      VM_CASE(SHL) {
        OP_BITWISE(B_SHL);
        VM_BREAK;
      }
      VM_CASE(SHR) {
        OP_BITWISE(B_SHR);
        VM_BREAK;
      }
      VM_CASE(MMBIN) {
        Value* ra = RA();
        Instruction pi = pc[-2];
        Value* rb = RB();
        TM tm = static_cast<TM>(getarg_c(i));
        Value* result = base + getarg_a(pi);
        PROTECT(try_bin_tm(L, ra, rb, result, tm));
        VM_BREAK;
      }
      VM_CASE(MMBINI) {
        Value* ra = RA();
        Instruction pi = pc[-2];
        int imm = getarg_sb(i);
        TM tm = static_cast<TM>(getarg_c(i));
        bool flip = getarg_k(i) != 0;
        Value* result = base + getarg_a(pi);
        PROTECT(try_bini_tm(L, ra, imm, flip, result, tm));
        VM_BREAK;
      }
      VM_CASE(MMBINK) {
        Value* ra = RA();
        Instruction pi = pc[-2];
        Value* imm = KB();
        TM tm = static_cast<TM>(getarg_c(i));
        bool flip = getarg_k(i) != 0;
        Value* result = base + getarg_a(pi);
        PROTECT(try_bink_tm(L, ra, imm, flip, result, tm));
        VM_BREAK;
      }
      VM_CASE(UNM) {
        Value* ra = RA();
        Value* rb = RB();
        double nb;
        if (rb->is_int()) {
          ra->set_int(int_sub(0, rb->as_int()));
        } else if (to_number_ns(rb, &nb)) {
          ra->set_float(-nb);
        } else {
          PROTECT(try_bin_tm(L, rb, rb, ra, TM::UNM));
        }
        VM_BREAK;
      }
      VM_CASE(BNOT) {
        Value* ra = RA();
        Value* rb = RB();
        int64_t ib;
        if (to_integer_fast(rb, &ib)) {
          ra->set_int(static_cast<int64_t>(~static_cast<uint64_t>(ib)));
        } else {
          PROTECT(try_bin_tm(L, rb, rb, ra, TM::BNOT));
        }
        VM_BREAK;
      }
      VM_CASE(NOT) {
        RA()->set_bool(RB()->is_falsy());
        VM_BREAK;
      }
      VM_CASE(LEN) {
        Value* rb = RB();
        if (rb->is_table() && fast_tm(L, rb->as_table()->metatable, TM::LEN) == nullptr) {
          RA()->set_int(static_cast<int64_t>(table_length(rb->as_table())));  // #t, no __len
        } else if (rb->is_string()) {
          RA()->set_int(static_cast<int64_t>(rb->as_string()->len));
        } else {
          PROTECT(obj_len(L, RA(), rb));
        }
        VM_BREAK;
      }
      VM_CASE(CONCAT) {
        Value* ra = RA();
        int n = getarg_b(i);
        L->top = ra + n;
        PROTECT_NT(concat(L, n));
        CHECK_GC(L->top);
        VM_BREAK;
      }
      VM_CASE(CLOSE) {
        PROTECT(close_level(L, RA(), kOk, true));
        VM_BREAK;
      }
      VM_CASE(TBC) {
        HALF_PROTECT(new_tbc_upval(L, RA()));
        VM_BREAK;
      }
      VM_CASE(JMP) {
        DO_JUMP(i, 0);
        VM_BREAK;
      }
      VM_CASE(EQ) {
        Value* ra = RA();
        Value* rb = RB();
        int cond;
        if (ra->tt == rb->tt && !ra->is_table() && !ra->is_userdata()) {
          cond = raw_equal_same_tag(*ra, *rb);
        } else if (ra->is_table() && rb->is_table() &&
                   (ra->as_table() == rb->as_table() ||
                    (fast_tm(L, ra->as_table()->metatable, TM::EQ) == nullptr &&
                     fast_tm(L, rb->as_table()->metatable, TM::EQ) == nullptr))) {
          cond = ra->as_table() == rb->as_table();  // the same table, or neither has __eq
        } else {
          PROTECT(cond = equal_obj(L, ra, rb));
        }
        DO_COND_JUMP(cond);
        VM_BREAK;
      }
      VM_CASE(LT) {
        OP_ORDER(LT_I, LT_F, num_lt, less_than_others);
        VM_BREAK;
      }
      VM_CASE(LE) {
        OP_ORDER(LE_I, LE_F, num_le, less_equal_others);
        VM_BREAK;
      }
      VM_CASE(EQK) {
        Value* ra = RA();
        Value* kb = KB();
        // Same tag (x == nil, x == "name"): inline; else a number across variants (1 == 1.0).
        int cond = ra->tt == kb->tt ? raw_equal_same_tag(*ra, *kb) : raw_equal(*ra, *kb);
        DO_COND_JUMP(cond);
        VM_BREAK;
      }
      VM_CASE(EQI) {
        Value* ra = RA();
        int im = getarg_sb(i);
        int cond;
        if (ra->is_int()) {
          cond = ra->as_int() == im;
        } else if (ra->is_float()) {
          cond = ra->as_float() == static_cast<double>(im);
        } else {
          cond = 0;
        }
        DO_COND_JUMP(cond);
        VM_BREAK;
      }
      VM_CASE(LTI) {
        OP_ORDER_I(LT_I, LT_F, false, TM::LT);
        VM_BREAK;
      }
      VM_CASE(LEI) {
        OP_ORDER_I(LE_I, LE_F, false, TM::LE);
        VM_BREAK;
      }
      VM_CASE(GTI) {
        OP_ORDER_I(GT_I, GT_F, true, TM::LT);
        VM_BREAK;
      }
      VM_CASE(GEI) {
        OP_ORDER_I(GE_I, GE_F, true, TM::LE);
        VM_BREAK;
      }
      VM_CASE(TEST) {
        int cond = !RA()->is_falsy();
        DO_COND_JUMP(cond);
        VM_BREAK;
      }
      VM_CASE(TESTSET) {
        Value* rb = RB();
        if (static_cast<int>(rb->is_falsy()) == getarg_k(i)) {
          pc++;
        } else {
          *RA() = *rb;
          DO_NEXT_JUMP();
        }
        VM_BREAK;
      }
      VM_CASE(CALL) {
        Value* ra = RA();
        int b = getarg_b(i);
        int nresults = getarg_c(i) - 1;
        if (b != 0) L->top = ra + b;
        SAVE_PC();
        // A Lua function, with stack room, a CallInfo to reuse and no collection due: what
        // precall does, here (the common call pays no function call).
        if (ra->is_lua_closure()) {
          Proto* p = ra->as_lua_closure()->p;
          int fsize = p->maxstacksize;
          CallInfo* nci = ci->next;
          if (nci != nullptr && L->stack_last - L->top > fsize && g->heap.debt() <= 0 &&
              !kHardStack) [[likely]] {
            nci->func = ra;
            nci->nresults = static_cast<int16_t>(nresults);
            nci->callstatus = 0;
            nci->top = ra + 1 + fsize;
            nci->u.l.savedpc = p->code;
            for (int narg = static_cast<int>(L->top - ra) - 1; narg < p->numparams; narg++) {
              (L->top++)->set_nil();
            }
            L->ci = ci = nci;
            if (kHooked || L->hookmask) goto startfunc;  // the call hook
            // The callee's state from what is known here, instead of reloading it from ci.
            cl = ra->as_lua_closure();
            k = p->k;
            pc = p->code;
            base = ra + 1;
            VM_BREAK;
          }
        } else if (NativeFn f = native_function(ra)) {
          // A native function: precall_native and poscall's work, here.
          if (CallInfo* nci = push_native_ci(L, ci, ra, nresults)) [[likely]] {
            int n = f(L);
            if (L->status == kYield) [[unlikely]] return true;  // a native yielded: to resume
            if (L->hookmask) [[unlikely]] {  // the function set a hook: its return event
              poscall(L, nci, n);
            } else {
              Value* res = nci->func;  // the stack may have moved
              Value* first = L->top - n;
              int wanted = nresults == kMultRet ? n : nresults;
              int j = 0;
              for (; j < n && j < wanted; j++) copy_value(&res[j], &first[j]);
              for (; j < wanted; j++) res[j].set_nil();
              L->top = res + wanted;
              L->ci = ci;
            }
            UPDATE_BASE();
            UPDATE_TRAP();
            VM_BREAK;
          }
        }
        CallInfo* newci = precall(L, ra, nresults);
        if (newci != nullptr) {
          ci = newci;
          goto startfunc;
        }
        if (L->status == kYield) [[unlikely]] return true;  // a native yielded: to resume
        UPDATE_BASE();
        UPDATE_TRAP();
        VM_BREAK;
      }
      VM_CASE(TAILCALL) {
        Value* ra = RA();
        int b = getarg_b(i);
        int nparams1 = getarg_c(i);
        int delta = nparams1 ? ci->u.l.nextraargs + nparams1 : 0;
        if (b != 0) {
          L->top = ra + b;
        } else {
          b = static_cast<int>(L->top - ra);
        }
        SAVE_PC();
        if (getarg_k(i)) close_upvals(L, base);
        // A Lua function with stack room and no collection due: pretailcall's work, here.
        if (ra->is_lua_closure()) {
          Proto* p = ra->as_lua_closure()->p;
          int fsize = p->maxstacksize;
          if (L->stack_last - L->top > fsize - delta && g->heap.debt() <= 0 && !kHardStack)
              [[likely]] {
            Value* func = ci->func - delta;
            for (int j = 0; j < b; j++) copy_value(&func[j], &ra[j]);
            for (; b <= p->numparams; b++) func[b].set_nil();
            ci->func = func;
            ci->top = func + 1 + fsize;
            ci->u.l.savedpc = p->code;
            ci->callstatus |= kCistTail;
            L->top = func + b;
            if (kHooked || L->hookmask) goto startfunc;  // the call hook
            cl = func->as_lua_closure();                 // the callee's state, as CALL sets it
            k = p->k;
            pc = p->code;
            base = func + 1;
            VM_BREAK;
          }
        } else if (NativeFn f = native_function(ra)) {
          // A native function (`return setmetatable(t, mt)`): called here, its results
          // returned from this frame by one poscall.
          if (CallInfo* nci = push_native_ci(L, ci, ra, kMultRet)) [[likely]] {
            int n = f(L);
            if (L->status == kYield) [[unlikely]] return true;  // a native yielded: to resume
            if (L->hookmask) [[unlikely]] {
              poscall(L, nci, n);  // its return event; the results move down to its slot
            } else {
              L->ci = ci;  // the results stay the top n values, where poscall takes them
            }
            ci->func -= delta;
            poscall(L, ci, n);
            goto ret_ran_code;
          }
        }
        int n = pretailcall(L, ci, ra, b, delta);
        if (L->status == kYield) [[unlikely]] return true;  // a native yielded: to resume
        if (n < 0) goto startfunc;
        ci->func -= delta;
        poscall(L, ci, n);
        goto ret_ran_code;
      }
      VM_CASE(RETURN) {
        Value* ra = RA();
        int n = getarg_b(i) - 1;
        int nparams1 = getarg_c(i);
        if (n < 0) n = static_cast<int>(L->top - ra);
        SAVE_PC();
        if (getarg_k(i)) {
          ci->u2.nres = n;
          if (L->top < ci->top) L->top = ci->top;
          close_level(L, base, kCloseKTop, true);
          UPDATE_BASE();
          ra = RA();
        }
        if (nparams1) ci->func -= ci->u.l.nextraargs + nparams1;
        // __close calls ran, or the return hook will, or (never for a Lua frame, but it is
        // poscall's to handle) a native's to-be-closed encoding of the count
        if (getarg_k(i) || L->hookmask || ci->nresults < kMultRet) {
          L->top = ra + n;
          poscall(L, ci, n);
          goto ret_ran_code;
        }
        {  // poscall's work, here: a Lua frame wants a fixed count or all of them
          Value* res = ci->func;
          int wanted = ci->nresults == kMultRet ? n : ci->nresults;
          int j = 0;
          for (; j < n && j < wanted; j++) copy_value(&res[j], &ra[j]);
          for (; j < wanted; j++) res[j].set_nil();
          L->top = res + wanted;
          L->ci = ci->previous;
        }
        goto ret;
      }
      VM_CASE(RETURN0) {
        if (kHooked && L->hookmask) {  // the return hook: take the general path
          L->top = RA();
          SAVE_PC();
          poscall(L, ci, 0);
          goto ret_ran_code;
        }
        L->ci = ci->previous;
        L->top = base - 1;
        for (int nres = ci->nresults; nres > 0; nres--) (L->top++)->set_nil();
        goto ret;
      }
      VM_CASE(RETURN1) {
        if (kHooked && L->hookmask) {
          L->top = RA() + 1;
          SAVE_PC();
          poscall(L, ci, 1);
          goto ret_ran_code;
        }
        int nres = ci->nresults;
        L->ci = ci->previous;
        if (nres == 0) {
          L->top = base - 1;
        } else {
          copy_value(&base[-1], RA());
          L->top = base;
          for (; nres > 1; nres--) (L->top++)->set_nil();
        }
        goto ret;
      }
      VM_CASE(FORLOOP) {
        Value* ra = RA();
        if (ra[2].is_int()) {
          uint64_t count = static_cast<uint64_t>(ra[1].as_int());
          if (count > 0) {
            int64_t step = ra[2].as_int();
            int64_t idx = ra->as_int();
            // Full stores (tag too): bytecode from a binary chunk may have put anything in
            // the loop's registers, and a payload under a stale tag would be a bad pointer.
            ra[1].set_int(static_cast<int64_t>(count - 1));
            idx = int_add(idx, step);
            ra->set_int(idx);
            ra[3].set_int(idx);
            pc -= getarg_bx(i);
          }
        } else if (float_for_loop(ra)) {
          pc -= getarg_bx(i);
        }
        VM_BREAK;
      }
      VM_CASE(FORPREP) {
        Value* ra = RA();
        if (ra->is_int() && ra[1].is_int() && ra[2].is_int() && ra[2].as_int() != 0) {
          // All integers (the common loop): for_prep's integer case, here.
          int64_t init = ra->as_int();
          int64_t limit = ra[1].as_int();
          int64_t step = ra[2].as_int();
          ra[3].set_int(init);
          if (step > 0 ? init > limit : init < limit) {
            pc += getarg_bx(i) + 1;  // the loop does not run
          } else {
            ra[1].set_int(static_cast<int64_t>(for_count(init, limit, step)));
          }
          VM_BREAK;
        }
        bool skip;
        PROTECT(skip = for_prep(L, ra));
        if (skip) pc += getarg_bx(i) + 1;
        VM_BREAK;
      }
      VM_CASE(TFORPREP) {
        HALF_PROTECT(new_tbc_upval(L, RA() + 3));
        pc += getarg_bx(i);
        i = *pc++;
        goto l_tforcall;
      }
      VM_CASE(TFORCALL) {
      l_tforcall : {
        Value* ra = RA();
        if constexpr (!kHooked) {  // the hooked loop calls them: their call and return events
          if (tfor_inline(L, ra, getarg_c(i))) {
            i = *pc++;
            goto l_tforloop;
          }
        }
        copy_value(ra + 4, ra);
        copy_value(ra + 5, ra + 1);
        copy_value(ra + 6, ra + 2);
        L->top = ra + 4 + 3;
        PROTECT_NT(call(L, ra + 4, getarg_c(i)));
        i = *pc++;
        goto l_tforloop;
      }
      }
      VM_CASE(TFORLOOP) {
      l_tforloop : {
        Value* ra = RA();
        if (!ra[4].is_nil()) {
          copy_value(&ra[2], &ra[4]);
          pc -= getarg_bx(i);
        }
        VM_BREAK;
      }
      }
      VM_CASE(SETLIST) {
        Value* ra = RA();
        int n = getarg_b(i);
        unsigned last = static_cast<unsigned>(getarg_c(i));
        // Compiled code fills a table made by NEWTABLE; a binary chunk is only verified
        // statically, so the register's type is checked here.
        if (!ra->is_table()) {
          SAVE_PC();
          run_error(L, "SETLIST on a non-table value");
        }
        Table* h = ra->as_table();
        if (n == 0) {
          n = static_cast<int>(L->top - ra) - 1;
        } else {
          L->top = ci->top;
        }
        last += static_cast<unsigned>(n);
        if (getarg_k(i)) {
          last += static_cast<unsigned>(getarg_ax(*pc)) * (kMaxArgC + 1);
          pc++;
        }
        SAVE_PC();
        if (last > h->asize) {
          GrowthMayCollect may_collect(g);  // the values are below L->top
          resize_array(L, h, last);
        }
        for (; n > 0; n--) {
          h->array[last - 1] = ra[n];
          barrier_table(L, h, &h->array[last - 1], ra[n]);
          last--;
        }
        VM_BREAK;
      }
      VM_CASE(CLOSURE) {
        Value* ra = RA();
        Proto* p = cl->p->p[getarg_bx(i)];
        HALF_PROTECT(push_closure(L, p, cl->upvals, base, ra));
        CHECK_GC(ra + 1);
        VM_BREAK;
      }
      VM_CASE(VARARG) {
        int n = getarg_c(i) - 1;
        PROTECT(get_varargs(L, ci, RA(), n));
        VM_BREAK;
      }
      VM_CASE(VARARGPREP) {
        SAVE_PC();
        adjust_varargs(L, getarg_a(i), ci, cl->p);
        if (kHooked && L->hookmask) {  // a vararg function's call hook comes after this
          hook_lua_call(L, ci);
          L->oldpc = 1;  // the next instruction is a new line
        }
        UPDATE_BASE();
        UPDATE_TRAP();
        VM_BREAK;
      }
      VM_CASE(EXTRAARG) { VM_BREAK; }
    }
#ifndef TYCHO_COMPUTED_GOTO
    continue;
#endif
  ret:  // a return that ran no code
    if (ci->callstatus & kCistFresh) return true;
    ci = ci->previous;
    goto returning;
  ret_ran_code:  // a return that may have run hooks or __close: look at the mask
    if (ci->callstatus & kCistFresh) return true;
    ci = ci->previous;
    if constexpr (!kHooked) {
      if (L->hookmask) [[unlikely]]
        return false;
    }
    goto returning;
  }
#ifdef TYCHO_COMPUTED_GOTO
l_trap:  // the plain loop's trap table: leave before the fetched instruction
  ci->u.l.savedpc = pc - 1;
  raise_interrupt(L, ci);  // (when that is why)
  return false;
#endif
}

// Run ci, a Lua frame (entering: the function starts here), to its return, in the loop the
// hook mask asks for.
[[gnu::always_inline]] inline void run_from(Thread* L, CallInfo* ci, bool entering) {
  for (;;) {
    bool done = L->hookmask ? run<true>(L, ci, entering) : run<false>(L, ci, entering);
    if (done) return;
    ci = L->ci;  // the same frame, continued in the other loop
    entering = false;
  }
}
}  // namespace

void execute(Thread* L, CallInfo* ci) {
  // Not resuming (a yield, a switch of loops): the function starts here.
  run_from(L, ci, ci->u.l.savedpc == ci->func->as_lua_closure()->p->code);
}

bool run_plain_fresh(Thread* L, CallInfo* ci) { return run<false>(L, ci, true); }

void execute_from(Thread* L, CallInfo* ci, bool entering) { run_from(L, ci, entering); }

}  // namespace tycho::vm
