// Operations of the interpreter that other layers (the API, the libraries) reuse: they honour
// metamethods and may call Lua code.
#pragma once

#include "vm/state.hpp"

namespace tycho::vm {

bool equal_obj(Thread* L, const Value* t1, const Value* t2);  // L null: raw equality
bool less_than(Thread* L, const Value* l, const Value* r);
bool less_equal(Thread* L, const Value* l, const Value* r);
void obj_len(Thread* L, Value* ra, const Value* rb);
// Concatenate the `total` values at the top of the stack, leaving the result at top - total.
void concat(Thread* L, int total);
// Arithmetic op (ArithOp numbering) with metamethods; res is a stack slot.
void arith(Thread* L, int op, const Value* p1, const Value* p2, Value* res);
// t[key] with __index (val is a stack slot), t[key] = val with __newindex.
void get_value(Thread* L, const Value* t, Value* key, Value* val);
void set_value(Thread* L, const Value* t, Value* key, Value* val);
void finish_get(Thread* L, const Value* t, Value* key, Value* val, const Value* slot);
void finish_set(Thread* L, const Value* t, Value* key, Value* val, const Value* slot);

}  // namespace tycho::vm
