// The table library (manual §6.6; Lua's ltablib.c).
//
// Every function works through the native API's get_i/set_i/len, so tables with __index,
// __newindex and __len metamethods behave as their metamethods say, and so do non-table values
// whose metatable provides the operations a function needs (check_tab). The sort is ltablib's
// quicksort, step for step: with an inconsistent comparator the final order (and whether
// "invalid order function for sorting" is raised) depends on the exact sequence of comparisons
// and swaps, and tycho must give lua5.4's answer.
#include <climits>
#include <cstring>
#include <ctime>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/number.hpp"
#include "vm/string.hpp"
#include "vm/table.hpp"

namespace tycho::stdlib {

namespace {

// Operations an argument must support to stand in for a table.
enum TabOp : int { kTabRead = 1, kTabWrite = 2, kTabLen = 4, kTabReadWrite = kTabRead | kTabWrite };

// Is metatable field `key` (of the metatable n slots below the top, once key is pushed) set?
// Leaves the field on the stack.
bool check_field(Thread* L, const char* key, int n) {
  api::push_string(L, key);
  return api::raw_get(L, -n) != vm::kTNil;
}

// Check that argument `arg` is a table, or has a metatable with the metamethods for `what`.
void check_tab(Thread* L, int arg, int what) {
  if (api::type(L, arg) == vm::kTTable) return;
  int n = 1;  // values to pop: the metatable and the fields tested
  if (api::get_metatable(L, arg) && (!(what & kTabRead) || check_field(L, "__index", ++n)) &&
      (!(what & kTabWrite) || check_field(L, "__newindex", ++n)) &&
      (!(what & kTabLen) || check_field(L, "__len", ++n))) {
    api::pop(L, n);
  } else {
    check_type(L, arg, vm::kTTable);  // raises the error
  }
}

// #t for a table-like argument that must also support `what`.
int64_t aux_getn(Thread* L, int arg, int what) {
  check_tab(L, arg, what | kTabLen);
  return len(L, arg);
}

// Integer addition with wrap-around, as luaL_intop.
int64_t int_add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

// Argument 1 when it is a table without a metatable (so lua_geti and lua_seti on it are raw
// accesses), else null.
vm::Table* plain_table(Thread* L) {
  const vm::Value* t = api::detail::arg_slot(L, 1);
  return t != nullptr && t->is_table() && t->as_table()->metatable == nullptr ? t->as_table()
                                                                              : nullptr;
}

// Moves the array slots [from, from + n) of h to [to, to + n) (0-based, within the array part),
// as the element-by-element moves of insert and remove would: the moved values get their
// barriers (an incremental cycle may have traced part of the array already).
void move_array_slots(Thread* L, vm::Table* h, uint64_t from, uint64_t to, uint64_t n) {
  vm::Value* a = h->array;
  std::memmove(a + to, a + from, n * sizeof(vm::Value));
  for (uint64_t i = 0; i < n; i++) vm::barrier_table(L, h, &a[to + i], a[to + i]);
}

int tab_insert(Thread* L) {
  int64_t e = int_add(aux_getn(L, 1, kTabReadWrite), 1);  // first empty element
  int64_t pos;
  switch (api::get_top(L)) {
    case 2:  // table.insert(t, v): append
      pos = e;
      break;
    case 3: {
      pos = check_integer(L, 2);
      // pos must be in [1, e]; the unsigned comparison also rejects pos <= 0.
      arg_check(L, static_cast<uint64_t>(pos) - 1u < static_cast<uint64_t>(e), 2,
                "position out of bounds");
      vm::Table* h = plain_table(L);
      if (h != nullptr && static_cast<uint64_t>(e) <= h->asize) {  // all in the array part
        move_array_slots(L, h, static_cast<uint64_t>(pos) - 1, static_cast<uint64_t>(pos),
                         static_cast<uint64_t>(e - pos));
        break;
      }
      for (int64_t i = e; i > pos; i--) {  // move up the elements
        api::get_i(L, 1, i - 1);
        api::set_i(L, 1, i);
      }
      break;
    }
    default:
      error(L, "wrong number of arguments to 'insert'");
  }
  api::set_i(L, 1, pos);  // t[pos] = v
  return 0;
}

int tab_remove(Thread* L) {
  int64_t size = aux_getn(L, 1, kTabReadWrite);
  int64_t pos = opt_integer(L, 2, size);
  if (pos != size) {
    // A given position must be in [1, size + 1] (size + 1 removes nothing but is allowed, so
    // that remove(t, #t + 1) works on empty tables).
    // (lua5.4.4 blames argument 1 here.)
    arg_check(L, static_cast<uint64_t>(pos) - 1u <= static_cast<uint64_t>(size), 1,
              "position out of bounds");
  }
  api::get_i(L, 1, pos);  // the result
  vm::Table* h = plain_table(L);
  if (h != nullptr && pos >= 1 && pos < size && static_cast<uint64_t>(size) <= h->asize) {
    move_array_slots(L, h, static_cast<uint64_t>(pos), static_cast<uint64_t>(pos) - 1,
                     static_cast<uint64_t>(size - pos));
    pos = size;
  }
  for (; pos < size; pos++) {
    api::get_i(L, 1, pos + 1);
    api::set_i(L, 1, pos);
  }
  api::push_nil(L);
  api::set_i(L, 1, pos);  // remove t[pos]
  return 1;
}

// table.move(a1, f, e, t [, a2]): a2[t .. t+e-f] = a1[f .. e]. Copies upwards when that cannot
// overwrite elements not yet copied (destination after the source range, before its start, or
// in another table), which is also better for rehashing; downwards otherwise.
int tab_move(Thread* L) {
  int64_t f = check_integer(L, 2);
  int64_t e = check_integer(L, 3);
  int64_t t = check_integer(L, 4);
  int tt = !api::is_none_or_nil(L, 5) ? 5 : 1;  // the destination table
  check_tab(L, 1, kTabRead);
  check_tab(L, tt, kTabWrite);
  if (e >= f) {
    arg_check(L, f > 0 || e < INT64_MAX + f, 3, "too many elements to move");
    int64_t n = e - f + 1;  // number of elements to move
    arg_check(L, t <= INT64_MAX - n + 1, 4, "destination wrap around");
    if (t > e || t <= f || (tt != 1 && !api::compare(L, 1, tt, api::kCmpEq))) {
      for (int64_t i = 0; i < n; i++) {
        api::get_i(L, 1, f + i);
        api::set_i(L, tt, t + i);
      }
    } else {
      for (int64_t i = n - 1; i >= 0; i--) {
        api::get_i(L, 1, f + i);
        api::set_i(L, tt, t + i);
      }
    }
  }
  api::push_value(L, tt);
  return 1;
}

void add_field(Thread* L, Buffer& b, int64_t i) {
  // A string or number stored in the table itself (so no __index is consulted) is appended
  // without a trip through the stack.
  const vm::Value* t = api::detail::arg_slot(L, 1);
  if (t != nullptr && t->is_table()) {
    const vm::Value* slot = vm::table_get_int(t->as_table(), i);
    if (slot->is_string()) {
      const vm::String* s = slot->as_string();
      b.add(s->data(), s->len);
      return;
    }
    if (slot->is_number()) {
      char buf[vm::kMaxNumber2Str];
      b.add(buf, static_cast<size_t>(vm::number_to_buffer(*slot, buf)));
      return;
    }
  }
  api::get_i(L, 1, i);
  if (!api::is_string(L, -1)) {
    error(L, "invalid value (%s) at index %I in table for 'concat'", type_name_at(L, -1), i);
  }
  size_t l;
  const char* s = api::to_lstring(L, -1, &l);
  b.add(s, l);
  api::pop(L, 1);
}

int tab_concat(Thread* L) {
  int64_t last = aux_getn(L, 1, kTabRead);
  size_t lsep;
  const char* sep = opt_lstring(L, 2, "", &lsep);
  int64_t i = opt_integer(L, 3, 1);
  last = opt_integer(L, 4, last);
  Buffer b(L);
  for (; i < last; i++) {
    add_field(L, b, i);
    b.add(sep, lsep);
  }
  if (i == last) add_field(L, b, i);  // the last value (if the interval was not empty)
  b.push_result(L);
  return 1;
}

// ---- pack and unpack ----

int tab_pack(Thread* L) {
  int n = api::get_top(L);
  api::create_table(L, n, 1);
  api::insert(L, 1);
  for (int i = n; i >= 1; i--) api::set_i(L, 1, i);
  api::push_integer(L, n);
  api::set_field(L, 1, "n");
  return 1;
}

int tab_unpack(Thread* L) {
  int64_t i = opt_integer(L, 2, 1);
  int64_t e = api::is_none_or_nil(L, 3) ? len(L, 1) : check_integer(L, 3);
  if (i > e) return 0;  // empty range
  // The count minus one, computed unsigned so that it cannot overflow.
  uint64_t n = static_cast<uint64_t>(e) - static_cast<uint64_t>(i);
  if (n >= static_cast<unsigned>(INT_MAX) || !api::check_stack(L, static_cast<int>(++n))) {
    error(L, "too many results to unpack");
  }
  for (; i < e; i++) api::get_i(L, 1, i);  // stop before e: i + 1 could overflow
  api::get_i(L, 1, e);
  return static_cast<int>(n);
}

// ---- sort: ltablib's quicksort (from Sedgewick's "Algorithms in Modula-3") ----
//
// The array being sorted is argument 1 and the comparator (or nil) argument 2. Indices are
// unsigned ints, as in ltablib: sort refuses arrays of INT_MAX elements or more.

using Idx = unsigned int;

// Intervals this large may use randomized pivots, once a partition has been badly unbalanced.
constexpr Idx kRanLimit = 100;

// A "random" number for the pivot choice, from the clock and the time, as ltablib's
// l_randomizePivot: their bytes are summed as unsigned ints because their types are opaque.
unsigned int randomize_pivot() {
  std::clock_t c = std::clock();
  std::time_t t = std::time(nullptr);
  constexpr size_t kWordsC = sizeof(c) / sizeof(unsigned int);
  constexpr size_t kWordsT = sizeof(t) / sizeof(unsigned int);
  unsigned int buff[kWordsC + kWordsT];
  std::memcpy(buff, &c, kWordsC * sizeof(unsigned int));
  std::memcpy(buff + kWordsC, &t, kWordsT * sizeof(unsigned int));
  unsigned int rnd = 0;
  for (unsigned int w : buff) rnd += w;
  return rnd;
}

// The table being sorted is argument 1. Its elements are read and written as lua_geti and
// lua_seti do; a table without a metatable, and slots that hold a value, are accessed directly
// (checked at every access: the comparator may change the table, its metatable included, and
// the stack may move whenever it runs).
void sort_get(Thread* L, Idx i) {
  if (vm::Table* h = plain_table(L)) {
    const vm::Value* slot = vm::table_get_int(h, i);
    vm::Value* top = L->top++;
    if (slot->is_empty()) {
      top->set_nil();
    } else {
      vm::copy_value(top, slot);
    }
    return;
  }
  api::get_i(L, 1, i);
}

// Pops the top into a[i].
void sort_set(Thread* L, Idx i) {
  const vm::Value* t = L->ci->func + 1;
  if (t->is_table()) {
    vm::Table* h = t->as_table();
    const vm::Value* slot = vm::table_get_int(h, i);
    if (!slot->is_empty()) {  // a present field: no metamethod, as lua_seti
      vm::set_slot(slot, L->top[-1]);
      vm::barrier_table(L, h, slot, L->top[-1]);
      L->top--;
      return;
    }
  }
  api::set_i(L, 1, i);
}

// The sort's own values above its two arguments: no to-be-closed slots among them.
void sort_pop(Thread* L, int n) { L->top -= n; }

// Pops two values into a[i] (the top) and a[j] (the one below).
void set2(Thread* L, Idx i, Idx j) {
  sort_set(L, i);
  sort_set(L, j);
}

// Is the value at stack index a less than the one at b, in the sort's order?
bool sort_comp(Thread* L, int a, int b) {
  vm::Value* top = L->top;
  const vm::Value* va = top + a;
  const vm::Value* vb = top + b;
  const vm::Value* f = L->ci->func + 2;
  if (f->is_nil()) {  // the < operator: numbers and strings here, the rest by lua_compare
    if (va->is_number() && vb->is_number()) return vm::num_lt(*va, *vb);
    if (va->is_string() && vb->is_string()) {
      return vm::string_compare(va->as_string(), vb->as_string()) < 0;
    }
    return api::compare(L, a, b, api::kCmpLt);
  }
  vm::copy_value(top, f);
  vm::copy_value(top + 1, va);
  vm::copy_value(top + 2, vb);
  L->top = top + 3;
  api::call(L, 2, 1);
  const bool res = !L->top[-1].is_falsy();
  L->top--;
  return res;
}

// Partition a[lo .. up] around the pivot P on top of the stack. Precondition:
// a[lo] <= P == a[up - 1] <= a[up], so only lo + 1 .. up - 2 need partitioning.
// Postcondition: a[lo .. i - 1] <= a[i] == P <= a[i + 1 .. up]; returns i.
Idx partition(Thread* L, Idx lo, Idx up) {
  Idx i = lo;      // incremented before first use
  Idx j = up - 1;  // decremented before first use
  // Invariant: a[lo .. i] <= P <= a[j .. up].
  for (;;) {
    // Repeat ++i while a[i] < P.
    while (sort_get(L, ++i), sort_comp(L, -1, -2)) {
      if (i == up - 1) error(L, "invalid order function for sorting");  // a[up - 1] == P
      sort_pop(L, 1);
    }
    // Repeat --j while P < a[j].
    while (sort_get(L, --j), sort_comp(L, -3, -1)) {
      if (j < i) error(L, "invalid order function for sorting");  // a[j] > P below i
      sort_pop(L, 1);
    }
    if (j < i) {           // no elements out of place
      sort_pop(L, 1);      // a[j]
      set2(L, up - 1, i);  // swap the pivot (a[up - 1]) with a[i]
      return i;
    }
    set2(L, i, j);  // swap a[i] and a[j] and go on
  }
}

// A pivot in the middle half of [lo, up], "randomized" by rnd.
Idx choose_pivot(Idx lo, Idx up, unsigned int rnd) {
  Idx r4 = (up - lo) / 4;
  return rnd % (r4 * 2) + (lo + r4);
}

void aux_sort(Thread* L, Idx lo, Idx up, unsigned int rnd) {
  while (lo < up) {  // a loop for the tail call on the larger part
    // Order a[lo], a[p] and a[up].
    sort_get(L, lo);
    sort_get(L, up);
    if (sort_comp(L, -1, -2)) {  // a[up] < a[lo]?
      set2(L, lo, up);
    } else {
      sort_pop(L, 2);
    }
    if (up - lo == 1) return;  // two elements: sorted
    Idx p = (up - lo < kRanLimit || rnd == 0) ? (lo + up) / 2 : choose_pivot(lo, up, rnd);
    sort_get(L, p);
    sort_get(L, lo);
    if (sort_comp(L, -2, -1)) {  // a[p] < a[lo]?
      set2(L, p, lo);
    } else {
      sort_pop(L, 1);
      sort_get(L, up);
      if (sort_comp(L, -1, -2)) {  // a[up] < a[p]?
        set2(L, p, up);
      } else {
        sort_pop(L, 2);
      }
    }
    if (up - lo == 2) return;  // three elements: sorted
    sort_get(L, p);            // the pivot P
    vm::copy_value(L->top, L->top - 1);
    L->top++;
    sort_get(L, up - 1);
    set2(L, p, up - 1);  // a[p] = a[up - 1], a[up - 1] = P
    p = partition(L, lo, up);
    // a[lo .. p - 1] <= a[p] == P <= a[p + 1 .. up]: recurse into the smaller part, loop on
    // the larger one, so the recursion depth stays logarithmic.
    Idx n;
    if (p - lo < up - p) {
      aux_sort(L, lo, p - 1, rnd);
      n = p - lo;
      lo = p + 1;
    } else {
      aux_sort(L, p + 1, up, rnd);
      n = up - p;
      up = p - 1;
    }
    if ((up - lo) / 128 > n) rnd = randomize_pivot();  // too unbalanced: randomize the pivots
  }
}

int tab_sort(Thread* L) {
  int64_t n = aux_getn(L, 1, kTabReadWrite);
  if (n > 1) {
    arg_check(L, n < INT_MAX, 1, "array too big");
    if (!api::is_none_or_nil(L, 2)) check_type(L, 2, vm::kTFunction);
    api::set_top(L, 2);  // the comparator (or nil) is argument 2
    aux_sort(L, 1, static_cast<Idx>(n), 0);
  }
  return 0;
}

const Reg kFuncs[] = {
    {"concat", tab_concat}, {"insert", tab_insert}, {"pack", tab_pack}, {"unpack", tab_unpack},
    {"remove", tab_remove}, {"move", tab_move},     {"sort", tab_sort}, {nullptr, nullptr},
};

}  // namespace

int open_table(Thread* L) {
  new_lib(L, kFuncs);
  return 1;
}

}  // namespace tycho::stdlib
