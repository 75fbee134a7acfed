// The native API: how native functions and the libraries work with the VM (Lua's lapi.c).
//
// Native code never holds Values. It works with the running call's stack slots through
// integer indices, exactly as Lua's C API does:
//   - positive index i: the i-th argument/slot of the running native function (1 = first);
//   - negative index -i: the i-th slot below the top (-1 = top);
//   - kRegistryIndex: the registry table; upvalue_index(i): the i-th upvalue of the running
//     native closure (nil past the last one).
// A native function is guaranteed kMinStack free slots; it asks for more with check_stack.
//
// Values on the stack are roots, so an object pushed there stays alive; pointers returned by
// to_lstring/to_userdata stay valid while the value they came from is on the stack (objects
// never move). Functions that allocate are GC safe points (they call check_gc after the new
// object is anchored on the stack).
//
// Errors raise a LuaError exception (see vm/state.hpp); call/callk propagate them, pcall/pcallk
// catch them. The "k" variants take a continuation so that a coroutine can yield through the
// native frame: when the callee yields, the C++ frame is gone and the continuation runs in its
// place when the coroutine is resumed.
#pragma once

#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vm/dump.hpp"
#include "vm/state.hpp"

namespace tycho::vm::api {

constexpr int kTNone = -1;  // type of an index past the top ("no value")

constexpr int upvalue_index(int i) { return kRegistryIndex - i; }

// Comparison operators for compare().
enum CompareOp : int { kCmpEq = 0, kCmpLt = 1, kCmpLe = 2 };

// Collector operations for gc(), with lua.h's numbers.
enum GcOp : int {
  kGcStop = 0,
  kGcRestart = 1,
  kGcCollect = 2,
  kGcCount = 3,   // total memory in KiB
  kGcCountB = 4,  // remainder of the total memory in bytes (below 1 KiB)
  kGcStep = 5,
  kGcSetPause = 6,
  kGcSetStepMul = 7,
  kGcIsRunning = 9,
  kGcGen = 10,
  kGcInc = 11,
};

// A source of chunk text for load(): returns the next piece and its size, or null (or size 0)
// at the end.
using Reader = const char* (*)(Thread* L, void* ud, size_t* size);

// Fast paths, inline because library functions call them for every argument and result: an
// argument index below the top, or a negative index (relative to the top), is a plain slot,
// and the common types need no conversion. Everything else (pseudo-indices, indices past the
// top, conversions) takes the general functions (the *_slow ones in api.cpp).
namespace detail {
inline Value* arg_slot(Thread* L, int idx) {
  if (idx > 0) {
    Value* o = L->ci->func + idx;
    if (o < L->top) return o;
  } else if (idx > kRegistryIndex) {
    return L->top + idx;
  }
  return nullptr;
}
int type_slow(Thread* L, int idx);
double to_number_slow(Thread* L, int idx, bool* isnum);
int64_t to_integer_slow(Thread* L, int idx, bool* isnum);
const char* to_lstring_slow(Thread* L, int idx, size_t* len);
bool check_stack_slow(Thread* L, int n);
}  // namespace detail

// ---- Stack manipulation ----
int abs_index(Thread* L, int idx);
inline int get_top(Thread* L) { return static_cast<int>(L->top - (L->ci->func + 1)); }
void set_top(Thread* L, int idx);  // closes to-be-closed slots it removes
void push_value(Thread* L, int idx);
void rotate(Thread* L, int idx, int n);
void copy(Thread* L, int fromidx, int toidx);
inline bool check_stack(Thread* L, int n) {
  if (L->stack_last - L->top > n && !kHardStack) {
    if (L->ci->top < L->top + n) L->ci->top = L->top + n;  // the frame's top covers them
    return true;
  }
  return detail::check_stack_slow(L, n);
}
void xmove(Thread* from, Thread* to, int n);

inline void pop(Thread* L, int n) { set_top(L, -n - 1); }
inline void insert(Thread* L, int idx) { rotate(L, idx, 1); }
inline void remove(Thread* L, int idx) {
  rotate(L, idx, -1);
  pop(L, 1);
}
inline void replace(Thread* L, int idx) {
  copy(L, -1, idx);
  pop(L, 1);
}

// The C++ API's roots (api/host.cpp) hold Values: the one at idx, and pushing one.
const Value* value_at(Thread* L, int idx);
inline void push_copy_of(Thread* L, const Value& v) {
  *L->top = v;
  L->top++;
}

// ---- Access (stack -> C++) ----
inline int type(Thread* L, int idx) {  // kTNone for a non-valid index
  const Value* o = detail::arg_slot(L, idx);
  return o != nullptr ? o->type() : detail::type_slow(L, idx);
}
const char* type_name(Thread* L, int t);
bool is_number(Thread* L, int idx);  // number or numeric string
bool is_string(Thread* L, int idx);  // string or number
bool is_integer(Thread* L, int idx);
bool is_native_function(Thread* L, int idx);
bool is_userdata(Thread* L, int idx);  // full or light
inline bool is_function(Thread* L, int idx) { return type(L, idx) == kTFunction; }
inline bool is_table(Thread* L, int idx) { return type(L, idx) == kTTable; }
inline bool is_light_userdata(Thread* L, int idx) { return type(L, idx) == kTLightUserdata; }
inline bool is_nil(Thread* L, int idx) { return type(L, idx) == kTNil; }
inline bool is_boolean(Thread* L, int idx) { return type(L, idx) == kTBoolean; }
inline bool is_thread(Thread* L, int idx) { return type(L, idx) == kTThread; }
inline bool is_none(Thread* L, int idx) { return type(L, idx) == kTNone; }
inline bool is_none_or_nil(Thread* L, int idx) { return type(L, idx) <= 0; }

inline double to_number(Thread* L, int idx, bool* isnum = nullptr) {
  const Value* o = detail::arg_slot(L, idx);
  if (o != nullptr && o->is_number()) {
    if (isnum) *isnum = true;
    return o->as_number();
  }
  return detail::to_number_slow(L, idx, isnum);
}
inline int64_t to_integer(Thread* L, int idx, bool* isnum = nullptr) {
  const Value* o = detail::arg_slot(L, idx);
  if (o != nullptr && o->is_int()) {
    if (isnum) *isnum = true;
    return o->as_int();
  }
  return detail::to_integer_slow(L, idx, isnum);
}
bool to_boolean(Thread* L, int idx);
// The string at idx (a number there is converted in place, as lua_tolstring), or null.
inline const char* to_lstring(Thread* L, int idx, size_t* len) {
  const Value* o = detail::arg_slot(L, idx);
  if (o != nullptr && o->is_string()) {
    String* s = o->as_string();
    if (len) *len = s->len;
    return s->data();
  }
  return detail::to_lstring_slow(L, idx, len);
}
inline const char* to_string(Thread* L, int idx) { return to_lstring(L, idx, nullptr); }
uint64_t raw_len(Thread* L, int idx);
NativeFn to_native_function(Thread* L, int idx);
void* to_userdata(Thread* L, int idx);
Thread* to_thread(Thread* L, int idx);
const void* to_pointer(Thread* L, int idx);

// ---- Arithmetic and comparison ----
// Pops two operands (one for kOpUnm and kOpBNot) and pushes the result; `op` is an ArithOp.
void arith(Thread* L, int op);
bool raw_equal(Thread* L, int idx1, int idx2);
bool compare(Thread* L, int idx1, int idx2, int op);  // false if an index is not valid

// ---- Push (C++ -> stack) ----
inline void push_nil(Thread* L) { (L->top++)->set_nil(); }
inline void push_number(Thread* L, double n) { (L->top++)->set_float(n); }
inline void push_integer(Thread* L, int64_t n) { (L->top++)->set_int(n); }
const char* push_lstring(Thread* L, const char* s, size_t len);
inline const char* push_string(Thread* L, std::string_view s) {
  return push_lstring(L, s.data(), s.size());
}
const char* push_string(Thread* L, const char* s);  // null pushes nil
const char* push_vfstring(Thread* L, const char* fmt, va_list args);
const char* push_fstring(Thread* L, const char* fmt, ...);
void push_native_closure(Thread* L, NativeFn fn, int n);  // pops n upvalues
inline void push_native_function(Thread* L, NativeFn fn) { push_native_closure(L, fn, 0); }
inline void push_boolean(Thread* L, bool b) { (L->top++)->set_bool(b); }
void push_light_userdata(Thread* L, void* p);
bool push_thread(Thread* L);  // true when L is the main thread
void push_global_table(Thread* L);

// ---- Get (Lua -> stack); each returns the type of the pushed value ----
int get_global(Thread* L, const char* name);
int get_table(Thread* L, int idx);  // t[top] with __index; replaces the key
int get_field(Thread* L, int idx, const char* k);
int get_i(Thread* L, int idx, int64_t n);
int raw_get(Thread* L, int idx);  // replaces the key
int raw_get_i(Thread* L, int idx, int64_t n);
int raw_get_p(Thread* L, int idx, const void* p);  // key: a light userdata
void create_table(Thread* L, int narr, int nrec);
inline void new_table(Thread* L) { create_table(L, 0, 0); }
// Table images (vm/table.hpp): of the table at idx (nullptr when it cannot be imaged), and a
// new table from one, pushed.
const TableImage* table_image_at(Thread* L, int idx);
void create_table_from_image(Thread* L, const TableImage* image);
bool table_is_empty_at(Thread* L, int idx);                          // a table with no entry
void fill_table_from_image(Thread* L, int idx, const TableImage* image);  // such a table
void* new_userdata(Thread* L, size_t size, int nuvalue);
bool get_metatable(Thread* L, int idx);         // pushes nothing when there is none
int get_iuservalue(Thread* L, int idx, int n);  // kTNone (and pushes nil) if absent

// ---- Set (stack -> Lua) ----
void set_global(Thread* L, const char* name);  // pops the value
void set_table(Thread* L, int idx);            // t[k] = v with k, v on top; pops both
void set_field(Thread* L, int idx, const char* k);
void set_i(Thread* L, int idx, int64_t n);
void raw_set(Thread* L, int idx);
void raw_set_i(Thread* L, int idx, int64_t n);
void raw_set_p(Thread* L, int idx, const void* p);
// t[name] = f (a light function), raw: what registering a library does without the stack
// traffic of push + set_field. The table at idx must have no metatable (a fresh library table).
void raw_set_function(Thread* L, int idx, const char* name, NativeFn f);
void set_metatable(Thread* L, int idx);          // pops a table or nil
bool set_iuservalue(Thread* L, int idx, int n);  // pops the value

// ---- Calls and loading ----
void callk(Thread* L, int nargs, int nresults, KContext ctx, KFunction k);
inline void call(Thread* L, int nargs, int nresults) { callk(L, nargs, nresults, 0, nullptr); }
// `errfunc`: stack index of a message handler, 0 for none.
int pcallk(Thread* L, int nargs, int nresults, int errfunc, KContext ctx, KFunction k);
// After a call that left all its results (nresults kMultRet): the frame's top covers them.
inline void adjust_results(Thread* L, int nresults) {
  if (nresults <= kMultRet && L->ci->top < L->top) L->ci->top = L->top;
}
inline int pcall(Thread* L, int nargs, int nresults, int errfunc) {
  return pcallk(L, nargs, nresults, errfunc, 0, nullptr);
}
// Compile a chunk (text, or a binary chunk: vm/dump.hpp) and push it as a function (or push the
// error message and return the status). `mode`: "b", "t", "bt" or null (both).
int load(Thread* L, Reader reader, void* data, const char* chunkname, const char* mode);
int load(Thread* L, std::string_view chunk, const char* chunkname, const char* mode);
// Write the Lua function on top of the stack as a binary chunk through `writer` (lua_dump);
// 1 when the value there is not a Lua function, else 0 or the writer's first nonzero result.
int dump(Thread* L, Writer writer, void* data, bool strip);

// ---- Coroutines ----
int yieldk(Thread* L, int nresults, KContext ctx, KFunction k);
inline int yield(Thread* L, int nresults) { return yieldk(L, nresults, 0, nullptr); }
int resume(Thread* L, Thread* from, int nargs, int* nresults);
int status(Thread* L);
bool is_yieldable(Thread* L);
int close_thread(Thread* L, Thread* from);
Thread* new_thread(Thread* L);  // pushes it

// ---- Miscellaneous ----
[[noreturn]] void error(Thread* L);                 // raises the value on top
bool next(Thread* L, int idx);                      // pops a key, pushes the next key and value
void concat(Thread* L, int n);                      // pops n values, pushes their concatenation
void len(Thread* L, int idx);                       // pushes #v (with __len)
size_t string_to_number(Thread* L, const char* s);  // pushes the number; 0 if not a numeral
int gc(Thread* L, int what, int a = 0, int b = 0, int c = 0);
void warning(Thread* L, const char* msg, bool tocont);
void to_close(Thread* L, int idx);
void close_slot(Thread* L, int idx);
// Upvalue n of the function at funcindex: pushes it (get) or pops into it (set); returns its
// name ("" for native closures), or null when there is no such upvalue.
const char* get_upvalue(Thread* L, int funcindex, int n);
const char* set_upvalue(Thread* L, int funcindex, int n);
// A unique identity of upvalue n of the function at fidx (shared upvalues share it), or null
// when there is no such upvalue (lua_upvalueid).
void* upvalue_id(Thread* L, int fidx, int n);
// Make upvalue n1 of the Lua closure at fidx1 refer to upvalue n2 of the one at fidx2.
void upvalue_join(Thread* L, int fidx1, int n1, int fidx2, int n2);

// ---- Debug hooks (lua_sethook and friends) ----
// `mask`: kMask* bits; a null hook or a zero mask turns hooks off for thread L.
void set_hook(Thread* L, Hook func, int mask, int count);
inline Hook get_hook(Thread* L) { return L->hook; }
inline int get_hook_mask(Thread* L) { return L->hookmask; }
inline int get_hook_count(Thread* L) { return L->basehookcount; }

}  // namespace tycho::vm::api
