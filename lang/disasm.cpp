// The disassembler: prints prototypes in the format of `luac -l -l` (luac.c's PrintFunction),
// minus the addresses, so that listings can be compared with the reference compiler's.
#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "lang/compile.hpp"
#include "vm/opcodes.hpp"

namespace tycho::lang {

namespace {

using vm::OpCode;

const char* const kEventNames[] = {
#define TYCHO_TM_NAME(name, str) str,
    TYCHO_TMS(TYCHO_TM_NAME)
#undef TYCHO_TM_NAME
};

class Printer {
 public:
  std::string out;

  void printf(const char* fmt, ...) {
    char buf[256];
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) {
      va_end(ap2);
      return;
    }
    if (static_cast<size_t>(n) < sizeof buf) {
      out.append(buf, static_cast<size_t>(n));
    } else {  // long names
      std::string big(static_cast<size_t>(n) + 1, '\0');
      std::vsnprintf(big.data(), big.size(), fmt, ap2);
      out.append(big.data(), static_cast<size_t>(n));
    }
    va_end(ap2);
  }

  void string(const vm::String* ts) {
    out += '"';
    for (size_t i = 0; i < ts->len; i++) {
      int c = static_cast<unsigned char>(ts->data()[i]);
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\a':
          out += "\\a";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\v':
          out += "\\v";
          break;
        default:
          if (std::isprint(c))
            out += static_cast<char>(c);
          else
            printf("\\%03d", c);
      }
    }
    out += '"';
  }

  void type(const vm::Proto* f, int i) {
    const vm::Value& o = f->k[i];
    switch (o.tt) {
      case vm::kVNil:
        out += "N";
        break;
      case vm::kVFalse:
      case vm::kVTrue:
        out += "B";
        break;
      case vm::kVFloat:
        out += "F";
        break;
      case vm::kVInt:
        out += "I";
        break;
      case vm::kVShortStr:
      case vm::kVLongStr:
        out += "S";
        break;
      default:
        printf("?%d", o.tt);
        break;
    }
    out += "\t";
  }

  void constant(const vm::Proto* f, int i) {
    const vm::Value& o = f->k[i];
    switch (o.tt) {
      case vm::kVNil:
        out += "nil";
        break;
      case vm::kVFalse:
        out += "false";
        break;
      case vm::kVTrue:
        out += "true";
        break;
      case vm::kVFloat: {
        char buff[100];
        std::snprintf(buff, sizeof buff, "%.14g", o.as_float());
        out += buff;
        if (buff[std::strspn(buff, "-0123456789")] == '\0') out += ".0";
        break;
      }
      case vm::kVInt:
        printf("%lld", static_cast<long long>(o.as_int()));
        break;
      case vm::kVShortStr:
      case vm::kVLongStr:
        string(o.as_string());
        break;
      default:
        printf("?%d", o.tt);
        break;
    }
  }

  const char* upvalname(const vm::Proto* f, int x) {
    return f->upvalues[x].name ? f->upvalues[x].name->data() : "-";
  }

  void code(const vm::Proto* f);
  void header(const vm::Proto* f);
  void debug(const vm::Proto* f);
  void function(const vm::Proto* f, bool recursive);
};

