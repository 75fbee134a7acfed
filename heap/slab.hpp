// Type slabs: fixed-size cells for object headers.
//
// A slab page is a 64 KiB chunk aligned to 64 KiB. It serves one size class; its header sits
// at the start of the page and the cells follow, back to back, each 16-byte aligned:
//
//   page + 0                      page + kPageHeaderSize                        page + 64 KiB
//   | allocated bits | mark bits | cell 0 | cell 1 | cell 2 | ...       | cell n-1 | (slack) |
//
// Both bitmaps have one bit per 16-byte granule of the page, not per cell: a cell's bit is the
// bit of its first granule, found from its address with a mask and a shift, with no division
// by the cell size. Which granules start a cell depends only on the size class
// (kCellStarts).
//
// The free cells of a class are found from the bitmaps, not from a linked list threaded
// through the cells: each class has a cursor holding one 64-bit word of "free cell starts"
// (cell starts & ~allocated) of its current page, and allocation takes the lowest bit. When
// the word is used up, the cursor moves to the next word, then to the next page of the class
// that had free cells at the last sweep, then to a spare or new page. So neither allocation
// nor sweeping ever reads or writes a free cell: a sweep is `allocated &= marked` a word at a
// time, and memory freed by it is untouched until it is handed out again.
//
// Invariants:
//   - a cell is allocated exactly when its allocated bit is set; only cell starts have bits;
//   - mark bits are set only on allocated cells and only between the start of a marking and
//     the following sweep of their page (or clear_marks()); with sticky marks (generational
//     mode) a sweep keeps them, so they last until clear_marks();
//   - during a lazy sweep a page is swept before its cursor hands out any of its cells;
//   - each page is visited by its class's cursor at most once between sweeps, in list order,
//     so a cell is handed out only once; a sweep resets the cursors to the list heads;
//   - under AddressSanitizer every free cell is poisoned (poison.hpp);
//   - a page of one class holds cells of that class only, at its class's cell starts; a lent
//     page (below) also holds the cells of the class it had before, at that class's starts,
//     as the set bits of `foreign`, a subset of `allocated`; no two cells overlap;
//   - a page with no allocated cell after a sweep leaves its class for the spare list (ready
//     for any class) when the sweep ends, unless an allocation cursor holds it; spares beyond
//     max(kSparePages, pages in use) go back to the system, so that a heap that is about to regrow
//     to its old size finds its pages already mapped: kTrimAtOnce of them when the sweep ends,
//     the rest through trim_some (the collector's next steps), to keep each pause short.
//
// Lent pages. A page is freed only when its last cell dies, so a program that drops most
// cells of one size and then allocates cells of another strands memory: a million 64-byte
// tables replaced at random by 80-byte ones leave every 64-byte page with a few live cells
// and none empty (bigtable in scripts/bench/gc). Nothing moves, so the survivors stay; their
// page instead changes class. A sweep that leaves a page of one class at most half full notes
// it as sparse; when a class needs a page and has none with free cells, it takes a sparse page
// of another class that has room for a quarter page of its cells, before a spare or new page,
// provided the other class has cells to spare: more free than it took in the last cycle, and a
// page more (else it would soon need a new page itself: in binary trees, where every size is
// allocated as fast as it dies, lending cost 16 pages of 175). The page joins its new class's
// list, keeping a copy of its allocated bits as `foreign` (the cells of `foreign_class`); its
// free cells are then the new class's cell starts whose whole cell misses every foreign cell,
// computed a bitmap word at a time when the cursor reaches the word, so `take` is unchanged.
// The sweep frees foreign cells like any other (their size from foreign_class) and drops the
// bitmap when the last one dies: the page is then an ordinary page of its new class.
#pragma once

#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "heap/chunk.hpp"
#include "heap/poison.hpp"

