// Unit tests of the opcode modes (vm/opcodes.hpp): every predicate derived from the opcode
// list, checked on every opcode against the lists below, which are written out again on
// purpose as the specification: the rows of Lua 5.4.4's luaP_opmodes (lopcodes.c) that have
// the property. A change to a mode in the list must be made here too, deliberately.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <algorithm>
#include <initializer_list>

#include "vm/opcodes.hpp"

using namespace tycho::vm;
using Ops = std::initializer_list<OpCode>;

namespace {

bool in(Ops ops, OpCode op) { return std::find(ops.begin(), ops.end(), op) != ops.end(); }

// Calls `check(op)` for every opcode, with its name in the failure messages.
template <typename F>
void for_each_opcode(F check) {
  for (int n = 0; n < kNumOpcodes; n++) {
    auto op = static_cast<OpCode>(n);
    INFO("opcode " << kOpNames[n]);
    check(op);
  }
}

// mm: the metamethod fallbacks of the arithmetic instructions.
constexpr Ops kMm = {OpCode::MMBIN, OpCode::MMBINI, OpCode::MMBINK};

// ot: with C = 0 (TAILCALL: always), the results run up to the top.
constexpr Ops kOt = {OpCode::CALL, OpCode::TAILCALL, OpCode::VARARG};

// it: with B = 0, the operands run up to the top.
constexpr Ops kIt = {OpCode::CALL, OpCode::TAILCALL, OpCode::RETURN, OpCode::SETLIST,
                     OpCode::VARARGPREP};

// t: tests, followed by the jump they skip or not.
constexpr Ops kT = {OpCode::EQ,  OpCode::LT,   OpCode::LE,     OpCode::EQK,
                    OpCode::EQI, OpCode::LTI,  OpCode::LEI,    OpCode::GTI,
                    OpCode::GEI, OpCode::TEST, OpCode::TESTSET};

// a: the instruction sets register A.
constexpr Ops kA = {
    OpCode::MOVE,      OpCode::LOADI,      OpCode::LOADF,    OpCode::LOADK,    OpCode::LOADKX,
    OpCode::LOADFALSE, OpCode::LFALSESKIP, OpCode::LOADTRUE, OpCode::LOADNIL,  OpCode::GETUPVAL,
    OpCode::GETTABUP,  OpCode::GETTABLE,   OpCode::GETI,     OpCode::GETFIELD, OpCode::NEWTABLE,
    OpCode::SELF,      OpCode::ADDI,       OpCode::ADDK,     OpCode::SUBK,     OpCode::MULK,
    OpCode::MODK,      OpCode::POWK,       OpCode::DIVK,     OpCode::IDIVK,    OpCode::BANDK,
    OpCode::BORK,      OpCode::BXORK,      OpCode::SHRI,     OpCode::SHLI,     OpCode::ADD,
    OpCode::SUB,       OpCode::MUL,        OpCode::MOD,      OpCode::POW,      OpCode::DIV,
    OpCode::IDIV,      OpCode::BAND,       OpCode::BOR,      OpCode::BXOR,     OpCode::SHL,
    OpCode::SHR,       OpCode::UNM,        OpCode::BNOT,     OpCode::NOT,      OpCode::LEN,
    OpCode::CONCAT,    OpCode::TESTSET,    OpCode::CALL,     OpCode::TAILCALL, OpCode::FORLOOP,
    OpCode::FORPREP,   OpCode::TFORLOOP,   OpCode::CLOSURE,  OpCode::VARARG,   OpCode::VARARGPREP};

// Formats other than ABC.
constexpr Ops kABx = {OpCode::LOADK,    OpCode::LOADKX,   OpCode::FORLOOP, OpCode::FORPREP,
                      OpCode::TFORPREP, OpCode::TFORLOOP, OpCode::CLOSURE};
constexpr Ops kAsBx = {OpCode::LOADI, OpCode::LOADF};
constexpr Ops kAx = {OpCode::EXTRAARG};
constexpr Ops kSJ = {OpCode::JMP};

OpFormat expected_format(OpCode op) {
  if (in(kABx, op)) return OpFormat::ABx;
  if (in(kAsBx, op)) return OpFormat::AsBx;
  if (in(kAx, op)) return OpFormat::Ax;
  if (in(kSJ, op)) return OpFormat::sJ;
  return OpFormat::ABC;
}

}  // namespace

TEST_CASE("opcode modes: each column holds for exactly the opcodes lopcodes.c marks") {
  for_each_opcode([](OpCode op) {
    CHECK(is_mmbin(op) == in(kMm, op));
    CHECK(leaves_top(op) == in(kOt, op));
    CHECK(takes_top(op) == in(kIt, op));
    CHECK(is_test(op) == in(kT, op));
    CHECK(sets_register_a(op) == in(kA, op));
    CHECK(op_format(op) == expected_format(op));
  });
  CHECK(kA.size() == 55);  // the other 28 of the 83 set no register
  CHECK(kNumOpcodes == 83);
}

TEST_CASE("opcode modes: the op field's values past the last opcode have no mode") {
  for (int n = kNumOpcodes; n < (1 << kSizeOp); n++) {
    INFO("op field " << n);
    CHECK(kOpModes[n] == 0);
    Instruction i = create_abck(static_cast<OpCode>(n), 0, 0, 0, 0);
    CHECK(!is_it(i));
    CHECK(!is_ot(i));
  }
}

TEST_CASE("opcode modes: is_it and is_ot read B and C of the opcodes that use the top") {
  for_each_opcode([](OpCode op) {
    for (int arg : {0, 1, 2}) {
      INFO("B and C = " << arg);
      Instruction i = create_abck(op, 1, arg, arg, 0);
      // B = 0 of an "it" opcode: VARARGPREP's included (the call set its top).
      CHECK(is_it(i) == (in(kIt, op) && arg == 0));
      // C = 0 of an "ot" opcode; TAILCALL whatever its C (a parameter count).
      CHECK(is_ot(i) == ((in(kOt, op) && arg == 0) || op == OpCode::TAILCALL));
    }
  });
}

// The modes are usable at compile time (they are constexpr, not a table filled at startup).
static_assert(is_test(OpCode::TESTSET) && sets_register_a(OpCode::TESTSET));
static_assert(takes_top(OpCode::VARARGPREP) && !leaves_top(OpCode::VARARGPREP));
static_assert(op_format(OpCode::JMP) == OpFormat::sJ && is_mmbin(OpCode::MMBINK));
