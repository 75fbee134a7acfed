// The Lua C API on a tycho::Vm: a host may use both APIs on the same VM, lua_* functions on
// the Vm's main thread and the C++ API's handles and bound functions alike.
//
// <lua.h> is tycho's copy of Lua 5.4's (installed in include/tycho-lua; the CMake package
// and tycho.pc put that folder on the include path).
#pragma once

#include <lua.h>

#include "tycho/tycho.hpp"

namespace tycho {

// The Vm's main thread, for the lua_* functions. Use it between the Vm's own calls, as host
// code outside any Lua call, or inside a bound function through the lua_State it is given
// nothing else: the C++ API's stack discipline and Lua's are the same stack.
lua_State* lua_state(Vm& vm);

}  // namespace tycho