void Printer::code(const vm::Proto* f) {
  const vm::Instruction* code = f->code;
  for (int pc = 0; pc < f->sizecode; pc++) {
    vm::Instruction i = code[pc];
    OpCode o = vm::get_op(i);
    int a = vm::getarg_a(i);
    int b = vm::getarg_b(i);
    int c = vm::getarg_c(i);
    int ax = vm::getarg_ax(i);
    int bx = vm::getarg_bx(i);
    int sb = vm::getarg_sb(i);
    int sc = vm::getarg_sc(i);
    int sbx = vm::getarg_sbx(i);
    int isk = vm::getarg_k(i);
    const char* kstr = isk ? "k" : "";
    auto extraarg = [&] { return vm::getarg_ax(code[pc + 1]); };
    int line = f->lineinfo ? f->lineinfo[pc] : 0;
    printf("\t%d\t", pc + 1);
    if (line > 0)
      printf("[%d]\t", line);
    else
      printf("[-]\t");
    printf("%-9s\t", vm::kOpNames[static_cast<int>(o)]);
    switch (o) {
      case OpCode::MOVE:
        printf("%d %d", a, b);
        break;
      case OpCode::LOADI:
      case OpCode::LOADF:
        printf("%d %d", a, sbx);
        break;
      case OpCode::LOADK:
        printf("%d %d\t; ", a, bx);
        constant(f, bx);
        break;
      case OpCode::LOADKX:
        printf("%d\t; ", a);
        constant(f, extraarg());
        break;
      case OpCode::LOADFALSE:
      case OpCode::LFALSESKIP:
      case OpCode::LOADTRUE:
        printf("%d", a);
        break;
      case OpCode::LOADNIL:
        printf("%d %d\t; %d out", a, b, b + 1);
        break;
      case OpCode::GETUPVAL:
      case OpCode::SETUPVAL:
        printf("%d %d\t; %s", a, b, upvalname(f, b));
        break;
      case OpCode::GETTABUP:
        printf("%d %d %d\t; %s ", a, b, c, upvalname(f, b));
        constant(f, c);
        break;
      case OpCode::GETTABLE:
      case OpCode::GETI:
        printf("%d %d %d", a, b, c);
        break;
      case OpCode::GETFIELD:
        printf("%d %d %d\t; ", a, b, c);
        constant(f, c);
        break;
      case OpCode::SETTABUP:
        printf("%d %d %d%s\t; %s ", a, b, c, kstr, upvalname(f, a));
        constant(f, b);
        if (isk) {
          out += " ";
          constant(f, c);
        }
        break;
      case OpCode::SETTABLE:
      case OpCode::SETI:
        printf("%d %d %d%s", a, b, c, kstr);
        if (isk) {
          out += "\t; ";
          constant(f, c);
        }
        break;
      case OpCode::SETFIELD:
        printf("%d %d %d%s\t; ", a, b, c, kstr);
        constant(f, b);
        if (isk) {
          out += " ";
          constant(f, c);
        }
        break;
      case OpCode::NEWTABLE:
        printf("%d %d %d\t; %d", a, b, c, c + extraarg() * (vm::kMaxArgC + 1));
        break;
      case OpCode::SELF:
        printf("%d %d %d%s", a, b, c, kstr);
        if (isk) {
          out += "\t; ";
          constant(f, c);
        }
        break;
      case OpCode::ADDI:
      case OpCode::SHRI:
      case OpCode::SHLI:
        printf("%d %d %d", a, b, sc);
        break;
      case OpCode::ADDK:
      case OpCode::SUBK:
      case OpCode::MULK:
      case OpCode::MODK:
      case OpCode::POWK:
      case OpCode::DIVK:
      case OpCode::IDIVK:
      case OpCode::BANDK:
      case OpCode::BORK:
      case OpCode::BXORK:
        printf("%d %d %d\t; ", a, b, c);
        constant(f, c);
        break;
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
        printf("%d %d %d", a, b, c);
        break;
      case OpCode::MMBIN:
        printf("%d %d %d\t; %s", a, b, c, kEventNames[c]);
        break;
      case OpCode::MMBINI:
        printf("%d %d %d %d\t; %s", a, sb, c, isk, kEventNames[c]);
        if (isk) out += " flip";
        break;
      case OpCode::MMBINK:
        printf("%d %d %d %d\t; %s ", a, b, c, isk, kEventNames[c]);
        constant(f, b);
        if (isk) out += " flip";
        break;
      case OpCode::UNM:
      case OpCode::BNOT:
      case OpCode::NOT:
      case OpCode::LEN:
      case OpCode::CONCAT:
        printf("%d %d", a, b);
        break;
      case OpCode::CLOSE:
      case OpCode::TBC:
        printf("%d", a);
        break;
      case OpCode::JMP:
        printf("%d\t; to %d", vm::getarg_sj(i), vm::getarg_sj(i) + pc + 2);
        break;
      case OpCode::EQ:
      case OpCode::LT:
      case OpCode::LE:
        printf("%d %d %d", a, b, isk);
        break;
      case OpCode::EQK:
        printf("%d %d %d\t; ", a, b, isk);
        constant(f, b);
        break;
      case OpCode::EQI:
      case OpCode::LTI:
      case OpCode::LEI:
      case OpCode::GTI:
      case OpCode::GEI:
        printf("%d %d %d", a, sb, isk);
        break;
      case OpCode::TEST:
        printf("%d %d", a, isk);
        break;
      case OpCode::TESTSET:
        printf("%d %d %d", a, b, isk);
        break;
      // "all": the operands run up to the top (vm::is_it), or the results (vm::is_ot).
      case OpCode::CALL:
        printf("%d %d %d\t; ", a, b, c);
        if (vm::is_it(i))
          out += "all in ";
        else
          printf("%d in ", b - 1);
        if (vm::is_ot(i))
          out += "all out";
        else
          printf("%d out", c - 1);
        break;
      case OpCode::TAILCALL:
        printf("%d %d %d%s\t; %d in", a, b, c, kstr, b - 1);
        break;
      case OpCode::RETURN:
        printf("%d %d %d%s\t; ", a, b, c, kstr);
        if (vm::is_it(i))
          out += "all out";
        else
          printf("%d out", b - 1);
        break;
      case OpCode::RETURN0:
        break;
      case OpCode::RETURN1:
        printf("%d", a);
        break;
      case OpCode::FORLOOP:
        printf("%d %d\t; to %d", a, bx, pc - bx + 2);
        break;
      case OpCode::FORPREP:
        printf("%d %d\t; exit to %d", a, bx, pc + bx + 3);
        break;
      case OpCode::TFORPREP:
        printf("%d %d\t; to %d", a, bx, pc + bx + 2);
        break;
      case OpCode::TFORCALL:
        printf("%d %d", a, c);
        break;
      case OpCode::TFORLOOP:
        printf("%d %d\t; to %d", a, bx, pc - bx + 2);
        break;
      case OpCode::SETLIST:
        printf("%d %d %d", a, b, c);
        if (isk) printf("\t; %d", c + extraarg() * (vm::kMaxArgC + 1));
        break;
      case OpCode::CLOSURE:
        printf("%d %d", a, bx);
        break;
      case OpCode::VARARG:
        printf("%d %d\t; ", a, c);
        if (vm::is_ot(i))
          out += "all out";
        else
          printf("%d out", c - 1);
        break;
      case OpCode::VARARGPREP:
        printf("%d", a);
        break;
      case OpCode::EXTRAARG:
        printf("%d", ax);
        break;
    }
    out += "\n";
  }
}