namespace tycho::heap {

inline constexpr size_t kPageSize = 64 * 1024;
inline constexpr size_t kGranule = 16;
inline constexpr size_t kGranulesPerPage = kPageSize / kGranule;
inline constexpr size_t kBitmapWords = kGranulesPerPage / 64;
inline constexpr size_t kSparePages = 16;

inline constexpr size_t kNumClasses = 16;
inline constexpr std::array<uint32_t, kNumClasses> kClassSize = {
    16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512};
inline constexpr size_t kMaxClassSize = 512;

// Size class by granule count ((size + 15) / 16, 0 through 32).
inline constexpr std::array<uint8_t, kMaxClassSize / kGranule + 1> kClassOfGranules = [] {
  std::array<uint8_t, kMaxClassSize / kGranule + 1> table{};
  size_t cls = 0;
  for (size_t g = 0; g < table.size(); ++g) {
    while (kClassSize[cls] < g * kGranule) ++cls;
    table[g] = static_cast<uint8_t>(cls);
  }
  return table;
}();

constexpr unsigned size_class_of(size_t size) {
  return kClassOfGranules[(size + kGranule - 1) / kGranule];
}

struct PageHeader {
  uint64_t allocated[kBitmapWords];
  uint64_t marked[kBitmapWords];
  PageHeader* next;  // next page of the same class, or of the spare list
  PageHeader* prev;  // previous page of the same class (null: the first)
  uint32_t cell_size;
  uint32_t cell_count;
  uint32_t first_offset;  // of cell 0 from the page start
  uint32_t size_class;
  uint32_t free_cells;     // as of the last sweep (or creation): 0 lets the cursor skip the page
  uint32_t swept_epoch;    // == SlabSpace's epoch once the current lazy sweep has swept it
  uint32_t index;          // in SlabSpace's vector of the pages in use
  uint64_t* foreign;       // lent page: cells of foreign_class still allocated (else null)
  uint32_t foreign_class;  // lent page: the class its foreign cells belong to
  uint32_t lent_slot;      // lent page: its entry in SlabSpace::lent_
};
inline constexpr size_t kPageHeaderSize = (sizeof(PageHeader) + kGranule - 1) & ~(kGranule - 1);

inline constexpr uint32_t cells_per_page(size_t cls) {
  return static_cast<uint32_t>((kPageSize - kPageHeaderSize) / kClassSize[cls]);
}

// For each class, the granules of a page that start a cell.
inline constexpr auto kCellStarts = [] {
  std::array<std::array<uint64_t, kBitmapWords>, kNumClasses> starts{};
  for (size_t cls = 0; cls < kNumClasses; ++cls) {
    for (size_t i = 0; i < cells_per_page(cls); ++i) {
      const size_t g = (kPageHeaderSize + i * kClassSize[cls]) / kGranule;
      starts[cls][g / 64] |= uint64_t{1} << (g % 64);
    }
  }
  return starts;
}();

inline PageHeader* page_of(const void* p) {
  return reinterpret_cast<PageHeader*>(reinterpret_cast<uintptr_t>(p) & ~uintptr_t{kPageSize - 1});
}
inline size_t granule_of(const void* p) {
  return (reinterpret_cast<uintptr_t>(p) & (kPageSize - 1)) / kGranule;
}
inline uint64_t bit_of(size_t granule) { return uint64_t{1} << (granule & 63); }

// The starts of bitmap word `w` at which a cell of `granules` granules misses every cell that
// starts at a set bit of `cells` (a page's bitmap of cells of `cell_granules` granules each).
uint64_t room_between(const uint64_t* cells, size_t cell_granules, size_t w, size_t granules);

// The free cell starts of class `cls` in bitmap word `w` of a page with these allocated bits
// whose cells of `foreign_class` (the set bits of `foreign`) stay where they are.
inline uint64_t starts_around(const uint64_t* allocated, const uint64_t* foreign,
                              unsigned foreign_class, size_t w, unsigned cls) {
  const uint64_t bits = kCellStarts[cls][w] & ~allocated[w];
  if (bits == 0) return 0;
  return bits &
         room_between(foreign, kClassSize[foreign_class] / kGranule, w, kClassSize[cls] / kGranule);
}

// A class's allocation cursor: the free cell starts left in one word of one page.
struct CellCursor {
  uint64_t bits = 0;              // free cells not yet handed out, as granule bits of the word
  char* base = nullptr;           // address of the word's granule 0
  uint64_t* allocated = nullptr;  // the word in the page's allocated bitmap
  PageHeader* page = nullptr;     // current page (null: none yet)
  size_t word = 0;                // index of the word in the page's bitmaps
  PageHeader* scan = nullptr;     // next page of the class to look at
};

class SlabSpace {
 public:
  SlabSpace();
  ~SlabSpace();
  SlabSpace(const SlabSpace&) = delete;
  SlabSpace& operator=(const SlabSpace&) = delete;

