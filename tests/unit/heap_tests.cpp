// Unit tests of tycho::heap: slabs, arenas, large objects, marks, sweeping and accounting.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "heap/heap.hpp"
#include "heap/poison.hpp"

using tycho::heap::Heap;
using tycho::heap::HeapOptions;
using tycho::heap::kSparePages;
using tycho::heap::kTrimAtOnce;

namespace {

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }

struct DeadLog {
  std::vector<void*> cells;
  static void record(void* ctx, void* cell) { static_cast<DeadLog*>(ctx)->cells.push_back(cell); }
};

void count_cell(void* ctx, void*) { ++*static_cast<size_t*>(ctx); }

size_t count_cells(const Heap& heap) {
  size_t n = 0;
  heap.for_each_cell(&count_cell, &n);
  return n;
}

void fill(void* p, size_t size, uint8_t seed) {
  auto* bytes = static_cast<uint8_t*>(p);
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<uint8_t>(seed + i * 7);
}

bool holds(const void* p, size_t size, uint8_t seed) {
  const auto* bytes = static_cast<const uint8_t*>(p);
  for (size_t i = 0; i < size; ++i) {
    if (bytes[i] != static_cast<uint8_t>(seed + i * 7)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("cells: every size up to kMaxCellSize is served, aligned and distinct", "[heap][slab]") {
  Heap heap;
  std::set<uintptr_t> seen;
  size_t expected_bytes = 0;
  for (size_t size = 0; size <= Heap::kMaxCellSize; ++size) {
    void* p = heap.allocate_cell(size);
    REQUIRE(p != nullptr);
    REQUIRE(addr(p) % 16 == 0);
    const size_t cell = Heap::cell_size_for(size);
    REQUIRE(cell >= size);
    REQUIRE(cell >= 16);
    REQUIRE(heap.is_allocated_cell(p));
    std::memset(p, 0xAB, cell);  // the whole cell is ours (ASan would tell)
    REQUIRE(seen.insert(addr(p)).second);
    expected_bytes += cell;
  }
  REQUIRE(heap.bytes_in_use() == expected_bytes);
  REQUIRE(heap.total_allocated() == expected_bytes);
  REQUIRE(count_cells(heap) == Heap::kMaxCellSize + 1);
  REQUIRE(heap.check().empty());
}

TEST_CASE("cells: the size classes", "[heap][slab]") {
  const size_t classes[] = {16,  32,  48,  64,  80,  96,  112, 128,
                            160, 192, 224, 256, 320, 384, 448, 512};
  for (size_t cls : classes) {
    REQUIRE(Heap::cell_size_for(cls) == cls);
    REQUIRE(Heap::cell_size_for(cls - 1) == cls);
  }
  REQUIRE(Heap::cell_size_for(0) == 16);
  REQUIRE(Heap::cell_size_for(129) == 160);
}

TEST_CASE("cells: marks are set once and cleared by sweep", "[heap][mark]") {
  Heap heap;
  void* a = heap.allocate_cell(40);
  void* b = heap.allocate_cell(40);
  REQUIRE_FALSE(heap.is_cell_marked(a));
  REQUIRE(heap.mark_cell(a));
  REQUIRE_FALSE(heap.mark_cell(a));
  REQUIRE(heap.is_cell_marked(a));
  REQUIRE_FALSE(heap.is_cell_marked(b));
  heap.clear_marks();
  REQUIRE_FALSE(heap.is_cell_marked(a));
  heap.mark_cell(a);
  DeadLog dead;
  heap.sweep(&DeadLog::record, &dead);
  REQUIRE(dead.cells == std::vector<void*>{b});
  REQUIRE_FALSE(heap.is_cell_marked(a));
  REQUIRE(heap.is_allocated_cell(a));
  REQUIRE_FALSE(heap.is_allocated_cell(b));
  REQUIRE(heap.check().empty());
}

TEST_CASE("cells: sweep frees the unmarked and allocation reuses them", "[heap][slab]") {
  Heap heap;
  constexpr size_t kCount = 5000;  // several pages of 64-byte cells
  std::vector<void*> cells;
  for (size_t i = 0; i < kCount; ++i) cells.push_back(heap.allocate_cell(64));
  const size_t pages = heap.page_count();
  REQUIRE(pages >= 5);

  std::set<void*> dead_expected;
  for (size_t i = 0; i < kCount; ++i) {
    if (i % 2 == 0) {
      heap.mark_cell(cells[i]);
    } else {
      dead_expected.insert(cells[i]);
    }
  }
  DeadLog dead;
  heap.sweep(&DeadLog::record, &dead);
  REQUIRE(dead.cells.size() == kCount / 2);
  REQUIRE(std::set<void*>(dead.cells.begin(), dead.cells.end()) == dead_expected);
  REQUIRE(heap.bytes_in_use() == kCount / 2 * 64);
  REQUIRE(count_cells(heap) == kCount / 2);
  REQUIRE(heap.check().empty());

  // The next allocations of the class take the freed cells (and the never-used end of the
  // last page), without new pages and never a survivor.
  const std::set<void*> all(cells.begin(), cells.end());
  size_t from_dead = 0;
  for (size_t i = 0; i < kCount / 2; ++i) {
    void* p = heap.allocate_cell(60);
    REQUIRE((dead_expected.count(p) == 1 || all.count(p) == 0));
    from_dead += dead_expected.count(p);
  }
  REQUIRE(from_dead >= kCount / 2 - 1024);  // at most a page's worth came from the end
  REQUIRE(heap.page_count() == pages);
  REQUIRE(heap.check().empty());
}

TEST_CASE("cells: wholly free pages leave their class", "[heap][slab]") {
  Heap heap;
  for (size_t i = 0; i < 40000; ++i) REQUIRE(heap.allocate_cell(100) != nullptr);
  REQUIRE(heap.page_count() > 30);
  heap.sweep(nullptr, nullptr);
  REQUIRE(heap.page_count() == 0);
  REQUIRE(heap.bytes_in_use() == 0);
  REQUIRE(count_cells(heap) == 0);
  // And pages come back (spares first, then new ones).
  for (size_t i = 0; i < 40000; ++i) REQUIRE(heap.allocate_cell(16) != nullptr);
  REQUIRE(heap.check().empty());
}

TEST_CASE("cells: surplus spare pages go back to the system a few at a time", "[heap][slab]") {
  Heap heap;
  for (size_t i = 0; i < 40000; ++i) REQUIRE(heap.allocate_cell(100) != nullptr);
  const size_t pages = heap.page_count();
  REQUIRE(pages > kSparePages + 2 * kTrimAtOnce + 2);
  heap.sweep(nullptr, nullptr);
  REQUIRE(heap.page_count() == 0);
  // The sweep's end gives back only kTrimAtOnce pages; the rest wait for trim_some.
  REQUIRE(heap.spare_page_count() == pages - kTrimAtOnce);
  REQUIRE_FALSE(heap.trim_some(2));
  REQUIRE(heap.spare_page_count() == pages - kTrimAtOnce - 2);
  REQUIRE(heap.trim_some(SIZE_MAX));
  REQUIRE(heap.spare_page_count() == kSparePages);  // kept for a heap that regrows
  REQUIRE(heap.trim_some(1));                       // nothing left over
  for (size_t i = 0; i < 40000; ++i) REQUIRE(heap.allocate_cell(100) != nullptr);
  REQUIRE(heap.page_count() == pages);
  REQUIRE(heap.check().empty());
}

TEST_CASE("cells: a sparse page is lent to another class, around its survivors", "[heap][slab]") {
  Heap heap;
  constexpr size_t kSmall = 20000;  // 64-byte cells: about 20 pages
  std::vector<void*> small;
  for (size_t i = 0; i < kSmall; ++i) {
    small.push_back(heap.allocate_cell(64));
    fill(small.back(), 64, static_cast<uint8_t>(i));
  }
  const size_t pages = heap.page_count();
  // One in ten survives, spread over every page: no page is empty, each is sparse.
  std::vector<void*> survivors;
  for (size_t i = 0; i < kSmall; i += 10) {
    heap.mark_cell(small[i]);
    survivors.push_back(small[i]);
  }
  heap.sweep(nullptr, nullptr);
  REQUIRE(heap.page_count() == pages);
  REQUIRE(heap.lent_page_count() == 0);
  // A class lends pages only when it took fewer cells in the last cycle than it has free: the
  // cycle just ended made all 20000, so one more cycle with none.
  for (void* p : survivors) heap.mark_cell(p);
  heap.sweep(nullptr, nullptr);

  // 80-byte cells (another class) fill the pages around the survivors: no new page.
  constexpr size_t kLarge = 10000;
  std::vector<void*> large;
  for (size_t i = 0; i < kLarge; ++i) {
    large.push_back(heap.allocate_cell(80));
    REQUIRE(large.back() != nullptr);
    fill(large.back(), 80, static_cast<uint8_t>(i * 3));
  }
  REQUIRE(heap.page_count() == pages);
  REQUIRE(heap.lent_page_count() > 0);
  REQUIRE(heap.check().empty());
  REQUIRE(heap.bytes_in_use() == survivors.size() * 64 + kLarge * 80);
  for (size_t i = 0; i < survivors.size(); ++i) {
    REQUIRE(holds(survivors[i], 64, static_cast<uint8_t>(i * 10)));
  }
  for (size_t i = 0; i < kLarge; ++i) REQUIRE(holds(large[i], 80, static_cast<uint8_t>(i * 3)));
  // Each class's walk meets exactly its own cells.
  std::set<void*> visited;
  auto collect = [](void* ctx, void* cell) { static_cast<std::set<void*>*>(ctx)->insert(cell); };
  heap.for_each_cell(64, collect, &visited);
  REQUIRE(visited == std::set<void*>(survivors.begin(), survivors.end()));
  visited.clear();
  heap.for_each_cell(80, collect, &visited);
  REQUIRE(visited == std::set<void*>(large.begin(), large.end()));

  // The survivors die: the lent pages are ordinary pages of their new class (the rest, empty,
  // are spares), and every cell of them is handed out before a page is added.
  for (void* p : large) heap.mark_cell(p);
  DeadLog dead;
  heap.sweep(&DeadLog::record, &dead);
  REQUIRE(std::set<void*>(dead.cells.begin(), dead.cells.end()) ==
          std::set<void*>(survivors.begin(), survivors.end()));
  REQUIRE(heap.lent_page_count() == 0);
  REQUIRE(heap.bytes_in_use() == kLarge * 80);
  REQUIRE(heap.check().empty());
  const size_t lent = heap.page_count();
  REQUIRE(lent < pages);
  std::set<void*> taken(large.begin(), large.end());
  while (heap.page_count() == lent) REQUIRE(taken.insert(heap.allocate_cell(80)).second);
  const size_t per_page = tycho::heap::cells_per_page(tycho::heap::size_class_of(80));
  REQUIRE(taken.size() == lent * per_page + 1);  // the last one from the page added
  REQUIRE(heap.check().empty());
  for (size_t i = 0; i < kLarge; ++i) REQUIRE(holds(large[i], 80, static_cast<uint8_t>(i * 3)));
}

TEST_CASE("cells: is_allocated_cell is safe for any pointer", "[heap][slab]") {
  Heap heap;
  char* p = static_cast<char*>(heap.allocate_cell(48));
  int local = 0;
  std::vector<char> outside(100);
  REQUIRE(heap.is_allocated_cell(p));
  REQUIRE_FALSE(heap.is_allocated_cell(p + 16));  // inside, not the start
  REQUIRE_FALSE(heap.is_allocated_cell(p + 48));  // the next cell, never allocated
  REQUIRE_FALSE(heap.is_allocated_cell(&local));
  REQUIRE_FALSE(heap.is_allocated_cell(outside.data()));
  REQUIRE_FALSE(heap.is_allocated_cell(nullptr));
  REQUIRE_FALSE(heap.is_allocated_cell(reinterpret_cast<void*>(addr(p) & ~uintptr_t{0xFFFF})));
}

TEST_CASE("cells: for_each_cell visits exactly the allocated cells", "[heap][slab]") {
  Heap heap;
  std::set<void*> cells;
  for (size_t i = 0; i < 3000; ++i) cells.insert(heap.allocate_cell(16 + (i % 31) * 16));
  std::set<void*> visited;
  heap.for_each_cell(
      [](void* ctx, void* cell) { static_cast<std::set<void*>*>(ctx)->insert(cell); }, &visited);
  REQUIRE(visited == cells);
}

TEST_CASE("payloads: bump allocation, alignment and size 0", "[heap][arena]") {
  Heap heap;
  void* zero = heap.allocate_payload(0);
  REQUIRE(zero != nullptr);
  REQUIRE(heap.bytes_in_use() == 0);
  heap.free_payload(zero, 0);
  heap.mark_payload(zero, 0);

  char* a = static_cast<char*>(heap.allocate_payload(1));
  char* b = static_cast<char*>(heap.allocate_payload(20));
  char* c = static_cast<char*>(heap.allocate_payload(8192));  // the largest arena payload
  REQUIRE(addr(a) % 16 == 0);
  REQUIRE(addr(b) % 16 == 0);
  REQUIRE(addr(c) % 16 == 0);
  REQUIRE(b == a + 16);  // bump order inside a hole
  REQUIRE(heap.large_count() == 0);
  REQUIRE(heap.bytes_in_use() == 16 + 32 + 8192);
  REQUIRE(heap.is_payload_address(a));
  REQUIRE(heap.is_payload_address(c + 8191));
  int local = 0;
  REQUIRE_FALSE(heap.is_payload_address(&local));
  REQUIRE_FALSE(heap.is_payload_address(zero));
}

TEST_CASE("payloads: lines are reused after a sweep", "[heap][arena]") {
  Heap heap;
  // 2000 payloads of 100 bytes: several blocks. Keep every 10th.
  std::vector<char*> payloads;
  for (size_t i = 0; i < 2000; ++i) {
    payloads.push_back(static_cast<char*>(heap.allocate_payload(100)));
    fill(payloads.back(), 100, static_cast<uint8_t>(i));
  }
  const size_t blocks = heap.block_count();
  REQUIRE(blocks >= 6);
  std::set<uintptr_t> dropped_lines;
  for (size_t i = 0; i < payloads.size(); ++i) {
    if (i % 10 == 0) {
      heap.mark_payload(payloads[i], 100);
    } else {
      dropped_lines.insert(addr(payloads[i]) / 128);
      dropped_lines.insert((addr(payloads[i]) + 99) / 128);
    }
  }
  heap.sweep(nullptr, nullptr);
  REQUIRE(heap.bytes_in_use() == 200 * 112);
  REQUIRE(heap.block_count() == blocks);  // every block still holds a survivor
  REQUIRE(heap.free_line_count() > 0);

  // New payloads land in freed lines, without new blocks, and never on a survivor.
  std::set<uintptr_t> kept_lines;
  for (size_t i = 0; i < payloads.size(); i += 10) {
    kept_lines.insert(addr(payloads[i]) / 128);
    kept_lines.insert((addr(payloads[i]) + 99) / 128);
  }
  size_t in_dropped_lines = 0;
  for (size_t i = 0; i < 600; ++i) {
    char* p = static_cast<char*>(heap.allocate_payload(48));
    REQUIRE(kept_lines.count(addr(p) / 128) == 0);
    REQUIRE(kept_lines.count((addr(p) + 47) / 128) == 0);
    in_dropped_lines += dropped_lines.count(addr(p) / 128);
    std::memset(p, 0xEE, 48);
  }
  REQUIRE(in_dropped_lines > 300);  // the rest may fill the never-used end of the last block
  REQUIRE(heap.block_count() == blocks);
  for (size_t i = 0; i < payloads.size(); i += 10) {
    REQUIRE(holds(payloads[i], 100, static_cast<uint8_t>(i)));
  }
}

TEST_CASE("payloads: blocks with no survivors are released", "[heap][arena]") {
  Heap heap;
  for (size_t i = 0; i < 10000; ++i) REQUIRE(heap.allocate_payload(200) != nullptr);
  REQUIRE(heap.block_count() > 50);
  heap.sweep(nullptr, nullptr);
  REQUIRE(heap.block_count() == 0);
  REQUIRE(heap.bytes_in_use() == 0);
}

TEST_CASE("payloads: medium payloads use the overflow cursor", "[heap][arena]") {
  Heap heap;
  std::vector<char*> small;
  std::vector<char*> medium;
  for (size_t i = 0; i < 500; ++i) {
    small.push_back(static_cast<char*>(heap.allocate_payload(24)));
    fill(small.back(), 24, static_cast<uint8_t>(i));
    medium.push_back(static_cast<char*>(heap.allocate_payload(1000 + i)));
    fill(medium.back(), 1000 + i, static_cast<uint8_t>(i + 1));
  }
  for (size_t i = 0; i < 500; ++i) {
    REQUIRE(holds(small[i], 24, static_cast<uint8_t>(i)));
    REQUIRE(holds(medium[i], 1000 + i, static_cast<uint8_t>(i + 1)));
    // A payload never crosses a block.
    REQUIRE(addr(medium[i]) / 32768 == (addr(medium[i]) + 999 + i) / 32768);
  }
}

TEST_CASE("payloads: the payload bumped last grows where it lies", "[heap][arena]") {
  Heap heap;
  auto* p = static_cast<char*>(heap.allocate_payload(64));
  fill(p, 64, 7);
  const size_t before = heap.bytes_in_use();
  // The last payload, room after it: it grows in place, contents kept, the bytes counted.
  REQUIRE(heap.extend_payload(p, 64, 200));
  CHECK(holds(p, 64, 7));
  CHECK(heap.bytes_in_use() == before + (208 - 64));
  fill(p, 200, 8);
  // The next payload starts after the grown one.
  auto* q = static_cast<char*>(heap.allocate_payload(32));
  CHECK(q >= p + 208);
  fill(q, 32, 9);
  // p is not the last payload any more: it stays as it is.
  CHECK_FALSE(heap.extend_payload(p, 200, 400));
  CHECK(heap.bytes_in_use() == before + (208 - 64) + 32);
  // Not past the block, nor into a large object, nor a shrink.
  CHECK_FALSE(heap.extend_payload(q, 32, 40000));
  CHECK_FALSE(heap.extend_payload(q, 32, 16));
  CHECK(holds(p, 200, 8));
  CHECK(holds(q, 32, 9));
  // A medium payload on the overflow cursor grows the same way.
  std::vector<char*> medium;
  char* last = nullptr;
  for (int i = 0; i < 40 && last == nullptr; ++i) {
    auto* m = static_cast<char*>(heap.allocate_payload(3000));
    fill(m, 3000, static_cast<uint8_t>(i));
    medium.push_back(m);
    if (heap.extend_payload(m, 3000, 3500)) last = m;
  }
  REQUIRE(last != nullptr);
  CHECK(holds(last, 3000, static_cast<uint8_t>(medium.size() - 1)));
  CHECK(addr(last) / 32768 == (addr(last) + 3499) / 32768);
}

TEST_CASE("payloads: large objects", "[heap][large]") {
  Heap heap;
  char* big = static_cast<char*>(heap.allocate_payload(100000));
  char* kept = static_cast<char*>(heap.allocate_payload(8193));
  char* dropped = static_cast<char*>(heap.allocate_payload(20000));
  REQUIRE(big != nullptr);
  REQUIRE(addr(big) % 16 == 0);
  REQUIRE(heap.large_count() == 3);
  REQUIRE(heap.block_count() == 0);
  std::memset(big, 1, 100000);
  REQUIRE(heap.is_payload_address(big));
  REQUIRE(heap.is_payload_address(big + 99999));
  REQUIRE(heap.is_payload_address(kept + 8192));
  REQUIRE(heap.bytes_in_use() == 100000 + 8208 + 20000);

  heap.free_payload(dropped, 20000);  // released at once
  REQUIRE(heap.large_count() == 2);
  REQUIRE(heap.bytes_in_use() == 100000 + 8208);

  heap.mark_payload(kept, 8193);
  heap.mark_payload(kept, 8193);  // marking twice counts once
  heap.sweep(nullptr, nullptr);
  REQUIRE(heap.large_count() == 1);
  REQUIRE(heap.bytes_in_use() == 8208);
  REQUIRE(heap.is_payload_address(kept));
  REQUIRE_FALSE(heap.is_payload_address(big));

  heap.sweep(nullptr, nullptr);  // marks were cleared: now it goes too
  REQUIRE(heap.large_count() == 0);
  REQUIRE(heap.bytes_in_use() == 0);
}

TEST_CASE("payloads: a large payload is reallocated with its contents and mark", "[heap][large]") {
  Heap heap(HeapOptions{.limit_bytes = 1 << 20});
  char* other = static_cast<char*>(heap.allocate_payload(10000));
  char* p = static_cast<char*>(heap.allocate_payload(9000));
  std::memset(p, 7, 9000);
  heap.mark_payload(p, 9000);
  char* q = static_cast<char*>(heap.reallocate_large_payload(p, 9000, 500000));
  REQUIRE(q != nullptr);
  REQUIRE(addr(q) % 16 == 0);
  REQUIRE(q[0] == 7);
  REQUIRE(q[8999] == 7);
  REQUIRE(heap.large_count() == 2);
  REQUIRE(heap.bytes_in_use() == 10000 + 500000);
  REQUIRE(heap.is_payload_address(q + 499999));
  // Past the limit: refused, the payload unchanged.
  REQUIRE(heap.reallocate_large_payload(q, 500000, 2 << 20) == nullptr);
  REQUIRE(heap.bytes_in_use() == 10000 + 500000);
  REQUIRE(q[8999] == 7);
  // Smaller again, still a large object.
  q = static_cast<char*>(heap.reallocate_large_payload(q, 500000, 9000));
  REQUIRE(q != nullptr);
  REQUIRE(q[8999] == 7);
  REQUIRE(heap.bytes_in_use() == 10000 + 9008);
  // The mark went with it: the sweep keeps it and frees the other.
  heap.sweep(nullptr, nullptr);
  REQUIRE(heap.large_count() == 1);
  REQUIRE(heap.bytes_in_use() == 9008);
  REQUIRE(heap.is_payload_address(q));
  REQUIRE_FALSE(heap.is_payload_address(other));
  heap.free_payload(q, 9000);
  REQUIRE(heap.large_count() == 0);
}

TEST_CASE("limit: allocation returns nullptr past the limit", "[heap][limit]") {
  Heap heap(HeapOptions{.limit_bytes = 64 * 1024});
  REQUIRE(heap.limit() == 64 * 1024);
  size_t cells = 0;
  while (heap.allocate_cell(64) != nullptr) ++cells;
  REQUIRE(cells == 1024);
  REQUIRE(heap.bytes_in_use() == 64 * 1024);
  REQUIRE(heap.allocate_payload(16) == nullptr);
  REQUIRE(heap.allocate_payload(100000) == nullptr);
  REQUIRE(heap.allocate_payload(0) != nullptr);  // takes nothing

  heap.sweep(nullptr, nullptr);  // nothing marked: all freed
  REQUIRE(heap.bytes_in_use() == 0);
  void* p = heap.allocate_payload(60000);
  REQUIRE(p != nullptr);
  REQUIRE(heap.allocate_payload(8000) == nullptr);
  heap.free_payload(p, 60000);
  REQUIRE(heap.allocate_payload(8000) != nullptr);

  heap.set_limit(0);  // unlimited
  REQUIRE(heap.allocate_payload(1 << 20) != nullptr);
}

TEST_CASE("accounting: totals, peak and debt", "[heap][accounting]") {
  Heap heap;
  REQUIRE(heap.bytes_in_use() == 0);
  void* a = heap.allocate_cell(24);      // 32
  void* p = heap.allocate_payload(100);  // 112
  void* q = heap.allocate_payload(300);  // 304
  REQUIRE(heap.bytes_in_use() == 32 + 112 + 304);
  REQUIRE(heap.total_allocated() == 448);
  REQUIRE(heap.debt() == 448);
  heap.free_payload(q, 300);
  REQUIRE(heap.bytes_in_use() == 144);
  REQUIRE(heap.total_freed() == 304);
  REQUIRE(heap.peak_bytes() == 448);

  heap.set_debt(-1000);
  REQUIRE(heap.debt() == -1000);
  heap.allocate_cell(16);
  REQUIRE(heap.debt() == -984);

  heap.mark_cell(a);
  heap.mark_payload(p, 100);
  heap.sweep(nullptr, nullptr);
  REQUIRE(heap.bytes_in_use() == 32 + 112);
  REQUIRE(heap.total_freed() == heap.total_allocated() - heap.bytes_in_use());
  REQUIRE(heap.peak_bytes() == 448);
  REQUIRE(heap.debt() == -984);  // sweeping does not change the debt
}

TEST_CASE("sweep: dead cells are reported before anything is reused", "[heap][sweep]") {
  // on_dead may read other dead cells and free their payloads.
  Heap heap;
  struct Obj {
    Obj* other;
    char* payload;
    uint64_t magic;
  };
  struct Ctx {
    Heap* heap;
    size_t seen = 0;
  } ctx{&heap};
  std::vector<Obj*> objs;
  for (size_t i = 0; i < 1000; ++i) {
    auto* o = static_cast<Obj*>(heap.allocate_cell(sizeof(Obj)));
    o->payload = static_cast<char*>(heap.allocate_payload(i % 3 == 0 ? 10000 : 50));
    o->magic = 0xC0FFEE;
    o->other = objs.empty() ? o : objs.back();
    objs.push_back(o);
  }
  heap.sweep(
      [](void* c, void* cell) {
        auto* ctx = static_cast<Ctx*>(c);
        auto* o = static_cast<Obj*>(cell);
        REQUIRE(o->magic == 0xC0FFEE);
        REQUIRE(o->other->magic == 0xC0FFEE);
        ++ctx->seen;
      },
      &ctx);
  REQUIRE(ctx.seen == 1000);
  REQUIRE(heap.bytes_in_use() == 0);
  REQUIRE(heap.large_count() == 0);
}

TEST_CASE("randomized: survivors keep their contents through many cycles", "[heap][stress]") {
  Heap heap;
  std::mt19937 rng(12345);
  struct Live {
    char* p;
    size_t size;
    uint8_t seed;
    bool cell;
  };
  std::vector<Live> live;
  size_t lent = 0;  // pages lent to another class, summed over the cycles
  for (int cycle = 0; cycle < 30; ++cycle) {
    for (int i = 0; i < 3000; ++i) {
      const int kind = static_cast<int>(rng() % 10);
      Live l{};
      if (kind < 5) {
        // Sizes from a quarter of the range that moves every five cycles: the pages of the
        // classes left behind are lent to the new ones.
        l.size = static_cast<size_t>(cycle / 5 % 4) * 128 + rng() % 129;
        l.cell = true;
        l.p = static_cast<char*>(heap.allocate_cell(l.size));
      } else {
        l.size = kind < 9 ? rng() % 2000 : 8000 + rng() % 20000;
        l.p = static_cast<char*>(heap.allocate_payload(l.size));
      }
      REQUIRE(l.p != nullptr);
      l.seed = static_cast<uint8_t>(rng());
      fill(l.p, l.size, l.seed);
      live.push_back(l);
    }
    // Keep about a third; drop a few payloads explicitly.
    std::vector<Live> kept;
    size_t expected = 0;
    for (const Live& l : live) {
      const unsigned fate = rng() % 6;
      if (fate < 2) {
        if (l.cell) {
          heap.mark_cell(l.p);
          expected += Heap::cell_size_for(l.size);
        } else {
          heap.mark_payload(l.p, l.size);
          expected += (l.size + 15) & ~size_t{15};
        }
        kept.push_back(l);
      } else if (fate == 2 && !l.cell) {
        heap.free_payload(l.p, l.size);
      }
    }
    lent += heap.lent_page_count();
    heap.sweep(nullptr, nullptr);
    REQUIRE(heap.bytes_in_use() == expected);
    REQUIRE(heap.check().empty());
    for (const Live& l : kept) REQUIRE(holds(l.p, l.size, l.seed));
    live = std::move(kept);
  }
  REQUIRE(lent > 0);  // survivors were kept on pages that other classes used too
}

TEST_CASE("many heaps run on threads at once", "[heap][threads]") {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&ok, t] {
      Heap heap;
      std::vector<void*> cells;
      for (int round = 0; round < 20; ++round) {
        for (int i = 0; i < 2000; ++i) {
          void* c = heap.allocate_cell(32);
          void* p = heap.allocate_payload(64);
          if (i % 4 == 0) {
            heap.mark_cell(c);
            heap.mark_payload(p, 64);
          }
        }
        heap.sweep(nullptr, nullptr);
      }
      ok[t] = heap.check().empty() ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(std::count(ok.begin(), ok.end(), 1) == 4);
}

#ifdef TYCHO_HEAP_ASAN
TEST_CASE("asan: free cells, holes and dropped payloads are poisoned", "[heap][asan]") {
  Heap heap;
  char* a = static_cast<char*>(heap.allocate_cell(32));
  char* b = static_cast<char*>(heap.allocate_cell(32));
  REQUIRE_FALSE(__asan_region_is_poisoned(a, 32));
  REQUIRE_FALSE(__asan_region_is_poisoned(b, 32));
  REQUIRE(__asan_address_is_poisoned(b + 32));  // the next cell is free
  heap.mark_cell(a);
  heap.sweep(nullptr, nullptr);
  REQUIRE(__asan_address_is_poisoned(b));
  REQUIRE(heap.allocate_cell(32) == b);
  REQUIRE_FALSE(__asan_region_is_poisoned(b, 32));

  char* p = static_cast<char*>(heap.allocate_payload(100));
  char* q = static_cast<char*>(heap.allocate_payload(1000));
  REQUIRE_FALSE(__asan_region_is_poisoned(p, 100));
  REQUIRE(q == p + 112);
  REQUIRE(__asan_address_is_poisoned(q + 1008));  // the rest of the hole
  heap.free_payload(p, 100);
  REQUIRE(__asan_address_is_poisoned(p));
  heap.mark_payload(q, 1000);
  heap.sweep(nullptr, nullptr);
  REQUIRE_FALSE(__asan_region_is_poisoned(q, 1000));
  REQUIRE(__asan_address_is_poisoned(q + 1024 + 128));  // a line of the hole after q
}
#endif
