// User types (include/tycho/usertype.hpp): boxes, their conversions, and registration.
//
// A user type's object lives in a full userdata that starts with a detail::Box (a magic word,
// the C++ type, the object's address, how to destroy it). The type's metatable sits in the
// registry under the TypeInfo's address: __name, __gc (collect_box), __index (the class table
// itself when the type has no fields, else index_object), __newindex (newindex_object) and the
// metamethods given. It also keeps the class table and the field table, under
// "__tycho_class" and "__tycho_fields", for the types that inherit from it.
#include <cstring>
#include <new>
#include <string>

#include "api/internal.hpp"
#include "stdlib/aux.hpp"
#include "tycho/tycho.hpp"
#include "vm/api.hpp"

namespace tycho::detail {

using vm::Thread;
namespace api = vm::api;

namespace {

constexpr uint64_t kBoxMagic = 0x74796368'6f426f78;  // "tychoBox"
constexpr char kClassKey[] = "__tycho_class";
constexpr char kFieldsKey[] = "__tycho_fields";
constexpr size_t kAccessorHead = 16;  // destroy, then the Accessor, then its data
constexpr size_t kAccessorData = kAccessorHead + 16;
constexpr char kAccessorMeta[] = "tycho.accessor";

const char* name_of(const TypeInfo* type) {
  const char* name = type->name.load(std::memory_order_acquire);
  return name != nullptr ? name : "userdata";
}

// The object `object` of type `from` as a `want`, through the bases; null when it is none.
void* cast_to(const TypeInfo* from, void* object, const TypeInfo* want, int depth = 0) {
  if (from == want) return object;
  if (depth > 32) return nullptr;
  const BaseCast* c = from->bases.load(std::memory_order_acquire);
  for (; c != nullptr && c->base != nullptr; c++) {
    if (void* p = cast_to(c->base, c->cast(object), want, depth + 1)) return p;
  }
  return nullptr;
}

int collect_box(Thread* L) {  // __gc of a user type's userdata
  Box* b = to_box(L, 1);
  if (b == nullptr) return 0;
  void (*destroy)(Box*) = b->destroy;
  b->destroy = nullptr;
  BoundFrame frame(L);  // a destructor is host code inside a Lua call
  if (destroy != nullptr) destroy(b);
  b->owner.reset();
  b->object = nullptr;
  return 0;
}

int collect_accessor(Thread* L) {
  destroy_stored(api::to_userdata(L, 1), kAccessorData);
  return 0;
}

// Push the plain metatable of a type never registered in this VM (or registered in none).
void push_plain_metatable(Thread* L, TypeInfo* type) {
  api::create_table(L, 0, 2);
  api::push_native_function(L, collect_box);
  api::set_field(L, -2, "__gc");
  api::push_string(L, name_of(type));
  api::set_field(L, -2, "__name");
  api::push_value(L, -1);
  api::raw_set_p(L, vm::kRegistryIndex, type);
}

// __index of a type with fields: (object, key); upvalues: class table, field table, fallback.
int index_object(Thread* L) {
  api::push_value(L, 2);
  if (api::raw_get(L, api::upvalue_index(2)) == vm::kTUserdata) {
    auto* mem = static_cast<char*>(api::to_userdata(L, -1));
    const auto* a = reinterpret_cast<const Accessor*>(mem + kAccessorHead);
    api::set_top(L, 1);  // the object (the field table keeps the accessor alive)
    return a->get(L, mem + kAccessorData);
  }
  api::pop(L, 1);
  api::push_value(L, 2);
  if (api::raw_get(L, api::upvalue_index(1)) != vm::kTNil) return 1;
  api::pop(L, 1);
  if (api::type(L, api::upvalue_index(3)) == vm::kTNil) {
    api::push_nil(L);
    return 1;
  }
  api::push_value(L, api::upvalue_index(3));
  api::insert(L, 1);
  api::call(L, 2, 1);
  return 1;
}

// __newindex: (object, key, value); upvalues: field table, fallback, type name.
int newindex_object(Thread* L) {
  api::push_value(L, 2);
  if (api::raw_get(L, api::upvalue_index(1)) == vm::kTUserdata) {
    auto* mem = static_cast<char*>(api::to_userdata(L, -1));
    const auto* a = reinterpret_cast<const Accessor*>(mem + kAccessorHead);
    api::pop(L, 1);
    if (a->set == nullptr) {
      stdlib::error(L, "field '%s' of %s is read-only", stdlib::tolstring(L, 2, nullptr),
                    api::to_string(L, api::upvalue_index(3)));
    }
    api::remove(L, 2);  // object, value
    return a->set(L, mem + kAccessorData);
  }
  api::pop(L, 1);
  if (api::type(L, api::upvalue_index(2)) != vm::kTNil) {
    api::push_value(L, api::upvalue_index(2));
    api::insert(L, 1);
    api::call(L, 3, 0);
    return 0;
  }
  stdlib::error(L, "%s has no field '%s'", api::to_string(L, api::upvalue_index(3)),
                stdlib::tolstring(L, 2, nullptr));
}

// Name.new with several constructors: by the number of arguments; upvalue: arity -> function.
int construct_by_arity(Thread* L) {
  const int n = api::get_top(L);
  if (api::raw_get_i(L, api::upvalue_index(1), n) != vm::kTFunction) {
    stdlib::error(L, "no constructor of %s takes %d argument%s",
                  api::to_string(L, api::upvalue_index(2)), n, n == 1 ? "" : "s");
  }
  api::insert(L, 1);
  api::call(L, n, 1);
  return 1;
}

// Copy the entries of the table at `from` missing in the one at `to`.
void copy_missing(Thread* L, int from, int to) {
  api::push_nil(L);
  while (api::next(L, from)) {
    api::push_value(L, -2);
    if (api::raw_get(L, to) == vm::kTNil) {
      api::pop(L, 1);
      api::push_value(L, -2);
      api::push_value(L, -2);
      api::raw_set(L, to);
    } else {
      api::pop(L, 1);
    }
    api::pop(L, 1);
  }
}

}  // namespace

Box* push_box(State* s, TypeInfo* type, size_t extra) {
  reserve(s, 4);
  return host_guarded(s, [&](Thread* L) {
    void* mem = api::new_userdata(L, kBoxHead + extra, 0);
    Box* b = new (mem) Box{kBoxMagic, type, nullptr, nullptr, {}};
    if (api::raw_get_p(L, vm::kRegistryIndex, type) != vm::kTTable) {
      api::pop(L, 1);
      push_plain_metatable(L, type);
    }
    api::set_metatable(L, -2);
    return b;
  });
}

Box* to_box(State* s, int idx) {
  if (api::type(s, idx) != vm::kTUserdata) return nullptr;
  if (api::raw_len(s, idx) < kBoxHead) return nullptr;
  auto* b = static_cast<Box*>(api::to_userdata(s, idx));
  return b->magic == kBoxMagic ? b : nullptr;
}

void* to_object(State* s, int idx, TypeInfo* want, int arg) {
  if (Box* b = to_box(s, idx); b != nullptr && b->object != nullptr) {
    if (void* p = cast_to(b->type, b->object, want)) return p;
  }
  type_error(s, idx, arg, name_of(want));
}

bool is_object(State* s, int idx, TypeInfo* want) {
  Box* b = to_box(s, idx);
  return b != nullptr && b->object != nullptr && cast_to(b->type, b->object, want) != nullptr;
}

void* push_accessor(State* s, Accessor a, size_t size, void (*destroy)(void*)) {
  reserve(s, 3);
  return host_guarded(s, [&](Thread* L) {
    auto* mem = static_cast<char*>(api::new_userdata(L, kAccessorData + size, 0));
    std::memcpy(mem, &destroy, sizeof destroy);
    std::memcpy(mem + kAccessorHead, &a, sizeof a);
    if (destroy != nullptr) {
      if (stdlib::new_metatable(L, kAccessorMeta)) {
        api::push_native_function(L, collect_accessor);
        api::set_field(L, -2, "__gc");
      }
      api::set_metatable(L, -2);
    }
    return static_cast<void*>(mem + kAccessorData);
  });
}

// ---- Registration ----
// The builder's slots: base_ the metatable, +1 the class table, +2 the fields, +3 the
// constructors by arity, +4 and +5 the __index and __newindex fallbacks.

UsertypeBuilder::UsertypeBuilder(State* s, TypeInfo* type, std::string_view name)
    : s_(s), type_(type), name_(name) {
  reserve(s, 12);
  base_ = api::get_top(s) + 1;
  host_guarded(s, [&](Thread* L) {
    api::create_table(L, 0, 8);  // the metatable
    api::push_native_function(L, collect_box);
    api::set_field(L, -2, "__gc");
    api::push_string(L, name);
    api::set_field(L, -2, "__name");
    api::create_table(L, 0, 8);  // the class table
    api::create_table(L, 0, 4);  // the fields
    api::create_table(L, 0, 0);  // the constructors
    api::push_nil(L);
    api::push_nil(L);
  });
}

void UsertypeBuilder::add_function(std::string_view name) {
  if (name == "__index" || name == "__newindex") {
    api::replace(s_, base_ + (name == "__index" ? 4 : 5));
    return;
  }
  const bool meta = name.size() > 2 && name.substr(0, 2) == "__";
  if (meta && name == "__gc") throw Error("a user type's __gc is its destructor");
  push_string(s_, name.data(), name.size());
  api::insert(s_, -2);
  set_table(s_, meta ? base_ : base_ + 1);
}

void UsertypeBuilder::add_field(std::string_view name) {
  push_string(s_, name.data(), name.size());
  api::insert(s_, -2);
  set_table(s_, base_ + 2);
}

void UsertypeBuilder::add_constructor(int arity) {
  push_integer(s_, arity);
  api::insert(s_, -2);
  set_table(s_, base_ + 3);
}

void UsertypeBuilder::inherit(TypeInfo* base) {
  reserve(s_, 6);
  if (api::raw_get_p(s_, vm::kRegistryIndex, base) != vm::kTTable) {
    api::pop(s_, 1);
    return;  // not registered in this VM: conversions only
  }
  const int mt = api::get_top(s_);
  host_guarded(s_, [&](Thread* L) {
    if (api::get_field(L, mt, kClassKey) == vm::kTTable) copy_missing(L, mt + 1, base_ + 1);
    api::pop(L, 1);
    if (api::get_field(L, mt, kFieldsKey) == vm::kTTable) copy_missing(L, mt + 1, base_ + 2);
    api::pop(L, 1);
  });
  api::pop(s_, 1);
}

void UsertypeBuilder::finish() {
  Thread* L = s_;
  reserve(L, 6);
  host_guarded(L, [&](Thread*) {
    const int mt = base_;
    // Name.new
    api::push_nil(L);
    int ctors = 0;
    int only = 0;
    while (api::next(L, mt + 3)) {
      ctors++;
      only = static_cast<int>(api::to_integer(L, -2));
      api::pop(L, 1);
    }
    if (ctors == 1) {
      api::raw_get_i(L, mt + 3, only);
    } else if (ctors > 1) {
      api::push_value(L, mt + 3);
      api::push_lstring(L, name_.data(), name_.size());
      api::push_native_closure(L, construct_by_arity, 2);
    }
    if (ctors > 0) api::set_field(L, mt + 1, "new");
    // __index: the class table itself when nothing else is needed
    api::push_nil(L);
    const bool has_fields = api::next(L, mt + 2);
    if (has_fields) api::pop(L, 2);
    if (!has_fields && api::is_nil(L, mt + 4)) {
      api::push_value(L, mt + 1);
    } else {
      api::push_value(L, mt + 1);
      api::push_value(L, mt + 2);
      api::push_value(L, mt + 4);
      api::push_native_closure(L, index_object, 3);
    }
    api::set_field(L, mt, "__index");
    api::push_value(L, mt + 2);
    api::push_value(L, mt + 5);
    api::push_lstring(L, name_.data(), name_.size());
    api::push_native_closure(L, newindex_object, 3);
    api::set_field(L, mt, "__newindex");
    api::push_value(L, mt + 1);
    api::set_field(L, mt, kClassKey);
    api::push_value(L, mt + 2);
    api::set_field(L, mt, kFieldsKey);
    api::push_value(L, mt);
    api::raw_set_p(L, vm::kRegistryIndex, type_);
  });
  // The C++ type's name for messages: the first registration's (kept for the process).
  if (type_->name.load(std::memory_order_acquire) == nullptr) {
    auto* copy = new std::string(name_);
    const char* expected = nullptr;
    if (!type_->name.compare_exchange_strong(expected, copy->c_str())) delete copy;
  }
  api::push_value(L, base_ + 1);
  set_global(L, name_);
}

}  // namespace tycho::detail
