// Unit tests of tycho::gc::Collector with fake object types: pairs (two children and a
// payload), leaves, and vectors (children held in a payload).
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "gc/collector.hpp"
#include "heap/heap.hpp"

using tycho::gc::Collector;
using tycho::gc::GcObject;
using tycho::gc::Phase;
using tycho::gc::TypeOps;
using tycho::heap::Heap;
using tycho::heap::HeapOptions;

namespace {

enum : uint8_t { kPair = 0, kLeaf = 1, kVec = 2, kTypeCount = 3 };
constexpr uint32_t kMagic = 0x7A11;

struct Pair : GcObject {
  GcObject* a;
  GcObject* b;
  char* payload;
  size_t payload_size;
};

struct Leaf : GcObject {
  uint64_t value;
};

struct Vec : GcObject {
  GcObject** items;  // payload of n pointers
  size_t n;
};

// Test bookkeeping (the library has no global state; the tests may).
size_t g_freed[kTypeCount];

void trace_pair(Collector& c, GcObject* o) {
  auto* p = static_cast<Pair*>(o);
  c.mark(p->a);
  c.mark(p->b);
  c.mark_payload(p->payload, p->payload_size);
}

void trace_vec(Collector& c, GcObject* o) {
  auto* v = static_cast<Vec*>(o);
  for (size_t i = 0; i < v->n; ++i) c.mark(v->items[i]);
  c.mark_payload(v->items, v->n * sizeof(GcObject*));
}

void on_free(void*, GcObject* o) { ++g_freed[o->type]; }

const char* verify_magic(GcObject* o) { return o->aux == kMagic ? nullptr : "bad magic"; }

const TypeOps kOps[kTypeCount] = {
    {"pair", &trace_pair, &on_free, &verify_magic},
    {"leaf", nullptr, &on_free, &verify_magic},
    {"vec", &trace_vec, &on_free, nullptr},
};

struct World {
  Heap heap;
  Collector gc;
  std::vector<GcObject*> roots;

  explicit World(HeapOptions options = {}) : heap(options), gc(heap, kOps, kTypeCount, false) {
    std::fill(std::begin(g_freed), std::end(g_freed), 0);
    gc.set_roots(
        [](Collector& c, void* ctx) {
          for (GcObject* o : static_cast<World*>(ctx)->roots) c.mark(o);
        },
        this);
  }

  template <typename T>
  T* make(uint8_t type) {
    auto* o = static_cast<T*>(heap.allocate_cell(sizeof(T)));
    REQUIRE(o != nullptr);
    std::memset(static_cast<void*>(o), 0, sizeof(T));
    o->type = type;
    o->aux = kMagic;
    return o;
  }
  Pair* pair(GcObject* a = nullptr, GcObject* b = nullptr, size_t payload = 0) {
    Pair* p = make<Pair>(kPair);
    p->a = a;
    p->b = b;
    p->payload_size = payload;
    p->payload = static_cast<char*>(heap.allocate_payload(payload));
    std::memset(p->payload, 0x5A, payload);
    return p;
  }
  Leaf* leaf(uint64_t value) {
    Leaf* l = make<Leaf>(kLeaf);
    l->value = value;
    return l;
  }
  Vec* vec(size_t n) {
    Vec* v = make<Vec>(kVec);
    v->items = static_cast<GcObject**>(heap.allocate_payload(n * sizeof(GcObject*)));
    v->n = n;
    std::fill(v->items, v->items + n, nullptr);
    return v;
  }
  size_t cells() const {
    size_t n = 0;
    heap.for_each_cell([](void* ctx, void*) { ++*static_cast<size_t*>(ctx); }, &n);
    return n;
  }
};

size_t total_freed() { return g_freed[kPair] + g_freed[kLeaf] + g_freed[kVec]; }

}  // namespace

