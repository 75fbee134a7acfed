// Code generation for expressions and jumps: a port of Lua 5.4's lcode.c (see codegen.hpp).
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "lang/codegen.hpp"
#include "vm/number.hpp"

namespace tycho::lang::code {

namespace {

using vm::Value;

bool hasjumps(const ExpDesc* e) { return e->t != e->f; }

OpCode op_plus(OpCode base, int n) { return static_cast<OpCode>(static_cast<int>(base) + n); }
int op_minus(OpCode a, OpCode b) { return static_cast<int>(a) - static_cast<int>(b); }
constexpr int kTmAdd = static_cast<int>(vm::TM::ADD);
constexpr int kTmSub = static_cast<int>(vm::TM::SUB);
constexpr int kTmShl = static_cast<int>(vm::TM::SHL);
constexpr int kTmShr = static_cast<int>(vm::TM::SHR);

int int2sc(int i) { return i + vm::kOffsetsC; }

// If `e` is a numeric constant, fill `v` (when given) with its value.
bool tonumeral(const ExpDesc* e, Value* v) {
  if (hasjumps(e)) return false;
  switch (e->k) {
    case ExpKind::kKInt:
      if (v) *v = Value::integer(e->ival);
      return true;
    case ExpKind::kKFlt:
      if (v) *v = Value::number(e->nval);
      return true;
    default:
      return false;
  }
}

Value& const2val(FuncState* fs, const ExpDesc* e) { return fs->ls->dyd.actvar[e->info].k; }

// The previous instruction, or null if there may be a jump target in between (then no
// peephole optimization may touch it).
Instruction* previousinstruction(FuncState* fs) {
  if (fs->pc() > fs->lasttarget) return &fs->code[fs->pc() - 1];
  return nullptr;
}

int getjump(FuncState* fs, int pc) {
  int offset = vm::getarg_sj(fs->code[pc]);
  if (offset == kNoJump) return kNoJump;  // a jump to itself ends the list
  return (pc + 1) + offset;
}

void fixjump(FuncState* fs, int pc, int dest) {
  Instruction* jmp = &fs->code[pc];
  int offset = dest - (pc + 1);
  if (!(-vm::kOffsetsJ <= offset && offset <= vm::kMaxArgsJ - vm::kOffsetsJ))
    fs->ls->syntax_error("control structure too long");
  vm::setarg_sj(*jmp, offset);
}

int codesj(FuncState* fs, OpCode o, int sj, int k) { return emit(fs, vm::create_sj(o, sj, k)); }

int condjump(FuncState* fs, OpCode op, int a, int b, int c, int k) {
  abck(fs, op, a, b, c, k);
  return jump(fs);
}

// The instruction that decides the jump at `pc`: the test before it, if any, else the jump.
Instruction* getjumpcontrol(FuncState* fs, int pc) {
  Instruction* pi = &fs->code[pc];
  if (pc >= 1 && vm::is_test(vm::get_op(*(pi - 1)))) return pi - 1;
  return pi;
}

// Patch the destination register of a TESTSET, or turn it into a TEST when there is no
// register to set (or the value is already there). Returns false for other instructions.
bool patchtestreg(FuncState* fs, int node, int reg) {
  Instruction* i = getjumpcontrol(fs, node);
  if (vm::get_op(*i) != OpCode::TESTSET) return false;
  if (reg != vm::kNoReg && reg != vm::getarg_b(*i))
    vm::setarg_a(*i, reg);
  else
    *i = vm::create_abck(OpCode::TEST, vm::getarg_b(*i), 0, 0, vm::getarg_k(*i));
  return true;
}

void removevalues(FuncState* fs, int list) {
  for (; list != kNoJump; list = getjump(fs, list)) patchtestreg(fs, list, vm::kNoReg);
}

void patchlistaux(FuncState* fs, int list, int vtarget, int reg, int dtarget) {
  while (list != kNoJump) {
    int next = getjump(fs, list);
    if (patchtestreg(fs, list, reg))
      fixjump(fs, list, vtarget);
    else
      fixjump(fs, list, dtarget);
    list = next;
  }
}

void removelastinstruction(FuncState* fs) {
  fs->code.pop_back();
  fs->lineinfo.pop_back();
}

int codeextraarg(FuncState* fs, int a) { return emit(fs, vm::create_ax(OpCode::EXTRAARG, a)); }

int codek(FuncState* fs, int reg, int k) {
  if (k <= vm::kMaxArgBx) return abx(fs, OpCode::LOADK, reg, k);
  int p = abx(fs, OpCode::LOADKX, reg, 0);
  codeextraarg(fs, k);
  return p;
}

void freereg(FuncState* fs, int reg) {
  if (reg >= nvarstack(fs)) fs->freereg--;
}

void freeregs(FuncState* fs, int r1, int r2) {
  if (r1 > r2) {
    freereg(fs, r1);
    freereg(fs, r2);
  } else {
    freereg(fs, r2);
    freereg(fs, r1);
  }
}

void freeexp(FuncState* fs, ExpDesc* e) {
  if (e->k == ExpKind::kNonReloc) freereg(fs, e->info);
}

void freeexps(FuncState* fs, ExpDesc* e1, ExpDesc* e2) {
  int r1 = e1->k == ExpKind::kNonReloc ? e1->info : -1;
  int r2 = e2->k == ExpKind::kNonReloc ? e2->info : -1;
  freeregs(fs, r1, r2);
}

// Add a constant to the function's list, reusing an existing entry when the chunk-wide cache
// (Lua's scanner table) points to an equal constant of this function.
int addk(FuncState* fs, const ConstKey& key, const Value& v) {
  auto& cache = fs->ls->kcache;
  auto it = cache.find(key);
  if (it != cache.end()) {
    int k = it->second;
    if (k < static_cast<int>(fs->k.size()) && fs->k[k].tt == v.tt) {
      const Value& old = fs->k[k];
      bool same;
      switch (v.tt) {
        case vm::kVInt:
          same = old.as_int() == v.as_int();
          break;
        case vm::kVFloat:
          same = old.as_float() == v.as_float();
          break;
        case vm::kVNil:
        case vm::kVTrue:
        case vm::kVFalse:
          same = true;
          break;
        default:
          same = old.as_gc() == v.as_gc();
          break;  // strings are interned
      }
      if (same) return k;
    }
  }
  int k = static_cast<int>(fs->k.size());
  cache[key] = k;
  fs->k.push_back(v);
  return k;
}

ConstKey int_key(int64_t i) { return ConstKey{0, static_cast<uint64_t>(i)}; }

// A float key as a Lua table would store it: floats with an integral value become integers.
ConstKey float_key(double d) {
  int64_t i;
  if (vm::float_to_int(d, &i, vm::F2I::kEq)) return int_key(i);
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return ConstKey{1, bits};
}

int string_k(FuncState* fs, vm::String* s) {
  return addk(fs, ConstKey{2, reinterpret_cast<uintptr_t>(s)}, Value::object(s));
}

int int_k(FuncState* fs, int64_t n) { return addk(fs, int_key(n), Value::integer(n)); }

// Floats with integral values get a key that cannot collide with the integer (the number
// plus its smallest significant fraction), as Lua's luaK_numberK.
int number_k(FuncState* fs, double r) {
  int64_t ik;
  if (!vm::float_to_int(r, &ik, vm::F2I::kEq)) return addk(fs, float_key(r), Value::number(r));
  const int nbm = 53;  // DBL_MANT_DIG
  const double q = std::ldexp(1.0, -nbm + 1);
  const double k = (ik == 0) ? q : r + r * q;
  return addk(fs, float_key(k), Value::number(r));
}

int bool_f(FuncState* fs) { return addk(fs, ConstKey{4, 0}, Value::boolean(false)); }
int bool_t(FuncState* fs) { return addk(fs, ConstKey{3, 0}, Value::boolean(true)); }
int nil_k(FuncState* fs) { return addk(fs, ConstKey{5, 0}, Value::nil()); }

bool fits_c(int64_t i) {
  return static_cast<uint64_t>(i) + vm::kOffsetsC <= static_cast<unsigned>(vm::kMaxArgC);
}

bool fits_bx(int64_t i) { return -vm::kOffsetsBx <= i && i <= vm::kMaxArgBx - vm::kOffsetsBx; }

void float_to_reg(FuncState* fs, int reg, double f) {
  int64_t fi;
  if (vm::float_to_int(f, &fi, vm::F2I::kEq) && fits_bx(fi))
    asbx(fs, OpCode::LOADF, reg, static_cast<int>(fi));
  else
    codek(fs, reg, number_k(fs, f));
}

void const2exp(const Value& v, ExpDesc* e) {
  switch (v.tt) {
    case vm::kVInt:
      e->k = ExpKind::kKInt;
      e->ival = v.as_int();
      break;
    case vm::kVFloat:
      e->k = ExpKind::kKFlt;
      e->nval = v.as_float();
      break;
    case vm::kVFalse:
      e->k = ExpKind::kFalse;
      break;
    case vm::kVTrue:
      e->k = ExpKind::kTrue;
      break;
    case vm::kVNil:
      e->k = ExpKind::kNil;
      break;
    default:
      e->k = ExpKind::kKStr;
      e->strval = v.as_string();
      break;
  }
}

void str2k(FuncState* fs, ExpDesc* e) {
  e->info = string_k(fs, e->strval);
  e->k = ExpKind::kK;
}

void discharge2reg(FuncState* fs, ExpDesc* e, int reg) {
  dischargevars(fs, e);
  switch (e->k) {
    case ExpKind::kNil:
      nil(fs, reg, 1);
      break;
    case ExpKind::kFalse:
      abck(fs, OpCode::LOADFALSE, reg, 0, 0);
      break;
    case ExpKind::kTrue:
      abck(fs, OpCode::LOADTRUE, reg, 0, 0);
      break;
    case ExpKind::kKStr:
      str2k(fs, e);
      [[fallthrough]];
    case ExpKind::kK:
      codek(fs, reg, e->info);
      break;
    case ExpKind::kKFlt:
      float_to_reg(fs, reg, e->nval);
      break;
    case ExpKind::kKInt:
      int_to_reg(fs, reg, e->ival);
      break;
    case ExpKind::kReloc:
      vm::setarg_a(getinstruction(fs, e), reg);
      break;
    case ExpKind::kNonReloc:
      if (reg != e->info) abck(fs, OpCode::MOVE, reg, e->info, 0);
      break;
    default:
      return;  // kJmp: nothing to do
  }
  e->info = reg;
  e->k = ExpKind::kNonReloc;
}

void discharge2anyreg(FuncState* fs, ExpDesc* e) {
  if (e->k != ExpKind::kNonReloc) {
    reserveregs(fs, 1);
    discharge2reg(fs, e, fs->freereg - 1);
  }
}

int code_loadbool(FuncState* fs, int a, OpCode op) {
  getlabel(fs);  // these instructions may be jump targets
  return abck(fs, op, a, 0, 0);
}

// Whether a list has a jump that produces no value or an inverted one.
bool need_value(FuncState* fs, int list) {
  for (; list != kNoJump; list = getjump(fs, list)) {
    Instruction i = *getjumpcontrol(fs, list);
    if (vm::get_op(i) != OpCode::TESTSET) return true;
  }
  return false;
}

// Put the final value of `e`, its jump lists included, in register `reg`.
void exp2reg(FuncState* fs, ExpDesc* e, int reg) {
  discharge2reg(fs, e, reg);
  if (e->k == ExpKind::kJmp) concat(fs, &e->t, e->info);
  if (hasjumps(e)) {
    int p_f = kNoJump;  // position of an eventual LOAD false
    int p_t = kNoJump;  // position of an eventual LOAD true
    if (need_value(fs, e->t) || need_value(fs, e->f)) {
      int fj = (e->k == ExpKind::kJmp) ? kNoJump : jump(fs);
      p_f = code_loadbool(fs, reg, OpCode::LFALSESKIP);
      p_t = code_loadbool(fs, reg, OpCode::LOADTRUE);
      patchtohere(fs, fj);
    }
    int final = getlabel(fs);
    patchlistaux(fs, e->f, final, reg, p_f);
    patchlistaux(fs, e->t, final, reg, p_t);
  }
  e->f = e->t = kNoJump;
  e->info = reg;
  e->k = ExpKind::kNonReloc;
}

// Try to make `e` a K expression whose index fits an operand.
bool exp2k(FuncState* fs, ExpDesc* e) {
  if (!hasjumps(e)) {
    int info;
    switch (e->k) {
      case ExpKind::kTrue:
        info = bool_t(fs);
        break;
      case ExpKind::kFalse:
        info = bool_f(fs);
        break;
      case ExpKind::kNil:
        info = nil_k(fs);
        break;
      case ExpKind::kKInt:
        info = int_k(fs, e->ival);
        break;
      case ExpKind::kKFlt:
        info = number_k(fs, e->nval);
        break;
      case ExpKind::kKStr:
        info = string_k(fs, e->strval);
        break;
      case ExpKind::kK:
        info = e->info;
        break;
      default:
        return false;
    }
    if (info <= kMaxIndexRK) {
      e->k = ExpKind::kK;
      e->info = info;
      return true;
    }
  }
  return false;
}

void codeabrk(FuncState* fs, OpCode o, int a, int b, ExpDesc* ec) {
  int k = exp2rk(fs, ec);
  abck(fs, o, a, b, ec->info, k);
}

void negatecondition(FuncState* fs, ExpDesc* e) {
  Instruction* pc = getjumpcontrol(fs, e->info);
  vm::setarg_k(*pc, vm::getarg_k(*pc) ^ 1);
}

int jumponcond(FuncState* fs, ExpDesc* e, int cond) {
  if (e->k == ExpKind::kReloc) {
    Instruction ie = getinstruction(fs, e);
    if (vm::get_op(ie) == OpCode::NOT) {
      removelastinstruction(fs);  // drop the NOT and invert the test instead
      return condjump(fs, OpCode::TEST, vm::getarg_b(ie), 0, 0, !cond);
    }
  }
  discharge2anyreg(fs, e);
  freeexp(fs, e);
  return condjump(fs, OpCode::TESTSET, vm::kNoReg, e->info, 0, cond);
}

void codenot(FuncState* fs, ExpDesc* e) {
  switch (e->k) {
    case ExpKind::kNil:
    case ExpKind::kFalse:
      e->k = ExpKind::kTrue;
      break;
    case ExpKind::kK:
    case ExpKind::kKFlt:
    case ExpKind::kKInt:
    case ExpKind::kKStr:
    case ExpKind::kTrue:
      e->k = ExpKind::kFalse;
      break;
    case ExpKind::kJmp:
      negatecondition(fs, e);
      break;
    case ExpKind::kReloc:
    case ExpKind::kNonReloc:
      discharge2anyreg(fs, e);
      freeexp(fs, e);
      e->info = abck(fs, OpCode::NOT, 0, e->info, 0);
      e->k = ExpKind::kReloc;
      break;
    default:
      break;
  }
  std::swap(e->f, e->t);
  removevalues(fs, e->f);  // values are useless when negated
  removevalues(fs, e->t);
}

bool is_kstr(FuncState* fs, ExpDesc* e) {
  return e->k == ExpKind::kK && !hasjumps(e) && e->info <= vm::kMaxArgB &&
         fs->k[e->info].is_short_string();
}

bool is_cint(ExpDesc* e) {
  return is_kint(e) && static_cast<uint64_t>(e->ival) <= static_cast<uint64_t>(vm::kMaxArgC);
}

bool is_scint(ExpDesc* e) { return is_kint(e) && fits_c(e->ival); }

// An integer, or a float with an exact integer value, that fits an sB/sC operand.
bool is_scnumber(ExpDesc* e, int* pi, int* isfloat) {
  int64_t i;
  if (e->k == ExpKind::kKInt)
    i = e->ival;
  else if (e->k == ExpKind::kKFlt && vm::float_to_int(e->nval, &i, vm::F2I::kEq))
    *isfloat = 1;
  else
    return false;
  if (!hasjumps(e) && fits_c(i)) {
    *pi = int2sc(static_cast<int>(i));
    return true;
  }
  return false;
}

// Folding must not raise errors: bitwise operations need integral operands, divisions a
// nonzero divisor.
bool validop(int op, const Value& v1, const Value& v2) {
  switch (op) {
    case vm::kOpBAnd:
    case vm::kOpBOr:
    case vm::kOpBXor:
    case vm::kOpShl:
    case vm::kOpShr:
    case vm::kOpBNot: {
      int64_t i;
      return vm::to_integer_ns(v1, &i, vm::F2I::kEq) && vm::to_integer_ns(v2, &i, vm::F2I::kEq);
    }
    case vm::kOpDiv:
    case vm::kOpIDiv:
    case vm::kOpMod:
      return v2.as_number() != 0;
    default:
      return true;
  }
}

bool constfolding(FuncState* fs, int op, ExpDesc* e1, const ExpDesc* e2) {
  (void)fs;
  Value v1, v2, res;
  if (!tonumeral(e1, &v1) || !tonumeral(e2, &v2) || !validop(op, v1, v2)) return false;
  if (!vm::raw_arith(nullptr, op, v1, v2, &res)) return false;
  if (res.is_int()) {
    e1->k = ExpKind::kKInt;
    e1->ival = res.as_int();
  } else {  // fold neither NaN nor 0.0 (to keep -0.0 apart)
    double n = res.as_float();
    if (std::isnan(n) || n == 0) return false;
    e1->k = ExpKind::kKFlt;
    e1->nval = n;
  }
  return true;
}

void codeunexpval(FuncState* fs, OpCode op, ExpDesc* e, int line) {
  int r = exp2anyreg(fs, e);
  freeexp(fs, e);
  e->info = abck(fs, op, 0, r, 0);
  e->k = ExpKind::kReloc;
  fixline(fs, line);
}

void finishbinexpval(FuncState* fs, ExpDesc* e1, ExpDesc* e2, OpCode op, int v2, int flip, int line,
                     OpCode mmop, int event) {
  int v1 = exp2anyreg(fs, e1);
  int pc = abck(fs, op, 0, v1, v2, 0);
  freeexps(fs, e1, e2);
  e1->info = pc;
  e1->k = ExpKind::kReloc;
  fixline(fs, line);
  abck(fs, mmop, v1, v2, event, flip);  // the metamethod fallback
  fixline(fs, line);
}

void codebinexpval(FuncState* fs, OpCode op, ExpDesc* e1, ExpDesc* e2, int line) {
  int v2 = exp2anyreg(fs, e2);
  finishbinexpval(fs, e1, e2, op, v2, 0, line, OpCode::MMBIN, op_minus(op, OpCode::ADD) + kTmAdd);
}

void codebini(FuncState* fs, OpCode op, ExpDesc* e1, ExpDesc* e2, int flip, int line, int event) {
  int v2 = int2sc(static_cast<int>(e2->ival));
  finishbinexpval(fs, e1, e2, op, v2, flip, line, OpCode::MMBINI, event);
}

// Code `e1 - k` as `e1 + (-k)`; the metamethod still sees the original operand.
bool finishbinexpneg(FuncState* fs, ExpDesc* e1, ExpDesc* e2, OpCode op, int line, int event) {
  if (!is_kint(e2)) return false;
  int64_t i2 = e2->ival;
  if (!(fits_c(i2) && fits_c(-i2))) return false;
  int v2 = static_cast<int>(i2);
  finishbinexpval(fs, e1, e2, op, int2sc(-v2), 0, line, OpCode::MMBINI, event);
  vm::setarg_b(fs->code[fs->pc() - 1], int2sc(v2));
  return true;
}

void swapexps(ExpDesc* e1, ExpDesc* e2) { std::swap(*e1, *e2); }

void codearith(FuncState* fs, BinOpr opr, ExpDesc* e1, ExpDesc* e2, int flip, int line) {
  int event = opr + kTmAdd;
  if (tonumeral(e2, nullptr) && exp2k(fs, e2)) {
    int v2 = e2->info;
    OpCode op = op_plus(OpCode::ADDK, opr);
    finishbinexpval(fs, e1, e2, op, v2, flip, line, OpCode::MMBINK, event);
  } else {
    OpCode op = op_plus(OpCode::ADD, opr);
    if (flip) swapexps(e1, e2);
    codebinexpval(fs, op, e1, e2, line);
  }
}

void codecommutative(FuncState* fs, BinOpr op, ExpDesc* e1, ExpDesc* e2, int line) {
  int flip = 0;
  if (tonumeral(e1, nullptr)) {
    swapexps(e1, e2);
    flip = 1;
  }
  if (op == kOprAdd && is_scint(e2))
    codebini(fs, OpCode::ADDI, e1, e2, flip, line, kTmAdd);
  else
    codearith(fs, op, e1, e2, flip, line);
}

void codebitwise(FuncState* fs, BinOpr opr, ExpDesc* e1, ExpDesc* e2, int line) {
  int flip = 0;
  if (e1->k == ExpKind::kKInt && exp2rk(fs, e1)) {
    swapexps(e1, e2);
    flip = 1;
  } else if (!(e2->k == ExpKind::kKInt && exp2rk(fs, e2))) {
    codebinexpval(fs, op_plus(OpCode::ADD, opr), e1, e2, line);
    return;
  }
  int v2 = e2->info;
  finishbinexpval(fs, e1, e2, op_plus(OpCode::ADDK, opr), v2, flip, line, OpCode::MMBINK,
                  opr + kTmAdd);
}

void codeorder(FuncState* fs, OpCode op, ExpDesc* e1, ExpDesc* e2) {
  int r1, r2;
  int im;
  int isfloat = 0;
  if (is_scnumber(e2, &im, &isfloat)) {
    r1 = exp2anyreg(fs, e1);
    r2 = im;
    op = op_plus(OpCode::LTI, op_minus(op, OpCode::LT));
  } else if (is_scnumber(e1, &im, &isfloat)) {
    // (A < B) becomes (B > A), (A <= B) becomes (B >= A)
    r1 = exp2anyreg(fs, e2);
    r2 = im;
    op = (op == OpCode::LT) ? OpCode::GTI : OpCode::GEI;
  } else {
    r1 = exp2anyreg(fs, e1);
    r2 = exp2anyreg(fs, e2);
  }
  freeexps(fs, e1, e2);
  e1->info = condjump(fs, op, r1, r2, isfloat, 1);
  e1->k = ExpKind::kJmp;
}

void codeeq(FuncState* fs, BinOpr opr, ExpDesc* e1, ExpDesc* e2) {
  int r1, r2;
  int im;
  int isfloat = 0;
  OpCode op;
  if (e1->k != ExpKind::kNonReloc) swapexps(e1, e2);  // e1 is a K: put it second
  r1 = exp2anyreg(fs, e1);
  if (is_scnumber(e2, &im, &isfloat)) {
    op = OpCode::EQI;
    r2 = im;
  } else if (exp2rk(fs, e2)) {
    op = OpCode::EQK;
    r2 = e2->info;
  } else {
    op = OpCode::EQ;
    r2 = exp2anyreg(fs, e2);
  }
  freeexps(fs, e1, e2);
  e1->info = condjump(fs, op, r1, r2, isfloat, opr == kOprEq);
  e1->k = ExpKind::kJmp;
}

void codeconcat(FuncState* fs, ExpDesc* e1, ExpDesc* e2, int line) {
  Instruction* ie2 = previousinstruction(fs);
  if (ie2 != nullptr && vm::get_op(*ie2) == OpCode::CONCAT) {  // e2 is a concatenation: merge
    int n = vm::getarg_b(*ie2);
    freeexp(fs, e2);
    vm::setarg_a(*ie2, e1->info);
    vm::setarg_b(*ie2, n + 1);
  } else {
    abck(fs, OpCode::CONCAT, e1->info, 2, 0);
    freeexp(fs, e2);
    fixline(fs, line);
  }
}

int finaltarget(const std::vector<Instruction>& code, int i) {
  for (int count = 0; count < 100; count++) {  // avoid infinite loops
    Instruction pc = code[i];
    if (vm::get_op(pc) != OpCode::JMP) break;
    i += vm::getarg_sj(pc) + 1;
  }
  return i;
}

}  // namespace

int emit(FuncState* fs, Instruction i) {
  fs->code.push_back(i);
  fs->lineinfo.push_back(fs->ls->lastline);
  return fs->pc() - 1;
}

int abck(FuncState* fs, OpCode o, int a, int b, int c, int k) {
  return emit(fs, vm::create_abck(o, a, b, c, k));
}

int abx(FuncState* fs, OpCode o, int a, unsigned bx) { return emit(fs, vm::create_abx(o, a, bx)); }

int asbx(FuncState* fs, OpCode o, int a, int sbx) {
  return emit(fs, vm::create_abx(o, a, static_cast<unsigned>(sbx + vm::kOffsetsBx)));
}

bool is_kint(const ExpDesc* e) { return e->k == ExpKind::kKInt && !hasjumps(e); }

bool exp2const(FuncState* fs, const ExpDesc* e, Value* v) {
  if (hasjumps(e)) return false;
  switch (e->k) {
    case ExpKind::kFalse:
      *v = Value::boolean(false);
      return true;
    case ExpKind::kTrue:
      *v = Value::boolean(true);
      return true;
    case ExpKind::kNil:
      *v = Value::nil();
      return true;
    case ExpKind::kKStr:
      *v = Value::object(e->strval);
      return true;
    case ExpKind::kConst:
      *v = const2val(fs, e);
      return true;
    default:
      return tonumeral(e, v);
  }
}

void fixline(FuncState* fs, int line) { fs->lineinfo.back() = line; }

// LOADNIL, merged with a previous LOADNIL whose range touches this one.
void nil(FuncState* fs, int from, int n) {
  int l = from + n - 1;
  Instruction* previous = previousinstruction(fs);
  if (previous != nullptr && vm::get_op(*previous) == OpCode::LOADNIL) {
    int pfrom = vm::getarg_a(*previous);
    int pl = pfrom + vm::getarg_b(*previous);
    if ((pfrom <= from && from <= pl + 1) || (from <= pfrom && pfrom <= l + 1)) {
      if (pfrom < from) from = pfrom;
      if (pl > l) l = pl;
      vm::setarg_a(*previous, from);
      vm::setarg_b(*previous, l - from);
      return;
    }
  }
  abck(fs, OpCode::LOADNIL, from, n - 1, 0);
}

void concat(FuncState* fs, int* l1, int l2) {
  if (l2 == kNoJump) return;
  if (*l1 == kNoJump) {
    *l1 = l2;
  } else {
    int list = *l1;
    int next;
    while ((next = getjump(fs, list)) != kNoJump) list = next;
    fixjump(fs, list, l2);
  }
}

int jump(FuncState* fs) { return codesj(fs, OpCode::JMP, kNoJump, 0); }

void ret(FuncState* fs, int first, int nret) {
  OpCode op;
  switch (nret) {
    case 0:
      op = OpCode::RETURN0;
      break;
    case 1:
      op = OpCode::RETURN1;
      break;
    default:
      op = OpCode::RETURN;
      break;
  }
  abck(fs, op, first, nret + 1, 0);
}

int getlabel(FuncState* fs) {
  fs->lasttarget = fs->pc();
  return fs->pc();
}

void patchlist(FuncState* fs, int list, int target) {
  patchlistaux(fs, list, target, vm::kNoReg, target);
}

void patchtohere(FuncState* fs, int list) {
  int hr = getlabel(fs);
  patchlist(fs, list, hr);
}

void checkstack(FuncState* fs, int n) {
  int newstack = fs->freereg + n;
  if (newstack > fs->maxstacksize) {
    if (newstack >= kMaxRegs)
      fs->ls->syntax_error("function or expression needs too many registers");
    fs->maxstacksize = newstack;
  }
}

void reserveregs(FuncState* fs, int n) {
  checkstack(fs, n);
  fs->freereg += n;
}

void int_to_reg(FuncState* fs, int reg, int64_t i) {
  if (fits_bx(i))
    asbx(fs, OpCode::LOADI, reg, static_cast<int>(i));
  else
    codek(fs, reg, int_k(fs, i));
}

void setreturns(FuncState* fs, ExpDesc* e, int nresults) {
  Instruction* pc = &getinstruction(fs, e);
  vm::setarg_c(*pc, nresults + 1);
  if (e->k == ExpKind::kVararg) {
    vm::setarg_a(*pc, fs->freereg);
    reserveregs(fs, 1);
  }
}

void setoneret(FuncState* fs, ExpDesc* e) {
  if (e->k == ExpKind::kCall) {  // already returns one value, in its base register
    e->k = ExpKind::kNonReloc;
    e->info = vm::getarg_a(getinstruction(fs, e));
  } else if (e->k == ExpKind::kVararg) {
    vm::setarg_c(getinstruction(fs, e), 2);
    e->k = ExpKind::kReloc;
  }
}

void dischargevars(FuncState* fs, ExpDesc* e) {
  switch (e->k) {
    case ExpKind::kConst:
      const2exp(const2val(fs, e), e);
      break;
    case ExpKind::kLocal:
      e->info = e->var_ridx;
      e->k = ExpKind::kNonReloc;
      break;
    case ExpKind::kUpval:
      e->info = abck(fs, OpCode::GETUPVAL, 0, e->info, 0);
      e->k = ExpKind::kReloc;
      break;
    case ExpKind::kIndexUp:
      e->info = abck(fs, OpCode::GETTABUP, 0, e->ind_t, e->ind_idx);
      e->k = ExpKind::kReloc;
      break;
    case ExpKind::kIndexI:
      freereg(fs, e->ind_t);
      e->info = abck(fs, OpCode::GETI, 0, e->ind_t, e->ind_idx);
      e->k = ExpKind::kReloc;
      break;
    case ExpKind::kIndexStr:
      freereg(fs, e->ind_t);
      e->info = abck(fs, OpCode::GETFIELD, 0, e->ind_t, e->ind_idx);
      e->k = ExpKind::kReloc;
      break;
    case ExpKind::kIndexed:
      freeregs(fs, e->ind_t, e->ind_idx);
      e->info = abck(fs, OpCode::GETTABLE, 0, e->ind_t, e->ind_idx);
      e->k = ExpKind::kReloc;
      break;
    case ExpKind::kVararg:
    case ExpKind::kCall:
      setoneret(fs, e);
      break;
    default:
      break;
  }
}

void exp2nextreg(FuncState* fs, ExpDesc* e) {
  dischargevars(fs, e);
  freeexp(fs, e);
  reserveregs(fs, 1);
  exp2reg(fs, e, fs->freereg - 1);
}

int exp2anyreg(FuncState* fs, ExpDesc* e) {
  dischargevars(fs, e);
  if (e->k == ExpKind::kNonReloc) {
    if (!hasjumps(e)) return e->info;
    if (e->info >= nvarstack(fs)) {  // not a local: can hold the jump values
      exp2reg(fs, e, e->info);
      return e->info;
    }
  }
  exp2nextreg(fs, e);
  return e->info;
}

void exp2anyregup(FuncState* fs, ExpDesc* e) {
  if (e->k != ExpKind::kUpval || hasjumps(e)) exp2anyreg(fs, e);
}

void exp2val(FuncState* fs, ExpDesc* e) {
  if (hasjumps(e))
    exp2anyreg(fs, e);
  else
    dischargevars(fs, e);
}

int exp2rk(FuncState* fs, ExpDesc* e) {
  if (exp2k(fs, e)) return 1;
  exp2anyreg(fs, e);
  return 0;
}

void storevar(FuncState* fs, ExpDesc* var, ExpDesc* ex) {
  switch (var->k) {
    case ExpKind::kLocal:
      freeexp(fs, ex);
      exp2reg(fs, ex, var->var_ridx);
      return;
    case ExpKind::kUpval: {
      int e = exp2anyreg(fs, ex);
      abck(fs, OpCode::SETUPVAL, e, var->info, 0);
      break;
    }
    case ExpKind::kIndexUp:
      codeabrk(fs, OpCode::SETTABUP, var->ind_t, var->ind_idx, ex);
      break;
    case ExpKind::kIndexI:
      codeabrk(fs, OpCode::SETI, var->ind_t, var->ind_idx, ex);
      break;
    case ExpKind::kIndexStr:
      codeabrk(fs, OpCode::SETFIELD, var->ind_t, var->ind_idx, ex);
      break;
    case ExpKind::kIndexed:
      codeabrk(fs, OpCode::SETTABLE, var->ind_t, var->ind_idx, ex);
      break;
    default:
      break;
  }
  freeexp(fs, ex);
}

void self(FuncState* fs, ExpDesc* e, ExpDesc* key) {
  exp2anyreg(fs, e);
  int ereg = e->info;
  freeexp(fs, e);
  e->info = fs->freereg;  // base register for SELF
  e->k = ExpKind::kNonReloc;
  reserveregs(fs, 2);  // function and 'self'
  codeabrk(fs, OpCode::SELF, e->info, ereg, key);
  freeexp(fs, key);
}

void goiftrue(FuncState* fs, ExpDesc* e) {
  int pc;
  dischargevars(fs, e);
  switch (e->k) {
    case ExpKind::kJmp:
      negatecondition(fs, e);
      pc = e->info;
      break;
    case ExpKind::kK:
    case ExpKind::kKFlt:
    case ExpKind::kKInt:
    case ExpKind::kKStr:
    case ExpKind::kTrue:
      pc = kNoJump;  // always true
      break;
    default:
      pc = jumponcond(fs, e, 0);
      break;
  }
  concat(fs, &e->f, pc);
  patchtohere(fs, e->t);
  e->t = kNoJump;
}

void goiffalse(FuncState* fs, ExpDesc* e) {
  int pc;
  dischargevars(fs, e);
  switch (e->k) {
    case ExpKind::kJmp:
      pc = e->info;
      break;
    case ExpKind::kNil:
    case ExpKind::kFalse:
      pc = kNoJump;
      break;  // always false
    default:
      pc = jumponcond(fs, e, 1);
      break;
  }
  concat(fs, &e->t, pc);
  patchtohere(fs, e->f);
  e->f = kNoJump;
}

void indexed(FuncState* fs, ExpDesc* t, ExpDesc* k) {
  if (k->k == ExpKind::kKStr) str2k(fs, k);
  if (t->k == ExpKind::kUpval && !is_kstr(fs, k)) exp2anyreg(fs, t);
  if (t->k == ExpKind::kUpval) {
    int up = t->info;
    t->ind_t = up;
    t->ind_idx = k->info;
    t->k = ExpKind::kIndexUp;
  } else {
    t->ind_t = (t->k == ExpKind::kLocal) ? t->var_ridx : t->info;
    if (is_kstr(fs, k)) {
      t->ind_idx = k->info;
      t->k = ExpKind::kIndexStr;
    } else if (is_cint(k)) {
      t->ind_idx = static_cast<int>(k->ival);
      t->k = ExpKind::kIndexI;
    } else {
      t->ind_idx = exp2anyreg(fs, k);
      t->k = ExpKind::kIndexed;
    }
  }
}

void prefix(FuncState* fs, UnOpr op, ExpDesc* e, int line) {
  ExpDesc ef;
  ef.k = ExpKind::kKInt;
  ef.ival = 0;
  dischargevars(fs, e);
  switch (op) {
    case kOprMinus:
    case kOprBNot:
      if (constfolding(fs, static_cast<int>(op) + vm::kOpUnm, e, &ef)) break;
      [[fallthrough]];
    case kOprLen:
      codeunexpval(fs, op_plus(OpCode::UNM, op), e, line);
      break;
    case kOprNot:
      codenot(fs, e);
      break;
    default:
      break;
  }
}

void infix(FuncState* fs, BinOpr op, ExpDesc* v) {
  dischargevars(fs, v);
  switch (op) {
    case kOprAnd:
      goiftrue(fs, v);
      break;
    case kOprOr:
      goiffalse(fs, v);
      break;
    case kOprConcat:
      exp2nextreg(fs, v);
      break;
    case kOprAdd:
    case kOprSub:
    case kOprMul:
    case kOprDiv:
    case kOprIDiv:
    case kOprMod:
    case kOprPow:
    case kOprBAnd:
    case kOprBOr:
    case kOprBXor:
    case kOprShl:
    case kOprShr:
      if (!tonumeral(v, nullptr)) exp2anyreg(fs, v);  // a numeral may fold
      break;
    case kOprEq:
    case kOprNe:
      if (!tonumeral(v, nullptr)) exp2rk(fs, v);  // a numeral may be an immediate
      break;
    case kOprLt:
    case kOprLe:
    case kOprGt:
    case kOprGe: {
      int dummy, dummy2;
      if (!is_scnumber(v, &dummy, &dummy2)) exp2anyreg(fs, v);
      break;
    }
    default:
      break;
  }
}

void posfix(FuncState* fs, BinOpr opr, ExpDesc* e1, ExpDesc* e2, int line) {
  dischargevars(fs, e2);
  if (opr <= kOprShr && constfolding(fs, static_cast<int>(opr) + vm::kOpAdd, e1, e2)) return;
  switch (opr) {
    case kOprAnd:
      concat(fs, &e2->f, e1->f);
      *e1 = *e2;
      break;
    case kOprOr:
      concat(fs, &e2->t, e1->t);
      *e1 = *e2;
      break;
    case kOprConcat:
      exp2nextreg(fs, e2);
      codeconcat(fs, e1, e2, line);
      break;
    case kOprAdd:
    case kOprMul:
      codecommutative(fs, opr, e1, e2, line);
      break;
    case kOprSub:
      if (finishbinexpneg(fs, e1, e2, OpCode::ADDI, line, kTmSub)) break;
      [[fallthrough]];
    case kOprDiv:
    case kOprIDiv:
    case kOprMod:
    case kOprPow:
      codearith(fs, opr, e1, e2, 0, line);
      break;
    case kOprBAnd:
    case kOprBOr:
    case kOprBXor:
      codebitwise(fs, opr, e1, e2, line);
      break;
    case kOprShl:
      if (is_scint(e1)) {
        swapexps(e1, e2);
        codebini(fs, OpCode::SHLI, e1, e2, 1, line, kTmShl);  // I << r2
      } else if (finishbinexpneg(fs, e1, e2, OpCode::SHRI, line, kTmShl)) {
        // coded as r1 >> -I
      } else {
        codebinexpval(fs, OpCode::SHL, e1, e2, line);
      }
      break;
    case kOprShr:
      if (is_scint(e2))
        codebini(fs, OpCode::SHRI, e1, e2, 0, line, kTmShr);
      else
        codebinexpval(fs, OpCode::SHR, e1, e2, line);
      break;
    case kOprEq:
    case kOprNe:
      codeeq(fs, opr, e1, e2);
      break;
    case kOprLt:
    case kOprLe:
      codeorder(fs, op_plus(OpCode::EQ, opr - kOprEq), e1, e2);
      break;
    case kOprGt:
    case kOprGe:
      // (a > b) is (b < a); (a >= b) is (b <= a)
      swapexps(e1, e2);
      codeorder(fs, op_plus(OpCode::EQ, opr - kOprNe), e1, e2);
      break;
    default:
      break;
  }
}

void settablesize(FuncState* fs, int pc, int ra, int asize, int hsize) {
  Instruction* inst = &fs->code[pc];
  int rb = (hsize != 0) ? vm::ceil_log2(static_cast<unsigned>(hsize)) + 1 : 0;
  int extra = asize / (vm::kMaxArgC + 1);
  int rc = asize % (vm::kMaxArgC + 1);
  int k = extra > 0;
  *inst = vm::create_abck(OpCode::NEWTABLE, ra, rb, rc, k);
  *(inst + 1) = vm::create_ax(OpCode::EXTRAARG, static_cast<unsigned>(extra));
}

void setlist(FuncState* fs, int base, int nelems, int tostore) {
  if (tostore == vm::kMultRet) tostore = 0;
  if (nelems <= vm::kMaxArgC) {
    abck(fs, OpCode::SETLIST, base, tostore, nelems);
  } else {
    int extra = nelems / (vm::kMaxArgC + 1);
    nelems %= (vm::kMaxArgC + 1);
    abck(fs, OpCode::SETLIST, base, tostore, nelems, 1);
    codeextraarg(fs, extra);
  }
  fs->freereg = base + 1;
}

// Final pass: returns learn whether they must close upvalues or adjust varargs, and jumps to
// jumps go straight to their final target.
void finish(FuncState* fs) {
  for (int i = 0; i < fs->pc(); i++) {
    Instruction* pc = &fs->code[i];
    switch (vm::get_op(*pc)) {
      case OpCode::RETURN0:
      case OpCode::RETURN1:
        if (!(fs->needclose || fs->is_vararg)) break;
        vm::set_op(*pc, OpCode::RETURN);
        [[fallthrough]];
      case OpCode::RETURN:
      case OpCode::TAILCALL:
        if (fs->needclose) vm::setarg_k(*pc, 1);
        if (fs->is_vararg) vm::setarg_c(*pc, fs->numparams + 1);
        break;
      case OpCode::JMP: {
        int target = finaltarget(fs->code, i);
        fixjump(fs, i, target);
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace tycho::lang::code
