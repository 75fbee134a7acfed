#include "heap/chunk.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "heap/poison.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#define TYCHO_HEAP_USE_MMAP 1
#else
#define TYCHO_HEAP_USE_MMAP 0
#endif

namespace tycho::heap {

ChunkSource::ChunkSource(size_t chunk_size, size_t batch)
    : chunk_size_(chunk_size), batch_(batch == 0 ? 1 : batch) {}

ChunkSource::~ChunkSource() {
  for (void* chunk : stash_) release(chunk);
}

#if TYCHO_HEAP_USE_MMAP
namespace {

// Chunks that heaps of this thread gave back, kept for the next heap instead of being
// unmapped: a VM that is made and closed over and over (one per request, per test) then
// costs no system calls and no page faults. Bounded per chunk size; not zeroed (the heaps
// write their page and block headers in full). Unmapped when the thread ends.
struct ChunkCache {
  static constexpr size_t kMaxBytes = 1 << 20;  // per chunk size
  struct List {
    size_t chunk_size;
    std::vector<void*> chunks;
  };
  std::vector<List> lists;
  ~ChunkCache();
  std::vector<void*>* find(size_t chunk_size) {
    for (List& l : lists) {
      if (l.chunk_size == chunk_size) return &l.chunks;
    }
    lists.push_back(List{chunk_size, {}});
    return &lists.back().chunks;
  }
};
thread_local ChunkCache chunk_cache;
// Heaps that outlive the cache (a static VM closed after the thread's destructors ran) go
// straight to the system.
thread_local bool chunk_cache_gone = false;

ChunkCache::~ChunkCache() {
  // Unmapped by runs of adjacent chunks (most come from the same batches): one system call a
  // run instead of one a chunk, which matters at the exit of every short script.
  for (List& l : lists) {
    std::sort(l.chunks.begin(), l.chunks.end());
    for (size_t i = 0; i < l.chunks.size();) {
      auto* start = static_cast<char*>(l.chunks[i]);
      size_t len = l.chunk_size;
      for (i++; i < l.chunks.size() && l.chunks[i] == start + len; i++) len += l.chunk_size;
      munmap(start, len);
    }
  }
  chunk_cache_gone = true;
}

std::vector<void*>* thread_cache(size_t chunk_size) {
  return chunk_cache_gone ? nullptr : chunk_cache.find(chunk_size);
}

}  // namespace
#endif

void* ChunkSource::acquire() {
  if (!stash_.empty()) {
    void* chunk = stash_.back();
    stash_.pop_back();
    return chunk;
  }
#if TYCHO_HEAP_USE_MMAP
  if (std::vector<void*>* cache = thread_cache(chunk_size_); cache != nullptr && !cache->empty()) {
    void* chunk = cache->back();
    cache->pop_back();
    ++mapped_;
    return chunk;
  }
  // Map one chunk more than the batch so that an aligned run of `batch_` chunks fits, then
  // unmap the misaligned head and the unused tail.
  const size_t span = (batch_ + 1) * chunk_size_;
  void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + chunk_size_ - 1) & ~(uintptr_t{chunk_size_} - 1);
  const uintptr_t end = aligned + batch_ * chunk_size_;
  if (aligned > start) munmap(raw, aligned - start);
  if (start + span > end) munmap(reinterpret_cast<void*>(end), start + span - end);
  mapped_ += batch_;
  // Hand out the lowest chunk; stash the rest highest-first so later requests go up in order.
  for (size_t i = batch_; i-- > 1;) {
    stash_.push_back(reinterpret_cast<void*>(aligned + i * chunk_size_));
  }
  return reinterpret_cast<void*>(aligned);
#else
  void* chunk = std::aligned_alloc(chunk_size_, chunk_size_);
  if (chunk == nullptr) return nullptr;
  std::memset(chunk, 0, chunk_size_);
  ++mapped_;
  return chunk;
#endif
}

void ChunkSource::release(void* chunk) {
  if (chunk == nullptr) return;
  --mapped_;
  unpoison(chunk, chunk_size_);  // whoever maps this range next must not inherit our poison
#if TYCHO_HEAP_USE_MMAP
  std::vector<void*>* cache = thread_cache(chunk_size_);
  if (cache != nullptr && cache->size() * chunk_size_ < ChunkCache::kMaxBytes) {
    cache->push_back(chunk);
    return;
  }
  munmap(chunk, chunk_size_);
#else
  std::free(chunk);
#endif
}

}  // namespace tycho::heap
