// The compiler's entry points: Lua 5.4 source to a tree of function prototypes, and back to a
// readable listing.
//
// The bytecode is Lua 5.4's, generated the way luac 5.4 generates it (same register
// allocation, jump lists, constant folding and final fix-ups), so `luac5.4 -l -l` is the
// oracle for what compile() should produce and disassemble() prints the same format.
#pragma once

#include <string>
#include <string_view>

#include "vm/object.hpp"
#include "vm/state.hpp"

namespace tycho::lang {

// Compile a chunk. Returns the main function's prototype (vararg, one upvalue _ENV). On a
// syntax error, pushes the message ("chunk:line: msg near 'token'") on L's stack and throws
// via vm::throw_error(L, vm::kErrSyntax). Objects made while compiling are anchored in
// Global::anchors until compile returns; the caller must anchor the result.
vm::Proto* compile(vm::Thread* L, std::string_view source, const char* chunkname);

// A listing in the format of `luac -l -l` (without addresses): a header per function, one
// line per instruction with its line and operands, then constants, locals and upvalues.
std::string disassemble(const vm::Proto* p, bool recursive = true);

}  // namespace tycho::lang
