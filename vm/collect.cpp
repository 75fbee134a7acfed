// Weak tables, ephemerons and finalizers: the Lua semantics of the atomic step (collect.hpp
// explains the order). Ports of lgc.c's traverseephemeron, clearbykeys, clearbyvalues,
// separatetobefnz and GCTM onto tycho's collector.
#include "vm/collect.hpp"

#include <cstring>

#include "vm/api.hpp"
#include "vm/table.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

namespace {

bool is_string_object(const GcObject* o) { return base_type(o->type) == kTString; }

// lgc.c's iscleared: would a weak reference to o be cleared? Strings never are (they are
// values): they are marked instead.
bool is_cleared(gc::Collector& c, GcObject* o) {
  if (o == nullptr) return false;
  if (is_string_object(o)) {
    c.mark(o);
    return false;
  }
  return !c.is_marked(o);
}

bool value_cleared(gc::Collector& c, const Value& v) {
  return v.is_collectable() && is_cleared(c, v.as_gc());
}

// One pass over an ephemeron table: mark the values whose keys are marked. True when it
// marked something (the caller then propagates and passes again).
bool traverse_ephemeron(gc::Collector& c, Table* t) {
  bool marked = false;
  for (uint32_t i = 0; i < t->asize; i++) {  // integer keys are not collectable: strong
    const Value& v = t->array[i];
    if (v.is_collectable() && !c.is_marked(v.as_gc())) {
      c.mark(v.as_gc());
      marked = true;
    }
  }
  const uint32_t n = table_node_count(t);
  for (uint32_t i = 0; i < n; i++) {
    Node* node = table_node(t, i);
    const Value* v = node->value();
    if (v->is_empty()) continue;
    if (node->key_is_collectable() && is_cleared(c, node->kv.key.gc)) continue;  // key white
    if (v->is_collectable() && !c.is_marked(v->as_gc())) {
      c.mark(v->as_gc());
      marked = true;
    }
  }
  return marked;
}

void converge_ephemerons(gc::Collector& c, Global* g) {
  bool changed;
  do {
    changed = false;
    for (size_t i = 0; i < g->weak_keys.size(); i++) {  // the list may grow while we go
      if (traverse_ephemeron(c, g->weak_keys[i])) {
        c.propagate(SIZE_MAX);
        changed = true;
      }
    }
  } while (changed);
}

// Remove the entries whose keys died (tables from `from` on).
void clear_by_keys(gc::Collector& c, const std::vector<Table*>& list) {
  for (Table* t : list) {
    const uint32_t n = table_node_count(t);
    for (uint32_t i = 0; i < n; i++) {
      Node* node = table_node(t, i);
      if (node->key_is_collectable() && is_cleared(c, node->kv.key.gc)) {
        node->value()->set_empty();
      }
      if (node->value()->is_empty()) kill_node_key(node);
    }
  }
}

// Remove the entries whose values died, in the tables of list[from..).
void clear_by_values(gc::Collector& c, const std::vector<Table*>& list, size_t from) {
  for (size_t k = from; k < list.size(); k++) {
    Table* t = list[k];
    for (uint32_t i = 0; i < t->asize; i++) {
      if (value_cleared(c, t->array[i])) t->array[i].set_empty();
    }
    const uint32_t n = table_node_count(t);
    for (uint32_t i = 0; i < n; i++) {
      Node* node = table_node(t, i);
      if (value_cleared(c, *node->value())) node->value()->set_empty();
      if (node->value()->is_empty()) kill_node_key(node);
    }
  }
}

// Move the unreached objects registered for finalization to tobefnz, newest first (Lua calls
// finalizers in the reverse order of registration), after any still pending. `all`: every
// registered object (closing the VM).
void separate_to_be_finalized(gc::Collector* c, Global* g, bool all) {
  for (size_t i = g->finobj.size(); i-- > 0;) {
    GcObject* o = g->finobj[i];
    if (all || !c->is_marked(o)) g->tobefnz.push_back(o);
  }
  size_t kept = 0;
  for (GcObject* o : g->finobj) {
    if (!all && c->is_marked(o)) g->finobj[kept++] = o;
  }
  g->finobj.resize(kept);
}

// Call the next pending finalizer (GCTM).
void call_one_finalizer(Thread* L) {
  Global* g = L->g;
  GcObject* o = g->tobefnz.front();
  g->tobefnz.pop_front();
  o->gc_bits &= static_cast<uint8_t>(~gc::kFinalizable);  // may be registered again
  Value v;
  v.set_object(o);
  const Value* tm = get_tm_by_obj(L, &v, TM::GC);
  if (tm->is_nil()) return;
  const uint8_t old_allowhook = L->allowhook;
  const bool old_in_finalizer = g->in_finalizer;
  g->in_finalizer = true;  // no collection while a finalizer runs
  L->allowhook = 0;
  L->top[0] = *tm;
  L->top[1] = v;
  L->top += 2;
  L->ci->callstatus |= kCistFin;
  struct Call {
    static void run(Thread* th, void*) { call_noyield(th, th->top - 2, 0); }
  };
  const int status = pcall(L, Call::run, nullptr, save_stack(L, L->top - 2), 0);
  L->ci->callstatus &= static_cast<uint16_t>(~kCistFin);
  L->allowhook = old_allowhook;
  g->in_finalizer = old_in_finalizer;
  if (status != kOk) {
    const Value& err = L->top[-1];
    const char* msg = err.is_string() ? err.as_string()->data() : "error object is not a string";
    api::warning(L, "error in ", true);
    api::warning(L, "__gc", true);
    api::warning(L, " (", true);
    api::warning(L, msg, true);
    api::warning(L, ")", false);
    L->top--;
  }
}

}  // namespace

