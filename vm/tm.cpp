// Metamethod lookup and calls.
#include "vm/tm.hpp"

#include "vm/debug.hpp"
#include "vm/number.hpp"
#include "vm/string.hpp"
#include "vm/table.hpp"

namespace tycho::vm {

namespace {
const char* const kTMNames[] = {
#define TYCHO_TM_NAME(name, str) str,
    TYCHO_TMS(TYCHO_TM_NAME)
#undef TYCHO_TM_NAME
};
}  // namespace

void init_tm_names(Thread* L) {
  Global* g = L->g;
  if (shared_tm_names(g)) return;  // the same strings in every VM
  for (int i = 0; i < static_cast<int>(TM::N); i++) {
    g->tmname[i] = new_cstring(L, kTMNames[i]);
  }
}

const Value* get_tm(Table* mt, TM event, String* ename) {
  const Value* tm = table_get_short_str(mt, ename);
  if (tm->is_nil()) {
    if (event <= TM::EQ) mt->flags |= static_cast<uint8_t>(1u << static_cast<unsigned>(event));
    return nullptr;
  }
  return tm;
}

Table* get_metatable(Thread* L, const Value* o) {
  switch (o->tt) {
    case kVTable: return o->as_table()->metatable;
    case kVUserdata: return o->as_userdata()->metatable;
    default: return L->g->mt[o->type()];
  }
}

const Value* get_tm_by_obj(Thread* L, const Value* o, TM event) {
  Table* mt = get_metatable(L, o);
  if (mt == nullptr) return &L->g->nilvalue;
  return table_get_short_str(mt, L->g->tmname[static_cast<int>(event)]);
}

void call_tm(Thread* L, const Value* f, const Value* p1, const Value* p2, const Value* p3) {
  Value* func = L->top;
  func[0] = *f;
  func[1] = *p1;
  func[2] = *p2;
  func[3] = *p3;
  L->top = func + 4;
  if (L->ci->is_lua()) {
    call(L, func, 0);
  } else {
    call_noyield(L, func, 0);
  }
}

void call_tm_res(Thread* L, const Value* f, const Value* p1, const Value* p2, Value* res) {
  ptrdiff_t result = save_stack(L, res);
  Value* func = L->top;
  func[0] = *f;
  func[1] = *p1;
  func[2] = *p2;
  L->top = func + 3;
  if (L->ci->is_lua()) {
    call(L, func, 1);
  } else {
    call_noyield(L, func, 1);
  }
  res = restore_stack(L, result);
  *res = *--L->top;
}

static bool call_bin_tm(Thread* L, const Value* p1, const Value* p2, Value* res, TM event) {
  const Value* tm = get_tm_by_obj(L, p1, event);
  if (tm->is_nil()) tm = get_tm_by_obj(L, p2, event);
  if (tm->is_nil()) return false;
  call_tm_res(L, tm, p1, p2, res);
  return true;
}

void try_bin_tm(Thread* L, const Value* p1, const Value* p2, Value* res, TM event) {
  if (!call_bin_tm(L, p1, p2, res, event)) {
    switch (event) {
      case TM::BAND: case TM::BOR: case TM::BXOR: case TM::SHL: case TM::SHR: case TM::BNOT:
        if (p1->is_number() && p2->is_number()) {
          to_int_error(L, p1, p2);
        } else {
          op_int_error(L, p1, p2, "perform bitwise operation on");
        }
      default:
        op_int_error(L, p1, p2, "perform arithmetic on");
    }
  }
}

void try_concat_tm(Thread* L) {
  Value* top = L->top;
  if (!call_bin_tm(L, top - 2, top - 1, top - 2, TM::CONCAT)) concat_error(L, top - 2, top - 1);
}

void try_bink_tm(Thread* L, const Value* p1, const Value* p2, bool flip, Value* res, TM event) {
  if (flip) {
    try_bin_tm(L, p2, p1, res, event);
  } else {
    try_bin_tm(L, p1, p2, res, event);
  }
}

void try_bini_tm(Thread* L, const Value* p1, int64_t i2, bool flip, Value* res, TM event) {
  Value aux = Value::integer(i2);
  try_bink_tm(L, p1, &aux, flip, res, event);
}

bool call_order_tm(Thread* L, const Value* p1, const Value* p2, TM event) {
  if (call_bin_tm(L, p1, p2, L->top, event)) return !L->top->is_falsy();
  if (event == TM::LE) {
    // lua5.4 is built with LUA_COMPAT_LT_LE: without __le, try `not (p2 < p1)`.
    L->ci->callstatus |= kCistLeq;
    if (call_bin_tm(L, p2, p1, L->top, TM::LT)) {
      L->ci->callstatus ^= kCistLeq;
      return L->top->is_falsy();
    }
  }
  order_error(L, p1, p2);
}

bool call_order_i_tm(Thread* L, const Value* p1, int v2, bool flip, bool isfloat, TM event) {
  Value aux = isfloat ? Value::number(static_cast<double>(v2)) : Value::integer(v2);
  const Value* p2 = &aux;
  if (flip) {
    p2 = p1;
    p1 = &aux;
  }
  return call_order_tm(L, p1, p2, event);
}

}  // namespace tycho::vm
