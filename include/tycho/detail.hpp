// The primitives under the C++ API's templates (tycho.hpp, value.hpp): a small stack
// machine, as Lua's C API is, that the templates drive. Hosts do not call these directly.
//
// A `State` is the Lua thread the host's code works on now: the Vm's main thread, or, inside
// a bound C++ function, the thread that called it. Values travel through that thread's stack
// (indices as in Lua's C API: 1 is the first slot of the current frame, -1 the top) and are
// held between calls by *roots*: numbered slots of the VM that the collector marks, which is
// all a handle (tycho::Value) holds. Root 0 is nil and never allocated.
//
// Errors: a conversion that fails names its argument as luaL_check* does ("bad argument #1 to
// 'add' (number expected, got string)") when `arg` > 0, which raises a Lua error (inside a bound
// function, where Lua catches it); with `arg` 0 (a value for the host) it throws tycho::Error.
// Operations that can run Lua code (metamethods) or fail for memory, done by host code outside
// any Lua call, run protected and throw tycho::Error; inside a bound function their Lua errors
// propagate as Lua errors.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace tycho::vm {
struct Thread;
}

namespace tycho::detail {

using State = vm::Thread;  // opaque to hosts

// Lua's basic types, with lua.h's numbers.
enum class Type : int {
  kNone = -1,
  kNil = 0,
  kBoolean = 1,
  kLightUserdata = 2,
  kNumber = 3,
  kString = 4,
  kTable = 5,
  kFunction = 6,
  kUserdata = 7,
  kThread = 8,
};

// What a Vm shares with its handles: the thread host code works on, and how deep in bound
// function calls it is (0: host code outside any Lua call).
struct VmAccess;  // the implementation's way into a Vm (api/vm_impl.hpp)

struct Host {
  State* current = nullptr;
  int depth = 0;
  int message_handler = 0;  // its stack index in the main thread's base frame (0: none)
  bool text_only = false;   // Vm::run refuses binary chunks (a sandbox)
};

// ---- The stack's layout, for the inline paths below ----
// What the calls' hot paths (pushing scalars, reading an integer result, restoring the top)
// know of a VM's stack, so that they need no call into the library; api/host.cpp checks each
// fact against vm/state.hpp. A slot is 16 bytes: an 8-byte payload, then a tag byte. A thread
// holds its first free slot at byte kTopOffset and its running call at kCallOffset; a call
// holds its function's slot at byte 0 (the frame's first value is the slot after it). Read and
// written through bytes (memcpy), as the library's own types are not visible here.
namespace layout {
inline constexpr size_t kSlotSize = 16;
inline constexpr size_t kTagOffset = 8;
inline constexpr size_t kTopOffset = 16;
inline constexpr size_t kCallOffset = 32;
inline constexpr unsigned char kFalse = 0x01, kTrue = 0x11, kInteger = 0x03, kFloat = 0x13;
inline char* load(const void* base, size_t offset) {
  char* p;
  std::memcpy(&p, static_cast<const char*>(base) + offset, sizeof p);
  return p;
}
inline char* top(State* s) { return load(s, kTopOffset); }
inline void set_top(State* s, char* top) {
  std::memcpy(reinterpret_cast<char*>(s) + kTopOffset, &top, sizeof top);
}
inline char* frame_base(State* s) { return load(load(s, kCallOffset), 0) + kSlotSize; }
// The slot at a stack index (a value of the frame, or negative: from the top) when it holds a
// value with this tag, else null (any other index, any other value: the library's slow path).
inline const char* slot_if(State* s, int idx, unsigned char tag) {
  const char* slot;
  if (idx > 0) {  // a bound function's arguments
    slot = frame_base(s) + static_cast<ptrdiff_t>(idx - 1) * kSlotSize;
    if (slot >= top(s)) return nullptr;
  } else if (idx < 0 && idx > -1000000) {
    slot = top(s) + static_cast<ptrdiff_t>(idx) * kSlotSize;
  } else {
    return nullptr;
  }
  return static_cast<unsigned char>(slot[kTagOffset]) == tag ? slot : nullptr;
}
// Push a scalar: payload and tag into the free slot (room was reserved).
inline void push(State* s, const void* payload, unsigned char tag) {
  char* t = top(s);
  std::memcpy(t, payload, 8);
  t[kTagOffset] = static_cast<char>(tag);
  set_top(s, t + kSlotSize);
}
}  // namespace layout

// ---- Stack ----
inline int top(State* s) {
  return static_cast<int>((layout::top(s) - layout::frame_base(s)) / layout::kSlotSize);
}
void set_top(State* s, int idx);
void restore_top_slow(State* s, int idx);
// Back to a lower top saved before (StackGuard).
inline void restore_top(State* s, int idx) {
  char* want = layout::frame_base(s) + static_cast<ptrdiff_t>(idx) * layout::kSlotSize;
  if (want <= layout::top(s)) [[likely]] {
    layout::set_top(s, want);  // (the API never marks a slot to-be-closed: nothing to close)
  } else {
    restore_top_slow(s, idx);
  }
}
void reserve(State* s, int n);  // room for n more values
Type type(State* s, int idx);
const char* type_name(Type t);

// ---- Push ----
void push_nil(State* s);
inline void push_boolean(State* s, bool b) {
  const uint64_t zero = 0;
  layout::push(s, &zero, b ? layout::kTrue : layout::kFalse);
}
inline void push_integer(State* s, int64_t n) { layout::push(s, &n, layout::kInteger); }
inline void push_number(State* s, double n) { layout::push(s, &n, layout::kFloat); }
void push_string(State* s, const char* p, size_t len);
void push_copy(State* s, int idx);
void push_new_table(State* s, int narr, int nrec);

// ---- Tables and globals (with metamethods) ----
void push_global(State* s, std::string_view name);
void set_global(State* s, std::string_view name);  // pops the value
void get_table(State* s, int t);                   // replaces the key on top by t[key]
void set_table(State* s, int t);                   // t[key] = value, both on top; pops them
int64_t length(State* s, int idx);                 // #v, with __len
bool next(State* s, int t);  // pops a key, pushes the next key and value (raw), or nothing

// ---- Roots ----
uint32_t ref(State* s, int idx);  // a root holding the value at idx (0 for nil)
uint32_t copy_ref(State* s, uint32_t r);
void unref(State* s, uint32_t r);
void push_ref(State* s, uint32_t r);
// Room for n more values, then push_ref(s, r); the top before the push (a call's StackGuard).
int push_ref_reserved(State* s, uint32_t r, int n);

// ---- Conversions (arg: see the top) ----
bool to_boolean(State* s, int idx);  // Lua's truth: false only for nil and false
int64_t to_integer_slow(State* s, int idx, int arg);
double to_number_slow(State* s, int idx, int arg);
// The value at idx as an integer (a float with an integral value, a numeric string, as Lua
// converts), or an error (see arg). A slot holding an integer is read inline.
inline int64_t to_integer(State* s, int idx, int arg) {
  if (const char* slot = layout::slot_if(s, idx, layout::kInteger)) {
    int64_t v;
    std::memcpy(&v, slot, sizeof v);
    return v;
  }
  return to_integer_slow(s, idx, arg);
}
inline double to_number(State* s, int idx, int arg) {
  if (const char* slot = layout::slot_if(s, idx, layout::kFloat)) {
    double v;
    std::memcpy(&v, slot, sizeof v);
    return v;
  }
  return to_number_slow(s, idx, arg);
}
std::string_view to_string(State* s, int idx, int arg);  // while the value stays on the stack
[[noreturn]] void type_error(State* s, int idx, int arg, const char* expected);
[[noreturn]] void range_error(State* s, int idx, int arg);

// ---- Calls ----
// Call the function below nargs arguments on top, protected, with a traceback; leaves
// nresults results (-1: all of them, the count returned). A Lua error throws tycho::Error.
int call(State* s, int nargs, int nresults);
// Compile and run a chunk (named after its text, as luaL_loadstring does, when chunkname is
// null); leaves nresults results as call does.
int run(State* s, std::string_view code, const char* chunkname, int nresults);

// ---- Coroutines ----
// Resume the coroutine below nargs arguments on top (replacing them by what it yields or
// returns, nresults of them, -1 for all, whose count is returned); its error throws
// tycho::Error with its traceback.
int resume(State* s, int nargs, int nresults);
const char* coroutine_status(State* s, int idx);  // "suspended", "running", "normal", "dead"
void push_new_coroutine(State* s, int function);  // a coroutine that will run the function

// ---- Bound functions ----
using NativeFn = int (*)(State* s);
// Push a function that calls `fn` with storage for an object of `size` bytes (16-byte
// aligned), which it returns; `destroy` (null: nothing) runs when the collector frees it.
void* push_function(State* s, NativeFn fn, size_t size, void (*destroy)(void*));
void* function_object(State* s);  // the storage of the running bound function
// The Host of the VM a bound function's storage belongs to (kept just before the object).
inline Host* bound_host(void* object) {
  Host* h;
  std::memcpy(&h, static_cast<char*>(object) - 8, sizeof h);
  return h;
}
// Raise a Lua error whose value is this message, as it is.
[[noreturn]] void raise(State* s, const char* message);
Host* host(State* s);

// ---- User types (tycho/usertype.hpp) ----
// A C++ type as Lua sees it: the name it was registered under (null: never registered) and
// the bases a pointer to it converts to. One per type in the program.
struct TypeInfo;
struct BaseCast {
  TypeInfo* base;  // null ends a list
  void* (*cast)(void*);
};
struct TypeInfo {
  std::atomic<const char*> name{nullptr};
  std::atomic<const BaseCast*> bases{nullptr};
};
template <typename T>
inline TypeInfo type_info_of{};

// The head of a user type's userdata: the object is in the userdata after the head (by
// value), or elsewhere (a pointer, a shared_ptr, an adopted unique_ptr).
struct Box {
  uint64_t magic;
  TypeInfo* type;
  void* object;
  void (*destroy)(Box*);        // the collector runs it (by value: the destructor)
  std::shared_ptr<void> owner;  // what keeps a shared or adopted object alive
};
constexpr size_t kBoxHead = (sizeof(Box) + 15) & ~size_t{15};
inline void* box_storage(Box* b) { return reinterpret_cast<char*>(b) + kBoxHead; }
// Push a new userdata of the type (its metatable: the one new_usertype made, or a plain one
// with __gc and __name) with `extra` bytes of storage after the head; object null.
Box* push_box(State* s, TypeInfo* type, size_t extra);
Box* to_box(State* s, int idx);  // null when the value there is not a user type's userdata
// The object at idx as a `want` (through the bases of its type), or an error (see arg).
void* to_object(State* s, int idx, TypeInfo* want, int arg);

// The frame of a bound function: host code inside it works on the calling thread.
class BoundFrame {
 public:
  explicit BoundFrame(State* s) : BoundFrame(s, host(s)) {}
  BoundFrame(State* s, Host* h) : host_(h), saved_(host_->current) {
    host_->current = s;
    host_->depth++;
  }
  ~BoundFrame() {
    host_->current = saved_;
    host_->depth--;
  }
  BoundFrame(const BoundFrame&) = delete;
  BoundFrame& operator=(const BoundFrame&) = delete;

 private:
  Host* host_;
  State* saved_;
};

// Restores the stack top when it goes out of scope (an exception included).
class StackGuard {
 public:
  explicit StackGuard(State* s) : s_(s), top_(top(s)) {}
  StackGuard(State* s, int top) : s_(s), top_(top) {}  // the top saved before
  ~StackGuard() { restore_top(s_, top_); }
  StackGuard(const StackGuard&) = delete;
  StackGuard& operator=(const StackGuard&) = delete;
  int base() const { return top_; }

 private:
  State* s_;
  int top_;
};

}  // namespace tycho::detail
