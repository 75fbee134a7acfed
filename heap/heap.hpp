// The heap: all memory of one VM.
//
// The heap knows nothing of Lua. It hands out two kinds of memory and keeps the books:
//
//   cells     fixed-size object headers (tables, closures, upvalues, strings' headers, ...),
//             at most kMaxCellSize bytes, from type slabs (slab.hpp): 64 KiB pages of one size
//             class each, allocated and mark bits in side bitmaps, and per class a cursor
//             over the free cells that those bitmaps show;
//   payloads  variable-size memory owned by one object (string bytes, table parts, stacks):
//             up to kLargeThreshold bytes they are bumped into Immix blocks (arena.hpp) and
//             reclaimed a 128-byte line at a time; above it they are large objects with an
//             allocation of their own (large.hpp).
//
// Nothing moves: a cell or payload keeps its address until it is freed. Memory comes from the
// system in aligned chunks (chunk.hpp) so that any cell or arena payload finds its page or
// block header by masking its address; a large object's header sits just before it
// (large.hpp).
//
// The heap does not trace. The collector marks what it reaches (mark_cell, mark_payload) and
// then calls sweep(): every allocated cell that is not marked is reported dead and freed,
// lines that no marked payload touches become holes for the bump allocator, and unmarked
// large objects are released. A cell owns its payloads, so the owner's trace function must
// mark them, or they are lost at the next sweep.
//
// Accounting, in bytes, counts what the owner asked for at the granularity it gets: a cell
// counts its size class, a payload its size rounded up to 16. It is exact between sweeps
// (allocations add, free_payload subtracts). When a sweep begins, the payloads drop to the
// survivors (the sum of the sizes passed to mark_payload for arena payloads, each payload
// being marked by its one owner once per cycle, plus the marked large objects); cells leave
// the accounting as their pages are swept, so no step walks the whole heap to count. With
// sticky marks the old payloads' bytes are carried from sweep to sweep. Memory held in partly
// used pages, lines and spare chunks is not counted: the numbers measure the program, not the
// fragmentation. The optional limit applies to bytes_in_use(); an allocation that would pass
// it returns nullptr, and the caller raises Lua's "not enough memory".
//
// Rules for callers:
//   - allocation may happen while marking is under way (incremental marking), but a payload
//     allocated then must be marked at once (its owner may already be traced); during a lazy
//     sweep (begin_lazy_sweep) cells come only from swept pages;
//   - on_dead (during sweep) may read any dead cell and its payloads and may call
//     free_payload, but must not allocate or mark;
//   - mark_cell and is_cell_marked take only pointers to cells of this heap; the checking
//     queries (is_allocated_cell, is_payload_address) take any pointer.
//
// Fast paths (a bit taken from a cursor word, a pointer bump, a bit set) are inline below;
// everything else is out of line. One Heap per VM, used by one thread at a time: no locks, no
// global state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "heap/arena.hpp"
#include "heap/large.hpp"
#include "heap/slab.hpp"

namespace tycho::heap {

#ifdef TYCHO_FAULT_INJECTION
// Allocation-failure injection (CMake option TYCHO_FAULT_INJECTION): with TYCHO_FAIL_ALLOC=N
// in the environment, the Nth allocation of the process (counted over every heap: cells,
// payloads, external charges) fails once, as if it would pass the heap limit, so that the
// caller's "not enough memory" path runs there. A test sweeps N over Lua scripts.
bool inject_failure();
#endif

struct HeapOptions {
  size_t limit_bytes = 0;  // 0 = unlimited
};

class Heap {
 public:
  static constexpr size_t kMaxCellSize = kMaxClassSize;  // larger objects keep a payload
  static constexpr size_t kLargeThreshold = heap::kLargeThreshold;
  static constexpr size_t kAlignment = 16;

  explicit Heap(HeapOptions options = {});
  ~Heap();  // releases every page, block and large object (without reporting them dead)
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  // A cell of at least `size` bytes (size <= kMaxCellSize), 16-byte aligned, contents
  // undefined. nullptr when the limit would be passed or the system has no memory.
  void* allocate_cell(size_t size);
  // The bytes a cell of `size` really occupies (its size class).
  static size_t cell_size_for(size_t size) { return kClassSize[size_class_of(size)]; }

  // A payload of `size` bytes, 16-byte aligned, contents undefined. Size 0 gives a non-null
  // pointer that must not be dereferenced. nullptr when over the limit or out of memory.
  void* allocate_payload(size_t size);
  // An arena payload (old_size bytes) grown to new_size (at most kLargeThreshold) where it
  // lies, when it was the last one bumped and its hole has room (Arena::extend): a table's
  // array filled in a loop grows without leaving its old parts behind. false: nothing changed
  // (allocate a new payload and copy).
  bool extend_payload(void* p, size_t old_size, size_t new_size);
  // The owner dropped a payload (same size as allocated). A large object is released at once;
  // arena bytes leave the accounting now, and a small payload's memory is handed out again to
  // the next payload of its size (a table's part that grows leaves its old part behind, as a
  // realloc would) until the next sweep, which turns unmarked lines into holes anyway.
  void free_payload(void* p, size_t size);
  // A large payload (old_size > kLargeThreshold) resized to new_size > kLargeThreshold in
  // place or moved, contents and mark kept: a table's array part that grows by remapping
  // rather than copying next to its old part. nullptr when over the limit or out of memory;
  // the payload is then unchanged.
  void* reallocate_large_payload(void* p, size_t old_size, size_t new_size);

