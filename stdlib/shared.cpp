// The shared store: strings, counted objects, shared tables, channels (the design: shared.hpp).
#include "stdlib/shared.hpp"

#include <cstring>
#include <new>
#include <thread>

#include "gc/epoch.hpp"
#include "heap/shared_slab.hpp"

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
bool try_acquire(SharedObject* o) {
  uint32_t n = o->refs.load(std::memory_order_relaxed);
  while (n != 0) {
    if (o->refs.compare_exchange_weak(n, n + 1, std::memory_order_relaxed)) return true;
  }
  return false;
}

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
      return sizeof(Channel) + static_cast<Channel*>(o)->queue.size() * sizeof(Message);
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
    for (uint32_t i = 0; i < old->capacity; i++) {
      Slot& s = old->slots()[i];
      Tag kt = s.key_tag.load(std::memory_order_relaxed);
      if (kt == Tag::kNil) continue;
      SValue v{s.value_bits.load(std::memory_order_relaxed),
               s.value_tag.load(std::memory_order_relaxed)};
      uint64_t kb = s.key_bits.load(std::memory_order_relaxed);
      uint32_t kh = s.key_hash.load(std::memory_order_relaxed);
      if (v.is_nil()) {  // a tombstone: its key goes
        release_value(SValue{kb, kt}, true);
        continue;
      }
      Key k{kt, kb, kh, {}};
      uint32_t h = hash_of(k);
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
    }
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
    for (uint32_t i = 0; i < p->capacity; i++) {
      Slot& s = p->slots()[i];
      Tag kt = s.key_tag.load(std::memory_order_relaxed);
      if (kt == Tag::kNil) continue;
      release_value(SValue{s.key_bits.load(std::memory_order_relaxed), kt}, false);
      release_value(SValue{s.value_bits.load(std::memory_order_relaxed),
                           s.value_tag.load(std::memory_order_relaxed)},
                    false);
    }
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
  return new (mem) SharedTable(frozen ? Kind::kFrozen : Kind::kTable);
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

// ---- Channels ----
Channel* new_channel(size_t capacity) {
  void* mem = allocate(sizeof(Channel));
  if (mem == nullptr) return nullptr;
  count_object(1);
  return new (mem) Channel(capacity);
}

namespace {
void free_channel(Channel* c) {
  for (Message& m : c->queue) free_message(m);
  count_object(-1);
  c->~Channel();
  deallocate(c, sizeof(Channel));
}
}  // namespace

void free_message(Message& m) {
  for (uint32_t i = 0; i < m.n; i++) release_value(m.values[i], false);
  m.n = 0;
  if (m.packet != nullptr) free_packet_now(m.packet);
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
  count_bytes(-static_cast<ptrdiff_t>(sizeof(Packet)));
  count_object(-1);
  delete p;
}

}  // namespace tycho::stdlib::shared
