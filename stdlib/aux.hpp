// The auxiliary library (Lua's lauxlib): argument checking with lua5.4's messages, metatables
// of user types, error positions and tracebacks, buffers, and loading chunks from files and
// strings. Everything here is built on the native API (vm/api.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "vm/api.hpp"

namespace tycho::stdlib {

using vm::Thread;
namespace api = vm::api;

// Registry keys of the loaded-modules and preload tables.
inline constexpr const char* kLoadedTable = "_LOADED";
inline constexpr const char* kPreloadTable = "_PRELOAD";

struct Reg {
  const char* name;
  vm::NativeFn func;  // null: a placeholder (set to false)
};

// ---- Errors and argument checks ----
[[noreturn]] void arg_error(Thread* L, int arg, const char* extramsg);
[[noreturn]] void type_error(Thread* L, int arg, const char* tname);
// Raise a message formatted as push_fstring, prefixed with the position of the caller.
[[noreturn]] void error(Thread* L, const char* fmt, ...);
void where(Thread* L, int level);  // pushes "chunk:line: " of that level, or ""

inline void arg_check(Thread* L, bool cond, int arg, const char* extramsg) {
  if (!cond) arg_error(L, arg, extramsg);
}
inline void arg_expected(Thread* L, bool cond, int arg, const char* tname) {
  if (!cond) type_error(L, arg, tname);
}

[[noreturn]] void tag_error(Thread* L, int arg, int tag);  // "<type> expected, got <type>"
[[noreturn]] void integer_error(Thread* L, int arg);       // not an integer (or no number)

// The common checks are inline (library functions make them for every argument), with the
// errors out of line.
inline const char* check_lstring(Thread* L, int arg, size_t* len) {
  const char* s = api::to_lstring(L, arg, len);
  if (s == nullptr) [[unlikely]] tag_error(L, arg, vm::kTString);
  return s;
}
const char* opt_lstring(Thread* L, int arg, const char* def, size_t* len);
inline const char* check_string(Thread* L, int arg) { return check_lstring(L, arg, nullptr); }
inline const char* opt_string(Thread* L, int arg, const char* def) {
  return opt_lstring(L, arg, def, nullptr);
}
inline double check_number(Thread* L, int arg) {
  bool isnum;
  double d = api::to_number(L, arg, &isnum);
  if (!isnum) [[unlikely]] tag_error(L, arg, vm::kTNumber);
  return d;
}
inline double opt_number(Thread* L, int arg, double def) {
  return api::is_none_or_nil(L, arg) ? def : check_number(L, arg);
}
inline int64_t check_integer(Thread* L, int arg) {
  bool isnum;
  int64_t d = api::to_integer(L, arg, &isnum);
  if (!isnum) [[unlikely]] integer_error(L, arg);
  return d;
}
inline int64_t opt_integer(Thread* L, int arg, int64_t def) {
  return api::is_none_or_nil(L, arg) ? def : check_integer(L, arg);
}
void check_stack(Thread* L, int space, const char* msg);
void check_type(Thread* L, int arg, int t);
void check_any(Thread* L, int arg);
// Index of the option named by argument `arg` (or `def` when absent) in the null-terminated lst.
int check_option(Thread* L, int arg, const char* def, const char* const lst[]);

inline const char* type_name_at(Thread* L, int idx) { return api::type_name(L, api::type(L, idx)); }
inline void push_fail(Thread* L) { api::push_nil(L); }
// Results of a library function that wraps a system call (luaL_fileresult): true when `ok`,
// else fail, "fname: strerror(errno)" (just the message without fname) and errno.
int file_result(Thread* L, bool ok, const char* fname);
// Results of a process status from system() or pclose() (luaL_execresult): true/fail, "exit"
// or "signal", and the exit code or signal number.
int exec_result(Thread* L, int stat);

// ---- Metatables ----
bool new_metatable(Thread* L, const char* tname);  // false if the registry has it already
void set_metatable(Thread* L, const char* tname);  // of the object on top
inline int get_metatable(Thread* L, const char* tname) {
  return api::get_field(L, vm::kRegistryIndex, tname);
}
void* test_udata(Thread* L, int ud, const char* tname);
void* check_udata(Thread* L, int ud, const char* tname);
int get_metafield(Thread* L, int obj, const char* event);  // pushes nothing if kTNil
bool call_meta(Thread* L, int obj, const char* event);

// ---- Conversions and utilities ----
int64_t len(Thread* L, int idx);  // #v as an integer ("object length is not an integer")
// Pushes the string form of any value (__tostring, __name), as tostring() does.
const char* tolstring(Thread* L, int idx, size_t* len);
bool get_subtable(Thread* L, int idx, const char* fname);  // true if it already existed
void requiref(Thread* L, const char* modname, vm::NativeFn openf, bool glb);
// l ends with {nullptr, nullptr} and lives as long as the process (a static array): the images
// that give later VMs a copy of what it filled (stdlib/aux.cpp) are found by its address.
void set_funcs(Thread* L, const Reg* l, int nup);
void new_lib(Thread* L, const Reg* l);
const char* gsub(Thread* L, const char* s, const char* p, const char* r);  // pushes the result
// Pushes "msg\nstack traceback:\n\t..." for thread L1 from `level` on (msg may be null).
void traceback(Thread* L, Thread* L1, const char* msg, int level);
// Installs the standard warning function (stderr, "@on"/"@off" control messages; off at first).
void set_default_warn(Thread* L);

// A string builder for results. Unlike luaL_Buffer it keeps its bytes in C++ memory, so it
// needs no stack discipline; push_result turns it into a Lua string. That memory counts against
// the VM's heap limit (vm::charge_scratch: an emergency collection, then "not enough memory"),
// so a script cannot build past the limit through a library function (string.rep, format,
// table.concat, gsub...). Errors unwind through it (they are C++ exceptions): the destructor
// gives the memory and its charge back.
class Buffer {
 public:
  explicit Buffer(Thread* L) : L_(L) {}
  ~Buffer();
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  void add_char(char c) {
    if (size_ == cap_) [[unlikely]]
      grow(1);
    data_[size_++] = c;
  }
  void add(std::string_view s) { add(s.data(), s.size()); }
  void add(const char* s, size_t n) {
    if (n > cap_ - size_) [[unlikely]]
      grow(n);
    if (n != 0) std::memcpy(data_ + size_, s, n);
    size_ += n;
  }
  void add_value(Thread* L);  // appends the string (or number) on top and pops it
  // Room for `n` more bytes, so that that many adds do not grow it again (charged now).
  void reserve(size_t n) {
    if (n > cap_ - size_) grow(n);
  }
  void sub(size_t n) { size_ -= n; }
  void sub_grow(size_t n) { size_ += n; }  // n bytes written at data() + size(), after reserve
  size_t size() const { return size_; }
  char* data() { return data_; }
  std::string_view view() const { return {data_, size_}; }
  const char* push_result(Thread* L) { return api::push_lstring(L, data_, size_); }

 private:
  void grow(size_t n);  // room for n more bytes: at least doubles, charged before allocating
  Thread* L_;
  char* data_ = inline_;
  size_t size_ = 0;
  size_t cap_ = sizeof(inline_);  // once on the C++ heap, all of it is charged
  char inline_[200];
};

// ---- Loading ----
// filename null: stdin. Skips a first line starting with '#'. Returns kOk or an error status
// (kErrFile: "cannot open/read ...") with the function or message on top.
int load_file(Thread* L, const char* filename, const char* mode = nullptr);
int load_buffer(Thread* L, const char* buf, size_t size, const char* name,
                const char* mode = nullptr);
inline int load_string(Thread* L, const char* s) {
  return load_buffer(L, s, std::char_traits<char>::length(s), s);
}
int do_string(Thread* L, const char* s);  // load and call with multiple results; status
int do_file(Thread* L, const char* filename);

}  // namespace tycho::stdlib
