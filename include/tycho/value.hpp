// Values of a tycho::Vm in C++: handles, conversions and bound functions.
//
// Handles (Value, Table, Function) are roots: what they hold stays alive across any number of
// collections until the handle goes. They are copyable (a copy is another root) and movable,
// and must not outlive their Vm. No pointer into the VM's heap ever crosses this interface.
//
// Conversion between C++ and Lua is the job of Convert<T>, one specialization per type:
//   static void push(detail::State*, const T&)    C++ -> Lua (pushed on the stack)
//   static T get(detail::State*, int idx, int arg) Lua -> C++ (see detail.hpp for `arg`)
// Provided: integers (exact: a float with an integral value converts, others are errors, and
// so is a value out of T's range), floating point, bool (Lua's truth), std::string,
// std::string_view and const char* (views: only as arguments of bound functions, while the
// call lasts), std::optional<T> (nil), std::vector<T>, std::map and std::unordered_map,
// Value/Table/Function, Args (the remaining arguments of a bound function) and callables (a
// lambda, a function pointer: pushed as a bound function). A host adds its own types the
// same way.
//
// A bound function converts its Lua arguments to its parameters' types, with Lua's messages
// for bad ones, and its result to Lua values: a std::tuple gives several. A C++ exception it
// throws becomes a Lua error with what() as the message (pcall catches it).
#pragma once

#include <algorithm>
#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tycho/detail.hpp"

namespace tycho {

using Type = detail::Type;

// A Lua error seen from C++: what() is the message ("input:3: boom"), traceback() Lua's stack
// traceback at the point of the error (empty when there was no Lua call).
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, std::string traceback = {})
      : std::runtime_error(message), traceback_(std::move(traceback)) {}
  const std::string& traceback() const noexcept { return traceback_; }

 private:
  std::string traceback_;
};

// The conversion of a type with none of its own: a user type (a class), boxed in a full
// userdata by value; usertype.hpp has the rest (pointers, shared_ptr, registration).
template <typename T>
struct Convert {
  static_assert(std::is_class_v<T>, "no conversion for this type: specialize tycho::Convert<T>");
  static_assert(alignof(T) <= 16, "a user type must not need more than 16-byte alignment");
  static constexpr bool kUserType = true;
  static void push(detail::State* s, const T& v) { construct(s, v); }
  static void push(detail::State* s, T&& v) { construct(s, std::move(v)); }
  template <typename... A>
  static void construct(detail::State* s, A&&... args) {
    detail::Box* b = detail::push_box(s, &detail::type_info_of<T>, sizeof(T));
    b->object = new (detail::box_storage(b)) T(std::forward<A>(args)...);
    if constexpr (!std::is_trivially_destructible_v<T>) {
      b->destroy = [](detail::Box* box) { static_cast<T*>(box->object)->~T(); };
    }
  }
  static T get(detail::State* s, int idx, int arg) {
    return *static_cast<T*>(detail::to_object(s, idx, &detail::type_info_of<T>, arg));
  }
};

template <typename T>
using Bare = std::remove_cvref_t<T>;
// The conversion a C++ value is pushed with: arrays and functions as pointers.
template <typename T>
using PushAs = std::decay_t<T>;

// ---- Handles ----

class Value {
 public:
  Value() = default;  // nil
  Value(const Value& o)
      : host_(o.host_), ref_(o.ref_ != 0 ? detail::copy_ref(o.state(), o.ref_) : 0) {}
  Value(Value&& o) noexcept : host_(o.host_), ref_(std::exchange(o.ref_, 0)) {}
  Value& operator=(const Value& o) {
    if (this != &o) *this = Value(o);
    return *this;
  }
  Value& operator=(Value&& o) noexcept {
    if (this != &o) {
      release();
      host_ = o.host_;
      ref_ = std::exchange(o.ref_, 0);
    }
    return *this;
  }
  ~Value() { release(); }

  Type type() const {
    if (ref_ == 0) return Type::kNil;
    detail::State* s = state();
    detail::StackGuard guard(s);
    push(s);
    return detail::type(s, -1);
  }
  bool is_nil() const { return ref_ == 0; }
  explicit operator bool() const { return ref_ != 0 && as<bool>(); }  // Lua's truth

