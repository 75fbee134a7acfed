#include "heap/large.hpp"

#include <algorithm>
#include <cstdlib>

namespace tycho::heap {

LargeSpace::~LargeSpace() {
  while (head_ != nullptr) {
    LargeHeader* next = head_->next;
    std::free(head_);
    head_ = next;
  }
}

void* LargeSpace::allocate(size_t size) {
  const size_t total = (sizeof(LargeHeader) + size + 15) & ~size_t{15};
  if (total < size) return nullptr;  // overflow
  auto* h = static_cast<LargeHeader*>(std::aligned_alloc(16, total));
  if (h == nullptr) return nullptr;
  h->prev = nullptr;
  h->next = head_;
  h->size = size;
  h->marked = 0;
  if (head_ != nullptr) head_->prev = h;
  head_ = h;
  ++count_;
  index_dirty_ = true;
  return h + 1;
}

void LargeSpace::release(void* payload) {
  LargeHeader* h = large_header_of(payload);
  if (h->prev != nullptr) {
    h->prev->next = h->next;
  } else {
    head_ = h->next;
  }
  if (h->next != nullptr) h->next->prev = h->prev;
  --count_;
  index_dirty_ = true;
  std::free(h);
}

void* LargeSpace::reallocate(void* payload, size_t size) {
  const size_t total = (sizeof(LargeHeader) + size + 15) & ~size_t{15};
  if (total < size) return nullptr;
  LargeHeader* old = large_header_of(payload);
  auto* h = static_cast<LargeHeader*>(std::realloc(old, total));
  if (h == nullptr) return nullptr;
  h->size = size;
  if (h != old) {
    if (h->prev != nullptr) {
      h->prev->next = h;
    } else {
      head_ = h;
    }
    if (h->next != nullptr) h->next->prev = h;
  }
  index_dirty_ = true;
  return h + 1;
}

size_t LargeSpace::sweep(bool sticky) {
  size_t live = 0;
  LargeHeader* h = head_;
  while (h != nullptr) {
    LargeHeader* next = h->next;
    if (h->marked != 0) {
      if (!sticky) h->marked = 0;
      live += (h->size + 15) & ~size_t{15};  // accounted rounded, like every payload
    } else {
      release(h + 1);
    }
    h = next;
  }
  return live;
}

void LargeSpace::clear_marks() {
  for (LargeHeader* h = head_; h != nullptr; h = h->next) h->marked = 0;
}

bool LargeSpace::contains(const void* p) const {
  if (index_dirty_) {
    index_.clear();
    for (const LargeHeader* h = head_; h != nullptr; h = h->next) index_.push_back(h);
    std::sort(index_.begin(), index_.end(), std::less<const LargeHeader*>());
    index_dirty_ = false;
  }
  // The last object starting at or below p.
  const auto* addr = static_cast<const char*>(p);
  auto it =
      std::upper_bound(index_.begin(), index_.end(), addr, [](const char* a, const LargeHeader* h) {
        return std::less<const char*>()(a, reinterpret_cast<const char*>(h));
      });
  if (it == index_.begin()) return false;
  const LargeHeader* h = *(it - 1);
  const char* begin = reinterpret_cast<const char*>(h + 1);
  return addr >= begin && addr < begin + h->size;
}

}  // namespace tycho::heap
