// C++ classes in Lua: user types.
//
//   vm.new_usertype<Vec>("Vec", tycho::ctor<double, double>(),   // Vec.new(1, 2) in Lua
//                        "x", &Vec::x, "y", &Vec::y,             // fields (read and write)
//                        "len", &Vec::len,                       // a method: v:len()
//                        "__add", [](const Vec& a, const Vec& b) { return a + b; });
//
// An object of a user type lives in a full userdata: by value (a copy, or one made by a
// constructor: the collector runs its destructor), or as a reference to an object the host
// owns (a pointer: the host destroys it, after Lua stops using it), or shared (a
// std::shared_ptr, or a std::unique_ptr given to Lua). Functions take it as T (a copy), T& or
// const T& (the object itself), T* (nil is null) or std::shared_ptr<T>.
//
// What new_usertype takes, after the name, in any order:
//   - tycho::ctor<A...>() (several: chosen by the number of arguments) -> Name.new(...);
//   - tycho::bases<B...>(): the methods and fields of the bases (registered before) work on
//     it, and it converts to B& / B*;
//   - "name", &T::field: a field, read-write (read-only when const, or tycho::readonly(...));
//   - "name", tycho::property(getter[, setter]): a field through functions (member functions
//     or callables taking the object);
//   - "name", &T::method or a callable: a method (obj:name(...)), also Name.name(obj, ...);
//     a callable whose first parameter is not the object is a static function, Name.name(...);
//   - "__add", "__eq", "__lt", "__le", "__concat", "__tostring", "__len", "__call", "__unm",
//     ...: metamethods; "__index" and "__newindex": what runs for names the type does not
//     have.
#pragma once

#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

#include "tycho/value.hpp"

namespace tycho {

template <typename... A>
struct Ctor {};
template <typename... A>
Ctor<A...> ctor() {
  return {};
}
template <typename... B>
struct Bases {};
template <typename... B>
Bases<B...> bases() {
  return {};
}
template <typename G, typename S = std::nullptr_t>
struct Property {
  G get;
  S set;
};
template <typename G>
Property<G> property(G get) {
  return {get, nullptr};
}
template <typename G, typename S>
Property<G, S> property(G get, S set) {
  return {get, set};
}
template <typename M>
struct Readonly {
  M member;
};
template <typename M>
Readonly<M> readonly(M member) {
  return {member};
}

// ---- Conversions of user types by pointer and smart pointer ----

template <typename T>
requires detail::UserType<T>
struct Convert<T*> {
  static void push(detail::State* s, T* p) {
    if (p == nullptr) {
      detail::push_nil(s);
      return;
    }
    detail::Box* b = detail::push_box(s, &detail::type_info_of<T>, 0);
    b->object = p;
  }
  static T* get(detail::State* s, int idx, int arg) {
    return static_cast<T*>(detail::to_object(s, idx, &detail::type_info_of<T>, arg));
  }
};
template <typename T>
requires detail::UserType<T>
struct Convert<const T*> {
  static void push(detail::State* s, const T* p) { Convert<T*>::push(s, const_cast<T*>(p)); }
  static const T* get(detail::State* s, int idx, int arg) { return Convert<T*>::get(s, idx, arg); }
};

template <typename T>
requires detail::UserType<T>
struct Convert<std::shared_ptr<T>> {
  static void push(detail::State* s, const std::shared_ptr<T>& p) {
    if (p == nullptr) {
      detail::push_nil(s);
      return;
    }
    detail::Box* b = detail::push_box(s, &detail::type_info_of<T>, 0);
    b->object = p.get();
    b->owner = p;
  }
  // A shared_ptr sharing the ownership of the one Lua holds; an object Lua holds by value or
  // by reference has none to share (an error).
  static std::shared_ptr<T> get(detail::State* s, int idx, int arg) {
    T* object = static_cast<T*>(detail::to_object(s, idx, &detail::type_info_of<T>, arg));
    detail::Box* b = detail::to_box(s, idx);
    if (b->owner == nullptr) detail::type_error(s, idx, arg, "shared object");
    return std::shared_ptr<T>(b->owner, object);
  }
};

// A unique_ptr pushed gives its object to Lua: the collector deletes it.
template <typename T, typename D>
requires detail::UserType<T>
struct Convert<std::unique_ptr<T, D>> {
  static void push(detail::State* s, std::unique_ptr<T, D>&& p) {
    if (p == nullptr) {
      detail::push_nil(s);
      return;
    }
    detail::Box* b = detail::push_box(s, &detail::type_info_of<T>, 0);
    b->object = p.get();
    b->owner = std::shared_ptr<void>(std::move(p));
  }
};

namespace detail {

// A field's accessors (a userdata in the type's field table): get pushes the value of the
// object at index 1; set stores the value at index 2 into it.
struct Accessor {
  int (*get)(State* s, const void* data);
  int (*set)(State* s, const void* data);  // null: read-only
};
// Push an accessor with `size` bytes of data (returned), destroyed with `destroy` (if any).
void* push_accessor(State* s, Accessor a, size_t size, void (*destroy)(void*));

// Registration, on the stack: the metatable, the class table, the field table, and the
// __index and __newindex fallbacks.
class UsertypeBuilder {
 public:
  UsertypeBuilder(State* s, TypeInfo* type, std::string_view name);
  void add_function(std::string_view name);  // pops a function: method, static or metamethod
  void add_field(std::string_view name);     // pops an accessor
  void add_constructor(int arity);           // pops a constructor (Name.new, by arity)
  void inherit(TypeInfo* base);              // what the base has and this type has not
  void finish();                             // __index, __newindex, the global

