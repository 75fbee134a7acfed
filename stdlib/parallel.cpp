// The `parallel` library: Lua code on every core, in VMs on pooled worker threads that share
// tables and channels (`local parallel = require "parallel"`).
//
// A VM sees a shared object (stdlib/shared.hpp) through a handle: a full userdata in its own
// heap that holds one reference; its __gc gives the reference back. Each VM keeps at most one
// handle per object (a weak cache in its registry), so `st.sub == st.sub` holds.
//
// Worker threads and their VMs are pooled: a worker makes a fresh VM while it waits for work
// (after each task the VM that ran it is closed, so no task sees another's globals), so a spawn
// costs a queue push and a wake-up. A worker idle for kIdleSeconds ends.
//
// Blocking (join, channel send and receive, select) never holds an epoch read section, and can
// be cancelled: a cancelled thread's VM is interrupted at its next instruction
// (vm::request_cancel), and a thread blocked in one of these is woken through the wait it
// registered in its task.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <deque>
#include <string>
#include <thread>
#include <unordered_map>

#include "gc/epoch.hpp"
#include "heap/shared_slab.hpp"
#include "lang/compile.hpp"
#include "stdlib/aux.hpp"
#include "stdlib/shared.hpp"
#include "stdlib/stdlib.hpp"
#include "stdlib/transfer.hpp"
#include "vm/shared_proto.hpp"
#include "vm/string.hpp"
#include "vm/vm.hpp"

