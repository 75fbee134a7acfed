// What Lua's semantics add to the collector: weak tables, ephemerons and finalizers.
//
// The collector (gc/) marks and sweeps objects it knows only by their TypeOps. Lua gives
// some objects meanings the collector must respect, all decided in the *atomic* step between
// the end of marking and the sweep (gc_atomic below, run from the collector's before_sweep
// hook), in Lua's order:
//   1. ephemerons converge: a weak-keyed table keeps a value alive only while its key is
//      alive, so such tables are re-traversed until marking stops growing;
//   2. weak values that died are cleared (before resurrection, so resurrected objects are
//      removed from weak values before their finalizers run, as the manual says);
//   3. unreachable objects with finalizers are separated into `tobefnz` and marked again
//      (resurrected) with everything they reach, and ephemerons converge again;
//   4. weak keys that died are cleared, then weak values of tables found in step 3.
// Strings are values, not objects, for weak tables: they are never removed from them.
//
// Finalizers run at safe points after the cycle (gc_safe_point), newest-registered first,
// with the collector stopped and hooks off; an error in one becomes a warning.
#pragma once

#include "vm/state.hpp"

namespace tycho::vm {

// The kinds of weak table that tracing defers to the atomic step.
enum class WeakKind : uint8_t { kNone, kValues, kKeys, kAll };
WeakKind weak_kind(Global* g, const Table* t);  // from the metatable's __mode

// luaC_checkfinalizer: after `mt` became o's metatable, register o for finalization when
// mt has a __gc field (and o is not registered yet).
void check_finalizer(Thread* L, GcObject* o, Table* mt);

// lua_setmetatable's work on a table or a full userdata: o's metatable becomes `mt` (null for
// none), with the barrier and the __gc registration.
template <typename T>
void set_metatable_of(Thread* L, T* o, Table* mt) {
  o->metatable = mt;
  if (mt != nullptr) barrier_object(L, o, mt);
  check_finalizer(L, o, mt);
}

// The atomic step's Lua part (see above); called with marking complete.
void gc_atomic(gc::Collector& c, Global* g);

// A safe point: run a collection if the debt asks for it, then pending finalizers.
void gc_safe_point(Thread* L);
// Call every pending finalizer (collectgarbage("collect") does after its cycle).
void run_pending_finalizers(Thread* L);
// When the VM closes: every object registered for finalization is finalized now.
void finalize_all(Thread* L);

}  // namespace tycho::vm
