// Large objects: payloads over kLargeThreshold bytes, each in its own allocation.
//
// A big table part or a long string would waste most of an arena block and pin it for as long
// as it lives, so it gets memory of its own from the system allocator (which maps big requests
// directly). A 32-byte header in front of the payload links it into a doubly-linked list (freed
// in O(1) when the owner drops it) and holds its mark bit:
//
//   | prev | next | size | marked | payload ... |
//                                 ^ the pointer the owner sees, 16-byte aligned
//
// Invariants: every large object is on the list exactly once; a mark is set only between the
// start of a marking and the following sweep; a sweep releases every unmarked object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tycho::heap {

struct LargeHeader {
  LargeHeader* prev;
  LargeHeader* next;
  size_t size;
  uint64_t marked;
};
static_assert(sizeof(LargeHeader) % 16 == 0);

inline LargeHeader* large_header_of(const void* payload) {
  return reinterpret_cast<LargeHeader*>(const_cast<char*>(static_cast<const char*>(payload))) - 1;
}

class LargeSpace {
 public:
  LargeSpace() = default;
  ~LargeSpace();
  LargeSpace(const LargeSpace&) = delete;
  LargeSpace& operator=(const LargeSpace&) = delete;

  void* allocate(size_t size);  // nullptr when the system refuses
  void release(void* payload);
  // Grow or shrink an object, keeping its contents and mark (std::realloc: big ones are
  // remapped, not copied). nullptr when the system refuses; the object is then unchanged.
  void* reallocate(void* payload, size_t size);
  // Returns the object's size when it was not marked before, else 0.
  static size_t mark(const void* payload) {
    LargeHeader* h = large_header_of(payload);
    if (h->marked != 0) return 0;
    h->marked = 1;
    return h->size;
  }
  // Release every unmarked object and clear the marks of the rest; returns their total size,
  // each rounded up to 16 bytes.
  // sticky: keep the marks of the survivors (generational mode).
  size_t sweep(bool sticky = false);
  void clear_marks();
  bool contains(const void* p) const;  // inside the payload of a live large object
  size_t count() const { return count_; }

 private:
  LargeHeader* head_ = nullptr;
  size_t count_ = 0;
  mutable std::vector<const LargeHeader*> index_;  // sorted by address, rebuilt on demand
  mutable bool index_dirty_ = true;
};

}  // namespace tycho::heap