  // The value converted to T (throws tycho::Error when it cannot be).
  template <typename T>
  T as() const {
    detail::State* s = state();
    if (s == nullptr) return Convert<T>::get_nil();
    detail::StackGuard guard(s);
    detail::reserve(s, 1);
    push(s);
    return Convert<T>::get(s, -1, 0);
  }

  // For conversions: push the value (nil for an empty handle), and make a handle of a slot.
  void push(detail::State* s) const { detail::push_ref(s, ref_); }
  static Value from_stack(detail::State* s, int idx) {
    return Value(detail::host(s), detail::ref(s, idx));
  }

 protected:
  Value(detail::Host* host, uint32_t ref) : host_(host), ref_(ref) {}
  detail::State* state() const { return host_ != nullptr ? host_->current : nullptr; }
  uint32_t root() const { return ref_; }

 private:
  void release() {
    if (ref_ != 0) detail::unref(state(), ref_);
    ref_ = 0;
  }
  detail::Host* host_ = nullptr;
  uint32_t ref_ = 0;  // 0: nil
};

namespace detail {

template <typename T>
constexpr bool is_tuple = false;
template <typename... T>
constexpr bool is_tuple<std::tuple<T...>> = true;

// How many Lua values a C++ result type stands for.
template <typename R>
constexpr int result_count() {
  if constexpr (std::is_void_v<R>) {
    return 0;
  } else if constexpr (is_tuple<R>) {
    return static_cast<int>(std::tuple_size_v<R>);
  } else {
    return 1;
  }
}

template <typename Tuple, size_t... I>
Tuple take_tuple(State* s, int first, std::index_sequence<I...>) {
  return Tuple{Convert<std::tuple_element_t<I, Tuple>>::get(s, first + static_cast<int>(I), 0)...};
}

// The results on top of the stack (result_count<R>() of them) as R.
template <typename R>
R take_results(State* s) {
  constexpr int n = result_count<R>();
  if constexpr (n == 0) {
    return;
  } else if constexpr (is_tuple<R>) {
    return take_tuple<R>(s, top(s) - n + 1, std::make_index_sequence<n>());
  } else {
    return Convert<R>::get(s, -1, 0);
  }
}

template <typename... A>
void push_all([[maybe_unused]] State* s, A&&... args) {
  (Convert<PushAs<A>>::push(s, std::forward<A>(args)), ...);
}

// Call the function on top with args; R's results.
// (Room for the arguments and one more value must be reserved.)
template <typename R, typename... A>
R call_top(State* s, A&&... args) {
  push_all(s, std::forward<A>(args)...);
  call(s, static_cast<int>(sizeof...(A)), result_count<R>());
  return take_results<R>(s);
}

}  // namespace detail

class Function : public Value {
 public:
  Function() = default;
  // Call with the arguments converted to Lua; R: void, one type, or a std::tuple of several.
  // A Lua error throws tycho::Error.
  template <typename R = void, typename... A>
  R call(A&&... args) const {
    detail::State* s = state();
    if (s == nullptr) throw Error("attempt to call a nil value");
    detail::StackGuard guard(s, detail::push_ref_reserved(s, root(), sizeof...(A) + 2));
    return detail::call_top<R>(s, std::forward<A>(args)...);
  }
  template <typename R = void, typename... A>
  R operator()(A&&... args) const {
    return call<R>(std::forward<A>(args)...);
  }

  static Function from_stack(detail::State* s, int idx) {
    return Function(detail::host(s), detail::ref(s, idx));
  }

 private:
  Function(detail::Host* host, uint32_t ref) : Value(host, ref) {}
};

