// The shared store's allocator: a concurrent slab sharded by thread (as Rust's sharded-slab,
// after mimalloc's free-list sharding).
//
// Objects of the shared store (shared tables and their parts, channels, strings held by them:
// stdlib/parallel.cpp) are allocated by one thread and often freed by another (a value that a
// writer replaced is freed by whichever thread's epoch collection gets to it). A global lock
// would serialize every thread; this slab does not take one on any path but making a page:
//   - Each thread allocates from its own shard: pages of 64 KiB, each serving one size class,
//     owned by one shard. A shard's pages and their local free lists are touched only by the
//     thread that holds the shard: allocation is a pop from a plain list, no atomics.
//   - A free from the owning thread pushes onto the page's local list (no atomics); a free from
//     any other thread pushes onto the page's remote stack, a lock-free Treiber stack. The owner
//     takes the whole remote stack at once (one exchange) when its local list runs dry, so
//     there is no ABA: only the owner pops, and it pops everything.
//   - A thread that ends gives its shard back; the next new thread adopts it, pages and all.
//   - Every cell starts with a 32-bit generation, incremented when the cell is freed. A Handle
//     is a cell and the generation it had: is_live() tells a stale handle (its object freed,
//     the cell perhaps reused) from a live one without reading the object. Pages are never
//     given back to the system (an empty page waits in its class for reuse), so checking a
//     stale handle is always safe.
// Sizes above kMaxSlabSize come from malloc, with the same 8-byte header (and no generation).
#pragma once

#include <cstddef>
#include <cstdint>

namespace tycho::heap::shared {

constexpr size_t kMaxSlabSize = 1016;  // largest size served from slab pages

// `size` bytes aligned to 8, from this thread's shard; null when the system has no memory.
// Thread-safe; lock-free but for making a new page.
void* allocate(size_t size);
// Free what allocate(size) returned, from any thread.
void free(void* p, size_t size);

struct Handle {
  void* object = nullptr;
  uint32_t generation = 0;
};
// A handle to a live object that allocate() returned (of at most kMaxSlabSize bytes).
Handle handle_of(void* p);
// Whether the object is still the one the handle was taken of (not freed since).
bool is_live(Handle h);

struct Stats {
  size_t pages = 0;        // slab pages made (64 KiB each)
  size_t large_bytes = 0;  // bytes in use from malloc (sizes above kMaxSlabSize)
  size_t shards = 0;
};
Stats stats();

}  // namespace tycho::heap::shared
