// tycho values.
//
// A Value is 16 bytes: an 8-byte payload and a one-byte type tag. Lua 5.4 needs 64-bit integers
// that stay distinct from floats, which rules out NaN-boxing, so the tag lives beside the
// payload instead of inside it.
//
//   +--------------------------------+------+---------------+
//   | payload (int64 / double / ptr) | tag  |    unused     |
//   +--------------------------------+------+---------------+
//   0                                8      9               16
//
// The tag packs three things, the same way Lua 5.4 does:
//   bits 0-3  the basic type (nil, boolean, number, string, ...), what `type()` reports
//   bits 4-5  the variant (integer vs float, short vs long string, Lua vs native function)
//   bit  6    collectable: the payload is a pointer to a gc::GcObject
//
// Invariants:
//  - A collectable value's payload points to a live object whose header `type` equals the tag.
//  - Short strings are interned per VM, so two short strings are equal iff their pointers are.
//  - The nil variants `empty` (a free table slot) and `absent key` (what a failed table lookup
//    returns) are never visible to Lua code; both read as nil.
#pragma once

#include <cstddef>
#include <cstdint>

#include "gc/object.hpp"

namespace tycho::vm {

using gc::GcObject;

struct Thread;
struct String;
struct Table;
struct LuaClosure;
struct NativeClosure;
struct Userdata;
struct Proto;
struct UpVal;

// A native function: arguments are on the thread's stack, results are pushed and counted.
using NativeFn = int (*)(Thread* L);

// Basic types, in Lua's order (lua.h's LUA_T* numbers), which `type()` names.
enum : uint8_t {
  kTNil = 0,
  kTBoolean = 1,
  kTLightUserdata = 2,
  kTNumber = 3,
  kTString = 4,
  kTTable = 5,
  kTFunction = 6,
  kTUserdata = 7,
  kTThread = 8,
  kNumTypes = 9,
  // Internal collectable types, never held in a Lua-visible value.
  kTUpval = 9,
  kTProto = 10,
};

constexpr uint8_t kCollectableBit = 1 << 6;
constexpr uint8_t make_variant(uint8_t type, uint8_t variant) {
  return static_cast<uint8_t>(type | (variant << 4));
}
constexpr uint8_t collectable(uint8_t tag) { return static_cast<uint8_t>(tag | kCollectableBit); }

enum : uint8_t {
  kVNil = make_variant(kTNil, 0),
  kVEmpty = make_variant(kTNil, 1),
  kVAbsentKey = make_variant(kTNil, 2),
  kVFalse = make_variant(kTBoolean, 0),
  kVTrue = make_variant(kTBoolean, 1),
  kVLightUserdata = make_variant(kTLightUserdata, 0),
  kVInt = make_variant(kTNumber, 0),
  kVFloat = make_variant(kTNumber, 1),
  kVShortStr = collectable(make_variant(kTString, 0)),
  kVLongStr = collectable(make_variant(kTString, 1)),
  kVTable = collectable(make_variant(kTTable, 0)),
  kVLuaClosure = collectable(make_variant(kTFunction, 0)),
  kVLightFn = make_variant(kTFunction, 1),
  kVNativeClosure = collectable(make_variant(kTFunction, 2)),
  kVUserdata = collectable(make_variant(kTUserdata, 0)),
  kVThread = collectable(make_variant(kTThread, 0)),
  kVUpval = collectable(make_variant(kTUpval, 0)),
  kVProto = collectable(make_variant(kTProto, 0)),
};

constexpr uint8_t base_type(uint8_t tag) { return tag & 0x0f; }
constexpr uint8_t type_and_variant(uint8_t tag) { return tag & 0x3f; }

union Payload {
  GcObject* gc;
  void* p;
  NativeFn f;
  int64_t i;
  double n;
};

struct Value {
  Payload u;
  uint8_t tt;

  // Constructors.
  static Value nil() { Value v; v.u.i = 0; v.tt = kVNil; return v; }
  static Value empty() { Value v; v.u.i = 0; v.tt = kVEmpty; return v; }
  static Value boolean(bool b) { Value v; v.u.i = 0; v.tt = b ? kVTrue : kVFalse; return v; }
  static Value integer(int64_t i) { Value v; v.u.i = i; v.tt = kVInt; return v; }
  static Value number(double n) { Value v; v.u.n = n; v.tt = kVFloat; return v; }
  static Value light_userdata(void* p) { Value v; v.u.p = p; v.tt = kVLightUserdata; return v; }
  static Value light_function(NativeFn f) { Value v; v.u.f = f; v.tt = kVLightFn; return v; }
  // Any collectable object; the tag comes from its header.
  static Value object(GcObject* o) {
    Value v;
    v.u.gc = o;
    v.tt = o->type;
    return v;
  }
  template <typename T>
  static Value object(T* o) {
    return object(static_cast<GcObject*>(o));
  }