// A Lua coroutine (a thread): resumed with arguments, it gives what it yields, then what its
// function returns; resuming a dead one, or one whose function failed, throws tycho::Error.
class Coroutine : public Value {
 public:
  Coroutine() = default;
  template <typename R = void, typename... A>
  R resume(A&&... args) const {
    detail::State* s = state();
    if (s == nullptr) throw Error("cannot resume non-suspended coroutine");
    detail::StackGuard guard(s);
    detail::reserve(s, static_cast<int>(sizeof...(A)) + 2);
    push(s);
    detail::push_all(s, std::forward<A>(args)...);
    detail::resume(s, static_cast<int>(sizeof...(A)), detail::result_count<R>());
    return detail::take_results<R>(s);
  }
  std::string status() const {
    detail::State* s = state();
    if (s == nullptr) return "dead";
    detail::StackGuard guard(s);
    detail::reserve(s, 1);
    push(s);
    return detail::coroutine_status(s, -1);
  }
  bool done() const { return status() == "dead"; }

  static Coroutine from_stack(detail::State* s, int idx) {
    return Coroutine(detail::host(s), detail::ref(s, idx));
  }

 private:
  Coroutine(detail::Host* host, uint32_t ref) : Value(host, ref) {}
};

template <typename Key>
class TableField;

class Table : public Value {
 public:
  Table() = default;
  // t[key] (with __index), converted to T.
  template <typename T = Value, typename K>
  T get(K&& key) const {
    detail::State* s = checked_state();
    detail::StackGuard guard(s);
    detail::reserve(s, 2);
    push(s);
    Convert<PushAs<K>>::push(s, std::forward<K>(key));
    detail::get_table(s, -2);
    return Convert<T>::get(s, -1, 0);
  }
  // t[key] = value (with __newindex).
  template <typename K, typename V>
  void set(K&& key, V&& value) const {
    detail::State* s = checked_state();
    detail::StackGuard guard(s);
    detail::reserve(s, 3);
    push(s);
    Convert<PushAs<K>>::push(s, std::forward<K>(key));
    Convert<PushAs<V>>::push(s, std::forward<V>(value));
    detail::set_table(s, -3);
  }
  template <typename K>
  TableField<PushAs<K>> operator[](K&& key) const;
  // #t (with __len).
  int64_t size() const {
    detail::State* s = checked_state();
    detail::StackGuard guard(s);
    detail::reserve(s, 1);
    push(s);
    return detail::length(s, -1);
  }
  // f(key, value) for every entry (raw, in `next` order); key and value as K and V.
  template <typename K = Value, typename V = Value, typename F>
  void for_each(F&& f) const {
    detail::State* s = checked_state();
    detail::StackGuard guard(s);
    detail::reserve(s, 3);
    push(s);
    detail::push_nil(s);
    while (detail::next(s, -2)) {
      f(Convert<K>::get(s, -2, 0), Convert<V>::get(s, -1, 0));
      detail::set_top(s, -2);  // keep the key
    }
  }

  static Table from_stack(detail::State* s, int idx) {
    return Table(detail::host(s), detail::ref(s, idx));
  }

 private:
  Table(detail::Host* host, uint32_t ref) : Value(host, ref) {}
  detail::State* checked_state() const {
    detail::State* s = state();
    if (s == nullptr) throw Error("attempt to index a nil value");
    return s;
  }
};

// table[key] as an lvalue: reads convert, assignments store.
template <typename Key>
class TableField {
 public:
  TableField(Table t, Key key) : t_(std::move(t)), key_(std::move(key)) {}
  template <typename T>
  T get() const {
    return t_.get<T>(key_);
  }
  template <typename T>
  operator T() const {  // NOLINT: implicit, as a table read in Lua
    return t_.get<T>(key_);
  }
  template <typename V>
  TableField& operator=(V&& value) {
    t_.set(key_, std::forward<V>(value));
    return *this;
  }
  template <typename R = void, typename... A>
  R call(A&&... args) const {
    return t_.get<Function>(key_).template call<R>(std::forward<A>(args)...);
  }

 private:
  Table t_;
  Key key_;
};

template <typename K>
TableField<PushAs<K>> Table::operator[](K&& key) const {
  return TableField<PushAs<K>>(*this, std::forward<K>(key));
}

