// The bytecode: one X-macro list generates the opcode enum, the names, the modes (operand
// format and the facts other code asks about an opcode) and the interpreter's dispatch table.
//
// Instructions are 32 bits, register based (the instruction set of Lua 5.4, which is a good
// one; the compiler follows its conventions for jumps, tests and metamethod fallbacks):
//
//   iABC   C(8) | B(8) | k(1) | A(8) | Op(7)
//   iABx         Bx(17)      | A(8) | Op(7)
//   iAsBx       sBx(17)      | A(8) | Op(7)
//   iAx              Ax(25)         | Op(7)
//   isJ              sJ(25)         | Op(7)
//
// R[x] is register x, K[x] constant x, RK(x) is K[x] when k is set else R[x], U[x] upvalue x.
// sB/sC/sBx/sJ are signed, stored with an excess offset.
#pragma once

#include <cstdint>

#include "vm/object.hpp"  // Instruction

namespace tycho::vm {

using Instruction = uint32_t;

enum class OpFormat : uint8_t { ABC, ABx, AsBx, Ax, sJ };

// X(name, (mm, ot, it, t, a, format), "description"): the opcode's mode, then what it does.
// The mode is the opcode's row of lopcodes.c's luaP_opmodes (Lua 5.4.4's values). Code outside
// the handlers asks these facts through the predicates below the field layout instead of
// listing opcodes again (tests/unit/vm_opcode_tests.cpp holds the lists, as the specification).
//   mm  a metamethod fallback: calls the metamethod for the arithmetic instruction before it
//       (MMBIN*; the other metamethod calls are part of their instruction, and not marked)
//   ot  with C = 0, sets the top for the next instruction: its results run up to the top
//       (TAILCALL always: its C is a parameter count)
//   it  with B = 0, uses the top: its operands run up to the top set before it (by the previous
//       instruction, or for VARARGPREP by the call: the arguments)
//   t   a test: the next instruction is a jump, which it skips or not
//   a   sets register A
// clang-format off
#define TYCHO_OPCODES(X)                                                                           \
  X(MOVE,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B]")                                             \
  X(LOADI,      (0, 0, 0, 0, 1, AsBx), "R[A] := sBx")                                              \
  X(LOADF,      (0, 0, 0, 0, 1, AsBx), "R[A] := (float)sBx")                                       \
  X(LOADK,      (0, 0, 0, 0, 1, ABx),  "R[A] := K[Bx]")                                            \
  X(LOADKX,     (0, 0, 0, 0, 1, ABx),  "R[A] := K[extra arg]")                                     \
  X(LOADFALSE,  (0, 0, 0, 0, 1, ABC),  "R[A] := false")                                            \
  X(LFALSESKIP, (0, 0, 0, 0, 1, ABC),  "R[A] := false; pc++")                                      \
  X(LOADTRUE,   (0, 0, 0, 0, 1, ABC),  "R[A] := true")                                             \
  X(LOADNIL,    (0, 0, 0, 0, 1, ABC),  "R[A], R[A+1], ..., R[A+B] := nil")                         \
  X(GETUPVAL,   (0, 0, 0, 0, 1, ABC),  "R[A] := U[B]")                                             \
  X(SETUPVAL,   (0, 0, 0, 0, 0, ABC),  "U[B] := R[A]")                                             \
  X(GETTABUP,   (0, 0, 0, 0, 1, ABC),  "R[A] := U[B][K[C]:shortstring]")                           \
  X(GETTABLE,   (0, 0, 0, 0, 1, ABC),  "R[A] := R[B][R[C]]")                                       \
  X(GETI,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B][C]")                                          \
  X(GETFIELD,   (0, 0, 0, 0, 1, ABC),  "R[A] := R[B][K[C]:shortstring]")                           \
  X(SETTABUP,   (0, 0, 0, 0, 0, ABC),  "U[A][K[B]:shortstring] := RK(C)")                          \
  X(SETTABLE,   (0, 0, 0, 0, 0, ABC),  "R[A][R[B]] := RK(C)")                                      \
  X(SETI,       (0, 0, 0, 0, 0, ABC),  "R[A][B] := RK(C)")                                         \
  X(SETFIELD,   (0, 0, 0, 0, 0, ABC),  "R[A][K[B]:shortstring] := RK(C)")                          \
  X(NEWTABLE,   (0, 0, 0, 0, 1, ABC),  "R[A] := {} (B: log2(hash)+1, C: array size, k: EXTRAARG)") \
  X(SELF,       (0, 0, 0, 0, 1, ABC),  "R[A+1] := R[B]; R[A] := R[B][RK(C):string]")               \
  X(ADDI,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] + sC")                                        \
  X(ADDK,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] + K[C]:number")                               \
  X(SUBK,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] - K[C]:number")                               \
  X(MULK,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] * K[C]:number")                               \
  X(MODK,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] % K[C]:number")                               \
  X(POWK,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] ^ K[C]:number")                               \
  X(DIVK,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] / K[C]:number")                               \
  X(IDIVK,      (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] // K[C]:number")                              \
  X(BANDK,      (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] & K[C]:integer")                              \
  X(BORK,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] | K[C]:integer")                              \
  X(BXORK,      (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] ~ K[C]:integer")                              \
  X(SHRI,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] >> sC")                                       \
  X(SHLI,       (0, 0, 0, 0, 1, ABC),  "R[A] := sC << R[B]")                                       \
  X(ADD,        (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] + R[C]")                                      \
  X(SUB,        (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] - R[C]")                                      \
  X(MUL,        (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] * R[C]")                                      \
  X(MOD,        (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] % R[C]")                                      \
  X(POW,        (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] ^ R[C]")                                      \
  X(DIV,        (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] / R[C]")                                      \
  X(IDIV,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] // R[C]")                                     \
  X(BAND,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] & R[C]")                                      \
  X(BOR,        (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] | R[C]")                                      \
  X(BXOR,       (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] ~ R[C]")                                      \
  X(SHL,        (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] << R[C]")                                     \
  X(SHR,        (0, 0, 0, 0, 1, ABC),  "R[A] := R[B] >> R[C]")                                     \
  X(MMBIN,      (1, 0, 0, 0, 0, ABC),  "call C metamethod over R[A] and R[B] (after an arith op)") \
  X(MMBINI,     (1, 0, 0, 0, 0, ABC),  "call C metamethod over R[A] and sB (k: swapped)")          \
  X(MMBINK,     (1, 0, 0, 0, 0, ABC),  "call C metamethod over R[A] and K[B] (k: swapped)")        \
  X(UNM,        (0, 0, 0, 0, 1, ABC),  "R[A] := -R[B]")                                            \
  X(BNOT,       (0, 0, 0, 0, 1, ABC),  "R[A] := ~R[B]")                                            \
  X(NOT,        (0, 0, 0, 0, 1, ABC),  "R[A] := not R[B]")                                         \
  X(LEN,        (0, 0, 0, 0, 1, ABC),  "R[A] := #R[B] (length operator)")                          \
  X(CONCAT,     (0, 0, 0, 0, 1, ABC),  "R[A] := R[A].. ... ..R[A + B - 1]")                        \
  X(CLOSE,      (0, 0, 0, 0, 0, ABC),  "close all upvalues >= R[A]")                               \
  X(TBC,        (0, 0, 0, 0, 0, ABC),  "mark variable A \"to be closed\"")                         \
  X(JMP,        (0, 0, 0, 0, 0, sJ),   "pc += sJ")                                                 \
  X(EQ,         (0, 0, 0, 1, 0, ABC),  "if ((R[A] == R[B]) ~= k) then pc++")                       \
  X(LT,         (0, 0, 0, 1, 0, ABC),  "if ((R[A] <  R[B]) ~= k) then pc++")                       \
  X(LE,         (0, 0, 0, 1, 0, ABC),  "if ((R[A] <= R[B]) ~= k) then pc++")                       \
  X(EQK,        (0, 0, 0, 1, 0, ABC),  "if ((R[A] == K[B]) ~= k) then pc++")                       \
  X(EQI,        (0, 0, 0, 1, 0, ABC),  "if ((R[A] == sB) ~= k) then pc++ (C: operand is float)")   \
  X(LTI,        (0, 0, 0, 1, 0, ABC),  "if ((R[A] < sB) ~= k) then pc++")                          \
  X(LEI,        (0, 0, 0, 1, 0, ABC),  "if ((R[A] <= sB) ~= k) then pc++")                         \
  X(GTI,        (0, 0, 0, 1, 0, ABC),  "if ((R[A] > sB) ~= k) then pc++")                          \
  X(GEI,        (0, 0, 0, 1, 0, ABC),  "if ((R[A] >= sB) ~= k) then pc++")                         \
  X(TEST,       (0, 0, 0, 1, 0, ABC),  "if (not R[A] == k) then pc++")                             \
  X(TESTSET,    (0, 0, 0, 1, 1, ABC),  "if (not R[B] == k) then pc++ else R[A] := R[B]")           \
  X(CALL,       (0, 1, 1, 0, 1, ABC),  "R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])")       \
  X(TAILCALL,   (0, 1, 1, 0, 1, ABC),  "return R[A](R[A+1],...,R[A+B-1]) (k: close, C: nparams)")  \
  X(RETURN,     (0, 0, 1, 0, 0, ABC),  "return R[A], ... ,R[A+B-2] (k: close, C: nparams)")        \
  X(RETURN0,    (0, 0, 0, 0, 0, ABC),  "return")                                                   \
  X(RETURN1,    (0, 0, 0, 0, 0, ABC),  "return R[A]")                                              \
  X(FORLOOP,    (0, 0, 0, 0, 1, ABx),  "update counters; if loop continues then pc-=Bx;")          \
  X(FORPREP,    (0, 0, 0, 0, 1, ABx),  "check and prepare counters; if not to run then pc+=Bx+1;") \
  X(TFORPREP,   (0, 0, 0, 0, 0, ABx),  "create upvalue for R[A + 3]; pc+=Bx")                      \
  X(TFORCALL,   (0, 0, 0, 0, 0, ABC),  "R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2]);")           \
  X(TFORLOOP,   (0, 0, 0, 0, 1, ABx),  "if R[A+4] ~= nil then { R[A+2]=R[A+4]; pc -= Bx }")        \
  X(SETLIST,    (0, 0, 1, 0, 0, ABC),  "R[A][C+i] := R[A+i], 1 <= i <= B (k: EXTRAARG extends C)") \
  X(CLOSURE,    (0, 0, 0, 0, 1, ABx),  "R[A] := closure(KPROTO[Bx])")                              \
  X(VARARG,     (0, 1, 0, 0, 1, ABC),  "R[A], R[A+1], ..., R[A+C-2] = vararg")                     \
  X(VARARGPREP, (0, 0, 1, 0, 1, ABC),  "adjust vararg parameters (A: fixed parameter count)")      \
  X(EXTRAARG,   (0, 0, 0, 0, 0, Ax),   "extra (larger) argument for previous opcode")
