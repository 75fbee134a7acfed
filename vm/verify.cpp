// The bytecode verifier: what must hold of a prototype for the interpreter (vm/interp.cpp) to
// run it without reading or writing outside the objects it owns.
//
// Compiled code satisfies all of this by construction; binary chunks come from anywhere, so the
// loader runs every prototype through verify_proto. The interpreter trusts, and therefore this
// checks:
//  1. Operands: registers below maxstacksize (with each opcode's ranges: CALL's arguments and
//     results, LOADNIL's run, the for-loop blocks), constants below sizek and of the type the
//     interpreter reads them as (short-string keys of GETFIELD & co., numbers of ADDK & co.,
//     integers of BANDK & co.), upvalues below sizeupvalues, nested functions below sizep, and
//     metamethod events of MMBIN* among the binary arithmetic ones.
//  2. Control flow stays in the code: jump targets, the instruction skipped by a test (which
//     must be a JMP: the taken branch reads its offset), LFALSESKIP's skip, and the last
//     instruction is a return so nothing falls off the end.
//  3. Instruction pairs that the interpreter reads as one: LOADKX, NEWTABLE and SETLIST with k
//     are followed by EXTRAARG; an arithmetic op by its MMBIN* (which reads the op's A); a
//     TFORPREP lands on a TFORCALL, always followed by its TFORLOOP.
//  4. The stack top: an instruction that takes its operand count from the top (is_it: B = 0 of
//     CALL, TAILCALL, RETURN, SETLIST; VARARGPREP's top is the call's) directly follows one that
//     sets the top (is_ot: C = 0 of CALL, VARARG; TAILCALL), with a register range that the set
//     top covers, and no jump lands on it.
//  5. Varargs: a vararg function begins with VARARGPREP (its A the parameter count) that no jump
//     reaches again; VARARG and the C (parameter count + 1) of RETURN/TAILCALL agree with
//     is_vararg, since they move the frame base by the number of extra arguments.
//  6. Closing: a function that creates open upvalues (a nested function capturing a register)
//     or to-be-closed variables returns only through RETURN or TAILCALL with k, which close
//     them; otherwise they would outlive the frame and point into a stack that may shrink.
//  7. Upvalue descriptors of nested functions name a register of the parent frame or one of
//     the parent's upvalues.
// What cannot be known statically (the type of a register) the interpreter checks itself where
// it matters (SETLIST's table, SELF's key in a register, the for-loop counters).
#include <vector>

#include "vm/dump.hpp"

namespace tycho::vm {

namespace {

constexpr const char* kInvalid = "invalid bytecode";

// The arithmetic opcodes, each followed by its MMBIN* fallback: together in the opcode list,
// and a fact that only the verifier asks about (lopcodes has no column for it).
bool is_arith(OpCode op) { return op >= OpCode::ADDI && op <= OpCode::SHR; }
bool is_return(OpCode op) {
  return op == OpCode::RETURN || op == OpCode::RETURN0 || op == OpCode::RETURN1;
}

class Verifier {
 public:
  explicit Verifier(const Proto* f) : f_(f), entry_(static_cast<size_t>(f->sizecode), false) {}

  bool run() {
    if (f_->sizecode == 0 || !is_return(get_op(f_->code[f_->sizecode - 1]))) return false;
    if (f_->is_vararg && get_op(f_->code[0]) != OpCode::VARARGPREP) return false;
    needs_close_ = false;
    for (int i = 0; i < f_->sizep; i++) {
      const Proto* child = f_->p[i];
      for (int u = 0; u < child->sizeupvalues; u++) needs_close_ |= child->upvalues[u].instack;
    }
    for (int pc = 0; pc < f_->sizecode; pc++) {
      OpCode op = get_op(f_->code[pc]);
      if (op == OpCode::TBC || op == OpCode::TFORPREP) needs_close_ = true;
    }
    for (int pc = 0; pc < f_->sizecode; pc++) {
      if (!instruction(pc)) return false;
    }
    // Second pass, now that every way into an instruction is known.
    if (f_->is_vararg && entry_[0]) return false;  // VARARGPREP must run exactly once
    for (int pc = 0; pc < f_->sizecode; pc++) {
      // VARARGPREP uses the top too, but the call set it (the arguments), not an instruction.
      Instruction i = f_->code[pc];
      if (is_it(i) && get_op(i) != OpCode::VARARGPREP && !top_from_previous(pc)) return false;
    }
    return true;
  }

 private:
  // Operand predicates.
  bool reg(int r) const { return r < f_->maxstacksize; }
  bool regs_below(int end) const { return end <= f_->maxstacksize; }  // registers < end
  bool k(int i) const { return i < f_->sizek; }
  bool k_short_string(int i) const { return k(i) && f_->k[i].is_short_string(); }
  bool k_string(int i) const { return k(i) && f_->k[i].is_string(); }
  bool k_number(int i) const { return k(i) && f_->k[i].is_number(); }
  bool k_integer(int i) const { return k(i) && f_->k[i].is_int(); }
  bool upval(int i) const { return i < f_->sizeupvalues; }
  bool rk_c(Instruction i) const { return getarg_k(i) ? k(getarg_c(i)) : reg(getarg_c(i)); }
  bool op_at(int pc, OpCode op) const { return pc < f_->sizecode && get_op(f_->code[pc]) == op; }

