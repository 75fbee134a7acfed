// The shared store: values that live outside every VM's heap, read and written by VMs that run
// on different OS threads at once (the `parallel` library: stdlib/parallel.cpp).
//
// An SValue is a Lua value as the store holds it: 16 bytes, a payload and a tag. Scalars are
// held as they are. A string is an SString (its bytes, immutable). A shared table, a frozen
// table, a channel and a thread handle are SharedObjects, counted by reference. A plain table or
// a Lua function sent by copy is a Packet (an immutable image of the values it reaches), also
// counted. Memory comes from the sharded slab (heap/shared_slab.hpp); memory that a reader on
// another thread may still see is retired through the epochs (gc/epoch.hpp), never freed at
// once.
//
// Ownership: an SValue owns what it points to. A string belongs to exactly one holder (a table
// slot, a packet); a counted object holds one reference for each SValue that names it and each
// VM handle that holds it; the last release retires it.
//
// Shared tables (the reader takes no lock; writers take the table's mutex):
//   - One open-addressing hash of slots (linear probing) holds every key, integers 1..n too. A
//     slot's key is written once and published by its tag (release); a key whose value becomes
//     nil stays as a tombstone until the next resize, so a probe never stops early.
//   - A slot's value is guarded by a per-slot sequence lock: the writer makes the sequence odd,
//     writes the 16 bytes, makes it even; a reader retries while it sees it odd or changed. So
//     a reader never sees a torn value, and never writes anything.
//   - A resize builds a new part (only live entries), publishes it, and retires the old part.
//   - Readers read inside an epoch read section (gc/epoch.hpp), so that what they look at (the
//     part, a key's or value's string) is not freed under them; they copy the value out (a
//     string's bytes to a buffer, a reference count taken on an object) before the section ends
//     and before anything that could allocate in their VM.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tycho::vm {
struct SharedProto;  // vm/shared_proto.hpp
}

namespace tycho::stdlib::shared {

enum class Tag : uint8_t {
  kNil = 0,
  kFalse,
  kTrue,
  kInt,
  kFloat,
  kString,   // SString*
  kTable,    // SharedTable* (shared or frozen)
  kChannel,  // Channel*
  kTask,     // Task* (a thread handle)
  kNative,   // a native function without upvalues, by identity (its address)
  kPacket,   // Packet*: a plain table or a Lua function, by copy
  kNode,     // inside a packet only: the node with this index
};

struct SValue {
  uint64_t bits = 0;
  Tag tag = Tag::kNil;
  bool is_nil() const { return tag == Tag::kNil; }
  bool is_object() const { return tag >= Tag::kTable && tag <= Tag::kTask; }
  bool counted() const { return is_object() || tag == Tag::kPacket; }
};

// Immutable bytes with the hash the VMs give them (one process-wide seed: vm::string_hash).
struct SString {
  uint32_t hash;
  uint32_t len;
  size_t bytes;  // allocation size
  char* data() { return reinterpret_cast<char*>(this + 1); }
  std::string_view view() { return {data(), len}; }
};
SString* new_string(std::string_view s, uint32_t hash);  // null when out of memory
void free_string(SString* s);

enum class Kind : uint8_t { kTable, kFrozen, kChannel, kTask, kPacket };

struct RegistryNode;
struct SharedObject {
  std::atomic<uint32_t> refs{1};
  Kind kind;
  // Reference counts cannot free a cycle (a shared table that holds itself): tables and
  // channels are registered for the cycle collector (collect_cycles), which sets `touched` on
  // those a reader takes a reference to while it runs.
  std::atomic<bool> touched{false};
  RegistryNode* registry = nullptr;
  explicit SharedObject(Kind k) : kind(k) {}
};
namespace detail {
extern std::atomic<bool> g_scanning;  // the cycle collector runs (collect_cycles)
}
// A reference from code that already holds one. While the cycle collector runs, every new
// reference marks its object `touched`: a root of that run.
inline void acquire(SharedObject* o) {
  o->refs.fetch_add(1, std::memory_order_seq_cst);
  if (detail::g_scanning.load(std::memory_order_seq_cst)) [[unlikely]]
    o->touched.store(true, std::memory_order_relaxed);
}
// A reference from a reader, which may race with the last release: fails when the count is 0
// (the object is retired: the reader saw an old value and retries).
bool try_acquire(SharedObject* o);
void release(SharedObject* o);  // the last release retires it
// Release what an SValue owns. `retire`: a string goes through the epochs (a reader may see
// it); else it is freed at once (the caller held it alone).
void release_value(const SValue& v, bool retire);
inline SharedObject* object_of(const SValue& v) {
  return reinterpret_cast<SharedObject*>(static_cast<uintptr_t>(v.bits));
}
inline SValue object_value(SharedObject* o, Tag tag) {
  return {static_cast<uint64_t>(reinterpret_cast<uintptr_t>(o)), tag};
}

// ---- Shared and frozen tables ----
struct TablePart;
struct SharedTable : SharedObject {
  std::atomic<TablePart*> part{nullptr};
  std::mutex write_mutex;  // writers, one at a time
  explicit SharedTable(Kind k) : SharedObject(k) {}
};
SharedTable* new_table(bool frozen);  // null when out of memory

// A key as lookups take it: normalized (floats with an integral value are integers), hashed.
// A string key's bytes stay the caller's (a VM string) for the lookup.
struct Key {
  Tag tag = Tag::kNil;
  uint64_t bits = 0;
  uint32_t hash = 0;
  std::string_view str;  // for kString
};

// The key of a float (false for NaN, which cannot be a key): an integral value is the integer
// key (2.0 is the key 2, as in Lua tables).
inline bool float_key(double d, Key& k) {
  if (d != d) return false;
  if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 &&
      static_cast<double>(static_cast<int64_t>(d)) == d) {
    k.tag = Tag::kInt;
    k.bits = static_cast<uint64_t>(static_cast<int64_t>(d));
  } else {
    k.tag = Tag::kFloat;
    std::memcpy(&k.bits, &d, sizeof d);
  }
  return true;
}

