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
//   - every chunk returned is `chunk_size` bytes and aligned to `chunk_size`; its contents are
//     undefined (fresh from the system it is zero, from the thread's cache it is what the last
//     heap left), so the owner writes its page or block header in full;
//   - the source owns only the chunks in its stash; chunks handed out belong to the caller
//     until they come back through release().
//
// One ChunkSource per heap and chunk size; no locks. The one piece of shared state is a
// per-thread cache of chunks that closed heaps gave back (at most 1 MiB per chunk size), so
// that making and closing VMs over and over does not go to the system each time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tycho::heap {

// Bits set in a bitmap word. Without the POPCNT instruction (baseline x86-64) the builtin is a
// call into libgcc; this SWAR count is a few inline instructions instead.
inline size_t popcount64(uint64_t x) {
#if defined(__POPCNT__) || defined(__aarch64__)
  return static_cast<size_t>(__builtin_popcountll(x));
#else
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return static_cast<size_t>((x * 0x0101010101010101ull) >> 56);
#endif
}

// How many surplus chunks a sweep gives back to the system when it ends; the rest go a few per
// collector step after it (Heap::trim_some). Unmapping a 64 KiB page that was used costs
// 10-50 us (the kernel frees its memory page by page), and a major cycle can leave a hundred
// of them: at once that was a 4 ms pause (binary_trees).
inline constexpr size_t kTrimAtOnce = 4;

class ChunkSource {
 public:
  // chunk_size must be a power of two, at least the system page size.
  explicit ChunkSource(size_t chunk_size, size_t batch = 8);
  ~ChunkSource();
  ChunkSource(const ChunkSource&) = delete;
  ChunkSource& operator=(const ChunkSource&) = delete;

  // An aligned chunk (contents undefined), or nullptr when the system refuses.
  void* acquire();
  // Return a chunk: to this thread's cache while it has room, else to the system.
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