const char* plural(int x) { return x == 1 ? "" : "s"; }

void Printer::header(const vm::Proto* f) {
  const char* s = f->source ? f->source->data() : "=?";
  if (*s == '@' || *s == '=')
    s++;
  else if (*s == '\x1b')
    s = "(bstring)";
  else
    s = "(string)";
  printf("\n%s <%s:%d,%d> (%d instruction%s)\n", f->linedefined == 0 ? "main" : "function", s,
         f->linedefined, f->lastlinedefined, f->sizecode, plural(f->sizecode));
  printf("%d%s param%s, %d slot%s, %d upvalue%s, ", f->numparams, f->is_vararg ? "+" : "",
         plural(f->numparams), f->maxstacksize, plural(f->maxstacksize), f->sizeupvalues,
         plural(f->sizeupvalues));
  printf("%d local%s, %d constant%s, %d function%s\n", f->sizelocvars, plural(f->sizelocvars),
         f->sizek, plural(f->sizek), f->sizep, plural(f->sizep));
}

void Printer::debug(const vm::Proto* f) {
  printf("constants (%d):\n", f->sizek);
  for (int i = 0; i < f->sizek; i++) {
    printf("\t%d\t", i);
    type(f, i);
    constant(f, i);
    out += "\n";
  }
  printf("locals (%d):\n", f->sizelocvars);
  for (int i = 0; i < f->sizelocvars; i++) {
    const vm::LocVar& v = f->locvars[i];
    printf("\t%d\t%s\t%d\t%d\n", i, v.varname ? v.varname->data() : "?", v.startpc + 1,
           v.endpc + 1);
  }
  printf("upvalues (%d):\n", f->sizeupvalues);
  for (int i = 0; i < f->sizeupvalues; i++)
    printf("\t%d\t%s\t%d\t%d\n", i, upvalname(f, i), f->upvalues[i].instack, f->upvalues[i].idx);
}

void Printer::function(const vm::Proto* f, bool recursive) {
  header(f);
  code(f);
  debug(f);
  if (recursive)
    for (int i = 0; i < f->sizep; i++) function(f->p[i], true);
}

}  // namespace

std::string disassemble(const vm::Proto* p, bool recursive) {
  Printer pr;
  pr.function(p, recursive);
  return pr.out;
}

}  // namespace tycho::lang