  // Marking, called by the collector.
  bool mark_cell(const void* cell) { return SlabSpace::mark(cell); }  // true: newly marked
  bool is_cell_marked(const void* cell) const { return SlabSpace::is_marked(cell); }
  // Sticky marks: a survivor made young again (generational mode's first survival). Only
  // after its page is swept; its payloads keep their marks.
  void unmark_cell(const void* cell) { SlabSpace::unmark(cell); }
  // Every line of [p, p+size), or the large mark. `count`: add the size to the survivors'
  // bytes (false when an object that survived an earlier sweep is traced again).
  void mark_payload(const void* p, size_t size, bool count = true);

  // Checking queries (the verifier); safe for any pointer.
  bool is_allocated_cell(const void* p) const { return slabs_.is_allocated(p); }
  bool is_payload_address(const void* p) const { return arena_.contains(p) || large_.contains(p); }

  // Free every allocated, unmarked cell (calling on_dead(ctx, cell) first, when non-null), turn
  // unmarked lines into holes, release unmarked large objects, and clear every mark.
  void sweep(void (*on_dead)(void* ctx, void* cell), void* ctx);
  // The same, lazily for cells: arenas and large objects are swept now and the accounting is
  // set to the survivors, but slab pages are swept a few at a time (sweep_some) or when the
  // allocator reaches them (see SlabSpace). While it lasts, marks of unswept pages stay valid
  // and no new marking may start. sweep() finishes a lazy sweep under way first.
  void begin_lazy_sweep(void (*on_dead)(void* ctx, void* cell), void* ctx);
  bool sweep_some(size_t units);  // up to `units` pages and as many blocks; true: all swept
  bool lazy_sweeping() const { return slabs_.lazy_sweeping() || arena_.sweeping(); }
  void finish_sweep();
  // Give up to `n` surplus slab pages and as many arena blocks back to the system (a sweep
  // that ends gives back only kTrimAtOnce of them); true when none is left over.
  bool trim_some(size_t n) {
    const bool pages_done = slabs_.trim_some(n);
    return arena_.trim_some(n) && pages_done;
  }
  bool is_swept(const void* cell) const { return slabs_.is_swept(cell); }
  void clear_marks();  // clear every mark without freeing anything
  // Sticky marks (generational mode): sweeps keep the marks of what survives, so those
  // objects stay marked ("old") and the next marking only reaches the rest, until
  // clear_marks(). The accounting then carries the old payloads' bytes from sweep to sweep.
  void set_sticky_marks(bool on) {
    sticky_ = on;
    slabs_.set_sticky(on);
  }
  bool sticky_marks() const { return sticky_; }
  void for_each_cell(void (*fn)(void* ctx, void* cell), void* ctx) const;  // allocated cells
  // The allocated cells of the size class that serves `size` (objects of other types whose
  // size falls in the same class among them).
  void for_each_cell(size_t size, void (*fn)(void* ctx, void* cell), void* ctx) const {
    if (size <= kMaxCellSize) slabs_.for_each_cell(size_class_of(size), fn, ctx);
  }

  // Accounting.
  size_t bytes_in_use() const { return allocated_ - freed_; }
  size_t total_allocated() const { return allocated_; }  // ever, monotonic
  size_t total_freed() const { return freed_; }          // ever, monotonic
  // What the limit applies to: the heap's bytes and the external ones; and its peak.
  size_t bytes_counted() const { return bytes_in_use() + external_; }
  size_t peak_bytes() const { return peak_ > bytes_counted() ? peak_ : bytes_counted(); }
  size_t limit() const { return limit_; }
  void set_limit(size_t bytes);
  // Memory the owner holds outside the heap on the program's behalf, in proportion to what
  // the program asks for (the library's C++ scratch buffers: a string being built by
  // string.rep, a format, a concatenation): it counts against the limit (with
  // bytes_in_use()), in peak_bytes(), and as allocation for pacing (debt). charge_external is
  // false, and counts nothing, when the limit would be passed.
  bool charge_external(size_t bytes);
  void release_external(size_t bytes);
  size_t external_bytes() const { return external_; }
  // Whether `bytes` more (heap or external) would stay within the limit.
  bool has_room(size_t bytes) const { return allocated_ + bytes <= alloc_limit_; }
  size_t room() const { return alloc_limit_ > allocated_ ? alloc_limit_ - allocated_ : 0; }
  // Allocation debt for pacing: allocations add to it; the collector sets it after a cycle
  // (to minus the bytes that may be allocated before the next). > 0: time to collect.
  ptrdiff_t debt() const { return static_cast<ptrdiff_t>(allocated_ - debt_base_); }
  void set_debt(ptrdiff_t debt) { debt_base_ = allocated_ - static_cast<size_t>(debt); }

