// What api/vm.cpp and api/host.cpp share, inside the API's implementation.
#pragma once

#include "vm/state.hpp"

namespace tycho::detail {

// lua.c's message handler: a traceback after string messages; other error objects through
// __tostring, or named by their type.
int message_handler(vm::Thread* L);

}  // namespace tycho::detail
