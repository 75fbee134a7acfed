// The collector's Lua side: everything gc/ asks of tycho's objects, in one place.
//
// gc/ marks and sweeps objects it knows only by a header and a row of TypeOps (gc/object.hpp),
// indexed by the header's type tag. This file fills that table, gives the collector its three
// callbacks (the roots, the atomic step before the sweep, the clean-up after it), and holds the
// Lua semantics that the atomic step adds: weak tables, ephemerons and finalizers. What the
// collector asks of each type:
//
//   type            trace: children and payloads          rescan  on_free       verify
//   short string    its bytes, unless inline               -       leaves the    NUL-terminated
//                                                                  intern table
//   long string     its bytes                              -       -             NUL-terminated
//   table           metatable, live entries, both parts;   dirty   -             verify_table
//                   a big one in pieces; a weak one only   cards                 (table.cpp)
//                   in part, listed for the atomic step
//   Lua closure     prototype, upvalues                    -       -             upvalue count
//   native closure  upvalue values                         -       -             -
//   upvalue         its value (an open one's is in a stack)-       -             -
//   prototype       source, constants, children, names,    -       -             -
//                   code and line info
//   userdata        metatable, user values, its memory     -       -             -
//   thread          stack up to top (the rest cleared),    -       CallInfos,    top inside
//                   open upvalues; traced again in the             tbc list      the stack
//                   atomic step (stacks have no barrier)
//
// Sizes are not asked for: a cell's size is the heap's, and a trace function declares the
// memory an object owns outside its cell with mark_payload, which is how that memory stays
// alive and is counted. Finalizer registration (check_finalizer) happens when a metatable with
// __gc is set; the objects registered are `finobj`, those found dead `tobefnz` (a root).
//
// The atomic step (gc_before_sweep, then gc_atomic) runs with marking complete, in Lua's order:
//   0. live threads and the compiler's objects in flight are traced again;
//   1. ephemerons converge: a weak-keyed table keeps a value alive only while its key is
//      alive, so such tables are re-traversed until marking stops growing;
//   2. weak values that died are cleared (before resurrection, so resurrected objects are
//      removed from weak values before their finalizers run, as the manual says);
//   3. unreachable objects with finalizers are separated into `tobefnz` and marked again
//      (resurrected) with everything they reach, and ephemerons converge again;
//   4. weak keys that died are cleared, then weak values of tables found in step 3;
//   5. threads that died close their upvalues (live closures may still use them).
// Strings are values, not objects, for weak tables: they are never removed from them.
//
// Finalizers run at safe points after the cycle (gc_safe_point), newest-registered first,
// with the collector stopped and hooks off; an error in one becomes a warning.
#include "vm/collect.hpp"

#include <algorithm>
#include <cstring>

#include "vm/api.hpp"
#include "vm/func.hpp"
#include "vm/shared_proto.hpp"
#include "vm/string.hpp"
#include "vm/table.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

namespace {

// ---- Tracing: each type's children ----

inline void mark_value(gc::Collector& c, const Value& v) {
  if (v.is_collectable()) c.mark(v.as_gc());
}

void trace_long_string(gc::Collector& c, GcObject* o) {
  auto* s = static_cast<String*>(o);
  if (!s->inline_bytes()) c.mark_payload(s->ptr, s->len + 1);
}

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
  if (p->borrowed) return;  // code and lineinfo belong to p->shared (vm/shared_proto.hpp)
  if (p->code) c.mark_payload(p->code, sizeof(Instruction) * p->sizecode);
  if (p->lineinfo) c.mark_payload(p->lineinfo, sizeof(int32_t) * p->sizecode);
}

void free_proto(void*, GcObject* o) { forget_shared(static_cast<Proto*>(o)); }

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

// ---- Tables ----

// A weak table's parts are its own memory whatever its entries hold.
void trace_payloads(gc::Collector& c, Table* t) {
  if (t->array != nullptr && !(t->extra & kColocArray)) {
    c.mark_payload(t->array, array_part_bytes(t->asize));
  }
  uint32_t n = table_node_count(t);
  if (n > 0 && !(t->extra & kColocNode)) c.mark_payload(t->node, hash_part_bytes(n));
}

// Weak values, strong keys: mark the keys of live entries (and strings among the values,
// which are never removed from weak tables).
void trace_weak_values(gc::Collector& c, Table* t) {
  for (uint32_t i = 0; i < t->asize; i++) {
    const Value& v = t->array[i];
    if (v.is_string()) c.mark(v.as_gc());
  }
  uint32_t n = table_node_count(t);
  for (uint32_t i = 0; i < n; i++) {
    Node* node = &t->node[i];
    const Value* v = node->value();
    if (v->is_empty()) {
      kill_node_key(node);
    } else {
      if (node->key_is_collectable()) c.mark(node->kv.key.gc);
      if (v->is_string()) c.mark(v->as_gc());
    }
  }
  trace_payloads(c, t);
}

