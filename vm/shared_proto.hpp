// Prototypes shared between VMs (the parallel library sends Lua functions this way).
//
// A SharedProto is the immutable form of a compiled function, made once from a VM's Proto and
// kept outside every VM heap: its instructions and line information, its constants as plain
// values (strings as their bytes), its upvalue and local descriptions, and its nested
// functions as SharedProtos of their own. It is reference-counted (atomically: VMs on many
// threads hold it) and freed when the last reference goes.
//
// - Sending: share_proto(L, p) makes it on the first send and caches it in p->shared, so a
//   function sent again costs a reference count, not a copy.
// - Receiving: push_shared_closure(L, sp) makes the function's Protos in the receiving VM.
//   Their code and lineinfo arrays are sp's (Proto::borrowed; the collector neither marks nor
//   frees them), each Proto holds a reference on its SharedProto, and nothing is parsed,
//   undumped or verified again: the code was compiled or verified by the VM that shared it.
//   Constants and names are interned in the receiving VM, as a VM's strings must be.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "vm/object.hpp"

namespace tycho::vm {

struct SharedProto {
  struct Constant {
    Value scalar = Value::nil();  // nil, a boolean or a number, as it is (no object in it)
    bool is_string = false;
    std::string text;  // a string's bytes
  };
  struct Upvalue {
    bool named;
    std::string name;
    uint8_t instack, idx, kind;
  };
  struct Local {
    std::string name;
    int startpc, endpc;
  };

  std::atomic<uint32_t> refs{1};
  size_t bytes = 0;  // its memory, nested functions apart (shared_proto_bytes)
  uint8_t numparams = 0, is_vararg = 0, maxstacksize = 0;
  int linedefined = 0, lastlinedefined = 0;
  bool has_source = false;
  std::string source;
  std::vector<Instruction> code;
  std::vector<int32_t> lineinfo;  // empty when stripped
  std::vector<Constant> k;
  std::vector<Upvalue> upvalues;
  std::vector<Local> locvars;
  std::vector<SharedProto*> p;  // references held
};

// The shared form of p (and of its nested functions), made on the first call and cached in
// p->shared; a new reference for the caller.
SharedProto* share_proto(Thread* L, Proto* p);
void retain(SharedProto* sp);
void release(SharedProto* sp);  // frees it (and releases its nested ones) at the last reference
// A Proto dies (swept, or its VM closes): the reference it holds goes.
inline void forget_shared(Proto* p) {
  if (p->shared != nullptr) release(p->shared);
  p->shared = nullptr;
}

// Push a new closure of sp's function, with fresh upvalues (as load makes them); its Protos
// borrow sp's code. May raise a memory error.
void push_shared_closure(Thread* L, SharedProto* sp);

// How many SharedProtos exist now (for tests: they are freed when the last holder goes).
size_t shared_proto_count();
size_t shared_proto_bytes();  // the memory of those alive, about (their own and their vectors')

}  // namespace tycho::vm
