// Unit tests of vm/number.cpp: numerals, formatting, conversions, arithmetic and mixed
// comparisons. The expected values were produced by lua5.4 (5.4.4 on x86-64 glibc) with small
// generator scripts, so these tables pin tycho to the reference implementation's results.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "tests/unit/vm_test_support.hpp"
#include "vm/number.hpp"
#include "vm/string.hpp"

using namespace tycho::vm;
using tycho::vm::testing::VmFixture;

namespace {

struct StrNumCase {
  const char* s;
  size_t len;
  const char* type;  // "integer", "float" or "nil" (not a numeral)
  const char* rep;   // %d or %.17g of the value
};

struct BufCase {
  Value v;
  const char* text;
};

struct ArithCase {
  int op;
  Value a, b;
  const char* result;  // "i:%d", "f:%.17g" or "fail"
};

std::string describe(const Value& v) {
  char buf[64];
  if (v.is_int()) {
    std::snprintf(buf, sizeof buf, "i:%lld", static_cast<long long>(v.as_int()));
  } else {
    std::snprintf(buf, sizeof buf, "f:%.17g", v.as_float());
  }
  return buf;
}

static const StrNumCase kStrNumCases[] = {
    {"0x10", 4, "integer", "16"},
    {"0xffffffffffffffff", 18, "integer", "-1"},
    {"9223372036854775808", 19, "float", "9.2233720368547758e+18"},
    {"9223372036854775807", 19, "integer", "9223372036854775807"},
    {"-9223372036854775808", 20, "integer", "-9223372036854775808"},
    {"-9223372036854775809", 20, "float", "-9.2233720368547758e+18"},
    {"1e", 2, "nil", ""},
    {" 10 ", 4, "integer", "10"},
    {"0x1p4", 5, "float", "16"},
    {"0x.8", 4, "float", "0.5"},
    {"inf", 3, "nil", ""},
    {"nan", 3, "nil", ""},
    {"-inf", 4, "nil", ""},
    {"  -0x10  ", 9, "integer", "-16"},
    {"0x", 2, "nil", ""},
    {"", 0, "nil", ""},
    {"  ", 2, "nil", ""},
    {"1 2", 3, "nil", ""},
    {"10e2", 4, "float", "1000"},
    {"1.5e+3", 6, "float", "1500"},
    {".5", 2, "float", "0.5"},
    {"5.", 2, "float", "5"},
    {"0x1P-2", 6, "float", "0.25"},
    {"0XA", 3, "integer", "10"},
    {"1e500", 5, "float", "inf"},
    {"-1e500", 6, "float", "-inf"},
    {"0x7fffffffffffffff", 18, "integer", "9223372036854775807"},
    {"0x8000000000000000", 18, "integer", "-9223372036854775808"},
    {"0x10000000000000000", 19, "integer", "0"},
    {"1e-400", 6, "float", "0"},
    {"+5", 2, "integer", "5"},
    {"+-5", 3, "nil", ""},
    {"--5", 3, "nil", ""},
    {"0x1.8p1", 7, "float", "3"},
    {"\t12\n", 4, "integer", "12"},
    {"12a", 3, "nil", ""},
    {"0x1g", 4, "nil", ""},
    {"1e+", 3, "nil", ""},
    {"0.1", 3, "float", "0.10000000000000001"},
    {"123456789012345678901234567890", 30, "float", "1.2345678901234568e+29"},
    {"00012", 5, "integer", "12"},
    {"-0", 2, "integer", "0"},
    {"-0.0", 4, "float", "-0"},
    {"0x-1", 4, "nil", ""},
    {"1.", 2, "float", "1"},
    {"1..2", 4, "nil", ""},
    {"0x1.", 4, "float", "1"},
    {"0x.", 3, "nil", ""},
    {"1e1.5", 5, "nil", ""},
    {"infinity", 8, "nil", ""},
    {"0xe+1", 5, "nil", ""},
    {"  0x1e+1 ", 9, "nil", ""},
    {"12\0", 3, "nil", ""},
};
static const BufCase kBufCases[] = {
    {Value::number(std::copysign(NAN, -1.0)), "-nan"},
    {Value::number(std::copysign(NAN, 1.0)), "nan"},
    {Value::number(INFINITY), "inf"},
    {Value::number(-INFINITY), "-inf"},
    {Value::number(0x1p+63), "9.2233720368548e+18"},
    {Value::number(-0x1p+63), "-9.2233720368548e+18"},
    {Value::number(0x1.c6bf52634p+49), "1e+15"},
    {Value::number(0x1.1c37937e08p+53), "1e+16"},
    {Value::number(0x1.999999999999ap-4), "0.1"},
    {Value::number(-0x0p+0), "-0.0"},
    {Value::number(0x0p+0), "0.0"},
    {Value::number(0x1.249ad2594c37dp+332), "1e+100"},
    {Value::integer(123456789012345678LL), "123456789012345678"},
    {Value::number(0x1.8p+1), "3.0"},
    {Value::number(-0x1.8p+1), "-3.0"},
    {Value::number(0x1.5555555555555p-2), "0.33333333333333"},
    {Value::number(0x1p+53), "9.007199254741e+15"},
    {Value::number(0x1p+53), "9.007199254741e+15"},
    {Value::number(0x1.6bcc41e9p+46), "1e+14"},
    {Value::number(0x1.c12218377de4p+46), "1.2345678901234e+14"},
    {Value::number(0x1.674e79c5fe5p+43), "12345678901234.0"},
    {Value::number(0x1.4f8b588e368f1p-17), "1e-05"},
    {Value::number(0x0.0000000000001p-1022), "4.9406564584125e-324"},
    {Value::number(0x1.fffffffffffffp+1023), "1.7976931348623e+308"},
    {Value::integer(9223372036854775807LL), "9223372036854775807"},
    {Value::integer(INT64_MIN), "-9223372036854775808"},
    {Value::integer(0LL), "0"},
    {Value::integer(-1LL), "-1"},
    {Value::number(0x1.9p+6), "100.0"},
    {Value::number(0x1.4p+1), "2.5"},
};

static const Value kCmpValues[] = {Value::integer(INT64_MIN),
                                   Value::integer(-9223372036854775807LL),
                                   Value::integer(-9007199254740992LL),
                                   Value::integer(-9007199254740993LL),
                                   Value::integer(-1LL),
                                   Value::integer(0LL),
                                   Value::integer(1LL),
                                   Value::integer(9007199254740992LL),
                                   Value::integer(9007199254740993LL),
                                   Value::integer(9223372036854775806LL),
                                   Value::integer(9223372036854775807LL),
                                   Value::number(-INFINITY),
                                   Value::number(-0x1p+63),
                                   Value::number(-0x1p+64),
                                   Value::number(-0x1p+53),
                                   Value::number(-0x1.0000000000001p+53),
                                   Value::number(-0x1.8p+0),
                                   Value::number(-0x0p+0),
                                   Value::number(0x0p+0),
                                   Value::number(0x1p-1),
                                   Value::number(0x1p+0),
                                   Value::number(0x1p+53),
                                   Value::number(0x1.0000000000001p+53),
                                   Value::number(0x1p+63),
                                   Value::number(0x1.fffffffffffffp+62),
                                   Value::number(0x1.158e460913dp+63),
                                   Value::number(INFINITY),
                                   Value::number(NAN)};
static const char* const kCmpExpected[] = {
    "011 110 110 110 110 110 110 110 110 110 110 000 011 000 110 110 110 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 011 110 110 110 110 110 110 110 110 110 000 000 000 110 110 110 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 011 000 110 110 110 110 110 110 110 000 000 000 011 000 110 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 110 011 110 110 110 110 110 110 110 000 000 000 110 000 110 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 011 110 110 110 110 110 110 000 000 000 000 000 000 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 011 110 110 110 110 110 000 000 000 000 000 000 011 011 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 000 011 110 110 110 110 000 000 000 000 000 000 000 000 000 011 110 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 000 000 011 110 110 110 000 000 000 000 000 000 000 000 000 000 011 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 000 000 000 011 110 110 000 000 000 000 000 000 000 000 000 000 000 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 000 000 000 000 011 110 000 000 000 000 000 000 000 000 000 000 000 000 "
    "110 000 110 110 000 ",
    "000 000 000 000 000 000 000 000 000 000 011 000 000 000 000 000 000 000 000 000 000 000 000 "
    "110 000 110 110 000 ",
    "110 110 110 110 110 110 110 110 110 110 110 011 110 110 110 110 110 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "011 110 110 110 110 110 110 110 110 110 110 000 011 000 110 110 110 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "110 110 110 110 110 110 110 110 110 110 110 000 110 011 110 110 110 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 011 000 110 110 110 110 110 110 110 000 000 000 011 000 110 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 110 110 110 110 110 110 110 110 110 000 000 000 110 011 110 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 110 110 110 110 110 110 110 000 000 000 000 000 011 110 110 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 011 110 110 110 110 110 000 000 000 000 000 000 011 011 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 011 110 110 110 110 110 000 000 000 000 000 000 011 011 110 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 000 110 110 110 110 110 000 000 000 000 000 000 000 000 011 110 110 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 000 011 110 110 110 110 000 000 000 000 000 000 000 000 000 011 110 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 000 000 011 110 110 110 000 000 000 000 000 000 000 000 000 000 011 110 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 000 000 000 000 110 110 000 000 000 000 000 000 000 000 000 000 000 011 "
    "110 110 110 110 000 ",
    "000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 "
    "011 000 110 110 000 ",
    "000 000 000 000 000 000 000 000 000 110 110 000 000 000 000 000 000 000 000 000 000 000 000 "
    "110 011 110 110 000 ",
    "000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 "
    "000 000 011 110 000 ",
    "000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 "
    "000 000 000 011 000 ",
    "000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 "
    "000 000 000 000 000 ",
};

static const ArithCase kArithCases[] = {
    {kOpAdd, Value::integer(7LL), Value::integer(3LL), "i:10"},
    {kOpSub, Value::integer(7LL), Value::integer(3LL), "i:4"},
    {kOpMul, Value::integer(7LL), Value::integer(3LL), "i:21"},
    {kOpMod, Value::integer(7LL), Value::integer(3LL), "i:1"},
    {kOpPow, Value::integer(7LL), Value::integer(3LL), "f:343"},
    {kOpDiv, Value::integer(7LL), Value::integer(3LL), "f:2.3333333333333335"},
    {kOpIDiv, Value::integer(7LL), Value::integer(3LL), "i:2"},
    {kOpBAnd, Value::integer(7LL), Value::integer(3LL), "i:3"},
    {kOpBOr, Value::integer(7LL), Value::integer(3LL), "i:7"},
    {kOpBXor, Value::integer(7LL), Value::integer(3LL), "i:4"},
    {kOpShl, Value::integer(7LL), Value::integer(3LL), "i:56"},
    {kOpShr, Value::integer(7LL), Value::integer(3LL), "i:0"},
    {kOpUnm, Value::integer(7LL), Value::integer(3LL), "i:-7"},
    {kOpBNot, Value::integer(7LL), Value::integer(3LL), "i:-8"},
    {kOpAdd, Value::integer(-7LL), Value::integer(3LL), "i:-4"},
    {kOpSub, Value::integer(-7LL), Value::integer(3LL), "i:-10"},
    {kOpMul, Value::integer(-7LL), Value::integer(3LL), "i:-21"},
    {kOpMod, Value::integer(-7LL), Value::integer(3LL), "i:2"},
    {kOpPow, Value::integer(-7LL), Value::integer(3LL), "f:-343"},
    {kOpDiv, Value::integer(-7LL), Value::integer(3LL), "f:-2.3333333333333335"},
    {kOpIDiv, Value::integer(-7LL), Value::integer(3LL), "i:-3"},
    {kOpBAnd, Value::integer(-7LL), Value::integer(3LL), "i:1"},
    {kOpBOr, Value::integer(-7LL), Value::integer(3LL), "i:-5"},
    {kOpBXor, Value::integer(-7LL), Value::integer(3LL), "i:-6"},
    {kOpShl, Value::integer(-7LL), Value::integer(3LL), "i:-56"},
    {kOpShr, Value::integer(-7LL), Value::integer(3LL), "i:2305843009213693951"},
    {kOpUnm, Value::integer(-7LL), Value::integer(3LL), "i:7"},
    {kOpBNot, Value::integer(-7LL), Value::integer(3LL), "i:6"},
    {kOpAdd, Value::integer(7LL), Value::integer(-3LL), "i:4"},
    {kOpSub, Value::integer(7LL), Value::integer(-3LL), "i:10"},
    {kOpMul, Value::integer(7LL), Value::integer(-3LL), "i:-21"},
    {kOpMod, Value::integer(7LL), Value::integer(-3LL), "i:-2"},
    {kOpPow, Value::integer(7LL), Value::integer(-3LL), "f:0.0029154518950437317"},
    {kOpDiv, Value::integer(7LL), Value::integer(-3LL), "f:-2.3333333333333335"},
    {kOpIDiv, Value::integer(7LL), Value::integer(-3LL), "i:-3"},
    {kOpBAnd, Value::integer(7LL), Value::integer(-3LL), "i:5"},
    {kOpBOr, Value::integer(7LL), Value::integer(-3LL), "i:-1"},
    {kOpBXor, Value::integer(7LL), Value::integer(-3LL), "i:-6"},
    {kOpShl, Value::integer(7LL), Value::integer(-3LL), "i:0"},
    {kOpShr, Value::integer(7LL), Value::integer(-3LL), "i:56"},
    {kOpUnm, Value::integer(7LL), Value::integer(-3LL), "i:-7"},
    {kOpBNot, Value::integer(7LL), Value::integer(-3LL), "i:-8"},
    {kOpAdd, Value::integer(-7LL), Value::integer(-3LL), "i:-10"},
    {kOpSub, Value::integer(-7LL), Value::integer(-3LL), "i:-4"},
    {kOpMul, Value::integer(-7LL), Value::integer(-3LL), "i:21"},
    {kOpMod, Value::integer(-7LL), Value::integer(-3LL), "i:-1"},
    {kOpPow, Value::integer(-7LL), Value::integer(-3LL), "f:-0.0029154518950437317"},
    {kOpDiv, Value::integer(-7LL), Value::integer(-3LL), "f:2.3333333333333335"},
    {kOpIDiv, Value::integer(-7LL), Value::integer(-3LL), "i:2"},
    {kOpBAnd, Value::integer(-7LL), Value::integer(-3LL), "i:-7"},
    {kOpBOr, Value::integer(-7LL), Value::integer(-3LL), "i:-3"},
    {kOpBXor, Value::integer(-7LL), Value::integer(-3LL), "i:4"},
    {kOpShl, Value::integer(-7LL), Value::integer(-3LL), "i:2305843009213693951"},
    {kOpShr, Value::integer(-7LL), Value::integer(-3LL), "i:-56"},
    {kOpUnm, Value::integer(-7LL), Value::integer(-3LL), "i:7"},
    {kOpBNot, Value::integer(-7LL), Value::integer(-3LL), "i:6"},
    {kOpAdd, Value::integer(INT64_MIN), Value::integer(-1LL), "i:9223372036854775807"},
    {kOpSub, Value::integer(INT64_MIN), Value::integer(-1LL), "i:-9223372036854775807"},
    {kOpMul, Value::integer(INT64_MIN), Value::integer(-1LL), "i:-9223372036854775808"},
    {kOpMod, Value::integer(INT64_MIN), Value::integer(-1LL), "i:0"},
    {kOpPow, Value::integer(INT64_MIN), Value::integer(-1LL), "f:-1.0842021724855044e-19"},
    {kOpDiv, Value::integer(INT64_MIN), Value::integer(-1LL), "f:9.2233720368547758e+18"},
    {kOpIDiv, Value::integer(INT64_MIN), Value::integer(-1LL), "i:-9223372036854775808"},
    {kOpBAnd, Value::integer(INT64_MIN), Value::integer(-1LL), "i:-9223372036854775808"},
    {kOpBOr, Value::integer(INT64_MIN), Value::integer(-1LL), "i:-1"},
    {kOpBXor, Value::integer(INT64_MIN), Value::integer(-1LL), "i:9223372036854775807"},
    {kOpShl, Value::integer(INT64_MIN), Value::integer(-1LL), "i:4611686018427387904"},
    {kOpShr, Value::integer(INT64_MIN), Value::integer(-1LL), "i:0"},
    {kOpUnm, Value::integer(INT64_MIN), Value::integer(-1LL), "i:-9223372036854775808"},
    {kOpBNot, Value::integer(INT64_MIN), Value::integer(-1LL), "i:9223372036854775807"},
    {kOpAdd, Value::integer(INT64_MIN), Value::integer(1LL), "i:-9223372036854775807"},
    {kOpSub, Value::integer(INT64_MIN), Value::integer(1LL), "i:9223372036854775807"},
    {kOpMul, Value::integer(INT64_MIN), Value::integer(1LL), "i:-9223372036854775808"},
    {kOpMod, Value::integer(INT64_MIN), Value::integer(1LL), "i:0"},
    {kOpPow, Value::integer(INT64_MIN), Value::integer(1LL), "f:-9.2233720368547758e+18"},
    {kOpDiv, Value::integer(INT64_MIN), Value::integer(1LL), "f:-9.2233720368547758e+18"},
    {kOpIDiv, Value::integer(INT64_MIN), Value::integer(1LL), "i:-9223372036854775808"},
    {kOpBAnd, Value::integer(INT64_MIN), Value::integer(1LL), "i:0"},
    {kOpBOr, Value::integer(INT64_MIN), Value::integer(1LL), "i:-9223372036854775807"},
    {kOpBXor, Value::integer(INT64_MIN), Value::integer(1LL), "i:-9223372036854775807"},
    {kOpShl, Value::integer(INT64_MIN), Value::integer(1LL), "i:0"},
    {kOpShr, Value::integer(INT64_MIN), Value::integer(1LL), "i:4611686018427387904"},
    {kOpUnm, Value::integer(INT64_MIN), Value::integer(1LL), "i:-9223372036854775808"},
    {kOpBNot, Value::integer(INT64_MIN), Value::integer(1LL), "i:9223372036854775807"},
    {kOpAdd, Value::integer(9223372036854775807LL), Value::integer(-1LL), "i:9223372036854775806"},
    {kOpSub, Value::integer(9223372036854775807LL), Value::integer(-1LL), "i:-9223372036854775808"},
    {kOpMul, Value::integer(9223372036854775807LL), Value::integer(-1LL), "i:-9223372036854775807"},
    {kOpMod, Value::integer(9223372036854775807LL), Value::integer(-1LL), "i:0"},
    {kOpPow, Value::integer(9223372036854775807LL), Value::integer(-1LL),
     "f:1.0842021724855044e-19"},
    {kOpDiv, Value::integer(9223372036854775807LL), Value::integer(-1LL),
     "f:-9.2233720368547758e+18"},
    {kOpIDiv, Value::integer(9223372036854775807LL), Value::integer(-1LL),
     "i:-9223372036854775807"},
    {kOpBAnd, Value::integer(9223372036854775807LL), Value::integer(-1LL), "i:9223372036854775807"},
    {kOpBOr, Value::integer(9223372036854775807LL), Value::integer(-1LL), "i:-1"},
    {kOpBXor, Value::integer(9223372036854775807LL), Value::integer(-1LL),
     "i:-9223372036854775808"},
    {kOpShl, Value::integer(9223372036854775807LL), Value::integer(-1LL), "i:4611686018427387903"},
    {kOpShr, Value::integer(9223372036854775807LL), Value::integer(-1LL), "i:-2"},
    {kOpUnm, Value::integer(9223372036854775807LL), Value::integer(-1LL), "i:-9223372036854775807"},
    {kOpBNot, Value::integer(9223372036854775807LL), Value::integer(-1LL),
     "i:-9223372036854775808"},
    {kOpAdd, Value::integer(0LL), Value::integer(5LL), "i:5"},
    {kOpSub, Value::integer(0LL), Value::integer(5LL), "i:-5"},
    {kOpMul, Value::integer(0LL), Value::integer(5LL), "i:0"},
    {kOpMod, Value::integer(0LL), Value::integer(5LL), "i:0"},
    {kOpPow, Value::integer(0LL), Value::integer(5LL), "f:0"},
    {kOpDiv, Value::integer(0LL), Value::integer(5LL), "f:0"},
    {kOpIDiv, Value::integer(0LL), Value::integer(5LL), "i:0"},
    {kOpBAnd, Value::integer(0LL), Value::integer(5LL), "i:0"},
    {kOpBOr, Value::integer(0LL), Value::integer(5LL), "i:5"},
    {kOpBXor, Value::integer(0LL), Value::integer(5LL), "i:5"},
    {kOpShl, Value::integer(0LL), Value::integer(5LL), "i:0"},
    {kOpShr, Value::integer(0LL), Value::integer(5LL), "i:0"},
    {kOpUnm, Value::integer(0LL), Value::integer(5LL), "i:0"},
    {kOpBNot, Value::integer(0LL), Value::integer(5LL), "i:-1"},
    {kOpAdd, Value::integer(5LL), Value::integer(INT64_MIN), "i:-9223372036854775803"},
    {kOpSub, Value::integer(5LL), Value::integer(INT64_MIN), "i:-9223372036854775803"},
    {kOpMul, Value::integer(5LL), Value::integer(INT64_MIN), "i:-9223372036854775808"},
    {kOpMod, Value::integer(5LL), Value::integer(INT64_MIN), "i:-9223372036854775803"},
    {kOpPow, Value::integer(5LL), Value::integer(INT64_MIN), "f:0"},
    {kOpDiv, Value::integer(5LL), Value::integer(INT64_MIN), "f:-5.4210108624275222e-19"},
    {kOpIDiv, Value::integer(5LL), Value::integer(INT64_MIN), "i:-1"},
    {kOpBAnd, Value::integer(5LL), Value::integer(INT64_MIN), "i:0"},
    {kOpBOr, Value::integer(5LL), Value::integer(INT64_MIN), "i:-9223372036854775803"},
    {kOpBXor, Value::integer(5LL), Value::integer(INT64_MIN), "i:-9223372036854775803"},
    {kOpShl, Value::integer(5LL), Value::integer(INT64_MIN), "i:0"},
    {kOpShr, Value::integer(5LL), Value::integer(INT64_MIN), "i:0"},
    {kOpUnm, Value::integer(5LL), Value::integer(INT64_MIN), "i:-5"},
    {kOpBNot, Value::integer(5LL), Value::integer(INT64_MIN), "i:-6"},
    {kOpAdd, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL), "i:-1"},
    {kOpSub, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL), "i:1"},
    {kOpMul, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL),
     "i:-9223372036854775808"},
    {kOpMod, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL),
     "i:9223372036854775806"},
    {kOpPow, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL), "f:inf"},
    {kOpDiv, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL), "f:-1"},
    {kOpIDiv, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL), "i:-2"},
    {kOpBAnd, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL), "i:0"},
    {kOpBOr, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL), "i:-1"},
    {kOpBXor, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL), "i:-1"},
    {kOpShl, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL), "i:0"},
    {kOpShr, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL), "i:0"},
    {kOpUnm, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL),
     "i:-9223372036854775808"},
    {kOpBNot, Value::integer(INT64_MIN), Value::integer(9223372036854775807LL),
     "i:9223372036854775807"},
    {kOpAdd, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL), "i:-2"},
    {kOpSub, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL), "i:0"},
    {kOpMul, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL), "i:1"},
    {kOpMod, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL), "i:0"},
    {kOpPow, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL), "f:inf"},
    {kOpDiv, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL), "f:1"},
    {kOpIDiv, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL), "i:1"},
    {kOpBAnd, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL),
     "i:9223372036854775807"},
    {kOpBOr, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL),
     "i:9223372036854775807"},
    {kOpBXor, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL), "i:0"},
    {kOpShl, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL), "i:0"},
    {kOpShr, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL), "i:0"},
    {kOpUnm, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL),
     "i:-9223372036854775807"},
    {kOpBNot, Value::integer(9223372036854775807LL), Value::integer(9223372036854775807LL),
     "i:-9223372036854775808"},
    {kOpAdd, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:-9223372036854775807"},
    {kOpSub, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:9223372036854775805"},
    {kOpMul, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:-2"},
    {kOpMod, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:1"},
    {kOpPow, Value::integer(9223372036854775807LL), Value::integer(2LL),
     "f:8.5070591730234616e+37"},
    {kOpDiv, Value::integer(9223372036854775807LL), Value::integer(2LL),
     "f:4.6116860184273879e+18"},
    {kOpIDiv, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:4611686018427387903"},
    {kOpBAnd, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:2"},
    {kOpBOr, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:9223372036854775807"},
    {kOpBXor, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:9223372036854775805"},
    {kOpShl, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:-4"},
    {kOpShr, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:2305843009213693951"},
    {kOpUnm, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:-9223372036854775807"},
    {kOpBNot, Value::integer(9223372036854775807LL), Value::integer(2LL), "i:-9223372036854775808"},
    {kOpAdd, Value::integer(1LL), Value::integer(63LL), "i:64"},
    {kOpSub, Value::integer(1LL), Value::integer(63LL), "i:-62"},
    {kOpMul, Value::integer(1LL), Value::integer(63LL), "i:63"},
    {kOpMod, Value::integer(1LL), Value::integer(63LL), "i:1"},
    {kOpPow, Value::integer(1LL), Value::integer(63LL), "f:1"},
    {kOpDiv, Value::integer(1LL), Value::integer(63LL), "f:0.015873015873015872"},
    {kOpIDiv, Value::integer(1LL), Value::integer(63LL), "i:0"},
    {kOpBAnd, Value::integer(1LL), Value::integer(63LL), "i:1"},
    {kOpBOr, Value::integer(1LL), Value::integer(63LL), "i:63"},
    {kOpBXor, Value::integer(1LL), Value::integer(63LL), "i:62"},
    {kOpShl, Value::integer(1LL), Value::integer(63LL), "i:-9223372036854775808"},
    {kOpShr, Value::integer(1LL), Value::integer(63LL), "i:0"},
    {kOpUnm, Value::integer(1LL), Value::integer(63LL), "i:-1"},
    {kOpBNot, Value::integer(1LL), Value::integer(63LL), "i:-2"},
    {kOpAdd, Value::integer(1LL), Value::integer(64LL), "i:65"},
    {kOpSub, Value::integer(1LL), Value::integer(64LL), "i:-63"},
    {kOpMul, Value::integer(1LL), Value::integer(64LL), "i:64"},
    {kOpMod, Value::integer(1LL), Value::integer(64LL), "i:1"},
    {kOpPow, Value::integer(1LL), Value::integer(64LL), "f:1"},
    {kOpDiv, Value::integer(1LL), Value::integer(64LL), "f:0.015625"},
    {kOpIDiv, Value::integer(1LL), Value::integer(64LL), "i:0"},
    {kOpBAnd, Value::integer(1LL), Value::integer(64LL), "i:0"},
    {kOpBOr, Value::integer(1LL), Value::integer(64LL), "i:65"},
    {kOpBXor, Value::integer(1LL), Value::integer(64LL), "i:65"},
    {kOpShl, Value::integer(1LL), Value::integer(64LL), "i:0"},
    {kOpShr, Value::integer(1LL), Value::integer(64LL), "i:0"},
    {kOpUnm, Value::integer(1LL), Value::integer(64LL), "i:-1"},
    {kOpBNot, Value::integer(1LL), Value::integer(64LL), "i:-2"},
    {kOpAdd, Value::integer(1LL), Value::integer(-1LL), "i:0"},
    {kOpSub, Value::integer(1LL), Value::integer(-1LL), "i:2"},
    {kOpMul, Value::integer(1LL), Value::integer(-1LL), "i:-1"},
    {kOpMod, Value::integer(1LL), Value::integer(-1LL), "i:0"},
    {kOpPow, Value::integer(1LL), Value::integer(-1LL), "f:1"},
    {kOpDiv, Value::integer(1LL), Value::integer(-1LL), "f:-1"},
    {kOpIDiv, Value::integer(1LL), Value::integer(-1LL), "i:-1"},
    {kOpBAnd, Value::integer(1LL), Value::integer(-1LL), "i:1"},
    {kOpBOr, Value::integer(1LL), Value::integer(-1LL), "i:-1"},
    {kOpBXor, Value::integer(1LL), Value::integer(-1LL), "i:-2"},
    {kOpShl, Value::integer(1LL), Value::integer(-1LL), "i:0"},
    {kOpShr, Value::integer(1LL), Value::integer(-1LL), "i:2"},
    {kOpUnm, Value::integer(1LL), Value::integer(-1LL), "i:-1"},
    {kOpBNot, Value::integer(1LL), Value::integer(-1LL), "i:-2"},
    {kOpAdd, Value::integer(-1LL), Value::integer(-1LL), "i:-2"},
    {kOpSub, Value::integer(-1LL), Value::integer(-1LL), "i:0"},
    {kOpMul, Value::integer(-1LL), Value::integer(-1LL), "i:1"},
    {kOpMod, Value::integer(-1LL), Value::integer(-1LL), "i:0"},
    {kOpPow, Value::integer(-1LL), Value::integer(-1LL), "f:-1"},
    {kOpDiv, Value::integer(-1LL), Value::integer(-1LL), "f:1"},
    {kOpIDiv, Value::integer(-1LL), Value::integer(-1LL), "i:1"},
    {kOpBAnd, Value::integer(-1LL), Value::integer(-1LL), "i:-1"},
    {kOpBOr, Value::integer(-1LL), Value::integer(-1LL), "i:-1"},
    {kOpBXor, Value::integer(-1LL), Value::integer(-1LL), "i:0"},
    {kOpShl, Value::integer(-1LL), Value::integer(-1LL), "i:9223372036854775807"},
    {kOpShr, Value::integer(-1LL), Value::integer(-1LL), "i:-2"},
    {kOpUnm, Value::integer(-1LL), Value::integer(-1LL), "i:1"},
    {kOpBNot, Value::integer(-1LL), Value::integer(-1LL), "i:0"},
    {kOpAdd, Value::integer(-1LL), Value::integer(-63LL), "i:-64"},
    {kOpSub, Value::integer(-1LL), Value::integer(-63LL), "i:62"},
    {kOpMul, Value::integer(-1LL), Value::integer(-63LL), "i:63"},
    {kOpMod, Value::integer(-1LL), Value::integer(-63LL), "i:-1"},
    {kOpPow, Value::integer(-1LL), Value::integer(-63LL), "f:-1"},
    {kOpDiv, Value::integer(-1LL), Value::integer(-63LL), "f:0.015873015873015872"},
    {kOpIDiv, Value::integer(-1LL), Value::integer(-63LL), "i:0"},
    {kOpBAnd, Value::integer(-1LL), Value::integer(-63LL), "i:-63"},
    {kOpBOr, Value::integer(-1LL), Value::integer(-63LL), "i:-1"},
    {kOpBXor, Value::integer(-1LL), Value::integer(-63LL), "i:62"},
    {kOpShl, Value::integer(-1LL), Value::integer(-63LL), "i:1"},
    {kOpShr, Value::integer(-1LL), Value::integer(-63LL), "i:-9223372036854775808"},
    {kOpUnm, Value::integer(-1LL), Value::integer(-63LL), "i:1"},
    {kOpBNot, Value::integer(-1LL), Value::integer(-63LL), "i:0"},
    {kOpAdd, Value::integer(-1LL), Value::integer(-64LL), "i:-65"},
    {kOpSub, Value::integer(-1LL), Value::integer(-64LL), "i:63"},
    {kOpMul, Value::integer(-1LL), Value::integer(-64LL), "i:64"},
    {kOpMod, Value::integer(-1LL), Value::integer(-64LL), "i:-1"},
    {kOpPow, Value::integer(-1LL), Value::integer(-64LL), "f:1"},
    {kOpDiv, Value::integer(-1LL), Value::integer(-64LL), "f:0.015625"},
    {kOpIDiv, Value::integer(-1LL), Value::integer(-64LL), "i:0"},
    {kOpBAnd, Value::integer(-1LL), Value::integer(-64LL), "i:-64"},
    {kOpBOr, Value::integer(-1LL), Value::integer(-64LL), "i:-1"},
    {kOpBXor, Value::integer(-1LL), Value::integer(-64LL), "i:63"},
    {kOpShl, Value::integer(-1LL), Value::integer(-64LL), "i:0"},
    {kOpShr, Value::integer(-1LL), Value::integer(-64LL), "i:0"},
    {kOpUnm, Value::integer(-1LL), Value::integer(-64LL), "i:1"},
    {kOpBNot, Value::integer(-1LL), Value::integer(-64LL), "i:0"},
    {kOpAdd, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:-9223372036854775804"},
    {kOpSub, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:-9223372036854775802"},
    {kOpMul, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:9223372036854775803"},
    {kOpMod, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:5"},
    {kOpPow, Value::integer(5LL), Value::integer(9223372036854775807LL), "f:inf"},
    {kOpDiv, Value::integer(5LL), Value::integer(9223372036854775807LL),
     "f:5.4210108624275222e-19"},
    {kOpIDiv, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:0"},
    {kOpBAnd, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:5"},
    {kOpBOr, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:9223372036854775807"},
    {kOpBXor, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:9223372036854775802"},
    {kOpShl, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:0"},
    {kOpShr, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:0"},
    {kOpUnm, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:-5"},
    {kOpBNot, Value::integer(5LL), Value::integer(9223372036854775807LL), "i:-6"},
    {kOpAdd, Value::integer(-5LL), Value::integer(INT64_MIN), "i:9223372036854775803"},
    {kOpSub, Value::integer(-5LL), Value::integer(INT64_MIN), "i:9223372036854775803"},
    {kOpMul, Value::integer(-5LL), Value::integer(INT64_MIN), "i:-9223372036854775808"},
    {kOpMod, Value::integer(-5LL), Value::integer(INT64_MIN), "i:-5"},
    {kOpPow, Value::integer(-5LL), Value::integer(INT64_MIN), "f:0"},
    {kOpDiv, Value::integer(-5LL), Value::integer(INT64_MIN), "f:5.4210108624275222e-19"},
    {kOpIDiv, Value::integer(-5LL), Value::integer(INT64_MIN), "i:0"},
    {kOpBAnd, Value::integer(-5LL), Value::integer(INT64_MIN), "i:-9223372036854775808"},
    {kOpBOr, Value::integer(-5LL), Value::integer(INT64_MIN), "i:-5"},
    {kOpBXor, Value::integer(-5LL), Value::integer(INT64_MIN), "i:9223372036854775803"},
    {kOpShl, Value::integer(-5LL), Value::integer(INT64_MIN), "i:0"},
    {kOpShr, Value::integer(-5LL), Value::integer(INT64_MIN), "i:0"},
    {kOpUnm, Value::integer(-5LL), Value::integer(INT64_MIN), "i:5"},
    {kOpBNot, Value::integer(-5LL), Value::integer(INT64_MIN), "i:4"},
    {kOpAdd, Value::number(0x1.6p+2), Value::integer(2LL), "f:7.5"},
    {kOpSub, Value::number(0x1.6p+2), Value::integer(2LL), "f:3.5"},
    {kOpMul, Value::number(0x1.6p+2), Value::integer(2LL), "f:11"},
    {kOpMod, Value::number(0x1.6p+2), Value::integer(2LL), "f:1.5"},
    {kOpPow, Value::number(0x1.6p+2), Value::integer(2LL), "f:30.25"},
    {kOpDiv, Value::number(0x1.6p+2), Value::integer(2LL), "f:2.75"},
    {kOpIDiv, Value::number(0x1.6p+2), Value::integer(2LL), "f:2"},
    {kOpBAnd, Value::number(0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpBOr, Value::number(0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpBXor, Value::number(0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpShl, Value::number(0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpShr, Value::number(0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpUnm, Value::number(0x1.6p+2), Value::integer(2LL), "f:-5.5"},
    {kOpBNot, Value::number(0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpAdd, Value::number(-0x1.6p+2), Value::integer(2LL), "f:-3.5"},
    {kOpSub, Value::number(-0x1.6p+2), Value::integer(2LL), "f:-7.5"},
    {kOpMul, Value::number(-0x1.6p+2), Value::integer(2LL), "f:-11"},
    {kOpMod, Value::number(-0x1.6p+2), Value::integer(2LL), "f:0.5"},
    {kOpPow, Value::number(-0x1.6p+2), Value::integer(2LL), "f:30.25"},
    {kOpDiv, Value::number(-0x1.6p+2), Value::integer(2LL), "f:-2.75"},
    {kOpIDiv, Value::number(-0x1.6p+2), Value::integer(2LL), "f:-3"},
    {kOpBAnd, Value::number(-0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpBOr, Value::number(-0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpBXor, Value::number(-0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpShl, Value::number(-0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpShr, Value::number(-0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpUnm, Value::number(-0x1.6p+2), Value::integer(2LL), "f:5.5"},
    {kOpBNot, Value::number(-0x1.6p+2), Value::integer(2LL), "fail"},
    {kOpAdd, Value::number(0x1.6p+2), Value::integer(-2LL), "f:3.5"},
    {kOpSub, Value::number(0x1.6p+2), Value::integer(-2LL), "f:7.5"},
    {kOpMul, Value::number(0x1.6p+2), Value::integer(-2LL), "f:-11"},
    {kOpMod, Value::number(0x1.6p+2), Value::integer(-2LL), "f:-0.5"},
    {kOpPow, Value::number(0x1.6p+2), Value::integer(-2LL), "f:0.033057851239669422"},
    {kOpDiv, Value::number(0x1.6p+2), Value::integer(-2LL), "f:-2.75"},
    {kOpIDiv, Value::number(0x1.6p+2), Value::integer(-2LL), "f:-3"},
    {kOpBAnd, Value::number(0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpBOr, Value::number(0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpBXor, Value::number(0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpShl, Value::number(0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpShr, Value::number(0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpUnm, Value::number(0x1.6p+2), Value::integer(-2LL), "f:-5.5"},
    {kOpBNot, Value::number(0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpAdd, Value::number(-0x1.6p+2), Value::integer(-2LL), "f:-7.5"},
    {kOpSub, Value::number(-0x1.6p+2), Value::integer(-2LL), "f:-3.5"},
    {kOpMul, Value::number(-0x1.6p+2), Value::integer(-2LL), "f:11"},
    {kOpMod, Value::number(-0x1.6p+2), Value::integer(-2LL), "f:-1.5"},
    {kOpPow, Value::number(-0x1.6p+2), Value::integer(-2LL), "f:0.033057851239669422"},
    {kOpDiv, Value::number(-0x1.6p+2), Value::integer(-2LL), "f:2.75"},
    {kOpIDiv, Value::number(-0x1.6p+2), Value::integer(-2LL), "f:2"},
    {kOpBAnd, Value::number(-0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpBOr, Value::number(-0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpBXor, Value::number(-0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpShl, Value::number(-0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpShr, Value::number(-0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpUnm, Value::number(-0x1.6p+2), Value::integer(-2LL), "f:5.5"},
    {kOpBNot, Value::number(-0x1.6p+2), Value::integer(-2LL), "fail"},
    {kOpAdd, Value::integer(1LL), Value::number(INFINITY), "f:inf"},
    {kOpSub, Value::integer(1LL), Value::number(INFINITY), "f:-inf"},
    {kOpMul, Value::integer(1LL), Value::number(INFINITY), "f:inf"},
    {kOpMod, Value::integer(1LL), Value::number(INFINITY), "f:1"},
    {kOpPow, Value::integer(1LL), Value::number(INFINITY), "f:1"},
    {kOpDiv, Value::integer(1LL), Value::number(INFINITY), "f:0"},
    {kOpIDiv, Value::integer(1LL), Value::number(INFINITY), "f:0"},
    {kOpBAnd, Value::integer(1LL), Value::number(INFINITY), "fail"},
    {kOpBOr, Value::integer(1LL), Value::number(INFINITY), "fail"},
    {kOpBXor, Value::integer(1LL), Value::number(INFINITY), "fail"},
    {kOpShl, Value::integer(1LL), Value::number(INFINITY), "fail"},
    {kOpShr, Value::integer(1LL), Value::number(INFINITY), "fail"},
    {kOpUnm, Value::integer(1LL), Value::number(INFINITY), "i:-1"},
    {kOpBNot, Value::integer(1LL), Value::number(INFINITY), "i:-2"},
    {kOpAdd, Value::integer(-1LL), Value::number(INFINITY), "f:inf"},
    {kOpSub, Value::integer(-1LL), Value::number(INFINITY), "f:-inf"},
    {kOpMul, Value::integer(-1LL), Value::number(INFINITY), "f:-inf"},
    {kOpMod, Value::integer(-1LL), Value::number(INFINITY), "f:inf"},
    {kOpPow, Value::integer(-1LL), Value::number(INFINITY), "f:1"},
    {kOpDiv, Value::integer(-1LL), Value::number(INFINITY), "f:-0"},
    {kOpIDiv, Value::integer(-1LL), Value::number(INFINITY), "f:-0"},
    {kOpBAnd, Value::integer(-1LL), Value::number(INFINITY), "fail"},
    {kOpBOr, Value::integer(-1LL), Value::number(INFINITY), "fail"},
    {kOpBXor, Value::integer(-1LL), Value::number(INFINITY), "fail"},
    {kOpShl, Value::integer(-1LL), Value::number(INFINITY), "fail"},
    {kOpShr, Value::integer(-1LL), Value::number(INFINITY), "fail"},
    {kOpUnm, Value::integer(-1LL), Value::number(INFINITY), "i:1"},
    {kOpBNot, Value::integer(-1LL), Value::number(INFINITY), "i:0"},
    {kOpAdd, Value::integer(1LL), Value::number(-INFINITY), "f:-inf"},
    {kOpSub, Value::integer(1LL), Value::number(-INFINITY), "f:inf"},
    {kOpMul, Value::integer(1LL), Value::number(-INFINITY), "f:-inf"},
    {kOpMod, Value::integer(1LL), Value::number(-INFINITY), "f:-inf"},
    {kOpPow, Value::integer(1LL), Value::number(-INFINITY), "f:1"},
    {kOpDiv, Value::integer(1LL), Value::number(-INFINITY), "f:-0"},
    {kOpIDiv, Value::integer(1LL), Value::number(-INFINITY), "f:-0"},
    {kOpBAnd, Value::integer(1LL), Value::number(-INFINITY), "fail"},
    {kOpBOr, Value::integer(1LL), Value::number(-INFINITY), "fail"},
    {kOpBXor, Value::integer(1LL), Value::number(-INFINITY), "fail"},
    {kOpShl, Value::integer(1LL), Value::number(-INFINITY), "fail"},
    {kOpShr, Value::integer(1LL), Value::number(-INFINITY), "fail"},
    {kOpUnm, Value::integer(1LL), Value::number(-INFINITY), "i:-1"},
    {kOpBNot, Value::integer(1LL), Value::number(-INFINITY), "i:-2"},
    {kOpAdd, Value::number(INFINITY), Value::integer(1LL), "f:inf"},
    {kOpSub, Value::number(INFINITY), Value::integer(1LL), "f:inf"},
    {kOpMul, Value::number(INFINITY), Value::integer(1LL), "f:inf"},
    {kOpMod, Value::number(INFINITY), Value::integer(1LL), "f:-nan"},
    {kOpPow, Value::number(INFINITY), Value::integer(1LL), "f:inf"},
    {kOpDiv, Value::number(INFINITY), Value::integer(1LL), "f:inf"},
    {kOpIDiv, Value::number(INFINITY), Value::integer(1LL), "f:inf"},
    {kOpBAnd, Value::number(INFINITY), Value::integer(1LL), "fail"},
    {kOpBOr, Value::number(INFINITY), Value::integer(1LL), "fail"},
    {kOpBXor, Value::number(INFINITY), Value::integer(1LL), "fail"},
    {kOpShl, Value::number(INFINITY), Value::integer(1LL), "fail"},
    {kOpShr, Value::number(INFINITY), Value::integer(1LL), "fail"},
    {kOpUnm, Value::number(INFINITY), Value::integer(1LL), "f:-inf"},
    {kOpBNot, Value::number(INFINITY), Value::integer(1LL), "fail"},
    {kOpAdd, Value::number(-0x0p+0), Value::integer(1LL), "f:1"},
    {kOpSub, Value::number(-0x0p+0), Value::integer(1LL), "f:-1"},
    {kOpMul, Value::number(-0x0p+0), Value::integer(1LL), "f:-0"},
    {kOpMod, Value::number(-0x0p+0), Value::integer(1LL), "f:-0"},
    {kOpPow, Value::number(-0x0p+0), Value::integer(1LL), "f:-0"},
    {kOpDiv, Value::number(-0x0p+0), Value::integer(1LL), "f:-0"},
    {kOpIDiv, Value::number(-0x0p+0), Value::integer(1LL), "f:-0"},
    {kOpBAnd, Value::number(-0x0p+0), Value::integer(1LL), "i:0"},
    {kOpBOr, Value::number(-0x0p+0), Value::integer(1LL), "i:1"},
    {kOpBXor, Value::number(-0x0p+0), Value::integer(1LL), "i:1"},
    {kOpShl, Value::number(-0x0p+0), Value::integer(1LL), "i:0"},
    {kOpShr, Value::number(-0x0p+0), Value::integer(1LL), "i:0"},
    {kOpUnm, Value::number(-0x0p+0), Value::integer(1LL), "f:0"},
    {kOpBNot, Value::number(-0x0p+0), Value::integer(1LL), "i:-1"},
    {kOpAdd, Value::number(0x1.cp+2), Value::integer(2LL), "f:9"},
    {kOpSub, Value::number(0x1.cp+2), Value::integer(2LL), "f:5"},
    {kOpMul, Value::number(0x1.cp+2), Value::integer(2LL), "f:14"},
    {kOpMod, Value::number(0x1.cp+2), Value::integer(2LL), "f:1"},
    {kOpPow, Value::number(0x1.cp+2), Value::integer(2LL), "f:49"},
    {kOpDiv, Value::number(0x1.cp+2), Value::integer(2LL), "f:3.5"},
    {kOpIDiv, Value::number(0x1.cp+2), Value::integer(2LL), "f:3"},
    {kOpBAnd, Value::number(0x1.cp+2), Value::integer(2LL), "i:2"},
    {kOpBOr, Value::number(0x1.cp+2), Value::integer(2LL), "i:7"},
    {kOpBXor, Value::number(0x1.cp+2), Value::integer(2LL), "i:5"},
    {kOpShl, Value::number(0x1.cp+2), Value::integer(2LL), "i:28"},
    {kOpShr, Value::number(0x1.cp+2), Value::integer(2LL), "i:1"},
    {kOpUnm, Value::number(0x1.cp+2), Value::integer(2LL), "f:-7"},
    {kOpBNot, Value::number(0x1.cp+2), Value::integer(2LL), "i:-8"},
    {kOpAdd, Value::integer(-7LL), Value::number(0x1p+1), "f:-5"},
    {kOpSub, Value::integer(-7LL), Value::number(0x1p+1), "f:-9"},
    {kOpMul, Value::integer(-7LL), Value::number(0x1p+1), "f:-14"},
    {kOpMod, Value::integer(-7LL), Value::number(0x1p+1), "f:1"},
    {kOpPow, Value::integer(-7LL), Value::number(0x1p+1), "f:49"},
    {kOpDiv, Value::integer(-7LL), Value::number(0x1p+1), "f:-3.5"},
    {kOpIDiv, Value::integer(-7LL), Value::number(0x1p+1), "f:-4"},
    {kOpBAnd, Value::integer(-7LL), Value::number(0x1p+1), "i:0"},
    {kOpBOr, Value::integer(-7LL), Value::number(0x1p+1), "i:-5"},
    {kOpBXor, Value::integer(-7LL), Value::number(0x1p+1), "i:-5"},
    {kOpShl, Value::integer(-7LL), Value::number(0x1p+1), "i:-28"},
    {kOpShr, Value::integer(-7LL), Value::number(0x1p+1), "i:4611686018427387902"},
    {kOpUnm, Value::integer(-7LL), Value::number(0x1p+1), "i:7"},
    {kOpBNot, Value::integer(-7LL), Value::number(0x1p+1), "i:6"},
    {kOpAdd, Value::number(0x1p+0), Value::integer(0LL), "f:1"},
    {kOpSub, Value::number(0x1p+0), Value::integer(0LL), "f:1"},
    {kOpMul, Value::number(0x1p+0), Value::integer(0LL), "f:0"},
    {kOpMod, Value::number(0x1p+0), Value::integer(0LL), "f:-nan"},
    {kOpPow, Value::number(0x1p+0), Value::integer(0LL), "f:1"},
    {kOpDiv, Value::number(0x1p+0), Value::integer(0LL), "f:inf"},
    {kOpIDiv, Value::number(0x1p+0), Value::integer(0LL), "f:inf"},
    {kOpBAnd, Value::number(0x1p+0), Value::integer(0LL), "i:0"},
    {kOpBOr, Value::number(0x1p+0), Value::integer(0LL), "i:1"},
    {kOpBXor, Value::number(0x1p+0), Value::integer(0LL), "i:1"},
    {kOpShl, Value::number(0x1p+0), Value::integer(0LL), "i:1"},
    {kOpShr, Value::number(0x1p+0), Value::integer(0LL), "i:1"},
    {kOpUnm, Value::number(0x1p+0), Value::integer(0LL), "f:-1"},
    {kOpBNot, Value::number(0x1p+0), Value::integer(0LL), "i:-2"},
    {kOpAdd, Value::integer(-1LL), Value::number(0x0p+0), "f:-1"},
    {kOpSub, Value::integer(-1LL), Value::number(0x0p+0), "f:-1"},
    {kOpMul, Value::integer(-1LL), Value::number(0x0p+0), "f:-0"},
    {kOpMod, Value::integer(-1LL), Value::number(0x0p+0), "f:-nan"},
    {kOpPow, Value::integer(-1LL), Value::number(0x0p+0), "f:1"},
    {kOpDiv, Value::integer(-1LL), Value::number(0x0p+0), "f:-inf"},
    {kOpIDiv, Value::integer(-1LL), Value::number(0x0p+0), "f:-inf"},
    {kOpBAnd, Value::integer(-1LL), Value::number(0x0p+0), "i:0"},
    {kOpBOr, Value::integer(-1LL), Value::number(0x0p+0), "i:-1"},
    {kOpBXor, Value::integer(-1LL), Value::number(0x0p+0), "i:-1"},
    {kOpShl, Value::integer(-1LL), Value::number(0x0p+0), "i:-1"},
    {kOpShr, Value::integer(-1LL), Value::number(0x0p+0), "i:-1"},
    {kOpUnm, Value::integer(-1LL), Value::number(0x0p+0), "i:1"},
    {kOpBNot, Value::integer(-1LL), Value::number(0x0p+0), "i:0"},
    {kOpAdd, Value::number(0x0p+0), Value::integer(0LL), "f:0"},
    {kOpSub, Value::number(0x0p+0), Value::integer(0LL), "f:0"},
    {kOpMul, Value::number(0x0p+0), Value::integer(0LL), "f:0"},
    {kOpMod, Value::number(0x0p+0), Value::integer(0LL), "f:-nan"},
    {kOpPow, Value::number(0x0p+0), Value::integer(0LL), "f:1"},
    {kOpDiv, Value::number(0x0p+0), Value::integer(0LL), "f:-nan"},
    {kOpIDiv, Value::number(0x0p+0), Value::integer(0LL), "f:-nan"},
    {kOpBAnd, Value::number(0x0p+0), Value::integer(0LL), "i:0"},
    {kOpBOr, Value::number(0x0p+0), Value::integer(0LL), "i:0"},
    {kOpBXor, Value::number(0x0p+0), Value::integer(0LL), "i:0"},
    {kOpShl, Value::number(0x0p+0), Value::integer(0LL), "i:0"},
    {kOpShr, Value::number(0x0p+0), Value::integer(0LL), "i:0"},
    {kOpUnm, Value::number(0x0p+0), Value::integer(0LL), "f:-0"},
    {kOpBNot, Value::number(0x0p+0), Value::integer(0LL), "i:-1"},
    {kOpAdd, Value::number(0x1.8p+1), Value::integer(1LL), "f:4"},
    {kOpSub, Value::number(0x1.8p+1), Value::integer(1LL), "f:2"},
    {kOpMul, Value::number(0x1.8p+1), Value::integer(1LL), "f:3"},
    {kOpMod, Value::number(0x1.8p+1), Value::integer(1LL), "f:0"},
    {kOpPow, Value::number(0x1.8p+1), Value::integer(1LL), "f:3"},
    {kOpDiv, Value::number(0x1.8p+1), Value::integer(1LL), "f:3"},
    {kOpIDiv, Value::number(0x1.8p+1), Value::integer(1LL), "f:3"},
    {kOpBAnd, Value::number(0x1.8p+1), Value::integer(1LL), "i:1"},
    {kOpBOr, Value::number(0x1.8p+1), Value::integer(1LL), "i:3"},
    {kOpBXor, Value::number(0x1.8p+1), Value::integer(1LL), "i:2"},
    {kOpShl, Value::number(0x1.8p+1), Value::integer(1LL), "i:6"},
    {kOpShr, Value::number(0x1.8p+1), Value::integer(1LL), "i:1"},
    {kOpUnm, Value::number(0x1.8p+1), Value::integer(1LL), "f:-3"},
    {kOpBNot, Value::number(0x1.8p+1), Value::integer(1LL), "i:-4"},
    {kOpAdd, Value::number(0x1.cp+1), Value::integer(1LL), "f:4.5"},
    {kOpSub, Value::number(0x1.cp+1), Value::integer(1LL), "f:2.5"},
    {kOpMul, Value::number(0x1.cp+1), Value::integer(1LL), "f:3.5"},
    {kOpMod, Value::number(0x1.cp+1), Value::integer(1LL), "f:0.5"},
    {kOpPow, Value::number(0x1.cp+1), Value::integer(1LL), "f:3.5"},
    {kOpDiv, Value::number(0x1.cp+1), Value::integer(1LL), "f:3.5"},
    {kOpIDiv, Value::number(0x1.cp+1), Value::integer(1LL), "f:3"},
    {kOpBAnd, Value::number(0x1.cp+1), Value::integer(1LL), "fail"},
    {kOpBOr, Value::number(0x1.cp+1), Value::integer(1LL), "fail"},
    {kOpBXor, Value::number(0x1.cp+1), Value::integer(1LL), "fail"},
    {kOpShl, Value::number(0x1.cp+1), Value::integer(1LL), "fail"},
    {kOpShr, Value::number(0x1.cp+1), Value::integer(1LL), "fail"},
    {kOpUnm, Value::number(0x1.cp+1), Value::integer(1LL), "f:-3.5"},
    {kOpBNot, Value::number(0x1.cp+1), Value::integer(1LL), "fail"},
    {kOpAdd, Value::number(0x1p+63), Value::integer(1LL), "f:9.2233720368547758e+18"},
    {kOpSub, Value::number(0x1p+63), Value::integer(1LL), "f:9.2233720368547758e+18"},
    {kOpMul, Value::number(0x1p+63), Value::integer(1LL), "f:9.2233720368547758e+18"},
    {kOpMod, Value::number(0x1p+63), Value::integer(1LL), "f:0"},
    {kOpPow, Value::number(0x1p+63), Value::integer(1LL), "f:9.2233720368547758e+18"},
    {kOpDiv, Value::number(0x1p+63), Value::integer(1LL), "f:9.2233720368547758e+18"},
    {kOpIDiv, Value::number(0x1p+63), Value::integer(1LL), "f:9.2233720368547758e+18"},
    {kOpBAnd, Value::number(0x1p+63), Value::integer(1LL), "fail"},
    {kOpBOr, Value::number(0x1p+63), Value::integer(1LL), "fail"},
    {kOpBXor, Value::number(0x1p+63), Value::integer(1LL), "fail"},
    {kOpShl, Value::number(0x1p+63), Value::integer(1LL), "fail"},
    {kOpShr, Value::number(0x1p+63), Value::integer(1LL), "fail"},
    {kOpUnm, Value::number(0x1p+63), Value::integer(1LL), "f:-9.2233720368547758e+18"},
    {kOpBNot, Value::number(0x1p+63), Value::integer(1LL), "fail"},
    {kOpAdd, Value::number(-0x1p+63), Value::integer(1LL), "f:-9.2233720368547758e+18"},
    {kOpSub, Value::number(-0x1p+63), Value::integer(1LL), "f:-9.2233720368547758e+18"},
    {kOpMul, Value::number(-0x1p+63), Value::integer(1LL), "f:-9.2233720368547758e+18"},
    {kOpMod, Value::number(-0x1p+63), Value::integer(1LL), "f:-0"},
    {kOpPow, Value::number(-0x1p+63), Value::integer(1LL), "f:-9.2233720368547758e+18"},
    {kOpDiv, Value::number(-0x1p+63), Value::integer(1LL), "f:-9.2233720368547758e+18"},
    {kOpIDiv, Value::number(-0x1p+63), Value::integer(1LL), "f:-9.2233720368547758e+18"},
    {kOpBAnd, Value::number(-0x1p+63), Value::integer(1LL), "i:0"},
    {kOpBOr, Value::number(-0x1p+63), Value::integer(1LL), "i:-9223372036854775807"},
    {kOpBXor, Value::number(-0x1p+63), Value::integer(1LL), "i:-9223372036854775807"},
    {kOpShl, Value::number(-0x1p+63), Value::integer(1LL), "i:0"},
    {kOpShr, Value::number(-0x1p+63), Value::integer(1LL), "i:4611686018427387904"},
    {kOpUnm, Value::number(-0x1p+63), Value::integer(1LL), "f:9.2233720368547758e+18"},
    {kOpBNot, Value::number(-0x1p+63), Value::integer(1LL), "i:9223372036854775807"},
    {kOpAdd, Value::integer(2LL), Value::number(0x1p-1), "f:2.5"},
    {kOpSub, Value::integer(2LL), Value::number(0x1p-1), "f:1.5"},
    {kOpMul, Value::integer(2LL), Value::number(0x1p-1), "f:1"},
    {kOpMod, Value::integer(2LL), Value::number(0x1p-1), "f:0"},
    {kOpPow, Value::integer(2LL), Value::number(0x1p-1), "f:1.4142135623730951"},
    {kOpDiv, Value::integer(2LL), Value::number(0x1p-1), "f:4"},
    {kOpIDiv, Value::integer(2LL), Value::number(0x1p-1), "f:4"},
    {kOpBAnd, Value::integer(2LL), Value::number(0x1p-1), "fail"},
    {kOpBOr, Value::integer(2LL), Value::number(0x1p-1), "fail"},
    {kOpBXor, Value::integer(2LL), Value::number(0x1p-1), "fail"},
    {kOpShl, Value::integer(2LL), Value::number(0x1p-1), "fail"},
    {kOpShr, Value::integer(2LL), Value::number(0x1p-1), "fail"},
    {kOpUnm, Value::integer(2LL), Value::number(0x1p-1), "i:-2"},
    {kOpBNot, Value::integer(2LL), Value::number(0x1p-1), "i:-3"},
    {kOpAdd, Value::number(0x1p+1), Value::integer(2LL), "f:4"},
    {kOpSub, Value::number(0x1p+1), Value::integer(2LL), "f:0"},
    {kOpMul, Value::number(0x1p+1), Value::integer(2LL), "f:4"},
    {kOpMod, Value::number(0x1p+1), Value::integer(2LL), "f:0"},
    {kOpPow, Value::number(0x1p+1), Value::integer(2LL), "f:4"},
    {kOpDiv, Value::number(0x1p+1), Value::integer(2LL), "f:1"},
    {kOpIDiv, Value::number(0x1p+1), Value::integer(2LL), "f:1"},
    {kOpBAnd, Value::number(0x1p+1), Value::integer(2LL), "i:2"},
    {kOpBOr, Value::number(0x1p+1), Value::integer(2LL), "i:2"},
    {kOpBXor, Value::number(0x1p+1), Value::integer(2LL), "i:0"},
    {kOpShl, Value::number(0x1p+1), Value::integer(2LL), "i:8"},
    {kOpShr, Value::number(0x1p+1), Value::integer(2LL), "i:0"},
    {kOpUnm, Value::number(0x1p+1), Value::integer(2LL), "f:-2"},
    {kOpBNot, Value::number(0x1p+1), Value::integer(2LL), "i:-3"},
    {kOpAdd, Value::integer(-2LL), Value::integer(2LL), "i:0"},
    {kOpSub, Value::integer(-2LL), Value::integer(2LL), "i:-4"},
    {kOpMul, Value::integer(-2LL), Value::integer(2LL), "i:-4"},
    {kOpMod, Value::integer(-2LL), Value::integer(2LL), "i:0"},
    {kOpPow, Value::integer(-2LL), Value::integer(2LL), "f:4"},
    {kOpDiv, Value::integer(-2LL), Value::integer(2LL), "f:-1"},
    {kOpIDiv, Value::integer(-2LL), Value::integer(2LL), "i:-1"},
    {kOpBAnd, Value::integer(-2LL), Value::integer(2LL), "i:2"},
    {kOpBOr, Value::integer(-2LL), Value::integer(2LL), "i:-2"},
    {kOpBXor, Value::integer(-2LL), Value::integer(2LL), "i:-4"},
    {kOpShl, Value::integer(-2LL), Value::integer(2LL), "i:-8"},
    {kOpShr, Value::integer(-2LL), Value::integer(2LL), "i:4611686018427387903"},
    {kOpUnm, Value::integer(-2LL), Value::integer(2LL), "i:2"},
    {kOpBNot, Value::integer(-2LL), Value::integer(2LL), "i:1"},
    {kOpAdd, Value::integer(INT64_MIN), Value::number(-0x1p+0), "f:-9.2233720368547758e+18"},
    {kOpSub, Value::integer(INT64_MIN), Value::number(-0x1p+0), "f:-9.2233720368547758e+18"},
    {kOpMul, Value::integer(INT64_MIN), Value::number(-0x1p+0), "f:9.2233720368547758e+18"},
    {kOpMod, Value::integer(INT64_MIN), Value::number(-0x1p+0), "f:-0"},
    {kOpPow, Value::integer(INT64_MIN), Value::number(-0x1p+0), "f:-1.0842021724855044e-19"},
    {kOpDiv, Value::integer(INT64_MIN), Value::number(-0x1p+0), "f:9.2233720368547758e+18"},
    {kOpIDiv, Value::integer(INT64_MIN), Value::number(-0x1p+0), "f:9.2233720368547758e+18"},
    {kOpBAnd, Value::integer(INT64_MIN), Value::number(-0x1p+0), "i:-9223372036854775808"},
    {kOpBOr, Value::integer(INT64_MIN), Value::number(-0x1p+0), "i:-1"},
    {kOpBXor, Value::integer(INT64_MIN), Value::number(-0x1p+0), "i:9223372036854775807"},
    {kOpShl, Value::integer(INT64_MIN), Value::number(-0x1p+0), "i:4611686018427387904"},
    {kOpShr, Value::integer(INT64_MIN), Value::number(-0x1p+0), "i:0"},
    {kOpUnm, Value::integer(INT64_MIN), Value::number(-0x1p+0), "i:-9223372036854775808"},
    {kOpBNot, Value::integer(INT64_MIN), Value::number(-0x1p+0), "i:9223372036854775807"},
    {kOpAdd, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4),
     "f:0.40000000000000002"},
    {kOpSub, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4),
     "f:0.19999999999999998"},
    {kOpMul, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4),
     "f:0.029999999999999999"},
    {kOpMod, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4),
     "f:0.099999999999999978"},
    {kOpPow, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4),
     "f:0.88656815056521332"},
    {kOpDiv, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4),
     "f:2.9999999999999996"},
    {kOpIDiv, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4), "f:2"},
    {kOpBAnd, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4), "fail"},
    {kOpBOr, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4), "fail"},
    {kOpBXor, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4), "fail"},
    {kOpShl, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4), "fail"},
    {kOpShr, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4), "fail"},
    {kOpUnm, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4),
     "f:-0.29999999999999999"},
    {kOpBNot, Value::number(0x1.3333333333333p-2), Value::number(0x1.999999999999ap-4), "fail"},
    {kOpAdd, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "f:1e+308"},
    {kOpSub, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "f:1e+308"},
    {kOpMul, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "f:inf"},
    {kOpMod, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "f:6"},
    {kOpPow, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "f:inf"},
    {kOpDiv, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL),
     "f:9.9999999999999999e+306"},
    {kOpIDiv, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL),
     "f:9.9999999999999999e+306"},
    {kOpBAnd, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "fail"},
    {kOpBOr, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "fail"},
    {kOpBXor, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "fail"},
    {kOpShl, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "fail"},
    {kOpShr, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "fail"},
    {kOpUnm, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "f:-1e+308"},
    {kOpBNot, Value::number(0x1.1ccf385ebc8ap+1023), Value::integer(10LL), "fail"},
};

}  // namespace

TEST_CASE("str_to_number accepts what lua5.4's tonumber accepts", "[vm][number]") {
  for (const StrNumCase& c : kStrNumCases) {
    INFO("numeral: '" << c.s << "'");
    Value v = Value::nil();
    size_t n = str_to_number(c.s, &v);
    bool whole = n == c.len + 1;  // tonumber also rejects trailing bytes after a NUL
    if (std::string(c.type) == "nil") {
      CHECK(!whole);
      continue;
    }
    REQUIRE(whole);
    CHECK(std::string(v.is_int() ? "integer" : "float") == c.type);
    char rep[64];
    if (v.is_int()) {
      std::snprintf(rep, sizeof rep, "%lld", static_cast<long long>(v.as_int()));
    } else {
      std::snprintf(rep, sizeof rep, "%.17g", v.as_float());
    }
    CHECK(std::string(rep) == c.rep);
  }
}

TEST_CASE("number_to_buffer prints as lua5.4 does", "[vm][number]") {
  for (const BufCase& c : kBufCases) {
    char buf[kMaxNumber2Str];
    int len = number_to_buffer(c.v, buf);
    CHECK(std::string(buf, static_cast<size_t>(len)) == c.text);
  }
}

TEST_CASE("float_to_int modes and the 2^63 boundary", "[vm][number]") {
  int64_t i = 0;
  CHECK(float_to_int(3.0, &i));
  CHECK(i == 3);
  CHECK(!float_to_int(3.5, &i));
  CHECK(float_to_int(3.5, &i, F2I::kFloor));
  CHECK(i == 3);
  CHECK(float_to_int(3.5, &i, F2I::kCeil));
  CHECK(i == 4);
  CHECK(float_to_int(-3.5, &i, F2I::kFloor));
  CHECK(i == -4);
  CHECK(float_to_int(-3.5, &i, F2I::kCeil));
  CHECK(i == -3);
  CHECK(float_to_int(-0x1p63, &i));
  CHECK(i == INT64_MIN);
  CHECK(!float_to_int(0x1p63, &i));
  CHECK(!float_to_int(0x1p63, &i, F2I::kFloor));
  CHECK(float_to_int(0x1.fffffffffffffp62, &i));
  CHECK(i == 0x7ffffffffffffc00);
  CHECK(!float_to_int(-0x1.0000000000001p63, &i, F2I::kCeil));
  CHECK(float_to_int(-0x1p63 - 0.5, &i, F2I::kCeil));  // rounds to -2^63 itself
  CHECK(!float_to_int(NAN, &i, F2I::kFloor));
  CHECK(!float_to_int(INFINITY, &i, F2I::kCeil));
  CHECK(!float_to_int(-INFINITY, &i, F2I::kFloor));
  CHECK(float_to_int(-0.0, &i));
  CHECK(i == 0);
}

TEST_CASE("float_to_int agrees with floor and ceil on random bit patterns", "[vm][number]") {
  uint64_t state = 0x9e3779b97f4a7c15u;
  int mismatches = 0;
  for (int n = 0; n < 200000; n++) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    // half of them with small exponents, where the fraction matters
    uint64_t bits = state;
    if (n % 2 == 0)
      bits = (bits & 0x800fffffffffffffu) | (static_cast<uint64_t>(1000 + (n / 2) % 80) << 52);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    for (F2I mode : {F2I::kEq, F2I::kFloor, F2I::kCeil}) {
      const double r = mode == F2I::kFloor ? std::floor(d) : mode == F2I::kCeil ? std::ceil(d) : d;
      const bool fits = (mode != F2I::kEq || std::floor(d) == d) && r >= -0x1p63 && r < 0x1p63;
      int64_t got = 0;
      const bool ok = float_to_int(d, &got, mode);
      if (ok != fits || (ok && got != static_cast<int64_t>(r))) mismatches++;
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("integer division and modulo round toward minus infinity", "[vm][number]") {
  CHECK(int_idiv(nullptr, 7, 2) == 3);
  CHECK(int_idiv(nullptr, -7, 2) == -4);
  CHECK(int_idiv(nullptr, 7, -2) == -4);
  CHECK(int_idiv(nullptr, INT64_MIN, -1) == INT64_MIN);
  CHECK(int_mod(nullptr, INT64_MIN, -1) == 0);
  CHECK(int_mod(nullptr, -7, 2) == 1);
  CHECK(int_mod(nullptr, 7, -2) == -1);
  CHECK(float_idiv(7, 2) == 3);
  CHECK(float_idiv(-7, 2) == -4);
  CHECK(float_mod(-5.5, 2) == 0.5);
  CHECK(float_mod(5.5, -2) == -0.5);
  CHECK(float_mod(-1, INFINITY) == INFINITY);
  CHECK(float_mod(1, -INFINITY) == -INFINITY);
  CHECK(std::isnan(float_mod(INFINITY, 1)));
  CHECK(shift_left(1, 63) == INT64_MIN);
  CHECK(shift_left(1, 64) == 0);
  CHECK(shift_left(-1, -1) == INT64_MAX);
  CHECK(shift_left(-1, -64) == 0);
  CHECK(shift_left(5, INT64_MIN) == 0);
  CHECK(ceil_log2(1) == 0);
  CHECK(ceil_log2(2) == 1);
  CHECK(ceil_log2(3) == 2);
  CHECK(ceil_log2(1024) == 10);
  CHECK(ceil_log2(1025) == 11);
  CHECK(hex_value('7') == 7);
  CHECK(hex_value('a') == 10);
  CHECK(hex_value('F') == 15);
}

TEST_CASE("raw_arith matches lua5.4 on integers, floats and bitwise ops", "[vm][number]") {
  for (const ArithCase& c : kArithCases) {
    INFO("op " << c.op << " on " << describe(c.a) << ", " << describe(c.b));
    Value r = Value::nil();
    bool ok = raw_arith(nullptr, c.op, c.a, c.b, &r);
    if (std::string(c.result) == "fail") {
      CHECK(!ok);
    } else {
      REQUIRE(ok);
      CHECK(describe(r) == c.result);
    }
  }
}

TEST_CASE("raw_arith refuses what needs coercion or a metamethod", "[vm][number]") {
  Value r;
  CHECK(!raw_arith(nullptr, kOpAdd, Value::boolean(true), Value::integer(1), &r));
  CHECK(!raw_arith(nullptr, kOpBAnd, Value::number(0.5), Value::integer(1), &r));
  CHECK(!raw_arith(nullptr, kOpBNot, Value::number(INFINITY), Value::number(INFINITY), &r));
  // Constant folding (no thread) must not fold integer division by zero.
  CHECK(!raw_arith(nullptr, kOpIDiv, Value::integer(1), Value::integer(0), &r));
  CHECK(!raw_arith(nullptr, kOpMod, Value::integer(1), Value::integer(0), &r));
  REQUIRE(raw_arith(nullptr, kOpIDiv, Value::number(1), Value::integer(0), &r));
  CHECK(r.as_float() == INFINITY);
  REQUIRE(raw_arith(nullptr, kOpDiv, Value::integer(1), Value::integer(0), &r));
  CHECK(r.as_float() == INFINITY);
}

TEST_CASE("num_lt, num_le and num_eq are exact across integers and floats", "[vm][number]") {
  constexpr size_t n = sizeof kCmpValues / sizeof kCmpValues[0];
  for (size_t i = 0; i < n; i++) {
    std::string row;
    for (size_t j = 0; j < n; j++) {
      const Value& a = kCmpValues[i];
      const Value& b = kCmpValues[j];
      row += num_lt(a, b) ? '1' : '0';
      row += num_le(a, b) ? '1' : '0';
      row += num_eq(a, b) ? '1' : '0';
      row += ' ';
    }
    INFO("row " << i << ": " << describe(kCmpValues[i]));
    CHECK(row == kCmpExpected[i]);
  }
}

TEST_CASE("raw_equal compares numbers by value and objects by identity", "[vm][number]") {
  CHECK(raw_equal(Value::integer(1), Value::number(1.0)));
  CHECK(!raw_equal(Value::integer(INT64_MAX), Value::number(0x1p63)));
  CHECK(!raw_equal(Value::number(NAN), Value::number(NAN)));
  CHECK(raw_equal(Value::nil(), Value::nil()));
  CHECK(!raw_equal(Value::nil(), Value::boolean(false)));
  CHECK(raw_equal(Value::boolean(true), Value::boolean(true)));
  int x = 0;
  CHECK(raw_equal(Value::light_userdata(&x), Value::light_userdata(&x)));
  CHECK(!raw_equal(Value::light_userdata(&x), Value::light_userdata(nullptr)));
}

TEST_CASE("conversions with string coercion", "[vm][number]") {
  VmFixture vm;
  Thread* L = vm.L;
  int64_t i = 0;
  double d = 0;
  Value v;
  CHECK(to_integer(vm.sval(" 0x10 "), &i));
  CHECK(i == 16);
  CHECK(to_integer(vm.sval("3.0"), &i));
  CHECK(i == 3);
  CHECK(!to_integer(vm.sval("3.5"), &i));
  CHECK(to_integer(vm.sval("3.5"), &i, F2I::kCeil));
  CHECK(i == 4);
  CHECK(!to_integer(vm.sval("abc"), &i));
  CHECK(!to_integer_ns(vm.sval("3"), &i));
  CHECK(!to_integer(vm.sval(std::string_view("3\0", 2)), &i));  // embedded zero
  CHECK(to_number(vm.sval("1e2"), &d));
  CHECK(d == 100.0);
  CHECK(to_number(Value::integer(7), &d));
  CHECK(d == 7.0);
  CHECK(!to_number(Value::boolean(true), &d));
  REQUIRE(to_numeric(vm.sval("10"), &v));
  CHECK(v.is_int());
  CHECK(v.as_int() == 10);
  REQUIRE(to_numeric(vm.sval("0x1p-1"), &v));
  CHECK(v.is_float());
  CHECK(v.as_float() == 0.5);

  String* s = number_to_string(L, Value::number(1e15));
  CHECK(std::string(s->data()) == "1e+15");
  CHECK(s == vm.str("1e+15"));  // short strings are interned
  Value n = Value::integer(-42);
  number_to_string_inplace(L, &n);
  REQUIRE(n.is_string());
  CHECK(std::string(n.as_string()->data()) == "-42");
  Value b = Value::boolean(true);
  number_to_string_inplace(L, &b);
  CHECK(b.is_boolean());
}

TEST_CASE("integer division by zero raises Lua's errors", "[vm][number]") {
  VmFixture vm;
  Thread* L = vm.L;
  CHECK(vm.error_of([&] { int_idiv(L, 1, 0); }) == "attempt to divide by zero");
  CHECK(vm.error_of([&] { int_mod(L, 1, 0); }) == "attempt to perform 'n%0'");
  Value r;
  CHECK(vm.error_of([&] { raw_arith(L, kOpMod, Value::integer(5), Value::integer(0), &r); }) ==
        "attempt to perform 'n%0'");
}
