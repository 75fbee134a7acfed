// Metamethods: lookup with a per-table absence cache, and calls of metamethods.
#pragma once

#include "vm/state.hpp"

namespace tycho::vm {

void init_tm_names(Thread* L);
// Metamethod `event` of metatable mt, or null. For events up to TM::EQ the table caches
// absence in its flags.
const Value* get_tm(Table* mt, TM event, String* ename);
inline const Value* fast_tm(Thread* L, Table* mt, TM e) {
  if (mt == nullptr || (mt->flags & (1u << static_cast<unsigned>(e)))) return nullptr;
  return get_tm(mt, e, L->g->tmname[static_cast<int>(e)]);
}
Table* get_metatable(Thread* L, const Value* o);  // of any value (per-type for non-tables)
const Value* get_tm_by_obj(Thread* L, const Value* o, TM event);  // never null (nil value)

void call_tm(Thread* L, const Value* f, const Value* p1, const Value* p2, const Value* p3);
void call_tm_res(Thread* L, const Value* f, const Value* p1, const Value* p2, Value* res);
// Binary arithmetic/bitwise/concat metamethods: raise the right error when absent.
void try_bin_tm(Thread* L, const Value* p1, const Value* p2, Value* res, TM event);
void try_bini_tm(Thread* L, const Value* p1, int64_t i2, bool flip, Value* res, TM event);
void try_bink_tm(Thread* L, const Value* p1, const Value* p2, bool flip, Value* res, TM event);
void try_concat_tm(Thread* L);
bool call_order_tm(Thread* L, const Value* p1, const Value* p2, TM event);
bool call_order_i_tm(Thread* L, const Value* p1, int v2, bool flip, bool isfloat, TM event);

}  // namespace tycho::vm