// clang-format on

enum class OpCode : uint8_t {
#define TYCHO_OP_ENUM(name, mode, desc) name,
  TYCHO_OPCODES(TYCHO_OP_ENUM)
#undef TYCHO_OP_ENUM
};

constexpr int kNumOpcodes = 0
#define TYCHO_OP_COUNT(name, mode, desc) +1
    TYCHO_OPCODES(TYCHO_OP_COUNT)
#undef TYCHO_OP_COUNT
    ;

extern const char* const kOpNames[kNumOpcodes];

// Field layout.
constexpr int kSizeOp = 7, kSizeA = 8, kSizeB = 8, kSizeC = 8, kSizeK = 1;
constexpr int kSizeBx = kSizeC + kSizeB + kSizeK;  // 17
constexpr int kSizeAx = kSizeBx + kSizeA;          // 25
constexpr int kSizesJ = kSizeAx;
constexpr int kPosOp = 0, kPosA = kPosOp + kSizeOp, kPosK = kPosA + kSizeA;
constexpr int kPosB = kPosK + kSizeK, kPosC = kPosB + kSizeB, kPosBx = kPosK, kPosAx = kPosA,
              kPossJ = kPosA;

constexpr int kMaxArgA = (1 << kSizeA) - 1;
constexpr int kMaxArgB = (1 << kSizeB) - 1;
constexpr int kMaxArgC = (1 << kSizeC) - 1;
constexpr int kMaxArgBx = (1 << kSizeBx) - 1;
constexpr int kMaxArgAx = (1 << kSizeAx) - 1;
constexpr int kMaxArgsJ = (1 << kSizesJ) - 1;
constexpr int kOffsetsBx = kMaxArgBx >> 1;
constexpr int kOffsetsJ = kMaxArgsJ >> 1;
constexpr int kOffsetsC = kMaxArgC >> 1;
constexpr int kNoReg = kMaxArgA;  // "no register"
// Number of list items to accumulate before a SETLIST instruction.
constexpr int kFieldsPerFlush = 50;