 private:
  State* s_;
  TypeInfo* type_;
  int base_;  // the metatable's index; the class, field and constructor tables follow
  std::string_view name_;
};

template <typename T, typename V>
int member_get(State* s, const void* data) {
  const auto member = *static_cast<V T::*const*>(data);
  T& self = *static_cast<T*>(to_object(s, 1, &type_info_of<T>, 1));
  if constexpr (UserType<V>) {
    Convert<std::remove_const_t<V>*>::push(s, const_cast<std::remove_const_t<V>*>(&(self.*member)));
  } else {
    Convert<PushAs<V>>::push(s, self.*member);
  }
  return 1;
}
template <typename T, typename V>
int member_set(State* s, const void* data) {
  const auto member = *static_cast<V T::*const*>(data);
  T& self = *static_cast<T*>(to_object(s, 1, &type_info_of<T>, 1));
  self.*member = Convert<Bare<V>>::get(s, 2, 0);
  return 0;
}

// A callable as a function to bind: member functions are called on their first argument.
template <typename F>
auto as_callable(F f) {
  if constexpr (std::is_member_function_pointer_v<F>) {
    return Method<F>{f};
  } else {
    return f;
  }
}

template <typename P>
int property_get(State* s, const void* data) {
  auto f = as_callable(static_cast<const P*>(data)->get);
  return run_as_lua_call(s, host(s), [&] { return invoke_bound(s, f); });
}
template <typename P>
int property_set(State* s, const void* data) {
  auto f = as_callable(static_cast<const P*>(data)->set);
  return run_as_lua_call(s, host(s), [&] {
    invoke_bound(s, f);
    return 0;
  });
}

template <typename T, typename... A>
struct Constructor {
  T operator()(A... args) const { return T(std::forward<A>(args)...); }
};

template <typename T, typename... B>
void set_bases() {
  static const BaseCast casts[] = {
      {&type_info_of<B>, [](void* p) -> void* { return static_cast<B*>(static_cast<T*>(p)); }}...,
      {nullptr, nullptr}};
  type_info_of<T>.bases.store(casts, std::memory_order_release);
}

template <typename X>
constexpr bool is_readonly = false;
template <typename M>
constexpr bool is_readonly<Readonly<M>> = true;
template <typename X>
constexpr bool is_property = false;
template <typename G, typename S>
constexpr bool is_property<Property<G, S>> = true;

template <typename T, typename M>
void add_member(UsertypeBuilder& b, State* s, std::string_view name, M&& m) {
  using X = Bare<M>;
  if constexpr (std::is_member_object_pointer_v<X>) {
    using V = std::remove_reference_t<decltype(std::declval<T&>().*m)>;
    Accessor a{&member_get<T, V>, nullptr};
    if constexpr (!std::is_const_v<V>) a.set = &member_set<T, V>;
    void* data = push_accessor(s, a, sizeof(X), nullptr);
    new (data) X(m);
    b.add_field(name);
  } else if constexpr (is_readonly<X>) {
    using P = decltype(m.member);
    using V = std::remove_reference_t<decltype(std::declval<T&>().*(m.member))>;
    void* data = push_accessor(s, {&member_get<T, V>, nullptr}, sizeof(P), nullptr);
    new (data) P(m.member);
    b.add_field(name);
  } else if constexpr (is_property<X>) {
    Accessor a{&property_get<X>, nullptr};
    if constexpr (!std::is_same_v<decltype(m.set), std::nullptr_t>) a.set = &property_set<X>;
    void* data = push_accessor(s, a, sizeof(X),
                               std::is_trivially_destructible_v<X> ? nullptr : &destroy_object<X>);
    new (data) X(std::forward<M>(m));
    b.add_field(name);
  } else {
    Convert<PushAs<decltype(as_callable(m))>>::push(s, as_callable(std::forward<M>(m)));
    b.add_function(name);
  }
}

template <typename T>
void add_items(UsertypeBuilder&, State*) {}

template <typename T, typename First, typename... Rest>
void add_items(UsertypeBuilder& b, State* s, First&& first, Rest&&... rest);

template <typename T, typename M, typename... Rest>
void add_named(UsertypeBuilder& b, State* s, std::string_view name, M&& m, Rest&&... rest) {
  add_member<T>(b, s, name, std::forward<M>(m));
  add_items<T>(b, s, std::forward<Rest>(rest)...);
}

template <typename T, typename First, typename... Rest>
void add_items(UsertypeBuilder& b, State* s, First&& first, Rest&&... rest) {
  if constexpr (requires { []<typename... A>(Ctor<A...>) {}(first); }) {
    []<typename... A>(UsertypeBuilder& builder, State* state, Ctor<A...>) {
      Convert<Constructor<T, A...>>::push(state, Constructor<T, A...>{});
      builder.add_constructor(static_cast<int>(sizeof...(A)));
    }(b, s, first);
    add_items<T>(b, s, std::forward<Rest>(rest)...);
  } else if constexpr (requires { []<typename... B>(Bases<B...>) {}(first); }) {
    []<typename... B>(UsertypeBuilder& builder, Bases<B...>) {
      set_bases<T, B...>();
      (builder.inherit(&type_info_of<B>), ...);
    }(b, first);
    add_items<T>(b, s, std::forward<Rest>(rest)...);
  } else {
    static_assert(sizeof...(Rest) > 0, "a name without a member");
    add_named<T>(b, s, std::string_view(first), std::forward<Rest>(rest)...);
  }
}

}  // namespace detail

}  // namespace tycho