TEST_CASE("full_collect frees unreachable cycles and keeps reachable ones", "[gc]") {
  World w;
  // Reachable: root -> x <-> y (a cycle), y -> leaf.
  Pair* x = w.pair();
  Pair* y = w.pair(x, w.leaf(7), 300);
  x->a = y;
  w.roots.push_back(x);
  // Unreachable: a cycle of three, and a lone leaf.
  Pair* p = w.pair();
  Pair* q = w.pair(p, nullptr, 5000);
  Pair* r = w.pair(q, w.leaf(1));
  p->a = r;
  w.leaf(2);
  REQUIRE(w.cells() == 8);

  w.gc.full_collect();
  REQUIRE(g_freed[kPair] == 3);
  REQUIRE(g_freed[kLeaf] == 2);
  REQUIRE(w.cells() == 3);
  REQUIRE(w.heap.is_allocated_cell(x));
  REQUIRE(w.heap.is_allocated_cell(y));
  REQUIRE(static_cast<Leaf*>(y->b)->value == 7);
  REQUIRE(std::all_of(y->payload, y->payload + 300, [](char ch) { return ch == 0x5A; }));
  REQUIRE(w.gc.verify().empty());
  REQUIRE(w.gc.phase() == Phase::kIdle);

  // Cut the cycle loose: everything goes.
  w.roots.clear();
  w.gc.full_collect();
  REQUIRE(w.cells() == 0);
  REQUIRE(w.heap.bytes_in_use() == 0);
  REQUIRE(w.gc.stats().cycles == 2);
  REQUIRE(w.gc.stats().objects_freed_total == 8);
}

TEST_CASE("payloads follow their owners", "[gc]") {
  World w;
  Pair* kept = w.pair(nullptr, nullptr, 2000);
  Pair* big = w.pair(nullptr, nullptr, 50000);  // a large object
  w.roots = {kept, big};
  for (int i = 0; i < 100; ++i) w.pair(nullptr, nullptr, i % 2 == 0 ? 700 : 20000);
  REQUIRE(w.heap.large_count() == 51);
  w.gc.full_collect();
  REQUIRE(w.heap.large_count() == 1);
  const size_t expected = 2 * Heap::cell_size_for(sizeof(Pair)) + 2000 + 50000;
  REQUIRE(w.heap.bytes_in_use() == expected);
  REQUIRE(w.gc.stats().heap_after_last == expected);
  REQUIRE(std::all_of(big->payload, big->payload + 50000, [](char ch) { return ch == 0x5A; }));
  REQUIRE(w.gc.verify().empty());
}

TEST_CASE("children held in payloads are traced", "[gc]") {
  World w;
  Vec* v = w.vec(1000);
  w.roots.push_back(v);
  for (size_t i = 0; i < v->n; ++i) v->items[i] = w.leaf(i);
  for (int i = 0; i < 500; ++i) w.leaf(99);  // garbage
  w.gc.full_collect();
  REQUIRE(g_freed[kLeaf] == 500);
  for (size_t i = 0; i < v->n; ++i) REQUIRE(static_cast<Leaf*>(v->items[i])->value == i);
  // Allocate over the freed space: the survivors are untouched.
  for (int i = 0; i < 2000; ++i) w.leaf(12345);
  for (size_t i = 0; i < v->n; ++i) REQUIRE(static_cast<Leaf*>(v->items[i])->value == i);
  REQUIRE(w.gc.verify().empty());
}

TEST_CASE("verify detects a dangling pointer to a freed cell", "[gc][verify]") {
  World w;
  Pair* a = w.pair();
  Leaf* b = w.leaf(3);
  w.roots.push_back(a);
  w.gc.full_collect();  // b is unreachable: freed
  REQUIRE(g_freed[kLeaf] == 1);
  a->a = b;  // a stale pointer, as a missing root or barrier would leave
  const std::string report = w.gc.verify();
  REQUIRE(report.find("dangling pointer") != std::string::npos);
  REQUIRE(report.find("from pair") != std::string::npos);
  a->a = nullptr;
  REQUIRE(w.gc.verify().empty());
}

TEST_CASE("verify detects malformed objects and stray payloads", "[gc][verify]") {
  World w;
  Pair* a = w.pair();
  Pair* b = w.pair();
  Pair* c = w.pair();
  w.roots = {a, b, c};
  b->aux = 0;  // fails verify_magic
  char outside[64];
  c->payload = outside;  // not heap memory
  c->payload_size = sizeof outside;
  Pair* d = w.pair();
  d->type = 200;  // unknown type
  a->a = d;
  const std::string report = w.gc.verify();
  REQUIRE(report.find("bad magic") != std::string::npos);
  REQUIRE(report.find("outside heap memory") != std::string::npos);
  REQUIRE(report.find("unknown type 200") != std::string::npos);
  // The verifier leaves no marks behind.
  REQUIRE_FALSE(w.gc.is_marked(a));
  REQUIRE_FALSE(w.gc.is_marked(b));
}

