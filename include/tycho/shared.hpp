// Shared tables and channels for hosts: the `parallel` library's objects (parallel.table(),
// parallel.channel()) made and used from C++, on any thread, without a VM, and handed to VMs
// that run on threads of their own like any other value (vm.set("jobs", channel),
// f.call(table)); a VM hands them back the same way (vm.get<tycho::Channel>("results")).
//
//   tycho::Channel jobs(64);                       // bounded: send blocks while it is full
//   tycho::SharedTable totals;
//   std::thread worker([&] {
//     tycho::Vm vm;
//     vm.set("jobs", jobs);
//     vm.set("totals", totals);
//     vm.run("local parallel = require 'parallel'\n"
//            "for n in jobs.receive, jobs do parallel.increment(totals, 'sum', n) end");
//   });
//   for (int i = 1; i <= 100; i++) jobs.send(i);
//   jobs.close();
//   worker.join();
//   int64_t sum = totals.get<int64_t>("sum");      // 5050
//
// What the host puts in or reads out: nil (std::nullopt), booleans, numbers, strings, shared
// tables and channels. A VM may also store copies of plain tables and functions, which only a
// VM can read: the host gets an Error naming them.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "tycho/value.hpp"

namespace tycho {

class SharedTable;
class Channel;

namespace detail {

// A value going into the store: `text` and `object` are borrowed for the call.
struct SharedIn {
  enum Kind : uint8_t { kNil, kBoolean, kInteger, kFloat, kString, kTable, kChannel } kind = kNil;
  bool boolean = false;
  int64_t integer = 0;
  double number = 0;
  std::string_view text;
  void* object = nullptr;
};
// A value read out of the store: a string's bytes copied, a shared object with a reference
// that the SharedOut holds (a handle adopts it).
struct SharedOut {
  enum Kind : uint8_t { kNil, kBoolean, kInteger, kFloat, kString, kTable, kChannel, kOther };
  Kind kind = kNil;
  bool boolean = false;
  int64_t integer = 0;
  double number = 0;
  std::string text;  // kString; for kOther, what it is ("a table copy")
  void* object = nullptr;
  SharedOut() = default;
  SharedOut(SharedOut&& o) noexcept;
  SharedOut& operator=(SharedOut&& o) noexcept;
  ~SharedOut();
  void* take() { return std::exchange(object, nullptr); }
};

// The store's objects, by reference (acquire/release count; new_* throw Error when memory runs
// out).
void* shared_new_table();
void* shared_new_channel(size_t capacity);
void shared_acquire(void* o);
void shared_release(void* o);
SharedOut shared_get(void* t, const SharedIn& key);
void shared_set(void* t, const SharedIn& key, const SharedIn& value);
int64_t shared_length(void* t);
size_t shared_count(void* t);
bool shared_frozen(void* t);
SharedOut shared_increment(void* t, const SharedIn& key, const SharedIn& delta);
// The entry after `key` (nil: the first) into key and value; false after the last.
bool shared_next(void* t, SharedOut& key, SharedOut& value);
SharedOut shared_copy(const SharedOut& v);  // (a reference of its own)
void channel_send(void* c, const SharedIn* values, size_t n);
// The message's values; false when the channel is closed and empty, or at the timeout (< 0:
// none).
bool channel_receive(void* c, std::vector<SharedOut>& values, double timeout_seconds);
void channel_close(void* c);
bool channel_closed(void* c);
size_t channel_size(void* c);
// Between a VM's stack and the store: push a handle (a new reference), or the object a handle
// at idx holds (a new reference; `what` is "shared table" or "channel" for the error).
void push_shared(State* s, void* o, SharedIn::Kind kind);
void* to_shared(State* s, int idx, int arg, SharedIn::Kind kind);
[[noreturn]] void shared_type_error(const SharedOut& v, const char* expected);

template <typename T>
struct SharedConvert;

}  // namespace detail

// A shared table (parallel.table): read and written from any thread at once. Readers take no
// lock; writers take the table's own. Copying a SharedTable copies the reference.
class SharedTable {
 public:
  SharedTable() : obj_(detail::shared_new_table()) {}
  SharedTable(const SharedTable& o) : obj_(o.obj_) { detail::shared_acquire(obj_); }
  SharedTable(SharedTable&& o) noexcept : obj_(std::exchange(o.obj_, nullptr)) {}
  SharedTable& operator=(SharedTable o) noexcept {
    std::swap(obj_, o.obj_);
    return *this;
  }
  ~SharedTable() {
    if (obj_ != nullptr) detail::shared_release(obj_);
  }

