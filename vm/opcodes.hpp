// The bytecode: one X-macro list generates the opcode enum, the names, the operand formats and
// the interpreter's dispatch table.
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

// X(name, format, "description")
#define TYCHO_OPCODES(X)                                                                  \
  X(MOVE, ABC, "R[A] := R[B]")                                                           \
  X(LOADI, AsBx, "R[A] := sBx")                                                          \
  X(LOADF, AsBx, "R[A] := (float)sBx")                                                   \
  X(LOADK, ABx, "R[A] := K[Bx]")                                                         \
  X(LOADKX, ABx, "R[A] := K[extra arg]")                                                 \
  X(LOADFALSE, ABC, "R[A] := false")                                                     \
  X(LFALSESKIP, ABC, "R[A] := false; pc++")                                              \
  X(LOADTRUE, ABC, "R[A] := true")                                                       \
  X(LOADNIL, ABC, "R[A], R[A+1], ..., R[A+B] := nil")                                    \
  X(GETUPVAL, ABC, "R[A] := U[B]")                                                       \
  X(SETUPVAL, ABC, "U[B] := R[A]")                                                       \
  X(GETTABUP, ABC, "R[A] := U[B][K[C]:shortstring]")                                     \
  X(GETTABLE, ABC, "R[A] := R[B][R[C]]")                                                 \
  X(GETI, ABC, "R[A] := R[B][C]")                                                        \
  X(GETFIELD, ABC, "R[A] := R[B][K[C]:shortstring]")                                     \
  X(SETTABUP, ABC, "U[A][K[B]:shortstring] := RK(C)")                                    \
  X(SETTABLE, ABC, "R[A][R[B]] := RK(C)")                                                \
  X(SETI, ABC, "R[A][B] := RK(C)")                                                       \
  X(SETFIELD, ABC, "R[A][K[B]:shortstring] := RK(C)")                                    \
  X(NEWTABLE, ABC, "R[A] := {} (B: log2 hash size + 1, C: array size, k: EXTRAARG)")     \
  X(SELF, ABC, "R[A+1] := R[B]; R[A] := R[B][RK(C):string]")                             \
  X(ADDI, ABC, "R[A] := R[B] + sC")                                                      \
  X(ADDK, ABC, "R[A] := R[B] + K[C]:number")                                             \
  X(SUBK, ABC, "R[A] := R[B] - K[C]:number")                                             \
  X(MULK, ABC, "R[A] := R[B] * K[C]:number")                                             \
  X(MODK, ABC, "R[A] := R[B] % K[C]:number")                                             \
  X(POWK, ABC, "R[A] := R[B] ^ K[C]:number")                                             \
  X(DIVK, ABC, "R[A] := R[B] / K[C]:number")                                             \
  X(IDIVK, ABC, "R[A] := R[B] // K[C]:number")                                           \
  X(BANDK, ABC, "R[A] := R[B] & K[C]:integer")                                           \
  X(BORK, ABC, "R[A] := R[B] | K[C]:integer")                                            \
  X(BXORK, ABC, "R[A] := R[B] ~ K[C]:integer")                                           \
  X(SHRI, ABC, "R[A] := R[B] >> sC")                                                     \
  X(SHLI, ABC, "R[A] := sC << R[B]")                                                     \
  X(ADD, ABC, "R[A] := R[B] + R[C]")                                                     \
  X(SUB, ABC, "R[A] := R[B] - R[C]")                                                     \
  X(MUL, ABC, "R[A] := R[B] * R[C]")                                                     \
  X(MOD, ABC, "R[A] := R[B] % R[C]")                                                     \
  X(POW, ABC, "R[A] := R[B] ^ R[C]")                                                     \
  X(DIV, ABC, "R[A] := R[B] / R[C]")                                                     \
  X(IDIV, ABC, "R[A] := R[B] // R[C]")                                                   \
  X(BAND, ABC, "R[A] := R[B] & R[C]")                                                    \
  X(BOR, ABC, "R[A] := R[B] | R[C]")                                                     \
  X(BXOR, ABC, "R[A] := R[B] ~ R[C]")                                                    \
  X(SHL, ABC, "R[A] := R[B] << R[C]")                                                    \
  X(SHR, ABC, "R[A] := R[B] >> R[C]")                                                    \
  X(MMBIN, ABC, "call C metamethod over R[A] and R[B] (after a failed arithmetic op)")   \
  X(MMBINI, ABC, "call C metamethod over R[A] and sB (k: swapped)")                      \
  X(MMBINK, ABC, "call C metamethod over R[A] and K[B] (k: swapped)")                    \
  X(UNM, ABC, "R[A] := -R[B]")                                                           \
  X(BNOT, ABC, "R[A] := ~R[B]")                                                          \
  X(NOT, ABC, "R[A] := not R[B]")                                                        \
  X(LEN, ABC, "R[A] := #R[B] (length operator)")                                         \
  X(CONCAT, ABC, "R[A] := R[A].. ... ..R[A + B - 1]")                                    \
  X(CLOSE, ABC, "close all upvalues >= R[A]")                                            \
  X(TBC, ABC, "mark variable A \"to be closed\"")                                        \
  X(JMP, sJ, "pc += sJ")                                                                 \
  X(EQ, ABC, "if ((R[A] == R[B]) ~= k) then pc++")                                       \
  X(LT, ABC, "if ((R[A] <  R[B]) ~= k) then pc++")                                       \
  X(LE, ABC, "if ((R[A] <= R[B]) ~= k) then pc++")                                       \
  X(EQK, ABC, "if ((R[A] == K[B]) ~= k) then pc++")                                      \
  X(EQI, ABC, "if ((R[A] == sB) ~= k) then pc++ (C: operand is float)")                  \
  X(LTI, ABC, "if ((R[A] < sB) ~= k) then pc++")                                         \
  X(LEI, ABC, "if ((R[A] <= sB) ~= k) then pc++")                                        \
  X(GTI, ABC, "if ((R[A] > sB) ~= k) then pc++")                                         \
  X(GEI, ABC, "if ((R[A] >= sB) ~= k) then pc++")                                        \
  X(TEST, ABC, "if (not R[A] == k) then pc++")                                           \
  X(TESTSET, ABC, "if (not R[B] == k) then pc++ else R[A] := R[B]")                      \
  X(CALL, ABC, "R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])")                     \
  X(TAILCALL, ABC, "return R[A](R[A+1], ... ,R[A+B-1]) (k: close upvalues, C: nparams)") \
  X(RETURN, ABC, "return R[A], ... ,R[A+B-2] (k: close upvalues, C: nparams)")           \
  X(RETURN0, ABC, "return")                                                              \
  X(RETURN1, ABC, "return R[A]")                                                         \
  X(FORLOOP, ABx, "update counters; if loop continues then pc-=Bx;")                     \
  X(FORPREP, ABx, "check values and prepare counters; if not to run then pc+=Bx+1;")     \
  X(TFORPREP, ABx, "create upvalue for R[A + 3]; pc+=Bx")                                \
  X(TFORCALL, ABC, "R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2]);")                     \
  X(TFORLOOP, ABx, "if R[A+4] ~= nil then { R[A+2]=R[A+4]; pc -= Bx }")                  \
  X(SETLIST, ABC, "R[A][C+i] := R[A+i], 1 <= i <= B (k: C extended by EXTRAARG)")        \
  X(CLOSURE, ABx, "R[A] := closure(KPROTO[Bx])")                                         \
  X(VARARG, ABC, "R[A], R[A+1], ..., R[A+C-2] = vararg")                                 \
  X(VARARGPREP, ABC, "adjust vararg parameters (A: number of fixed parameters)")        \
  X(EXTRAARG, Ax, "extra (larger) argument for previous opcode")

