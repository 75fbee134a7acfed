// The code generator's view of expressions and functions under construction.
//
// This is Lua 5.4's lcode.c design, kept deliberately close to the original so that the
// bytecode is the same as luac's: an expression is described by an ExpDesc whose code is
// delayed as long as possible (a constant may fold, a local needs no instruction, a
// relocatable instruction gets its target register only when the consumer decides), and
// conditional expressions carry two lists of pending jumps ("exit when true", "exit when
// false") that are threaded through the sJ fields of the jumps themselves and end in
// kNoJump.
//
// Invariants:
//  - Registers are a stack: `freereg` is the first free one; locals occupy the bottom
//    (nvarstack), temporaries above them are freed in reverse order of allocation.
//  - `lasttarget` is the last pc that is a jump target; peephole merges (LOADNIL, CONCAT)
//    never look across it.
//  - Each instruction has its absolute source line in `lineinfo`.
#pragma once

#include <cstdint>
#include <vector>

#include "lang/lexer.hpp"
#include "vm/object.hpp"
#include "vm/opcodes.hpp"

namespace tycho::lang {

using vm::Instruction;
using vm::OpCode;

constexpr int kNoJump = -1;
constexpr int kMaxRegs = 255;              // registers per function (fits in 8 bits)
constexpr int kMaxVars = 200;              // local variables per function
constexpr int kMaxUpval = 255;             // upvalues per function
constexpr int kMaxIndexRK = vm::kMaxArgB;  // largest constant index usable as an operand

enum class ExpKind : uint8_t {
  kVoid,  // empty expression list (the last of a list), or "global" during lookup
  kNil,
  kTrue,
  kFalse,
  kK,         // constant in k; info = its index
  kKFlt,      // float constant; nval
  kKInt,      // integer constant; ival
  kKStr,      // string constant; strval
  kNonReloc,  // value in a fixed register; info = the register
  kLocal,     // local variable; var_ridx = register, var_vidx = index in actvar
  kUpval,     // upvalue; info = index in upvalues
  kConst,     // compile-time <const>; info = absolute index in actvar
  kIndexed,   // t[k]: ind_t = table register, ind_idx = key register
  kIndexUp,   // upvalue[K]: ind_t = upvalue index, ind_idx = key constant
  kIndexI,    // t[i]: ind_t = table register, ind_idx = integer key
  kIndexStr,  // t.name: ind_t = table register, ind_idx = key constant
  kJmp,       // a test or comparison; info = pc of its jump
  kReloc,     // result can go to any register; info = pc of the instruction
  kCall,      // function call; info = pc
  kVararg,    // vararg expression; info = pc
};

inline bool is_var(ExpKind k) { return ExpKind::kLocal <= k && k <= ExpKind::kIndexStr; }
inline bool is_indexed(ExpKind k) { return ExpKind::kIndexed <= k && k <= ExpKind::kIndexStr; }
inline bool has_multret(ExpKind k) { return k == ExpKind::kCall || k == ExpKind::kVararg; }

struct ExpDesc {
  ExpKind k = ExpKind::kVoid;
  int info = 0;
  int64_t ival = 0;
  double nval = 0;
  vm::String* strval = nullptr;
  int ind_t = 0;
  int ind_idx = 0;
  int var_ridx = 0;
  int var_vidx = 0;
  int t = kNoJump;  // patch list of "exit when true"
  int f = kNoJump;  // patch list of "exit when false"
};

struct BlockScope;  // a block being parsed (parser_internal.hpp)

// A function being compiled. Its arrays grow in std::vectors and are copied into the Proto's
// payloads when the function is closed.
struct FuncState {
  vm::Proto* f = nullptr;
  FuncState* prev = nullptr;
  Lexer* ls = nullptr;
  BlockScope* bl = nullptr;  // the innermost open block
  std::vector<Instruction> code;
  std::vector<int32_t> lineinfo;
  std::vector<vm::Value> k;
  std::vector<vm::Proto*> p;
  std::vector<vm::LocVar> locvars;
  std::vector<vm::UpvalDesc> upvalues;
  int lasttarget = 0;
  int firstlocal = 0;  // index of the first local in dyd.actvar
  int firstlabel = 0;  // index of the first label in dyd.label
  int nactvar = 0;     // number of active local variables
  int freereg = 0;
  int maxstacksize = 2;  // registers 0/1 are always valid
  int numparams = 0;
  bool is_vararg = false;
  bool needclose = false;  // must close upvalues when returning
  int linedefined = 0;
  int lastlinedefined = 0;