// The arguments of a bound function from its position on, for functions that take any number:
// a last parameter of type Args.
class Args {
 public:
  Args(detail::State* s, int first)
      : s_(s), first_(first), count_(std::max(0, detail::top(s) - first + 1)) {}
  int size() const { return count_; }
  Type type(int i) const { return detail::type(s_, first_ + i); }  // i from 0
  template <typename T>
  T get(int i) const {
    return Convert<T>::get(s_, first_ + i, first_ + i);
  }

 private:
  detail::State* s_;
  int first_;
  int count_;
};

// ---- Conversions ----

template <typename T>
requires std::integral<T> &&(!std::same_as<T, bool>)struct Convert<T> {
  static void push(detail::State* s, T v) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(int64_t)) {
      if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        detail::push_number(s, static_cast<double>(v));
        return;
      }
    }
    detail::push_integer(s, static_cast<int64_t>(v));
  }
  static T get(detail::State* s, int idx, int arg) {
    const int64_t v = detail::to_integer(s, idx, arg);
    if constexpr (!std::same_as<T, int64_t>) {
      if (!std::in_range<T>(v)) detail::range_error(s, idx, arg);
    }
    return static_cast<T>(v);
  }
  static T get_nil() { throw Error("number expected, got nil"); }
};

template <std::floating_point T>
struct Convert<T> {
  static void push(detail::State* s, T v) { detail::push_number(s, static_cast<double>(v)); }
  static T get(detail::State* s, int idx, int arg) {
    return static_cast<T>(detail::to_number(s, idx, arg));
  }
  static T get_nil() { throw Error("number expected, got nil"); }
};

template <>
struct Convert<bool> {
  static void push(detail::State* s, bool v) { detail::push_boolean(s, v); }
  static bool get(detail::State* s, int idx, int) { return detail::to_boolean(s, idx); }
  static bool get_nil() { return false; }
};

template <>
struct Convert<std::string> {
  static void push(detail::State* s, const std::string& v) {
    detail::push_string(s, v.data(), v.size());
  }
  static std::string get(detail::State* s, int idx, int arg) {
    return std::string(detail::to_string(s, idx, arg));
  }
  static std::string get_nil() { throw Error("string expected, got nil"); }
};

template <>
struct Convert<std::string_view> {
  static void push(detail::State* s, std::string_view v) {
    detail::push_string(s, v.data(), v.size());
  }
  static std::string_view get(detail::State* s, int idx, int arg) {
    return detail::to_string(s, idx, arg);
  }
};

template <>
struct Convert<const char*> {
  static void push(detail::State* s, const char* v) {
    if (v == nullptr) {
      detail::push_nil(s);
    } else {
      detail::push_string(s, v, std::char_traits<char>::length(v));
    }
  }
  static const char* get(detail::State* s, int idx, int arg) {
    return detail::to_string(s, idx, arg).data();  // Lua strings end with a NUL
  }
};
template <>
struct Convert<char*> : Convert<const char*> {};

template <>
struct Convert<std::nullptr_t> {
  static void push(detail::State* s, std::nullptr_t) { detail::push_nil(s); }
};
template <>
struct Convert<std::nullopt_t> {
  static void push(detail::State* s, std::nullopt_t) { detail::push_nil(s); }
};

template <typename T>
struct Convert<std::optional<T>> {
  static void push(detail::State* s, const std::optional<T>& v) {
    if (v) {
      Convert<T>::push(s, *v);
    } else {
      detail::push_nil(s);
    }
  }
  static std::optional<T> get(detail::State* s, int idx, int arg) {
    if (detail::type(s, idx) <= Type::kNil) return std::nullopt;
    return Convert<T>::get(s, idx, arg);
  }
  static std::optional<T> get_nil() { return std::nullopt; }
};

template <>
struct Convert<Value> {
  static void push(detail::State* s, const Value& v) { v.push(s); }
  static Value get(detail::State* s, int idx, int) { return Value::from_stack(s, idx); }
  static Value get_nil() { return Value(); }
};

