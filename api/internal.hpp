// What api/vm.cpp and api/host.cpp share, inside the API's implementation.
#pragma once

#include "tycho/value.hpp"
#include "vm/api.hpp"
#include "vm/state.hpp"

namespace tycho::detail {

// lua.c's message handler: a traceback after string messages; other error objects through
// __tostring, or named by their type.
int message_handler(vm::Thread* L);

inline bool at_host_level(State* s) { return static_cast<Host*>(s->g->api_host)->depth == 0; }

// Run f(L), which may raise only for memory: at host level, as a tycho::Error.
template <typename F>
auto memory_guarded(State* s, F f) {
  if (!at_host_level(s)) return f(s);
  const int top = vm::api::get_top(s);
  try {
    return f(s);
  } catch (const vm::LuaError&) {
    vm::api::set_top(s, top);
    throw Error("not enough memory");
  }
}

}  // namespace tycho::detail
