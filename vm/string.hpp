// Strings: creation, interning of short strings, hashing, comparison, and formatting helpers.
//
// Short strings (<= kMaxShortLen bytes) are interned in the VM's StringTable: creating one looks
// it up first, so equal short strings are the same object and compare by pointer. Long strings
// are created fresh and hashed only when first used as a table key.
#pragma once

#include <cstdarg>
#include <cstddef>
#include <string_view>

#include "vm/state.hpp"

namespace tycho::vm {

String* new_string(Thread* L, const char* s, size_t len);  // short: interned; long: fresh
String* new_string(Thread* L, std::string_view s);
String* new_cstring(Thread* L, const char* s);
// A long string of `len` bytes whose contents the caller fills in (then it is immutable).
// Used to build long results (concatenation) without an intermediate copy. For len <=
// kMaxShortLen use new_string instead.
String* new_long_string(Thread* L, size_t len);
uint32_t string_hash(String* s);  // lazily hashes long strings
bool long_strings_equal(const String* a, const String* b);
inline bool strings_equal(const String* a, const String* b) {
  return a == b || (a->type == kVLongStr && b->type == kVLongStr && long_strings_equal(a, b));
}
int string_compare(const String* a, const String* b);  // <0, 0, >0 as strcoll, embedded zeros ok

// Collector support. The cell of a string of `len` bytes is string_cell_size(len) bytes: the
// header plus the bytes when they fit in a cell, else just the header (the bytes are a payload
// that trace_string marks).
size_t string_cell_size(size_t len);
void trace_string(gc::Collector& c, String* s);

// Create the intern table (and g->memerrmsg); new_string also does it on first use.
void init_string_table(Thread* L);
void free_string_table(Global* g);
// The sweep found short string s dead: unlink it from the intern table.
void remove_interned(Global* g, String* s);
// After a sweep: halve the intern table when it holds less than a quarter of a string per
// bucket.
void shrink_string_table(Global* g);
// Tests: the number of strings in the intern table's chains (every bucket of the array, the
// bigger size while a resize is under way), or -1 if a link's summary misses a string after it.
int64_t check_string_table(const StringTable& tb);

// Shared strings: short strings that every VM created after they were published finds (before
// its own intern table), so that it neither allocates nor hashes them; the standard libraries'
// names (stdlib::share_library_names). They live in immortal cells (heap/immortal.hpp), always
// marked and never changed. Every VM hashes with the one seed of the process, so a shared
// string's hash is right in all of them.
uint64_t process_seed();
uint32_t hash_bytes(std::string_view s);  // the hash every VM gives a string of these bytes
const SharedStrings* shared_strings();  // null until published
// Publish every short string in L's intern table as a shared string, once per process (false
// when they were published already or memory ran out). L is a VM created before that.
// Not thread-safe against itself: the caller runs it once (std::call_once).
bool share_interned_strings(Thread* L);
// Set g->tmname to the shared metamethod names (false when the VM has no shared strings).
bool shared_tm_names(Global* g);

// Push a string formatted as lua_pushfstring (%% %s %f %I(int64_t) %d(int) %c %p %U(utf8 of
// a long)) onto the stack and return its bytes.
const char* push_vfstring(Thread* L, const char* fmt, va_list args);
const char* push_fstring(Thread* L, const char* fmt, ...);

// "chunk name" for messages, as luaO_chunkid: "=name" -> name, "@file" -> file (keeping the end
// when too long: "...tail"), otherwise [string "first line..."]. out has kIdSize bytes.
constexpr size_t kIdSize = 60;
void chunk_id(char* out, const char* source, size_t srclen);

// Encode code point x (< 2^31) as (extended) UTF-8 into the end of buff[kUtf8BufSize]; returns
// the number of bytes, which are at buff + kUtf8BufSize - n.
constexpr int kUtf8BufSize = 8;
int utf8_encode(char* buff, unsigned long x);

}  // namespace tycho::vm