template <>
struct Convert<Table> {
  static void push(detail::State* s, const Table& v) { v.push(s); }
  static Table get(detail::State* s, int idx, int arg) {
    if (detail::type(s, idx) != Type::kTable) detail::type_error(s, idx, arg, "table");
    return Table::from_stack(s, idx);
  }
  static Table get_nil() { throw Error("table expected, got nil"); }
};

template <>
struct Convert<Function> {
  static void push(detail::State* s, const Function& v) { v.push(s); }
  static Function get(detail::State* s, int idx, int arg) {
    if (detail::type(s, idx) != Type::kFunction) detail::type_error(s, idx, arg, "function");
    return Function::from_stack(s, idx);
  }
  static Function get_nil() { throw Error("function expected, got nil"); }
};

// A coroutine; a function given where a coroutine is expected becomes a new one running it.
template <>
struct Convert<Coroutine> {
  static void push(detail::State* s, const Coroutine& v) { v.push(s); }
  static Coroutine get(detail::State* s, int idx, int arg) {
    const Type t = detail::type(s, idx);
    if (t == Type::kFunction) {
      detail::push_new_coroutine(s, idx);
      Coroutine co = Coroutine::from_stack(s, -1);
      detail::set_top(s, -2);
      return co;
    }
    if (t != Type::kThread) detail::type_error(s, idx, arg, "coroutine");
    return Coroutine::from_stack(s, idx);
  }
  static Coroutine get_nil() { throw Error("coroutine expected, got nil"); }
};

template <>
struct Convert<Args> {
  static Args get(detail::State* s, int idx, int) { return Args(s, idx); }
};

template <typename T, typename A>
struct Convert<std::vector<T, A>> {
  static void push(detail::State* s, const std::vector<T, A>& v) {
    detail::reserve(s, 3);
    detail::push_new_table(s, static_cast<int>(std::min<size_t>(v.size(), 1 << 24)), 0);
    int64_t i = 1;
    for (const auto& e : v) {
      detail::push_integer(s, i++);
      Convert<T>::push(s, e);
      detail::set_table(s, -3);
    }
  }
  static std::vector<T, A> get(detail::State* s, int idx, int arg) {
    if (detail::type(s, idx) != Type::kTable) detail::type_error(s, idx, arg, "table");
    detail::StackGuard guard(s);
    detail::reserve(s, 2);
    detail::push_copy(s, idx);
    const int64_t n = detail::length(s, -1);
    std::vector<T, A> out;
    out.reserve(static_cast<size_t>(std::max<int64_t>(n, 0)));
    for (int64_t i = 1; i <= n; i++) {
      detail::push_integer(s, i);
      detail::get_table(s, -2);
      out.push_back(Convert<T>::get(s, -1, 0));
      detail::set_top(s, -2);
    }
    return out;
  }
  static std::vector<T, A> get_nil() { throw Error("table expected, got nil"); }
};

namespace detail {
template <typename M>
struct ConvertMap {
  using K = typename M::key_type;
  using V = typename M::mapped_type;
  static void push(State* s, const M& m) {
    reserve(s, 3);
    push_new_table(s, 0, static_cast<int>(std::min<size_t>(m.size(), 1 << 24)));
    for (const auto& [k, v] : m) {
      Convert<K>::push(s, k);
      Convert<V>::push(s, v);
      set_table(s, -3);
    }
  }
  static M get(State* s, int idx, int arg) {
    if (type(s, idx) != Type::kTable) type_error(s, idx, arg, "table");
    StackGuard guard(s);
    reserve(s, 3);
    push_copy(s, idx);
    push_nil(s);
    M out;
    while (next(s, -2)) {
      out.emplace(Convert<K>::get(s, -2, 0), Convert<V>::get(s, -1, 0));
      set_top(s, -2);
    }
    return out;
  }
  static M get_nil() { throw Error("table expected, got nil"); }
};
}  // namespace detail

template <typename K, typename V, typename C, typename A>
struct Convert<std::map<K, V, C, A>> : detail::ConvertMap<std::map<K, V, C, A>> {};
template <typename K, typename V, typename H, typename E, typename A>
struct Convert<std::unordered_map<K, V, H, E, A>>
    : detail::ConvertMap<std::unordered_map<K, V, H, E, A>> {};