  // t[key], converted to V (std::optional<V> for a key that may be missing).
  template <typename V, typename K>
  V get(const K& key) const {
    return detail::SharedConvert<V>::out(detail::shared_get(object(), in(key)));
  }
  // t[key] = value (nil, std::nullopt, removes the key). Error on a frozen table, a nil or NaN
  // key.
  template <typename K, typename V>
  void set(const K& key, const V& value) {
    detail::shared_set(object(), in(key), in(value));
  }
  // parallel.increment: t[key] = (t[key] or 0) + delta, atomically; the new value.
  template <typename N = int64_t, typename K>
  N increment(const K& key, N delta = 1) {
    return detail::SharedConvert<N>::out(detail::shared_increment(object(), in(key), in(delta)));
  }
  // f(key, value) for each entry, converted to K and V (std::optional, or a type every entry
  // fits). Entries whose key the host cannot hold (a function, a thread handle) are skipped.
  // Entries that other threads add or remove meanwhile may be seen or not; "invalid key to
  // 'next'" when a resize dropped the entry the walk was at.
  template <typename K, typename V, typename F>
  void each(F&& f) const {
    detail::SharedOut key, value;
    while (detail::shared_next(object(), key, value)) {
      f(detail::SharedConvert<K>::out(detail::shared_copy(key)),
        detail::SharedConvert<V>::out(std::move(value)));
    }
  }
  int64_t length() const { return detail::shared_length(object()); }  // #t
  size_t size() const { return detail::shared_count(object()); }      // entries
  bool frozen() const { return detail::shared_frozen(object()); }     // parallel.freeze's

  bool operator==(const SharedTable& o) const { return obj_ == o.obj_; }

 private:
  friend struct detail::SharedConvert<SharedTable>;
  friend struct Convert<SharedTable>;
  explicit SharedTable(void* adopted) : obj_(adopted) {}
  void* object() const {
    if (obj_ == nullptr) throw Error("attempt to use a moved-from shared table");
    return obj_;
  }
  template <typename T>
  static detail::SharedIn in(const T& v) {
    return detail::SharedConvert<T>::in(v);
  }
  void* obj_;
};

// A channel (parallel.channel): bounded (send blocks while it holds `capacity` messages) or,
// with capacity 0, unbounded. A message is one or more values.
class Channel {
 public:
  explicit Channel(size_t capacity = 0) : obj_(detail::shared_new_channel(capacity)) {}
  Channel(const Channel& o) : obj_(o.obj_) { detail::shared_acquire(obj_); }
  Channel(Channel&& o) noexcept : obj_(std::exchange(o.obj_, nullptr)) {}
  Channel& operator=(Channel o) noexcept {
    std::swap(obj_, o.obj_);
    return *this;
  }
  ~Channel() {
    if (obj_ != nullptr) detail::shared_release(obj_);
  }

  // Send a message of the values (blocks while the channel is full). Error when it is closed.
  template <typename... A>
  void send(const A&... values) {
    static_assert(sizeof...(A) > 0, "a message has at least one value");
    const detail::SharedIn in[] = {detail::SharedConvert<A>::in(values)...};
    detail::channel_send(object(), in, sizeof...(A));
  }
  // The next message as R (one type, or a std::tuple of several), waiting for one; nullopt when
  // the channel is closed and empty. With a timeout, nullopt also when it passes.
  template <typename R>
  std::optional<R> receive() {
    return take<R>(-1);
  }
  template <typename R, typename Rep, typename Period>
  std::optional<R> receive(std::chrono::duration<Rep, Period> timeout) {
    const double s = std::chrono::duration<double>(timeout).count();
    return take<R>(s < 0 ? 0 : s);
  }
  void close() { detail::channel_close(object()); }  // receivers get what is left, then nil
  bool closed() const { return detail::channel_closed(object()); }
  size_t size() const { return detail::channel_size(object()); }  // messages waiting (about)

  bool operator==(const Channel& o) const { return obj_ == o.obj_; }

