// The chunk source: where slab pages and arena blocks come from.
//
// Both slab pages and arena blocks must be aligned to their own size, so that any address
// inside one finds its header by masking off the low bits. The operating system hands out
// memory aligned only to its page size, so a ChunkSource over-maps a batch of chunks, trims
// the misaligned ends, and keeps the rest of the batch for later requests. Mapping a batch
// at once turns thousands of system calls into hundreds; untouched chunks cost no physical
// memory because the kernel backs them lazily.
//
// Invariants:
//   - every chunk returned is `chunk_size` bytes, aligned to `chunk_size`, and zero-filled
//     when it comes fresh from the system (a chunk handed back with release() may be reused
//     only by the owner's own spare lists, never by the source, so fresh means zeroed);
//   - the source owns only the chunks in its stash; chunks handed out belong to the caller
//     until they come back through release().
//
// One ChunkSource per heap and chunk size; no global state, no locks.
#pragma once

#include <cstddef>
#include <vector>

namespace tycho::heap {

class ChunkSource {
 public:
  // chunk_size must be a power of two, at least the system page size.
  explicit ChunkSource(size_t chunk_size, size_t batch = 8);
  ~ChunkSource();
  ChunkSource(const ChunkSource&) = delete;
  ChunkSource& operator=(const ChunkSource&) = delete;

  // A zero-filled, aligned chunk, or nullptr when the system refuses.
  void* acquire();
  // Return a chunk to the system.
  void release(void* chunk);

  size_t chunk_size() const { return chunk_size_; }
  size_t mapped_chunks() const { return mapped_; }  // handed out plus stashed

 private:
  size_t chunk_size_;
  size_t batch_;
  size_t mapped_ = 0;
  std::vector<void*> stash_;
};

}  // namespace tycho::heap
