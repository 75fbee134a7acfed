// The interpreter's work done out of the loop (vm/interp.cpp). First the steps of instructions
// kept out of the loop's code: FORPREP's general case, CLOSURE, VARARGPREP and VARARG. Then the
// slow paths that the loop's fast paths fall to, which honour metamethods (indexing through
// __index and __newindex, equality, order, length, concatenation, arithmetic) and which the
// native API reuses (vm/interp.hpp); and finish_op, which completes an instruction
// interrupted by a yield. What the loop calls here may raise an error, allocate or call Lua
// code: it calls it with its pc saved and reloads `base` after (rule 1 at the top of
// vm/interp.cpp). The fast paths shared with the loop are in vm/interp_internal.hpp.
#include <cstring>

#include "vm/debug.hpp"
#include "vm/func.hpp"
#include "vm/interp.hpp"
#include "vm/interp_internal.hpp"
#include "vm/number.hpp"
#include "vm/string.hpp"
#include "vm/table.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

namespace {
constexpr int kMaxTagLoop = 2000;

// Integer for loop limit: clip a float limit; true when the loop must not run.
bool for_limit(Thread* L, int64_t init, const Value* lim, int64_t* p, int64_t step) {
  if (!to_integer(*lim, p, step < 0 ? F2I::kCeil : F2I::kFloor)) {
    double flim;
    if (!to_number(*lim, &flim)) for_error(L, lim, "limit");
    if (0 < flim) {
      if (step < 0) return true;
      *p = INT64_MAX;
    } else {
      if (step > 0) return true;
      *p = INT64_MIN;
    }
  }
  return step > 0 ? init > *p : init < *p;
}

}  // namespace

// ---- Steps of instructions, out of the loop ----

// Prepare a numeric for loop; true when the loop must be skipped.
bool for_prep(Thread* L, Value* ra) {
  Value* pinit = ra;
  Value* plimit = ra + 1;
  Value* pstep = ra + 2;
  if (pinit->is_int() && pstep->is_int()) {
    int64_t init = pinit->as_int();
    int64_t step = pstep->as_int();
    int64_t limit;
    if (step == 0) run_error(L, "'for' step is zero");
    ra[3].set_int(init);
    if (for_limit(L, init, plimit, &limit, step)) return true;
    plimit->set_int(static_cast<int64_t>(for_count(init, limit, step)));
    return false;
  }
  double init, flimit, step;
  if (!to_number(*plimit, &flimit)) for_error(L, plimit, "limit");
  if (!to_number(*pstep, &step)) for_error(L, pstep, "step");
  if (!to_number(*pinit, &init)) for_error(L, pinit, "initial value");
  if (step == 0) run_error(L, "'for' step is zero");
  if (0 < step ? flimit < init : init < flimit) return true;
  plimit->set_float(flimit);
  pstep->set_float(step);
  ra->set_float(init);
  ra[3].set_float(init);
  return false;
}

void push_closure(Thread* L, Proto* p, UpVal** encup, Value* base, Value* ra) {
  int nup = p->sizeupvalues;
  UpvalDesc* uv = p->upvalues;
  LuaClosure* ncl = new_lua_closure(L, nup);
  ncl->p = p;
  ra->set_object(ncl);  // anchor the new closure in the stack
  for (int i = 0; i < nup; i++) {
    ncl->upvals[i] = uv[i].instack ? find_upval(L, base + uv[i].idx) : encup[uv[i].idx];
    barrier_object(L, ncl, ncl->upvals[i]);
  }
}

void adjust_varargs(Thread* L, int nfixparams, CallInfo* ci, const Proto* p) {
  int actual = static_cast<int>(L->top - ci->func) - 1;
  int nextra = actual - nfixparams;
  ci->u.l.nextraargs = nextra;
  ensure_stack(L, p->maxstacksize + 1);
  *L->top++ = *ci->func;
  for (int i = 1; i <= nfixparams; i++) {
    *L->top++ = ci->func[i];
    ci->func[i].set_nil();
  }
  ci->func += actual + 1;
  ci->top += actual + 1;
}

void get_varargs(Thread* L, CallInfo* ci, Value* where, int wanted) {
  int nextra = ci->u.l.nextraargs;
  if (wanted < 0) {
    wanted = nextra;
    if (L->stack_last - L->top <= nextra || kHardStack) {
      ptrdiff_t w = save_stack(L, where);
      ensure_stack(L, nextra);
      where = restore_stack(L, w);
    }
    L->top = where + nextra;
  }
  int i;
  for (i = 0; i < wanted && i < nextra; i++) where[i] = ci->func[-nextra + i];
  for (; i < wanted; i++) where[i].set_nil();
}