  // Type tests.
  uint8_t type() const { return base_type(tt); }
  bool is_nil() const { return base_type(tt) == kTNil; }
  bool is_strict_nil() const { return tt == kVNil; }
  bool is_empty() const { return base_type(tt) == kTNil; }  // any nil variant
  bool is_abstkey() const { return tt == kVAbsentKey; }
  bool is_boolean() const { return base_type(tt) == kTBoolean; }
  bool is_false() const { return tt == kVFalse; }
  bool is_falsy() const { return tt == kVFalse || base_type(tt) == kTNil; }
  bool is_number() const { return base_type(tt) == kTNumber; }
  bool is_int() const { return tt == kVInt; }
  bool is_float() const { return tt == kVFloat; }
  bool is_string() const { return base_type(tt) == kTString; }
  bool is_short_string() const { return tt == kVShortStr; }
  bool is_long_string() const { return tt == kVLongStr; }
  bool is_table() const { return tt == kVTable; }
  bool is_function() const { return base_type(tt) == kTFunction; }
  bool is_lua_closure() const { return tt == kVLuaClosure; }
  bool is_native_closure() const { return tt == kVNativeClosure; }
  bool is_light_function() const { return tt == kVLightFn; }
  bool is_userdata() const { return tt == kVUserdata; }
  bool is_light_userdata() const { return tt == kVLightUserdata; }
  bool is_thread() const { return tt == kVThread; }
  bool is_collectable() const { return (tt & kCollectableBit) != 0; }

  // Accessors (unchecked).
  int64_t as_int() const { return u.i; }
  double as_float() const { return u.n; }
  // A number as a double (integer or float).
  double as_number() const { return tt == kVInt ? static_cast<double>(u.i) : u.n; }
  GcObject* as_gc() const { return u.gc; }
  String* as_string() const { return reinterpret_cast<String*>(u.gc); }
  Table* as_table() const { return reinterpret_cast<Table*>(u.gc); }
  LuaClosure* as_lua_closure() const { return reinterpret_cast<LuaClosure*>(u.gc); }
  NativeClosure* as_native_closure() const { return reinterpret_cast<NativeClosure*>(u.gc); }
  NativeFn as_light_function() const { return u.f; }
  Userdata* as_userdata() const { return reinterpret_cast<Userdata*>(u.gc); }
  void* as_light_userdata() const { return u.p; }
  Thread* as_thread() const { return reinterpret_cast<Thread*>(u.gc); }

  // Setters, in place.
  void set_nil() { tt = kVNil; }
  void set_empty() { tt = kVEmpty; }
  void set_int(int64_t i) { u.i = i; tt = kVInt; }
  void set_float(double n) { u.n = n; tt = kVFloat; }
  void set_bool(bool b) { tt = b ? kVTrue : kVFalse; }
  template <typename T>
  void set_object(T* o) {
    u.gc = static_cast<GcObject*>(o);
    tt = u.gc->type;
  }
};
static_assert(sizeof(Value) == 16);

// Copy a value as an 8-byte and a 1-byte move, as Lua's setobj does, where the source is a
// register that an instruction may just have written: the setters store a value as an 8-byte
// and a 1-byte store, and a plain copy's 16-byte load of bytes written by narrower stores
// cannot be forwarded from them (the CPU waits until they reach the cache, 10+ cycles on the
// interpreter's critical path). Table slots and constants, written long before they are
// read, keep the plain copy (two instructions instead of four).
inline void copy_value(Value* dst, const Value* src) {
  dst->u = src->u;
  dst->tt = src->tt;
}

// Raw equality (no metamethods): same type and variant, same payload; int 1 == float 1.0.
bool raw_equal(const Value& a, const Value& b);

// Raw equality of values whose tags are already known equal, the interpreter's fast path.
inline bool raw_equal_same_tag(const Value& a, const Value& b) {
  switch (a.tt) {
    case kVNil: case kVFalse: case kVTrue: return true;
    case kVFloat: return a.u.n == b.u.n;
    case kVLongStr: return raw_equal(a, b);
    default: return a.u.i == b.u.i;  // integers and every pointer identity
  }
}

}  // namespace tycho::vm