TEST_CASE("verify does not disturb the next cycle", "[gc][verify]") {
  World w;
  Pair* root = w.pair(w.leaf(1), w.pair(nullptr, nullptr, 100), 64);
  w.roots.push_back(root);
  for (int i = 0; i < 50; ++i) w.pair();
  REQUIRE(w.gc.verify().empty());
  const size_t in_use = w.heap.bytes_in_use();
  REQUIRE(w.gc.verify().empty());
  REQUIRE(w.heap.bytes_in_use() == in_use);
  w.gc.full_collect();
  REQUIRE(g_freed[kPair] == 50);
  REQUIRE(w.cells() == 3);
}

TEST_CASE("the phases can be run one by one", "[gc][phases]") {
  World w;
  // A chain of 10 pairs.
  Pair* head = nullptr;
  for (int i = 0; i < 10; ++i) head = w.pair(head);
  w.roots.push_back(head);
  w.pair();  // garbage
  w.gc.mark_roots();
  REQUIRE(w.gc.phase() == Phase::kMarking);
  REQUIRE(w.gc.is_marked(head));
  int steps = 0;
  while (!w.gc.propagate(1)) ++steps;
  REQUIRE(steps == 9);
  w.gc.sweep();
  REQUIRE(w.gc.phase() == Phase::kIdle);
  REQUIRE(g_freed[kPair] == 1);
  REQUIRE_FALSE(w.gc.is_marked(head));
}

TEST_CASE("before_sweep sees the final marks and may keep objects", "[gc]") {
  World w;
  struct Cache {
    std::vector<GcObject*> entries;  // weak: not roots
    GcObject* rescue = nullptr;      // marked by before_sweep
  } cache;
  Leaf* live = w.leaf(1);
  w.roots.push_back(w.pair(live));
  cache.entries = {live, w.leaf(2), w.leaf(3)};
  Pair* rescued = w.pair(w.leaf(4));
  cache.rescue = rescued;
  w.gc.set_before_sweep(
      [](Collector& c, void* ctx) {
        auto* cache = static_cast<Cache*>(ctx);
        auto& e = cache->entries;
        e.erase(std::remove_if(e.begin(), e.end(), [&](GcObject* o) { return !c.is_marked(o); }),
                e.end());
        c.mark(cache->rescue);  // its children are propagated before the sweep
      },
      &cache);
  w.gc.full_collect();
  REQUIRE(cache.entries == std::vector<GcObject*>{live});
  REQUIRE(g_freed[kLeaf] == 2);
  REQUIRE(w.heap.is_allocated_cell(rescued));
  REQUIRE(w.heap.is_allocated_cell(rescued->a));
}

TEST_CASE("100k objects", "[gc][many]") {
  World w;
  constexpr size_t kCount = 100000;
  // A 100k-long chain (deep: the gray stack, not recursion, carries it) and 100k garbage
  // objects interleaved with it.
  Pair* head = nullptr;
  for (size_t i = 0; i < kCount; ++i) {
    head = w.pair(head, w.leaf(i), i % 16 == 0 ? 48 : 0);
    w.pair(nullptr, w.leaf(i), i % 16 == 0 ? 48 : 0);
  }
  w.roots.push_back(head);
  REQUIRE(w.cells() == 4 * kCount);
  w.gc.full_collect();
  REQUIRE(w.cells() == 2 * kCount);
  REQUIRE(total_freed() == 2 * kCount);
  REQUIRE(w.gc.stats().objects_marked_last == 2 * kCount);
  REQUIRE(w.gc.verify().empty());
  size_t n = 0;
  for (Pair* p = head; p != nullptr; p = static_cast<Pair*>(p->a)) {
    REQUIRE(static_cast<Leaf*>(p->b)->value == kCount - 1 - n);
    ++n;
  }
  REQUIRE(n == kCount);
  // Reallocate the freed half: no new pages needed.
  const size_t pages = w.heap.page_count();
  for (size_t i = 0; i < kCount; ++i) w.pair(nullptr, w.leaf(0));
  REQUIRE(w.heap.page_count() == pages);
  w.roots.clear();
  w.gc.full_collect();
  REQUIRE(w.cells() == 0);
  REQUIRE(w.heap.bytes_in_use() == 0);
}