namespace {

inline bool to_string_inplace(Thread* L, Value* o) {
  if (o->is_string()) return true;
  if (o->is_number()) {
    number_to_string_inplace(L, o);
    return true;
  }
  return false;
}

inline bool is_empty_string(const Value* o) { return o->is_string() && o->as_string()->len == 0; }

void copy_to_buffer(Value* top, int n, char* buff) {
  size_t tl = 0;
  do {
    String* st = top[-n].as_string();
    std::memcpy(buff + tl, st->data(), st->len);
    tl += st->len;
  } while (--n > 0);
}

}  // namespace

// ---- Operations shared with the API ----

void finish_get(Thread* L, const Value* t, Value* key, Value* val, const Value* slot) {
  for (int loop = 0; loop < kMaxTagLoop; loop++) {
    const Value* tm;
    if (slot == nullptr) {
      tm = get_tm_by_obj(L, t, TM::INDEX);
      if (tm->is_nil()) type_error(L, t, "index");
    } else {
      tm = fast_tm(L, t->as_table()->metatable, TM::INDEX);
      if (tm == nullptr) {
        val->set_nil();
        return;
      }
    }
    if (tm->is_function()) {
      if (tm->is_light_function() && tm->as_light_function() == L->g->direct_index_fn &&
          L->g->direct_index(L, t, key, val)) {
        return;
      }
      call_tm_res(L, tm, t, key, val);
      return;
    }
    t = tm;
    slot = fast_get_any(t, key);
    if (has_value(slot)) {
      *val = *slot;
      return;
    }
  }
  run_error(L, "'__index' chain too long; possible loop");
}

void finish_set(Thread* L, const Value* t, Value* key, Value* val, const Value* slot) {
  for (int loop = 0; loop < kMaxTagLoop; loop++) {
    const Value* tm;
    if (slot != nullptr) {
      Table* h = t->as_table();
      tm = fast_tm(L, h->metatable, TM::NEWINDEX);
      if (tm == nullptr) {
        GrowthMayCollect may_collect(L->g);  // key and value in registers, constants or the stack
        table_finish_set(L, h, *key, slot, *val);
        return;
      }
    } else {
      tm = get_tm_by_obj(L, t, TM::NEWINDEX);
      if (tm->is_nil()) type_error(L, t, "index");
    }
    if (tm->is_function()) {
      call_tm(L, tm, t, key, val);
      return;
    }
    t = tm;
    slot = fast_get_any(t, key);
    if (has_value(slot)) {
      finish_fast_set(L, t, slot, val);
      return;
    }
  }
  run_error(L, "'__newindex' chain too long; possible loop");
}

void get_value(Thread* L, const Value* t, Value* key, Value* val) {
  const Value* slot = fast_get_any(t, key);
  if (has_value(slot)) {
    *val = *slot;
  } else {
    finish_get(L, t, key, val, slot);
  }
}

void set_value(Thread* L, const Value* t, Value* key, Value* val) {
  const Value* slot = fast_get_any(t, key);
  if (has_value(slot)) {
    finish_fast_set(L, t, slot, val);
  } else {
    finish_set(L, t, key, val, slot);
  }
}

bool equal_obj(Thread* L, const Value* t1, const Value* t2) {
  if (t1->tt != t2->tt) {
    if (t1->type() != t2->type() || t1->type() != kTNumber) return false;
    int64_t i1, i2;
    return to_integer_ns(*t1, &i1, F2I::kEq) && to_integer_ns(*t2, &i2, F2I::kEq) && i1 == i2;
  }
  const Value* tm;
  switch (t1->tt) {
    case kVUserdata: {
      if (t1->as_userdata() == t2->as_userdata()) return true;
      if (L == nullptr) return false;
      tm = fast_tm(L, t1->as_userdata()->metatable, TM::EQ);
      if (tm == nullptr) tm = fast_tm(L, t2->as_userdata()->metatable, TM::EQ);
      break;
    }
    case kVTable: {
      if (t1->as_table() == t2->as_table()) return true;
      if (L == nullptr) return false;
      tm = fast_tm(L, t1->as_table()->metatable, TM::EQ);
      if (tm == nullptr) tm = fast_tm(L, t2->as_table()->metatable, TM::EQ);
      break;
    }
    default: return raw_equal_same_tag(*t1, *t2);
  }
  if (tm == nullptr) return false;
  call_tm_res(L, tm, t1, t2, L->top);
  return !L->top->is_falsy();
}

