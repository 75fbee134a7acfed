// Tables, following the design of Lua 5.4's ltable.c.
//
// The hash part is a chained scatter table with Brent's variation: every key has a main position
// (its hash modulo the size); colliding keys are chained through `next` offsets, and the chain
// nodes live in the same array. When a new key's main position is taken by a key that is not in
// *its* main position, that key moves to a free node and the new one takes its place, so every
// chain starts at the main position of its keys. Free nodes are found by `lastfree`, which only
// moves down; when it reaches the bottom the table is rehashed. This keeps lookups short even
// at load factor 1 and needs no tombstones.
//
// Rehashing recomputes both parts: it counts the integer keys in slices (2^(i-1), 2^i] and picks
// the largest array size n such that more than n/2 of the slots 1..n would be used; everything
// else goes to the hash part, sized to the next power of two.
//
// Invariants (checked by verify_table):
//  - An empty hash part is the shared read-only kDummyNode, recognized by lastfree == null; an
//    insertion into it always rehashes first, so it is never written.
//  - Integer keys in 1..asize live in the array part, never in the hash part.
//  - A node with a non-empty value has a live key (not nil, not dead) that lookups find.
#include "vm/table.hpp"

#include <bit>
#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "heap/immortal.hpp"
#include "vm/collect.hpp"
#include "vm/number.hpp"
#include "vm/string.hpp"

