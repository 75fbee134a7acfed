// Functions: prototypes, closures, upvalues, userdata and threads as objects.
#pragma once

#include "vm/state.hpp"

namespace tycho::vm {

Proto* new_proto(Thread* L);
LuaClosure* new_lua_closure(Thread* L, int nupvals);  // upvalues null until filled
// Push a new closure of p with fresh (closed, nil) upvalues, as load makes one.
void push_closure(Thread* L, Proto* p);
NativeClosure* new_native_closure(Thread* L, NativeFn f, int nupvals);  // upvalues nil
Userdata* new_userdata(Thread* L, size_t size, int nuvalue);
Thread* new_thread(Thread* L);  // pushes nothing; the caller anchors it (vm/vm.cpp)

// Name of the n-th (1-based) local variable active at instruction pc, or null.
const char* local_name(const Proto* p, int local_number, int pc);

// Cell sizes, for the collector's accounting and the verifier.
size_t lua_closure_size(int nupvals);
size_t native_closure_size(int nupvals);

}  // namespace tycho::vm
