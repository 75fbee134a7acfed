#include "heap/immortal.hpp"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#include "heap/slab.hpp"

namespace tycho::heap {

namespace {

std::mutex immortal_lock;
// Every immortal page, linked through PageHeader::next (guarded by immortal_lock). A plain
// pointer, not a container: nothing is destroyed at exit, so leak checkers still see the
// pages reachable.
PageHeader* immortal_pages = nullptr;

}  // namespace

bool allocate_immortal_cells(const size_t* sizes, size_t n, void** cells) {
  size_t total_pages = 0;
  size_t offset = kPageSize;
  for (size_t i = 0; i < n; i++) {
    const size_t bytes = (sizes[i] + kGranule - 1) & ~(kGranule - 1);
    if (bytes == 0 || bytes > kMaxClassSize) return false;
    if (offset + bytes > kPageSize) {
      total_pages++;
      offset = kPageHeaderSize;
    }
    offset += bytes;
  }
  std::vector<PageHeader*> pages;
  for (size_t i = 0; i < total_pages; i++) {
    void* raw = std::aligned_alloc(kPageSize, kPageSize);
    if (raw == nullptr) {
      for (PageHeader* p : pages) std::free(p);
      return false;
    }
    std::memset(raw, 0, kPageHeaderSize);  // the cells are zeroed as they are handed out
    auto* page = static_cast<PageHeader*>(raw);
    page->swept_epoch = UINT32_MAX;
    pages.push_back(page);
  }
  size_t page = 0;
  offset = kPageSize;
  for (size_t i = 0; i < n; i++) {
    const size_t bytes = (sizes[i] + kGranule - 1) & ~(kGranule - 1);
    if (offset + bytes > kPageSize) {
      if (offset != kPageSize) page++;
      offset = kPageHeaderSize;
    }
    char* cell = reinterpret_cast<char*>(pages[page]) + offset;
    offset += bytes;
    std::memset(cell, 0, bytes);
    const size_t g = granule_of(cell);
    pages[page]->allocated[g / 64] |= bit_of(g);
    pages[page]->marked[g / 64] |= bit_of(g);
    pages[page]->cell_count++;
    cells[i] = cell;
  }
  std::lock_guard<std::mutex> hold(immortal_lock);
  for (PageHeader* p : pages) {
    p->next = immortal_pages;
    immortal_pages = p;
  }
  return true;
}

bool is_immortal_cell(const void* p) {
  std::lock_guard<std::mutex> hold(immortal_lock);
  for (PageHeader* page = immortal_pages; page != nullptr; page = page->next) {
    if (page_of(p) == page) {
      const size_t g = granule_of(p);
      return reinterpret_cast<uintptr_t>(p) % kGranule == 0 &&
             (page->allocated[g / 64] & bit_of(g)) != 0;
    }
  }
  return false;
}

}  // namespace tycho::heap
