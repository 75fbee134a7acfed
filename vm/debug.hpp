// Debug information: what the error messages, tracebacks and the debug library know about
// running functions (the ldebug.c part of Lua).
#pragma once

#include "vm/state.hpp"
#include "vm/string.hpp"

namespace tycho::vm {

struct DebugInfo {
  int event = 0;                   // hooks: the HookEvent
  const char* name = nullptr;      // 'n'
  const char* namewhat = "";       // 'n': "global", "local", "method", "field", "upvalue", ""
  const char* what = "";           // 'S': "Lua", "C", "main"
  const char* source = "";         // 'S'
  size_t srclen = 0;               // 'S'
  int currentline = -1;            // 'l'
  int linedefined = -1;            // 'S'
  int lastlinedefined = -1;        // 'S'
  uint8_t nups = 0;                // 'u'
  uint8_t nparams = 0;             // 'u'
  bool isvararg = true;            // 'u'
  bool istailcall = false;         // 't'
  unsigned short ftransfer = 0;    // 'r'
  unsigned short ntransfer = 0;    // 'r'
  char short_src[kIdSize] = {};    // 'S'
  CallInfo* i_ci = nullptr;        // the activation (set by get_stack)
};

// lua_getstack: level 0 is the running function.
bool get_stack(Thread* L, int level, DebugInfo* ar);
// lua_getinfo: `what` letters "nSltufrL"; with a leading '>' the function is popped from the
// stack top. 'f' pushes the function, 'L' pushes a table of valid lines. Returns false on an
// invalid option.
bool get_info(Thread* L, const char* what, DebugInfo* ar);
// lua_getlocal / lua_setlocal (ar null: parameter names of the function at the top).
const char* get_local(Thread* L, const DebugInfo* ar, int n);
const char* set_local(Thread* L, const DebugInfo* ar, int n);
int current_line(CallInfo* ci);
int current_pc(CallInfo* ci);

// Errors naming the culprit, as lua5.4 ("attempt to index a nil value (global 'x')").
[[noreturn]] void type_error(Thread* L, const Value* o, const char* opname);
[[noreturn]] void call_error(Thread* L, const Value* o);
[[noreturn]] void for_error(Thread* L, const Value* o, const char* what);
[[noreturn]] void concat_error(Thread* L, const Value* p1, const Value* p2);
[[noreturn]] void op_int_error(Thread* L, const Value* p1, const Value* p2, const char* msg);
[[noreturn]] void to_int_error(Thread* L, const Value* p1, const Value* p2);
[[noreturn]] void order_error(Thread* L, const Value* p1, const Value* p2);
// Add "chunk:line:" of the running Lua function (if any) to msg and push the result.
const char* add_info(Thread* L, const char* msg, String* src, int line);
// The type name of a value for messages, honouring a string __name in its metatable.
const char* obj_typename(Thread* L, const Value* o);
// Names of the basic types ("nil", "number", ..., "no value" for index -1).
const char* type_name(int t);

}  // namespace tycho::vm