// Entries traced per call for big tables: the rest is deferred to later steps, so that one
// huge table does not make one long pause.
constexpr size_t kTraceChunk = 1024;

// A node: its key and value when live; an empty one's key turns dead (it no longer keeps
// its object alive).
void trace_node(gc::Collector& c, Node* node) {
  const Value* v = node->value();
  if (v->is_empty()) {
    kill_node_key(node);
  } else {
    if (node->key_is_collectable()) c.mark(node->kv.key.gc);
    if (v->is_collectable()) c.mark(v->as_gc());
  }
}

// Mark the entries from position `from` (array part first, then the hash part); past
// kTraceChunk of them, defer the rest (unless the verifier runs: it traces in one go).
void trace_entries(gc::Collector& c, Table* t, size_t from, uintptr_t tag_array,
                   uintptr_t tag_node) {
  const size_t asize = t->asize;
  const size_t total = asize + table_node_count(t);
  const size_t end = c.verifying() ? total : std::min(total, from + kTraceChunk);
  size_t i = from;
  for (; i < end && i < asize; i++) {
    if (t->array[i].is_collectable()) c.mark(t->array[i].as_gc());
  }
  for (; i < end; i++) trace_node(c, &t->node[i - asize]);
  c.add_work((end - from) / 4);  // an entry costs about a quarter of a small object
  if (end < total)
    c.defer_rest(t, end, tag_array, tag_node, reinterpret_cast<uintptr_t>(t->lastfree));
}

// The metatable, the live entries and both parts' memory, in pieces for a big table (a piece
// resumes where the last stopped, from the start when the table was resized). A weak table
// is traced only in part and listed for the atomic step.
void trace_table(gc::Collector& c, Table* t) {
  const uintptr_t tag_array = reinterpret_cast<uintptr_t>(t->array);
  const uintptr_t tag_node = reinterpret_cast<uintptr_t>(t->node);
  size_t from = c.resume_point();
  if (from != 0 && !c.resume_tags_match(tag_array, tag_node)) from = 0;  // resized: again
  if (from != 0) {
    // Insertions since the last piece may have moved colliding entries, from anywhere, into
    // the free nodes they took: those lie between the new and the old `lastfree`.
    auto* old_free = reinterpret_cast<Node*>(c.resume_extra());
    if (t->lastfree != nullptr && old_free != nullptr) {
      for (Node* n = t->lastfree; n < old_free; n++) trace_node(c, n);
    }
    trace_entries(c, t, from, tag_array, tag_node);
    return;
  }
  if (t->metatable != nullptr) c.mark(t->metatable);
  if (!c.verifying()) {
    auto* g = static_cast<Global*>(c.owner());
    switch (weak_kind(g, t)) {
      case WeakKind::kNone:
        break;
      case WeakKind::kValues:  // strong keys: marked now; values wait for the atomic step
        g->weak_values.push_back(t);
        trace_weak_values(c, t);
        return;
      case WeakKind::kKeys:  // an ephemeron: values follow their keys in the atomic step
        g->weak_keys.push_back(t);
        trace_payloads(c, t);
        return;
      case WeakKind::kAll:
        g->weak_all.push_back(t);
        trace_payloads(c, t);
        return;
    }
  }
  trace_payloads(c, t);
  trace_entries(c, t, 0, tag_array, tag_node);
}

