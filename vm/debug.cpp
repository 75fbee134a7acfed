// Debug information and error messages that name their culprit.
//
// When an operation fails on a value in a register, the message names where the value came
// from ("global 'x'", "local 't'", "field 'y'", "method 'm'", "upvalue 'u'", "constant 's'").
// The names are recovered by symbolic execution of the function's bytecode up to the failing
// instruction, the same way lua5.4 does, so the compiler must emit Lua-5.4-shaped code.
#include "vm/debug.hpp"

#include <cstdarg>
#include <cstring>

#include "vm/func.hpp"
#include "vm/number.hpp"
#include "vm/table.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

namespace {

const char* const kTypeNames[] = {"no value", "nil",      "boolean", "userdata", "number",
                                  "string",   "table",    "function", "userdata", "thread",
                                  "upvalue",  "proto"};

inline LuaClosure* ci_func(CallInfo* ci) { return ci->func->as_lua_closure(); }

const char* upval_name(const Proto* p, int uv) {
  String* s = p->upvalues[uv].name;
  return s == nullptr ? "?" : s->data();
}

int filter_pc(int pc, int jmptarget) { return pc < jmptarget ? -1 : pc; }

int find_set_reg(const Proto* p, int lastpc, int reg) {
  int setreg = -1;
  int jmptarget = 0;
  if (is_mmbin(get_op(p->code[lastpc]))) lastpc--;  // the MMBIN's op was not actually executed
  for (int pc = 0; pc < lastpc; pc++) {
    Instruction i = p->code[pc];
    OpCode op = get_op(i);
    int a = getarg_a(i);
    bool change;
    switch (op) {
      case OpCode::LOADNIL: change = a <= reg && reg <= a + getarg_b(i); break;
      case OpCode::TFORCALL: change = reg >= a + 2; break;
      case OpCode::CALL:
      case OpCode::TAILCALL: change = reg >= a; break;
      case OpCode::JMP: {
        int dest = pc + 1 + getarg_sj(i);
        if (dest <= lastpc && dest > jmptarget) jmptarget = dest;
        change = false;
        break;
      }
      default:
        change = sets_register_a(op) && reg == a;
        break;
    }
    if (change) setreg = filter_pc(pc, jmptarget);
  }
  return setreg;
}

const char* get_obj_name(const Proto* p, int lastpc, int reg, const char** name);

void k_name(const Proto* p, int c, const char** name) {
  const Value& kv = p->k[c];
  *name = kv.is_string() ? kv.as_string()->data() : "?";
}

void r_name(const Proto* p, int pc, int c, const char** name) {
  const char* what = get_obj_name(p, pc, c, name);
  if (!(what && *what == 'c')) *name = "?";
}

void rk_name(const Proto* p, int pc, Instruction i, const char** name) {
  int c = getarg_c(i);
  if (getarg_k(i)) {
    k_name(p, c, name);
  } else {
    r_name(p, pc, c, name);
  }
}

const char* gxf(const Proto* p, int pc, Instruction i, bool isup) {
  int t = getarg_b(i);
  const char* name;
  if (isup) {
    name = upval_name(p, t);
  } else {
    get_obj_name(p, pc, t, &name);
  }
  return (name && std::strcmp(name, "_ENV") == 0) ? "global" : "field";
}

const char* get_obj_name(const Proto* p, int lastpc, int reg, const char** name) {
  *name = local_name(p, reg + 1, lastpc);
  if (*name) return "local";
  int pc = find_set_reg(p, lastpc, reg);
  if (pc != -1) {
    Instruction i = p->code[pc];
    OpCode op = get_op(i);
    switch (op) {
      case OpCode::MOVE: {
        int b = getarg_b(i);
        if (b < getarg_a(i)) return get_obj_name(p, pc, b, name);
        break;
      }
      case OpCode::GETTABUP:
        k_name(p, getarg_c(i), name);
        return gxf(p, pc, i, true);
      case OpCode::GETTABLE:
        r_name(p, pc, getarg_c(i), name);
        return gxf(p, pc, i, false);
      case OpCode::GETI:
        *name = "integer index";
        return "field";
      case OpCode::GETFIELD:
        k_name(p, getarg_c(i), name);
        return gxf(p, pc, i, false);
      case OpCode::GETUPVAL:
        *name = upval_name(p, getarg_b(i));
        return "upvalue";
      case OpCode::LOADK:
      case OpCode::LOADKX: {
        int b = op == OpCode::LOADK ? getarg_bx(i) : getarg_ax(p->code[pc + 1]);
        if (p->k[b].is_string()) {
          *name = p->k[b].as_string()->data();
          return "constant";
        }
        break;
      }
      case OpCode::SELF:
        rk_name(p, pc, i, name);
        return "method";
      default: break;
    }
  }
  return nullptr;
}

const char* func_name_from_code(Thread* L, const Proto* p, int pc, const char** name) {
  TM tm;
  Instruction i = p->code[pc];
  switch (get_op(i)) {
    case OpCode::CALL:
    case OpCode::TAILCALL: return get_obj_name(p, pc, getarg_a(i), name);
    case OpCode::TFORCALL: *name = "for iterator"; return "for iterator";
    case OpCode::SELF: case OpCode::GETTABUP: case OpCode::GETTABLE: case OpCode::GETI:
    case OpCode::GETFIELD: tm = TM::INDEX; break;
    case OpCode::SETTABUP: case OpCode::SETTABLE: case OpCode::SETI: case OpCode::SETFIELD:
      tm = TM::NEWINDEX; break;
    case OpCode::MMBIN: case OpCode::MMBINI: case OpCode::MMBINK:
      tm = static_cast<TM>(getarg_c(i)); break;
    case OpCode::UNM: tm = TM::UNM; break;
    case OpCode::BNOT: tm = TM::BNOT; break;
    case OpCode::LEN: tm = TM::LEN; break;
    case OpCode::CONCAT: tm = TM::CONCAT; break;
    case OpCode::EQ: tm = TM::EQ; break;
    case OpCode::LT: case OpCode::LTI: case OpCode::GTI: tm = TM::LT; break;
    case OpCode::LE: case OpCode::LEI: case OpCode::GEI: tm = TM::LE; break;
    case OpCode::CLOSE: case OpCode::RETURN: tm = TM::CLOSE; break;
    default: return nullptr;
  }
  *name = L->g->tmname[static_cast<int>(tm)]->data() + 2;
  return "metamethod";
}

const char* func_name_from_call(Thread* L, CallInfo* ci, const char** name) {
  if (ci->callstatus & kCistHooked) {
    *name = "?";
    return "hook";
  }
  if (ci->callstatus & kCistFin) {
    *name = "__gc";
    return "metamethod";
  }
  if (ci->is_lua()) return func_name_from_code(L, ci_func(ci)->p, current_pc(ci), name);
  return nullptr;
}

const char* get_func_name(Thread* L, CallInfo* ci, const char** name) {
  if (ci != nullptr && !(ci->callstatus & kCistTail)) {
    return func_name_from_call(L, ci->previous, name);
  }
  return nullptr;
}

const char* get_upval_name(CallInfo* ci, const Value* o, const char** name) {
  LuaClosure* c = ci_func(ci);
  for (int i = 0; i < c->nupvalues(); i++) {
    if (c->upvals[i]->v == o) {
      *name = upval_name(c->p, i);
      return "upvalue";
    }
  }
  return nullptr;
}

int in_stack(CallInfo* ci, const Value* o) {
  Value* base = ci->func + 1;
  for (int pos = 0; base + pos < ci->top; pos++) {
    if (o == base + pos) return pos;
  }
  return -1;
}

const char* format_var_info(Thread* L, const char* kind, const char* name) {
  if (kind == nullptr) return "";
  return push_fstring(L, " (%s '%s')", kind, name);
}

// " (global 'x')" for the value at `o`, or "". It reads `o` before it pushes the string, and
// the push can grow the stack: a caller must not read `o` (a pointer into the stack) after.
const char* var_info(Thread* L, const Value* o) {
  CallInfo* ci = L->ci;
  const char* name = nullptr;
  const char* kind = nullptr;
  if (ci->is_lua()) {
    kind = get_upval_name(ci, o, &name);
    if (!kind) {
      int reg = in_stack(ci, o);
      if (reg >= 0) kind = get_obj_name(ci_func(ci)->p, current_pc(ci), reg, &name);
    }
  }
  return format_var_info(L, kind, name);
}

// Every message builder below takes what it needs from the culprit's slot first (its type name
// is a static string or a metatable's __name, neither of which the stack holds), and only then
// pushes strings, which can move the stack under the pointer.
[[noreturn]] void type_error_named(Thread* L, const char* type, const char* op, const char* extra) {
  run_error(L, "attempt to %s a %s value%s", op, type, extra);
}

void func_info(DebugInfo* ar, const Value* cl) {
  if (!cl->is_lua_closure()) {
    ar->source = "=[C]";
    ar->srclen = 4;
    ar->linedefined = -1;
    ar->lastlinedefined = -1;
    ar->what = "C";
  } else {
    const Proto* p = cl->as_lua_closure()->p;
    if (p->source) {
      ar->source = p->source->data();
      ar->srclen = p->source->len;
    } else {
      ar->source = "=?";
      ar->srclen = 2;
    }
    ar->linedefined = p->linedefined;
    ar->lastlinedefined = p->lastlinedefined;
    ar->what = ar->linedefined == 0 ? "main" : "Lua";
  }
  chunk_id(ar->short_src, ar->source, ar->srclen);
}

void collect_valid_lines(Thread* L, const Value* f) {
  if (!f->is_lua_closure()) {
    L->top->set_nil();
    L->top++;
    return;
  }
  const Proto* p = f->as_lua_closure()->p;
  Table* t = new_table(L);
  L->top->set_object(t);
  L->top++;
  if (p->lineinfo == nullptr) return;  // stripped: no lines
  Value v = Value::boolean(true);
  int start = 0;
  if (p->is_vararg) start = 1;  // the VARARGPREP instruction is not a line of its own
  for (int i = start; i < p->sizecode; i++) table_set_int(L, t, p->lineinfo[i], v);
}

}  // namespace

