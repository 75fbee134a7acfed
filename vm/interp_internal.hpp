// What the interpreter's three files share. vm/interp.cpp holds the loop (`run<kHooked>`) and
// the rules for editing it; vm/interp_ops.cpp the steps of instructions done out of the loop
// and the slow paths the loop falls to, which the API reuses through vm/interp.hpp;
// vm/interp_hooks.cpp the line and count hooks and the interrupts. The fast paths below are
// inline because both the loop and the slow paths take them, and the loop must keep them
// inlined: its table reads and stores, string comparisons and numeric for loops go through them.
#pragma once

#include "vm/state.hpp"
#include "vm/string.hpp"
#include "vm/table.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

// ---- Fast paths that the loop and its slow paths share ----

// A fast get from a table: the slot, or null when `t` is not a table. A slot holding nil
// (absent or empty) means the caller must take the slow path (metamethods).
inline const Value* fast_get_int(const Value* t, int64_t k) {
  return t->is_table() ? table_get_int(t->as_table(), k) : nullptr;
}
inline const Value* fast_get_short(const Value* t, String* k) {
  return t->is_table() ? table_get_short_str(t->as_table(), k) : nullptr;
}
inline const Value* fast_get_any(const Value* t, const Value* k) {
  if (!t->is_table()) return nullptr;
  if (k->is_int()) return table_get_int(t->as_table(), k->as_int());
  if (k->is_short_string()) return table_get_short_str(t->as_table(), k->as_string());
  return table_get(t->as_table(), *k);
}
inline bool has_value(const Value* slot) { return slot != nullptr && !slot->is_empty(); }

// Store into an existing, non-empty slot of table `t`.
[[gnu::always_inline]] inline void finish_fast_set(Thread* L, const Value* t, const Value* slot,
                                                   const Value* v) {
  set_slot(slot, *v);
  barrier_table(L, t->as_table(), slot, *v);
}

inline bool less_than_others(Thread* L, const Value* l, const Value* r) {
  if (l->is_string() && r->is_string()) return string_compare(l->as_string(), r->as_string()) < 0;
  return call_order_tm(L, l, r, TM::LT);
}

inline bool less_equal_others(Thread* L, const Value* l, const Value* r) {
  if (l->is_string() && r->is_string()) {
    return string_compare(l->as_string(), r->as_string()) <= 0;
  }
  return call_order_tm(L, l, r, TM::LE);
}

// The number of iterations after the first of an integer loop that runs (init is within
// limit); the loop counts it down instead of comparing, so it cannot overflow.
inline uint64_t for_count(int64_t init, int64_t limit, int64_t step) {
  if (step > 0) {
    uint64_t count = static_cast<uint64_t>(limit) - static_cast<uint64_t>(init);
    return step == 1 ? count : count / static_cast<uint64_t>(step);
  }
  uint64_t count = static_cast<uint64_t>(init) - static_cast<uint64_t>(limit);
  return count / (static_cast<uint64_t>(-(step + 1)) + 1u);
}

// ---- Steps of instructions, out of the loop (vm/interp_ops.cpp) ----

bool for_prep(Thread* L, Value* ra);  // FORPREP's general case; true: the loop does not run
void push_closure(Thread* L, Proto* p, UpVal** encup, Value* base, Value* ra);  // CLOSURE
void adjust_varargs(Thread* L, int nfixparams, CallInfo* ci, const Proto* p);   // VARARGPREP
void get_varargs(Thread* L, CallInfo* ci, Value* where, int wanted);            // VARARG

// ---- Interrupts and hooks (vm/interp_hooks.cpp) ----

void trap_all(InterruptState& in);  // every entry of the VM's jump table at the loop's exit
// Raise "interrupted!" in the Lua frame `ci`, about to run its saved pc, if a request is
// pending.
[[gnu::noinline, gnu::cold]] void raise_interrupt(Thread* L, CallInfo* ci);
// The line and count hooks, before each instruction of the hooked loop; false when no hook is
// on (the plain loop takes over).
bool trace_exec(Thread* L, CallInfo* ci, const Instruction* pc);

}  // namespace tycho::vm