  int pc() const { return static_cast<int>(code.size()); }
  int nups() const { return static_cast<int>(upvalues.size()); }
};

// Binary operators, ORDER OPR: arithmetic (foldable) first, in the order of vm::ArithOp.
enum BinOpr {
  kOprAdd,
  kOprSub,
  kOprMul,
  kOprMod,
  kOprPow,
  kOprDiv,
  kOprIDiv,
  kOprBAnd,
  kOprBOr,
  kOprBXor,
  kOprShl,
  kOprShr,
  kOprConcat,
  kOprEq,
  kOprLt,
  kOprLe,
  kOprNe,
  kOprGt,
  kOprGe,
  kOprAnd,
  kOprOr,
  kOprNoBinOpr
};
enum UnOpr { kOprMinus, kOprBNot, kOprNot, kOprLen, kOprNoUnOpr };

// The parser's helper that code generation needs.
int nvarstack(FuncState* fs);  // registers occupied by active locals

// Code generation (code.cpp), one function per lcode.c entry point.
namespace code {
int emit(FuncState* fs, Instruction i);
int abck(FuncState* fs, OpCode o, int a, int b, int c, int k = 0);
int abx(FuncState* fs, OpCode o, int a, unsigned bx);
int asbx(FuncState* fs, OpCode o, int a, int sbx);
bool is_kint(const ExpDesc* e);
bool exp2const(FuncState* fs, const ExpDesc* e, vm::Value* v);
void fixline(FuncState* fs, int line);
void nil(FuncState* fs, int from, int n);
void reserveregs(FuncState* fs, int n);
void checkstack(FuncState* fs, int n);
void int_to_reg(FuncState* fs, int reg, int64_t n);
void dischargevars(FuncState* fs, ExpDesc* e);
int exp2anyreg(FuncState* fs, ExpDesc* e);
void exp2anyregup(FuncState* fs, ExpDesc* e);
void exp2nextreg(FuncState* fs, ExpDesc* e);
void exp2val(FuncState* fs, ExpDesc* e);
int exp2rk(FuncState* fs, ExpDesc* e);
void self(FuncState* fs, ExpDesc* e, ExpDesc* key);
void indexed(FuncState* fs, ExpDesc* t, ExpDesc* k);
void goiftrue(FuncState* fs, ExpDesc* e);
void goiffalse(FuncState* fs, ExpDesc* e);
void storevar(FuncState* fs, ExpDesc* var, ExpDesc* e);
void setreturns(FuncState* fs, ExpDesc* e, int nresults);
inline void setmultret(FuncState* fs, ExpDesc* e) { setreturns(fs, e, vm::kMultRet); }
void setoneret(FuncState* fs, ExpDesc* e);
int jump(FuncState* fs);
void ret(FuncState* fs, int first, int nret);
void patchlist(FuncState* fs, int list, int target);
void patchtohere(FuncState* fs, int list);
void concat(FuncState* fs, int* l1, int l2);
int getlabel(FuncState* fs);
void prefix(FuncState* fs, UnOpr op, ExpDesc* v, int line);
void infix(FuncState* fs, BinOpr op, ExpDesc* v);
void posfix(FuncState* fs, BinOpr op, ExpDesc* v1, ExpDesc* v2, int line);
void settablesize(FuncState* fs, int pc, int ra, int asize, int hsize);
void setlist(FuncState* fs, int base, int nelems, int tostore);
void finish(FuncState* fs);
inline void jumpto(FuncState* fs, int t) { patchlist(fs, jump(fs), t); }
inline Instruction& getinstruction(FuncState* fs, const ExpDesc* e) { return fs->code[e->info]; }
}  // namespace code

}  // namespace tycho::lang