TEST_CASE("pacing: check collects when the debt is positive", "[gc][pacing]") {
  World w;
  REQUIRE(w.heap.debt() < 0);  // the initial budget
  w.gc.check();
  REQUIRE(w.gc.stats().cycles == 0);
  // Allocate past the initial budget: the first check starts a cycle, the following ones
  // (each after another step's worth of allocation) advance it until it finishes.
  while (w.heap.debt() <= 0) w.leaf(0);
  w.gc.check();
  REQUIRE(w.gc.phase() == Phase::kMarking);
  REQUIRE(w.heap.debt() <= 0);
  for (int i = 0; i < 100 && (w.gc.stats().cycles == 0 || w.gc.phase() != Phase::kIdle); ++i) {
    while (w.heap.debt() <= 0) w.leaf(0);
    w.gc.check();
  }
  REQUIRE(w.gc.stats().cycles == 1);
  REQUIRE(w.gc.phase() == Phase::kIdle);  // the lazy sweep is over too
  // Leaves made during marking were unreachable too: what is left are those made during the
  // lazy sweep's last step (one step's worth of allocation).
  REQUIRE(w.heap.bytes_in_use() <= (size_t{1} << Collector::kDefaultStepSize) + 64);
  REQUIRE(w.heap.debt() <= 0);

  // With 100 KiB live and pause 200, the next cycle comes after another 100 KiB.
  Vec* v = w.vec(100 * 1024 / 8 - 2);
  w.roots.push_back(v);
  w.gc.full_collect();
  const size_t in_use = w.heap.bytes_in_use();
  REQUIRE(w.heap.debt() == -static_cast<ptrdiff_t>(in_use));
  REQUIRE(w.gc.set_pause(150) == 200);
  w.gc.full_collect();
  REQUIRE(w.heap.debt() == -static_cast<ptrdiff_t>(in_use / 2));
  // A pause of 100 or less would collect at every allocation: a minimum slack applies,
  // max(in_use / 16, 2^stepsize).
  REQUIRE(w.gc.set_pause(100) == 150);
  w.gc.full_collect();
  REQUIRE(w.heap.debt() == -static_cast<ptrdiff_t>(std::max<size_t>(in_use / 16, 1 << 13)));
  REQUIRE(w.gc.set_pause(0) == 100);
  w.gc.full_collect();
  REQUIRE(w.heap.debt() == -static_cast<ptrdiff_t>(std::max<size_t>(in_use / 16, 1 << 13)));
  REQUIRE(w.gc.set_pause(100) == 0);
  REQUIRE(w.gc.set_stepmul(400) == 100);
  REQUIRE(w.gc.set_stepsize(10) == 13);
}

TEST_CASE("pacing: stop, restart, step and stress", "[gc][pacing]") {
  World w;
  w.gc.stop();
  REQUIRE_FALSE(w.gc.is_running());
  w.heap.set_debt(1);
  w.gc.check();
  REQUIRE(w.gc.stats().cycles == 0);
  w.gc.set_stress(true);
  w.gc.check();
  REQUIRE(w.gc.stats().cycles == 0);  // stopped means stopped
  REQUIRE(w.gc.step(1024));           // but an explicit step runs (1 MiB's worth: a cycle)
  REQUIRE(w.gc.stats().cycles == 1);
  w.gc.restart();
  REQUIRE(w.gc.is_running());
  REQUIRE(w.gc.stress());
  // Stress: every check does a step; on this tiny heap one check marks a whole cycle and
  // starts its lazy sweep, the next one finishes the sweep.
  w.gc.check();
  REQUIRE(w.gc.stats().cycles == 2);
  REQUIRE(w.gc.phase() == Phase::kSweeping);
  w.gc.check();
  REQUIRE(w.gc.phase() == Phase::kIdle);
  w.gc.check();
  REQUIRE(w.gc.stats().cycles == 3);
  w.gc.set_stress(false);
  w.gc.check();
  REQUIRE(w.gc.stats().cycles == 3);
  REQUIRE(w.gc.stats().pause_histogram[0] + w.gc.stats().pause_histogram[1] +
              w.gc.stats().pause_histogram[2] + w.gc.stats().pause_histogram[3] +
              w.gc.stats().pause_histogram[4] + w.gc.stats().pause_histogram[5] ==
          4);
}

TEST_CASE("stress mode finds a missing root", "[gc][stress]") {
  World w;
  w.gc.set_stress(true);
  Pair* rooted = w.pair();
  w.roots.push_back(rooted);
  Leaf* forgotten = w.leaf(5);  // held only by a C++ local: not a root
  w.gc.check();                 // a safe point
  rooted->a = forgotten;        // the mutator stores it afterwards
  REQUIRE_FALSE(w.gc.verify().empty());
}

