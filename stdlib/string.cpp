// The string library's metatable: `__index` is the `string` table (so `s:len()` works), and the
// arithmetic metamethods convert numeric strings, which is how Lua 5.4 coerces strings in
// arithmetic ("10" + 1 == 11). The library's functions are added in stdlib/string_*.cpp.
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

const Reg kStringMeta[] = {
    {"__add", arith_add}, {"__sub", arith_sub},   {"__mul", arith_mul},
    {"__mod", arith_mod}, {"__pow", arith_pow},   {"__div", arith_div},
    {"__idiv", arith_idiv}, {"__unm", arith_unm}, {"__index", nullptr},
    {nullptr, nullptr}};

}  // namespace

int open_string(Thread* L) {
  api::create_table(L, 0, 16);  // the `string` table; its functions come with the library
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
