#include "heap/heap.hpp"

#include <algorithm>
#include <cassert>

namespace tycho::heap {

Heap::Heap(HeapOptions options) { set_limit(options.limit_bytes); }

Heap::~Heap() = default;  // the spaces release their chunks

void Heap::set_limit(size_t bytes) {
  limit_ = bytes;
  update_alloc_limit();
}

void Heap::update_alloc_limit() {
  alloc_limit_ = (limit_ == 0 || freed_ > SIZE_MAX - limit_) ? SIZE_MAX : freed_ + limit_;
}

void* Heap::allocate_cell_slow(size_t size) {
  assert(size <= kMaxCellSize && "objects over kMaxCellSize keep their tail in a payload");
  if (size > kMaxCellSize) return nullptr;
  const unsigned cls = size_class_of(size);
  const size_t bytes = kClassSize[cls];
  if (!within_limit(bytes)) return nullptr;
  if (!slabs_.has_free(cls) && !slabs_.refill(cls)) return nullptr;
  allocated_ += bytes;
  return slabs_.take(cls);
}

void* Heap::allocate_payload_slow(size_t size) {
  if (size == 0) return empty_payload_;
  const size_t bytes = (size + 15) & ~size_t{15};
  if (bytes < size || !within_limit(bytes)) return nullptr;
  void* p = size > kLargeThreshold ? large_.allocate(size) : arena_.allocate_slow(bytes);
  if (p != nullptr) allocated_ += bytes;
  return p;
}

void Heap::free_payload(void* p, size_t size) {
  if (p == nullptr || size == 0) return;
  peak_ = peak_bytes();
  freed_ += (size + 15) & ~size_t{15};
  update_alloc_limit();
  if (size > kLargeThreshold) {
    large_.release(p);
  } else {
    poison(p, (size + 15) & ~size_t{15});
  }
}

void Heap::begin_lazy_sweep(void (*on_dead)(void* ctx, void* cell), void* ctx) {
  if (slabs_.lazy_sweeping()) slabs_.sweep_some(SIZE_MAX);
  peak_ = peak_bytes();
  size_t live = slabs_.begin_lazy_sweep(on_dead, ctx);
  arena_.sweep();
  live += marked_payload_bytes_ + large_.sweep();
  marked_payload_bytes_ = 0;
  live = std::min(live, bytes_in_use());
  freed_ = allocated_ - live;
  update_alloc_limit();
}

void Heap::sweep(void (*on_dead)(void* ctx, void* cell), void* ctx) {
  if (slabs_.lazy_sweeping()) slabs_.sweep_some(SIZE_MAX);
  // Report first, free after: on_dead may read any dead cell or payload (and free payloads).
  slabs_.report_dead(on_dead, ctx);
  peak_ = peak_bytes();
  size_t live = slabs_.rebuild();
  arena_.sweep();
  live += marked_payload_bytes_ + large_.sweep();
  marked_payload_bytes_ = 0;
  // Payloads freed by on_dead have already left the accounting; never let freed_ go back.
  live = std::min(live, bytes_in_use());
  freed_ = allocated_ - live;
  update_alloc_limit();
}

void Heap::clear_marks() {
  if (slabs_.lazy_sweeping()) slabs_.sweep_some(SIZE_MAX);  // unswept pages need their marks
  slabs_.clear_marks();
  arena_.clear_marks();
  large_.clear_marks();
  marked_payload_bytes_ = 0;
}

void Heap::for_each_cell(void (*fn)(void* ctx, void* cell), void* ctx) const {
  slabs_.for_each_cell(fn, ctx);
}

std::string Heap::check() const {
  std::string problem = slabs_.check();
  if (problem.empty() && allocated_ < freed_) problem = "more bytes freed than allocated";
  return problem;
}

}  // namespace tycho::heap