// ---- Bound functions ----

namespace detail {

// A user type: a class with no Convert of its own, boxed in a full userdata (usertype.hpp).
template <typename T>
concept UserType = std::is_class_v<T> && requires {
  Convert<T>::kUserType;
};

// How a parameter of type A is read from argument i: converted and held (Held), then passed
// on (use). A user type taken by reference or pointer is held as a pointer into its box.
template <typename A>
struct Arg {
  using Held = Bare<A>;
  static Held get(State* s, int i) { return Convert<Held>::get(s, i, i); }
  static decltype(auto) use(Held& h) {
    if constexpr (std::is_lvalue_reference_v<A>) {
      return (h);
    } else {
      return std::move(h);
    }
  }
};
template <typename T>
requires UserType<std::remove_const_t<T>>
struct Arg<T&> {
  using Held = T*;
  static Held get(State* s, int i) { return Convert<std::remove_const_t<T>*>::get(s, i, i); }
  static T& use(Held h) { return *h; }
};
template <typename T>
requires UserType<std::remove_const_t<T>>
struct Arg<T*> {
  using Held = T*;
  static Held get(State* s, int i) {
    if (type(s, i) <= Type::kNil) return nullptr;
    return Convert<std::remove_const_t<T>*>::get(s, i, i);
  }
  static T* use(Held h) { return h; }
};

// The parameter and result types of a callable.
template <typename F>
struct Signature : Signature<decltype(&F::operator())> {};
template <typename R, typename... A>
struct Signature<R (*)(A...)> {
  using Result = R;
  using Params = std::tuple<A...>;
};
template <typename R, typename... A>
struct Signature<R (*)(A...) noexcept> : Signature<R (*)(A...)> {};
template <typename R, typename C, typename... A>
struct Signature<R (C::*)(A...)> : Signature<R (*)(A...)> {};
template <typename R, typename C, typename... A>
struct Signature<R (C::*)(A...) const> : Signature<R (*)(A...)> {};
template <typename R, typename C, typename... A>
struct Signature<R (C::*)(A...) noexcept> : Signature<R (*)(A...)> {};
template <typename R, typename C, typename... A>
struct Signature<R (C::*)(A...) const noexcept> : Signature<R (*)(A...)> {};

// A member function bound as a function whose first parameter is the object.
template <typename M>
struct Method {
  M m;
  template <typename... X>
  decltype(auto) operator()(X&&... x) const {
    return std::invoke(m, std::forward<X>(x)...);
  }
};
template <typename R, typename C, typename... A>
struct Signature<Method<R (C::*)(A...)>> {
  using Result = R;
  using Params = std::tuple<C&, A...>;
};
template <typename R, typename C, typename... A>
struct Signature<Method<R (C::*)(A...) const>> {
  using Result = R;
  using Params = std::tuple<const C&, A...>;
};
template <typename R, typename C, typename... A>
struct Signature<Method<R (C::*)(A...) noexcept>> : Signature<Method<R (C::*)(A...)>> {};
template <typename R, typename C, typename... A>
struct Signature<Method<R (C::*)(A...) const noexcept>> : Signature<Method<R (C::*)(A...) const>> {
};

template <typename F>
constexpr bool is_method = false;
template <typename M>
constexpr bool is_method<Method<M>> = true;

template <typename F>
concept Bindable =
    (std::is_pointer_v<F> && std::is_function_v<std::remove_pointer_t<F>>) || requires {
  &F::operator();
}
|| is_method<F> || std::is_member_function_pointer_v<F>;

template <typename Tuple, size_t... I>
void push_tuple(State* s, Tuple&& t, std::index_sequence<I...>) {
  (Convert<PushAs<std::tuple_element_t<I, Bare<Tuple>>>>::push(s,
                                                               std::get<I>(std::forward<Tuple>(t))),
   ...);
}

// Push what a bound function returned; how many values. A user type returned by non-const
// reference is pushed as a reference (its box points at it: it must outlive its use in Lua),
// one returned by value or const reference as a copy.
template <typename R>
int push_result(State* s, R&& r) {
  if constexpr (is_tuple<Bare<R>>) {
    constexpr size_t n = std::tuple_size_v<Bare<R>>;
    if constexpr (n > 16) reserve(s, static_cast<int>(n));
    push_tuple(s, std::forward<R>(r), std::make_index_sequence<n>());
    return static_cast<int>(n);
  } else if constexpr (std::is_lvalue_reference_v<R> &&
                       !std::is_const_v<std::remove_reference_t<R>> && UserType<Bare<R>>) {
    Convert<Bare<R>*>::push(s, &r);
    return 1;
  } else {
    Convert<PushAs<R>>::push(s, std::forward<R>(r));
    return 1;
  }
}

template <typename F, typename... A, size_t... I>
int invoke_with(State* s, F& f, std::tuple<A...>*, std::index_sequence<I...>) {
  using R = typename Signature<F>::Result;
  // Braces convert the arguments left to right, so that the first bad one is reported.
  std::tuple<typename Arg<A>::Held...> held{Arg<A>::get(s, static_cast<int>(I) + 1)...};
  if constexpr (std::is_void_v<R>) {
    f(Arg<A>::use(std::get<I>(held))...);
    return 0;
  } else {
    return push_result<R>(s, f(Arg<A>::use(std::get<I>(held))...));
  }
}

template <typename F>
int invoke_bound(State* s, F& f) {
  using Params = typename Signature<F>::Params;
  return invoke_with(s, f, static_cast<Params*>(nullptr),
                     std::make_index_sequence<std::tuple_size_v<Params>>());
}

// Host code run from inside a Lua call (a bound function, an accessor, a hook): in a
// BoundFrame, with a C++ exception turned into a Lua error carrying what().
template <typename F>
int run_as_lua_call(State* s, Host* h, F&& body) {
  try {
    BoundFrame frame(s, h);
    return body();
  } catch (const std::exception& e) {
    raise(s, e.what());
  }
}

template <typename F>
int bound_trampoline(State* s) {
  void* object = function_object(s);
  F& f = *static_cast<F*>(object);
  return run_as_lua_call(s, bound_host(object), [&] { return invoke_bound(s, f); });
}

template <typename F>
void destroy_object(void* p) {
  static_cast<F*>(p)->~F();
}

void arm_destroy(State* s, void* object, void (*destroy)(void*));

}  // namespace detail

