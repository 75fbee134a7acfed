// What the Lua C API's implementation (capi/) shares: the translation between lua.h's types
// and the native API's, and the per-VM state the C API adds.
#pragma once

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"
#include "vm/api.hpp"

namespace tycho::capi {

// A lua_State is a thread of the VM; the casts change no bits (see capi/lapi.cpp).
inline vm::Thread* T(lua_State* L) { return reinterpret_cast<vm::Thread*>(L); }
inline lua_State* L(vm::Thread* t) { return reinterpret_cast<lua_State*>(t); }
inline vm::NativeFn as_fn(lua_CFunction f) { return reinterpret_cast<vm::NativeFn>(f); }

// A VM for the C API (luaL_newstate, lua_newstate): the compiler installed, no library open,
// `panic` (may be null) called by an error outside any protected call.
lua_State* new_state(lua_CFunction panic);
void close_state(lua_State* L);
void set_warnf(lua_State* L, lua_WarnFunction f, void* ud);

}  // namespace tycho::capi
