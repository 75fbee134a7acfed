// The shared store: strings, counted objects, shared tables, channels (the design: shared.hpp).
#include "stdlib/shared.hpp"

#include <algorithm>
#include <cstring>
#include <new>
#include <thread>
#include <unordered_map>

#include "gc/epoch.hpp"
#include "heap/shared_slab.hpp"
#include "vm/shared_proto.hpp"

namespace tycho::stdlib::shared {

namespace epoch = gc::epoch;
namespace slab = heap::shared;

// ---- Statistics: striped counters, so that threads that allocate do not share a line ----
namespace {

struct alignas(64) Stripe {
  std::atomic<ptrdiff_t> bytes{0};
  std::atomic<ptrdiff_t> objects{0};
};
constexpr int kStripes = 32;
Stripe g_stripes[kStripes];

Stripe& my_stripe() {
  static std::atomic<unsigned> next{0};
  thread_local unsigned index = next.fetch_add(1, std::memory_order_relaxed) % kStripes;
  return g_stripes[index];
}

void* allocate(size_t size) {
  void* p = slab::allocate(size);
  if (p != nullptr)
    my_stripe().bytes.fetch_add(static_cast<ptrdiff_t>(size), std::memory_order_relaxed);
  return p;
}
void deallocate(void* p, size_t size) {
  my_stripe().bytes.fetch_sub(static_cast<ptrdiff_t>(size), std::memory_order_relaxed);
  slab::free(p, size);
}

}  // namespace

void count_bytes(ptrdiff_t delta) { my_stripe().bytes.fetch_add(delta, std::memory_order_relaxed); }
void count_object(int delta) { my_stripe().objects.fetch_add(delta, std::memory_order_relaxed); }

StoreStats store_stats() {
  ptrdiff_t bytes = 0, objects = 0;
  for (Stripe& s : g_stripes) {
    bytes += s.bytes.load(std::memory_order_relaxed);
    objects += s.objects.load(std::memory_order_relaxed);
  }
  return {static_cast<size_t>(objects < 0 ? 0 : objects),
          static_cast<size_t>(bytes < 0 ? 0 : bytes)};
}

// ---- Strings ----
SString* new_string(std::string_view s, uint32_t hash) {
  size_t bytes = sizeof(SString) + s.size() + 1;
  void* mem = allocate(bytes);
  if (mem == nullptr) return nullptr;
  auto* str = new (mem) SString{hash, static_cast<uint32_t>(s.size()), bytes};
  std::memcpy(str->data(), s.data(), s.size());
  str->data()[s.size()] = '\0';
  return str;
}

void free_string(SString* s) { deallocate(s, s->bytes); }

namespace {
void free_string_fn(void* p, size_t) { free_string(static_cast<SString*>(p)); }
}  // namespace

// ---- Counted objects ----
// The cycle collector is running (collect_cycles): new references mark their objects.
std::atomic<bool> detail::g_scanning{false};
using detail::g_scanning;

bool try_acquire(SharedObject* o) {
  uint32_t n = o->refs.load(std::memory_order_relaxed);
  while (n != 0) {
    if (o->refs.compare_exchange_weak(n, n + 1, std::memory_order_seq_cst)) {
      // Either the collector sees this reference in the count it reads after it started, or
      // this sees that it started (both seq_cst): the object is a root of that run.
      if (g_scanning.load(std::memory_order_seq_cst)) [[unlikely]]
        o->touched.store(true, std::memory_order_relaxed);
      return true;
    }
  }
  return false;
}

// ---- The registry of tables and channels, for the cycle collector ----
// Nodes are never freed (reused), and the list only grows at its head, so the collector walks
// it without a lock; a node's object is cleared when its last reference goes, before the
// object is retired, so an object read from a node inside an epoch read section is not freed
// before the section ends.
struct RegistryNode {
  std::atomic<SharedObject*> object{nullptr};
  RegistryNode* next = nullptr;
};

namespace {

std::atomic<RegistryNode*> g_nodes{nullptr};
std::mutex g_free_nodes_mutex;
std::vector<RegistryNode*> g_free_nodes;
std::atomic<size_t> g_registered{0};
std::atomic<size_t> g_next_scan{1024};

void register_object(SharedObject* o) {
  RegistryNode* node = nullptr;
  {
    std::lock_guard lock(g_free_nodes_mutex);
    if (!g_free_nodes.empty()) {
      node = g_free_nodes.back();
      g_free_nodes.pop_back();
    }
  }
  if (node == nullptr) {
    node = new RegistryNode;
    RegistryNode* head = g_nodes.load(std::memory_order_relaxed);
    do {
      node->next = head;
    } while (!g_nodes.compare_exchange_weak(head, node, std::memory_order_release,
                                            std::memory_order_relaxed));
  }
  node->object.store(o, std::memory_order_release);
  o->registry = node;
  g_registered.fetch_add(1, std::memory_order_relaxed);
}

void unregister_object(SharedObject* o) {
  RegistryNode* node = o->registry;
  if (node == nullptr) return;
  o->registry = nullptr;
  node->object.store(nullptr, std::memory_order_release);
  g_registered.fetch_sub(1, std::memory_order_relaxed);
  std::lock_guard lock(g_free_nodes_mutex);
  g_free_nodes.push_back(node);
}

}  // namespace

namespace {

struct Slot {
  std::atomic<Tag> key_tag{Tag::kNil};  // kNil: an empty slot; published last (release)
  std::atomic<uint32_t> key_hash{0};
  std::atomic<uint64_t> key_bits{0};
  std::atomic<uint32_t> seq{0};  // the value's sequence lock: odd while a writer writes it
  std::atomic<Tag> value_tag{Tag::kNil};
  std::atomic<uint64_t> value_bits{0};
};

}  // namespace

struct TablePart {
  uint32_t capacity;  // a power of two
  uint32_t used;      // slots with a key (tombstones too): writers only
  uint32_t live;      // slots with a value: writers only
  size_t bytes;
  Slot* slots() { return reinterpret_cast<Slot*>(this + 1); }
};

namespace {

TablePart* new_part(uint32_t capacity) {
  size_t bytes = sizeof(TablePart) + capacity * sizeof(Slot);
  void* mem = allocate(bytes);
  if (mem == nullptr) return nullptr;
  auto* p = new (mem) TablePart{capacity, 0, 0, bytes};
  for (uint32_t i = 0; i < capacity; i++) new (&p->slots()[i]) Slot;
  return p;
}

void free_part_fn(void* p, size_t) {
  auto* part = static_cast<TablePart*>(p);
  deallocate(part, part->bytes);
}

void free_table(SharedTable* t);
void free_channel(Channel* c);

void free_object_fn(void* p, size_t) {
  auto* o = static_cast<SharedObject*>(p);
  switch (o->kind) {
    case Kind::kTable:
    case Kind::kFrozen:
      free_table(static_cast<SharedTable*>(o));
      break;
    case Kind::kChannel:
      free_channel(static_cast<Channel*>(o));
      break;
    case Kind::kPacket:
      free_packet_now(static_cast<Packet*>(o));
      break;
    case Kind::kTask:
      break;  // tasks are freed by their last release (stdlib/parallel.cpp), never retired
  }
}

}  // namespace

// What an object holds, about, for the epochs' accounting (their bound counts bytes).
size_t retired_size(SharedObject* o) {
  switch (o->kind) {
    case Kind::kTable:
    case Kind::kFrozen: {
      TablePart* p = static_cast<SharedTable*>(o)->part.load(std::memory_order_relaxed);
      return sizeof(SharedTable) + (p != nullptr ? p->bytes : 0);
    }
    case Kind::kChannel:
      return sizeof(Channel) + channel_size(static_cast<Channel*>(o)) * sizeof(Message);
    case Kind::kPacket: {
      auto* p = static_cast<Packet*>(o);
      return sizeof(Packet) + (p->values.size() + p->slots.size()) * sizeof(SValue) +
             p->nodes.size() * sizeof(Node);
    }
    case Kind::kTask:
      break;
  }
  return sizeof(SharedObject);
}

// Tasks (thread handles) belong to stdlib/parallel.cpp, which frees them itself.
void release_task(SharedObject* o);  // stdlib/parallel.cpp

void release(SharedObject* o) {
  if (o->refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  if (o->kind == Kind::kTask) {
    release_task(o);
    return;
  }
  unregister_object(o);
  epoch::retire(o, retired_size(o), free_object_fn);
}

void release_value(const SValue& v, bool retire) {
  if (v.tag == Tag::kString) {
    auto* s = reinterpret_cast<SString*>(static_cast<uintptr_t>(v.bits));
    if (retire) {
      epoch::retire(s, s->bytes, free_string_fn);
    } else {
      free_string(s);
    }
  } else if (v.counted()) {
    release(object_of(v));
  }
}

// ---- Shared tables ----
namespace {

inline uint32_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return static_cast<uint32_t>(x);
}

inline SString* string_of(uint64_t bits) {
  return reinterpret_cast<SString*>(static_cast<uintptr_t>(bits));
}

uint32_t hash_of(const Key& k) {
  return k.tag == Tag::kString ? k.hash : mix(k.bits * 31 + static_cast<uint64_t>(k.tag));
}

// The slot of `k` in `p`, or null. Readers and writers.
Slot* find(TablePart* p, const Key& k) {
  if (p == nullptr) return nullptr;
  uint32_t h = hash_of(k);
  uint32_t mask = p->capacity - 1;
  for (uint32_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = p->slots()[i];
    Tag tag = s.key_tag.load(std::memory_order_acquire);
    if (tag == Tag::kNil) return nullptr;
    if (tag != k.tag) continue;
    if (k.tag == Tag::kString) {
      if (s.key_hash.load(std::memory_order_relaxed) != h) continue;
      SString* str = string_of(s.key_bits.load(std::memory_order_relaxed));
      if (str->view() == k.str) return &s;
    } else if (s.key_bits.load(std::memory_order_relaxed) == k.bits) {
      return &s;
    }
  }
}

// A consistent copy of the slot's value (the sequence lock).
SValue read_slot(Slot& s) {
  for (;;) {
    uint32_t s1 = s.seq.load(std::memory_order_acquire);
    if (s1 & 1) {
      std::this_thread::yield();
      continue;
    }
    SValue v{s.value_bits.load(std::memory_order_relaxed),
             s.value_tag.load(std::memory_order_relaxed)};
    std::atomic_thread_fence(std::memory_order_acquire);
    if (s.seq.load(std::memory_order_relaxed) == s1) return v;
  }
}

// Writers only (under the table's mutex).
void write_slot(Slot& s, SValue v) {
  uint32_t n = s.seq.load(std::memory_order_relaxed);
  s.seq.store(n + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  s.value_tag.store(v.tag, std::memory_order_relaxed);
  s.value_bits.store(v.bits, std::memory_order_relaxed);
  s.seq.store(n + 2, std::memory_order_release);
}

// Copy a value read from the store out to the reader: false when a counted object was retired
// meanwhile (the slot changed: read again).
bool copy_out(const SValue& v, ReadValue& out) {
  out.v = v;
  if (v.tag == Tag::kString) {
    if (out.text != nullptr) out.text->assign(string_of(v.bits)->view());
  } else if (v.counted()) {
    return try_acquire(object_of(v));
  }
  return true;
}

void read_into(Slot* s, ReadValue& out) {
  if (s == nullptr) {
    out.v = SValue{};
    return;
  }
  while (!copy_out(read_slot(*s), out)) {
  }
}

void read_key(Slot& s, ReadValue& out) {
  out.v =
      SValue{s.key_bits.load(std::memory_order_relaxed), s.key_tag.load(std::memory_order_relaxed)};
  if (out.v.tag == Tag::kString) {
    if (out.text != nullptr) out.text->assign(string_of(out.v.bits)->view());
  } else if (out.v.counted()) {
    acquire(object_of(out.v));  // a key holds its object as long as the table lives
  }
}

// Calls f(slot, key, value) for each slot of `p` that has a key (tombstones too: nil values).
// For writers, or for whoever has the part to itself.
template <typename F>
void each_entry(TablePart* p, F&& f) {
  for (uint32_t i = 0; i < p->capacity; i++) {
    Slot& s = p->slots()[i];
    Tag kt = s.key_tag.load(std::memory_order_relaxed);
    if (kt == Tag::kNil) continue;
    f(s, SValue{s.key_bits.load(std::memory_order_relaxed), kt},
      SValue{s.value_bits.load(std::memory_order_relaxed),
             s.value_tag.load(std::memory_order_relaxed)});
  }
}

// Release every key and value a part that nobody else uses any more holds (`retire`: strings
// through the epochs).
void release_entries(TablePart* p, bool retire) {
  each_entry(p, [retire](Slot&, const SValue& k, const SValue& v) {
    release_value(k, retire);
    release_value(v, retire);
  });
}

// Writers: a part with room for one more key, the entries of `old` moved into it (ownership
// moves; the old part is retired, and so are the keys of its tombstones).
TablePart* grow(SharedTable* t, TablePart* old) {
  uint32_t live = old ? old->live : 0;
  uint32_t capacity = 4;
  while (capacity < 2 * (live + 1)) capacity *= 2;  // at most half full afterwards
  TablePart* p = new_part(capacity);
  if (p == nullptr) return nullptr;
  if (old != nullptr) {
    uint32_t mask = capacity - 1;
    each_entry(old, [&](Slot& s, const SValue& key, const SValue& v) {
      Tag kt = key.tag;
      uint64_t kb = key.bits;
      uint32_t kh = s.key_hash.load(std::memory_order_relaxed);
      if (v.is_nil()) {  // a tombstone: its key goes
        release_value(key, true);
        return;
      }
      uint32_t h = hash_of(Key{kt, kb, kh, {}});
      uint32_t j = h & mask;
      while (p->slots()[j].key_tag.load(std::memory_order_relaxed) != Tag::kNil) j = (j + 1) & mask;
      Slot& d = p->slots()[j];
      d.key_bits.store(kb, std::memory_order_relaxed);
      d.key_hash.store(kh, std::memory_order_relaxed);
      d.value_tag.store(v.tag, std::memory_order_relaxed);
      d.value_bits.store(v.bits, std::memory_order_relaxed);
      d.key_tag.store(kt, std::memory_order_relaxed);
      p->used++;
      p->live++;
    });
  }
  t->part.store(p, std::memory_order_release);  // readers see a whole part
  if (old != nullptr) epoch::retire(old, old->bytes, free_part_fn);
  return p;
}

// Writers: the key as the table stores it (a string key gets its own copy).
bool store_key(const Key& k, SValue& out) {
  if (k.tag == Tag::kString) {
    SString* s = new_string(k.str, k.hash);
    if (s == nullptr) return false;
    out = SValue{static_cast<uint64_t>(reinterpret_cast<uintptr_t>(s)), Tag::kString};
    return true;
  }
  out = SValue{k.bits, k.tag};
  if (out.counted()) acquire(object_of(out));
  return true;
}

// Writers: the slot for k, made if missing (null when memory ran out).
Slot* find_or_insert(SharedTable* t, const Key& k) {
  TablePart* p = t->part.load(std::memory_order_relaxed);
  if (Slot* s = find(p, k)) return s;
  if (p == nullptr || (p->used + 1) * 4 > p->capacity * 3) {
    p = grow(t, p);
    if (p == nullptr) return nullptr;
  }
  SValue key;
  if (!store_key(k, key)) return nullptr;
  uint32_t mask = p->capacity - 1;
  uint32_t i = hash_of(k) & mask;
  while (p->slots()[i].key_tag.load(std::memory_order_relaxed) != Tag::kNil) i = (i + 1) & mask;
  Slot& s = p->slots()[i];
  s.key_bits.store(key.bits, std::memory_order_relaxed);
  s.key_hash.store(hash_of(k), std::memory_order_relaxed);
  s.key_tag.store(k.tag, std::memory_order_release);  // published with a nil value
  p->used++;
  return &s;
}

// Writers: store v (owned) in slot s of the current part; returns the old value (owned).
SValue replace(SharedTable* t, Slot& s, SValue v) {
  SValue old{s.value_bits.load(std::memory_order_relaxed),
             s.value_tag.load(std::memory_order_relaxed)};
  write_slot(s, v);
  TablePart* p = t->part.load(std::memory_order_relaxed);
  if (old.is_nil() && !v.is_nil()) p->live++;
  if (!old.is_nil() && v.is_nil()) p->live--;
  return old;
}

void free_table(SharedTable* t) {
  // No reader can see the table any more (its last reference went an epoch ago).
  if (TablePart* p = t->part.load(std::memory_order_relaxed)) {
    release_entries(p, false);
    deallocate(p, p->bytes);
  }
  count_object(-1);
  t->~SharedTable();
  deallocate(t, sizeof(SharedTable));
}

}  // namespace

SharedTable* new_table(bool frozen) {
  void* mem = allocate(sizeof(SharedTable));
  if (mem == nullptr) return nullptr;
  count_object(1);
  auto* t = new (mem) SharedTable(frozen ? Kind::kFrozen : Kind::kTable);
  register_object(t);
  return t;
}

void table_get(SharedTable* t, const Key& k, ReadValue& out) {
  epoch::ReadSection section;
  read_into(find(t->part.load(std::memory_order_acquire), k), out);
}

bool table_set(SharedTable* t, const Key& k, SValue v) {
  SValue old;
  {
    std::lock_guard lock(t->write_mutex);
    TablePart* p = t->part.load(std::memory_order_relaxed);
    Slot* s = v.is_nil() ? find(p, k) : find_or_insert(t, k);
    if (s == nullptr) {
      if (v.is_nil()) return true;  // nothing to delete
      release_value(v, false);
      return false;
    }
    old = replace(t, *s, v);
  }
  release_value(old, true);
  return true;
}

int64_t table_length(SharedTable* t) {
  epoch::ReadSection section;
  TablePart* p = t->part.load(std::memory_order_acquire);
  auto present = [p](int64_t i) {
    Slot* s = find(p, Key{Tag::kInt, static_cast<uint64_t>(i), 0, {}});
    return s != nullptr && !read_slot(*s).is_nil();
  };
  if (!present(1)) return 0;
  // Unbound search for a nil, then a binary search for the border (as luaH_getn's hash part).
  int64_t i = 1, j = 2;
  while (present(j)) {
    i = j;
    if (j > INT64_MAX / 2) {  // a table of 2^62 keys: find the border linearly
      int64_t n = 1;
      while (present(n + 1)) n++;
      return n;
    }
    j *= 2;
  }
  while (j - i > 1) {
    int64_t m = i + (j - i) / 2;
    if (present(m)) {
      i = m;
    } else {
      j = m;
    }
  }
  return i;
}

bool table_next(SharedTable* t, const Key& k, ReadValue& key, ReadValue& value, bool& found) {
  epoch::ReadSection section;
  TablePart* p = t->part.load(std::memory_order_acquire);
  found = true;
  uint32_t i = 0;
  if (k.tag != Tag::kNil) {
    Slot* s = find(p, k);
    if (s == nullptr) {
      found = false;
      return false;
    }
    i = static_cast<uint32_t>(s - p->slots()) + 1;
  }
  if (p == nullptr) return false;
  for (; i < p->capacity; i++) {
    Slot& s = p->slots()[i];
    if (s.key_tag.load(std::memory_order_acquire) == Tag::kNil) continue;
    SValue v;
    do {
      v = read_slot(s);
    } while (!copy_out(v, value));
    if (v.is_nil()) continue;
    read_key(s, key);
    return true;
  }
  return false;
}

bool table_update(SharedTable* t, const Key& k, ReadValue& old, UpdateFn fn, void* ctx) {
  std::unique_lock lock(t->write_mutex);
  TablePart* p = t->part.load(std::memory_order_relaxed);
  Slot* s = find(p, k);
  read_into(s, old);
  SValue nv;
  if (!fn(old, nv, ctx)) return false;
  if (s == nullptr && !nv.is_nil()) s = find_or_insert(t, k);
  if (s == nullptr) {
    release_value(nv, false);
    return true;  // a nil stored into a missing key: done; else out of memory (rare)
  }
  SValue prev = replace(t, *s, nv);
  lock.unlock();
  release_value(prev, true);
  return true;
}

size_t table_count(SharedTable* t) {
  std::lock_guard lock(t->write_mutex);
  TablePart* p = t->part.load(std::memory_order_relaxed);
  return p ? p->live : 0;
}

Tag table_increment(SharedTable* t, const Key& k, SValue delta, SValue& result) {
  struct Ctx {
    bool is_int;
    int64_t i;
    double d;
    Tag bad = Tag::kNil;
    SValue result;
  } ctx;
  ctx.is_int = delta.tag == Tag::kInt;
  ctx.i = ctx.is_int ? static_cast<int64_t>(delta.bits) : 0;
  if (ctx.is_int) {
    ctx.d = static_cast<double>(ctx.i);
  } else {
    std::memcpy(&ctx.d, &delta.bits, sizeof ctx.d);
  }
  std::string text;
  ReadValue old{SValue{}, &text};
  table_update(
      t, k, old,
      [](const ReadValue& cur, SValue& out, void* p) {
        auto& c = *static_cast<Ctx*>(p);
        const SValue& v = cur.v;
        if (v.tag == Tag::kInt || v.tag == Tag::kNil) {
          int64_t base = v.tag == Tag::kInt ? static_cast<int64_t>(v.bits) : 0;
          if (c.is_int) {
            out = SValue{static_cast<uint64_t>(base) + static_cast<uint64_t>(c.i), Tag::kInt};
          } else {
            double d = static_cast<double>(base) + c.d;
            std::memcpy(&out.bits, &d, sizeof d);
            out.tag = Tag::kFloat;
          }
        } else if (v.tag == Tag::kFloat) {
          double d;
          std::memcpy(&d, &v.bits, sizeof d);
          d += c.d;
          std::memcpy(&out.bits, &d, sizeof d);
          out.tag = Tag::kFloat;
        } else {
          c.bad = v.tag;
          return false;
        }
        c.result = out;
        return true;
      },
      &ctx);
  if (old.v.counted()) release(object_of(old.v));  // a read's reference: not a number anyway
  result = ctx.result;
  return ctx.bad;
}

// ---- Channels ----
namespace {
size_t ring_bytes(size_t capacity) { return (capacity + 1) * sizeof(RingCell); }
}  // namespace

Channel* new_channel(size_t capacity) {
  void* mem = allocate(sizeof(Channel));
  if (mem == nullptr) return nullptr;
  RingCell* ring = nullptr;
  void* ring_memory = nullptr;
  if (capacity > 0 && capacity <= kMaxRing) {
    ring_memory = allocate(ring_bytes(capacity));
    if (ring_memory == nullptr) {
      deallocate(mem, sizeof(Channel));
      return nullptr;
    }
    auto at = reinterpret_cast<uintptr_t>(ring_memory);
    ring = reinterpret_cast<RingCell*>((at + alignof(RingCell) - 1) & ~(alignof(RingCell) - 1));
    for (size_t i = 0; i < capacity; i++) {
      new (&ring[i]) RingCell;
      ring[i].seq.store(i, std::memory_order_relaxed);
    }
  }
  count_object(1);
  auto* c = new (mem) Channel(capacity);
  c->ring = ring;
  c->ring_memory = ring_memory;
  register_object(c);
  return c;
}

namespace {

// words[0]: n in the low byte, value i's tag in byte i + 1; words[1..3]: the values' bits;
// words[4]: the packet.
void store_message(RingCell& cell, const Message& m) {
  static_assert(Message::kInline <= 7);
  uint64_t head = m.n;
  for (int i = 0; i < Message::kInline; i++) {
    head |= static_cast<uint64_t>(m.values[i].tag) << (8 * (i + 1));
    cell.words[1 + i].store(m.values[i].bits, std::memory_order_relaxed);
  }
  cell.words[0].store(head, std::memory_order_relaxed);
  cell.words[1 + Message::kInline].store(reinterpret_cast<uintptr_t>(m.packet),
                                         std::memory_order_relaxed);
}

Message load_message(const RingCell& cell) {
  Message m;
  uint64_t head = cell.words[0].load(std::memory_order_relaxed);
  m.n = static_cast<uint32_t>(head & 0xff);
  for (int i = 0; i < Message::kInline; i++) {
    m.values[i].bits = cell.words[1 + i].load(std::memory_order_relaxed);
    m.values[i].tag = static_cast<Tag>((head >> (8 * (i + 1))) & 0xff);
  }
  m.packet = reinterpret_cast<Packet*>(
      static_cast<uintptr_t>(cell.words[1 + Message::kInline].load(std::memory_order_relaxed)));
  return m;
}

// Vyukov's bounded queue: cell i % capacity holds position i when its seq is i + 1; it is free
// for position i when its seq is i (and for i + capacity once the consumer of i is done).
bool ring_push(Channel* c, const Message& m) {
  size_t pos = c->enqueue_pos.load(std::memory_order_relaxed);
  for (;;) {
    RingCell& cell = c->ring[pos % c->capacity];
    size_t seq = cell.seq.load(std::memory_order_acquire);
    auto diff = static_cast<ptrdiff_t>(seq - pos);
    if (diff == 0) {
      if (c->enqueue_pos.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
        store_message(cell, m);
        cell.seq.store(pos + 1, std::memory_order_release);
        return true;
      }
    } else if (diff < 0) {
      return false;  // full
    } else {
      pos = c->enqueue_pos.load(std::memory_order_relaxed);
    }
  }
}

bool ring_pop(Channel* c, Message& m) {
  size_t pos = c->dequeue_pos.load(std::memory_order_relaxed);
  for (;;) {
    RingCell& cell = c->ring[pos % c->capacity];
    size_t seq = cell.seq.load(std::memory_order_acquire);
    auto diff = static_cast<ptrdiff_t>(seq - (pos + 1));
    if (diff == 0) {
      if (c->dequeue_pos.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
        m = load_message(cell);
        cell.seq.store(pos + c->capacity, std::memory_order_release);
        return true;
      }
    } else if (diff < 0) {
      return false;  // empty
    } else {
      pos = c->dequeue_pos.load(std::memory_order_relaxed);
    }
  }
}

bool ring_has_message(Channel* c) {
  size_t pos = c->dequeue_pos.load(std::memory_order_acquire);
  return c->ring[pos % c->capacity].seq.load(std::memory_order_acquire) == pos + 1;
}

// The cell `ahead` places past the next send's is free: room for ahead + 1 messages.
bool ring_has_room(Channel* c, size_t ahead = 0) {
  size_t pos = c->enqueue_pos.load(std::memory_order_acquire) + ahead;
  return c->ring[pos % c->capacity].seq.load(std::memory_order_acquire) == pos;
}

void signal_selectors(Channel* c) {  // c->m held
  for (Selector* s : c->selectors) s->signal();
}

// After a message went into a ring (or out of it) without the lock: wake who sleeps on the
// other side. The fence pairs with the one a sleeper makes after it counts itself: either it
// sees the message, or this sees it counted.
void wake_receivers(Channel* c) {
  std::atomic_thread_fence(std::memory_order_seq_cst);
  if (c->waiting_receivers.load(std::memory_order_relaxed) > 0 ||
      c->nselectors.load(std::memory_order_relaxed) > 0) {
    std::lock_guard lk(c->m);
    c->not_empty.notify_one();
    signal_selectors(c);
  }
}

void wake_senders(Channel* c) {
  std::atomic_thread_fence(std::memory_order_seq_cst);
  if (c->waiting_senders.load(std::memory_order_relaxed) > 0) {
    std::lock_guard lk(c->m);
    c->not_full.notify_one();
  }
}

void free_channel(Channel* c) {
  for (Message& m : c->queue) free_message(m);
  if (c->ring != nullptr) {
    Message m;
    while (ring_pop(c, m)) free_message(m);
    deallocate(c->ring_memory, ring_bytes(c->capacity));
  }
  count_object(-1);
  c->~Channel();
  deallocate(c, sizeof(Channel));
}

}  // namespace

SendResult channel_try_send(Channel* c, Message& m) {
  if (c->ring != nullptr) {
    if (c->closed.load(std::memory_order_acquire)) return SendResult::kClosed;
    if (!ring_push(c, m)) return SendResult::kFull;
    m = Message{};
    wake_receivers(c);
    return SendResult::kSent;
  }
  std::lock_guard lk(c->m);
  if (c->closed.load(std::memory_order_relaxed)) return SendResult::kClosed;
  if (c->capacity != 0 && c->queue.size() >= c->capacity) return SendResult::kFull;
  c->queue.push_back(m);
  m = Message{};
  c->size.store(c->queue.size(), std::memory_order_relaxed);
  if (c->waiting_receivers.load(std::memory_order_relaxed) > 0) c->not_empty.notify_one();
  signal_selectors(c);
  return SendResult::kSent;
}

ReceiveResult channel_try_receive(Channel* c, Message& out) {
  if (c->ring != nullptr) {
    if (!ring_pop(c, out)) {
      if (!c->closed.load(std::memory_order_acquire)) return ReceiveResult::kEmpty;
      if (!ring_pop(c, out)) return ReceiveResult::kClosed;  // (sent before the close)
    }
    wake_senders(c);
    return ReceiveResult::kGot;
  }
  std::lock_guard lk(c->m);
  if (c->queue.empty()) {
    return c->closed.load(std::memory_order_relaxed) ? ReceiveResult::kClosed
                                                     : ReceiveResult::kEmpty;
  }
  out = c->queue.front();
  c->queue.pop_front();
  c->size.store(c->queue.size(), std::memory_order_relaxed);
  if (c->waiting_senders.load(std::memory_order_relaxed) > 0) c->not_full.notify_one();
  return ReceiveResult::kGot;
}

bool channel_has_slack(Channel* c) {
  if (c->ring == nullptr || c->closed.load(std::memory_order_acquire)) return channel_can_send(c);
  return ring_has_room(c, std::min<size_t>(c->capacity - 1, 31));
}

bool channel_can_send(Channel* c) {
  if (c->closed.load(std::memory_order_acquire)) return true;
  if (c->ring != nullptr) return ring_has_room(c);
  return c->capacity == 0 || c->size.load(std::memory_order_relaxed) < c->capacity;
}

bool channel_can_receive(Channel* c) {
  if (c->ring != nullptr && ring_has_message(c)) return true;
  if (c->ring == nullptr && c->size.load(std::memory_order_relaxed) != 0) return true;
  return c->closed.load(std::memory_order_acquire);
}

void channel_close(Channel* c) {
  std::lock_guard lk(c->m);
  c->closed.store(true, std::memory_order_release);
  c->not_empty.notify_all();
  c->not_full.notify_all();
  signal_selectors(c);
}

size_t channel_size(Channel* c) {
  if (c->ring == nullptr) return c->size.load(std::memory_order_relaxed);
  size_t e = c->enqueue_pos.load(std::memory_order_relaxed);
  size_t d = c->dequeue_pos.load(std::memory_order_relaxed);
  return e > d ? e - d : 0;
}

void free_message(Message& m) {
  for (uint32_t i = 0; i < m.n; i++) release_value(m.values[i], false);
  m.n = 0;
  // Released, not freed: the cycle collector may be reading a copy of this message that it
  // took from a ring cell (inside a read section).
  if (m.packet != nullptr) release(m.packet);
  m.packet = nullptr;
}

// ---- Packets ----
Packet* new_packet() {
  count_object(1);
  count_bytes(sizeof(Packet));
  return new Packet;
}

void free_packet_now(Packet* p) {
  for (const SValue& v : p->values) release_value(v, false);
  for (const SValue& v : p->slots) release_value(v, false);
  for (const Node& n : p->nodes) {
    if (n.proto != nullptr) vm::release(n.proto);
  }
  count_bytes(-static_cast<ptrdiff_t>(sizeof(Packet)));
  count_object(-1);
  delete p;
}

// ---- Cycles ----
bool cycles_due() {
  return g_registered.load(std::memory_order_relaxed) >=
         g_next_scan.load(std::memory_order_relaxed);
}

namespace {

bool scannable(const SharedObject* o) {
  return o->kind == Kind::kTable || o->kind == Kind::kFrozen || o->kind == Kind::kChannel;
}

// Calls f(target) for each registered object an SValue holds, through a packet it holds.
template <typename F>
void each_target(const SValue& v, F&& f) {
  if (v.is_object()) {
    f(object_of(v));
  } else if (v.tag == Tag::kPacket) {
    auto* p = static_cast<Packet*>(object_of(v));
    for (const SValue& x : p->values) {
      if (x.is_object()) f(object_of(x));
    }
    for (const SValue& x : p->slots) {
      if (x.is_object()) f(object_of(x));
    }
  }
}

// Calls f(value) for every SValue an object holds (its lock held).
template <typename F>
void each_value(SharedObject* o, F&& f) {
  if (o->kind == Kind::kChannel) {
    auto* c = static_cast<Channel*>(o);
    auto visit = [&](const Message& m) {
      for (uint32_t i = 0; i < m.n; i++) f(m.values[i]);
      if (m.packet != nullptr) {
        for (const SValue& x : m.packet->values) f(x);
        for (const SValue& x : m.packet->slots) f(x);
      }
    };
    for (const Message& m : c->queue) visit(m);
    if (c->ring != nullptr) {
      // Producers and consumers do not take the lock: read each cell between two looks at its
      // sequence number, inside a read section (a packet a consumer released meanwhile is
      // retired, not freed).
      epoch::ReadSection section;
      size_t d = c->dequeue_pos.load(std::memory_order_acquire);
      size_t e = c->enqueue_pos.load(std::memory_order_acquire);
      for (size_t pos = d; pos < e && pos - d < c->capacity; pos++) {
        const RingCell& cell = c->ring[pos % c->capacity];
        size_t seq = cell.seq.load(std::memory_order_acquire);
        if (seq != pos + 1) continue;  // not written yet, or taken
        Message m = load_message(cell);
        std::atomic_thread_fence(std::memory_order_acquire);
        if (cell.seq.load(std::memory_order_relaxed) != seq) continue;  // taken meanwhile
        visit(m);
      }
    }
    return;
  }
  TablePart* p = static_cast<SharedTable*>(o)->part.load(std::memory_order_relaxed);
  if (p == nullptr) return;
  each_entry(p, [&](Slot&, const SValue& k, const SValue& v) {
    f(k);
    f(v);
  });
}

std::mutex& lock_of(SharedObject* o) {
  return o->kind == Kind::kChannel ? static_cast<Channel*>(o)->m
                                   : static_cast<SharedTable*>(o)->write_mutex;
}

}  // namespace

size_t collect_cycles() {
  // Why it may run beside the program: an object is garbage when no reference to it comes from
  // outside the candidates. The counts are read after `g_scanning` is set and before the
  // edges: a reference taken after that marks its object (acquire, try_acquire), one dropped
  // only makes the count look higher (a root kept one run longer), and an edge cannot be added
  // without taking a reference. Garbage has no holder outside the store, so nobody but this
  // collector reads or writes it any more.
  static std::mutex running;
  std::unique_lock run(running, std::try_to_lock);
  if (!run.owns_lock()) return 0;
  // 1. The candidates, each with a reference of ours so that it stays while we look.
  std::vector<SharedObject*> objs;
  {
    epoch::ReadSection section;
    for (RegistryNode* n = g_nodes.load(std::memory_order_acquire); n; n = n->next) {
      SharedObject* o = n->object.load(std::memory_order_acquire);
      if (o != nullptr && scannable(o) && try_acquire(o)) objs.push_back(o);
    }
  }
  for (SharedObject* o : objs) o->touched.store(false, std::memory_order_relaxed);
  g_scanning.store(true, std::memory_order_seq_cst);
  std::unordered_map<SharedObject*, size_t> index;
  index.reserve(objs.size());
  for (size_t i = 0; i < objs.size(); i++) index.emplace(objs[i], i);
  // 2. The counts, then the references each object gets from the others (one lock at a time).
  std::vector<int64_t> refs(objs.size());
  for (size_t i = 0; i < objs.size(); i++) refs[i] = objs[i]->refs.load(std::memory_order_seq_cst);
  std::vector<std::vector<size_t>> edges(objs.size());
  std::vector<int64_t> internal(objs.size(), 0);
  std::vector<char> root(objs.size(), 0);
  for (size_t i = 0; i < objs.size(); i++) {
    std::lock_guard lock(lock_of(objs[i]));
    each_value(objs[i], [&](const SValue& v) {
      // A packet that someone else holds too (a reader copying it out) makes its targets roots.
      bool shared_packet =
          v.tag == Tag::kPacket && object_of(v)->refs.load(std::memory_order_relaxed) > 1;
      each_target(v, [&](SharedObject* x) {
        auto it = index.find(x);
        if (it == index.end()) return;
        if (shared_packet) {
          root[it->second] = 1;
          return;
        }
        internal[it->second]++;
        edges[i].push_back(it->second);
      });
    });
  }
  std::vector<size_t> work;
  for (size_t i = 0; i < objs.size(); i++) {
    if (refs[i] - 1 - internal[i] > 0) root[i] = 1;
    if (root[i]) work.push_back(i);
  }
  // 3. Mark what the roots reach; the rest, unless a reference was taken to it meanwhile, is
  // garbage: take its contents out.
  std::vector<char> reached(root);
  while (!work.empty()) {
    size_t i = work.back();
    work.pop_back();
    for (size_t j : edges[i]) {
      if (!reached[j]) {
        reached[j] = 1;
        work.push_back(j);
      }
    }
  }
  // 4. What a touched object reaches is live too.
  for (size_t i = 0; i < objs.size(); i++) {
    if (!reached[i] && objs[i]->touched.load(std::memory_order_seq_cst)) {
      reached[i] = 1;
      work.push_back(i);
    }
  }
  while (!work.empty()) {
    size_t i = work.back();
    work.pop_back();
    for (size_t j : edges[i]) {
      if (!reached[j]) {
        reached[j] = 1;
        work.push_back(j);
      }
    }
  }
  std::vector<TablePart*> parts;
  std::vector<Message> messages;
  size_t garbage = 0;
  for (size_t i = 0; i < objs.size(); i++) {
    if (reached[i]) continue;
    garbage++;
    std::lock_guard lock(lock_of(objs[i]));
    if (objs[i]->kind == Kind::kChannel) {
      auto* c = static_cast<Channel*>(objs[i]);
      for (Message& m : c->queue) messages.push_back(m);
      c->queue.clear();
      Message m;
      while (c->ring != nullptr && ring_pop(c, m)) messages.push_back(m);
      c->size.store(0, std::memory_order_relaxed);
    } else {
      auto* t = static_cast<SharedTable*>(objs[i]);
      if (TablePart* p = t->part.exchange(nullptr, std::memory_order_acq_rel)) parts.push_back(p);
    }
  }
  g_scanning.store(false, std::memory_order_seq_cst);
  // 5. Release what the garbage held (its members' counts drop to 0) and our references.
  for (TablePart* p : parts) {
    release_entries(p, true);
    epoch::retire(p, p->bytes, free_part_fn);
  }
  for (Message& m : messages) free_message(m);
  for (SharedObject* o : objs) release(o);
  size_t live = g_registered.load(std::memory_order_relaxed);
  g_next_scan.store(std::max<size_t>(1024, 2 * live), std::memory_order_relaxed);
  return garbage;
}

}  // namespace tycho::stdlib::shared
