// Bump arenas for variable-size payloads: the Immix layout.
//
// Payloads (string bytes, table parts, stacks, upvalue vectors) vary in size and die in
// bunches, so they are not worth a free list each. They are bump-allocated instead, into
// 32 KiB blocks aligned to 32 KiB and cut into 256 lines of 128 bytes:
//
//   block + 0          + 128                                                    + 32 KiB
//   | header (line 0) | line 1 | line 2 | ...                              | line 255 |
//
// The header holds two line bitmaps. `line_mark` is set by marking: every line that a live
// payload touches. `line_live` is the result of the last sweep (line_mark, copied), and tells
// the allocator which lines hold survivors. A maximal run of lines that are not live is a
// hole; the allocator bumps a cursor through one hole after another, block after block.
//
// Invariants:
//   - a payload never crosses a block; payloads of up to kLineSize bytes fit any hole;
//   - medium payloads (over one line) that do not fit the current hole go to a separate
//     overflow cursor in an empty block, so a big request does not skip the small holes;
//   - marking is exact (every line touched by [p, p + size) is marked), so a line is free
//     after a sweep exactly when no surviving payload touches it;
//   - the allocator never goes back to a hole it left: memory freed between sweeps
//     (free_payload) is reused only after the next sweep recomputes the holes; but the payload
//     bumped last can grow where it lies while its hole has room (extend), as a table's array
//     part does when a loop fills it (otherwise each doubling leaves the old part behind, and
//     those holes are too small for the next array: life.lua's 256 rows of 128 slots took 26
//     blocks, 2513 of their lines free);
//   - under AddressSanitizer, holes and payloads dropped with free_payload are poisoned;
//   - a payload allocated while marking is under way is marked at once by the collector's
//     owner (else its lines would be reused after the sweep); the arena's own sweep is
//     eager even when the cells' sweep is lazy.
//
// After its sweep a block is either full (no holes: left alone), recyclable (has holes: queued
// for the allocator) or empty (a spare; spares beyond max(kSpareBlocks, blocks in use) go back
// to the system, so that a heap about to regrow to its old size finds its blocks mapped).
// Blocks are swept lazily, a few per collector step or when the allocator runs out of holes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "heap/chunk.hpp"
#include "heap/poison.hpp"

namespace tycho::heap {

inline constexpr size_t kBlockSize = 32 * 1024;
inline constexpr size_t kLineSize = 128;
inline constexpr size_t kLinesPerBlock = kBlockSize / kLineSize;
inline constexpr size_t kLineWords = kLinesPerBlock / 64;
inline constexpr size_t kSpareBlocks = 8;
// Payloads over this size are large objects (large.hpp), not arena payloads.
inline constexpr size_t kLargeThreshold = 8 * 1024;

struct BlockHeader {
  uint64_t line_mark[kLineWords];
  uint64_t line_live[kLineWords];
  BlockHeader* next;  // the spare list
  BlockHeader* next_recyclable;
  uint32_t index;        // in the arena's vector of blocks in use
  uint32_t swept_epoch;  // == the arena's epoch once the current sweep has swept it
};
static_assert(sizeof(BlockHeader) <= kLineSize, "the block header must fit line 0");

inline BlockHeader* block_of(const void* p) {
  return reinterpret_cast<BlockHeader*>(reinterpret_cast<uintptr_t>(p) &
                                        ~uintptr_t{kBlockSize - 1});
}

// Set bits first..last (inclusive) of a bitmap.
inline void set_bit_range(uint64_t* words, size_t first, size_t last) {
  for (size_t w = first / 64; w <= last / 64; ++w) {
    const size_t lo = w == first / 64 ? first % 64 : 0;
    const size_t hi = w == last / 64 ? last % 64 : 63;
    words[w] |= (~uint64_t{0} >> (63 - hi)) & (~uint64_t{0} << lo);
  }
}

class Arena {
 public:
  Arena();
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Fast path (inline in the Heap): bump inside the current hole. `bytes` is a multiple of 16.
  bool fits(size_t bytes) const { return bytes <= static_cast<size_t>(limit_ - cursor_); }
  void* bump(size_t bytes) {
    char* p = cursor_;
    cursor_ += bytes;
    unpoison(p, bytes);
    return p;
  }
  // Slow path: 16 <= bytes <= kLargeThreshold, a multiple of 16. nullptr when out of memory.
  void* allocate_slow(size_t bytes);
  // Grow the payload [p, p + old_bytes) to new_bytes where it lies, when it ends at one of the
  // cursors (the last payload bumped there) and the room after it is free: a bump allocator's
  // realloc. Multiples of 16; false when it cannot (nothing changed).
  bool extend(void* p, size_t old_bytes, size_t new_bytes) {
    char* end = static_cast<char*>(p) + old_bytes;
    const size_t more = new_bytes - old_bytes;
    char** cursor = end == cursor_            ? &cursor_
                    : end == overflow_cursor_ ? &overflow_cursor_
                                              : nullptr;
    if (cursor == nullptr) return false;
    char* limit = cursor == &cursor_ ? limit_ : overflow_limit_;
    if (more > static_cast<size_t>(limit - end)) return false;
    unpoison(end, more);
    *cursor = end + more;
    return true;
  }

