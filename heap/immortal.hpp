// Immortal cells: memory outside every heap for objects that all the VMs of a process share
// and that never change once published (the standard libraries' names, vm/string.cpp).
//
// They sit in pages laid out as slab pages (slab.hpp) with the allocated and mark bits of each
// cell set, so that the collector of any VM finds them marked (SlabSpace::mark returns false
// without writing) and no sweep ever sees them: they are in no heap's page lists. Never freed.
#pragma once

#include <cstddef>

namespace tycho::heap {

// n zeroed cells, of sizes[i] bytes each (at most kMaxClassSize), 16-byte aligned, into
// cells[i]; false (and nothing allocated) when a size is too large or the system has no
// memory. A batch gets pages of its own: the bitmaps of a page are written only while its
// batch is built, before the caller publishes the cells (with release ordering) to other
// threads. Thread-safe.
bool allocate_immortal_cells(const size_t* sizes, size_t n, void** cells);

// Whether p is the start of an immortal cell. Safe for any address, from any thread; for
// checks (the collector's verifier), not for hot paths.
bool is_immortal_cell(const void* p);

}  // namespace tycho::heap
