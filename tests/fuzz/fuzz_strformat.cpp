// libFuzzer harness: string.format on fuzzed formats and arguments.
//
// The input gives a format (up to 48 bytes) and up to 8 arguments of every type (integers and
// floats from raw bits and from a list of edge values, strings, nil, booleans, a table). Besides
// "no crash", two oracles: a format that is a single numeric conversion must give what the C
// library's snprintf gives for the same specification (tycho formats the common ones itself,
// without snprintf), and tostring of a number must be "%.14g" (plus ".0" for an integral
// float) or "%lld", as in lua; "%q" of a number or string must read back as the same value.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "fuzz_support.hpp"

using namespace tycho;
using namespace tycho::fuzz;

namespace {

constexpr double kFloats[] = {0.0,
                              -0.0,
                              HUGE_VAL,
                              -HUGE_VAL,
                              NAN,
                              1e308,
                              5e-324,
                              0.1,
                              0.5,
                              2.5,
                              -2.5,
                              1e15,
                              1e16,
                              1e100,
                              123.456,
                              9007199254740992.0,
                              9223372036854775808.0,
                              -9223372036854775808.0,
                              1e-5,
                              100.0,
                              3.14159265358979};
constexpr int64_t kInts[] = {0,         1,         -1,      9,        10,        99,
                             100,       255,       256,     65535,    INT32_MAX, INT32_MIN,
                             INT64_MAX, INT64_MIN, 1000000, -1000000, 0x7f,      0x80};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz_strformat: %s\n", what.c_str());
  std::abort();
}

std::string top_string(Thread* L) {
  size_t len;
  const char* s = api::to_lstring(L, -1, &len);
  return s ? std::string(s, len) : std::string();
}

// Push one argument chosen by the input.
void push_arg(Thread* L, Choices& in) {
  switch (in.below(9)) {
    case 0:
      api::push_integer(L, kInts[in.below(std::size(kInts))]);
      break;
    case 1: {
      uint64_t bits = (uint64_t{in.word()} << 32) | in.word();
      api::push_integer(L, static_cast<int64_t>(bits));
      break;
    }
    case 2:
      api::push_number(L, kFloats[in.below(std::size(kFloats))]);
      break;
    case 3: {
      uint64_t bits = (uint64_t{in.word()} << 32) | in.word();
      double d;
      std::memcpy(&d, &bits, sizeof d);
      api::push_number(L, d);
      break;
    }
    case 4:
      api::push_string(L, in.string(32));
      break;
    case 5:
      api::push_nil(L);
      break;
    case 6:
      api::push_boolean(L, in.flip());
      break;
    case 7:
      api::new_table(L);
      break;
    default:
      api::push_integer(L, static_cast<int8_t>(in.byte()));
      break;
  }
}

// When fmt is one numeric conversion, the bytes snprintf makes for it and the argument at idx
// (true), else false.
bool snprintf_oracle(Thread* L, const std::string& fmt, int idx, std::string& out) {
  // '%', flags, width, precision and the conversion letter, and nothing else.
  if (fmt.size() < 2 || fmt[0] != '%') return false;
  size_t spec_end = fmt.find_first_not_of("-+ #0123456789.", 1);
  if (spec_end != fmt.size() - 1) return false;
  char conv = fmt.back();
  char buf[1024];
  int n;
  if (std::strchr("dioxX", conv) != nullptr) {
    if (api::type(L, idx) != vm::kTNumber) return false;
    bool isint;
    int64_t v = api::to_integer(L, idx, &isint);
    if (!isint) return false;
    std::string form = fmt.substr(0, fmt.size() - 1) + "ll" + conv;
    n = std::snprintf(buf, sizeof buf, form.c_str(), static_cast<long long>(v));
  } else if (std::strchr("aAeEfgG", conv) != nullptr) {
    if (api::type(L, idx) != vm::kTNumber) return false;
    n = std::snprintf(buf, sizeof buf, fmt.c_str(), api::to_number(L, idx));
  } else {
    return false;
  }
  if (n < 0 || n >= static_cast<int>(sizeof buf)) return false;
  out.assign(buf, static_cast<size_t>(n));
  return true;
}

// lua's tostring of the number at idx.
std::string number_to_string(Thread* L, int idx) {
  char buf[64];
  if (api::is_integer(L, idx)) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(api::to_integer(L, idx)));
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.14g", api::to_number(L, idx));
  std::string s = buf;
  if (s.find_first_not_of("-0123456789") == std::string::npos) s += ".0";
  return s;
}

// string.format(fmt, ...) with the values at [first, first + n); pushes the result or the
// error message; returns the status.
int format(Thread* L, std::string_view fmt, int first, int n) {
  api::get_global(L, "string");
  api::get_field(L, -1, "format");
  api::remove(L, -2);
  api::push_string(L, fmt);
  for (int i = 0; i < n; i++) api::push_value(L, first + i);
  return api::pcall(L, n + 1, 1, 0);
}

// %q of the value at idx reads back as the same value.
void check_quoted(Thread* L, int idx) {
  int top = api::get_top(L);
  if (format(L, "%q", idx, 1) != vm::kOk) {
    api::set_top(L, top);
    return;
  }
  std::string code = "return " + top_string(L);
  if (api::load(L, code, "=q", "t") != vm::kOk) fail("%q is not a literal: " + code);
  if (api::pcall(L, 0, 1, 0) != vm::kOk) fail("%q does not run: " + code);
  bool same = api::raw_equal(L, -1, idx) && api::is_integer(L, -1) == api::is_integer(L, idx);
  if (!same && api::type(L, idx) == vm::kTNumber) {
    double a = api::to_number(L, -1), b = api::to_number(L, idx);
    same = std::isnan(a) && std::isnan(b);
  }
  if (!same) fail("%q does not read back: " + code);
  api::set_top(L, top);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  stdlib::share_library_names();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzVm v;
  Thread* L = v.L;
  Choices in(data, size);
  std::string fmt(in.string(48));
  int nargs = static_cast<int>(in.below(9));
  for (int i = 0; i < nargs; i++) push_arg(L, in);
  int first = 1;

  if (format(L, fmt, first, nargs) == vm::kOk && nargs >= 1) {
    std::string expected;
    if (snprintf_oracle(L, fmt, first, expected) && top_string(L) != expected) {
      fail("format \"" + fmt + "\" gives \"" + top_string(L) + "\", snprintf \"" + expected + "\"");
    }
  }
  api::pop(L, 1);

  for (int i = 0; i < nargs; i++) {
    int idx = first + i;
    int t = api::type(L, idx);
    if (t == vm::kTNumber) {
      if (format(L, "%s", idx, 1) != vm::kOk) fail("format %s of a number failed");
      std::string expected = number_to_string(L, idx);
      if (top_string(L) != expected) {
        fail("tostring gives \"" + top_string(L) + "\", lua \"" + expected + "\"");
      }
      api::pop(L, 1);
    }
    if (t == vm::kTNumber || t == vm::kTString) check_quoted(L, idx);
  }
  v.finish();
  return 0;
}