TEST_CASE("a heap limit makes allocation fail, and collection makes room", "[gc][limit]") {
  World w(HeapOptions{.limit_bytes = 256 * 1024});
  size_t made = 0;
  while (auto* o = static_cast<Leaf*>(w.heap.allocate_cell(sizeof(Leaf)))) {
    o->type = kLeaf;
    ++made;
  }
  REQUIRE(made == 256 * 1024 / 16);
  REQUIRE(w.heap.allocate_payload(100) == nullptr);
  w.gc.full_collect();  // nothing was rooted
  REQUIRE(g_freed[kLeaf] == made);
  REQUIRE(w.heap.allocate_cell(sizeof(Pair)) != nullptr);
}

TEST_CASE("release_all frees everything, roots included", "[gc]") {
  World w;
  w.roots.push_back(w.pair(w.leaf(1), w.vec(10), 20000));
  w.gc.release_all();
  REQUIRE(total_freed() == 3);
  REQUIRE(w.cells() == 0);
  REQUIRE(w.heap.bytes_in_use() == 0);
  REQUIRE(w.heap.large_count() == 0);
}

namespace {
// Steps until a cycle (and its lazy sweep) is over.
void run_cycle(World& w) {
  for (int i = 0; i < 100000 && !w.gc.step(0); ++i) {
  }
  REQUIRE(w.gc.phase() == Phase::kIdle);
}
}  // namespace

TEST_CASE("generational: minor cycles free young garbage and keep old objects marked",
          "[gc][gen]") {
  World w;
  w.gc.set_generational(true);
  Pair* root = w.pair(nullptr, nullptr, 64);
  w.roots.push_back(root);
  Leaf* old_leaf = w.leaf(1);
  root->a = old_leaf;
  w.gc.full_collect();  // a major cycle: both survive and stay marked (old)
  REQUIRE(w.gc.is_marked(root));
  REQUIRE(w.gc.is_marked(old_leaf));
  REQUIRE(total_freed() == 0);

  w.leaf(2);  // young garbage
  w.leaf(3);
  Leaf* young = w.leaf(4);
  root->b = young;  // an old object gets a young child: the barrier marks it
  w.gc.barrier_forward(root, young);
  root->a = nullptr;  // the old leaf dies, but no minor cycle looks at old objects
  // A new payload of the old pair: marked at once, or a minor sweep would reuse its lines.
  auto* fresh = static_cast<char*>(w.heap.allocate_payload(200));
  std::memset(fresh, 0x33, 200);
  w.gc.barrier_payload(root, fresh, 200);
  root->payload = fresh;
  root->payload_size = 200;

  run_cycle(w);
  REQUIRE(w.gc.stats().minor_cycles == 1);
  REQUIRE(g_freed[kLeaf] == 2);    // leaves 2 and 3
  REQUIRE(w.gc.is_marked(young));  // promoted
  REQUIRE(w.gc.verify_live().empty());
  for (int i = 0; i < 2000; ++i) w.pair(nullptr, nullptr, 200);  // fill every hole
  REQUIRE(std::count(fresh, fresh + 200, 0x33) == 200);

  w.gc.full_collect();  // a major cycle finds the old leaf dead
  REQUIRE(g_freed[kLeaf] == 3);
  REQUIRE(w.gc.verify_live().empty());

  // Leaving generational mode forgets the ages.
  w.gc.set_generational(false);
  REQUIRE_FALSE(w.gc.is_marked(root));
  run_cycle(w);
  REQUIRE(w.gc.verify_live().empty());
  REQUIRE(w.gc.verify().empty());
}

TEST_CASE("generational: objects become old after two minor cycles, and what the newly old "
          "point to is traced once more",
          "[gc][gen]") {
  World w;
  w.gc.set_generational(true);
  Pair* root = w.pair(nullptr, nullptr, 64);
  w.roots.push_back(root);
  w.gc.full_collect();  // a major cycle: the root is old
  REQUIRE(w.gc.is_marked(root));

  Leaf* l1 = w.leaf(1);
  Pair* y = w.pair(l1, nullptr, 48);  // young, reachable only as a root
  w.roots.push_back(y);
  run_cycle(w);  // first survival: young again (unmarked), not freed
  REQUIRE(w.gc.stats().minor_cycles == 1);
  REQUIRE_FALSE(w.gc.is_marked(y));
  REQUIRE_FALSE(w.gc.is_marked(l1));
  REQUIRE(total_freed() == 0);

  // A young leaf stored into the unmarked survivor needs no barrier.
  Leaf* l2 = w.leaf(2);
  y->b = l2;
  run_cycle(w);  // second survival: y and l1 are old; l2 survived once and is unmarked
  REQUIRE(w.gc.is_marked(y));
  REQUIRE(w.gc.is_marked(l1));
  REQUIRE_FALSE(w.gc.is_marked(l2));
  REQUIRE(total_freed() == 0);

  // The next minor cycle does not reach y from the roots' tracing (it is old), but traces it
  // once more as newly old: l2 is found alive and becomes old in turn.
  w.leaf(3);  // garbage
  run_cycle(w);
  REQUIRE(g_freed[kLeaf] == 1);
  REQUIRE(w.gc.is_marked(l2));
  REQUIRE(l2->value == 2);
  REQUIRE(w.gc.verify_live().empty());

  // A young object stored into an old one (the barrier) is old after one minor cycle.
  Leaf* l4 = w.leaf(4);
  root->a = l4;
  w.gc.barrier_forward(root, l4);
  run_cycle(w);
  REQUIRE(w.gc.is_marked(l4));
  for (int i = 0; i < 3; ++i) run_cycle(w);
  REQUIRE(g_freed[kLeaf] == 1);
  REQUIRE(w.gc.verify_live().empty());
  REQUIRE(w.gc.verify().empty());
}

