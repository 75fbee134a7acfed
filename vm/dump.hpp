// Binary chunks: Lua 5.4's precompiled format (ldump.c / lundump.c of 5.4.4), byte for byte.
//
// tycho's compiler emits Lua 5.4's instruction set and its Proto mirrors Lua's, so a chunk that
// `luac5.4` writes loads here and a chunk that string.dump writes here loads in lua5.4. The
// layout, all numbers in the machine's byte order:
//
//   header   "\x1bLua" 0x54 0x00 "\x19\x93\r\n\x1a\n" 4 8 8 (int64)0x5678 (double)370.5
//   byte     number of upvalues of the main function
//   function source (string), linedefined, lastlinedefined (varint), numparams, is_vararg,
//            maxstacksize (byte), code, constants, upvalues, nested functions, debug info
//
// Sizes and small integers are "varints": 7 bits a byte, most significant group first, the
// last byte marked by its high bit. Strings are a varint size + 1 (0: no string) and the bytes.
// Line information is Lua's compressed form (a signed byte delta per instruction, with an
// absolute (pc, line) entry every 128 instructions or after big jumps); tycho keeps absolute
// lines per instruction and converts both ways.
//
// Unlike lua5.4, which trusts bytecode, the loader verifies every prototype (vm/verify.cpp)
// before anything can run it: a corrupted or malicious chunk is a load error, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vm/state.hpp"

namespace tycho::vm {

// The header's fields (lundump.h).
constexpr char kSignature[] = "\x1bLua";
constexpr int kVersion = 0x54;
constexpr int kFormat = 0;                      // the official format
constexpr char kData[] = "\x19\x93\r\n\x1a\n";  // catches text-mode conversions
constexpr int64_t kCheckInt = 0x5678;
constexpr double kCheckNum = 370.5;

// Line information (ldebug.h / lcode.c).
constexpr int kAbsLineInfo = -0x80;      // this instruction's line is in the absolute list
constexpr int kLimLineDiff = 0x80;       // deltas must be smaller than this in magnitude
constexpr int kMaxInstWithoutAbs = 128;  // at most this many deltas between absolute entries

// Receives the dump piece by piece; nonzero stops the dump and is its result (lua_Writer).
using Writer = int (*)(Thread* L, const void* p, size_t size, void* ud);

// Write `f` as a binary chunk. `strip` leaves out the debug information (source, lines, local
// and upvalue names). Returns 0, or the first nonzero result of the writer.
int dump(Thread* L, const Proto* f, Writer writer, void* ud, bool strip);

// Load the binary chunk `chunk` (the whole input, starting with the signature's ESC) and return
// its main prototype, verified; like the compiler's result it is not anchored, so the caller
// wraps it in a closure before the next safe point. Errors ("name: bad binary format
// (truncated chunk)", "... (invalid bytecode)") are raised as kErrSyntax with the message on top.
Proto* undump(Thread* L, std::string_view chunk, const char* chunkname);

// Check that the interpreter can run `f` (and its nested functions) safely: every operand in
// range and of the kind the interpreter assumes. Returns null when fine, else a reason.
// `parent` is the enclosing prototype (null for a main function) against which f's upvalue
// descriptors are checked.
const char* verify_proto(const Proto* f, const Proto* parent);

}  // namespace tycho::vm