namespace tycho::vm {

const Value kAbsentKey = {{nullptr}, kVAbsentKey};

namespace {

constexpr int kMaxABits = 31;  // array part size < 2^31
constexpr uint32_t kMaxASize = 1u << kMaxABits;
constexpr int kMaxHBits = 30;  // hash part size <= 2^30
// Metamethod cache bits a table starts with: all events up to EQ known absent.
constexpr uint8_t kAllTMAbsent = static_cast<uint8_t>((1u << (static_cast<int>(TM::EQ) + 1)) - 1);

constexpr Node kDummyNode = {{NodeKV{{nullptr}, kVEmpty, kVNil, 0, {nullptr}}}};

Node* dummy_node() { return const_cast<Node*>(&kDummyNode); }
bool is_dummy(const Table* t) { return t->lastfree == nullptr; }
uint32_t node_size(const Table* t) { return t->node_mask + 1; }
bool is_pow2(uint32_t x) { return (x & (x - 1)) == 0; }

// Fold the high half in (floats and pointers vary mostly there), then Fibonacci hashing: the
// high half of the product depends on every bit of the folded value.
uint32_t hash_u64(uint64_t x) {
  x ^= x >> 32;
  return static_cast<uint32_t>((x * 0x9e3779b97f4a7c15ull) >> 32);
}

uint32_t hash_key(uint8_t tt, Payload k) {
  switch (tt) {
    case kVInt:
      return hash_u64(static_cast<uint64_t>(k.i));
    case kVFloat:
      return hash_u64(std::bit_cast<uint64_t>(k.n));
    case kVShortStr:
      return reinterpret_cast<String*>(k.gc)->hash();
    case kVLongStr:
      return string_hash(reinterpret_cast<String*>(k.gc));
    case kVFalse:
      return 0;
    case kVTrue:
      return 1;
    default:
      return hash_u64(reinterpret_cast<uintptr_t>(k.p));  // identity
  }
}

Node* main_position(const Table* t, uint8_t tt, Payload k) {
  return &t->node[hash_key(tt, k) & t->node_mask];
}
Node* main_position(const Table* t, const Value& key) { return main_position(t, key.tt, key.u); }
Node* main_position_of_node(const Table* t, const Node* n) {
  return main_position(t, n->kv.key_tt, n->kv.key);
}

void set_node_key(Node* n, const Value& k) {
  n->kv.key = k.u;
  n->kv.key_tt = k.tt;
}

// Whether `key` is the key of node n. With dead_ok, a dead key matches the object at its address
// (for `next`, which may continue from a key whose entry was removed).
bool equal_key(const Value& key, const Node* n, bool dead_ok) {
  uint8_t ktt = n->kv.key_tt;
  if (key.tt != ktt) {
    return dead_ok && ktt == kVDeadKey && key.is_collectable() && key.u.gc == n->kv.key.gc;
  }
  switch (ktt) {
    case kVNil:
    case kVFalse:
    case kVTrue:
      return true;
    case kVFloat:
      return key.u.n == n->kv.key.n;
    case kVLongStr:
      return long_strings_equal(key.as_string(), reinterpret_cast<String*>(n->kv.key.gc));
    default:
      return key.u.i == n->kv.key.i;  // integers and identities
  }
}

const Value* get_generic(const Table* t, const Value& key, bool dead_ok) {
  const Node* n = main_position(t, key);
  for (;;) {
    if (equal_key(key, n, dead_ok)) return n->value();
    int32_t nx = n->kv.next;
    if (nx == 0) return &kAbsentKey;
    n += nx;
  }
}

const Value* get_int_in_hash(const Table* t, int64_t key) {
  const Node* n = &t->node[hash_u64(static_cast<uint64_t>(key)) & t->node_mask];
  for (;;) {
    if (n->kv.key_tt == kVInt && n->kv.key.i == key) return n->value();
    int32_t nx = n->kv.next;
    if (nx == 0) return &kAbsentKey;
    n += nx;
  }
}

Node* get_free_pos(Table* t) {
  if (!is_dummy(t)) {
    while (t->lastfree > t->node) {
      t->lastfree--;
      if (t->lastfree->kv.key_tt == kVNil) return t->lastfree;
    }
  }
  return nullptr;
}

// ---- Sizing ----

// The array index of an integer key, or 0 when it cannot be one.
uint32_t array_index(int64_t k) {
  return static_cast<uint64_t>(k) - 1u < kMaxASize ? static_cast<uint32_t>(k) : 0;
}

int count_int(int64_t key, uint32_t* nums) {
  uint32_t k = array_index(key);
  if (k == 0) return 0;
  nums[ceil_log2(k)]++;
  return 1;
}

// Count the array part's non-empty slots per slice (2^(lg-1), 2^lg].
uint32_t num_use_array(const Table* t, uint32_t* nums) {
  uint32_t ause = 0;
  uint32_t i = 1;
  uint32_t asize = t->asize;
  uint32_t ttlg = 1;
  for (int lg = 0; lg <= kMaxABits; lg++, ttlg *= 2) {
    uint32_t lc = 0;
    uint32_t lim = ttlg;
    if (lim > asize) {
      lim = asize;
      if (i > lim) break;
    }
    for (; i <= lim; i++) {
      if (!t->array[i - 1].is_empty()) lc++;
    }
    nums[lg] += lc;
    ause += lc;
  }
  return ause;
}

uint32_t num_use_hash(const Table* t, uint32_t* nums, uint32_t* pna) {
  uint32_t total = 0;
  uint32_t ause = 0;
  for (uint32_t i = table_node_count(t); i-- > 0;) {
    const Node* n = &t->node[i];
    if (!n->value()->is_empty()) {
      if (n->kv.key_tt == kVInt) ause += static_cast<uint32_t>(count_int(n->kv.key.i, nums));
      total++;
    }
  }
  *pna += ause;
  return total;
}

// The largest n (a power of two) such that more than n/2 of the slots 1..n would be used; *pna
// is in: the number of integer keys, out: how many of them go to the array part.
uint32_t compute_sizes(const uint32_t* nums, uint32_t* pna) {
  uint32_t a = 0, na = 0, optimal = 0;
  uint32_t twotoi = 1;
  for (int i = 0; twotoi > 0 && *pna > twotoi / 2; i++, twotoi *= 2) {
    a += nums[i];
    if (a > twotoi / 2) {
      optimal = twotoi;
      na = a;
    }
  }
  *pna = na;
  return optimal;
}

void rehash(Thread* L, Table* t, const Value& extra_key) {
  uint32_t nums[kMaxABits + 1] = {};
  t->aux = t->asize;  // the limit is the real size while counting
  uint32_t na = num_use_array(t, nums);
  uint32_t total = na;
  total += num_use_hash(t, nums, &na);
  if (extra_key.is_int()) na += static_cast<uint32_t>(count_int(extra_key.as_int(), nums));
  total++;
  uint32_t asize = compute_sizes(nums, &na);
  resize_table(L, t, asize, total - na);
}

// The cards of a new part of `entries` entries (table.hpp) start clean.
void clear_cards(void* cards, size_t entries) {
  if (entries >= kCardMin) std::memset(cards, 0, card_bytes(entries));
}

// The card of the entry at `slot` (an array entry, or a node's value) is dirty.
void touch_card(Table* t, const Value* slot) {
  const auto p = reinterpret_cast<uintptr_t>(slot);
  const auto a = reinterpret_cast<uintptr_t>(t->array);
  if (p - a < size_t{t->asize} * sizeof(Value)) {
    if (t->asize >= kCardMin) array_cards(t)[((p - a) / sizeof(Value)) >> kCardShift] |= kCardNew;
    return;
  }
  const size_t n = table_node_count(t);
  const auto nodes = reinterpret_cast<uintptr_t>(t->node);
  if (n >= kCardMin && p - nodes < n * sizeof(Node)) {
    node_cards(t)[((p - nodes) / sizeof(Node)) >> kCardShift] |= kCardNew;
  }
}

// The backward barrier of a node whose key and value were just stored (or moved there).
[[gnu::always_inline]] inline void barrier_node(Thread* L, Table* t, Node* n) {
  gc::Collector& c = L->g->gc;
  if (!c.back_barrier_applies(t)) return;
  bool white = false;
  if (n->key_is_collectable()) white = c.stored_white(n->kv.key.gc);
  if (n->value()->is_collectable()) white |= c.stored_white(n->value()->as_gc());
  if (white) {
    touch_card(t, n->value());
    c.touch(t);
  }
}

struct HashPart {
  Node* node;
  Node* lastfree;
  uint32_t mask;           // size - 1
  bool colocated = false;  // in the table's own cell (kColocNode): never freed on its own
};

HashPart new_hash_part(Thread* L, uint32_t size) {
  if (size == 0) return {dummy_node(), nullptr, 0};
  int lsize = ceil_log2(size);
  if (lsize > kMaxHBits) run_error(L, "table overflow");
  size = 1u << lsize;
  auto* node = static_cast<Node*>(alloc_payload(L, hash_part_bytes(size)));
  for (uint32_t i = 0; i < size; i++) node[i] = kDummyNode;  // nil key, empty value, no next
  clear_cards(node + size, size);
  return {node, node + size, size - 1};
}

void free_hash_part(Thread* L, const HashPart& h) {
  if (h.lastfree != nullptr && !h.colocated) {
    free_payload(L, h.node, hash_part_bytes(size_t{h.mask} + 1));
  }
}

// The new part is never colocated: only new_table puts parts in the cell.
HashPart swap_hash_part(Table* t, const HashPart& h) {
  HashPart old{t->node, t->lastfree, t->node_mask, (t->extra & kColocNode) != 0};
  t->extra &= static_cast<uint8_t>(~kColocNode);
  t->node = h.node;
  t->lastfree = h.lastfree;
  t->node_mask = h.mask;
  return old;
}

// Insert a key known to be absent (Lua's luaH_newkey). Copies key and value first: they may
// point into the table's own parts, which a rehash frees.
void new_key(Thread* L, Table* t, const Value& key_in, const Value& value_in) {
  Value key = key_in;
  Value value = value_in;
  if (key.is_nil()) run_error(L, "table index is nil");
  if (key.is_float()) {
    int64_t k;
    if (float_to_int(key.as_float(), &k)) {
      key.set_int(k);
    } else if (key.as_float() != key.as_float()) {
      run_error(L, "table index is NaN");
    }
  }
  if (value.is_nil()) return;  // nil values are not stored
  Node* mp = main_position(t, key);
  if (!mp->value()->is_empty() || is_dummy(t)) {  // main position taken?
    Node* f = get_free_pos(t);
    if (f == nullptr) {  // no free node: grow, then insert into the grown table
      rehash(L, t, key);
      const Value* slot = table_get(t, key);
      if (slot->is_abstkey()) {
        new_key(L, t, key, value);
      } else {
        set_slot(slot, value);
        barrier_table(L, t, slot, value);
      }
      return;
    }
    Node* othern = main_position_of_node(t, mp);
    if (othern != mp) {
      // The colliding node is out of its main position: move it to the free node and put the
      // new key in its place.
      while (othern + othern->kv.next != mp) othern += othern->kv.next;  // find the previous
      othern->kv.next = static_cast<int32_t>(f - othern);
      *f = *mp;  // the whole node, next included
      if (mp->kv.next != 0) {
        f->kv.next += static_cast<int32_t>(mp - f);
        mp->kv.next = 0;
      }
      mp->value()->set_empty();
      barrier_node(L, t, f);  // the moved entry may be white, its card clean
    } else {
      // The colliding node is in its main position: the new key goes to the free node, chained
      // right after it.
      if (mp->kv.next != 0) f->kv.next = static_cast<int32_t>((mp + mp->kv.next) - f);
      mp->kv.next = static_cast<int32_t>(f - mp);
      mp = f;
    }
  }
  set_node_key(mp, key);
  set_slot(mp->value(), value);
  barrier_node(L, t, mp);
}

// Store through a slot from a lookup: insert when the key is absent, else overwrite. Any store
// may add a metamethod field, so the absence cache is cleared.
void finish_set(Thread* L, Table* t, const Value& key, const Value* slot, const Value& v) {
  if (slot->is_abstkey()) {
    new_key(L, t, key, v);  // with the barrier
  } else {
    set_slot(slot, v);
    barrier_table(L, t, slot, v);
  }
  t->flags = 0;
}

uint32_t bin_search(const Value* array, uint32_t i, uint32_t j) {
  while (j - i > 1u) {
    uint32_t m = (i + j) / 2;
    if (array[m - 1].is_empty()) {
      j = m;
    } else {
      i = m;
    }
  }
  return i;
}

// A border past j, where t[j] is present (or j == 0) and the hash part holds t[j + 1].
uint64_t hash_search(Table* t, uint64_t j) {
  uint64_t i;
  if (j == 0) j++;
  do {
    i = j;
    if (j <= static_cast<uint64_t>(INT64_MAX) / 2) {
      j *= 2;
    } else {
      j = INT64_MAX;
      if (table_get_int(t, static_cast<int64_t>(j))->is_empty()) break;
      return j;  // every positive integer is a key: maxinteger is a border
    }
  } while (!table_get_int(t, static_cast<int64_t>(j))->is_empty());
  while (j - i > 1u) {  // t[i] present, t[j] absent
    uint64_t m = (i + j) / 2;
    if (table_get_int(t, static_cast<int64_t>(m))->is_empty()) {
      j = m;
    } else {
      i = m;
    }
  }
  return i;
}

}  // namespace

// ---- Creation and resizing ----

namespace {

void init_table(Table* t) {
  t->flags = kAllTMAbsent;
  t->aux = 0;
  t->node_mask = 0;
  t->asize = 0;
  t->array = nullptr;
  t->node = dummy_node();
  t->lastfree = nullptr;
  t->metatable = nullptr;
}

}  // namespace

Table* new_table(Thread* L) {
  auto* t = new_object<Table>(L, kVTable);
  init_table(t);
  return t;
}

Table* new_table(Thread* L, unsigned narray, unsigned nhash) {
  if (narray == 0 && nhash == 0) return new_table(L);
  // Small parts of a known size go in the table's own cell (colocated, see table.hpp).
  if (narray <= kColocMaxBytes / sizeof(Value) && nhash <= kColocMaxBytes / sizeof(Node)) {
    const uint32_t hsize = nhash == 0 ? 0 : uint32_t{1} << ceil_log2(nhash);
    const size_t bytes = narray * sizeof(Value) + hsize * sizeof(Node);
    if (bytes <= kColocMaxBytes) {
      auto* t = new_object<Table>(L, kVTable, sizeof(Table) + bytes);
      init_table(t);
      auto* p = reinterpret_cast<char*>(t + 1);
      if (narray > 0) {
        auto* array = reinterpret_cast<Value*>(p);
        for (unsigned i = 0; i < narray; i++) array[i].set_empty();
        t->array = array;
        t->asize = t->aux = narray;
        t->extra |= kColocArray;
        p += narray * sizeof(Value);
      }
      if (hsize > 0) {
        auto* node = reinterpret_cast<Node*>(p);
        for (uint32_t i = 0; i < hsize; i++) node[i] = kDummyNode;
        t->node = node;
        t->lastfree = node + hsize;
        t->node_mask = hsize - 1;
        t->extra |= kColocNode;
      }
      return t;
    }
  }
  Table* t = new_table(L);
  if (narray > kMaxASize || narray * sizeof(Value) > heap::kLargeThreshold) {
    resize_table(L, t, narray, nhash);  // the general path checks and handles big parts
    return t;
  }
  // A new table has no parts to move: allocate them directly. Still unmarked, it needs no
  // payload barrier, and the parts are owned only once both are set.
  HashPart fresh = new_hash_part(L, nhash);
  t->node = fresh.node;
  t->lastfree = fresh.lastfree;
  t->node_mask = fresh.mask;
  if (narray > 0) {
    auto* array = static_cast<Value*>(alloc_payload(L, array_part_bytes(narray)));
    for (unsigned i = 0; i < narray; i++) array[i].set_empty();
    clear_cards(array + narray, narray);
    t->array = array;
    t->asize = t->aux = narray;
  }
  return t;
}

struct TableImage {
  uint32_t mask;
  uint32_t lastfree;  // index
  Node nodes[1];      // mask + 1 of them
};

const TableImage* table_image(const Table* t) {
  if (t->asize != 0 || t->metatable != nullptr || is_dummy(t)) return nullptr;
  const uint32_t n = t->node_mask + 1;
  for (uint32_t i = 0; i < n; i++) {
    const Node& node = t->node[i];
    if (node.value()->is_empty()) {
      if (node.kv.key_tt != kVNil) return nullptr;  // a key whose value was removed
      continue;
    }
    if (node.kv.key_tt != kVShortStr || !heap::is_immortal_cell(node.kv.key.gc)) return nullptr;
    if (node.value()->is_collectable()) return nullptr;
  }
  const size_t bytes = offsetof(TableImage, nodes) + n * sizeof(Node);
  auto* image = static_cast<TableImage*>(std::malloc(bytes));
  if (image == nullptr) return nullptr;
  image->mask = t->node_mask;
  image->lastfree = static_cast<uint32_t>(t->lastfree - t->node);
  std::memcpy(static_cast<void*>(image->nodes), t->node, n * sizeof(Node));
  return image;
}

Table* new_table_from_image(Thread* L, const TableImage* image) {
  Table* t = new_table(L);
  const size_t n = size_t{image->mask} + 1;
  auto* node = static_cast<Node*>(alloc_payload(L, hash_part_bytes(n)));
  std::memcpy(static_cast<void*>(node), image->nodes, n * sizeof(Node));
  clear_cards(node + n, n);
  t->node = node;
  t->lastfree = node + image->lastfree;
  t->node_mask = image->mask;
  t->flags = 0;  // no metamethod known absent, as after the stores that filled the original
  return t;
}

bool table_is_empty(const Table* t) {
  for (uint32_t i = 0; i < t->asize; i++) {
    if (!t->array[i].is_empty()) return false;
  }
  for (uint32_t i = 0; i < table_node_count(t); i++) {
    if (!t->node[i].value()->is_empty()) return false;
  }
  return true;
}

void table_fill_from_image(Thread* L, Table* t, const TableImage* image) {
  const size_t n = size_t{image->mask} + 1;
  const size_t bytes = hash_part_bytes(n);
  auto* node = static_cast<Node*>(alloc_payload(L, bytes));
  std::memcpy(static_cast<void*>(node), image->nodes, n * sizeof(Node));
  clear_cards(node + n, n);
  HashPart old = swap_hash_part(t, {node, node + image->lastfree, image->mask});
  payload_barrier(L, t, node, bytes);  // the keys and values need none
  free_hash_part(L, old);
  t->flags = 0;
}

// Before a growth under GrowthMayCollect (state.hpp): collect when the new parts would pass the
// heap limit (in stress mode, a step of a cycle under way at every growth). The table is untouched
// yet; the guard is used up, so no growth nested in this resize collects in the middle of it.
[[gnu::cold]] void collect_before_growth(Thread* L, const Table* t, unsigned nasize,
                                         unsigned nhsize) {
  Global* g = L->g;
  g->growth_may_collect = false;
  const size_t bytes = table_parts_bytes(nasize != t->asize ? nasize : 0, nhsize);  // the new parts
  // In stress mode, a step of the cycle under way (none is started: as STORE_SAFE_POINT).
  if (g->gc.stress() && g->gc.phase() != gc::Phase::kIdle && !g->in_finalizer) g->gc.check();
  make_room(L, bytes);
}

void resize_table(Thread* L, Table* t, unsigned nasize, unsigned nhsize) {
  if (nasize > kMaxASize) run_error(L, "table overflow");
  if (L->g->growth_may_collect) [[unlikely]]
    collect_before_growth(L, t, nasize, nhsize);
  uint32_t oldasize = t->asize;
  t->aux = oldasize;
  if (nasize < oldasize) {
    // The vanishing slice moves to the hash part: make sure it has room, so no insertion below
    // can trigger a nested rehash.
    uint32_t live = 0;
    for (uint32_t i = nasize; i < oldasize; i++) live += !t->array[i].is_empty();
    for (uint32_t i = 0; i < table_node_count(t); i++) live += !t->node[i].value()->is_empty();
    if (nhsize < live) nhsize = live;
  }
  // Allocate both parts before touching the table, so an allocation error leaves it unchanged.
  HashPart fresh = new_hash_part(L, nhsize);
  Value* newarray = nullptr;
  // A large array that grows is reallocated (remapped by the system, not copied next to
  // itself): its first oldasize entries stay where they are for the code below.
  const bool remap = nasize > oldasize && size_t{oldasize} * sizeof(Value) > heap::kLargeThreshold;
  // A small one that grows is extended where it lies when it was the last payload made (an
  // array filled in a loop): no copy, and no old part left behind until the next sweep.
  const bool extended =
      nasize > oldasize && oldasize > 0 && !remap && !(t->extra & kColocArray) &&
      extend_payload(L, t->array, array_part_bytes(oldasize), array_part_bytes(nasize));
  if (extended) {
    newarray = t->array;
  } else if (nasize != oldasize && nasize > 0) {
    try {
      newarray =
          static_cast<Value*>(remap ? realloc_large_payload(L, t->array, array_part_bytes(oldasize),
                                                            array_part_bytes(nasize))
                                    : alloc_payload(L, array_part_bytes(nasize)));
    } catch (...) {
      free_hash_part(L, fresh);
      throw;
    }
    if (remap) t->array = newarray;  // the old pointer is gone
  }
  HashPart old = swap_hash_part(t, fresh);
  if (fresh.lastfree != nullptr) {
    payload_barrier(L, t, fresh.node, hash_part_bytes(size_t{fresh.mask} + 1));
  }
  if (nasize < oldasize) {
    t->asize = t->aux = nasize;  // pretend the array has its new size, then move the slice
    for (uint32_t i = nasize; i < oldasize; i++) {
      if (!t->array[i].is_empty()) new_key(L, t, Value::integer(int64_t{i} + 1), t->array[i]);
    }
  }
  if (nasize != oldasize) {
    uint32_t keep = nasize < oldasize ? nasize : oldasize;
    if (!remap && !extended) {
      if (keep > 0) std::memcpy(newarray, t->array, keep * sizeof(Value));
      if (!(t->extra & kColocArray)) free_payload(L, t->array, array_part_bytes(oldasize));
    }
    for (uint32_t i = keep; i < nasize; i++) newarray[i].set_empty();
    if (newarray != nullptr) clear_cards(newarray + nasize, nasize);
    t->array = newarray;
    t->extra &= static_cast<uint8_t>(~kColocArray);
    if (newarray != nullptr) payload_barrier(L, t, newarray, array_part_bytes(nasize));
  }
  t->asize = t->aux = nasize;
  // Re-insert the old hash part's entries into the new parts.
  for (uint32_t j = 0, n = old.lastfree ? old.mask + 1 : 0; j < n; j++) {
    Node* o = &old.node[j];
    if (!o->value()->is_empty()) {
      Value k = o->key();
      const Value* slot = table_get(t, k);
      if (slot->is_abstkey()) {
        new_key(L, t, k, *o->value());
      } else {
        set_slot(slot, *o->value());
      }
    }
  }
  free_hash_part(L, old);
  // The entries moved to new parts whose cards know nothing of what was white in the old
  // ones: a marked table is re-scanned whole.
  gc::Collector& c = L->g->gc;
  if (c.back_barrier_applies(t)) {
    if (card_count(t->asize) > 0) std::memset(array_cards(t), kCardNew, card_count(t->asize));
    const size_t n = table_node_count(t);
    if (card_count(n) > 0) std::memset(node_cards(t), kCardNew, card_count(n));
    c.touch(t);
  }
}

void resize_array(Thread* L, Table* t, unsigned nasize) {
  resize_table(L, t, nasize, table_node_count(t));
}

// ---- Lookup ----

const Value* table_get_int_slow(Table* t, int64_t key) {
  uint64_t k = static_cast<uint64_t>(key) - 1u;
  if (k < t->asize) {  // past the `#` hint but inside the array: the hint moves up, as in Lua
    t->aux = static_cast<uint32_t>(key);
    return &t->array[k];
  }
  return get_int_in_hash(t, key);
}

const Value* table_get(Table* t, const Value& key) {
  switch (key.tt) {
    case kVShortStr:
      return table_get_short_str(t, key.as_string());
    case kVInt:
      return table_get_int(t, key.as_int());
    case kVNil:
      return &kAbsentKey;
    case kVFloat: {
      int64_t k;
      if (float_to_int(key.as_float(), &k)) return table_get_int(t, k);
      return get_generic(t, key, false);
    }
    default:
      return get_generic(t, key, false);
  }
}

const Value* table_get_str(Table* t, String* key) {
  if (key->is_short()) return table_get_short_str(t, key);
  return get_generic(t, Value::object(key), false);
}

// ---- Stores ----

void table_set(Thread* L, Table* t, const Value& key, const Value& v) {
  if (key.tt == kVShortStr) {  // one look at the key's main position when it is new
    String* s = key.as_string();
    table_finish_set_short(L, t, s, table_get_short_str(t, s), v);
    return;
  }
  finish_set(L, t, key, table_get(t, key), v);
}

void table_set_int(Thread* L, Table* t, int64_t key, const Value& v) {
  finish_set(L, t, Value::integer(key), table_get_int(t, key), v);
}

void table_finish_set(Thread* L, Table* t, const Value& key, const Value* slot, const Value& v) {
  finish_set(L, t, key, slot, v);
}

void table_finish_set_short(Thread* L, Table* t, String* key, const Value* slot, const Value& v) {
  if (slot->is_abstkey() && !v.is_nil() && !is_dummy(t)) {
    Node* mp = &t->node[key->hash() & t->node_mask];
    if (mp->value()->is_empty()) {  // new_key's case with no collision
      set_node_key(mp, Value::object(key));
      set_slot(mp->value(), v);
      t->flags = 0;
      barrier_node(L, t, mp);
      return;
    }
  }
  finish_set(L, t, Value::object(key), slot, v);
}

// ---- Length and traversal ----

uint64_t table_length(Table* t) {
  uint32_t limit = t->aux;
  if (limit > 0 && t->array[limit - 1].is_empty()) {  // a border before the limit
    if (limit >= 2 && !t->array[limit - 2].is_empty()) {
      if (is_pow2(t->asize) && !is_pow2(limit - 1)) t->aux = limit - 1;
      return limit - 1;
    }
    uint32_t border = bin_search(t->array, 0, limit);
    if (is_pow2(t->asize) && border > t->asize / 2) t->aux = border;
    return border;
  }
  if (limit != t->asize) {  // t[limit] is present (limit > 0): look past it
    if (t->array[limit].is_empty()) return limit;
    limit = t->asize;
    if (t->array[limit - 1].is_empty()) {
      uint32_t border = bin_search(t->array, t->aux, limit);
      t->aux = border;
      return border;
    }
    t->aux = limit;
  }
  // The array is full (or empty): the border may continue into the hash part.
  if (is_dummy(t) || get_int_in_hash(t, int64_t{limit} + 1)->is_empty()) return limit;
  return hash_search(t, limit);
}

bool table_next(Thread* L, Table* t, Value* key, Value* val) {
  const NextResult r = table_next_raw(t, key, val);
  if (r == NextResult::kInvalidKey) run_error(L, "invalid key to 'next'");
  return r == NextResult::kFound;
}

NextResult table_next_raw(Table* t, Value* key, Value* val) {
  uint32_t asize = t->asize;
  uint32_t i;  // 1-based position after the key: array slots first, then nodes
  if (key->is_nil()) {
    i = 0;
  } else {
    i = key->is_int() ? array_index(key->as_int()) : 0;
    if (i - 1u >= asize) {
      const Value* slot = get_generic(t, *key, true);
      if (slot->is_abstkey()) return NextResult::kInvalidKey;
      auto* n = reinterpret_cast<const Node*>(slot);
      i = static_cast<uint32_t>(n - t->node) + 1 + asize;
    }
  }
  for (; i < asize; i++) {
    if (!t->array[i].is_empty()) {
      key->set_int(int64_t{i} + 1);
      *val = t->array[i];
      return NextResult::kFound;
    }
  }
  for (i -= asize; i < table_node_count(t); i++) {
    const Node* n = &t->node[i];
    if (!n->value()->is_empty()) {
      *key = n->key();
      val->u = n->i_val.u;
      val->tt = n->i_val.tt;
      return NextResult::kFound;
    }
  }
  return NextResult::kEnd;
}

void barrier_table_slow(Thread* L, Table* t, const Value* slot, GcObject* v) {
  gc::Collector& c = L->g->gc;
  if (!c.stored_white(v)) return;
  touch_card(t, slot);
  c.touch(t);
}

size_t table_memory(const Table* t) {
  return (t->array != nullptr ? array_part_bytes(t->asize) : 0) +
         (table_node_count(t) > 0 ? hash_part_bytes(table_node_count(t)) : 0);
}

const char* verify_table(Table* t) {
  if (t->type != kVTable) return "table: wrong header type";
  if ((t->asize == 0) != (t->array == nullptr)) return "table: array pointer and size disagree";
  if (t->asize > kMaxASize) return "table: array too large";
  if (t->aux > t->asize) return "table: limit past the array size";
  const auto* cell = reinterpret_cast<const char*>(t + 1);
  if ((t->extra & kColocArray) && (reinterpret_cast<const char*>(t->array) != cell ||
                                   t->asize * sizeof(Value) > kColocMaxBytes)) {
    return "table: colocated array part out of the cell";
  }
  if ((t->extra & kColocNode) &&
      (reinterpret_cast<const char*>(t->node) < cell || is_dummy(t) ||
       reinterpret_cast<const char*>(t->node + node_size(t)) > cell + kColocMaxBytes)) {
    return "table: colocated hash part out of the cell";
  }
  if (t->aux < t->asize && (!is_pow2(t->asize) || t->aux <= t->asize / 2)) {
    return "table: limit hint on an array that cannot have one";
  }
  for (uint32_t i = 0; i < t->asize; i++) {
    const Value& v = t->array[i];
    if (v.is_collectable() && (v.as_gc() == nullptr || v.as_gc()->type != v.tt)) {
      return "table: bad collectable value in the array part";
    }
  }
  if (is_dummy(t)) {
    if (t->node != dummy_node() || t->node_mask != 0) return "table: bad empty hash part";
    return nullptr;
  }
  uint32_t size = node_size(t);
  if (t->node == dummy_node()) return "table: dummy hash part with a lastfree";
  if (t->lastfree < t->node || t->lastfree > t->node + size) return "table: lastfree out of range";
  for (uint32_t i = 0; i < size; i++) {
    Node* n = &t->node[i];
    int64_t next = int64_t{i} + n->kv.next;
    if (next < 0 || next >= size) return "table: chain link out of the hash part";
    const Value* v = n->value();
    if (v->is_empty()) continue;
    Value k = n->key();
    if (k.is_nil() || k.tt == kVDeadKey) return "table: live value with a nil or dead key";
    if (v->is_collectable() && (v->as_gc() == nullptr || v->as_gc()->type != v->tt)) {
      return "table: bad collectable value in the hash part";
    }
    if (k.is_collectable() && (k.as_gc() == nullptr || k.as_gc()->type != k.tt)) {
      return "table: bad collectable key";
    }
    if (k.is_float()) {
      int64_t ik;
      if (float_to_int(k.as_float(), &ik) || k.as_float() != k.as_float()) {
        return "table: float key that should be an integer (or NaN)";
      }
    }
    if (k.is_int() && static_cast<uint64_t>(k.as_int()) - 1u < t->asize) {
      return "table: array index in the hash part";
    }
    if (get_generic(t, k, false) != v) return "table: key not reachable from its main position";
  }
  return nullptr;
}

}  // namespace tycho::vm