  // Fast path of allocation, used inline by the Heap: whether class `cls` has a free cell at
  // hand, and taking it.
  bool has_free(unsigned cls) const { return cursor_[cls].bits != 0; }
  void* take(unsigned cls) {
    CellCursor& c = cursor_[cls];
    const uint64_t bits = c.bits;
    const uint64_t lowest = bits & (~bits + 1);
    c.bits = bits ^ lowest;
    *c.allocated |= lowest;
    void* cell = c.base + static_cast<size_t>(__builtin_ctzll(bits)) * kGranule;
    unpoison(cell, kClassSize[cls]);
    return cell;
  }
  // Move class `cls`'s cursor to its next free cell (a later page, a spare or a new one).
  // False when the system has no memory left.
  bool refill(unsigned cls);

  // Mark bits only on allocated cells (the invariants above): asserted in debug builds.
  static bool mark(const void* cell) {
    PageHeader* page = page_of(cell);
    const size_t g = granule_of(cell);
    assert((page->allocated[g / 64] & bit_of(g)) != 0 && "mark of a free cell");
    uint64_t& word = page->marked[g / 64];
    if (word & bit_of(g)) return false;
    word |= bit_of(g);
    return true;
  }
  static void unmark(const void* cell) {
    const size_t g = granule_of(cell);
    assert((page_of(cell)->allocated[g / 64] & bit_of(g)) != 0 && "unmark of a free cell");
    page_of(cell)->marked[g / 64] &= ~bit_of(g);
  }
  static bool is_marked(const void* cell) {
    const size_t g = granule_of(cell);
    assert((page_of(cell)->allocated[g / 64] & bit_of(g)) != 0 && "mark query on a free cell");
    return (page_of(cell)->marked[g / 64] & bit_of(g)) != 0;
  }

  // Report every dead (allocated, unmarked) cell, freeing nothing: an eager sweep reports
  // all of them first, while every dead cell is still intact, then sweeps.
  void report_dead(void (*on_dead)(void* ctx, void* cell), void* ctx) const;

  // Sweeping is lazy: begin_lazy_sweep() makes every page unswept, in time independent of the
  // heap's size; a page is then swept (its dead cells reported to on_dead and freed) by
  // sweep_some() or when the allocation cursor reaches it, whichever comes first, so cells
  // are only handed out from swept pages. on_dead may run inside an allocation: it must not
  // allocate, mark, or read payloads (the arenas' marks are final before cells are reported).
  // The bytes of the dead cells freed so far are collected by take_swept_bytes().
  void begin_lazy_sweep(void (*on_dead)(void* ctx, void* cell), void* ctx);
  bool sweep_some(size_t pages);  // true when every page is swept
  size_t take_swept_bytes() {
    const size_t n = swept_bytes_;
    swept_bytes_ = 0;
    return n;
  }
  // Sticky marks (generational mode): sweeps free the unmarked cells but leave the marks of
  // the survivors, which then stay marked ("old") until clear_marks().
  void set_sticky(bool on) { sticky_ = on; }
  bool lazy_sweeping() const { return lazy_; }
  bool is_swept(const void* cell) const { return !lazy_ || page_of(cell)->swept_epoch == epoch_; }
  void clear_marks();

