// tycho's collectable objects.
//
// Every object begins with the 8-byte gc::GcObject header; its `type` byte holds the same tag a
// Value holding it carries (kVShortStr, kVTable, ...). Objects come from the heap's type slabs
// (fixed-size cells of at most heap::Heap::kMaxCellSize bytes); anything whose size depends on
// the program (string bytes past the inline limit, table parts, code, stacks, long upvalue
// vectors) lives in a payload from the bump arenas or the large-object space, and the owner's
// trace function marks that payload so the arena keeps its lines.
//
// Objects never move: a pointer to an object is valid for the object's whole life.
//
// Header fields used per type:
//   String: extra = reserved-word index + 1 (0: not reserved), aux = hash,
//           flags bit 0 = hash computed (long strings hash lazily).
//   Table:  flags = cache of absent metamethods (bit i set: metamethod i is known absent).
//   LuaClosure/NativeClosure: extra = number of upvalues.
#pragma once

#include <cstddef>
#include <cstdint>

#include "vm/value.hpp"

namespace tycho::vm {

using Instruction = uint32_t;

// Strings. Short strings (at most kMaxShortLen bytes) are interned; long ones are not and hash
// lazily. Bytes are always NUL-terminated. `ptr` points to the bytes: right after the header
// when they fit in the cell, else to a payload.
constexpr size_t kMaxShortLen = 40;

// A string: 24 bytes of header. A short string's bytes always follow the header, so its last
// word is the intern-table chain; a long string's points at its bytes (after the header when
// the cell has room, else in a payload).
struct String : GcObject {
  size_t len;
  union {
    uintptr_t hnext;  // short strings: the intern-table chain's next link (vm/string.cpp)
    char* ptr;      // long strings: the bytes
  };
  char* data() { return is_short() ? reinterpret_cast<char*>(this + 1) : ptr; }
  const char* data() const { return is_short() ? reinterpret_cast<const char*>(this + 1) : ptr; }
  uint32_t hash() const { return aux; }
  bool is_short() const { return type == kVShortStr; }
  bool inline_bytes() const {
    return is_short() || ptr == reinterpret_cast<const char*>(this + 1);
  }
};
static_assert(sizeof(String) == 24);

// Upvalues. While open, `v` points into a thread's stack and the upvalue sits in that thread's
// open list (sorted by stack level, innermost first). Closing copies the value into `closed`
// and points `v` at it.
struct UpVal : GcObject {
  Value* v;
  UpVal* open_next;  // open list link
  Value closed;
  bool is_open() const { return v != &closed; }
};

struct UpvalDesc {
  String* name;     // may be null (stripped)
  uint8_t instack;  // 1: the upvalue is a register of the enclosing function
  uint8_t idx;      // register index or index in the enclosing function's upvalues
  uint8_t kind;     // kVarRegular / kVarConst / kVarToClose / kVarCompileConst
};

enum : uint8_t { kVarRegular = 0, kVarConst = 1, kVarToClose = 2, kVarCompileConst = 3 };

struct LocVar {
  String* varname;
  int startpc;  // first pc where the variable is active
  int endpc;    // first pc where it is dead
};

// A compiled function. All arrays are payloads; `lineinfo` holds the absolute source line of
// each instruction.
struct SharedProto;  // vm/shared_proto.hpp

struct Proto : GcObject {
  uint8_t numparams;
  uint8_t is_vararg;
  uint8_t maxstacksize;
  uint8_t borrowed;  // code and lineinfo are `shared`'s (never marked or freed here)
  int sizeupvalues;
  int sizek;
  int sizecode;
  int sizep;
  int sizelocvars;
  int linedefined;
  int lastlinedefined;
  Value* k;
  Instruction* code;
  Proto** p;
  UpvalDesc* upvalues;
  int32_t* lineinfo;  // sizecode entries
  LocVar* locvars;
  String* source;
  SharedProto* shared;  // a reference: this function's shared form (vm/shared_proto.hpp), or null
};

// Closures keep their upvalue vector inline when it fits in the cell, else in a payload;
// `upvals` points to it either way.
struct LuaClosure : GcObject {
  Proto* p;
  UpVal** upvals;
  int nupvalues() const { return extra; }
};

struct NativeClosure : GcObject {
  NativeFn f;
  Value* upvalue;
  int nupvalues() const { return extra; }
};

// Full userdata: a block of raw memory (payload, or inline when small) with a metatable and
// `nuvalue` user values.
struct Userdata : GcObject {
  uint16_t nuvalue;
  size_t len;
  Table* metatable;
  void* mem;
  Value* uv;  // nuvalue user values
};

struct Node;  // table hash node; layout private to vm/table.cpp

// Tables: an array part for keys 1..asize and a hash part of a power of two of nodes with
// Lua's chained scatter table (Brent's variation); `lastfree` scans down for free nodes.
struct Table : GcObject {
  uint32_t node_mask;  // the hash part's size minus one: a key's main position is hash & mask
  uint32_t asize;      // array part size
  Value* array;
  Node* node;
  Node* lastfree;  // null when the hash part is the shared dummy
  Table* metatable;
};

}  // namespace tycho::vm