// What a read found, copied out of the store: scalars as they are, a string's bytes into
// `text`, a counted object with a reference taken (the caller releases it).
struct ReadValue {
  SValue v;
  std::string* text = nullptr;  // where kString bytes go (the caller's buffer)
};
void table_get(SharedTable* t, const Key& k, ReadValue& out);
// t[k] = v; takes v's ownership. False (and v released) when memory ran out.
bool table_set(SharedTable* t, const Key& k, SValue v);
// The border of the integer keys (as # on a table: some n with t[n] ~= nil and t[n+1] == nil).
int64_t table_length(SharedTable* t);
// The entry after `k` (nil: the first) into key/value; false when there is none. `found`
// false when k is not in the table.
bool table_next(SharedTable* t, const Key& k, ReadValue& key, ReadValue& value, bool& found);
// Atomic read-modify-write under the table's writer lock: the current value is copied into
// `old` (as table_get does; a counted object's reference is the caller's to release), then
// `fn(old, out, ctx)` returns true with `out` set to the value to store (owned), or false to
// leave it. Returns what fn returned. fn runs under the lock: no Lua code, no allocation in a VM.
using UpdateFn = bool (*)(const ReadValue& old, SValue& out, void* ctx);
bool table_update(SharedTable* t, const Key& k, ReadValue& old, UpdateFn fn, void* ctx);
size_t table_count(SharedTable* t);  // live entries (for stats and tests)
// parallel.increment: t[k] = (t[k] or 0) + delta (an integer or a float SValue), atomically,
// with `result` the new value. Returns kNil, or the tag of the value found when it is not a
// number (nothing stored).
Tag table_increment(SharedTable* t, const Key& k, SValue delta, SValue& result);

