// Epoch-based reclamation for the shared store: memory that other threads may still be reading
// is freed only once none of them can be.
//
// The shared store (shared tables, channels, frozen tables: stdlib/parallel.cpp) lives outside
// every VM's heap. Readers take no lock: a VM reads a shared table's slots while a writer on
// another thread replaces them. A writer that unlinks memory (an old value, a table part that a
// resize replaced) cannot free it at once, since a reader may hold a pointer to it; it *retires*
// it instead, and this module frees it when every reader that could have seen it is done.
//
// How (crossbeam-epoch's scheme, with the reader's fence moved to the writer's side):
//   - A global epoch counter. Every thread that touches the store has a record that says
//     "inside a read section since epoch e" or "outside". A read section is one shared-store
//     operation (a table read, a channel send): short, and it never runs Lua code, blocks or
//     waits. Outside sections a thread holds no pointer into the store, so a VM that runs Lua
//     code, is blocked on a channel or is idle in the pool never holds the epoch back
//     (crossbeam's known failure, a long-lived pin that makes garbage grow without bound,
//     cannot happen).
//   - Retired memory goes into the retiring thread's bag, stamped with the epoch of the moment
//     it was unlinked; it is freed once the global epoch is two past the stamp. The epoch
//     advances from e to e + 1 only when every thread inside a read section entered it at e;
//     so at e + 2 every section that was open when the memory was unlinked has closed.
//   - Entering a section costs plain stores, no atomic read-modify-write and no fence: the
//     fence that orders the reader's "I am inside since e" before its reads is issued on the
//     reader's behalf by the thread that advances the epoch, with the membarrier system call
//     (Linux's asymmetric fence, as liburcu's "memb" flavour and folly's hazard pointers use
//     it). Advancing is rare (once per kCollectBytes retired), so its microseconds are paid
//     seldom while every read is cheaper. Where membarrier is not available (old kernels,
//     seccomp, ThreadSanitizer, which does not model it) entering issues the fence itself.
//
// The garbage bound (tested in tests/unit/epoch_tests.cpp): a thread collects when its bag
// holds kCollectBytes, advancing the epoch as often as that takes (not a fixed few bags), and
// it does not go on retiring while its bag holds more than kMaxPendingBytes (it waits for the
// read sections in progress to close: they are short). So retired-but-unfreed memory is at most
// kMaxPendingBytes plus one object per thread that retires, plus the bags of threads that ended
// (handed to the next collection). A collection with nothing to free does not advance.
#pragma once

#include <atomic>
#include <cassert>
#include <cstddef>
#include <cstdint>

#if defined(__SANITIZE_THREAD__)
#define TYCHO_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TYCHO_TSAN 1
#endif
#endif

namespace tycho::gc::epoch {

// A thread collects when its bag holds this many bytes...
constexpr size_t kCollectBytes = 64 * 1024;
// ...and stops retiring (waits for readers) while it holds more than this.
constexpr size_t kMaxPendingBytes = 256 * 1024;

using FreeFn = void (*)(void* p, size_t bytes);

namespace detail {
// What a read section touches of the calling thread's state (the rest: epoch.cpp). Inline, so
// that entering and leaving cost a few plain loads and stores.
struct Reader {
  std::atomic<uint64_t>* state = nullptr;  // its record's: 0 outside, (e << 1) | 1 inside
  bool collect_due = false;                // its bag filled up inside a section
};
extern thread_local Reader* t_reader;  // null until the thread's first use
extern std::atomic<uint64_t> g_epoch;
extern bool g_asymmetric;  // readers' fences come from membarrier (set before any reader)
Reader* register_reader();
void after_section();  // collect what the section held back
}  // namespace detail

// A read section: between enter() and leave() the calling thread may hold pointers into
// retired-but-not-freed memory. Sections do not nest (a debug build asserts it). They must not
// block, wait, allocate in a VM or run Lua code.
inline void enter() {
  detail::Reader* r = detail::t_reader;
  if (r == nullptr) [[unlikely]]
    r = detail::register_reader();
  assert(r->state->load(std::memory_order_relaxed) == 0 && "read sections do not nest");
  uint64_t e = detail::g_epoch.load(std::memory_order_relaxed);
#ifdef TYCHO_TSAN
  // ThreadSanitizer models no fences: an exchange orders the same and is seen by it.
  r->state->exchange(e << 1 | 1, std::memory_order_seq_cst);
#else
  r->state->store(e << 1 | 1, std::memory_order_release);
  // Orders the store before the section's reads: a compiler fence when the advancing thread
  // issues the processor fence for us (membarrier), else a full fence.
  if (detail::g_asymmetric) {
    std::atomic_signal_fence(std::memory_order_seq_cst);
  } else {
    std::atomic_thread_fence(std::memory_order_seq_cst);
  }
#endif
}

inline void leave() {
  detail::Reader* r = detail::t_reader;
  r->state->store(0, std::memory_order_release);
  if (r->collect_due) [[unlikely]]
    detail::after_section();
}

struct ReadSection {
  ReadSection() { enter(); }
  ~ReadSection() { leave(); }
  ReadSection(const ReadSection&) = delete;
  ReadSection& operator=(const ReadSection&) = delete;
};

// Hand `p` (`bytes` long, for the accounting) to the collector: free_fn(p, bytes) runs once no
// read section that could have seen p is open. Call it after p is unreachable from the store.
// Any thread, inside a read section or not (inside one, the bound waits until it closes).
void retire(void* p, size_t bytes, FreeFn free_fn);

// Advance the epoch as far as the open read sections allow and free what is ready, of this
// thread's bag and of the bags of threads that ended. Returns the bytes freed.
size_t collect();
// Free everything this thread retired and what threads that ended left: waits until each read
// section open now has closed. Not inside a read section. For tests, and for a thread that
// goes idle (a worker back in the pool) and wants its garbage gone.
void synchronize();

struct Stats {
  uint64_t epoch = 0;        // the global epoch
  size_t pending_bytes = 0;  // retired, not yet freed (all threads)
  size_t pending_objects = 0;
  size_t freed_bytes = 0;   // freed since the process began
  size_t advances = 0;      // times the epoch advanced
  bool asymmetric = false;  // readers' fences come from membarrier
};
Stats stats();

}  // namespace tycho::gc::epoch
