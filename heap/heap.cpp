#include "heap/heap.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tycho::heap {

#ifdef TYCHO_FAULT_INJECTION
namespace {
std::atomic<uint64_t> g_allocations{0};
uint64_t read_fail_at() {
  const char* v = std::getenv("TYCHO_FAIL_ALLOC");
  return v != nullptr ? std::strtoull(v, nullptr, 10) : 0;
}
}  // namespace

// TYCHO_FAIL_ALLOC=count: no failure; the number of allocations is printed at exit (the
// range a sweep covers).
struct CountAtExit {
  ~CountAtExit() {
    const char* v = std::getenv("TYCHO_FAIL_ALLOC");
    if (v != nullptr && std::strcmp(v, "count") == 0) {
      std::fprintf(stderr, "allocations: %llu\n",
                   static_cast<unsigned long long>(g_allocations.load()));
    }
  }
} g_count_at_exit;

bool inject_failure() {
  static const uint64_t fail_at = read_fail_at();
  return g_allocations.fetch_add(1, std::memory_order_relaxed) + 1 == fail_at;
}
#endif

Heap::Heap(HeapOptions options) { set_limit(options.limit_bytes); }

Heap::~Heap() = default;  // the spaces release their chunks

void Heap::set_limit(size_t bytes) {
  limit_ = bytes;
  update_alloc_limit();
}

void Heap::update_alloc_limit() {
  if (limit_ == 0 || freed_ > SIZE_MAX - limit_) {
    alloc_limit_ = SIZE_MAX;
  } else {
    const size_t cap = freed_ + limit_;
    alloc_limit_ = external_ < cap ? cap - external_ : 0;
  }
}

bool Heap::charge_external(size_t bytes) {
#ifdef TYCHO_FAULT_INJECTION
  if (inject_failure()) return false;
#endif
  if (bytes >= SIZE_MAX / 2 || !within_limit(bytes)) return false;
  external_ += bytes;
  debt_base_ -= bytes;  // pacing: as much debt as an allocation of that size
  update_alloc_limit();
  return true;
}

void Heap::release_external(size_t bytes) {
  assert(bytes <= external_);
  peak_ = peak_bytes();
  external_ -= bytes;
  update_alloc_limit();
}

void* Heap::allocate_cell_slow(size_t size) {
  assert(size <= kMaxCellSize && "objects over kMaxCellSize keep their tail in a payload");
  if (size > kMaxCellSize) return nullptr;
  const unsigned cls = size_class_of(size);
  const size_t bytes = kClassSize[cls];
  if (!within_limit(bytes)) return nullptr;
  if (!slabs_.has_free(cls)) {
    reporting_dead_ = true;  // refill may sweep pages
    const bool ok = slabs_.refill(cls);
    reporting_dead_ = false;
    collect_swept();  // refill may have swept pages
    if (!ok) return nullptr;
  }
  allocated_ += bytes;
  cell_bytes_ += bytes;
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
    const size_t bytes = (size + 15) & ~size_t{15};
    poison(p, bytes);
    if (bytes <= kReuseMax && !reporting_dead_) reuse_[bytes / 16].push_back(p);
  }
}

void* Heap::reallocate_large_payload(void* p, size_t old_size, size_t new_size) {
  const size_t old_bytes = (old_size + 15) & ~size_t{15};
  const size_t new_bytes = (new_size + 15) & ~size_t{15};
  if (new_bytes < new_size) return nullptr;
  if (new_bytes > old_bytes && !within_limit(new_bytes - old_bytes)) return nullptr;
#ifdef TYCHO_FAULT_INJECTION
  if (inject_failure()) return nullptr;
#endif
  void* q = large_.reallocate(p, new_size);
  if (q == nullptr) return nullptr;
  peak_ = peak_bytes();
  allocated_ += new_bytes;
  freed_ += old_bytes;
  update_alloc_limit();
  return q;
}

void Heap::collect_swept() {
  const size_t bytes = slabs_.take_swept_bytes();
  if (bytes == 0) return;
  peak_ = peak_bytes();
  cell_bytes_ -= bytes;
  freed_ += bytes;
  update_alloc_limit();
}

// The payloads' sweep begins (the arenas' lines are swept lazily, large objects now) and the
// accounting drops to the cells still allocated plus the surviving payloads.
void Heap::sweep_payloads() {
  for (std::vector<void*>& list : reuse_) list.clear();  // their lines may become holes
  arena_.begin_sweep(sticky_);
  size_t live = marked_payload_bytes_;
  if (sticky_) {
    live += old_payload_bytes_;
    old_payload_bytes_ = live;
  }
  marked_payload_bytes_ = 0;
  live += large_.sweep(sticky_);
  // Payloads freed since they were marked have left the accounting already: never let it
  // go back up.
  const size_t in_use = cell_bytes_ + live;
  if (in_use < bytes_in_use()) {
    peak_ = peak_bytes();
    freed_ = allocated_ - in_use;
    update_alloc_limit();
  }
}

void Heap::begin_lazy_sweep(void (*on_dead)(void* ctx, void* cell), void* ctx) {
  finish_sweep();
  sweep_payloads();
  slabs_.begin_lazy_sweep(on_dead, ctx);
}

bool Heap::sweep_some(size_t units) {
  reporting_dead_ = true;
  const bool cells_done = slabs_.sweep_some(units);
  reporting_dead_ = false;
  collect_swept();
  const bool lines_done = arena_.sweep_some(units);
  return cells_done && lines_done;
}

void Heap::finish_sweep() {
  if (slabs_.lazy_sweeping() || arena_.sweeping()) sweep_some(SIZE_MAX);
}

void Heap::sweep(void (*on_dead)(void* ctx, void* cell), void* ctx) {
  finish_sweep();
  // Report first, free after: on_dead may read any dead cell or payload (and free payloads).
  reporting_dead_ = true;
  slabs_.report_dead(on_dead, ctx);
  reporting_dead_ = false;
  sweep_payloads();
  slabs_.begin_lazy_sweep(nullptr, nullptr);
  sweep_some(SIZE_MAX);
}

void Heap::clear_marks() {
  finish_sweep();  // unswept pages and blocks need their marks
  slabs_.clear_marks();
  arena_.clear_marks();
  large_.clear_marks();
  marked_payload_bytes_ = 0;
  old_payload_bytes_ = 0;
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
