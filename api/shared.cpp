// Shared tables and channels for hosts (include/tycho/shared.hpp) on the shared store
// (stdlib/shared.hpp): the same objects as the parallel library's, reached without a VM.
#include "stdlib/shared.hpp"

#include <cstring>

#include "api/internal.hpp"
#include "stdlib/transfer.hpp"
#include "tycho/shared.hpp"
#include "vm/string.hpp"

namespace tycho::detail {

namespace shared = stdlib::shared;
namespace transfer = stdlib::transfer;
using shared::SValue;
using shared::Tag;

// shared_next reads a key back as a SharedIn: the kinds they share have the same values.
static_assert(int{SharedIn::kNil} == SharedOut::kNil &&
              int{SharedIn::kString} == SharedOut::kString &&
              int{SharedIn::kChannel} == SharedOut::kChannel);

namespace {

shared::SharedObject* obj(void* o) { return static_cast<shared::SharedObject*>(o); }
shared::SharedTable* table(void* o) { return static_cast<shared::SharedTable*>(o); }
shared::Channel* channel(void* o) { return static_cast<shared::Channel*>(o); }

[[noreturn]] void out_of_memory() { throw Error("not enough memory"); }

// The key as the store looks it up (false: none can be there: nil, NaN). `write`: those raise
// lua's errors instead.
bool make_key(const SharedIn& v, shared::Key& k, bool write) {
  switch (v.kind) {
    case SharedIn::kNil:
      if (write) throw Error("table index is nil");
      return false;
    case SharedIn::kBoolean:
      k.tag = v.boolean ? Tag::kTrue : Tag::kFalse;
      return true;
    case SharedIn::kInteger:
      k.tag = Tag::kInt;
      k.bits = static_cast<uint64_t>(v.integer);
      return true;
    case SharedIn::kFloat:
      if (!shared::float_key(v.number, k)) {
        if (write) throw Error("table index is NaN");
        return false;
      }
      return true;
    case SharedIn::kString:
      k.tag = Tag::kString;
      k.str = v.text;
      k.hash = vm::hash_bytes(v.text);
      return true;
    case SharedIn::kTable:
    case SharedIn::kChannel:
      k.tag = v.kind == SharedIn::kTable ? Tag::kTable : Tag::kChannel;
      k.bits = reinterpret_cast<uintptr_t>(v.object);
      return true;
  }
  return false;
}

// The value as the store holds it (owned: a string copied, a reference taken).
SValue make_value(const SharedIn& v) {
  switch (v.kind) {
    case SharedIn::kNil:
      return {};
    case SharedIn::kBoolean:
      return {0, v.boolean ? Tag::kTrue : Tag::kFalse};
    case SharedIn::kInteger:
      return {static_cast<uint64_t>(v.integer), Tag::kInt};
    case SharedIn::kFloat: {
      SValue r{0, Tag::kFloat};
      std::memcpy(&r.bits, &v.number, sizeof v.number);
      return r;
    }
    case SharedIn::kString: {
      shared::SString* s = shared::new_string(v.text, vm::hash_bytes(v.text));
      if (s == nullptr) out_of_memory();
      return {static_cast<uint64_t>(reinterpret_cast<uintptr_t>(s)), Tag::kString};
    }
    case SharedIn::kTable:
    case SharedIn::kChannel:
      shared::acquire(obj(v.object));
      return shared::object_value(obj(v.object),
                                  v.kind == SharedIn::kTable ? Tag::kTable : Tag::kChannel);
  }
  return {};
}

// A value read out of the store. `text`: a string's bytes, when the store copied them out
// (else the SString is read). The reference a read took (owned) passes to the SharedOut, or
// is given back for what the host cannot hold; `owned` false: take one of our own.
SharedOut make_out(const SValue& v, std::string* text, bool owned) {
  SharedOut r;
  switch (v.tag) {
    case Tag::kNil:
      break;
    case Tag::kFalse:
    case Tag::kTrue:
      r.kind = SharedOut::kBoolean;
      r.boolean = v.tag == Tag::kTrue;
      break;
    case Tag::kInt:
      r.kind = SharedOut::kInteger;
      r.integer = static_cast<int64_t>(v.bits);
      break;
    case Tag::kFloat:
      r.kind = SharedOut::kFloat;
      std::memcpy(&r.number, &v.bits, sizeof r.number);
      break;
    case Tag::kString:
      r.kind = SharedOut::kString;
      if (text != nullptr) {
        r.text = std::move(*text);
      } else {
        r.text = reinterpret_cast<shared::SString*>(static_cast<uintptr_t>(v.bits))->view();
      }
      break;
    case Tag::kTable:
    case Tag::kChannel:
      r.kind = v.tag == Tag::kTable ? SharedOut::kTable : SharedOut::kChannel;
      if (!owned) shared::acquire(shared::object_of(v));
      r.object = shared::object_of(v);
      break;
    default:
      r.kind = SharedOut::kOther;
      r.text = v.tag == Tag::kTask     ? "a thread handle"
               : v.tag == Tag::kNative ? "a function"
                                       : "a copy of a table or function";
      if (owned && v.counted()) shared::release(shared::object_of(v));
      break;
  }
  return r;
}

}  // namespace

SharedOut::SharedOut(SharedOut&& o) noexcept
    : kind(o.kind),
      boolean(o.boolean),
      integer(o.integer),
      number(o.number),
      text(std::move(o.text)),
      object(std::exchange(o.object, nullptr)) {}
SharedOut& SharedOut::operator=(SharedOut&& o) noexcept {
  if (this != &o) {
    if (object != nullptr) shared::release(obj(object));
    kind = o.kind;
    boolean = o.boolean;
    integer = o.integer;
    number = o.number;
    text = std::move(o.text);
    object = std::exchange(o.object, nullptr);
  }
  return *this;
}
SharedOut::~SharedOut() {
  if (object != nullptr) shared::release(obj(object));
}

void shared_type_error(const SharedOut& v, const char* expected) {
  static constexpr const char* kNames[] = {"nil",    "boolean",      "number", "number",
                                           "string", "shared table", "channel"};
  const std::string got = v.kind == SharedOut::kOther ? v.text : kNames[v.kind];
  throw Error(std::string(expected) + " expected, got " + got);
}

// ---- Objects ----

void* shared_new_table() {
  if (shared::cycles_due()) shared::collect_cycles();  // as parallel.table does
  shared::SharedTable* t = shared::new_table(false);
  if (t == nullptr) out_of_memory();
  return t;
}

void* shared_new_channel(size_t capacity) {
  if (shared::cycles_due()) shared::collect_cycles();
  shared::Channel* c = shared::new_channel(capacity);
  if (c == nullptr) out_of_memory();
  return c;
}

void shared_acquire(void* o) { shared::acquire(obj(o)); }
void shared_release(void* o) { shared::release(obj(o)); }

// ---- Tables ----

SharedOut shared_get(void* t, const SharedIn& key) {
  shared::Key k;
  if (!make_key(key, k, false)) return {};
  std::string text;
  shared::ReadValue rv{SValue{}, &text};
  shared::table_get(table(t), k, rv);
  return make_out(rv.v, &text, true);
}

void shared_set(void* t, const SharedIn& key, const SharedIn& value) {
  if (table(t)->kind == shared::Kind::kFrozen) throw Error("attempt to modify a frozen table");
  shared::Key k;
  make_key(key, k, true);
  if (!shared::table_set(table(t), k, make_value(value))) out_of_memory();
}

int64_t shared_length(void* t) { return shared::table_length(table(t)); }
size_t shared_count(void* t) { return shared::table_count(table(t)); }
bool shared_frozen(void* t) { return table(t)->kind == shared::Kind::kFrozen; }

SharedOut shared_increment(void* t, const SharedIn& key, const SharedIn& delta) {
  if (table(t)->kind == shared::Kind::kFrozen) throw Error("attempt to modify a frozen table");
  shared::Key k;
  make_key(key, k, true);
  SValue result;
  const Tag bad = shared::table_increment(table(t), k, make_value(delta), result);
  if (bad != Tag::kNil) {
    throw Error(std::string("attempt to perform arithmetic on a ") +
                (bad == Tag::kString ? "string" : "non-number") + " value (shared table field)");
  }
  return make_out(result, nullptr, false);
}

bool shared_next(void* t, SharedOut& key, SharedOut& value) {
  // The key the walk is at, as the store looks it up (nil: none yet). A SharedOut of a key is
  // never kOther (shared_next skips such keys); its other kinds are SharedIn's.
  if (key.kind == SharedOut::kOther) throw Error("invalid key to 'next'");
  SharedIn at;
  at.kind = static_cast<SharedIn::Kind>(key.kind);
  at.boolean = key.boolean;
  at.integer = key.integer;
  at.number = key.number;
  at.text = key.text;
  at.object = key.object;
  shared::Key k;
  make_key(at, k, false);
  for (;;) {
    std::string key_text, value_text;
    shared::ReadValue rk{SValue{}, &key_text}, rv{SValue{}, &value_text};
    bool found = true;
    const bool more = shared::table_next(table(t), k, rk, rv, found);
    if (!found) throw Error("invalid key to 'next'");
    if (!more) return false;
    if (rk.v.tag == Tag::kNative || rk.v.tag == Tag::kTask) {
      // A key the host cannot hold (a function, a thread handle): skip the entry, walking on
      // from it (the table keeps the key's object alive).
      if (rk.v.counted()) shared::release(shared::object_of(rk.v));
      if (rv.v.counted()) shared::release(shared::object_of(rv.v));
      k = shared::Key{};
      k.tag = rk.v.tag;
      k.bits = rk.v.bits;
      continue;
    }
    key = make_out(rk.v, &key_text, true);
    value = make_out(rv.v, &value_text, true);
    return true;
  }
}

SharedOut shared_copy(const SharedOut& v) {
  SharedOut r;
  r.kind = v.kind;
  r.boolean = v.boolean;
  r.integer = v.integer;
  r.number = v.number;
  r.text = v.text;
  if (v.object != nullptr) shared::acquire(obj(v.object));
  r.object = v.object;
  return r;
}

// ---- Channels ----

namespace {
struct OwnedMessage {
  shared::Message m;
  ~OwnedMessage() { shared::free_message(m); }
};
}  // namespace

void channel_send(void* c, const SharedIn* values, size_t n) {
  OwnedMessage owned;
  shared::Message& msg = owned.m;
  if (n <= static_cast<size_t>(shared::Message::kInline)) {
    for (size_t i = 0; i < n; i++) msg.values[msg.n++] = make_value(values[i]);
  } else {
    msg.packet = shared::new_packet();
    msg.packet->values.reserve(n);
    for (size_t i = 0; i < n; i++) msg.packet->values.push_back(make_value(values[i]));
  }
  switch (shared::channel_send(channel(c), msg)) {
    case shared::Wait::kClosed:
      throw Error("channel is closed");
    case shared::Wait::kCancelled:
      throw Error("cancelled");
    default:
      break;
  }
}

bool channel_receive(void* c, std::vector<SharedOut>& values, double timeout_seconds) {
  using Clock = std::chrono::steady_clock;
  Clock::time_point deadline;
  if (timeout_seconds >= 0) {
    deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(std::min(timeout_seconds, 1e9)));
  }
  OwnedMessage owned;
  shared::Message& msg = owned.m;
  if (shared::channel_receive(channel(c), msg, timeout_seconds >= 0 ? &deadline : nullptr) !=
      shared::Wait::kDone) {
    return false;
  }
  // The message keeps its own references (freed with it): the values take new ones.
  if (msg.packet != nullptr) {
    for (const SValue& v : msg.packet->values) values.push_back(make_out(v, nullptr, false));
  } else {
    for (uint32_t i = 0; i < msg.n; i++) values.push_back(make_out(msg.values[i], nullptr, false));
  }
  return true;
}

void channel_close(void* c) { shared::channel_close(channel(c)); }
bool channel_closed(void* c) { return channel(c)->closed.load(std::memory_order_acquire); }
size_t channel_size(void* c) { return shared::channel_size(channel(c)); }

// ---- Between VMs and the host ----

void push_shared(State* s, void* o, SharedIn::Kind kind) {
  host_guarded(s, [&](State* st) {
    shared::acquire(obj(o));
    transfer::push_handle(st, obj(o), kind == SharedIn::kTable ? Tag::kTable : Tag::kChannel);
  });
}

void* to_shared(State* s, int idx, int arg, SharedIn::Kind kind) {
  SValue v;
  const Tag want = kind == SharedIn::kTable ? Tag::kTable : Tag::kChannel;
  if (!transfer::handle_value(s, idx, v) || v.tag != want) {
    type_error(s, idx, arg, kind == SharedIn::kTable ? "shared table" : "channel");
  }
  shared::acquire(shared::object_of(v));
  return shared::object_of(v);
}

}  // namespace tycho::detail
