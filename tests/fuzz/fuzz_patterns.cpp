// libFuzzer harness: Lua patterns (string.find, match, gmatch, gsub) on fuzzed subjects and
// patterns.
//
// The input gives a pattern (up to 32 bytes), a subject (up to 64 bytes), a replacement string
// (up to 16 bytes) and a start position. find (pattern and plain), match, gmatch, and gsub with
// a string, a table and a function replacement run on them. Lua's matcher backtracks: a pattern
// with k repetition items costs up to n^(k+1) steps on a subject of n bytes, in lua as in tycho,
// so the harness keeps at most three repetition characters ('*', '+', '-', '?') in a pattern
// (it cuts the pattern before the fourth): every input then finishes in milliseconds.
#include <string>

#include "fuzz_support.hpp"

using namespace tycho;
using namespace tycho::fuzz;

namespace {

std::string bounded_pattern(std::string_view p) {
  int reps = 0;
  size_t i = 0;
  for (; i < p.size(); i++) {
    char c = p[i];
    if ((c == '*' || c == '+' || c == '-' || c == '?') && ++reps > 3) break;
  }
  return std::string(p.substr(0, i));
}

// string[name](args at the given stack indices...), all results dropped.
template <typename... Idx>
void call(Thread* L, const char* name, Idx... idx) {
  int top = api::get_top(L);
  api::get_global(L, "string");
  api::get_field(L, -1, name);
  (api::push_value(L, idx), ...);
  api::pcall(L, static_cast<int>(sizeof...(idx)), vm::kMultRet, 0);
  api::set_top(L, top);
}

// A replacement function: the first capture, false or nil, as the input chose.
int replace_fn(Thread* L) {
  int64_t mode = api::to_integer(L, api::upvalue_index(1));
  if (mode == 0) return 1;  // the first capture (or the match)
  if (mode == 1) {
    api::push_boolean(L, false);
    return 1;
  }
  return 0;
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
  int init = static_cast<int8_t>(in.byte()) / 2;
  int maxn = static_cast<int>(in.below(8));
  int fn_mode = static_cast<int>(in.below(3));
  api::push_string(L, bounded_pattern(in.string(32)));  // 1: pattern
  api::push_string(L, in.string(16));                   // 2: replacement
  api::push_string(L, in.take(64));                     // 3: subject
  api::push_integer(L, init);                           // 4: init
  api::push_boolean(L, true);                           // 5: plain
  api::push_integer(L, maxn);                           // 6: max replacements
  api::create_table(L, 0, 2);                           // 7: replacement table
  api::push_string(L, "x");
  api::set_field(L, -2, "a");
  api::push_boolean(L, false);
  api::set_field(L, -2, "b");
  api::push_integer(L, fn_mode);
  api::push_native_closure(L, replace_fn, 1);  // 8: replacement function

  call(L, "find", 3, 1, 4);
  call(L, "find", 3, 1, 4, 5);
  call(L, "match", 3, 1, 4);
  call(L, "gsub", 3, 1, 2);
  call(L, "gsub", 3, 1, 2, 6);
  call(L, "gsub", 3, 1, 7);
  call(L, "gsub", 3, 1, 8);

  // for ... in string.gmatch(subject, pattern, init) do end: at most one match per position.
  int top = api::get_top(L);
  api::get_global(L, "string");
  api::get_field(L, -1, "gmatch");
  api::push_value(L, 3);
  api::push_value(L, 1);
  api::push_value(L, 4);
  if (api::pcall(L, 3, 1, 0) == vm::kOk) {
    int iter = api::get_top(L);
    for (int i = 0; i < 70; i++) {
      api::push_value(L, iter);
      if (api::pcall(L, 0, 1, 0) != vm::kOk || api::is_nil(L, -1)) break;
      api::pop(L, 1);
    }
  }
  api::set_top(L, top);
  v.finish();
  return 0;
}