constexpr uint32_t mask1(int n, int p) { return (~((~0u) << n)) << p; }

inline OpCode get_op(Instruction i) { return static_cast<OpCode>((i >> kPosOp) & mask1(kSizeOp, 0)); }
inline int getarg_a(Instruction i) { return static_cast<int>((i >> kPosA) & mask1(kSizeA, 0)); }
inline int getarg_b(Instruction i) { return static_cast<int>((i >> kPosB) & mask1(kSizeB, 0)); }
inline int getarg_c(Instruction i) { return static_cast<int>((i >> kPosC) & mask1(kSizeC, 0)); }
inline int getarg_k(Instruction i) { return static_cast<int>((i >> kPosK) & 1); }
inline int getarg_sb(Instruction i) { return getarg_b(i) - kOffsetsC; }
inline int getarg_sc(Instruction i) { return getarg_c(i) - kOffsetsC; }
inline int getarg_bx(Instruction i) { return static_cast<int>((i >> kPosBx) & mask1(kSizeBx, 0)); }
inline int getarg_sbx(Instruction i) { return getarg_bx(i) - kOffsetsBx; }
inline int getarg_ax(Instruction i) { return static_cast<int>((i >> kPosAx) & mask1(kSizeAx, 0)); }
inline int getarg_sj(Instruction i) {
  return static_cast<int>((i >> kPossJ) & mask1(kSizesJ, 0)) - kOffsetsJ;
}