const char* type_name(int t) { return kTypeNames[t + 1]; }

const char* obj_typename(Thread* L, const Value* o) {
  Table* mt = nullptr;
  if (o->is_table()) mt = o->as_table()->metatable;
  if (o->is_userdata()) mt = o->as_userdata()->metatable;
  if (mt != nullptr) {
    String* key = new_cstring(L, "__name");
    const Value* name = table_get_str(mt, key);
    if (name->is_string()) return name->as_string()->data();
  }
  return type_name(o->type());
}

int current_pc(CallInfo* ci) {
  return static_cast<int>(ci->u.l.savedpc - ci_func(ci)->p->code) - 1;
}

int current_line(CallInfo* ci) {
  const Proto* p = ci_func(ci)->p;
  int pc = current_pc(ci);
  if (p->lineinfo == nullptr || p->sizecode == 0) return -1;
  if (pc < 0) return p->linedefined;  // nothing ran that saved the pc yet
  return p->lineinfo[pc];
}

bool get_stack(Thread* L, int level, DebugInfo* ar) {
  if (level < 0) return false;
  CallInfo* ci;
  for (ci = L->ci; level > 0 && ci != &L->base_ci; ci = ci->previous) level--;
  if (level == 0 && ci != &L->base_ci) {
    ar->i_ci = ci;
    return true;
  }
  return false;
}

