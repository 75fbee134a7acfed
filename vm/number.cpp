// Numbers: conversions, formatting, integer/float arithmetic and mixed comparisons, with the
// exact semantics of Lua 5.4 (lobject.c, lvm.c).
//
// The subtle cases, all of which Lua defines precisely:
//  - A float converts to an integer only when it is integral and inside [-2^63, 2^63); 2^63
//    itself is out of range (it is not representable as an int64) even though it is exact.
//  - Comparing an integer with a float never rounds: integers with |i| <= 2^53 convert to
//    float exactly; larger ones compare against floor/ceil of the float as integers.
//  - Integer // and % round toward minus infinity; mininteger // -1 wraps, % -1 is 0.
//  - Numerals: decimal integers that overflow become floats, hex integers wrap around.
#include "vm/number.hpp"

#include <bit>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "vm/string.hpp"

namespace tycho::vm {

namespace {

constexpr int64_t kMaxInt = INT64_MAX;
constexpr int64_t kMinInt = INT64_MIN;

// Lua's lisspace/lisdigit/lisxdigit are the C-locale classes; keep them locale-free.
bool is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_xdigit(int c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

bool skip_sign(const char** s) {
  if (**s == '-') {
    (*s)++;
    return true;
  }
  if (**s == '+') (*s)++;
  return false;
}

// The integer numeral in s, or null when s is not one (or is a decimal that overflows).
const char* str_to_int(const char* s, int64_t* result) {
  constexpr uint64_t kMaxBy10 = static_cast<uint64_t>(kMaxInt / 10);
  constexpr int kMaxLastDigit = static_cast<int>(kMaxInt % 10);
  uint64_t a = 0;
  bool empty = true;
  while (is_space(static_cast<unsigned char>(*s))) s++;
  bool neg = skip_sign(&s);
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    s += 2;
    for (; is_xdigit(static_cast<unsigned char>(*s)); s++) {
      a = a * 16 + static_cast<unsigned>(hex_value(*s));  // wraps around
      empty = false;
    }
  } else {
    for (; is_digit(static_cast<unsigned char>(*s)); s++) {
      int d = *s - '0';
      if (a >= kMaxBy10 && (a > kMaxBy10 || d > kMaxLastDigit + (neg ? 1 : 0)))
        return nullptr;  // overflow: not accepted as an integer (it may be a float)
      a = a * 10 + static_cast<unsigned>(d);
      empty = false;
    }
  }
  while (is_space(static_cast<unsigned char>(*s))) s++;
  if (empty || *s != '\0') return nullptr;
  *result = static_cast<int64_t>(neg ? 0u - a : a);
  return s;
}

const char* str_to_double_here(const char* s, double* result) {
  char* end;
  *result = std::strtod(s, &end);  // C99 strtod reads hex floats ("0x1p4") too
  if (end == s) return nullptr;
  while (is_space(static_cast<unsigned char>(*end))) end++;
  return *end == '\0' ? end : nullptr;
}

// The float numeral in s, or null. "inf" and "nan" are not Lua numerals.
const char* str_to_double(const char* s, double* result) {
  const char* special = std::strpbrk(s, ".xXnN");
  int mode = special ? (*special | 0x20) : 0;
  if (mode == 'n') return nullptr;
  const char* end = str_to_double_here(s, result);
  if (end == nullptr && std::strchr(s, '.') != nullptr) {
    // strtod follows the C locale's decimal point; retry with the current one, as Lua does.
    constexpr size_t kMaxLen = 200;
    size_t len = std::strlen(s);
    char point = std::localeconv()->decimal_point[0];
    if (len > kMaxLen || point == '.') return nullptr;
    char buf[kMaxLen + 1];
    std::memcpy(buf, s, len + 1);
    *std::strchr(buf, '.') = point;
    const char* e = str_to_double_here(buf, result);
    if (e != nullptr) end = s + (e - buf);
  }
  return end;
}

// Integers that a double holds exactly: |i| <= 2^53.
bool int_fits_float(int64_t i) {
  constexpr uint64_t kMaxFit = uint64_t{1} << 53;
  return kMaxFit + static_cast<uint64_t>(i) <= 2 * kMaxFit;
}

// i < f
bool lt_int_float(int64_t i, double f) {
  if (int_fits_float(i)) return static_cast<double>(i) < f;
  int64_t fi;  // i < f <=> i < ceil(f)
  if (float_to_int(f, &fi, F2I::kCeil)) return i < fi;
  return f > 0;  // f beyond the integers: true above, false below or NaN
}

// i <= f
bool le_int_float(int64_t i, double f) {
  if (int_fits_float(i)) return static_cast<double>(i) <= f;
  int64_t fi;  // i <= f <=> i <= floor(f)
  if (float_to_int(f, &fi, F2I::kFloor)) return i <= fi;
  return f > 0;
}

// f < i
bool lt_float_int(double f, int64_t i) {
  if (int_fits_float(i)) return f < static_cast<double>(i);
  int64_t fi;  // f < i <=> floor(f) < i
  if (float_to_int(f, &fi, F2I::kFloor)) return fi < i;
  return f < 0;
}

// f <= i
bool le_float_int(double f, int64_t i) {
  if (int_fits_float(i)) return f <= static_cast<double>(i);
  int64_t fi;  // f <= i <=> ceil(f) <= i
  if (float_to_int(f, &fi, F2I::kCeil)) return fi <= i;
  return f < 0;
}

int64_t wrap_add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
int64_t wrap_sub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
int64_t wrap_mul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}

int64_t int_arith(Thread* L, int op, int64_t a, int64_t b) {
  switch (op) {
    case kOpAdd:
      return wrap_add(a, b);
    case kOpSub:
      return wrap_sub(a, b);
    case kOpMul:
      return wrap_mul(a, b);
    case kOpMod:
      return int_mod(L, a, b);
    case kOpIDiv:
      return int_idiv(L, a, b);
    case kOpBAnd:
      return a & b;
    case kOpBOr:
      return a | b;
    case kOpBXor:
      return a ^ b;
    case kOpShl:
      return shift_left(a, b);
    case kOpShr:
      return shift_left(a, wrap_sub(0, b));
    case kOpUnm:
      return wrap_sub(0, a);
    case kOpBNot:
      return ~a;
    default:
      return 0;
  }
}

double float_arith(int op, double a, double b) {
  switch (op) {
    case kOpAdd:
      return a + b;
    case kOpSub:
      return a - b;
    case kOpMul:
      return a * b;
    case kOpDiv:
      return a / b;
    case kOpPow:
      return b == 2 ? a * a : std::pow(a, b);
    case kOpIDiv:
      return float_idiv(a, b);
    case kOpUnm:
      return -a;
    case kOpMod:
      return float_mod(a, b);
    default:
      return 0;
  }
}

bool to_number_ns(const Value& v, double* out) {
  if (v.is_float()) {
    *out = v.as_float();
    return true;
  }
  if (v.is_int()) {
    *out = static_cast<double>(v.as_int());
    return true;
  }
  return false;
}

// A string Value that is a whole numeral (no embedded zeros after it) converted to a number.
bool string_to_numeric(const Value& v, Value* out) {
  if (!v.is_string()) return false;
  const String* s = v.as_string();
  return str_to_number(s->data(), out) == s->len + 1;
}

}  // namespace