inline Instruction set_field(Instruction i, int v, int pos, int size) {
  return (i & ~mask1(size, pos)) | ((static_cast<uint32_t>(v) << pos) & mask1(size, pos));
}
inline void setarg_a(Instruction& i, int v) { i = set_field(i, v, kPosA, kSizeA); }
inline void setarg_b(Instruction& i, int v) { i = set_field(i, v, kPosB, kSizeB); }
inline void setarg_c(Instruction& i, int v) { i = set_field(i, v, kPosC, kSizeC); }
inline void setarg_k(Instruction& i, int v) { i = set_field(i, v, kPosK, kSizeK); }
inline void setarg_bx(Instruction& i, int v) { i = set_field(i, v, kPosBx, kSizeBx); }
inline void setarg_sj(Instruction& i, int v) { i = set_field(i, v + kOffsetsJ, kPossJ, kSizesJ); }
inline void set_op(Instruction& i, OpCode o) {
  i = set_field(i, static_cast<int>(o), kPosOp, kSizeOp);
}

inline Instruction create_abck(OpCode o, int a, int b, int c, int k) {
  return (static_cast<uint32_t>(o) << kPosOp) | (static_cast<uint32_t>(a) << kPosA) |
         (static_cast<uint32_t>(b) << kPosB) | (static_cast<uint32_t>(c) << kPosC) |
         (static_cast<uint32_t>(k) << kPosK);
}
inline Instruction create_abx(OpCode o, int a, unsigned bx) {
  return (static_cast<uint32_t>(o) << kPosOp) | (static_cast<uint32_t>(a) << kPosA) |
         (static_cast<uint32_t>(bx) << kPosBx);
}
inline Instruction create_ax(OpCode o, unsigned ax) {
  return (static_cast<uint32_t>(o) << kPosOp) | (static_cast<uint32_t>(ax) << kPosAx);
}
inline Instruction create_sj(OpCode o, int j, int k) {
  return (static_cast<uint32_t>(o) << kPosOp) |
         (static_cast<uint32_t>(j + kOffsetsJ) << kPossJ) | (static_cast<uint32_t>(k) << kPosK);
}

