// AddressSanitizer hooks. The heap takes its memory from mmap, which ASan does not watch, so
// under ASan the heap itself poisons what nobody may touch: free cells, free arena lines, and
// arena payloads dropped with free_payload. A use-after-free in the VM (a stale pointer into a
// swept cell, a table part kept across a resize) is then reported at the faulty access instead
// of corrupting a later object. Without ASan these functions compile to nothing.
#pragma once

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define TYCHO_HEAP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TYCHO_HEAP_ASAN 1
#endif
#endif

#ifdef TYCHO_HEAP_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace tycho::heap {

#ifdef TYCHO_HEAP_ASAN
inline constexpr bool kPoisoning = true;
inline void poison(const void* p, size_t size) { __asan_poison_memory_region(p, size); }
inline void unpoison(const void* p, size_t size) { __asan_unpoison_memory_region(p, size); }
#else
inline constexpr bool kPoisoning = false;
inline void poison(const void*, size_t) {}
inline void unpoison(const void*, size_t) {}
#endif

}  // namespace tycho::heap