// A leaf (no trace function) that survives its second minor cycle becomes old in mark() itself,
// with no entry in the aging lists (nothing in it to trace again): it must then behave as any
// old object, kept by minor cycles after it dies and freed by the next major one.
TEST_CASE("generational: a leaf's second survival makes it old at once", "[gc][gen]") {
  World w;
  w.gc.set_generational(true);
  Pair* holder = w.pair(nullptr, nullptr, 0);
  w.roots.push_back(holder);
  w.gc.full_collect();
  Leaf* l = w.leaf(7);
  Pair* y = w.pair(l, nullptr, 0);  // young, a root
  w.roots.push_back(y);
  run_cycle(w);  // first survival: young again
  REQUIRE_FALSE(w.gc.is_marked(l));
  run_cycle(w);  // second: old, and stays marked
  REQUIRE(w.gc.is_marked(l));
  REQUIRE(w.gc.is_marked(y));
  run_cycle(w);
  REQUIRE(w.gc.is_marked(l));
  y->a = nullptr;  // dropped from an old object: old garbage
  for (int i = 0; i < 3; ++i) run_cycle(w);
  REQUIRE(g_freed[kLeaf] == 0);
  REQUIRE(w.gc.verify_live().empty());
  w.gc.full_collect();
  REQUIRE(g_freed[kLeaf] == 1);
  REQUIRE(w.gc.verify_live().empty());
  REQUIRE(w.gc.verify().empty());
}

TEST_CASE("generational: minor cycles follow minormul, major ones majormul", "[gc][gen][pacing]") {
  World w;
  w.gc.set_generational(true);
  w.gc.set_minormul(20);
  w.gc.set_majormul(100);
  Vec* v = w.vec(4096);  // 32 KiB live
  w.roots.push_back(v);
  w.gc.full_collect();
  const size_t base = w.heap.bytes_in_use();
  // Garbage only: minor cycles, each after about 20 % of growth.
  for (int i = 0; i < 200000 && w.gc.stats().minor_cycles < 5; ++i) {
    w.leaf(0);
    w.gc.check();
  }
  REQUIRE(w.gc.stats().minor_cycles == 5);
  REQUIRE(w.gc.stats().cycles - w.gc.stats().minor_cycles == 1);
  // Old garbage piles up (young objects promoted through an old vector, then dropped) until
  // the heap has doubled: then a major cycle.
  size_t slot = 0;
  for (int i = 0; i < 400000 && w.gc.stats().cycles - w.gc.stats().minor_cycles == 1; ++i) {
    Leaf* l = w.leaf(0);
    v->items[slot] = l;
    w.gc.barrier_forward(v, l);
    slot = (slot + 1) % v->n;
    w.gc.check();
  }
  REQUIRE(w.gc.stats().cycles - w.gc.stats().minor_cycles == 2);
  REQUIRE(w.heap.peak_bytes() < base * 4);
  REQUIRE(w.gc.verify_live().empty());
}

