// The math library (manual §6.7; Lua's lmathlib.c).
//
// Integers stay integers where the operation allows (abs, floor, ceil, fmod, max/min keep the
// argument itself), and float results that name an integer become integers where lmathlib
// does so (floor, ceil, the integral part of modf).
//
// The pseudo-random generator is lmathlib's xoshiro256** bit for bit, including how seeds are
// spread into the state and how integers are projected into an interval, so that a program
// that seeds with math.randomseed(x) sees the same numbers as under lua5.4. Each VM has its own
// generator state: a userdata shared as an upvalue by random and randomseed.
#include <cmath>
#include <cstdint>
#include <ctime>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/number.hpp"

namespace tycho::stdlib {

namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;

// Push d as an integer when it has an exact integer representation, else as a float.
void push_num_int(Thread* L, double d) {
  int64_t n;
  if (vm::float_to_int(d, &n)) {
    api::push_integer(L, n);
  } else {
    api::push_number(L, d);
  }
}

int math_abs(Thread* L) {
  if (api::is_integer(L, 1)) {
    uint64_t n = static_cast<uint64_t>(api::to_integer(L, 1));
    if (static_cast<int64_t>(n) < 0) n = 0u - n;  // wraps for mininteger, as in Lua
    api::push_integer(L, static_cast<int64_t>(n));
  } else {
    api::push_number(L, std::fabs(check_number(L, 1)));
  }
  return 1;
}

// The functions of one float argument that simply apply the C library's function.
template <double (*F)(double)>
int math_float_fn(Thread* L) {
  api::push_number(L, F(check_number(L, 1)));
  return 1;
}

double c_sin(double x) { return std::sin(x); }
double c_cos(double x) { return std::cos(x); }
double c_tan(double x) { return std::tan(x); }
double c_asin(double x) { return std::asin(x); }
double c_acos(double x) { return std::acos(x); }
double c_exp(double x) { return std::exp(x); }
double c_sqrt(double x) { return std::sqrt(x); }
double c_deg(double x) { return x * (180.0 / kPi); }
double c_rad(double x) { return x * (kPi / 180.0); }

int math_atan(Thread* L) {
  double y = check_number(L, 1);
  double x = opt_number(L, 2, 1);
  api::push_number(L, std::atan2(y, x));
  return 1;
}

int math_tointeger(Thread* L) {
  bool valid;
  int64_t n = api::to_integer(L, 1, &valid);  // converts strings too, as lua5.4.4 does
  if (valid) {
    api::push_integer(L, n);
  } else {
    check_any(L, 1);
    push_fail(L);
  }
  return 1;
}

// A float argument whose floor (ceiling) fits an integer takes vm::float_to_int, which needs
// no libm call (x86-64's baseline has no rounding instruction, so std::floor is one).
int math_floor(Thread* L) {
  const vm::Value* x = api::detail::arg_slot(L, 1);
  int64_t n;
  if (x != nullptr && x->is_float() && vm::float_to_int(x->as_float(), &n, vm::F2I::kFloor)) {
    api::push_integer(L, n);
  } else if (api::is_integer(L, 1)) {
    api::set_top(L, 1);  // an integer is its own floor
  } else {
    push_num_int(L, std::floor(check_number(L, 1)));
  }
  return 1;
}

int math_ceil(Thread* L) {
  const vm::Value* x = api::detail::arg_slot(L, 1);
  int64_t n;
  if (x != nullptr && x->is_float() && vm::float_to_int(x->as_float(), &n, vm::F2I::kCeil)) {
    api::push_integer(L, n);
  } else if (api::is_integer(L, 1)) {
    api::set_top(L, 1);
  } else {
    push_num_int(L, std::ceil(check_number(L, 1)));
  }
  return 1;
}

int math_fmod(Thread* L) {
  if (api::is_integer(L, 1) && api::is_integer(L, 2)) {
    int64_t d = api::to_integer(L, 2);
    if (static_cast<uint64_t>(d) + 1u <= 1u) {  // d is 0 or -1
      arg_check(L, d != 0, 2, "zero");
      api::push_integer(L, 0);  // x % -1 is 0; computing it would overflow for mininteger
    } else {
      api::push_integer(L, api::to_integer(L, 1) % d);  // C's %: truncates, like fmod
    }
  } else {
    api::push_number(L, std::fmod(check_number(L, 1), check_number(L, 2)));
  }
  return 1;
}

// modf without the C function (as lmathlib): the integral part rounds toward zero, and the
// fractional part of an infinity is 0.0 rather than NaN.
int math_modf(Thread* L) {
  if (api::is_integer(L, 1)) {
    api::set_top(L, 1);
    api::push_number(L, 0);
  } else {
    double n = check_number(L, 1);
    double ip = n < 0 ? std::ceil(n) : std::floor(n);
    push_num_int(L, ip);
    api::push_number(L, n == ip ? 0.0 : n - ip);
  }
  return 2;
}

int math_ult(Thread* L) {
  int64_t a = check_integer(L, 1);
  int64_t b = check_integer(L, 2);
  api::push_boolean(L, static_cast<uint64_t>(a) < static_cast<uint64_t>(b));
  return 1;
}

int math_log(Thread* L) {
  double x = check_number(L, 1);
  double res;
  if (api::is_none_or_nil(L, 2)) {
    res = std::log(x);
  } else {
    double base = check_number(L, 2);
    if (base == 2.0) {
      res = std::log2(x);  // exact for powers of two
    } else if (base == 10.0) {
      res = std::log10(x);
    } else {
      res = std::log(x) / std::log(base);
    }
  }
  api::push_number(L, res);
  return 1;
}

int math_min(Thread* L) {
  int n = api::get_top(L);
  int imin = 1;
  arg_check(L, n >= 1, 1, "value expected");
  for (int i = 2; i <= n; i++) {
    if (api::compare(L, i, imin, api::kCmpLt)) imin = i;
  }
  api::push_value(L, imin);
  return 1;
}

int math_max(Thread* L) {
  int n = api::get_top(L);
  int imax = 1;
  arg_check(L, n >= 1, 1, "value expected");
  for (int i = 2; i <= n; i++) {
    if (api::compare(L, imax, i, api::kCmpLt)) imax = i;
  }
  api::push_value(L, imax);
  return 1;
}

// ---- The functions lua5.4 keeps for 5.3 compatibility (LUA_COMPAT_MATHLIB) ----
// The reference lua5.4 is built with them (Debian enables LUA_COMPAT_5_3), so tycho has them
// too: atan2 (an alias of atan), cosh, sinh, tanh, pow, frexp, ldexp and log10.

double c_cosh(double x) { return std::cosh(x); }
double c_sinh(double x) { return std::sinh(x); }
double c_tanh(double x) { return std::tanh(x); }
double c_log10(double x) { return std::log10(x); }

int math_pow(Thread* L) {
  double x = check_number(L, 1);
  double y = check_number(L, 2);
  api::push_number(L, std::pow(x, y));
  return 1;
}

int math_frexp(Thread* L) {
  int e;
  api::push_number(L, std::frexp(check_number(L, 1), &e));
  api::push_integer(L, e);
  return 2;
}

int math_ldexp(Thread* L) {
  double x = check_number(L, 1);
  int ep = static_cast<int>(check_integer(L, 2));  // truncated to int, as in lmathlib
  api::push_number(L, std::ldexp(x, ep));
  return 1;
}

int math_type(Thread* L) {
  if (api::type(L, 1) == vm::kTNumber) {
    api::push_string(L, api::is_integer(L, 1) ? "integer" : "float");
  } else {
    check_any(L, 1);
    push_fail(L);
  }
  return 1;
}

// ---- The pseudo-random generator: xoshiro256** ----

struct RanState {
  uint64_t s[4];
};

uint64_t rotl(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

uint64_t next_rand(uint64_t* state) {
  uint64_t state0 = state[0];
  uint64_t state1 = state[1];
  uint64_t state2 = state[2] ^ state0;
  uint64_t state3 = state[3] ^ state1;
  uint64_t res = rotl(state1 * 5, 7) * 9;
  state[0] = state0 ^ state3;
  state[1] = state1 ^ state2;
  state[2] = state2 ^ (state1 << 17);
  state[3] = rotl(state3, 45);
  return res;
}

// Bits in a double's mantissa: a random float uses that many of the high bits.
constexpr int kFloatBits = 53;

// A float in [0, 1) from the high kFloatBits bits of x.
double to_unit_float(uint64_t x) {
  return static_cast<double>(x >> (64 - kFloatBits)) * (0.5 / (uint64_t{1} << (kFloatBits - 1)));
}

// Project the random integer ran into [0, n]. Only when n + 1 is a power of two is masking
// unbiased; otherwise mask with the smallest 2^b - 1 >= n and draw again while the result
// exceeds n.
uint64_t project(uint64_t ran, uint64_t n, RanState* state) {
  if ((n & (n + 1)) == 0) return ran & n;
  uint64_t lim = n;
  lim |= lim >> 1;
  lim |= lim >> 2;
  lim |= lim >> 4;
  lim |= lim >> 8;
  lim |= lim >> 16;
  lim |= lim >> 32;
  while ((ran &= lim) > n) ran = next_rand(state->s);
  return ran;
}

RanState* ran_state(Thread* L) {
  return static_cast<RanState*>(api::to_userdata(L, api::upvalue_index(1)));
}

int math_random(Thread* L) {
  RanState* state = ran_state(L);
  uint64_t rv = next_rand(state->s);  // drawn before the arguments are checked, as in Lua
  int64_t low, up;
  switch (api::get_top(L)) {
    case 0:
      api::push_number(L, to_unit_float(rv));
      return 1;
    case 1:
      low = 1;
      up = check_integer(L, 1);
      if (up == 0) {  // random(0): all 64 bits
        api::push_integer(L, static_cast<int64_t>(rv));
        return 1;
      }
      break;
    case 2:
      low = check_integer(L, 1);
      up = check_integer(L, 2);
      break;
    default:
      error(L, "wrong number of arguments");
  }
  arg_check(L, low <= up, 1, "interval is empty");
  uint64_t p = project(rv, static_cast<uint64_t>(up) - static_cast<uint64_t>(low), state);
  api::push_integer(L, static_cast<int64_t>(p + static_cast<uint64_t>(low)));
  return 1;
}

// Seed the state and push the two seed parts (randomseed returns them).
void set_seed(Thread* L, uint64_t* state, uint64_t n1, uint64_t n2) {
  state[0] = n1;
  state[1] = 0xff;  // avoid an all-zero state
  state[2] = n2;
  state[3] = 0;
  for (int i = 0; i < 16; i++) next_rand(state);  // spread the seed over the state
  api::push_integer(L, static_cast<int64_t>(n1));
  api::push_integer(L, static_cast<int64_t>(n2));
}

// A "random" seed: the time, and the thread's address, which differs between runs under
// address-space layout randomization.
void random_seed(Thread* L, RanState* state) {
  uint64_t seed1 = static_cast<uint64_t>(std::time(nullptr));
  uint64_t seed2 = reinterpret_cast<uintptr_t>(L);
  set_seed(L, state->s, seed1, seed2);
}

int math_randomseed(Thread* L) {
  RanState* state = ran_state(L);
  if (api::is_none(L, 1)) {
    random_seed(L, state);
  } else {
    int64_t n1 = check_integer(L, 1);
    int64_t n2 = opt_integer(L, 2, 0);
    set_seed(L, state->s, static_cast<uint64_t>(n1), static_cast<uint64_t>(n2));
  }
  return 2;
}

const Reg kRandFuncs[] = {
    {"random", math_random},
    {"randomseed", math_randomseed},
    {nullptr, nullptr},
};

// Add random and randomseed to the library on top, sharing a freshly seeded state.
void set_rand_funcs(Thread* L) {
  auto* state = static_cast<RanState*>(api::new_userdata(L, sizeof(RanState), 0));
  random_seed(L, state);
  api::pop(L, 2);  // the seeds
  set_funcs(L, kRandFuncs, 1);
}

const Reg kFuncs[] = {
    {"abs", math_abs},
    {"acos", math_float_fn<c_acos>},
    {"asin", math_float_fn<c_asin>},
    {"atan", math_atan},
    {"ceil", math_ceil},
    {"cos", math_float_fn<c_cos>},
    {"deg", math_float_fn<c_deg>},
    {"exp", math_float_fn<c_exp>},
    {"tointeger", math_tointeger},
    {"floor", math_floor},
    {"fmod", math_fmod},
    {"ult", math_ult},
    {"log", math_log},
    {"max", math_max},
    {"min", math_min},
    {"modf", math_modf},
    {"rad", math_float_fn<c_rad>},
    {"sin", math_float_fn<c_sin>},
    {"sqrt", math_float_fn<c_sqrt>},
    {"tan", math_float_fn<c_tan>},
    {"type", math_type},
    {"atan2", math_atan},
    {"cosh", math_float_fn<c_cosh>},
    {"sinh", math_float_fn<c_sinh>},
    {"tanh", math_float_fn<c_tanh>},
    {"pow", math_pow},
    {"frexp", math_frexp},
    {"ldexp", math_ldexp},
    {"log10", math_float_fn<c_log10>},
    // placeholders, set below
    {"random", nullptr},
    {"randomseed", nullptr},
    {"pi", nullptr},
    {"huge", nullptr},
    {"maxinteger", nullptr},
    {"mininteger", nullptr},
    {nullptr, nullptr},
};

}  // namespace

int open_math(Thread* L) {
  new_lib(L, kFuncs);
  api::push_number(L, kPi);
  api::set_field(L, -2, "pi");
  api::push_number(L, HUGE_VAL);
  api::set_field(L, -2, "huge");
  api::push_integer(L, INT64_MAX);
  api::set_field(L, -2, "maxinteger");
  api::push_integer(L, INT64_MIN);
  api::set_field(L, -2, "mininteger");
  set_rand_funcs(L);
  return 1;
}

}  // namespace tycho::stdlib