  // A jump target: inside the code, and remembered as a way into that instruction.
  bool target(int t) {
    if (t < 0 || t >= f_->sizecode) return false;
    entry_[static_cast<size_t>(t)] = true;
    return true;
  }

  // The vararg protocol: C of RETURN and TAILCALL.
  bool nparams1(Instruction i) const {
    return getarg_c(i) == (f_->is_vararg ? f_->numparams + 1 : 0);
  }

  bool extraarg_after(int pc) const { return op_at(pc + 1, OpCode::EXTRAARG); }

  bool instruction(int pc) {
    Instruction i = f_->code[pc];
    if (static_cast<int>(get_op(i)) >= kNumOpcodes) return false;
    OpCode op = get_op(i);
    int a = getarg_a(i);
    int b = getarg_b(i);
    int c = getarg_c(i);
    if (is_arith(op) && !(pc + 1 < f_->sizecode && is_mmbin(get_op(f_->code[pc + 1])))) {
      return false;
    }
    if (is_test(op)) {
      if (!op_at(pc + 1, OpCode::JMP) || !target(pc + 2)) return false;
    }
    switch (op) {
      case OpCode::MOVE:
        return reg(a) && reg(b);
      case OpCode::LOADI:
      case OpCode::LOADF:
      case OpCode::LOADFALSE:
      case OpCode::LOADTRUE:
        return reg(a);
      case OpCode::LFALSESKIP:
        return reg(a) && target(pc + 2);
      case OpCode::LOADK:
        return reg(a) && k(getarg_bx(i));
      case OpCode::LOADKX:
        return reg(a) && extraarg_after(pc) && k(getarg_ax(f_->code[pc + 1]));
      case OpCode::LOADNIL:
        return regs_below(a + b + 1);
      case OpCode::GETUPVAL:
      case OpCode::SETUPVAL:
        return reg(a) && upval(b);
      case OpCode::GETTABUP:
        return reg(a) && upval(b) && k_short_string(c);
      case OpCode::GETTABLE:
        return reg(a) && reg(b) && reg(c);
      case OpCode::GETI:
        return reg(a) && reg(b);
      case OpCode::GETFIELD:
        return reg(a) && reg(b) && k_short_string(c);
      case OpCode::SETTABUP:
        return upval(a) && k_short_string(b) && rk_c(i);
      case OpCode::SETTABLE:
        return reg(a) && reg(b) && rk_c(i);
      case OpCode::SETI:
        return reg(a) && rk_c(i);
      case OpCode::SETFIELD:
        return reg(a) && k_short_string(b) && rk_c(i);
      case OpCode::NEWTABLE:
        // B is log2(hash size) + 1: the interpreter shifts by B - 1.
        return reg(a) && b <= 31 && extraarg_after(pc);
      case OpCode::SELF:
        return reg(a + 1) && reg(b) && (getarg_k(i) ? k_string(c) : reg(c));
      case OpCode::ADDI:
      case OpCode::SHRI:
      case OpCode::SHLI:
        return reg(a) && reg(b) && target(pc + 2);
      case OpCode::ADDK:
      case OpCode::SUBK:
      case OpCode::MULK:
      case OpCode::MODK:
      case OpCode::POWK:
      case OpCode::DIVK:
      case OpCode::IDIVK:
        return reg(a) && reg(b) && k_number(c) && target(pc + 2);
      case OpCode::BANDK:
      case OpCode::BORK:
      case OpCode::BXORK:
        return reg(a) && reg(b) && k_integer(c) && target(pc + 2);
      case OpCode::ADD:
      case OpCode::SUB:
      case OpCode::MUL:
      case OpCode::MOD:
      case OpCode::POW:
      case OpCode::DIV:
      case OpCode::IDIV:
      case OpCode::BAND:
      case OpCode::BOR:
      case OpCode::BXOR:
      case OpCode::SHL:
      case OpCode::SHR:
        return reg(a) && reg(b) && reg(c) && target(pc + 2);
      case OpCode::MMBIN:
      case OpCode::MMBINI:
      case OpCode::MMBINK: {
        // The result goes to the A of the arithmetic op before (the interpreter reads pc[-2]).
        if (pc == 0 || !is_arith(get_op(f_->code[pc - 1]))) return false;
        if (c < static_cast<int>(TM::ADD) || c > static_cast<int>(TM::SHR)) return false;
        if (op == OpCode::MMBIN) return reg(a) && reg(b);
        if (op == OpCode::MMBINK) return reg(a) && k(b);
        return reg(a);
      }
      case OpCode::UNM:
      case OpCode::BNOT:
      case OpCode::NOT:
      case OpCode::LEN:
        return reg(a) && reg(b);
      case OpCode::CONCAT:
        return b >= 2 && regs_below(a + b);
      case OpCode::CLOSE:
      case OpCode::TBC:
        return reg(a);
      case OpCode::JMP:
        return target(pc + 1 + getarg_sj(i));
      case OpCode::EQ:
      case OpCode::LT:
      case OpCode::LE:
        return reg(a) && reg(b);
      case OpCode::EQK:
        return reg(a) && k(b);
      case OpCode::EQI:
      case OpCode::LTI:
      case OpCode::LEI:
      case OpCode::GTI:
      case OpCode::GEI:
      case OpCode::TEST:
        return reg(a);
      case OpCode::TESTSET:
        return reg(a) && reg(b);
      case OpCode::CALL:
        return reg(a) && (b == 0 || regs_below(a + b)) && (c == 0 || regs_below(a + c - 1));
      case OpCode::TAILCALL:
        return reg(a) && (b == 0 || regs_below(a + b)) && nparams1(i) &&
               (!needs_close_ || getarg_k(i));
      case OpCode::RETURN:
        return (b == 0 ? reg(a) : regs_below(a + b - 1)) && nparams1(i) &&
               (!needs_close_ || getarg_k(i));
      // Without the vararg protocol and without closing: not for such functions.
      case OpCode::RETURN0:
        return !f_->is_vararg && !needs_close_;
      case OpCode::RETURN1:
        return !f_->is_vararg && !needs_close_ && reg(a);
      case OpCode::FORLOOP:
      case OpCode::TFORLOOP: {
        int size = op == OpCode::FORLOOP ? 4 : 5;
        return regs_below(a + size) && target(pc + 1 - getarg_bx(i));
      }
      case OpCode::FORPREP:
        return regs_below(a + 4) && target(pc + 1 + getarg_bx(i) + 1);
      case OpCode::TFORPREP: {
        int t = pc + 1 + getarg_bx(i);
        return regs_below(a + 4) && target(t) && op_at(t, OpCode::TFORCALL);
      }
      case OpCode::TFORCALL:
        // The generator's three values are copied to A+4..A+6 for the call; C results land at
        // A+4.., and the interpreter goes on with the next instruction as the TFORLOOP.
        return regs_below(a + 7) && regs_below(a + 4 + c) && op_at(pc + 1, OpCode::TFORLOOP);
      case OpCode::SETLIST: {
        if (!reg(a) || (b != 0 && !regs_below(a + b + 1))) return false;
        if (!getarg_k(i)) return true;
        // Bounded so that the last index (C + B + Ax * 256) cannot wrap around 32 bits.
        return extraarg_after(pc) && getarg_ax(f_->code[pc + 1]) < (1 << 23);
      }
      case OpCode::CLOSURE:
        return reg(a) && getarg_bx(i) < f_->sizep;
      case OpCode::VARARG:
        return f_->is_vararg && (c == 0 ? reg(a) : regs_below(a + c - 1));
      case OpCode::VARARGPREP:
        return pc == 0 && f_->is_vararg && a == f_->numparams;
      case OpCode::EXTRAARG: {
        if (pc == 0) return false;
        Instruction prev = f_->code[pc - 1];
        OpCode pop = get_op(prev);
        return pop == OpCode::LOADKX || pop == OpCode::NEWTABLE ||
               (pop == OpCode::SETLIST && getarg_k(prev));
      }
    }
    return false;
  }