bool less_than(Thread* L, const Value* l, const Value* r) {
  if (l->is_number() && r->is_number()) return num_lt(*l, *r);
  return less_than_others(L, l, r);
}

bool less_equal(Thread* L, const Value* l, const Value* r) {
  if (l->is_number() && r->is_number()) return num_le(*l, *r);
  return less_equal_others(L, l, r);
}

void obj_len(Thread* L, Value* ra, const Value* rb) {
  const Value* tm;
  switch (rb->tt) {
    case kVTable: {
      Table* h = rb->as_table();
      tm = fast_tm(L, h->metatable, TM::LEN);
      if (tm) break;
      ra->set_int(static_cast<int64_t>(table_length(h)));
      return;
    }
    case kVShortStr:
    case kVLongStr: ra->set_int(static_cast<int64_t>(rb->as_string()->len)); return;
    default:
      tm = get_tm_by_obj(L, rb, TM::LEN);
      if (tm->is_nil()) type_error(L, rb, "get length of");
      break;
  }
  call_tm_res(L, tm, rb, rb, ra);
}

void concat(Thread* L, int total) {
  if (total == 1) return;
  do {
    Value* top = L->top;
    int n = 2;
    if (!(top[-2].is_string() || top[-2].is_number()) || !to_string_inplace(L, top - 1)) {
      try_concat_tm(L);
    } else if (is_empty_string(top - 1)) {
      to_string_inplace(L, top - 2);
    } else if (is_empty_string(top - 2)) {
      top[-2] = top[-1];
    } else {
      size_t tl = top[-1].as_string()->len;
      for (n = 1; n < total && to_string_inplace(L, top - n - 1); n++) {
        size_t l = top[-n - 1].as_string()->len;
        if (l >= (SIZE_MAX / 2) - tl) {
          L->top = top - total;
          run_error(L, "string length overflow");
        }
        tl += l;
      }
      String* ts;
      if (tl <= kMaxShortLen) {
        char buff[kMaxShortLen];
        copy_to_buffer(top, n, buff);
        ts = new_string(L, buff, tl);
      } else {
        make_room(L, tl + sizeof(String));  // the operands are on the stack, L->top above them
        ts = new_long_string(L, tl);
        copy_to_buffer(top, n, ts->data());
      }
      top[-n].set_object(ts);
    }
    total -= n - 1;
    L->top -= n - 1;
  } while (total > 1);
}

void arith(Thread* L, int op, const Value* p1, const Value* p2, Value* res) {
  Value r;
  if (raw_arith(L, op, *p1, *p2, &r)) {
    *res = r;
  } else {
    try_bin_tm(L, p1, p2, res, static_cast<TM>(op + static_cast<int>(TM::ADD)));
  }
}

void finish_op(Thread* L) {
  CallInfo* ci = L->ci;
  Value* base = ci->func + 1;
  Instruction inst = ci->u.l.savedpc[-1];
  switch (get_op(inst)) {
    case OpCode::MMBIN: case OpCode::MMBINI: case OpCode::MMBINK:
      base[getarg_a(ci->u.l.savedpc[-2])] = *--L->top;
      break;
    case OpCode::UNM: case OpCode::BNOT: case OpCode::LEN: case OpCode::GETTABUP:
    case OpCode::GETTABLE: case OpCode::GETI: case OpCode::GETFIELD: case OpCode::SELF:
      base[getarg_a(inst)] = *--L->top;
      break;
    case OpCode::LT: case OpCode::LE: case OpCode::LTI: case OpCode::LEI: case OpCode::GTI:
    case OpCode::GEI: case OpCode::EQ: {
      int res = !L->top[-1].is_falsy();
      L->top--;
      if (ci->callstatus & kCistLeq) {  // "<=" done as "not (b < a)"
        ci->callstatus ^= kCistLeq;
        res = !res;
      }
      if (res != getarg_k(inst)) ci->u.l.savedpc++;  // condition failed: skip the jump
      break;
    }
    case OpCode::CONCAT: {
      Value* top = L->top - 1;
      int a = getarg_a(inst);
      int total = static_cast<int>(top - 1 - (base + a));
      top[-2] = top[0];
      L->top = top - 1;
      concat(L, total);
      break;
    }
    case OpCode::CLOSE: ci->u.l.savedpc--; break;
    case OpCode::RETURN: {
      Value* ra = base + getarg_a(inst);
      L->top = ra + ci->u2.nres;
      ci->u.l.savedpc--;
      break;
    }
    default: break;  // CALL, TAILCALL, TFORCALL and the table stores need nothing
  }
}

}  // namespace tycho::vm