enum class OpCode : uint8_t {
#define TYCHO_OP_ENUM(name, fmt, desc) name,
  TYCHO_OPCODES(TYCHO_OP_ENUM)
#undef TYCHO_OP_ENUM
};

constexpr int kNumOpcodes = 0
#define TYCHO_OP_COUNT(name, fmt, desc) +1
    TYCHO_OPCODES(TYCHO_OP_COUNT)
#undef TYCHO_OP_COUNT
    ;

extern const char* const kOpNames[kNumOpcodes];
extern const OpFormat kOpFormats[kNumOpcodes];

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

// Whether an instruction's B (or A for the first group) may be "open": use/set up to the top
// (calls, returns, varargs and SETLIST after a multi-result expression).
inline bool is_it(Instruction i) {  // uses top from the previous instruction (B == 0)
  switch (get_op(i)) {
    case OpCode::CALL: case OpCode::TAILCALL: case OpCode::RETURN: case OpCode::SETLIST:
      return getarg_b(i) == 0;
    default: return false;
  }
}
inline bool is_ot(Instruction i) {  // sets top for the next instruction (C == 0)
  switch (get_op(i)) {
    case OpCode::CALL: return getarg_c(i) == 0;
    case OpCode::VARARG: return getarg_c(i) == 0;
    case OpCode::TAILCALL: return true;
    default: return false;
  }
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
