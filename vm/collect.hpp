// The collector's Lua side (vm/collect.cpp, whose top says what the collector asks of each
// type): the type table and callbacks a new VM gives its collector, weak tables, ephemerons
// and finalizers.
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

// The type table (indexed by type tag) and the callbacks a new VM's collector needs: the
// roots, the atomic step before the sweep, the intern table's shrinking after it.
const gc::TypeOps* lua_type_ops();
size_t lua_type_ops_count();
void attach_collector(Global* g);
// Free what a thread owns outside the heap (its CallInfos, its to-be-closed list): the sweep
// does it for dead threads, close_vm for those still alive.
void release_thread(GcObject* o);

// A safe point: run a collection if the debt asks for it, then pending finalizers.
void gc_safe_point(Thread* L);
// Call every pending finalizer (collectgarbage("collect") does after its cycle).
void run_pending_finalizers(Thread* L);
// When the VM closes: every object registered for finalization is finalized now.
void finalize_all(Thread* L);

}  // namespace tycho::vm