bool get_info(Thread* L, const char* what, DebugInfo* ar) {
  CallInfo* ci;
  Value func;
  if (*what == '>') {
    ci = nullptr;
    func = L->top[-1];
    what++;
    L->top--;
  } else {
    ci = ar->i_ci;
    func = *ci->func;
  }
  bool ok = true;
  for (const char* w = what; *w; w++) {
    switch (*w) {
      case 'S': func_info(ar, &func); break;
      case 'l': ar->currentline = (ci && ci->is_lua()) ? current_line(ci) : -1; break;
      case 'u':
        if (func.is_lua_closure()) {
          auto* cl = func.as_lua_closure();
          ar->nups = static_cast<uint8_t>(cl->nupvalues());
          ar->isvararg = cl->p->is_vararg;
          ar->nparams = cl->p->numparams;
        } else {
          ar->nups = func.is_native_closure() ? func.as_native_closure()->nupvalues() : 0;
          ar->isvararg = true;
          ar->nparams = 0;
        }
        break;
      case 't': ar->istailcall = ci ? (ci->callstatus & kCistTail) != 0 : false; break;
      case 'n':
        ar->namewhat = get_func_name(L, ci, &ar->name);
        if (ar->namewhat == nullptr) {
          ar->namewhat = "";
          ar->name = nullptr;
        }
        break;
      case 'r':
        if (ci == nullptr || !(ci->callstatus & kCistTransfer)) {
          ar->ftransfer = ar->ntransfer = 0;
        } else {
          ar->ftransfer = ci->u2.transferinfo.ftransfer;
          ar->ntransfer = ci->u2.transferinfo.ntransfer;
        }
        break;
      case 'L':
      case 'f': break;
      default: ok = false;
    }
  }
  if (std::strchr(what, 'f')) {
    *L->top = func;
    L->top++;
  }
  if (std::strchr(what, 'L')) collect_valid_lines(L, &func);
  return ok;
}