template <typename F>
requires detail::Bindable<F>
struct Convert<F> {
  template <typename G>
  static void push(detail::State* s, G&& f) {
    using Fn = std::decay_t<G>;
    if constexpr (std::is_member_function_pointer_v<Fn>) {  // a function of the object
      Convert<detail::Method<Fn>>::push(s, detail::Method<Fn>{f});
    } else {
      static_assert(alignof(Fn) <= 16,
                    "a bound function object must not need more than 16-byte alignment");
      void* mem = detail::push_function(s, &detail::bound_trampoline<Fn>, sizeof(Fn), nullptr);
      new (mem) Fn(std::forward<G>(f));
      if constexpr (!std::is_trivially_destructible_v<Fn>) {
        detail::arm_destroy(s, mem, &detail::destroy_object<Fn>);
      }
    }
  }
};

// Several functions under one name: a call runs the first whose parameters take the
// arguments (their number, and their types: an integer for an integer type, a number for a
// floating-point one, a string, a table, an object of the user type...).
//   vm.set_function("area", tycho::overload([](double r) { ... }, [](double w, double h) { ... }));
template <typename... F>
struct Overload {
  std::tuple<F...> functions;
};
template <typename... F>
Overload<std::decay_t<F>...> overload(F&&... f) {
  return {{std::forward<F>(f)...}};
}