int hex_value(int c) {
  if (is_digit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}

int ceil_log2(unsigned int x) { return std::bit_width(x - 1); }

// Without std::floor, a libm call on x86-64's baseline: every float of magnitude 2^63 or more
// is an integer, so only [-2^63, 2^63) can convert (both bounds are exact doubles; NaN fails
// both tests), and there truncation is exact; a truncated value above (below) a non-integral
// float was rounded toward zero, one step from its floor (ceiling).
bool float_to_int(double n, int64_t* out, F2I mode) {
  if (!(n >= -0x1p63 && n < 0x1p63)) return false;
  int64_t i = static_cast<int64_t>(n);
  const double t = static_cast<double>(i);
  if (t != n) {  // not integral
    if (mode == F2I::kEq) return false;
    if (mode == F2I::kFloor && t > n) i--;
    if (mode == F2I::kCeil && t < n) i++;
  }
  *out = i;
  return true;
}

bool to_integer_ns(const Value& v, int64_t* out, F2I mode) {
  if (v.is_int()) {
    *out = v.as_int();
    return true;
  }
  if (v.is_float()) return float_to_int(v.as_float(), out, mode);
  return false;
}

bool to_integer(const Value& v, int64_t* out, F2I mode) {
  Value n;
  if (string_to_numeric(v, &n)) return to_integer_ns(n, out, mode);
  return to_integer_ns(v, out, mode);
}

bool to_number(const Value& v, double* out) {
  if (to_number_ns(v, out)) return true;
  Value n;
  if (string_to_numeric(v, &n)) {
    *out = n.as_number();
    return true;
  }
  return false;
}

bool to_numeric(const Value& v, Value* out) {
  if (v.is_number()) {
    *out = v;
    return true;
  }
  return string_to_numeric(v, out);
}

size_t str_to_number(const char* s, Value* out) {
  int64_t i;
  double n;
  const char* e;
  if ((e = str_to_int(s, &i)) != nullptr) {
    out->set_int(i);
  } else if ((e = str_to_double(s, &n)) != nullptr) {
    out->set_float(n);
  } else {
    return 0;
  }
  return static_cast<size_t>(e - s) + 1;
}

namespace {

int format_int(int64_t i, char* buf) {  // to_chars: "%lld" without printf's parsing
  char* end = std::to_chars(buf, buf + kMaxNumber2Str - 1, i).ptr;
  *end = '\0';
  return static_cast<int>(end - buf);
}

// "%.14g" with the locale's decimal point `point`.
int format_float(double d, char point, char* buf) {
  if (std::isfinite(d) && point == '.') {
    // to_chars with a precision is specified as printf's "%.14g" in the C locale (checked
    // against glibc's on 12 million values), and is several times faster.
    char* end =
        std::to_chars(buf, buf + kMaxNumber2Str - 1, d, std::chars_format::general, 14).ptr;
    *end = '\0';
    return static_cast<int>(end - buf);
  }
  // another decimal point, inf, nan: as the C library prints them
  return std::snprintf(buf, kMaxNumber2Str, "%.14g", d);
}

}  // namespace

int number_format(const Value& v, char* buf) {
  if (v.is_int()) return format_int(v.as_int(), buf);
  return format_float(v.as_float(), std::localeconv()->decimal_point[0], buf);
}

int number_to_buffer(const Value& v, char* buf) {
  if (v.is_int()) return format_int(v.as_int(), buf);
  const char point = std::localeconv()->decimal_point[0];  // as Lua: the locale's point
  int len = format_float(v.as_float(), point, buf);
  if (buf[std::strspn(buf, "-0123456789")] == '\0') {  // looks like an integer?
    buf[len++] = point;
    buf[len++] = '0';
    buf[len] = '\0';
  }
  return len;
}

String* number_to_string(Thread* L, const Value& v) {
  char buf[kMaxNumber2Str];
  int len = number_to_buffer(v, buf);
  return new_string(L, buf, static_cast<size_t>(len));
}

void number_to_string_inplace(Thread* L, Value* v) {
  if (!v->is_number()) return;
  String* s = number_to_string(L, *v);
  v->set_object(s);
}

int64_t int_idiv_special(Thread* L, int64_t a, int64_t b) {
  if (b == 0) run_error(L, "attempt to divide by zero");  // lua5.4.4's words
  return wrap_sub(0, a);  // a // -1 == -a, wrapping for mininteger
}

int64_t int_mod_special(Thread* L, int64_t a, int64_t b) {
  if (b == 0) run_error(L, "attempt to perform 'n%%0'");
  return 0;  // avoids the overflow of mininteger % -1
}

double float_mod_general(double a, double b) {
  double m = std::fmod(a, b);
  if ((m > 0) ? b < 0 : (m < 0 && b > 0)) m += b;  // fmod truncates; Lua floors
  return m;
}

int64_t shift_left(int64_t x, int64_t y) {
  constexpr int kBits = 64;
  if (y < 0) {
    if (y <= -kBits) return 0;
    return static_cast<int64_t>(static_cast<uint64_t>(x) >> (-y));
  }
  if (y >= kBits) return 0;
  return static_cast<int64_t>(static_cast<uint64_t>(x) << y);
}

bool raw_arith(Thread* L, int op, const Value& a, const Value& b_in, Value* res) {
  const Value& b = (op == kOpUnm || op == kOpBNot) ? a : b_in;  // unary: ignore the 2nd operand
  switch (op) {
    case kOpBAnd:
    case kOpBOr:
    case kOpBXor:
    case kOpShl:
    case kOpShr:
    case kOpBNot: {
      int64_t i1, i2;
      if (!to_integer_ns(a, &i1) || !to_integer_ns(b, &i2)) return false;
      res->set_int(int_arith(L, op, i1, i2));
      return true;
    }
    case kOpDiv:
    case kOpPow: {
      double n1, n2;
      if (!to_number_ns(a, &n1) || !to_number_ns(b, &n2)) return false;
      res->set_float(float_arith(op, n1, n2));
      return true;
    }
    default: {
      if (a.is_int() && b.is_int()) {
        if (L == nullptr && (op == kOpMod || op == kOpIDiv) && b.as_int() == 0) return false;
        res->set_int(int_arith(L, op, a.as_int(), b.as_int()));
        return true;
      }
      double n1, n2;
      if (!to_number_ns(a, &n1) || !to_number_ns(b, &n2)) return false;
      res->set_float(float_arith(op, n1, n2));
      return true;
    }
  }
}

bool num_lt(const Value& a, const Value& b) {
  if (a.is_int()) {
    if (b.is_int()) return a.as_int() < b.as_int();
    return lt_int_float(a.as_int(), b.as_float());
  }
  if (b.is_float()) return a.as_float() < b.as_float();
  return lt_float_int(a.as_float(), b.as_int());
}

bool num_le(const Value& a, const Value& b) {
  if (a.is_int()) {
    if (b.is_int()) return a.as_int() <= b.as_int();
    return le_int_float(a.as_int(), b.as_float());
  }
  if (b.is_float()) return a.as_float() <= b.as_float();
  return le_float_int(a.as_float(), b.as_int());
}

bool num_eq(const Value& a, const Value& b) {
  if (a.tt == b.tt) return a.is_int() ? a.as_int() == b.as_int() : a.as_float() == b.as_float();
  int64_t i1, i2;  // mixed: equal only when the float is exactly that integer
  return to_integer_ns(a, &i1) && to_integer_ns(b, &i2) && i1 == i2;
}

}  // namespace tycho::vm