  static void mark(const void* p, size_t bytes) {
    const size_t offset = reinterpret_cast<uintptr_t>(p) & (kBlockSize - 1);
    set_bit_range(block_of(p)->line_mark, offset / kLineSize, (offset + bytes - 1) / kLineSize);
  }

  // Sweeping turns the lines no marked payload touches into holes. It is lazy: begin_sweep()
  // takes time independent of the heap's size, and blocks are swept by sweep_some() or when
  // the allocator needs a block, whichever comes first. No marking may start until it is over
  // (sweep_some returns true). sticky: keep the line marks (generational mode: the lines of
  // old payloads stay live until clear_marks()). sweep() is the whole of it at once.
  void begin_sweep(bool sticky);
  bool sweep_some(size_t blocks);  // true when every block is swept
  bool sweeping() const { return !queue_.empty(); }
  void sweep(bool sticky = false) {
    begin_sweep(sticky);
    sweep_some(SIZE_MAX);
  }
  void clear_marks();                  // (not while sweeping)
  bool contains(const void* p) const;  // inside a payload line of a block in use
  size_t block_count() const { return blocks_in_use_; }
  size_t free_line_count() const;  // lines in holes, from the last sweep (tests, stats)
  // Give spare blocks beyond the ones kept back to the system, at most `n` of them; true
  // when none is left over (see kTrimAtOnce).
  bool trim_some(size_t n);

 private:
  bool next_hole();                 // move cursor_/limit_ to the next hole of current_
  BlockHeader* take_empty_block();  // a spare or new block, now in use
  enum class Swept { kFull, kHoles, kEmpty };
  Swept sweep_block(BlockHeader* block);
  void retire_block(BlockHeader* block);  // out of the vector, to the spares

  char* cursor_ = nullptr;  // the current hole: [cursor_, limit_)
  char* limit_ = nullptr;
  BlockHeader* current_ = nullptr;
  size_t next_line_ = 0;  // where the search for the next hole of current_ resumes
  char* overflow_cursor_ = nullptr;
  char* overflow_limit_ = nullptr;
  std::vector<BlockHeader*> blocks_;  // every block in use, block->index its position
  std::vector<BlockHeader*> queue_;   // blocks the sweep under way has yet to sweep
  uint32_t epoch_ = 0;
  bool sticky_ = false;
  BlockHeader* recyclable_ = nullptr;  // blocks with holes, not yet allocated into
  BlockHeader** recyclable_tail_ = &recyclable_;
  BlockHeader* spare_ = nullptr;
  size_t spare_count_ = 0;
  size_t blocks_in_use_ = 0;
  ChunkSource chunks_{kBlockSize, 16};
  mutable std::vector<uintptr_t> index_;
  mutable bool index_dirty_ = true;
};

}  // namespace tycho::heap