// The re-scan of a table the backward barrier touched (TypeOps::rescan): the dirty cards of its
// big parts (table.hpp explains the cards), small parts whole; weak tables are traced whole
// again.
void rescan_table(gc::Collector& c, Table* t) {
  const uintptr_t tag_array = reinterpret_cast<uintptr_t>(t->array);
  const uintptr_t tag_node = reinterpret_cast<uintptr_t>(t->node);
  size_t from = c.resume_point();
  if (from != 0 && !c.resume_tags_match(tag_array, tag_node)) from = 0;  // resized: again
  if (from == 0 && weak_kind(static_cast<Global*>(c.owner()), t) != WeakKind::kNone) {
    // Weak tables keep their Lua semantics: traced whole again, listed for the atomic step.
    c.retrace(t);
    c.touched_again(t);
    return;
  }
  // Units: the array's cards (or the whole array when it has none), then the hash part's.
  const size_t asize = t->asize;
  const size_t nsize = table_node_count(t);
  const size_t acards = card_count(asize);
  const size_t ncards = card_count(nsize);
  const size_t aunits = acards > 0 ? acards : (asize > 0 ? 1 : 0);
  const size_t units = aunits + (ncards > 0 ? ncards : (nsize > 0 ? 1 : 0));
  const bool minor = c.minor_cycle();
  // This cycle's "again" bit, and the last cycle's (which this re-scan consumes).
  const uint8_t old_now = (c.cycle_number() & 1) != 0 ? kCardOld1 : kCardOld0;
  const uint8_t old_last = old_now == kCardOld1 ? kCardOld0 : kCardOld1;
  const uint8_t need = minor ? kCardNew | old_last : kCardNew;  // what a card asks of this scan
  bool again = from != 0 && c.resume_extra() != 0;  // cards left for the next minor cycle
  size_t done = 0;
  size_t u = from;
  for (; u < units && done < kTraceChunk; u++) {
    size_t lo, hi;
    uint8_t* card = nullptr;
    if (u < aunits) {
      lo = acards > 0 ? u << kCardShift : 0;
      hi = acards > 0 ? std::min(asize, lo + kCardSize) : asize;
      if (acards > 0) card = array_cards(t) + u;
    } else {
      const size_t k = u - aunits;
      lo = ncards > 0 ? k << kCardShift : 0;
      hi = ncards > 0 ? std::min(nsize, lo + kCardSize) : nsize;
      if (ncards > 0) card = node_cards(t) + k;
    }
    if (card != nullptr) {
      done++;  // a clean card costs its test
      // Eight cards at a time when none asks for this scan (the cards of a part start 8-byte
      // aligned).
      const size_t part_end = u < aunits ? aunits : units;
      const size_t first = u < aunits ? 0 : aunits;
      if (((u - first) & 7) == 0 && u + 8 <= part_end) {
        constexpr uint64_t kEach = 0x0101010101010101;
        uint64_t eight;
        std::memcpy(&eight, card, 8);
        if ((eight & need * kEach) == 0) {
          again |= minor && (eight & old_now * kEach) != 0;
          u += 7;
          continue;
        }
      }
      if (!(*card & need)) {  // nothing since this cycle re-scanned it (or ever)
        again |= minor && (*card & old_now);
        continue;
      }
      *card = minor && (*card & (kCardNew | old_now)) ? old_now : 0;
      again |= *card != 0;
    } else {
      again |= minor;  // no cards: what it found may be young
    }
    if (u < aunits) {
      for (size_t i = lo; i < hi; i++) {
        if (t->array[i].is_collectable()) c.mark(t->array[i].as_gc());
      }
    } else {
      for (size_t i = lo; i < hi; i++) trace_node(c, &t->node[i]);
    }
    done += hi - lo;
  }
  c.add_work(done / 4);
  if (u < units) {
    c.defer_rescan(t, u, tag_array, tag_node, again ? 1 : 0);
  } else if (again) {
    c.touched_again(t);
  }
}

void trace_table_op(gc::Collector& c, GcObject* o) { trace_table(c, static_cast<Table*>(o)); }
void rescan_table_op(gc::Collector& c, GcObject* o) { rescan_table(c, static_cast<Table*>(o)); }

// ---- The atomic step: weak tables, ephemerons, finalizers ----

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

// Steps 1 to 4 of the atomic step (see the top).
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

// ---- Finalizers at safe points ----

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

// ---- The type table and the collector's callbacks ----

gc::TypeOps make_op(const char* name, void (*trace)(gc::Collector&, GcObject*),
                    void (*on_free)(void*, GcObject*) = nullptr,
                    const char* (*verify)(GcObject*) = nullptr,
                    void (*rescan)(gc::Collector&, GcObject*) = nullptr) {
  return gc::TypeOps{name, trace, on_free, verify, rescan};
}

struct TypeTable {
  gc::TypeOps ops[128] = {};
  TypeTable() {
    // A short string has nothing to trace (its bytes are in its cell): no trace, so that marking
    // one never pushes it on the gray stack (a table of 300K strings pushed 2 MB of it).
    ops[kVShortStr] = make_op("short string", nullptr, free_short_string, verify_string);
    ops[kVLongStr] = make_op("long string", trace_long_string, nullptr, verify_string);
    ops[kVTable] = make_op("table", trace_table_op, nullptr, verify_table_op, rescan_table_op);
    ops[kVLuaClosure] = make_op("Lua closure", trace_lua_closure, nullptr, verify_lua_closure);
    ops[kVNativeClosure] = make_op("native closure", trace_native_closure);
    ops[kVUpval] = make_op("upvalue", trace_upval);
    ops[kVProto] = make_op("prototype", trace_proto, free_proto);
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

const gc::TypeOps* lua_type_ops() { return kTypes.ops; }
size_t lua_type_ops_count() { return std::size(kTypes.ops); }

void attach_collector(Global* g) {
  g->gc.set_roots(gc_roots, g);
  g->gc.set_before_sweep(gc_before_sweep, g);
  g->gc.set_after_sweep(gc_after_sweep);
}

void release_thread(GcObject* o) { free_thread(nullptr, o); }

}  // namespace tycho::vm
