// The string library: string.pack, string.packsize and string.unpack (manual §6.4.2), a port
// of lstrlib.c's packing functions.
//
// A format is read one option at a time by get_details, which also tracks the endianness and
// maximum alignment that '<', '>', '=' and '!' set, and computes the padding that aligns the
// option. Integers are packed byte by byte, so any size from 1 to 16 bytes works; sizes beyond
// a Lua integer are sign-extended when packing and checked for overflow when unpacking.
#include <bit>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/api.hpp"

namespace tycho::stdlib {

namespace {

constexpr int kMaxIntSize = 16;  // largest integer option, in bytes
constexpr int kSizeInt = static_cast<int>(sizeof(int64_t));
constexpr int kBitsPerByte = CHAR_BIT;
constexpr unsigned kByteMask = (1u << kBitsPerByte) - 1;
constexpr char kPadByte = 0x00;  // LUAL_PACKPADBYTE
// Sizes and counts are kept in an int (lstrlib's MAXSIZE).
constexpr size_t kMaxSize = static_cast<size_t>(INT_MAX);

constexpr bool kNativeLittle = std::endian::native == std::endian::little;

// The format's state: endianness and maximum alignment.
struct Header {
  Thread* L;
  bool little = kNativeLittle;
  int maxalign = 1;
};

enum class KOption {
  kInt,        // signed integers
  kUint,       // unsigned integers
  kFloat,      // C floats
  kNumber,     // Lua floats
  kDouble,     // C doubles
  kChar,       // fixed-length strings
  kString,     // strings with a length prefix
  kZstr,       // zero-terminated strings
  kPadding,    // one padding byte
  kPaddalign,  // padding up to an alignment
  kNop,        // configuration or spaces
};

bool is_digit(int c) { return '0' <= c && c <= '9'; }

// The numeral at *fmt (advancing it), or df when there is none.
int get_num(const char** fmt, int df) {
  if (!is_digit(**fmt)) return df;
  int a = 0;
  do {
    a = a * 10 + (*((*fmt)++) - '0');
  } while (is_digit(**fmt) && a <= (static_cast<int>(kMaxSize) - 9) / 10);
  return a;
}

// A size numeral that must be a valid integer size.
int get_num_limit(Header* h, const char** fmt, int df) {
  int sz = get_num(fmt, df);
  if (sz > kMaxIntSize || sz <= 0) {
    error(h->L, "integral size (%d) out of limits [1,%d]", sz, kMaxIntSize);
  }
  return sz;
}

// Reads and classifies the next option; *size gets its size.
KOption get_option(Header* h, const char** fmt, int* size) {
  // Natural alignment of the most aligned basic type (LUAI_MAXALIGN's members).
  struct MaxAlign {
    char c;
    union {
      double n;
      void* p;
      int64_t i;
      long l;
    } u;
  };
  int opt = *((*fmt)++);
  *size = 0;
  switch (opt) {
    case 'b':
      *size = sizeof(char);
      return KOption::kInt;
    case 'B':
      *size = sizeof(char);
      return KOption::kUint;
    case 'h':
      *size = sizeof(short);
      return KOption::kInt;
    case 'H':
      *size = sizeof(short);
      return KOption::kUint;
    case 'l':
      *size = sizeof(long);
      return KOption::kInt;
    case 'L':
      *size = sizeof(long);
      return KOption::kUint;
    case 'j':
      *size = sizeof(int64_t);
      return KOption::kInt;
    case 'J':
      *size = sizeof(int64_t);
      return KOption::kUint;
    case 'T':
      *size = sizeof(size_t);
      return KOption::kUint;
    case 'f':
      *size = sizeof(float);
      return KOption::kFloat;
    case 'n':
      *size = sizeof(double);
      return KOption::kNumber;
    case 'd':
      *size = sizeof(double);
      return KOption::kDouble;
    case 'i':
      *size = get_num_limit(h, fmt, sizeof(int));
      return KOption::kInt;
    case 'I':
      *size = get_num_limit(h, fmt, sizeof(int));
      return KOption::kUint;
    case 's':
      *size = get_num_limit(h, fmt, sizeof(size_t));
      return KOption::kString;
    case 'c':
      *size = get_num(fmt, -1);
      if (*size == -1) error(h->L, "missing size for format option 'c'");
      return KOption::kChar;
    case 'z':
      return KOption::kZstr;
    case 'x':
      *size = 1;
      return KOption::kPadding;
    case 'X':
      return KOption::kPaddalign;
    case ' ':
      break;
    case '<':
      h->little = true;
      break;
    case '>':
      h->little = false;
      break;
    case '=':
      h->little = kNativeLittle;
      break;
    case '!':
      h->maxalign = get_num_limit(h, fmt, offsetof(MaxAlign, u));
      break;
    default:
      error(h->L, "invalid format option '%c'", opt);
  }
  return KOption::kNop;
}

// Reads the next option, with its size in *psize and the padding that aligns it (at offset
// totalsize) in *ntoalign. An option aligns to its size, capped by maxalign; 'X' aligns to
// the size of the option after it; 'c' never aligns.
KOption get_details(Header* h, size_t totalsize, const char** fmt, int* psize, int* ntoalign) {
  KOption opt = get_option(h, fmt, psize);
  int align = *psize;
  if (opt == KOption::kPaddalign) {
    if (**fmt == '\0' || get_option(h, fmt, &align) == KOption::kChar || align == 0) {
      arg_error(h->L, 1, "invalid next option for option 'X'");
    }
  }
  if (align <= 1 || opt == KOption::kChar) {
    *ntoalign = 0;
  } else {
    if (align > h->maxalign) align = h->maxalign;
    if ((align & (align - 1)) != 0) {
      arg_error(h->L, 1, "format asks for alignment not power of 2");
    }
    *ntoalign =
        (align - static_cast<int>(totalsize & static_cast<size_t>(align - 1))) & (align - 1);
  }
  return opt;
}

// Appends n as `size` bytes. Beyond the size of a Lua integer, a negative n is sign-extended.
void pack_int(Buffer& b, uint64_t n, bool little, int size, bool neg) {
  char buff[kMaxIntSize];
  buff[little ? 0 : size - 1] = static_cast<char>(n & kByteMask);
  for (int i = 1; i < size; i++) {
    n >>= kBitsPerByte;
    buff[little ? i : size - 1 - i] = static_cast<char>(n & kByteMask);
  }
  if (neg && size > kSizeInt) {
    for (int i = kSizeInt; i < size; i++)
      buff[little ? i : size - 1 - i] = static_cast<char>(kByteMask);
  }
  b.add(buff, static_cast<size_t>(size));
}

// Copies size bytes, reversing them when the requested endianness is not the native one.
void copy_with_endian(char* dest, const char* src, int size, bool little) {
  if (little == kNativeLittle) {
    std::memcpy(dest, src, static_cast<size_t>(size));
  } else {
    dest += size - 1;
    while (size-- != 0) *(dest--) = *(src++);
  }
}

template <typename T>
void pack_float(Buffer& b, T f, bool little) {
  char buff[sizeof(T)];
  copy_with_endian(buff, reinterpret_cast<const char*>(&f), sizeof(T), little);
  b.add(buff, sizeof(T));
}

int str_pack(Thread* L) {
  Header h{L};
  const char* fmt = check_string(L, 1);
  int arg = 1;
  size_t totalsize = 0;
  // lstrlib pushes a nil to separate the arguments from its buffer, so a missing argument
  // right after the last one reads as "got nil"; keep that message.
  api::push_nil(L);
  Buffer b(L);
  while (*fmt != '\0') {
    int size, ntoalign;
    KOption opt = get_details(&h, totalsize, &fmt, &size, &ntoalign);
    totalsize += static_cast<size_t>(ntoalign + size);
    while (ntoalign-- > 0) b.add_char(kPadByte);
    arg++;
    switch (opt) {
      case KOption::kInt: {
        int64_t n = check_integer(L, arg);
        if (size < kSizeInt) {
          int64_t lim = int64_t{1} << ((size * kBitsPerByte) - 1);
          arg_check(L, -lim <= n && n < lim, arg, "integer overflow");
        }
        pack_int(b, static_cast<uint64_t>(n), h.little, size, n < 0);
        break;
      }
      case KOption::kUint: {
        int64_t n = check_integer(L, arg);
        if (size < kSizeInt) {
          arg_check(L, static_cast<uint64_t>(n) < (uint64_t{1} << (size * kBitsPerByte)), arg,
                    "unsigned overflow");
        }
        pack_int(b, static_cast<uint64_t>(n), h.little, size, false);
        break;
      }
      case KOption::kFloat:
        pack_float(b, static_cast<float>(check_number(L, arg)), h.little);
        break;
      case KOption::kNumber:
      case KOption::kDouble:
        pack_float(b, check_number(L, arg), h.little);
        break;
      case KOption::kChar: {
        size_t len;
        const char* s = check_lstring(L, arg, &len);
        arg_check(L, len <= static_cast<size_t>(size), arg, "string longer than given size");
        b.add(s, len);
        while (len++ < static_cast<size_t>(size)) b.add_char(kPadByte);
        break;
      }
      case KOption::kString: {
        size_t len;
        const char* s = check_lstring(L, arg, &len);
        arg_check(
            L,
            size >= static_cast<int>(sizeof(size_t)) || len < (size_t{1} << (size * kBitsPerByte)),
            arg, "string length does not fit in given size");
        pack_int(b, len, h.little, size, false);
        b.add(s, len);
        totalsize += len;
        break;
      }
      case KOption::kZstr: {
        size_t len;
        const char* s = check_lstring(L, arg, &len);
        arg_check(L, std::strlen(s) == len, arg, "string contains zeros");
        b.add(s, len);
        b.add_char('\0');
        totalsize += len + 1;
        break;
      }
      case KOption::kPadding:
        b.add_char(kPadByte);
        [[fallthrough]];
      case KOption::kPaddalign:
      case KOption::kNop:
        arg--;  // these options take no argument
        break;
    }
  }
  b.push_result(L);
  return 1;
}

int str_packsize(Thread* L) {
  Header h{L};
  const char* fmt = check_string(L, 1);
  size_t totalsize = 0;
  while (*fmt != '\0') {
    int size, ntoalign;
    KOption opt = get_details(&h, totalsize, &fmt, &size, &ntoalign);
    arg_check(L, opt != KOption::kString && opt != KOption::kZstr, 1, "variable-length format");
    size += ntoalign;
    arg_check(L, totalsize <= kMaxSize - static_cast<size_t>(size), 1, "format result too large");
    totalsize += static_cast<size_t>(size);
  }
  api::push_integer(L, static_cast<int64_t>(totalsize));
  return 1;
}

// Reads a `size`-byte integer. Below the size of a Lua integer a signed value is sign-extended;
// above it, the extra bytes must be a pure sign extension, or the value does not fit.
int64_t unpack_int(Thread* L, const char* str, bool little, int size, bool issigned) {
  uint64_t res = 0;
  int limit = (size <= kSizeInt) ? size : kSizeInt;
  for (int i = limit - 1; i >= 0; i--) {
    res <<= kBitsPerByte;
    res |= static_cast<unsigned char>(str[little ? i : size - 1 - i]);
  }
  if (size < kSizeInt) {
    if (issigned) {
      uint64_t mask = uint64_t{1} << (size * kBitsPerByte - 1);
      res = (res ^ mask) - mask;
    }
  } else if (size > kSizeInt) {
    unsigned mask = (!issigned || static_cast<int64_t>(res) >= 0) ? 0 : kByteMask;
    for (int i = limit; i < size; i++) {
      if (static_cast<unsigned char>(str[little ? i : size - 1 - i]) != mask) {
        error(L, "%d-byte integer does not fit into Lua Integer", size);
      }
    }
  }
  return static_cast<int64_t>(res);
}

template <typename T>
double unpack_float(const char* src, bool little) {
  T f;
  copy_with_endian(reinterpret_cast<char*>(&f), src, sizeof(T), little);
  return static_cast<double>(f);
}

// A start position relative to a string of length len (lstrlib's posrelatI).
size_t pos_relat(int64_t pos, size_t len) {
  if (pos > 0) return static_cast<size_t>(pos);
  if (pos == 0) return 1;
  if (pos < -static_cast<int64_t>(len)) return 1;
  return len + static_cast<size_t>(pos) + 1;
}

int str_unpack(Thread* L) {
  Header h{L};
  const char* fmt = check_string(L, 1);
  size_t ld;
  const char* data = check_lstring(L, 2, &ld);
  size_t pos = pos_relat(opt_integer(L, 3, 1), ld) - 1;
  int n = 0;
  arg_check(L, pos <= ld, 3, "initial position out of string");
  while (*fmt != '\0') {
    int size, ntoalign;
    KOption opt = get_details(&h, pos, &fmt, &size, &ntoalign);
    arg_check(L, static_cast<size_t>(ntoalign) + static_cast<size_t>(size) <= ld - pos, 2,
              "data string too short");
    pos += static_cast<size_t>(ntoalign);
    check_stack(L, 2, "too many results");  // the item and the next position
    n++;
    switch (opt) {
      case KOption::kInt:
      case KOption::kUint:
        api::push_integer(L, unpack_int(L, data + pos, h.little, size, opt == KOption::kInt));
        break;
      case KOption::kFloat:
        api::push_number(L, unpack_float<float>(data + pos, h.little));
        break;
      case KOption::kNumber:
      case KOption::kDouble:
        api::push_number(L, unpack_float<double>(data + pos, h.little));
        break;
      case KOption::kChar:
        api::push_lstring(L, data + pos, static_cast<size_t>(size));
        break;
      case KOption::kString: {
        size_t len = static_cast<size_t>(unpack_int(L, data + pos, h.little, size, false));
        arg_check(L, len <= ld - pos - static_cast<size_t>(size), 2, "data string too short");
        api::push_lstring(L, data + pos + size, len);
        pos += len;
        break;
      }
      case KOption::kZstr: {
        size_t len = std::strlen(data + pos);
        arg_check(L, pos + len < ld, 2, "unfinished string for format 'z'");
        api::push_lstring(L, data + pos, len);
        pos += len + 1;
        break;
      }
      case KOption::kPaddalign:
      case KOption::kPadding:
      case KOption::kNop:
        n--;  // these options produce no value
        break;
    }
    pos += static_cast<size_t>(size);
  }
  api::push_integer(L, static_cast<int64_t>(pos) + 1);
  return n + 1;
}

const Reg kPackFuncs[] = {
    {"pack", str_pack}, {"packsize", str_packsize}, {"unpack", str_unpack}, {nullptr, nullptr}};

}  // namespace

const Reg* string_pack_funcs() { return kPackFuncs; }

}  // namespace tycho::stdlib