 private:
  friend struct detail::SharedConvert<Channel>;
  friend struct Convert<Channel>;
  explicit Channel(void* adopted) : obj_(adopted) {}
  void* object() const {
    if (obj_ == nullptr) throw Error("attempt to use a moved-from channel");
    return obj_;
  }
  template <typename R>
  std::optional<R> take(double timeout) {
    std::vector<detail::SharedOut> values;
    if (!detail::channel_receive(object(), values, timeout)) return std::nullopt;
    return message<R>(values);
  }
  template <typename R>
  static R message(std::vector<detail::SharedOut>& values) {
    if constexpr (detail::is_tuple<R>) {
      return tuple<R>(values, std::make_index_sequence<std::tuple_size_v<R>>());
    } else {
      return detail::SharedConvert<R>::out(values.empty() ? detail::SharedOut{}
                                                          : std::move(values[0]));
    }
  }
  template <typename R, size_t... I>
  static R tuple(std::vector<detail::SharedOut>& values, std::index_sequence<I...>) {
    values.resize(std::max(values.size(), sizeof...(I)));
    return R{detail::SharedConvert<std::tuple_element_t<I, R>>::out(std::move(values[I]))...};
  }
  void* obj_;
};

namespace detail {

template <typename T>
requires std::integral<T> &&(!std::same_as<T, bool>)struct SharedConvert<T> {
  static SharedIn in(T v) {
    SharedIn r;
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(int64_t)) {
      if (v > static_cast<T>(std::numeric_limits<int64_t>::max())) {
        throw Error("value out of range");
      }
    }
    r.kind = SharedIn::kInteger;
    r.integer = static_cast<int64_t>(v);
    return r;
  }
  static T out(SharedOut&& v) {
    if (v.kind == SharedOut::kFloat && v.number >= -9223372036854775808.0 &&
        v.number < 9223372036854775808.0 &&
        v.number == static_cast<double>(static_cast<int64_t>(v.number))) {
      v.kind = SharedOut::kInteger;  // 2.0 reads as 2, as lua_tointeger does
      v.integer = static_cast<int64_t>(v.number);
    }
    if (v.kind != SharedOut::kInteger) shared_type_error(v, "integer");
    if (!std::in_range<T>(v.integer)) throw Error("value out of range");
    return static_cast<T>(v.integer);
  }
};
template <typename T>
requires std::floating_point<T>
struct SharedConvert<T> {
  static SharedIn in(T v) {
    SharedIn r;
    r.kind = SharedIn::kFloat;
    r.number = static_cast<double>(v);
    return r;
  }
  static T out(SharedOut&& v) {
    if (v.kind == SharedOut::kInteger) return static_cast<T>(v.integer);
    if (v.kind != SharedOut::kFloat) shared_type_error(v, "number");
    return static_cast<T>(v.number);
  }
};
template <>
struct SharedConvert<bool> {
  static SharedIn in(bool v) {
    SharedIn r;
    r.kind = SharedIn::kBoolean;
    r.boolean = v;
    return r;
  }
  static bool out(SharedOut&& v) {
    if (v.kind != SharedOut::kBoolean) shared_type_error(v, "boolean");
    return v.boolean;
  }
};
template <>
struct SharedConvert<std::string_view> {
  static SharedIn in(std::string_view v) {
    SharedIn r;
    r.kind = SharedIn::kString;
    r.text = v;
    return r;
  }
};
template <>
struct SharedConvert<std::string> {
  static SharedIn in(const std::string& v) { return SharedConvert<std::string_view>::in(v); }
  static std::string out(SharedOut&& v) {
    if (v.kind != SharedOut::kString) shared_type_error(v, "string");
    return std::move(v.text);
  }
};
template <>
struct SharedConvert<const char*> {
  static SharedIn in(const char* v) { return SharedConvert<std::string_view>::in(v); }
};
template <size_t N>
struct SharedConvert<char[N]> {  // string literals
  static SharedIn in(const char (&v)[N]) { return SharedConvert<std::string_view>::in(v); }
};
template <>
struct SharedConvert<std::nullopt_t> {
  static SharedIn in(std::nullopt_t) { return {}; }
};
template <typename T>
struct SharedConvert<std::optional<T>> {
  static SharedIn in(const std::optional<T>& v) {
    return v ? SharedConvert<T>::in(*v) : SharedIn{};
  }
  static std::optional<T> out(SharedOut&& v) {
    if (v.kind == SharedOut::kNil) return std::nullopt;
    return SharedConvert<T>::out(std::move(v));
  }
};
template <>
struct SharedConvert<SharedTable> {
  static SharedIn in(const SharedTable& v) {
    SharedIn r;
    r.kind = SharedIn::kTable;
    r.object = v.object();
    return r;
  }
  static SharedTable out(SharedOut&& v) {
    if (v.kind != SharedOut::kTable) shared_type_error(v, "shared table");
    return SharedTable(v.take());
  }
};
template <>
struct SharedConvert<Channel> {
  static SharedIn in(const Channel& v) {
    SharedIn r;
    r.kind = SharedIn::kChannel;
    r.object = v.object();
    return r;
  }
  static Channel out(SharedOut&& v) {
    if (v.kind != SharedOut::kChannel) shared_type_error(v, "channel");
    return Channel(v.take());
  }
};

}  // namespace detail

// In and out of VMs: a handle of the same object (the parallel library's).
template <>
struct Convert<SharedTable> {
  static void push(detail::State* s, const SharedTable& v) {
    detail::push_shared(s, v.object(), detail::SharedIn::kTable);
  }
  static SharedTable get(detail::State* s, int idx, int arg) {
    return SharedTable(detail::to_shared(s, idx, arg, detail::SharedIn::kTable));
  }
  static SharedTable get_nil() { throw Error("shared table expected, got nil"); }
};
template <>
struct Convert<Channel> {
  static void push(detail::State* s, const Channel& v) {
    detail::push_shared(s, v.object(), detail::SharedIn::kChannel);
  }
  static Channel get(detail::State* s, int idx, int arg) {
    return Channel(detail::to_shared(s, idx, arg, detail::SharedIn::kChannel));
  }
  static Channel get_nil() { throw Error("channel expected, got nil"); }
};

}  // namespace tycho