  // Introspection for tests and statistics.
  size_t page_count() const { return slabs_.page_count(); }
  size_t spare_page_count() const { return slabs_.spare_count(); }
  size_t lent_page_count() const { return slabs_.lent_page_count(); }
  size_t block_count() const { return arena_.block_count(); }
  size_t large_count() const { return large_.count(); }
  size_t free_line_count() const { return arena_.free_line_count(); }  // as of the last sweep
  std::string check() const;  // internal consistency of the bitmaps; empty when fine

 private:
  void* allocate_cell_slow(size_t size);
  void* allocate_payload_slow(size_t size);
  // (bytes < SIZE_MAX / 2: callers reject larger sizes first)
  bool within_limit(size_t bytes) const { return allocated_ + bytes <= alloc_limit_; }
  void update_alloc_limit();

  size_t allocated_ = 0;
  // allocated_ may reach this: freed_ + limit_ - external_ (0 if negative), or SIZE_MAX
  size_t alloc_limit_ = SIZE_MAX;
  SlabSpace slabs_;
  Arena arena_;
  LargeSpace large_;
  size_t freed_ = 0;
  size_t peak_ = 0;  // as of the last decrease of bytes_in_use(); see peak_bytes()
  size_t limit_ = 0;
  size_t external_ = 0;
  size_t debt_base_ = 0;
  size_t marked_payload_bytes_ = 0;  // arena payloads marked this cycle
  size_t old_payload_bytes_ = 0;     // sticky marks: arena payloads that survived earlier sweeps
  bool sticky_ = false;
  size_t cell_bytes_ = 0;  // of the allocated cells (dead ones until swept)
  void sweep_payloads();   // begin the payloads' sweep; set the accounting
  void collect_swept();    // account for the cells the slabs have swept
  alignas(16) char empty_payload_[16] = {};
  // Small payloads dropped since the last sweep, by size in granules, for reuse.
  static constexpr size_t kReuseMax = 512;
  std::vector<void*> reuse_[kReuseMax / 16 + 1];
  bool reporting_dead_ = false;  // on_dead runs: a payload it drops may lie in a dead line
};

inline void* Heap::allocate_cell(size_t size) {
#ifdef TYCHO_FAULT_INJECTION
  if (inject_failure()) return nullptr;
#endif
  if (size <= kMaxCellSize) [[likely]] {
    const unsigned cls = size_class_of(size);
    const size_t bytes = kClassSize[cls];
    if (slabs_.has_free(cls) && within_limit(bytes)) [[likely]] {
      allocated_ += bytes;
      cell_bytes_ += bytes;
      return slabs_.take(cls);
    }
  }
  return allocate_cell_slow(size);
}

inline void* Heap::allocate_payload(size_t size) {
#ifdef TYCHO_FAULT_INJECTION
  if (size != 0 && inject_failure()) return nullptr;
#endif
  const size_t bytes = (size + 15) & ~size_t{15};
  if (bytes <= kReuseMax && !reuse_[bytes / 16].empty() && within_limit(bytes)) {
    void* p = reuse_[bytes / 16].back();
    reuse_[bytes / 16].pop_back();
    allocated_ += bytes;
    unpoison(p, bytes);
    return p;
  }
  if (size - 1 < kLargeThreshold && arena_.fits(bytes) && within_limit(bytes)) [[likely]] {
    allocated_ += bytes;
    return arena_.bump(bytes);
  }
  return allocate_payload_slow(size);
}

inline bool Heap::extend_payload(void* p, size_t old_size, size_t new_size) {
  const size_t old_bytes = (old_size + 15) & ~size_t{15};
  const size_t new_bytes = (new_size + 15) & ~size_t{15};
  if (old_size == 0 || old_size > kLargeThreshold || new_size > kLargeThreshold ||
      new_bytes <= old_bytes || !within_limit(new_bytes - old_bytes)) {
    return false;
  }
  if (!arena_.extend(p, old_bytes, new_bytes)) return false;
  allocated_ += new_bytes - old_bytes;
  return true;
}

inline void Heap::mark_payload(const void* p, size_t size, bool count) {
  if (size - 1 < kLargeThreshold) {  // 1 through kLargeThreshold: arena
    Arena::mark(p, size);
    if (count) marked_payload_bytes_ += (size + 15) & ~size_t{15};
  } else if (size != 0) {
    LargeSpace::mark(p);
  }
}

}  // namespace tycho::heap