TEST_CASE("generational: the heap passing the major limit between cycles makes the next one major",
          "[gc][gen][pacing]") {
  World w;
  w.gc.set_generational(true);
  w.gc.set_majormul(100);
  Vec* v = w.vec(4096);  // 32 KiB live
  w.roots.push_back(v);
  w.gc.full_collect();
  const size_t base = w.heap.bytes_in_use();
  const size_t majors = w.gc.stats().cycles - w.gc.stats().minor_cycles;
  // Old objects worth most of the allowed growth: a minor cycle keeps them (v holds them).
  Vec* held = w.vec(2500);  // about 20 KiB
  v->items[0] = held;
  w.gc.barrier_forward(v, held);
  run_cycle(w);
  REQUIRE(w.gc.stats().cycles - w.gc.stats().minor_cycles == majors);
  REQUIRE(w.heap.bytes_in_use() < base * 2);
  // They die, and the program allocates past twice the base before the next cycle starts (a
  // loop with no safe point): that cycle is a major one, which frees them.
  v->items[0] = nullptr;
  while (w.heap.bytes_in_use() <= base * 2 + 1024) w.leaf(0);
  const size_t freed_vecs = g_freed[kVec];
  run_cycle(w);
  REQUIRE(w.gc.stats().cycles - w.gc.stats().minor_cycles == majors + 1);
  REQUIRE(g_freed[kVec] == freed_vecs + 1);
  REQUIRE(w.gc.verify_live().empty());
}

TEST_CASE("a step cut short by its time budget leaves the debt to the next safe points",
          "[gc][pacing]") {
  World w;
  Pair* chain = nullptr;  // a live list that takes many steps to trace, one pair at a time
  for (int i = 0; i < 100000; ++i) chain = w.pair(chain, nullptr, 16);
  w.roots.push_back(chain);
  w.gc.full_collect();
  w.gc.set_step_time(1);  // 1 us: no step can trace it all
  while (w.heap.debt() <= 0) w.leaf(0);  // garbage, and far more debt than one step's worth
  for (int i = 0; i < 100000; ++i) w.leaf(0);
  const size_t cycles = w.gc.stats().cycles;
  w.gc.check();
  REQUIRE(w.gc.phase() != Phase::kIdle);
  REQUIRE(w.heap.debt() > 0);  // still owed: the next safe point steps again
  // Safe points with no allocation in between (a loop over a table) finish the cycle.
  int steps = 0;
  while (w.gc.stats().cycles == cycles && steps < 1000000) {
    w.gc.check();
    ++steps;
  }
  REQUIRE(w.gc.stats().cycles == cycles + 1);
  REQUIRE(w.gc.verify_live().empty());
}

TEST_CASE("pause_log_bucket is floor(8 * log2(microseconds)), clamped", "[gc]") {
  using tycho::gc::Stats;
  CHECK(Stats::pause_log_bucket(0) == 0);
  CHECK(Stats::pause_log_bucket(0.0005) == 0);
  CHECK(Stats::pause_log_bucket(-1) == 0);
  CHECK(Stats::pause_log_bucket(1e300) == 255);
  for (double us = 1; us < 1e9; us *= 1.0137) {
    const double ms = us / 1000;
    const double exact = std::log2(ms * 1000) * 8;
    if (exact - std::floor(exact) < 1e-9 || std::ceil(exact) - exact < 1e-9) continue;  // an edge
    CHECK(Stats::pause_log_bucket(ms) == std::min<size_t>(static_cast<size_t>(exact), 255));
  }
  CHECK(Stats::pause_log_bucket(0.001) == 0);  // 1 us
  CHECK(Stats::pause_log_bucket(0.002) == 8);  // 2 us
  CHECK(Stats::pause_log_bucket(0.004) == 16);
}

TEST_CASE("gray stack: last in, first out across segment boundaries and clears", "[gc]") {
  tycho::gc::GrayStack gray;
  std::vector<GcObject> objs(5000);
  REQUIRE(gray.empty());
  for (int round = 0; round < 3; round++) {
    // Grow past several 1024-entry segments, shrink back across them, grow again.
    for (size_t i = 0; i < 3000; i++) gray.push_back(&objs[i]);
    REQUIRE(gray.size() == 3000);
    for (size_t i = 3000; i-- > 1000;) {
      REQUIRE(gray.back() == &objs[i]);
      gray.pop_back();
    }
    REQUIRE(gray.size() == 1000);
    for (size_t i = 1000; i < 5000; i++) gray.push_back(&objs[i]);
    for (size_t i = 5000; i-- > 0;) {
      REQUIRE_FALSE(gray.empty());
      REQUIRE(gray.back() == &objs[i]);
      gray.pop_back();
    }
    REQUIRE(gray.empty());
    REQUIRE(gray.size() == 0);
    gray.push_back(&objs[7]);
    if (round == 1) {
      gray.clear();  // drops the entry; the segments stay for the next fill
      REQUIRE(gray.empty());
      CHECK(gray.trim(2) == 0);  // this fill used five segments (5000 entries): all kept
      for (size_t i = 0; i < 5000; i++) gray.push_back(&objs[i]);  // the same five again
      CHECK(gray.trim(8) == 0);                                    // all five in use
      REQUIRE(gray.back() == &objs[4999]);
      gray.clear();
      CHECK(gray.trim(8) == 0);  // the last fill used five
      for (size_t i = 0; i < 10; i++) gray.push_back(&objs[i]);
      CHECK(gray.trim(8) == 0);  // the fill under way is small, the last one was not
      gray.clear();              // now the last fill was small too: the fifth is surplus
      CHECK(gray.trim(2) == 1);  // one past the four kept
      CHECK(gray.trim(2) == 0);
    } else {
      REQUIRE(gray.back() == &objs[7]);
      gray.pop_back();
    }
  }
}