namespace tycho::stdlib {

using shared::Channel;
using shared::Key;
using shared::Packet;
using shared::ReadValue;
using shared::SharedObject;
using shared::SharedTable;
using shared::SValue;
using shared::Tag;

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kIdleSeconds = 10;

// ---- Tasks (thread handles) ----
struct Task : SharedObject {
  enum State : uint8_t { kQueued, kRunning, kDone, kFailed, kCancelled };
  std::mutex m;  // state, output, traceback
  std::condition_variable finished;
  State state = kQueued;
  Packet* input = nullptr;   // the function and its arguments (the worker consumes it)
  Packet* output = nullptr;  // the results, or the error value
  std::string traceback;
  std::atomic<bool> cancel{false};
  std::atomic<bool> ended{false};  // state >= kDone, for a joiner that watches before it sleeps
  bool generational = false;       // the spawning VM's collector mode, which the thread's VM takes
  // What a cancellation must wake: the running VM, and the wait the task's thread is blocked in.
  std::mutex wait_lock;  // taken before any other lock
  vm::Global* vm = nullptr;
  std::mutex* wait_mutex = nullptr;
  std::condition_variable* wait_cv = nullptr;
  Task() : SharedObject(shared::Kind::kTask) {}
};

thread_local Task* t_task = nullptr;  // the task this thread runs
thread_local int t_worker_id = 0;     // parallel.id(): 0 outside workers

bool cancelled() { return t_task != nullptr && t_task->cancel.load(std::memory_order_relaxed); }

// Registers the wait this thread is about to block in (on cv, with m) with its task, so that a
// cancellation wakes it. Construct it without holding m.
struct Blocking {
  Task* task;
  Blocking(std::mutex& m, std::condition_variable& cv) : task(t_task) {
    if (task == nullptr) return;
    std::lock_guard lock(task->wait_lock);
    task->wait_mutex = &m;
    task->wait_cv = &cv;
  }
  ~Blocking() {
    if (task == nullptr) return;
    std::lock_guard lock(task->wait_lock);
    task->wait_mutex = nullptr;
    task->wait_cv = nullptr;
  }
};

void cancel_task(Task* t) {
  t->cancel.store(true);
  std::lock_guard lock(t->wait_lock);
  if (t->vm != nullptr) vm::request_cancel(t->vm);
  if (t->wait_mutex != nullptr) {
    std::lock_guard wl(*t->wait_mutex);
    t->wait_cv->notify_all();
  }
}

// Wait on cv (lk holds its mutex) until ready(), the deadline (when `timed`) or a cancellation.
template <typename Ready>
void wait_until(std::unique_lock<std::mutex>& lk, std::condition_variable& cv, bool timed,
                Clock::time_point deadline, Ready ready) {
  while (!ready() && !cancelled()) {
    if (!timed) {
      cv.wait(lk);
    } else if (cv.wait_until(lk, deadline) == std::cv_status::timeout) {
      return;
    }
  }
}

// Before blocking on a channel, a join or an empty pool: watch a little while the other side is
// likely running, so that a busy producer and consumer (a spawner and a worker) hand over
// without sleeping. About 5 us of pauses (40 ns each on this VM's EPYC), then some yields (as
// crossbeam's Backoff does), so that where threads outnumber cores the watcher gives its core
// to the thread it waits for: spawn + join went from 0.25-0.60 s to 0.25-0.32 s for 20,000
// (20 us of pauses before).
template <typename Ready>
bool spin_until(Ready ready) {
  for (int i = 0; i < 128; i++) {
    if (ready()) return true;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
  for (int i = 0; i < 16; i++) {
    if (ready()) return true;
    std::this_thread::yield();
  }
  return ready();
}

}  // namespace

namespace shared {

Wait channel_send(Channel* c, Message& msg) {
  for (;;) {
    switch (channel_try_send(c, msg)) {
      case SendResult::kSent:
        return Wait::kDone;
      case SendResult::kClosed:
        return Wait::kClosed;
      case SendResult::kFull:
        break;
    }
    if (spin_until([c] { return channel_has_slack(c); })) continue;
    Blocking b(c->m, c->not_full);
    std::unique_lock lk(c->m);
    c->waiting_senders.fetch_add(1, std::memory_order_seq_cst);
    std::atomic_thread_fence(std::memory_order_seq_cst);  // pairs with wake_senders's
    wait_until(lk, c->not_full, false, {}, [c] { return channel_can_send(c); });
    c->waiting_senders.fetch_sub(1, std::memory_order_relaxed);
    lk.unlock();
    if (cancelled()) return Wait::kCancelled;
  }
}

Wait channel_receive(Channel* c, Message& out, const Clock::time_point* deadline) {
  for (;;) {
    switch (channel_try_receive(c, out)) {
      case ReceiveResult::kGot:
        return Wait::kDone;
      case ReceiveResult::kClosed:
        return Wait::kClosed;
      case ReceiveResult::kEmpty:
        break;
    }
    if (deadline != nullptr && Clock::now() >= *deadline) return Wait::kTimeout;
    if (spin_until([c] { return channel_can_receive(c); })) continue;
    Blocking b(c->m, c->not_empty);
    std::unique_lock lk(c->m);
    c->waiting_receivers.fetch_add(1, std::memory_order_seq_cst);
    std::atomic_thread_fence(std::memory_order_seq_cst);  // pairs with wake_receivers's
    wait_until(lk, c->not_empty, deadline != nullptr,
               deadline != nullptr ? *deadline : Clock::time_point{},
               [c] { return channel_can_receive(c); });
    c->waiting_receivers.fetch_sub(1, std::memory_order_relaxed);
    lk.unlock();
    if (cancelled()) return Wait::kCancelled;
  }
}

}  // namespace shared

namespace {

// A timeout argument in seconds: none (wait for ever), or a deadline.
bool opt_deadline(Thread* L, int arg, Clock::time_point& deadline) {
  if (api::is_none_or_nil(L, arg)) return false;
  double s = check_number(L, arg);
  if (std::isnan(s) || s < 0) s = 0;
  if (s > 1e9) return false;
  deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  return true;
}

// ---- Handles ----
constexpr uint64_t kHandleMagic = 0x7479636f2e706172ull;
struct HandleData {
  uint64_t magic;
  SharedObject* object;
  heap::shared::Handle slab;  // for objects from the slab: a stale handle is detected
  Tag tag;
};

constexpr const char* kTableMeta = "parallel.table";
constexpr const char* kFrozenMeta = "parallel.frozen";
constexpr const char* kChannelMeta = "parallel.channel";
constexpr const char* kThreadMeta = "parallel.thread";
constexpr const char* kHandleCache = "parallel.handles";

// Every shared-table access checks its handle: read the stack slot directly.
HandleData* to_handle(Thread* L, int idx) {
  const vm::Value* v = api::detail::arg_slot(L, idx);
  if (v == nullptr || !v->is_userdata()) return nullptr;
  const vm::Userdata* u = v->as_userdata();
  if (u->len < sizeof(HandleData)) return nullptr;
  auto* h = static_cast<HandleData*>(u->mem);
  return h->magic == kHandleMagic ? h : nullptr;
}

const char* meta_of(SharedObject* o) {
  switch (o->kind) {
    case shared::Kind::kTable:
      return kTableMeta;
    case shared::Kind::kFrozen:
      return kFrozenMeta;
    case shared::Kind::kChannel:
      return kChannelMeta;
    default:
      return kThreadMeta;
  }
}

SharedTable* check_table(Thread* L, int arg) {
  HandleData* h = to_handle(L, arg);
  if (h == nullptr || h->tag != Tag::kTable) type_error(L, arg, "shared table");
  if (!heap::shared::is_live(h->slab)) error(L, "stale shared table handle");
  return static_cast<SharedTable*>(h->object);
}

Channel* check_channel(Thread* L, int arg) {
  HandleData* h = to_handle(L, arg);
  if (h == nullptr || h->tag != Tag::kChannel) type_error(L, arg, "channel");
  if (!heap::shared::is_live(h->slab)) error(L, "stale channel handle");
  return static_cast<Channel*>(h->object);
}

Task* check_task(Thread* L, int arg) {
  HandleData* h = to_handle(L, arg);
  if (h == nullptr || h->tag != Tag::kTask) type_error(L, arg, "thread handle");
  return static_cast<Task*>(h->object);
}

int handle_gc(Thread* L) {
  if (HandleData* h = to_handle(L, 1)) {
    if (h->object != nullptr) shared::release(h->object);
    h->object = nullptr;
    h->magic = 0;
  }
  return 0;
}

int handle_tostring(Thread* L) {
  HandleData* h = to_handle(L, 1);
  api::push_fstring(L, "%s: %p", h ? meta_of(h->object) : "parallel", h ? h->object : nullptr);
  return 1;
}

void setup_registry(Thread* L);

}  // namespace

namespace transfer {

bool handle_value(Thread* L, int idx, SValue& out) {
  HandleData* h = to_handle(L, idx);
  if (h == nullptr || h->object == nullptr) return false;
  out = shared::object_value(h->object, h->tag);
  return true;
}

void push_handle(Thread* L, SharedObject* o, Tag tag) {
  api::check_stack(L, 4);
  if (api::get_field(L, vm::kRegistryIndex, kHandleCache) != vm::kTTable) {
    api::pop(L, 1);
    setup_registry(L);  // a VM that did not require the library receives a handle
    api::get_field(L, vm::kRegistryIndex, kHandleCache);
  }
  int cache = api::get_top(L);
  if (api::raw_get_p(L, cache, o) == vm::kTUserdata) {
    HandleData* h = to_handle(L, -1);
    if (h != nullptr && h->object == o) {
      shared::release(o);  // the handle there holds one already
      api::remove(L, cache);
      return;
    }
  }
  api::pop(L, 1);
  auto* h = static_cast<HandleData*>(api::new_userdata(L, sizeof(HandleData), 0));
  h->magic = kHandleMagic;
  h->object = o;
  h->slab = tag == Tag::kTask ? heap::shared::Handle{} : heap::shared::handle_of(o);
  h->tag = tag;
  get_metatable(L, meta_of(o));
  api::set_metatable(L, -2);
  api::push_value(L, -1);
  api::raw_set_p(L, cache, o);
  api::remove(L, cache);
}

}  // namespace transfer

namespace {

// ---- Shared tables ----
thread_local std::string t_text, t_text2;  // a string read out of the store

// The key at idx for a lookup (false: no such key can be in a shared table) or, with `write`, for
// a store (errors as lua's for nil and NaN, and for keys that cannot be shared).
bool make_key(Thread* L, int idx, Key& k, bool write) {
  if (const vm::Value* v = api::detail::arg_slot(L, idx); v != nullptr && v->is_string()) {
    vm::String* s = v->as_string();  // the common key, without the API's conversions
    k.tag = Tag::kString;
    k.str = {s->data(), s->len};
    k.hash = v->is_short_string() ? s->hash() : vm::string_hash(s);
    return true;
  }
  switch (api::type(L, idx)) {
    case vm::kTNil:
      if (write) error(L, "table index is nil");
      return false;
    case vm::kTBoolean:
      k.tag = api::to_boolean(L, idx) ? Tag::kTrue : Tag::kFalse;
      k.bits = 0;
      return true;
    case vm::kTNumber: {
      if (api::is_integer(L, idx)) {
        k.tag = Tag::kInt;
        k.bits = static_cast<uint64_t>(api::to_integer(L, idx));
        return true;
      }
      if (!shared::float_key(api::to_number(L, idx), k)) {
        if (write) error(L, "table index is NaN");
        return false;
      }
      return true;
    }
    case vm::kTString: {
      size_t len;
      const char* s = api::to_lstring(L, idx, &len);
      k.tag = Tag::kString;
      k.str = {s, len};
      k.hash = vm::string_hash(api::detail::arg_slot(L, idx)->as_string());
      return true;
    }
    case vm::kTUserdata: {
      SValue v;
      if (transfer::handle_value(L, idx, v)) {
        k.tag = v.tag;
        k.bits = v.bits;
        return true;
      }
      break;
    }
    case vm::kTFunction:
      if (api::is_native_function(L, idx)) {
        k.tag = Tag::kNative;
        k.bits = reinterpret_cast<uintptr_t>(api::to_native_function(L, idx));
        return true;
      }
      break;
    default:
      break;
  }
  if (write) error(L, "cannot use a %s as a shared table key", type_name_at(L, idx));
  return false;
}

// Push what a read copied out (its reference, if any, goes to the handle or is released).
void push_read(Thread* L, ReadValue& rv) {
  const SValue& v = rv.v;
  if (v.tag == Tag::kString) {
    api::push_lstring(L, rv.text->data(), rv.text->size());
  } else if (v.tag == Tag::kPacket) {
    auto* pk = static_cast<Packet*>(shared::object_of(v));
    struct Release {
      Packet* p;
      ~Release() { shared::release(p); }
    } release{pk};
    transfer::push_packet(L, pk);
  } else if (v.is_object()) {
    transfer::push_handle(L, shared::object_of(v), v.tag);
  } else {
    transfer::push_value(L, v);
  }
}

int st_index(Thread* L) {
  SharedTable* t = check_table(L, 1);
  Key k;
  if (!make_key(L, 2, k, false)) {
    api::push_nil(L);
    return 1;
  }
  ReadValue rv{SValue{}, &t_text};
  shared::table_get(t, k, rv);
  push_read(L, rv);
  return 1;
}

// st_index without a call frame, from the interpreter (vm::Global::direct_index): for keys and
// values that need no handle (scalars and strings); false sends the rest to st_index.
bool st_index_direct(Thread* L, const vm::Value* obj, const vm::Value* key, vm::Value* val) {
  if (!obj->is_userdata()) return false;
  const vm::Userdata* u = obj->as_userdata();
  if (u->len < sizeof(HandleData)) return false;
  auto* h = static_cast<HandleData*>(u->mem);
  if (h->magic != kHandleMagic || h->tag != Tag::kTable || !heap::shared::is_live(h->slab)) {
    return false;
  }
  Key k;
  if (key->is_string()) {
    vm::String* s = key->as_string();
    k.tag = Tag::kString;
    k.str = {s->data(), s->len};
    k.hash = key->is_short_string() ? s->hash() : vm::string_hash(s);
  } else if (key->is_int()) {
    k.tag = Tag::kInt;
    k.bits = static_cast<uint64_t>(key->as_int());
  } else {
    return false;
  }
  ReadValue rv{SValue{}, &t_text};
  shared::table_get(static_cast<SharedTable*>(h->object), k, rv);
  switch (rv.v.tag) {
    case Tag::kNil:
      val->set_nil();
      return true;
    case Tag::kFalse:
    case Tag::kTrue:
      val->set_bool(rv.v.tag == Tag::kTrue);
      return true;
    case Tag::kInt:
      val->set_int(static_cast<int64_t>(rv.v.bits));
      return true;
    case Tag::kFloat: {
      double d;
      std::memcpy(&d, &rv.v.bits, sizeof d);
      val->set_float(d);
      return true;
    }
    case Tag::kString:
      val->set_object(vm::new_string(L, t_text.data(), t_text.size()));
      return true;
    default:
      if (rv.v.counted()) shared::release(shared::object_of(rv.v));
      return false;  // a handle or a copy: the ordinary call makes it
  }
}

int st_newindex(Thread* L) {
  SharedTable* t = check_table(L, 1);
  if (t->kind == shared::Kind::kFrozen) error(L, "attempt to modify a frozen table");
  Key k;
  make_key(L, 2, k, true);
  SValue v = transfer::Sender::single(L, 3);
  if (!shared::table_set(t, k, v)) vm::raise_memory_error(L);
  return 0;
}

int st_len(Thread* L) {
  api::push_integer(L, shared::table_length(check_table(L, 1)));
  return 1;
}

int st_next(Thread* L) {
  SharedTable* t = check_table(L, 1);
  api::set_top(L, 2);
  Key k;
  if (!api::is_nil(L, 2) && !make_key(L, 2, k, false)) error(L, "invalid key to 'next'");
  ReadValue key{SValue{}, &t_text}, value{SValue{}, &t_text2};
  bool found;
  bool more = shared::table_next(t, k, key, value, found);
  if (!found) error(L, "invalid key to 'next'");
  if (!more) {
    api::push_nil(L);
    return 1;
  }
  push_read(L, key);
  push_read(L, value);
  return 2;
}

int st_pairs(Thread* L) {
  check_table(L, 1);
  api::push_native_function(L, st_next);
  api::push_value(L, 1);
  api::push_nil(L);
  return 3;
}

// Build a shared (or frozen) table from the plain table at idx; nested plain tables become
// shared (frozen) tables too, sharing and cycles kept (`made`: tables already converted).
SharedTable* convert(Thread* L, int idx, bool frozen,
                     std::unordered_map<const void*, SharedTable*>& made) {
  idx = api::abs_index(L, idx);
  api::check_stack(L, 6);
  SharedTable* t = shared::new_table(frozen);
  if (t == nullptr) vm::raise_memory_error(L);
  made[api::to_pointer(L, idx)] = t;
  // Until it is handed out, the table is held by a handle on the stack (freed if this fails).
  transfer::push_handle(L, t, Tag::kTable);
  api::push_nil(L);
  while (api::next(L, idx)) {
    Key k;
    make_key(L, -2, k, true);
    SValue v;
    if (api::is_table(L, -1)) {
      auto it = made.find(api::to_pointer(L, -1));
      SharedTable* sub = it != made.end() ? it->second : nullptr;
      if (sub != nullptr) {
        shared::acquire(sub);
      } else {
        sub = convert(L, -1, frozen, made);  // pushes its handle
        shared::acquire(sub);
        api::pop(L, 1);
      }
      v = shared::object_value(sub, Tag::kTable);
    } else {
      v = transfer::Sender::single(L, -1);
    }
    if (!shared::table_set(t, k, v)) vm::raise_memory_error(L);
    api::pop(L, 1);
  }
  return t;  // its handle is on top
}

// After making tables or channels: look for cycles of them when the store has doubled.
void maybe_collect_cycles() {
  if (shared::cycles_due()) shared::collect_cycles();
}

int p_table(Thread* L) {
  maybe_collect_cycles();
  if (api::is_none_or_nil(L, 1)) {
    SharedTable* t = shared::new_table(false);
    if (t == nullptr) vm::raise_memory_error(L);
    transfer::push_handle(L, t, Tag::kTable);
    return 1;
  }
  check_type(L, 1, vm::kTTable);
  std::unordered_map<const void*, SharedTable*> made;
  convert(L, 1, false, made);
  return 1;
}

int p_freeze(Thread* L) {
  if (HandleData* h = to_handle(L, 1); h != nullptr && h->object->kind == shared::Kind::kFrozen) {
    api::set_top(L, 1);
    return 1;
  }
  check_type(L, 1, vm::kTTable);
  maybe_collect_cycles();
  std::unordered_map<const void*, SharedTable*> made;
  convert(L, 1, true, made);
  return 1;
}

// parallel.collect(): free the cycles of shared tables and channels that nothing else holds
// now (it also runs by itself as the store grows); how many objects it freed.
int p_collect(Thread* L) {
  // Objects this thread released but has not freed yet still hold references: free them first.
  gc::epoch::synchronize();
  size_t n = shared::collect_cycles();
  gc::epoch::synchronize();  // and what that released is freed before this returns
  api::push_integer(L, static_cast<int64_t>(n));
  return 1;
}

// A Lua value to compare with what a table holds (parallel.cas's `expected`), as raw equality.
struct Expected {
  Tag tag = Tag::kNil;
  uint64_t bits = 0;
  double number = 0;
  bool is_number = false;
  std::string_view str;
  bool comparable = true;  // plain tables and Lua functions are copies: never equal
};

Expected expected_at(Thread* L, int idx) {
  Expected e;
  switch (api::type(L, idx)) {
    case vm::kTNil:
    case api::kTNone:
      break;
    case vm::kTBoolean:
      e.tag = api::to_boolean(L, idx) ? Tag::kTrue : Tag::kFalse;
      break;
    case vm::kTNumber:
      e.is_number = true;
      if (api::is_integer(L, idx)) {
        e.tag = Tag::kInt;
        e.bits = static_cast<uint64_t>(api::to_integer(L, idx));
      } else {
        e.tag = Tag::kFloat;
        e.number = api::to_number(L, idx);
      }
      break;
    case vm::kTString: {
      size_t len;
      const char* s = api::to_lstring(L, idx, &len);
      e.tag = Tag::kString;
      e.str = {s, len};
      break;
    }
    default: {
      SValue v;
      Key k;
      if (transfer::handle_value(L, idx, v)) {
        e.tag = v.tag;
        e.bits = v.bits;
      } else if (make_key(L, idx, k, false) && k.tag == Tag::kNative) {
        e.tag = Tag::kNative;
        e.bits = k.bits;
      } else {
        e.comparable = false;
      }
    }
  }
  return e;
}

// An integer and a float are equal when the float has exactly the integer's value (Lua's rule).
bool int_equals_float(int64_t i, double d) {
  return std::floor(d) == d && d >= -9223372036854775808.0 && d < 9223372036854775808.0 &&
         static_cast<int64_t>(d) == i;
}

bool matches(const Expected& e, const ReadValue& cur) {
  const SValue& v = cur.v;
  if (!e.comparable) return false;
  if (e.is_number && (v.tag == Tag::kInt || v.tag == Tag::kFloat)) {
    double d;
    std::memcpy(&d, &v.bits, sizeof d);
    auto vi = static_cast<int64_t>(v.bits);
    if (e.tag == Tag::kInt) {
      return v.tag == Tag::kInt ? e.bits == v.bits
                                : int_equals_float(static_cast<int64_t>(e.bits), d);
    }
    return v.tag == Tag::kInt ? int_equals_float(vi, e.number) : e.number == d;
  }
  if (e.tag != v.tag) return false;
  if (v.tag == Tag::kString) return *cur.text == e.str;
  if (v.tag == Tag::kNil || v.tag == Tag::kTrue || v.tag == Tag::kFalse) return true;
  return e.bits == v.bits;
}

struct ReleaseRead {  // gives back the reference a read took, if it was not pushed
  ReadValue& rv;
  bool armed = true;
  ~ReleaseRead() {
    if (armed && rv.v.counted()) shared::release(shared::object_of(rv.v));
  }
};

SharedTable* check_writable(Thread* L, int arg) {
  SharedTable* t = check_table(L, arg);
  if (t->kind == shared::Kind::kFrozen) error(L, "attempt to modify a frozen table");
  return t;
}

// parallel.increment(st, k [, delta]): st[k] = (st[k] or 0) + delta, atomically; the new value.
int p_increment(Thread* L) {
  SharedTable* t = check_writable(L, 1);
  Key k;
  make_key(L, 2, k, true);
  if (!api::is_none_or_nil(L, 3) && api::type(L, 3) != vm::kTNumber) tag_error(L, 3, vm::kTNumber);
  SValue delta{1, Tag::kInt};
  if (!api::is_none_or_nil(L, 3)) {
    if (api::is_integer(L, 3)) {
      delta.bits = static_cast<uint64_t>(api::to_integer(L, 3));
    } else {
      const double d = check_number(L, 3);
      std::memcpy(&delta.bits, &d, sizeof d);
      delta.tag = Tag::kFloat;
    }
  }
  SValue result;
  Tag bad = shared::table_increment(t, k, delta, result);
  if (bad != Tag::kNil) {
    error(L, "attempt to perform arithmetic on a %s value (shared table field)",
          bad == Tag::kString ? "string" : "non-number");
  }
  transfer::push_value(L, result);
  return 1;
}

// parallel.cas(st, k, expected, new): stores new if st[k] == expected; returns ok and the value
// found there.
int p_cas(Thread* L) {
  SharedTable* t = check_writable(L, 1);
  Key k;
  make_key(L, 2, k, true);
  check_any(L, 3);
  Expected e = expected_at(L, 3);
  struct Ctx {
    Expected* e;
    SValue nv;
  } ctx{&e, transfer::Sender::single(L, 4)};
  ReadValue old{SValue{}, &t_text};
  ReleaseRead guard{old};
  bool ok = shared::table_update(
      t, k, old,
      [](const ReadValue& cur, SValue& out, void* p) {
        auto& c = *static_cast<Ctx*>(p);
        if (!matches(*c.e, cur)) return false;
        out = c.nv;
        return true;
      },
      &ctx);
  if (!ok) shared::release_value(ctx.nv, false);
  api::push_boolean(L, ok);
  guard.armed = false;
  push_read(L, old);
  return 2;
}

// parallel.swap(st, k, v): stores v; returns the old value.
int p_swap(Thread* L) {
  SharedTable* t = check_writable(L, 1);
  Key k;
  make_key(L, 2, k, true);
  SValue nv = transfer::Sender::single(L, 3);
  ReadValue old{SValue{}, &t_text};
  ReleaseRead guard{old};
  shared::table_update(
      t, k, old,
      [](const ReadValue&, SValue& out, void* p) {
        out = *static_cast<SValue*>(p);
        return true;
      },
      &nv);
  guard.armed = false;
  push_read(L, old);
  return 1;
}

// parallel.update(st, k, fn): stores fn(old) unless st[k] changed meanwhile, else calls fn again
// with the new value; returns what was stored.
int p_update(Thread* L) {
  SharedTable* t = check_writable(L, 1);
  Key k;
  make_key(L, 2, k, true);
  check_type(L, 3, vm::kTFunction);
  for (;;) {
    std::string seen_text;
    ReadValue seen{SValue{}, &seen_text};
    shared::table_get(t, k, seen);
    ReleaseRead guard{seen};
    if (seen.v.counted()) shared::acquire(shared::object_of(seen.v));  // one for the push
    ReadValue pushed = seen;
    api::set_top(L, 3);
    api::push_value(L, 3);
    push_read(L, pushed);
    api::call(L, 1, 1);
    SValue nv = transfer::Sender::single(L, 4);
    struct Ctx {
      ReadValue* seen;
      SValue nv;
    } ctx{&seen, nv};
    std::string cur_text;
    ReadValue cur{SValue{}, &cur_text};
    ReleaseRead cur_guard{cur};
    bool ok = shared::table_update(
        t, k, cur,
        [](const ReadValue& c, SValue& out, void* p) {
          auto& x = *static_cast<Ctx*>(p);
          const SValue& a = c.v;
          const SValue& b = x.seen->v;
          bool same = a.tag == b.tag &&
                      (a.tag == Tag::kString ? *c.text == *x.seen->text : a.bits == b.bits);
          if (!same) return false;
          out = x.nv;
          return true;
        },
        &ctx);
    if (ok) return 1;  // fn's result, on top
    shared::release_value(nv, false);
    if (cancelled()) vm::raise_cancel(L);
  }
}

// ---- Channels ----
// Push a received message's values (the message is freed after).
int push_message(Thread* L, shared::Message& msg) {
  struct Owned {
    shared::Message& m;
    ~Owned() { shared::free_message(m); }
  } owned{msg};
  if (msg.packet != nullptr) return transfer::push_packet(L, msg.packet);
  api::check_stack(L, static_cast<int>(msg.n));
  for (uint32_t i = 0; i < msg.n; i++) transfer::push_value(L, msg.values[i]);
  return static_cast<int>(msg.n);
}

int ch_send(Thread* L) {
  Channel* c = check_channel(L, 1);
  int n = api::get_top(L);
  struct Owned {
    shared::Message m;
    ~Owned() { shared::free_message(m); }
  } owned;
  shared::Message& msg = owned.m;
  bool simple = n - 1 <= shared::Message::kInline;
  for (int i = 2; simple && i <= n; i++) {
    SValue v;
    if (transfer::Sender::simple(L, i, v, i - 1)) {
      msg.values[msg.n++] = v;
    } else {
      simple = false;
    }
  }
  if (!simple) {
    shared::free_message(msg);
    transfer::Sender sender(L);
    for (int i = 2; i <= n; i++) {
      sender.push_path("value #" + std::to_string(i - 1));
      sender.add(i);
      sender.pop_path();
    }
    msg.packet = sender.take();
  }
  switch (shared::channel_send(c, msg)) {
    case shared::Wait::kClosed:
      error(L, "channel is closed");
    case shared::Wait::kCancelled:
      vm::raise_cancel(L);
    default:
      return 0;
  }
}

int fail2(Thread* L, const char* why) {
  api::push_nil(L);
  api::push_string(L, why);
  return 2;
}

int ch_receive(Thread* L) {
  Channel* c = check_channel(L, 1);
  Clock::time_point deadline;
  bool timed = opt_deadline(L, 2, deadline);
  api::set_top(L, 1);
  shared::Message msg;
  switch (shared::channel_receive(c, msg, timed ? &deadline : nullptr)) {
    case shared::Wait::kDone:
      return push_message(L, msg);
    case shared::Wait::kClosed:
      return fail2(L, "closed");
    case shared::Wait::kTimeout:
      return fail2(L, "timeout");
    case shared::Wait::kCancelled:
      break;
  }
  vm::raise_cancel(L);
}

int ch_close(Thread* L) {
  shared::channel_close(check_channel(L, 1));
  return 0;
}

int p_channel(Thread* L) {
  int64_t cap = opt_integer(L, 1, 0);
  arg_check(L, cap >= 0, 1, "capacity must not be negative");
  maybe_collect_cycles();
  Channel* c = shared::new_channel(static_cast<size_t>(cap));
  if (c == nullptr) vm::raise_memory_error(L);
  transfer::push_handle(L, c, Tag::kChannel);
  return 1;
}

// parallel.select(channels [, seconds]): the first channel with a message and its values, or
// nil, "timeout". A closed, empty channel is ready too: it gives itself, nil, "closed".
int p_select(Thread* L) {
  check_type(L, 1, vm::kTTable);
  Clock::time_point deadline;
  bool timed = opt_deadline(L, 2, deadline);
  api::set_top(L, 1);
  std::vector<Channel*> chans;
  int64_t n = static_cast<int64_t>(api::raw_len(L, 1));
  for (int64_t i = 1; i <= n; i++) {
    api::raw_get_i(L, 1, i);
    HandleData* h = to_handle(L, -1);
    if (h == nullptr || h->tag != Tag::kChannel)
      error(L, "bad argument #1 to 'select' (channel expected at index %d)", static_cast<int>(i));
    chans.push_back(static_cast<Channel*>(h->object));
    api::pop(L, 1);
  }
  shared::Selector sel;
  auto unregister = [&] {
    for (Channel* c : chans) {
      std::lock_guard lk(c->m);
      auto& v = c->selectors;
      v.erase(std::remove(v.begin(), v.end(), &sel), v.end());
      c->nselectors.fetch_sub(1, std::memory_order_relaxed);
    }
  };
  struct Unregister {
    decltype(unregister)& f;
    bool armed = false;
    ~Unregister() {
      if (armed) f();
    }
  } guard{unregister};
  for (;;) {
    for (Channel* c : chans) {
      std::lock_guard lk(c->m);
      c->selectors.push_back(&sel);
      c->nselectors.fetch_add(1, std::memory_order_seq_cst);
    }
    guard.armed = true;
    std::atomic_thread_fence(std::memory_order_seq_cst);  // pairs with wake_receivers's
    for (size_t i = 0; i < chans.size(); i++) {
      shared::Message msg;
      shared::ReceiveResult r = shared::channel_try_receive(chans[i], msg);
      if (r == shared::ReceiveResult::kEmpty) continue;
      guard.armed = false;
      unregister();
      api::raw_get_i(L, 1, static_cast<int64_t>(i) + 1);
      if (r == shared::ReceiveResult::kClosed) {
        api::push_nil(L);
        api::push_string(L, "closed");
        return 3;
      }
      return push_message(L, msg) + 1;
    }
    if (timed && Clock::now() >= deadline) return fail2(L, "timeout");
    {
      Blocking b(sel.m, sel.cv);
      std::unique_lock lk(sel.m);
      wait_until(lk, sel.cv, timed, deadline, [&] { return sel.signaled; });
      sel.signaled = false;
    }
    guard.armed = false;
    unregister();
    if (cancelled()) vm::raise_cancel(L);
  }
}

// ---- Threads ----
struct Pool {
  std::mutex m;
  std::condition_variable cv;
  std::deque<Task*> queue;
  int idle = 0;      // workers waiting for a task
  int watching = 0;  // of those, the ones that watch `pending` before they sleep
  int workers = 0;   // worker threads alive
  int next_id = 0;
  // At exit, idle workers close their VMs (so that nothing they hold is left): shutdown_pool.
  int busy = 0;                    // workers running a task
  std::atomic<size_t> pending{0};  // queue.size(), for idle workers that watch before sleeping
  bool shutting_down = false;
  std::condition_variable closed;
};
Pool& pool() {
  static Pool* p = new Pool;  // never destroyed: workers may outlive main()
  return *p;
}

Thread* new_worker_vm() {
  share_library_names();
  Thread* L = vm::new_vm();
  if (L == nullptr) return nullptr;
  L->g->compiler = lang::compile;
  set_default_warn(L);
  int status = vm::raw_run_protected(
      L, [](Thread* L, void*) { open_libs(L); }, nullptr);
  if (status != vm::kOk) {
    vm::close_vm(L);
    return nullptr;
  }
  return L;
}

int traceback_handler(Thread* L) {
  traceback(L, L, nullptr, 1);
  api::set_field(L, vm::kRegistryIndex, "parallel.traceback");
  api::set_top(L, 1);
  return 1;
}

void finish_task(Task* t, Task::State state) {
  std::lock_guard lk(t->m);
  t->state = state;
  t->ended.store(true, std::memory_order_release);
  t->finished.notify_all();
}

// Pack the error value on top of L into the task's output (its string form if it cannot be sent).
void set_error_output(Thread* L, Task* t) {
  struct P {
    Task* t;
  } p{t};
  int base = api::get_top(L);
  int status = vm::raw_run_protected(
      L,
      [](Thread* L, void* ud) {
        transfer::Sender s(L);
        s.add(-1);
        static_cast<P*>(ud)->t->output = s.take();
      },
      &p);
  if (status != vm::kOk) {
    api::set_top(L, base);
    size_t len;
    const char* msg = tolstring(L, -1, &len);
    Packet* pk = shared::new_packet();
    shared::SString* s = shared::new_string({msg, len}, 0);
    if (s != nullptr) pk->values.push_back(SValue{reinterpret_cast<uintptr_t>(s), Tag::kString});
    t->output = pk;
  }
}

// Run the task in L; its final state (finish_task is the caller's: after L is closed).
Task::State run_task(Thread* L, Task* t) {
  if (t->cancel.load()) {
    return Task::kCancelled;
  }
  {
    std::lock_guard lk(t->wait_lock);
    t->vm = L->g;
  }
  {
    std::lock_guard lk(t->m);
    t->state = Task::kRunning;
  }
  t_task = t;
  L->g->gc.set_generational(t->generational);
  Task::State state = Task::kFailed;
  struct Ctx {
    Task* t;
    Task::State* state;
  } ctx{t, &state};
  int status = vm::raw_run_protected(
      L,
      [](Thread* L, void* ud) {
        auto& c = *static_cast<Ctx*>(ud);
        api::push_native_function(L, traceback_handler);
        int handler = api::get_top(L);
        Packet* in = c.t->input;
        c.t->input = nullptr;
        int n;
        {
          struct Owned {
            Packet* p;
            ~Owned() { shared::free_packet_now(p); }
          } owned{in};
          n = transfer::push_packet(L, in);
        }
        if (api::pcall(L, n - 1, vm::kMultRet, handler) == vm::kOk) {
          transfer::Sender s(L);
          int top = api::get_top(L);
          for (int i = handler + 1; i <= top; i++) {
            s.push_path("result #" + std::to_string(i - handler));
            s.add(i);
            s.pop_path();
          }
          c.t->output = s.take();
          *c.state = Task::kDone;
        } else {
          api::get_field(L, vm::kRegistryIndex, "parallel.traceback");
          size_t len;
          const char* tb = api::to_lstring(L, -1, &len);
          if (tb != nullptr) c.t->traceback.assign(tb, len);
          api::pop(L, 1);
          set_error_output(L, c.t);
          *c.state = Task::kFailed;
        }
      },
      &ctx);
  if (status != vm::kOk) {
    if (L->g->cancelled) {
      state = Task::kCancelled;
    } else {
      set_error_output(L, t);  // an error while sending the results
      state = Task::kFailed;
    }
  }
  {
    std::lock_guard lk(t->wait_lock);
    t->vm = nullptr;
  }
  t_task = nullptr;
  return state;
}

void worker_main(int id) {
  t_worker_id = id;
  Pool& p = pool();
  Thread* L = new_worker_vm();
  for (;;) {
    Task* t = nullptr;
    {
      std::unique_lock lk(p.m);
      p.idle++;
      if (p.queue.empty() && !p.shutting_down) {  // watch for work a little before sleeping
        p.watching++;
        lk.unlock();
        spin_until([&p] { return p.pending.load(std::memory_order_relaxed) != 0; });
        lk.lock();
        p.watching--;
      }
      bool got = p.cv.wait_for(lk, std::chrono::seconds(kIdleSeconds),
                               [&] { return !p.queue.empty() || p.shutting_down; });
      p.idle--;
      if (!got || p.queue.empty()) break;
      t = p.queue.front();
      p.queue.pop_front();
      p.pending.store(p.queue.size(), std::memory_order_relaxed);
      p.busy++;
      if (p.shutting_down) p.closed.notify_all();  // shutdown_pool waits for non-busy ones
    }
    if (L == nullptr) L = new_worker_vm();
    if (L == nullptr) {
      Packet* pk = shared::new_packet();
      shared::SString* s = shared::new_string("not enough memory", 0);
      if (s != nullptr) pk->values.push_back(SValue{reinterpret_cast<uintptr_t>(s), Tag::kString});
      t->output = pk;
      finish_task(t, Task::kFailed);
    } else {
      Task::State state = run_task(L, t);
      // Joining returns once the thread's VM is closed (its finalizers run, the shared objects
      // it held released) and what this thread retired is freed.
      vm::close_vm(L);
      L = nullptr;
      gc::epoch::synchronize();
      finish_task(t, state);
    }
    shared::release(t);  // the worker's reference
    {
      std::lock_guard lk(p.m);
      p.busy--;
      if (p.shutting_down) break;
    }
    L = new_worker_vm();  // ready for the next task
  }
  if (L != nullptr) vm::close_vm(L);
  std::lock_guard lk(p.m);
  p.workers--;
  p.closed.notify_all();
}

// At exit: the workers that run no task close their VMs and end (those still running one are
// left to the end of the process).
void shutdown_pool() {
  Pool& p = pool();
  std::unique_lock lk(p.m);
  p.shutting_down = true;
  p.cv.notify_all();
  p.closed.wait_for(lk, std::chrono::seconds(2), [&] { return p.workers == p.busy; });
}

void submit(Task* t) {
  static std::once_flag at_exit;
  std::call_once(at_exit, [] { std::atexit(shutdown_pool); });
  Pool& p = pool();
  std::lock_guard lk(p.m);
  p.queue.push_back(t);
  p.pending.store(p.queue.size(), std::memory_order_relaxed);
  if (static_cast<int>(p.queue.size()) > p.idle) {
    p.workers++;
    std::thread(worker_main, ++p.next_id).detach();
  }
  // A worker that watches takes the task without a wake-up; waking a sleeping one as well
  // costs this thread a system call and that one a trip through the scheduler for nothing.
  if (p.queue.size() > static_cast<size_t>(p.watching)) p.cv.notify_one();
}

int p_spawn(Thread* L) {
  check_type(L, 1, vm::kTFunction);
  transfer::Sender s(L);
  s.add(1);
  int n = api::get_top(L);
  for (int i = 2; i <= n; i++) {
    s.push_path("argument #" + std::to_string(i));
    s.add(i);
    s.pop_path();
  }
  auto* t = new Task;
  shared::count_object(1);
  t->input = s.take();
  t->generational = L->g->gc.generational();
  t->refs.store(2, std::memory_order_relaxed);  // the handle's and the worker's
  transfer::push_handle(L, t, Tag::kTask);
  submit(t);
  return 1;
}

const char* state_name(Task::State s) {
  switch (s) {
    case Task::kQueued:
    case Task::kRunning:
      return "running";
    case Task::kDone:
      return "done";
    case Task::kFailed:
      return "failed";
    default:
      return "cancelled";
  }
}

// Wait until the task ends or the deadline; its state.
Task::State wait_task(Thread* L, Task* t, bool timed, Clock::time_point deadline) {
  {
    std::lock_guard lk(t->m);
    if (t->state >= Task::kDone) return t->state;
  }
  if (!timed || deadline > Clock::now()) {
    spin_until([t] { return t->ended.load(std::memory_order_acquire); });
  }
  Blocking b(t->m, t->finished);
  std::unique_lock lk(t->m);
  wait_until(lk, t->finished, timed, deadline, [t] { return t->state >= Task::kDone; });
  Task::State s = t->state;
  lk.unlock();
  if (cancelled()) vm::raise_cancel(L);
  return s;
}

int th_join(Thread* L) {
  Task* t = check_task(L, 1);
  Task::State s = wait_task(L, t, false, {});
  api::set_top(L, 1);
  if (s == Task::kCancelled) {
    api::push_boolean(L, false);
    api::push_string(L, "cancelled");
    return 2;
  }
  api::push_boolean(L, s == Task::kDone);
  int n = t->output != nullptr ? transfer::push_packet(L, t->output) : 0;
  if (s == Task::kDone) return n + 1;
  if (n == 0) api::push_nil(L);
  api::push_string(L, t->traceback);
  return 3;
}

int th_wait(Thread* L) {
  Task* t = check_task(L, 1);
  Clock::time_point deadline;
  bool timed = opt_deadline(L, 2, deadline);
  api::push_string(L, state_name(wait_task(L, t, timed, deadline)));
  return 1;
}

int th_status(Thread* L) {
  Task* t = check_task(L, 1);
  std::lock_guard lk(t->m);
  api::push_string(L, state_name(t->state));
  return 1;
}

int th_cancel(Thread* L) {
  Task* t = check_task(L, 1);
  cancel_task(t);
  return 0;
}

// ---- The rest ----
int p_cores(Thread* L) {
  unsigned n = std::thread::hardware_concurrency();
  api::push_integer(L, n == 0 ? 1 : n);
  return 1;
}

int p_id(Thread* L) {
  api::push_integer(L, t_worker_id);
  return 1;
}

int p_stats(Thread* L) {
  shared::StoreStats s = shared::store_stats();
  gc::epoch::Stats e = gc::epoch::stats();
  int workers;
  {
    std::lock_guard lk(pool().m);
    workers = pool().workers;
  }
  api::create_table(L, 0, 6);
  api::push_integer(L, static_cast<int64_t>(s.objects));
  api::set_field(L, -2, "objects");
  // The shared store's objects and the prototypes shared between VMs: all memory outside every
  // VM heap.
  api::push_integer(L, static_cast<int64_t>(s.bytes + vm::shared_proto_bytes()));
  api::set_field(L, -2, "bytes");
  api::push_integer(L, static_cast<int64_t>(e.pending_bytes));
  api::set_field(L, -2, "retired");
  api::push_integer(L, static_cast<int64_t>(e.epoch));
  api::set_field(L, -2, "epoch");
  api::push_integer(L, workers);
  api::set_field(L, -2, "workers");
  api::push_integer(L, static_cast<int64_t>(vm::shared_proto_count()));
  api::set_field(L, -2, "prototypes");
  return 1;
}

void new_meta(Thread* L, const char* name, const Reg* fields, const Reg* methods) {
  new_metatable(L, name);
  set_funcs(L, fields, 0);
  if (methods != nullptr) {
    new_lib(L, methods);
    api::set_field(L, -2, "__index");
  }
  api::pop(L, 1);
}

// The VM's handle cache and the handles' metatables (once per VM).
void setup_registry(Thread* L) {
  if (api::get_field(L, vm::kRegistryIndex, kHandleCache) == vm::kTTable) {
    api::pop(L, 1);
    return;
  }
  api::pop(L, 1);
  // The handle cache: object address -> this VM's handle, weak so that handles are collected.
  api::create_table(L, 0, 0);
  api::create_table(L, 0, 1);
  api::push_string(L, "v");
  api::set_field(L, -2, "__mode");
  api::set_metatable(L, -2);
  api::set_field(L, vm::kRegistryIndex, kHandleCache);

  const Reg table_meta[] = {
      {"__index", st_index},           {"__newindex", st_newindex}, {"__len", st_len},
      {"__pairs", st_pairs},           {"__next", st_next},         {"__gc", handle_gc},
      {"__tostring", handle_tostring}, {nullptr, nullptr}};
  new_meta(L, kTableMeta, table_meta, nullptr);
  new_meta(L, kFrozenMeta, table_meta, nullptr);
  const Reg handle_meta[] = {
      {"__gc", handle_gc}, {"__tostring", handle_tostring}, {nullptr, nullptr}};
  const Reg channel_methods[] = {
      {"send", ch_send}, {"receive", ch_receive}, {"close", ch_close}, {nullptr, nullptr}};
  new_meta(L, kChannelMeta, handle_meta, channel_methods);
  const Reg thread_methods[] = {{"join", th_join},
                                {"wait", th_wait},
                                {"status", th_status},
                                {"cancel", th_cancel},
                                {nullptr, nullptr}};
  new_meta(L, kThreadMeta, handle_meta, thread_methods);
  L->g->direct_index_fn = st_index;
  L->g->direct_index = st_index_direct;
}

}  // namespace

int open_parallel(Thread* L) {
  setup_registry(L);

  const Reg funcs[] = {{"spawn", p_spawn},     {"table", p_table},   {"freeze", p_freeze},
                       {"channel", p_channel}, {"select", p_select}, {"increment", p_increment},
                       {"cas", p_cas},         {"swap", p_swap},     {"update", p_update},
                       {"cores", p_cores},     {"id", p_id},         {"stats", p_stats},
                       {"collect", p_collect}, {"next", st_next},    {nullptr, nullptr}};
  new_lib(L, funcs);
  return 1;
}

}  // namespace tycho::stdlib

namespace tycho::stdlib::shared {

void release_task(SharedObject* o) {
  auto* t = static_cast<stdlib::Task*>(o);
  if (t->input != nullptr) free_packet_now(t->input);
  if (t->output != nullptr) free_packet_now(t->output);
  count_object(-1);
  delete t;
}

}  // namespace tycho::stdlib::shared
