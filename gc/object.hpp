// What the collector knows of an object: an 8-byte header and a row in a table of operations.
//
// The collector does not know what a table or a closure is. Every collectable object starts
// with a GcObject header whose `type` byte indexes the TypeOps table that the owner (the VM)
// registers once; through that row the collector finds how to trace the object's children,
// what to do when it dies, and how to check it. Plain function pointers in a table, not
// virtual functions: objects carry no vtable pointer, and a type is a byte.
//
// Mark bits are not in the header: they live in the side bitmaps of the heap's slab pages, so
// marking writes to a few dense cache lines instead of to every object, and sweeping reads
// bitmaps instead of objects.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tycho::gc {

struct GcObject {
  uint8_t type;     // index into the TypeOps table the owner registered
  uint8_t flags;    // owner-defined
  uint8_t gc_bits;  // collector bits (kFinalizable, and the ages kAged, kOld: below)
  uint8_t extra;    // owner-defined
  uint32_t aux;     // owner-defined (e.g. a string hash)
};
static_assert(sizeof(GcObject) == 8);

// gc_bits: the owner registered the object for finalization (it has a finalizer to run
// before it may be freed).
inline constexpr uint8_t kFinalizable = 1 << 0;
// gc_bits: the object is on the collector's gray-again list (a backward barrier touched it: it
// changed after it was marked, and is traced again, or re-scanned, before the atomic step ends).
inline constexpr uint8_t kGrayAgain = 1 << 1;
// gc_bits, generational mode: the object survived one minor collection (it is unmarked again,
// young, until the next one finds it alive and makes it old), or a barrier made it old at once.
inline constexpr uint8_t kAged = 1 << 2;
// gc_bits, generational mode: the object is old (a major cycle or its second minor one found it
// alive), so a minor cycle's mark of it is not one of that cycle's (Collector::stored_white).
// Meaningful only while the object is marked.
inline constexpr uint8_t kOld = 1 << 3;

class Collector;

struct TypeOps {
  const char* name;
  // Mark every child with c.mark(child) and every payload with c.mark_payload(p, size).
  // Null for leaves (objects with no children and no payload).
  void (*trace)(Collector& c, GcObject* o);
  // Called when the object is swept, before its cell is reused, with the owner's context (the
  // one given to Collector::set_roots). May read the object and its payloads (and release
  // payloads with Heap::free_payload) and update the owner's caches; must not allocate or
  // mark. Other dead objects may already have been reported, but none has been overwritten.
  // Null: nothing to do.
  void (*on_free)(void* owner, GcObject* o);
  // Heap verifier: an error text when the object is malformed, else null. May be null.
  const char* (*verify)(GcObject* o);
  // Trace again what changed in a marked object that the backward barrier touched
  // (Collector::touch), instead of the whole object: tables re-scan their dirty cards. It may
  // stop part-way (Collector::defer_rescan) and ask for another pass in the next minor cycle
  // (Collector::touched_again). Null: the object is traced whole again.
  void (*rescan)(Collector& c, GcObject* o) = nullptr;
};

}  // namespace tycho::gc
