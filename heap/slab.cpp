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

}  // namespace

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
        const uint64_t bits = kCellStarts[cls][w] & ~c.page->allocated[w];
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
    // spare or new page.
    PageHeader* page = c.scan;
    while (page != nullptr) {
      if (lazy_ && page->swept_epoch != epoch_) sweep_page(page);  // before any cell of it
      if (page->free_cells != 0) break;
      page = page->next;
    }
    if (page != nullptr) {
      c.scan = page->next;
    } else {
      page = new_page(cls);
      if (page == nullptr) return false;
    }
    c.page = page;
    c.word = SIZE_MAX;  // the loop above starts at word 0
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
  for (unsigned cls = 0; cls < kNumClasses; ++cls) {
    cursor_[cls] = CellCursor{};
    cursor_[cls].scan = pages_[cls];
  }
}

void SlabSpace::sweep_page(PageHeader* page) {
  page->swept_epoch = epoch_;
  size_t live = 0;
  for (size_t w = 0; w < kBitmapWords; ++w) {
    const uint64_t dead = page->allocated[w] & ~page->marked[w];
    if (dead != 0) {
      if (on_dead_ != nullptr) {
        for_each_bit(dead, w,
                     [&](size_t g) { on_dead_(on_dead_ctx_, page_base(page) + g * kGranule); });
      }
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
  page->free_cells = static_cast<uint32_t>(page->cell_count - live);
  if (live == 0) emptied_.push_back(page);
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

void SlabSpace::retire_page(PageHeader* page) {
  if (page->prev != nullptr) {
    page->prev->next = page->next;
  } else {
    pages_[page->size_class] = page->next;
  }
  if (page->next != nullptr) page->next->prev = page->prev;
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

void SlabSpace::clear_marks() {
  for (PageHeader* list : pages_) {
    for (PageHeader* page = list; page != nullptr; page = page->next) {
      std::memset(page->marked, 0, sizeof(page->marked));
    }
  }
}

void SlabSpace::for_each_cell(void (*fn)(void* ctx, void* cell), void* ctx) const {
  for (unsigned cls = 0; cls < kNumClasses; ++cls) for_each_cell(cls, fn, ctx);
}

void SlabSpace::for_each_cell(unsigned cls, void (*fn)(void* ctx, void* cell), void* ctx) const {
  for (PageHeader* page = pages_[cls]; page != nullptr; page = page->next) {
    for (size_t w = 0; w < kBitmapWords; ++w) {
      for_each_bit(page->allocated[w], w, [&](size_t g) { fn(ctx, page_base(page) + g * kGranule); });
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
      for (size_t w = 0; w < kBitmapWords; ++w) {
        if ((page->allocated[w] & ~kCellStarts[cls][w]) != 0) return "allocated bit off a cell";
        if ((page->marked[w] & ~page->allocated[w]) != 0) return "mark bit on a free cell";
      }
    }
    const CellCursor& c = cursor_[cls];
    if (c.bits != 0 && (c.page == nullptr || (*c.allocated & c.bits) != 0)) {
      return "allocation cursor holds allocated cells";
    }
  }
  if (pages != pages_in_use_) return "page count out of step";
  return "";
}

}  // namespace tycho::heap