  void for_each_cell(void (*fn)(void* ctx, void* cell), void* ctx) const;
  void for_each_cell(unsigned cls, void (*fn)(void* ctx, void* cell), void* ctx) const;
  bool is_allocated(const void* p) const;  // safe for any address
  size_t page_count() const { return pages_in_use_; }
  size_t lent_page_count() const { return lent_.size(); }  // pages holding two classes' cells
  size_t spare_count() const { return spare_count_; }
  // Give spare pages beyond the ones kept back to the system, at most `n` of them (each is a
  // system call that frees its memory: tens of microseconds); true when none is left over.
  bool trim_some(size_t n);
  const char* check() const;  // consistency of the bitmaps (tests): empty string when fine

 private:
  PageHeader* new_page(unsigned cls);
  PageHeader* borrow_page(unsigned cls);  // a sparse page of another class, lent to `cls`
  // The free cell starts of class `cls` in bitmap word `w` of a page of that class.
  static uint64_t free_starts(const PageHeader* page, size_t w, unsigned cls) {
    if (page->foreign == nullptr) return kCellStarts[cls][w] & ~page->allocated[w];
    return starts_around(page->allocated, page->foreign, page->foreign_class, w, cls);
  }
  void sweep_page(PageHeader* page);
  void end_lazy_sweep();
  void unlink_page(PageHeader* page);   // from its class's list
  void drop_foreign(PageHeader* page);  // the page holds its own class's cells only again
  void retire_page(PageHeader* page);   // unlink from its class and the vector, to the spares
  const std::vector<uintptr_t>& page_index() const;

  CellCursor cursor_[kNumClasses];
  PageHeader* pages_[kNumClasses] = {};  // pages in use, per class
  PageHeader* spare_ = nullptr;
  size_t spare_count_ = 0;
  size_t pages_in_use_ = 0;
  // Lazy sweep state.
  bool lazy_ = false;
  bool sticky_ = false;
  uint32_t epoch_ = 0;
  // The lazy sweep's position: in_use_[0, sweep_next_) are the pages it has still to look at
  // (pages made since it began come after them: they need no sweep). An index, not a copy of
  // the list: growing a copy at the start of a sweep was a 3.4 ms step (bigtable), glibc
  // trimming its heap when the old copy was freed.
  size_t sweep_next_ = 0;
  std::vector<PageHeader*> emptied_;  // pages a sweep left without cells (to retire)
  // Pages of one class that the current sweep left at most half full, to lend (the
  // vector is cleared when the next sweep begins, so every page in it is still in use).
  std::vector<PageHeader*> sparse_;
  // What each class needs: the cells its cursor took up since the current sweep began
  // (counted a page at a time, in refill), and in the cycle before; and the free cells
  // that the current sweep has found on its pages so far. A class lends a page only while it
  // keeps more free cells than it took in the last cycle: one allocating as much as it frees
  // (binary trees, at every size) needs its sparse pages itself.
  size_t handed_[kNumClasses] = {};
  size_t last_handed_[kNumClasses] = {};
  size_t free_after_[kNumClasses] = {};
  // The foreign bitmaps of the lent pages, owned here rather than through the pages (mapped
  // memory, which leak checkers do not scan), so that they are seen and freed with the heap.
  struct LentPage {
    PageHeader* page;
    std::unique_ptr<uint64_t[]> foreign;
  };
  std::vector<LentPage> lent_;
  size_t swept_bytes_ = 0;
  std::vector<PageHeader*> in_use_;  // every page in use, page->index its position
  void (*on_dead_)(void* ctx, void* cell) = nullptr;
  void* on_dead_ctx_ = nullptr;
  ChunkSource chunks_{kPageSize, 16};
  // Sorted addresses of the pages in use, rebuilt on demand for is_allocated().
  mutable std::vector<uintptr_t> index_;
  mutable bool index_dirty_ = true;
};

}  // namespace tycho::heap