WeakKind weak_kind(Global* g, const Table* t) {
  if (t->metatable == nullptr) return WeakKind::kNone;
  Table* mt = t->metatable;
  if (mt->flags & (1u << static_cast<unsigned>(TM::MODE))) return WeakKind::kNone;
  const Value* mode = get_tm(mt, TM::MODE, g->tmname[static_cast<int>(TM::MODE)]);
  if (mode == nullptr || !mode->is_string()) return WeakKind::kNone;
  const char* s = mode->as_string()->data();
  const bool k = std::strchr(s, 'k') != nullptr;
  const bool v = std::strchr(s, 'v') != nullptr;
  if (k && v) return WeakKind::kAll;
  if (k) return WeakKind::kKeys;
  if (v) return WeakKind::kValues;
  return WeakKind::kNone;
}

void check_finalizer(Thread* L, GcObject* o, Table* mt) {
  if (mt == nullptr || (o->gc_bits & gc::kFinalizable)) return;
  if (fast_tm(L, mt, TM::GC) == nullptr) return;
  Global* g = L->g;
  if (g->closing) return;  // lua_close is finalizing everything: no new registrations
  g->finobj.push_back(o);
  o->gc_bits |= gc::kFinalizable;
}

void gc_atomic(gc::Collector& c, Global* g) {
  converge_ephemerons(c, g);
  // Weak values die before resurrection: resurrected objects leave weak values first.
  clear_by_values(c, g->weak_values, 0);
  clear_by_values(c, g->weak_all, 0);
  const size_t orig_values = g->weak_values.size();
  const size_t orig_all = g->weak_all.size();
  const size_t pending = g->tobefnz.size();
  separate_to_be_finalized(&c, g, false);
  for (size_t i = pending; i < g->tobefnz.size(); i++) c.mark(g->tobefnz[i]);  // resurrect
  c.propagate(SIZE_MAX);
  converge_ephemerons(c, g);
  clear_by_keys(c, g->weak_keys);
  clear_by_keys(c, g->weak_all);
  clear_by_values(c, g->weak_values, orig_values);
  clear_by_values(c, g->weak_all, orig_all);
  g->weak_values.clear();
  g->weak_keys.clear();
  g->weak_all.clear();
}

void gc_safe_point(Thread* L) {
  Global* g = L->g;
  if (g->in_finalizer) return;
  g->gc.check();
  if (!g->tobefnz.empty()) run_pending_finalizers(L);
}

void run_pending_finalizers(Thread* L) {
  Global* g = L->g;
  if (g->in_finalizer) return;
  while (!g->tobefnz.empty()) call_one_finalizer(L);
}

void finalize_all(Thread* L) {
  Global* g = L->g;
  g->closing = true;
  separate_to_be_finalized(&g->gc, g, true);
  while (!g->tobefnz.empty()) call_one_finalizer(L);
}

}  // namespace tycho::vm