// ---- Channels ----
struct Packet;
// One thread waiting in parallel.select on several channels: a send or close on any of them
// signals it.
struct Selector {
  std::mutex m;
  std::condition_variable cv;
  bool signaled = false;
  void signal() {
    std::lock_guard lock(m);
    signaled = true;
    cv.notify_one();
  }
};
// A channel message: up to kInline simple values (scalars, strings, references) in place, so
// that the common message allocates nothing but its strings; else a packet.
struct Message {
  static constexpr int kInline = 3;
  uint32_t n = 0;  // values in place (when there is no packet)
  SValue values[kInline];
  Packet* packet = nullptr;
};
void free_message(Message& m);  // what it owns
// A bounded channel (capacity up to kMaxRing) keeps its messages in a lock-free ring (Dmitry
// Vyukov's bounded MPMC queue: a sequence number per cell says whose turn it is), so that a
// producer and a consumer on two cores touch the lock only to sleep or to wake each other;
// others keep a deque under the lock.
// A cell is one cache line, so that a message costs the consumer one line from the producer's
// cache (a 72-byte cell straddled two; the channel benchmark took 0.48 s for 2M messages with
// those, 0.385 s with these, medians on the 2-core VM).
struct alignas(64) RingCell {
  std::atomic<size_t> seq;
  // The message as words (n and the three tags in one, three values' bits, the packet), atomics
  // so that the cycle collector may read a cell that a producer is writing (it checks `seq`
  // around).
  std::atomic<uint64_t> words[2 + Message::kInline];
};
static_assert(sizeof(RingCell) == 64);
constexpr size_t kMaxRing = 1 << 16;
struct Channel : SharedObject {
  std::mutex m;  // sleeping and waking, the selectors, and the deque
  std::condition_variable not_empty, not_full;
  std::deque<Message> queue;    // without a ring, under m
  RingCell* ring = nullptr;     // `capacity` cells, or null
  void* ring_memory = nullptr;  // what was allocated for them (the slab aligns to 8)
  // Producers and consumers on their own cache lines (padding: the slab aligns to 8 only).
  char pad0[64];
  std::atomic<size_t> enqueue_pos{0};
  char pad1[64];
  std::atomic<size_t> dequeue_pos{0};
  char pad2[64];
  std::atomic<size_t> size{0};  // queue.size(), written under m, for watchers
  size_t capacity;              // 0: unbounded
  std::atomic<bool> closed{false};
  // Who sleeps on the channel: those who put a message in or take one out without the lock
  // look at these (after a fence) to know whether to take the lock and wake them.
  std::atomic<int> waiting_receivers{0}, waiting_senders{0}, nselectors{0};
  // parallel.select: those waiting on several channels are woken through these (under m).
  std::vector<Selector*> selectors;
  explicit Channel(size_t cap) : SharedObject(Kind::kChannel), capacity(cap) {}
};
Channel* new_channel(size_t capacity);  // null when out of memory
enum class SendResult { kSent, kFull, kClosed };
enum class ReceiveResult { kGot, kEmpty, kClosed };
// Without blocking; on kSent the message belongs to the channel (m is reset), on kGot to the
// caller. Both wake those who sleep on the other side.
SendResult channel_try_send(Channel* c, Message& m);
ReceiveResult channel_try_receive(Channel* c, Message& out);
// For waits (with or without c->m held): a send or a receive would not find it full or empty.
bool channel_can_send(Channel* c);
// A sender that found the channel full watches this while it spins: room for some messages
// (up to 32), not just one. Watching the very cell the receiver frees next made the two cores
// fight over its cache line at every message.
bool channel_has_slack(Channel* c);
bool channel_can_receive(Channel* c);
void channel_close(Channel* c);
size_t channel_size(Channel* c);  // about (messages in it)
// Blocking forms (stdlib/parallel.cpp): send waits while the channel is full, receive while it
// is empty (until the deadline, when there is one). A spawned VM's wait ends with kCancelled
// when its thread handle is cancelled. On kDone the message is the channel's (send) or the
// caller's (receive).
enum class Wait { kDone, kClosed, kTimeout, kCancelled };
Wait channel_send(Channel* c, Message& m);
Wait channel_receive(Channel* c, Message& out,
                     const std::chrono::steady_clock::time_point* deadline);

// ---- Packets: values sent by copy ----
// A node is a plain table (its entries, pairs of values; its metatable, a node or nil), a Lua
// function (its shared prototype and its upvalues), or a reference resolved in the receiving
// VM: its globals table or one of its standard libraries (by name).
struct Node {
  enum Type : uint8_t { kTable, kFunction, kGlobals, kLibrary } type;
  uint32_t first = 0, count = 0;  // entries (2 values each) or upvalues, in Packet::slots
  int32_t metatable = -1;         // node index
  std::string text;               // a library's name
  vm::SharedProto* proto = nullptr;  // a function's prototype (a reference the packet holds)
  std::vector<int32_t> joins;  // per upvalue: -1, or the flat index of the first upvalue it shares
};
struct Packet : SharedObject {
  std::vector<SValue> values;  // the top-level values
  std::vector<SValue> slots;   // table entries and upvalues, referenced by nodes
  std::vector<Node> nodes;
  Packet() : SharedObject(Kind::kPacket) {}
};
Packet* new_packet();             // counted in store_stats
void free_packet_now(Packet* p);  // not retired: no one else can see it

// ---- Cycles ----
// Free the shared tables and channels that only other shared objects hold (cycles), by a
// backup tracing of the store: the objects held from outside (VM handles, packets in flight,
// references taken meanwhile) are the roots; what they do not reach is cleared, and reference
// counting frees it. It runs beside readers and writers, taking one object's lock at a time.
// Returns how many objects it found unreachable; 0 when another thread is running it.
size_t collect_cycles();
// Whether enough tables and channels were made since the last run for another (the store has
// doubled, and at least 1024 are registered).
bool cycles_due();

// ---- Statistics ----
struct StoreStats {
  size_t objects = 0;  // live shared objects (tables, frozen tables, channels, handles, packets)
  size_t bytes = 0;    // bytes they and their parts and strings hold
};
StoreStats store_stats();
void count_bytes(ptrdiff_t delta);  // for objects allocated elsewhere (tasks)
void count_object(int delta);

}  // namespace tycho::stdlib::shared