namespace detail {

template <typename T>
constexpr bool is_optional = false;
template <typename T>
constexpr bool is_optional<std::optional<T>> = true;
template <typename T>
constexpr bool is_shared = false;
template <typename T>
constexpr bool is_shared<std::shared_ptr<T>> = true;
template <typename T>
constexpr bool is_table_like = false;
template <typename T, typename A>
constexpr bool is_table_like<std::vector<T, A>> = true;
template <typename K, typename V, typename C, typename A>
constexpr bool is_table_like<std::map<K, V, C, A>> = true;
template <typename K, typename V, typename H, typename E, typename A>
constexpr bool is_table_like<std::unordered_map<K, V, H, E, A>> = true;

bool is_integer(State* s, int idx);                 // a number of the integer subtype
bool is_object(State* s, int idx, TypeInfo* want);  // a user type's object that is a `want`

// Whether argument i can be a parameter of type A (for overloads).
template <typename A>
bool accepts(State* s, int i) {
  using T = Bare<A>;
  const Type t = type(s, i);
  if constexpr (std::is_same_v<T, bool>) {
    return t == Type::kBoolean;
  } else if constexpr (std::is_integral_v<T>) {
    return t == Type::kNumber && is_integer(s, i);
  } else if constexpr (std::is_floating_point_v<T>) {
    return t == Type::kNumber;
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view> ||
                       std::is_same_v<T, const char*>) {
    return t == Type::kString;
  } else if constexpr (is_optional<T>) {
    return t <= Type::kNil || accepts<typename T::value_type>(s, i);
  } else if constexpr (std::is_same_v<T, Table> || is_table_like<T>) {
    return t == Type::kTable;
  } else if constexpr (std::is_same_v<T, Function>) {
    return t == Type::kFunction;
  } else if constexpr (std::is_same_v<T, Coroutine>) {
    return t == Type::kThread || t == Type::kFunction;
  } else if constexpr (std::is_same_v<T, Value> || std::is_same_v<T, Args>) {
    return true;
  } else if constexpr (std::is_pointer_v<T>) {
    using U = std::remove_const_t<std::remove_pointer_t<T>>;
    if constexpr (UserType<U>) {
      return t <= Type::kNil || is_object(s, i, &type_info_of<U>);
    } else {
      return true;
    }
  } else if constexpr (is_shared<T>) {
    return is_object(s, i, &type_info_of<typename T::element_type>);
  } else if constexpr (UserType<std::remove_const_t<T>>) {
    return is_object(s, i, &type_info_of<std::remove_const_t<T>>);
  } else {
    return true;  // a host's own conversion: tried
  }
}

template <typename... A, size_t... I>
bool arguments_match(State* s, std::tuple<A...>*, std::index_sequence<I...>) {
  constexpr int count = static_cast<int>(sizeof...(A));
  constexpr bool variadic =
      count > 0 &&
      std::is_same_v<Bare<std::tuple_element_t<sizeof...(A) - 1, std::tuple<A...>>>, Args>;
  if (!variadic && top(s) > count) return false;
  return (accepts<A>(s, static_cast<int>(I) + 1) && ...);
}

template <typename F>
bool arguments_match(State* s) {
  using Params = typename Signature<F>::Params;
  return arguments_match(s, static_cast<Params*>(nullptr),
                         std::make_index_sequence<std::tuple_size_v<Params>>());
}

[[noreturn]] void no_overload(State* s);  // "no overload takes (number, string)"

template <typename O>
int overload_trampoline(State* s) {
  void* object = function_object(s);
  O& o = *static_cast<O*>(object);
  return run_as_lua_call(s, bound_host(object), [&] {
    int results = -1;
    std::apply(
        [&](auto&... f) {
          (void)((arguments_match<Bare<decltype(f)>>(s) ? (results = invoke_bound(s, f), true)
                                                        : false) ||
                 ...);
        },
        o.functions);
    if (results < 0) no_overload(s);
    return results;
  });
}

}  // namespace detail

template <typename... F>
struct Convert<Overload<F...>> {
  static void push(detail::State* s, Overload<F...> o) {
    using O = Overload<F...>;
    void* mem = detail::push_function(s, &detail::overload_trampoline<O>, sizeof(O), nullptr);
    new (mem) O(std::move(o));
    if constexpr (!std::is_trivially_destructible_v<O>) {
      detail::arm_destroy(s, mem, &detail::destroy_object<O>);
    }
  }
};

}  // namespace tycho
