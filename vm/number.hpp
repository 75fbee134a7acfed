// Numbers: exact Lua 5.4 semantics for integers and floats.
//
// Integers are 64-bit two's complement and wrap on overflow. Floats are IEEE doubles. Converting
// a float to an integer is exact unless a rounding mode says otherwise; conversions from strings
// follow the lexer's numeral rules (hex integers wrap, decimal integers that overflow become
// floats, surrounding whitespace is allowed).
#pragma once

#include <cstddef>
#include <cstdint>

#include "vm/state.hpp"

namespace tycho::vm {

enum class F2I { kEq, kFloor, kCeil };  // float-to-integer rounding: exact only, floor, ceil

bool float_to_int(double n, int64_t* out, F2I mode = F2I::kEq);
// Value (integer, float, or string convertible to a number) to integer.
bool to_integer(const Value& v, int64_t* out, F2I mode = F2I::kEq);
// Same, without string coercion.
bool to_integer_ns(const Value& v, int64_t* out, F2I mode = F2I::kEq);
// Value (number or numeric string) to float.
bool to_number(const Value& v, double* out);
// Value (number or numeric string) to a number Value (int stays int).
bool to_numeric(const Value& v, Value* out);

// Convert the numeral in s (NUL-terminated) to a Value as lua_stringtonumber: returns the size
// of the string consumed + 1 on success, 0 on failure.
size_t str_to_number(const char* s, Value* out);

// Format a number as Lua prints it: integers "%lld", floats "%.14g" plus ".0" when the result
// looks like an integer; inf/-inf/nan/-nan as the C library prints them. Returns the length.
constexpr int kMaxNumber2Str = 44;
int number_to_buffer(const Value& v, char* buf /* kMaxNumber2Str bytes */);
// The same without the ".0" (Lua's number formats alone, as io.write uses them).
int number_format(const Value& v, char* buf /* kMaxNumber2Str bytes */);
String* number_to_string(Thread* L, const Value& v);
// If `v` is a number, replace it in place by its string (the `..` and API coercion).
void number_to_string_inplace(Thread* L, Value* v);

// Integer arithmetic with Lua's rules. For a zero divisor idiv raises "attempt to divide by
// zero" and mod "attempt to perform 'n%%0'" (lua5.4.4's messages).
// Inline for the interpreter; divisors 0 and -1 (errors, overflow) and the general float
// modulo are out of line.
int64_t int_idiv_special(Thread* L, int64_t a, int64_t b);  // b is 0 or -1
int64_t int_mod_special(Thread* L, int64_t a, int64_t b);   // b is 0 or -1
double float_mod_general(double a, double b);
// A positive power of two as divisor (x % 2, i // 4: common, and a division takes tens of
// cycles) is a mask or an arithmetic shift, which floor as Lua does in two's complement.
inline bool is_pow2_divisor(int64_t b) { return b > 0 && (b & (b - 1)) == 0; }
inline int64_t int_idiv(Thread* L, int64_t a, int64_t b) {
  if (is_pow2_divisor(b)) return a >> __builtin_ctzll(static_cast<uint64_t>(b));
  if (static_cast<uint64_t>(b) + 1u <= 1u) [[unlikely]] return int_idiv_special(L, a, b);
  if (((static_cast<uint64_t>(a) | static_cast<uint64_t>(b)) >> 32) == 0) {
    return static_cast<uint32_t>(a) / static_cast<uint32_t>(b);
  }
  int64_t q = a / b;
  if ((a ^ b) < 0 && a % b != 0) q -= 1;  // C truncates; Lua floors
  return q;
}
inline int64_t int_mod(Thread* L, int64_t a, int64_t b) {
  if (is_pow2_divisor(b))
    return static_cast<int64_t>(static_cast<uint64_t>(a) & static_cast<uint64_t>(b - 1));
  if (static_cast<uint64_t>(b) + 1u <= 1u) [[unlikely]] return int_mod_special(L, a, b);
  // Both in [0, 2^32): a 32-bit division, much faster than a 64-bit one on many CPUs.
  if (((static_cast<uint64_t>(a) | static_cast<uint64_t>(b)) >> 32) == 0) {
    return static_cast<uint32_t>(a) % static_cast<uint32_t>(b);
  }
  int64_t r = a % b;
  if (r != 0 && (r ^ b) < 0) r += b;  // the result takes the sign of b
  return r;
}
// floor(x) without a libm call (x86-64's baseline has no rounding instruction): a float of
// magnitude 2^52 or more is integral already (and NaN and the infinities are their own floor);
// below, truncation is exact and a truncated value above x is one step from its floor. The
// sign is x's, so that floor(-0.0) is -0.0 and floor(-0.5) stays negative.
inline double float_floor(double x) {
  if (!(__builtin_fabs(x) < 0x1p52)) return x;
  const double t = static_cast<double>(static_cast<int64_t>(x));
  return __builtin_copysign(t > x ? t - 1 : t, x);
}
inline double float_idiv(double a, double b) { return float_floor(a / b); }  // floor(a/b)
// The result has the sign of b. Operands with integral values below 2^31 (code written for
// Lua 5.1's float-only numbers: `x % 2` where x is a float) take an integer remainder, which
// is exact there, instead of fmod; a zero result keeps fmod's sign, the sign of a.
inline double float_mod(double a, double b) {
  constexpr double kLim = 2147483648.0;
  if (a > -kLim && a < kLim && b > -kLim && b < kLim) {
    auto ia = static_cast<int32_t>(a);
    auto ib = static_cast<int32_t>(b);
    if (ia == a && ib == b && ib > 0) {
      int32_t r = ia % ib;
      if (r == 0) return __builtin_copysign(0.0, a);
      if (r < 0) r += ib;
      return r;
    }
  }
  return float_mod_general(a, b);
}
int64_t shift_left(int64_t x, int64_t y);  // negative y shifts right; |y| >= 64 gives 0

// Arithmetic operators, numbered as the metamethods ADD..BNOT (TM order) minus TM::ADD.
enum ArithOp : int {
  kOpAdd = 0, kOpSub, kOpMul, kOpMod, kOpPow, kOpDiv, kOpIDiv, kOpBAnd, kOpBOr, kOpBXor,
  kOpShl, kOpShr, kOpUnm, kOpBNot
};
// Raw arithmetic on numbers (no strings, no metamethods), as luaO_rawarith: returns false
// when the operation cannot be done raw (non-numbers, or a bitwise op on a float without an
// exact integer). Integer division or modulo by zero: returns false when L is null (used by
// constant folding), else raises the error. Unary operators (kOpUnm, kOpBNot) read only `a`.
bool raw_arith(Thread* L, int op, const Value& a, const Value& b, Value* res);

// Exact comparisons between numbers of any mix of integer/float.
bool num_lt(const Value& a, const Value& b);
bool num_le(const Value& a, const Value& b);
bool num_eq(const Value& a, const Value& b);  // 1 == 1.0

int ceil_log2(unsigned int x);  // ceil(log2(x)) for x >= 1

// Hex digit value, for the lexer and tonumber.
int hex_value(int c);

}  // namespace tycho::vm