namespace {
// The VM's backward barrier on a fake object: o (marked) now holds v.
void store_back(World& w, GcObject* o, GcObject* v) {
  if (v != nullptr && w.gc.back_barrier_applies(o) && w.gc.stored_white(v)) w.gc.touch(o);
}
}  // namespace

TEST_CASE(
    "backward barrier: a touched object is traced again before the atomic step, and what "
    "it held only for a while dies in this cycle",
    "[gc][barrier]") {
  World w;
  Pair* root = w.pair(nullptr, nullptr, 32);
  w.roots.push_back(root);
  w.gc.mark_roots();
  REQUIRE(w.gc.propagate(SIZE_MAX));  // the root is black
  // The program stores a white leaf into the black pair, then overwrites it with another.
  Leaf* dropped = w.leaf(1);
  root->a = dropped;
  store_back(w, root, dropped);
  Leaf* kept = w.leaf(2);
  root->a = kept;
  store_back(w, root, kept);
  CHECK_FALSE(w.gc.is_marked(kept));  // nothing marked by the barrier
  CHECK_FALSE(w.gc.propagate(0));     // the touched pair is still to re-scan
  CHECK(w.gc.propagate(SIZE_MAX));    // re-scanned: the leaf it holds now is marked
  CHECK(w.gc.is_marked(kept));
  CHECK_FALSE(w.gc.is_marked(dropped));
  w.gc.atomic();
  w.gc.sweep();
  CHECK(g_freed[kLeaf] == 1);  // the dropped leaf (a forward barrier would have kept it)
  CHECK(kept->value == 2);
  CHECK(w.gc.verify().empty());
}

TEST_CASE("backward barrier: a marked value needs no re-scan", "[gc][barrier]") {
  World w;
  Pair* root = w.pair(nullptr, nullptr, 0);
  Leaf* other = w.leaf(7);
  w.roots.push_back(root);
  w.roots.push_back(other);
  w.gc.mark_roots();
  REQUIRE(w.gc.propagate(SIZE_MAX));
  root->a = other;
  store_back(w, root, other);
  CHECK(w.gc.propagate(0));  // nothing touched
  w.gc.atomic();
  w.gc.sweep();
  CHECK(total_freed() == 0);
}

TEST_CASE("generational: a touched old object is re-scanned by the next two minor cycles",
          "[gc][gen][barrier]") {
  World w;
  w.gc.set_generational(true);
  Pair* root = w.pair(nullptr, nullptr, 16);
  w.roots.push_back(root);
  w.gc.full_collect();  // the root is old
  REQUIRE(w.gc.is_marked(root));

  // A young leaf stored for a while, then overwritten before any collection: dies young.
  Leaf* brief = w.leaf(1);
  root->b = brief;
  store_back(w, root, brief);
  root->b = nullptr;
  // A young leaf that stays: the old pair is touched (TOUCHED1).
  Leaf* stays = w.leaf(2);
  root->a = stays;
  store_back(w, root, stays);
  CHECK_FALSE(w.gc.is_marked(stays));  // not promoted by the barrier

  run_cycle(w);  // re-scans the pair: the leaf is a first survivor, unmarked again
  CHECK(g_freed[kLeaf] == 1);
  CHECK_FALSE(w.gc.is_marked(stays));
  // Nothing touches the pair now; only the next minor cycle's re-scan (TOUCHED2) finds the
  // survivor, which then becomes old.
  run_cycle(w);
  CHECK(w.gc.is_marked(stays));
  CHECK(g_freed[kLeaf] == 1);
  run_cycle(w);
  CHECK(stays->value == 2);
  CHECK(g_freed[kLeaf] == 1);
  CHECK(w.gc.verify_live().empty());
}
