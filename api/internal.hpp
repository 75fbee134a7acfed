// What api/vm.cpp and api/host.cpp share, inside the API's implementation.
#pragma once

#include <cstring>
#include <string>

#include "tycho/value.hpp"
#include "vm/api.hpp"
#include "vm/state.hpp"

namespace tycho::detail {

// lua.c's message handler: a traceback after string messages; other error objects through
// __tostring, or named by their type.
int message_handler(vm::Thread* L);

inline bool at_host_level(State* s) { return static_cast<Host*>(s->g->api_host)->depth == 0; }

// The __gc of a userdata whose first word is a function destroying an object at `offset` in
// it (a bound function's callable, a field's accessor data): run it once.
inline void destroy_stored(void* mem, size_t offset) {
  void (*destroy)(void*);
  std::memcpy(&destroy, mem, sizeof destroy);
  if (destroy == nullptr) return;
  const decltype(destroy) none = nullptr;
  std::memcpy(mem, &none, sizeof none);
  destroy(static_cast<char*>(mem) + offset);
}

// The error object on top as a message (a string, or what lua.c says of other objects),
// popped.
std::string pop_message(vm::Thread* L);

// Run f(L), which may raise a Lua error without running Lua code (a memory error; a raw store's
// nil or NaN key; next's invalid key). Inside a Lua call the error stays a Lua error; at host
// level, where nothing would catch it, it becomes a tycho::Error with the stack back where it
// was less the `consumed` values f was to take from it.
template <typename F>
auto host_guarded(State* s, F f, int consumed = 0) {
  if (!at_host_level(s)) return f(s);
  const int top = vm::api::get_top(s);
  vm::Catching catching(s->g);
  try {
    return f(s);
  } catch (const vm::LuaError& e) {
    std::string message = e.status == vm::kErrMem ? "not enough memory" : pop_message(s);
    vm::api::set_top(s, top - consumed);
    throw Error(message);
  }
}

}  // namespace tycho::detail