static const char* find_vararg(CallInfo* ci, int n, Value** pos) {
  if (ci_func(ci)->p->is_vararg) {
    int nextra = ci->u.l.nextraargs;
    if (n >= -nextra) {
      *pos = ci->func - nextra - (n + 1);
      return "(vararg)";
    }
  }
  return nullptr;
}

static const char* find_local(Thread* L, CallInfo* ci, int n, Value** pos) {
  Value* base = ci->func + 1;
  const char* name = nullptr;
  if (ci->is_lua()) {
    if (n < 0) return find_vararg(ci, n, pos);
    name = local_name(ci_func(ci)->p, n, current_pc(ci));
  }
  if (name == nullptr) {
    Value* limit = (ci == L->ci) ? L->top : ci->next->func;
    if (limit - base >= n && n > 0) {
      name = ci->is_lua() ? "(temporary)" : "(C temporary)";
    } else {
      return nullptr;
    }
  }
  if (pos) *pos = base + (n - 1);
  return name;
}

const char* get_local(Thread* L, const DebugInfo* ar, int n) {
  if (ar == nullptr) {
    if (!L->top[-1].is_lua_closure()) return nullptr;
    return local_name(L->top[-1].as_lua_closure()->p, n, 0);
  }
  Value* pos = nullptr;
  const char* name = find_local(L, ar->i_ci, n, &pos);
  if (name) {
    *L->top = *pos;
    L->top++;
  }
  return name;
}

const char* set_local(Thread* L, const DebugInfo* ar, int n) {
  Value* pos = nullptr;
  const char* name = find_local(L, ar->i_ci, n, &pos);
  if (name) {
    *pos = L->top[-1];
    L->top--;
  }
  return name;
}

const char* add_info(Thread* L, const char* msg, String* src, int line) {
  char buff[kIdSize];
  if (src) {
    chunk_id(buff, src->data(), src->len);
  } else {
    buff[0] = '?';
    buff[1] = '\0';
  }
  return push_fstring(L, "%s:%d: %s", buff, line, msg);
}

void run_error(Thread* L, const char* fmt, ...) {
  CallInfo* ci = L->ci;
  va_list argp;
  va_start(argp, fmt);
  const char* msg = push_vfstring(L, fmt, argp);
  va_end(argp);
  if (ci->is_lua()) {
    add_info(L, msg, ci_func(ci)->p->source, current_line(ci));
    L->top[-2] = L->top[-1];
    L->top--;
  }
  error_top(L);
}

void type_error(Thread* L, const Value* o, const char* op) {
  const char* type = obj_typename(L, o);
  type_error_named(L, type, op, var_info(L, o));
}

void call_error(Thread* L, const Value* o) {
  const char* type = obj_typename(L, o);
  const char* name = nullptr;
  const char* kind = func_name_from_call(L, L->ci, &name);
  const char* extra = kind ? format_var_info(L, kind, name) : var_info(L, o);
  type_error_named(L, type, "call", extra);
}

void for_error(Thread* L, const Value* o, const char* what) {
  run_error(L, "bad 'for' %s (number expected, got %s)", what, obj_typename(L, o));
}

void concat_error(Thread* L, const Value* p1, const Value* p2) {
  if (p1->is_string() || p1->is_number()) p1 = p2;
  type_error(L, p1, "concatenate");
}

void op_int_error(Thread* L, const Value* p1, const Value* p2, const char* msg) {
  if (!p1->is_number()) p2 = p1;
  type_error(L, p2, msg);
}

void to_int_error(Thread* L, const Value* p1, const Value* p2) {
  int64_t temp;
  if (!to_integer_ns(*p1, &temp, F2I::kEq)) p2 = p1;
  run_error(L, "number%s has no integer representation", var_info(L, p2));
}

void order_error(Thread* L, const Value* p1, const Value* p2) {
  const char* t1 = obj_typename(L, p1);
  const char* t2 = obj_typename(L, p2);
  if (std::strcmp(t1, t2) == 0) {
    run_error(L, "attempt to compare two %s values", t1);
  } else {
    run_error(L, "attempt to compare %s with %s", t1, t2);
  }
}

}  // namespace tycho::vm