  // An instruction with B = 0 takes its count from the top, which only the instruction right
  // before it sets; the top it leaves is at or above that instruction's A.
  bool top_from_previous(int pc) const {
    if (pc == 0 || entry_[static_cast<size_t>(pc)]) return false;
    Instruction prev = f_->code[pc - 1];
    if (!is_ot(prev)) return false;
    int a = getarg_a(f_->code[pc]);
    int top = getarg_a(prev);
    // RETURN returns top - A values (none is fine); the others need the function or table at A
    // below the top.
    return get_op(f_->code[pc]) == OpCode::RETURN ? a <= top : a < top;
  }

  const Proto* f_;
  std::vector<bool> entry_;  // reached other than by falling through from the previous one
  bool needs_close_ = false;
};

}  // namespace

const char* verify_proto(const Proto* f, const Proto* parent) {
  if (f->numparams > f->maxstacksize || f->is_vararg > 1) return kInvalid;
  for (int i = 0; i < f->sizeupvalues; i++) {
    const UpvalDesc& uv = f->upvalues[i];
    if (uv.instack > 1 || uv.kind > kVarCompileConst) return kInvalid;
    if (parent != nullptr) {
      int limit = uv.instack ? parent->maxstacksize : parent->sizeupvalues;
      if (uv.idx >= limit) return kInvalid;
    }
  }
  Verifier v(f);
  return v.run() ? nullptr : kInvalid;
}

}  // namespace tycho::vm
