// The string library's metatable: `__index` is the `string` table (so `s:len()` works), and the
// arithmetic metamethods convert numeric strings, which is how Lua 5.4 coerces strings in
// arithmetic ("10" + 1 == 11). The library's functions are added in stdlib/string_*.cpp.
#include <algorithm>
#include <cctype>
#include <climits>
#include <string>
#include <vector>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/api.hpp"
#include "vm/number.hpp"

namespace tycho::stdlib {

namespace {

// Push the number at `arg` (a number or a numeric string); false if it is neither.
bool to_num(Thread* L, int arg) {
  if (api::type(L, arg) == vm::kTNumber) {
    api::push_value(L, arg);
    return true;
  }
  size_t len;
  const char* s = api::to_lstring(L, arg, &len);
  return s != nullptr && api::string_to_number(L, s) == len + 1;
}

void try_metamethod(Thread* L, const char* mtname) {
  api::set_top(L, 2);
  if (api::type(L, 2) == vm::kTString || !get_metafield(L, 2, mtname)) {
    error(L, "attempt to %s a '%s' with a '%s'", mtname + 2, type_name_at(L, -2),
          type_name_at(L, -1));
  }
  api::insert(L, -3);
  api::call(L, 2, 1);
}

int arith(Thread* L, int op, const char* mtname) {
  if (to_num(L, 1) && to_num(L, 2)) {
    api::arith(L, op);
  } else {
    try_metamethod(L, mtname);
  }
  return 1;
}

int arith_add(Thread* L) { return arith(L, vm::kOpAdd, "__add"); }
int arith_sub(Thread* L) { return arith(L, vm::kOpSub, "__sub"); }
int arith_mul(Thread* L) { return arith(L, vm::kOpMul, "__mul"); }
int arith_mod(Thread* L) { return arith(L, vm::kOpMod, "__mod"); }
int arith_pow(Thread* L) { return arith(L, vm::kOpPow, "__pow"); }
int arith_div(Thread* L) { return arith(L, vm::kOpDiv, "__div"); }
int arith_idiv(Thread* L) { return arith(L, vm::kOpIDiv, "__idiv"); }
int arith_unm(Thread* L) { return arith(L, vm::kOpUnm, "__unm"); }

// ---- The simple functions (lstrlib's str_len ... str_char) ----

// A start position relative to a string of length len: negative counts from the end,
// clipped to [1, inf).
size_t pos_relat(int64_t pos, size_t len) {
  if (pos > 0) return static_cast<size_t>(pos);
  if (pos == 0) return 1;
  if (pos < -static_cast<int64_t>(len)) return 1;
  return len + static_cast<size_t>(pos) + 1;
}

// An end position (argument arg, default def), clipped to [0, len].
size_t end_pos(Thread* L, int arg, int64_t def, size_t len) {
  int64_t pos = opt_integer(L, arg, def);
  if (pos > static_cast<int64_t>(len)) return len;
  if (pos >= 0) return static_cast<size_t>(pos);
  if (pos < -static_cast<int64_t>(len)) return 0;
  return len + static_cast<size_t>(pos) + 1;
}

int str_len(Thread* L) {
  size_t l;
  check_lstring(L, 1, &l);
  api::push_integer(L, static_cast<int64_t>(l));
  return 1;
}

int str_sub(Thread* L) {
  size_t l;
  const char* s = check_lstring(L, 1, &l);
  size_t start = pos_relat(check_integer(L, 2), l);
  size_t end = end_pos(L, 3, -1, l);
  if (start <= end) {
    api::push_lstring(L, s + start - 1, end - start + 1);
  } else {
    api::push_string(L, "");
  }
  return 1;
}

int str_reverse(Thread* L) {
  size_t l;
  const char* s = check_lstring(L, 1, &l);
  Buffer b(L);
  b.reserve(l);
  for (size_t i = l; i > 0; i--) b.add_char(s[i - 1]);
  b.push_result(L);
  return 1;
}

template <int (*Convert)(int)>
int str_map(Thread* L) {
  size_t l;
  const char* s = check_lstring(L, 1, &l);
  Buffer b(L);
  b.reserve(l);
  for (size_t i = 0; i < l; i++)
    b.add_char(static_cast<char>(Convert(static_cast<unsigned char>(s[i]))));
  b.push_result(L);
  return 1;
}

int str_rep(Thread* L) {
  size_t l, lsep;
  const char* s = check_lstring(L, 1, &l);
  int64_t n = check_integer(L, 2);
  const char* sep = opt_lstring(L, 3, "", &lsep);
  if (n <= 0 || l + lsep == 0) {  // (lua5.4 loops n times over nothing: up to 2^63)
    api::push_string(L, "");
    return 1;
  }
  // lstrlib's MAXSIZE: a result must fit in an int; refused before anything is allocated.
  constexpr size_t kMaxSize = static_cast<size_t>(INT_MAX);
  if (l + lsep < l || l + lsep > kMaxSize / static_cast<size_t>(n)) {
    error(L, "resulting string too large");
  }
  Buffer b(L);
  b.reserve(static_cast<size_t>(n) * l + static_cast<size_t>(n - 1) * lsep);
  while (n-- > 1) {
    b.add(s, l);
    b.add(sep, lsep);
  }
  b.add(s, l);
  b.push_result(L);
  return 1;
}

int str_byte(Thread* L) {
  // string.byte(s, i), the common call: one position, so one byte or none.
  if (api::get_top(L) == 2) {
    const vm::Value* args = L->ci->func + 1;
    if (args[0].is_string() && args[1].is_int()) {
      const vm::String* str = args[0].as_string();
      const int64_t len = static_cast<int64_t>(str->len);
      int64_t pos = args[1].as_int();
      if (pos < 0) pos += len + 1;
      if (pos < 1 || pos > len) return 0;
      api::push_integer(L, static_cast<unsigned char>(str->data()[pos - 1]));
      return 1;
    }
  }
  size_t l;
  const char* s = check_lstring(L, 1, &l);
  int64_t pi = opt_integer(L, 2, 1);
  size_t posi = pos_relat(pi, l);
  size_t pose = end_pos(L, 3, pi, l);
  if (posi > pose) return 0;
  if (pose - posi >= static_cast<size_t>(INT_MAX)) error(L, "string slice too long");
  int n = static_cast<int>(pose - posi) + 1;
  check_stack(L, n, "string slice too long");
  for (int i = 0; i < n; i++) {
    api::push_integer(L, static_cast<unsigned char>(s[posi + static_cast<size_t>(i) - 1]));
  }
  return n;
}

int str_char(Thread* L) {
  int n = api::get_top(L);
  std::string r;
  r.reserve(static_cast<size_t>(n));
  for (int i = 1; i <= n; i++) {
    uint64_t c = static_cast<uint64_t>(check_integer(L, i));
    arg_check(L, c <= UCHAR_MAX, i, "value out of range");
    r.push_back(static_cast<char>(c));
  }
  api::push_lstring(L, r.data(), r.size());
  return 1;
}

const Reg kStringLib[] = {{"byte", str_byte}, {"char", str_char},
                          {"len", str_len},   {"lower", str_map<std::tolower>},
                          {"rep", str_rep},   {"reverse", str_reverse},
                          {"sub", str_sub},   {"upper", str_map<std::toupper>},
                          {nullptr, nullptr}};

const Reg kStringMeta[] = {{"__add", arith_add},   {"__sub", arith_sub}, {"__mul", arith_mul},
                           {"__mod", arith_mod},   {"__pow", arith_pow}, {"__div", arith_div},
                           {"__idiv", arith_idiv}, {"__unm", arith_unm}, {"__index", nullptr},
                           {nullptr, nullptr}};

// Every function of the `string` table, in one list (one table image, stdlib/aux.cpp).
const Reg* string_funcs() {
  static const std::vector<Reg> all = [] {
    std::vector<Reg> v;
    for (const Reg* part : {kStringLib, string_pattern_funcs(), string_format_funcs(),
                            string_pack_funcs(), string_dump_funcs()}) {
      for (const Reg* r = part; r->name != nullptr; r++) v.push_back(*r);
    }
    v.push_back({nullptr, nullptr});
    return v;
  }();
  return all.data();
}

}  // namespace

int open_string(Thread* L) {
  new_lib(L, string_funcs());
  api::create_table(L, 0, 9);
  set_funcs(L, kStringMeta, 0);
  api::push_string(L, "");
  api::push_value(L, -2);
  api::set_metatable(L, -2);  // strings share this metatable
  api::pop(L, 1);
  api::push_value(L, -2);
  api::set_field(L, -2, "__index");
  api::pop(L, 1);
  return 1;
}

}  // namespace tycho::stdlib