// ---- Opcode modes: the columns of the list, one byte per opcode as luaP_opmodes ----
//
// Bits 0-2 the format, then one bit a column. The table has a row for every value of the op
// field; those past the last opcode have no mode, so the predicates are safe on any word.

constexpr int kModeFormat = 7, kModeA = 1 << 3, kModeT = 1 << 4, kModeIt = 1 << 5, kModeOt = 1 << 6,
              kModeMm = 1 << 7;

constexpr uint8_t op_mode(int mm, int ot, int it, int t, int a, OpFormat format) {
  return static_cast<uint8_t>((mm ? kModeMm : 0) | (ot ? kModeOt : 0) | (it ? kModeIt : 0) |
                              (t ? kModeT : 0) | (a ? kModeA : 0) | static_cast<int>(format));
}

#define TYCHO_OP_MODE_OF(mm, ot, it, t, a, format) op_mode(mm, ot, it, t, a, OpFormat::format),
inline constexpr uint8_t kOpModes[1 << kSizeOp] = {
#define TYCHO_OP_MODE(name, mode, desc) TYCHO_OP_MODE_OF mode
    TYCHO_OPCODES(TYCHO_OP_MODE)
#undef TYCHO_OP_MODE
};
#undef TYCHO_OP_MODE_OF

constexpr int op_mode_bits(OpCode op) { return kOpModes[static_cast<int>(op)]; }
constexpr OpFormat op_format(OpCode op) {
  return static_cast<OpFormat>(op_mode_bits(op) & kModeFormat);
}
constexpr bool is_mmbin(OpCode op) { return op_mode_bits(op) & kModeMm; }        // mm
constexpr bool leaves_top(OpCode op) { return op_mode_bits(op) & kModeOt; }      // ot
constexpr bool takes_top(OpCode op) { return op_mode_bits(op) & kModeIt; }       // it
constexpr bool is_test(OpCode op) { return op_mode_bits(op) & kModeT; }          // t
constexpr bool sets_register_a(OpCode op) { return op_mode_bits(op) & kModeA; }  // a

// lopcodes.h's isIT: the instruction's operands run up to the top (B = 0 of an "it" opcode),
// so whoever stops before it (a hook, an interrupt) must leave the top where it is.
inline bool is_it(Instruction i) { return takes_top(get_op(i)) && getarg_b(i) == 0; }
// lopcodes.h's isOT: the instruction leaves the top for the next one.
inline bool is_ot(Instruction i) {
  OpCode op = get_op(i);
  return (leaves_top(op) && getarg_c(i) == 0) || op == OpCode::TAILCALL;
}

// Metamethod events, in Lua 5.4's order (the order matters: ADD..BNOT are contiguous and
// match the arithmetic opcodes' order; EQ is the last with a fast-absence cache bit).
#define TYCHO_TMS(X) \
  X(INDEX, "__index") X(NEWINDEX, "__newindex") X(GC, "__gc") X(MODE, "__mode") X(LEN, "__len") \
  X(EQ, "__eq") X(ADD, "__add") X(SUB, "__sub") X(MUL, "__mul") X(MOD, "__mod")                 \
  X(POW, "__pow") X(DIV, "__div") X(IDIV, "__idiv") X(BAND, "__band") X(BOR, "__bor")           \
  X(BXOR, "__bxor") X(SHL, "__shl") X(SHR, "__shr") X(UNM, "__unm") X(BNOT, "__bnot")           \
  X(LT, "__lt") X(LE, "__le") X(CONCAT, "__concat") X(CALL, "__call") X(CLOSE, "__close")

enum class TM : uint8_t {
#define TYCHO_TM_ENUM(name, str) name,
  TYCHO_TMS(TYCHO_TM_ENUM)
#undef TYCHO_TM_ENUM
  N
};

}  // namespace tycho::vm
