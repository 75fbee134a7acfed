#include "heap/slab.hpp"

#include <algorithm>
#include <cstring>
#include <new>

namespace tycho::heap {

static_assert(kPageHeaderSize + kMaxClassSize <= kPageSize);
static_assert(kClassSize[kNumClasses - 1] == kMaxClassSize);

namespace {

char* page_base(PageHeader* page) { return reinterpret_cast<char*>(page); }

bool bit_is_set(const uint64_t* bits, size_t g) { return (bits[g / 64] & bit_of(g)) != 0; }

template <typename Fn>
void for_each_bit(uint64_t bits, size_t word, Fn&& fn) {
  while (bits != 0) {
    fn(word * 64 + static_cast<size_t>(__builtin_ctzll(bits)));
    bits &= bits - 1;
  }
}

// Bits spread upward: each set bit s of `starts` becomes the run s .. s + len - 1.
unsigned __int128 spread(unsigned __int128 starts, size_t len) {
  size_t done = 1;
  for (; done * 2 <= len; done *= 2) starts |= starts << done;
  if (done < len) starts |= starts << (len - done);
  return starts;
}

// A page is sparse when a sweep leaves it at most half full (1 / kSparseShare of its cells
// allocated); it is lent to a class only with room for a quarter page of that class's cells.
constexpr size_t kSparseShare = 2;
constexpr size_t kLendShare = 4;
// Sparse pages looked at for one borrowing, at most (each costs a pass over the bitmaps).
constexpr size_t kBorrowTries = 8;

}  // namespace

uint64_t room_between(const uint64_t* cells, size_t cell_granules, size_t w, size_t granules) {
  using u128 = unsigned __int128;
  const uint64_t prev = w > 0 ? cells[w - 1] : 0;
  const uint64_t here = cells[w];
  const uint64_t next = w + 1 < kBitmapWords ? cells[w + 1] : 0;
  if ((prev | here | next) == 0) return ~uint64_t{0};
  // The granules the cells cover, in this word and the next (cells span at most two words).
  const auto covered_here =
      static_cast<uint64_t>(spread(u128{prev} | u128{here} << 64, cell_granules) >> 64);
  const auto covered_next =
      w + 1 < kBitmapWords
          ? static_cast<uint64_t>(spread(u128{here} | u128{next} << 64, cell_granules) >> 64)
          : ~uint64_t{0};
  // Starts whose `granules` granules are all uncovered.
  u128 fits = ~(u128{covered_here} | u128{covered_next} << 64);
  size_t done = 1;
  for (; done * 2 <= granules; done *= 2) fits &= fits >> done;
  if (done < granules) fits &= fits >> (granules - done);
  return static_cast<uint64_t>(fits);
}

SlabSpace::SlabSpace() = default;

SlabSpace::~SlabSpace() {
  for (PageHeader*& list : pages_) {
    while (list != nullptr) {
      PageHeader* next = list->next;
      chunks_.release(list);
      list = next;
    }
  }
  while (spare_ != nullptr) {
    PageHeader* next = spare_->next;
    chunks_.release(spare_);
    spare_ = next;
  }
}

bool SlabSpace::refill(unsigned cls) {
  CellCursor& c = cursor_[cls];
  for (;;) {
    if (c.page != nullptr) {
      for (size_t w = c.word + 1; w < kBitmapWords; ++w) {
        const uint64_t bits = free_starts(c.page, w, cls);
        if (bits != 0) {
          c.bits = bits;
          c.word = w;
          c.base = page_base(c.page) + w * 64 * kGranule;
          c.allocated = &c.page->allocated[w];
          return true;
        }
      }
    }
    // The current page is used up: the next one of the class that has free cells, else a
    // sparse page of another class, a spare or a new page.
    PageHeader* page = c.scan;
    while (page != nullptr) {
      if (lazy_ && page->swept_epoch != epoch_) sweep_page(page);  // before any cell of it
      if (page->free_cells != 0) break;
      page = page->next;
    }
    if (page != nullptr) {
      c.scan = page->next;
    } else {
      page = borrow_page(cls);
      if (page == nullptr) page = new_page(cls);
      if (page == nullptr) return false;
    }
    c.page = page;
    c.word = SIZE_MAX;                 // the loop above starts at word 0
    handed_[cls] += page->free_cells;  // the cursor takes them all (or a lent page's fewer)
  }
}

PageHeader* SlabSpace::new_page(unsigned cls) {
  PageHeader* page = spare_;
  if (page != nullptr) {
    spare_ = page->next;
    --spare_count_;
    std::memset(page, 0, sizeof(PageHeader));  // the bitmaps; cells need no clearing
  } else {
    void* chunk = chunks_.acquire();
    if (chunk == nullptr) return nullptr;
    page = new (chunk) PageHeader{};
  }
  page->cell_size = kClassSize[cls];
  page->first_offset = static_cast<uint32_t>(kPageHeaderSize);
  page->cell_count = cells_per_page(cls);
  page->size_class = cls;
  page->free_cells = page->cell_count;
  page->swept_epoch = epoch_;
  page->prev = nullptr;
  page->next = pages_[cls];  // in front of the cursor's scan: visited now, and only now
  if (page->next != nullptr) page->next->prev = page;
  pages_[cls] = page;
  page->index = static_cast<uint32_t>(in_use_.size());
  in_use_.push_back(page);
  ++pages_in_use_;
  index_dirty_ = true;
  poison(page_base(page) + page->first_offset, size_t{page->cell_count} * page->cell_size);
  return page;
}

// Up to kBorrowTries sparse pages are looked at, newest first. One that another class's cursor
// holds stays for later; the rest leave the list, lent or not: a page of `cls` itself has been
// through its cursor, which took every free cell (`cls` borrows only when its own pages are used
// up), and a page without room enough is looked at again only when a sweep finds it sparse.
PageHeader* SlabSpace::borrow_page(unsigned cls) {
  size_t i = sparse_.size();
  for (size_t looked = 0; i > 0 && looked < kBorrowTries; ++looked) {
    PageHeader* page = sparse_[--i];
    const unsigned from = page->size_class;
    if (from != cls && page == cursor_[from].page) continue;
    sparse_[i] = sparse_.back();
    sparse_.pop_back();
    assert(page->foreign == nullptr && "sparse pages are of one class");
    if (from == cls) continue;
    size_t live = 0;
    for (size_t w = 0; w < kBitmapWords; ++w) live += popcount64(page->allocated[w]);
    if (live * kSparseShare > page->cell_count) continue;  // its class has filled it since
    // Without it, its class keeps more free cells than it took in the whole last cycle, and a
    // page's worth besides (a class of one page keeps it: lent away, its next cell would take a
    // new page).
    const size_t spare_cells = free_after_[from] - std::min(free_after_[from], handed_[from]);
    if (spare_cells < page->cell_count - live + last_handed_[from] + page->cell_count) continue;
    size_t room = 0;  // every allocated cell would be foreign
    for (size_t w = 0; w < kBitmapWords; ++w) {
      room += popcount64(starts_around(page->allocated, page->allocated, from, w, cls));
    }
    if (room * kLendShare < cells_per_page(cls)) continue;
    uint64_t* foreign = nullptr;
    try {
      lent_.push_back({page, std::make_unique<uint64_t[]>(kBitmapWords)});
      foreign = lent_.back().foreign.get();
    } catch (const std::bad_alloc&) {
      return nullptr;
    }
    std::memcpy(foreign, page->allocated, sizeof(page->allocated));
    if (cursor_[from].scan == page) cursor_[from].scan = page->next;
    unlink_page(page);
    page->foreign = foreign;
    page->foreign_class = from;
    free_after_[from] -= page->cell_count - live;
    page->lent_slot = static_cast<uint32_t>(lent_.size() - 1);
    page->size_class = cls;
    page->cell_size = kClassSize[cls];
    page->cell_count = cells_per_page(cls);
    page->free_cells = static_cast<uint32_t>(room);
    page->prev = nullptr;
    page->next = pages_[cls];  // in front of the cursor's scan, as a new page
    if (page->next != nullptr) page->next->prev = page;
    pages_[cls] = page;
    return page;
  }
  return nullptr;
}

void SlabSpace::drop_foreign(PageHeader* page) {
  LentPage& slot = lent_[page->lent_slot];
  slot = std::move(lent_.back());
  slot.page->lent_slot = page->lent_slot;
  lent_.pop_back();
  page->foreign = nullptr;
}

void SlabSpace::report_dead(void (*on_dead)(void* ctx, void* cell), void* ctx) const {
  if (on_dead == nullptr) return;
  for (PageHeader* list : pages_) {
    for (PageHeader* page = list; page != nullptr; page = page->next) {
      for (size_t w = 0; w < kBitmapWords; ++w) {
        for_each_bit(page->allocated[w] & ~page->marked[w], w,
                     [&](size_t g) { on_dead(ctx, page_base(page) + g * kGranule); });
      }
    }
  }
}

void SlabSpace::begin_lazy_sweep(void (*on_dead)(void* ctx, void* cell), void* ctx) {
  if (lazy_) sweep_some(SIZE_MAX);
  ++epoch_;
  lazy_ = true;
  on_dead_ = on_dead;
  on_dead_ctx_ = ctx;
  sweep_next_ = in_use_.size();
  sparse_.clear();
  for (unsigned cls = 0; cls < kNumClasses; ++cls) {
    last_handed_[cls] = handed_[cls];
    handed_[cls] = 0;
    free_after_[cls] = 0;
    cursor_[cls] = CellCursor{};
    cursor_[cls].scan = pages_[cls];
  }
}

void SlabSpace::sweep_page(PageHeader* page) {
  page->swept_epoch = epoch_;
  auto report = [&](uint64_t dead, size_t w) {
    if (on_dead_ != nullptr) {
      for_each_bit(dead, w,
                   [&](size_t g) { on_dead_(on_dead_ctx_, page_base(page) + g * kGranule); });
    }
  };
  size_t live = 0;
  size_t live_foreign = 0;
  if (page->foreign == nullptr) [[likely]] {
    for (size_t w = 0; w < kBitmapWords; ++w) {
      const uint64_t dead = page->allocated[w] & ~page->marked[w];
      if (dead != 0) {
        report(dead, w);
        if constexpr (kPoisoning) {
          for_each_bit(dead, w,
                       [&](size_t g) { poison(page_base(page) + g * kGranule, page->cell_size); });
        }
        page->allocated[w] &= ~dead;
        swept_bytes_ += popcount64(dead) * page->cell_size;
      }
      if (!sticky_) page->marked[w] = 0;
      live += popcount64(page->allocated[w]);
    }
  } else {
    // A lent page: foreign cells have their own size, and leave `foreign` when they die.
    uint64_t* const foreign = page->foreign;
    const size_t foreign_size = kClassSize[page->foreign_class];
    for (size_t w = 0; w < kBitmapWords; ++w) {
      const uint64_t dead = page->allocated[w] & ~page->marked[w];
      if (dead != 0) {
        const uint64_t dead_foreign = dead & foreign[w];
        report(dead, w);
        if constexpr (kPoisoning) {
          for_each_bit(dead, w, [&](size_t g) {
            poison(page_base(page) + g * kGranule,
                   (dead_foreign & bit_of(g)) != 0 ? foreign_size : page->cell_size);
          });
        }
        page->allocated[w] &= ~dead;
        foreign[w] &= ~dead;
        swept_bytes_ += popcount64(dead ^ dead_foreign) * page->cell_size +
                        popcount64(dead_foreign) * foreign_size;
      }
      if (!sticky_) page->marked[w] = 0;
      live += popcount64(page->allocated[w]);
      live_foreign += popcount64(foreign[w]);
    }
    if (live_foreign == 0) drop_foreign(page);  // an ordinary page of its class again
  }
  // (A lent page's count is an upper bound: foreign cells may leave less room.)
  page->free_cells = static_cast<uint32_t>(page->cell_count - (live - live_foreign));
  free_after_[page->size_class] += page->free_cells;
  if (live == 0) {
    emptied_.push_back(page);
  } else if (page->foreign == nullptr && live * kSparseShare <= page->cell_count) {
    sparse_.push_back(page);
  }
}

bool SlabSpace::sweep_some(size_t pages) {
  while (pages > 0 && sweep_next_ > 0) {
    PageHeader* page = in_use_[--sweep_next_];
    if (page->swept_epoch != epoch_) {
      sweep_page(page);
      --pages;
    }
  }
  if (sweep_next_ > 0) return false;
  if (lazy_) end_lazy_sweep();
  return true;
}

// Every page is swept: pages left empty go back to the spares, except one an allocation cursor
// holds or has handed cells out from since (it is no longer empty).
void SlabSpace::end_lazy_sweep() {
  lazy_ = false;
  for (PageHeader* page : emptied_) {
    CellCursor& c = cursor_[page->size_class];
    if (page == c.page) continue;
    bool empty = true;
    for (size_t w = 0; w < kBitmapWords && empty; ++w) empty = page->allocated[w] == 0;
    if (!empty) continue;
    if (c.scan == page) c.scan = page->next;
    retire_page(page);
  }
  emptied_.clear();
  trim_some(kTrimAtOnce);
}

void SlabSpace::unlink_page(PageHeader* page) {
  if (page->prev != nullptr) {
    page->prev->next = page->next;
  } else {
    pages_[page->size_class] = page->next;
  }
  if (page->next != nullptr) page->next->prev = page->prev;
}

void SlabSpace::retire_page(PageHeader* page) {
  unlink_page(page);
  assert(page->foreign == nullptr && "the sweep that emptied it dropped its foreign bitmap");
  PageHeader* last = in_use_.back();
  in_use_[page->index] = last;
  last->index = page->index;
  in_use_.pop_back();
  --pages_in_use_;
  index_dirty_ = true;
  page->next = spare_;
  spare_ = page;
  ++spare_count_;
}

bool SlabSpace::trim_some(size_t n) {
  for (; spare_count_ > std::max(kSparePages, pages_in_use_); --n) {
    if (n == 0) return false;
    PageHeader* page = spare_;
    spare_ = page->next;
    --spare_count_;
    chunks_.release(page);
  }
  return true;
}

// Over the vector, not the class lists: following `next` from page to page waits for each
// page's header line in turn (bigtable, 2413 pages: 0.44-1.01 ms in a major cycle's first
// step; 0.20-0.31 ms over the vector).
void SlabSpace::clear_marks() {
  for (PageHeader* page : in_use_) std::memset(page->marked, 0, sizeof(page->marked));
}

void SlabSpace::for_each_cell(void (*fn)(void* ctx, void* cell), void* ctx) const {
  for (PageHeader* page : in_use_) {
    for (size_t w = 0; w < kBitmapWords; ++w) {
      for_each_bit(page->allocated[w], w,
                   [&](size_t g) { fn(ctx, page_base(page) + g * kGranule); });
    }
  }
}

// Lent pages hold cells of two classes: a class's cells are those of its own pages that are
// not foreign, and the foreign cells of the pages lent away.
void SlabSpace::for_each_cell(unsigned cls, void (*fn)(void* ctx, void* cell), void* ctx) const {
  for (PageHeader* page : in_use_) {
    const bool own = page->size_class == cls;
    const bool lent = page->foreign != nullptr && page->foreign_class == cls;
    if (!own && !lent) continue;
    for (size_t w = 0; w < kBitmapWords; ++w) {
      const uint64_t foreign = page->foreign != nullptr ? page->foreign[w] : 0;
      const uint64_t cells = page->allocated[w] & ((own ? ~foreign : 0) | (lent ? foreign : 0));
      for_each_bit(cells, w, [&](size_t g) { fn(ctx, page_base(page) + g * kGranule); });
    }
  }
}

const std::vector<uintptr_t>& SlabSpace::page_index() const {
  if (index_dirty_) {
    index_.clear();
    for (PageHeader* list : pages_) {
      for (PageHeader* page = list; page != nullptr; page = page->next) {
        index_.push_back(reinterpret_cast<uintptr_t>(page));
      }
    }
    std::sort(index_.begin(), index_.end());
    index_dirty_ = false;
  }
  return index_;
}

bool SlabSpace::is_allocated(const void* p) const {
  const uintptr_t addr = reinterpret_cast<uintptr_t>(p);
  const uintptr_t base = addr & ~uintptr_t{kPageSize - 1};
  const std::vector<uintptr_t>& index = page_index();
  if (!std::binary_search(index.begin(), index.end(), base)) return false;
  const auto* page = reinterpret_cast<const PageHeader*>(base);
  const size_t g = granule_of(p);
  // Bits are set only at cell starts, so a set bit at p's granule means p starts a live
  // cell, provided p is the granule's first byte.
  return addr % kGranule == 0 && bit_is_set(page->allocated, g);
}

const char* SlabSpace::check() const {
  size_t pages = 0;
  for (unsigned cls = 0; cls < kNumClasses; ++cls) {
    for (PageHeader* page = pages_[cls]; page != nullptr; page = page->next) {
      ++pages;
      if (page->size_class != cls) return "page on the list of another class";
      const uint64_t* foreign = page->foreign;
      for (size_t w = 0; w < kBitmapWords; ++w) {
        const uint64_t own = page->allocated[w] & ~(foreign != nullptr ? foreign[w] : 0);
        if ((own & ~kCellStarts[cls][w]) != 0) return "allocated bit off a cell";
        if ((page->marked[w] & ~page->allocated[w]) != 0) return "mark bit on a free cell";
        if (foreign == nullptr) continue;
        const unsigned from = page->foreign_class;
        if ((foreign[w] & ~page->allocated[w]) != 0) return "foreign bit on a free cell";
        if ((foreign[w] & ~kCellStarts[from][w]) != 0) return "foreign bit off a cell";
        const uint64_t room =
            room_between(foreign, kClassSize[from] / kGranule, w, kClassSize[cls] / kGranule);
        if ((own & ~room) != 0) return "cell overlapping a foreign cell";
      }
    }
    const CellCursor& c = cursor_[cls];
    if (c.bits != 0 && (c.page == nullptr || (*c.allocated & c.bits) != 0)) {
      return "allocation cursor holds allocated cells";
    }
  }
  if (pages != pages_in_use_) return "page count out of step";
  size_t lent = 0;
  for (const PageHeader* page : in_use_) lent += page->foreign != nullptr;
  if (lent != lent_.size()) return "lent page count out of step";
  for (size_t i = 0; i < lent_.size(); ++i) {
    if (lent_[i].page->foreign != lent_[i].foreign.get() || lent_[i].page->lent_slot != i) {
      return "lent page's bitmap out of step";
    }
  }
  return "";
}

}  // namespace tycho::heap
