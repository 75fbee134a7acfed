// Creating and destroying a VM, and the collector's view of tycho's objects.
#pragma once

#include <string>

#include "vm/state.hpp"

namespace tycho::vm {

struct VmOptions {
  size_t heap_limit = 0;  // bytes; 0 = unlimited
};

// A new VM; returns its main thread. Returns null only if the heap cannot hold the basics.
Thread* new_vm(const VmOptions& options = {});
// Close pending to-be-closed variables of the main thread, then free everything.
void close_vm(Thread* L);
// Run the heap verifier (between collections): an empty string when the heap is well-formed.
std::string verify_heap(Thread* L);

}  // namespace tycho::vm
