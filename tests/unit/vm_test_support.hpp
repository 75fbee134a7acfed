// Shared fixture for the VM unit tests: a real VM (vm/vm.hpp) and a helper that runs code
// expected to raise a Lua error and returns the error message.
#pragma once

#include <string>

#include "vm/state.hpp"
#include "vm/string.hpp"
#include "vm/vm.hpp"

namespace tycho::vm::testing {

struct VmFixture {
  Thread* L;
  VmFixture() : L(new_vm()) {}
  ~VmFixture() { close_vm(L); }
  VmFixture(const VmFixture&) = delete;
  VmFixture& operator=(const VmFixture&) = delete;

  String* str(std::string_view s) { return new_string(L, s); }
  Value sval(std::string_view s) { return Value::object(str(s)); }

  // Run f, which must raise a Lua error; return the message (and restore the stack top).
  template <typename F>
  std::string error_of(F&& f) {
    ptrdiff_t top = save_stack(L, L->top);  // an offset: `f` may move the stack
    Catching catching(L->g);                // the error is caught here
    try {
      f();
    } catch (const LuaError&) {
      std::string msg;
      if (L->top > restore_stack(L, top) && L->top[-1].is_string()) {
        String* s = L->top[-1].as_string();
        msg.assign(s->data(), s->len);
      }
      L->top = restore_stack(L, top);
      return msg;
    }
    return "<no error>";
  }
};

}  // namespace tycho::vm::testing
