// Tables: an array part for integer keys 1..asize and a hash part (chained scatter table with
// Brent's variation, as Lua's), with Lua's border semantics for `#`.
//
// Lookups return a pointer to the stored value, or to a shared "absent key" value (tag
// kVAbsentKey, reads as nil) when the key is missing; never null. Keys: float keys with an exact
// integer value are normalized to integers; nil and NaN keys raise errors on insertion.
// `next` traverses the array part then the hash part, and keeps working while existing fields
// are assigned (including to nil) during the traversal.
//
// Rule for every caller: store into a slot returned by a lookup only with set_slot(), never with
// `*slot = v`. A hash node keeps its key tag and chain link where a Value has padding (see
// Node), and a whole-Value assignment would overwrite them.
//
// The array part has a size hint for `#`, Lua 5.4's `alimit`, kept in the header's `aux`:
// 0 <= limit <= asize, and when limit < asize the array size is a power of two and limit is
// above half of it. Lookups of keys up to the limit hit the array with one compare; table_length
// and table_get_int move the limit the way Lua does, so `#` finds the same border as lua5.4.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

#include "vm/state.hpp"

namespace tycho::vm {

Table* new_table(Thread* L);
Table* new_table(Thread* L, unsigned narray, unsigned nhash);
void resize_table(Thread* L, Table* t, unsigned nasize, unsigned nhsize);
void resize_array(Thread* L, Table* t, unsigned nasize);

// The value whose address is returned for missing keys.
extern const Value kAbsentKey;

// A hash node, 24 bytes. The value's payload and tag come first, laid out as the first nine bytes
// of a Value, so a lookup returns &node->i_val as a `const Value*`; the key's tag and the offset
// of the next node in the collision chain sit in what would be that Value's padding.
struct NodeKV {
  Payload val;
  uint8_t val_tt;
  uint8_t key_tt;  // kVDeadKey: the value was empty when the collector last traced the table
  int32_t next;    // offset to the next node of the chain; 0 ends it
  Payload key;
};
struct Node {
  union {
    NodeKV kv;
    Value i_val;  // only the payload and tag are the value (see set_slot)
  };
  Value key() const {
    Value k;
    k.u = kv.key;
    k.tt = kv.key_tt;
    return k;
  }
  const Value* value() const { return &i_val; }
  Value* value() { return &i_val; }
  bool key_is_collectable() const { return (kv.key_tt & kCollectableBit) != 0; }
};
static_assert(sizeof(Node) == 24);
static_assert(offsetof(NodeKV, val_tt) == offsetof(Value, tt));

// The tag of a key whose entry is gone and whose object may be dead: never dereferenced, only
// compared by address (so `next` can continue from it). Not a collectable tag.
constexpr uint8_t kVDeadKey = 11;

// Store v into a slot returned by a lookup (payload and tag only; see the rule above).
inline void set_slot(const Value* slot, const Value& v) {
  auto* s = const_cast<Value*>(slot);
  s->u = v.u;
  s->tt = v.tt;
}

inline uint32_t table_limit(const Table* t) { return t->aux; }  // the `#` hint (Lua's alimit)

// ---- Colocated parts ----
// A table made with its part sizes known (a constructor, lua_createtable) gets parts of up to
// kColocMaxBytes in its own cell, after the header, as LuaJIT colocates constructor arrays: one
// allocation instead of two or three, the entries next to the header, and no payload for the
// collector to keep (a 32-byte part pins its whole 128-byte arena line while any neighbour on
// the line lives, so tables replaced at random left most lines pinned). The header's `extra`
// says which parts are colocated; such a part is never marked or freed on its own. A part that
// is resized moves out to a payload, and the cell keeps the old room until the table dies.
constexpr size_t kColocMaxBytes = 256;
constexpr uint8_t kColocArray = 1;  // t->array lies in the cell
constexpr uint8_t kColocNode = 2;   // t->node lies in the cell

// ---- Cards and the backward barrier ----
// A store into a table that the collector has marked touches the table (Collector::touch): it
// is traced again before the atomic step, and in generational mode in the next minor cycles,
// instead of the stored value being marked (state.hpp's barriers). So that a big table is not
// traced whole again for every store, each part of kCardMin entries or more carries a card
// table after its last entry: one byte per kCardSize entries, which the barrier sets and the
// re-scan (rescan_table) clears. kCardNew: an entry was written since the card was last
// re-scanned. kCardOld0/1: a minor cycle of that parity (Collector::cycle_number) re-scanned
// it, and the next cycle re-scans it once more (the young values it found are first
// survivors then, unmarked; Lua's TOUCHED2); a second re-scan in the same cycle keeps it.
constexpr uint32_t kCardShift = 4;                // 16 entries: a store re-scans 256 to 384 bytes
constexpr uint32_t kCardSize = 1u << kCardShift;  // entries a card
constexpr uint32_t kCardMin = 1024;               // smaller parts are re-scanned whole
constexpr uint8_t kCardNew = 1;
constexpr uint8_t kCardOld0 = 2;
constexpr uint8_t kCardOld1 = 4;
inline size_t card_count(size_t entries) {
  return entries >= kCardMin ? (entries + kCardSize - 1) >> kCardShift : 0;
}
inline size_t card_bytes(size_t entries) { return (card_count(entries) + 7) & ~size_t{7}; }
// A part's allocation: its entries, then its cards (rounded up to 8 bytes).
inline size_t array_part_bytes(size_t asize) { return asize * sizeof(Value) + card_bytes(asize); }
inline uint8_t* array_cards(const Table* t) {  // card_count(t->asize) of them
  return reinterpret_cast<uint8_t*>(t->array + t->asize);
}

// The barrier of every store of v into a table slot (array entry or node value) or node key
// (then `slot` is that node's value): out of line only when the table is marked and barriers
// are on.
void barrier_table_slow(Thread* L, Table* t, const Value* slot, GcObject* v);
[[gnu::always_inline]] inline void barrier_table(Thread* L, Table* t, const Value* slot,
                                                 const Value& v) {
  if (v.is_collectable() && L->g->gc.back_barrier_applies(t)) {
    barrier_table_slow(L, t, slot, v.as_gc());
  }
}

const Value* table_get(Table* t, const Value& key);
const Value* table_get_int_slow(Table* t, int64_t key);  // past the limit: array rest, hash
const Value* table_get_str(Table* t, String* key);       // any string

inline const Value* table_get_int(Table* t, int64_t key) {
  uint64_t k = static_cast<uint64_t>(key) - 1u;
  if (k < table_limit(t)) return &t->array[k];
  return table_get_int_slow(t, key);
}

// Key must be a short string: interned, so the chain is searched by address.
inline const Value* table_get_short_str(Table* t, String* key) {
  const Node* n = &t->node[key->hash() & t->node_mask];
  for (;;) {
    if (n->kv.key.gc == key && n->kv.key_tt == kVShortStr) return n->value();
    int32_t nx = n->kv.next;
    if (nx == 0) return &kAbsentKey;
    n += nx;
  }
}

// Set t[key] = v (raw). Raises "table index is nil" / "table index is NaN" (lua5.4.4's words).
void table_set(Thread* L, Table* t, const Value& key, const Value& v);
void table_set_int(Thread* L, Table* t, int64_t key, const Value& v);
// Insert a key known to be absent (`slot` is what table_get returned for it) and store v.
// Used by the interpreter after a failed fast get when there is no __newindex.
void table_finish_set(Thread* L, Table* t, const Value& key, const Value* slot, const Value& v);
// The same for a short-string key, with a fast path for the common insertion (a field of a
// table being built, its main position free) that skips new_key's general checks.
void table_finish_set_short(Thread* L, Table* t, String* key, const Value* slot, const Value& v);

// Images: a table's hash part frozen, to give new tables of any VM of the process the same
// contents with one copy (the standard libraries, stdlib::new_lib). Only a table with no array
// part and no metatable whose keys are shared strings (vm/string.hpp) and whose values are not
// collectable can be imaged: nothing in an image belongs to one VM's heap. The copy has the
// same layout, so `next` visits its keys in the same order as the original's.
struct TableImage;
// nullptr when t cannot be imaged or memory ran out. The image is the caller's (never freed:
// images live as long as the process).
const TableImage* table_image(const Table* t);
// A new table holding what the image holds. Only in a VM that finds the shared strings.
Table* new_table_from_image(Thread* L, const TableImage* image);
// Whether t holds no entry (any part sizes), and: give such a table the image's contents
// (its hash part replaced, the array part left empty).
bool table_is_empty(const Table* t);
void table_fill_from_image(Thread* L, Table* t, const TableImage* image);

// Length: a border, as Lua's luaH_getn (uses the array part's size as a hint, binary search).
uint64_t table_length(Table* t);
// Traversal: given the key in *key (nil to start), write the next key and value and return true,
// or return false at the end. Raises "invalid key to 'next'" for a key not in the table.
bool table_next(Thread* L, Table* t, Value* key, Value* val);
// The same without raising: kInvalidKey (key and val untouched) where table_next raises.
enum class NextResult { kFound, kEnd, kInvalidKey };
NextResult table_next_raw(Table* t, Value* key, Value* val);

// Collector support (vm/collect.cpp traces tables, weak ones included, through these).
inline uint32_t table_node_count(const Table* t) {  // 0 for the shared empty hash part
  return t->lastfree == nullptr ? 0 : t->node_mask + 1;
}
inline Node* table_node(Table* t, uint32_t i) { return &t->node[i]; }
inline size_t hash_part_bytes(size_t nodes) { return nodes * sizeof(Node) + card_bytes(nodes); }
// The parts of a new table of narray array slots and nhash nodes (rounded up to a power of 2).
inline size_t table_parts_bytes(unsigned narray, unsigned nhash) {
  return (narray > 0 ? array_part_bytes(narray) : 0) +
         (nhash > 0 ? hash_part_bytes(std::bit_ceil(size_t{nhash})) : 0);
}
inline uint8_t* node_cards(const Table* t) {  // card_count(table_node_count(t)) of them
  return reinterpret_cast<uint8_t*>(t->node + table_node_count(t));
}
// Mark a node's key dead (its value must be empty): it no longer keeps the object alive.
inline void kill_node_key(Node* n) {
  if (n->key_is_collectable()) n->kv.key_tt = kVDeadKey;
}
size_t table_memory(const Table* t);  // bytes of its parts, for accounting
const char* verify_table(Table* t);   // heap verifier: null when well-formed

}  // namespace tycho::vm
