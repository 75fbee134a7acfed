// Scopes: local variables (declared, activated, given registers and debug entries), the
// resolution of a name to a local, an upvalue or a global, the blocks that bound the locals,
// and the gotos and labels resolved against those blocks. See the top of parser.cpp.
#include <string>

#include "lang/codegen.hpp"
#include "lang/parser_internal.hpp"

namespace tycho::lang {

using vm::String;

Vardesc* local_variable(FuncState* fs, int vidx) {
  return &fs->ls->dyd.actvar[static_cast<size_t>(fs->firstlocal + vidx)];
}

int nvarstack(FuncState* fs) {
  for (int nvar = fs->nactvar; nvar-- > 0;) {
    Vardesc* vd = local_variable(fs, nvar);
    if (vd->kind != vm::kVarCompileConst) return vd->ridx + 1;
  }
  return 0;
}

// ======================================================================
// Locals
// ======================================================================

// Add the debug entry of a local starting here; returns its index in the Proto's locvars.
int Parser::register_debug_local(FuncState* fs, String* name) {
  fs->locvars.push_back(vm::LocVar{name, fs->pc(), 0});
  return static_cast<int>(fs->locvars.size()) - 1;
}

// Declare a local, not yet in scope (activate_locals); returns its index in the function.
int Parser::declare_local(String* name) {
  FuncState* fs = lex_->fs;
  Dyndata& dyd = lex_->dyd;
  check_limit(fs, static_cast<int>(dyd.actvar.size()) + 1 - fs->firstlocal, kMaxVars,
              "local variables");
  Vardesc var{};
  var.k = vm::Value::nil();
  var.kind = vm::kVarRegular;
  var.name = name;
  dyd.actvar.push_back(var);
  return static_cast<int>(dyd.actvar.size()) - 1 - fs->firstlocal;
}

// Registers used by the locals below local index `nvar` (compile-time constants take none).
int Parser::register_level(FuncState* fs, int nvar) {
  while (nvar-- > 0) {
    Vardesc* vd = local_variable(fs, nvar);
    if (vd->kind != vm::kVarCompileConst) return vd->ridx + 1;
  }
  return 0;
}

vm::LocVar* Parser::local_debug_info(FuncState* fs, int vidx) {
  Vardesc* vd = local_variable(fs, vidx);
  if (vd->kind == vm::kVarCompileConst) return nullptr;  // constants have no debug info
  return &fs->locvars[vd->pidx];
}

void Parser::init_local_exp(FuncState* fs, ExpDesc* e, int vidx) {
  *e = ExpDesc();
  e->k = ExpKind::kLocal;
  e->var_vidx = vidx;
  e->var_ridx = local_variable(fs, vidx)->ridx;
}

// A <const> or <close> variable, local or upvalue, cannot be assigned to.
void Parser::check_assignable(ExpDesc* e) {
  FuncState* fs = lex_->fs;
  String* varname = nullptr;
  switch (e->k) {
    case ExpKind::kConst:
      varname = lex_->dyd.actvar[e->info].name;
      break;
    case ExpKind::kLocal: {
      Vardesc* vardesc = local_variable(fs, e->var_vidx);
      if (vardesc->kind != vm::kVarRegular) varname = vardesc->name;
      break;
    }
    case ExpKind::kUpval: {
      vm::UpvalDesc* up = &fs->upvalues[e->info];
      if (up->kind != vm::kVarRegular) varname = up->name;
      break;
    }
    default:
      return;
  }
  if (varname)
    lex_->semantic_error("attempt to assign to const variable '" + text_of(varname) + "'");
}

// Start the scope of the last `nvars` locals declared: they take the next registers.
void Parser::activate_locals(int nvars) {
  FuncState* fs = lex_->fs;
  int level = nvarstack(fs);
  for (int i = 0; i < nvars; i++) {
    int vidx = fs->nactvar++;
    Vardesc* var = local_variable(fs, vidx);
    var->ridx = static_cast<uint8_t>(level++);
    var->pidx = static_cast<int16_t>(register_debug_local(fs, var->name));
  }
}

// ======================================================================
// Upvalues and name resolution
// ======================================================================

int Parser::find_upvalue(FuncState* fs, String* name) {
  for (int i = 0; i < fs->nups(); i++)
    if (fs->upvalues[i].name == name) return i;
  return -1;
}

vm::UpvalDesc* Parser::allocate_upvalue(FuncState* fs) {
  check_limit(fs, fs->nups() + 1, kMaxUpval, "upvalues");
  fs->upvalues.push_back(vm::UpvalDesc{nullptr, 0, 0, 0});
  return &fs->upvalues.back();
}

// Add an upvalue to `fs` for `v`, a local or an upvalue of the enclosing function.
int Parser::add_upvalue(FuncState* fs, String* name, ExpDesc* v) {
  vm::UpvalDesc* up = allocate_upvalue(fs);
  FuncState* prev = fs->prev;
  if (v->k == ExpKind::kLocal) {
    up->instack = 1;
    up->idx = static_cast<uint8_t>(v->var_ridx);
    up->kind = local_variable(prev, v->var_vidx)->kind;
  } else {
    up->instack = 0;
    up->idx = static_cast<uint8_t>(v->info);
    up->kind = prev->upvalues[v->info].kind;
  }
  up->name = name;
  return fs->nups() - 1;
}

// Look `name` up among the active locals of `fs`, innermost first. On a hit, `var` is a
// kLocal or kConst expression and its kind is returned; else -1.
int Parser::find_local(FuncState* fs, String* name, ExpDesc* var) {
  for (int i = fs->nactvar - 1; i >= 0; i--) {
    Vardesc* vd = local_variable(fs, i);
    if (name == vd->name) {
      if (vd->kind == vm::kVarCompileConst)
        init_exp(var, ExpKind::kConst, fs->firstlocal + i);
      else
        init_local_exp(fs, var, i);
      return static_cast<int>(var->k);
    }
  }
  return -1;
}

// Mark the block where the local at `level` was declared: an inner function captures it, so
// leaving the block must close it.
void Parser::mark_captured(FuncState* fs, int level) {
  BlockScope* bl = fs->bl;
  while (bl->nactvar > level) bl = bl->enclosing;
  bl->needs_close = true;
  fs->needclose = true;
}

void Parser::mark_to_be_closed(FuncState* fs) {
  BlockScope* bl = fs->bl;
  bl->needs_close = true;
  bl->inside_tbc = true;
  fs->needclose = true;
}

// Resolve `name` in `fs` and, failing that, in the functions around it, adding an upvalue to
// every function in between. `at_use` is true in the function where the name appears (a local
// found there is not captured). A global leaves `var` as kVoid.
void Parser::resolve_name(FuncState* fs, String* name, ExpDesc* var, bool at_use) {
  if (fs == nullptr) {
    init_exp(var, ExpKind::kVoid, 0);
    return;
  }
  int kind = find_local(fs, name, var);
  if (kind >= 0) {
    if (kind == static_cast<int>(ExpKind::kLocal) && !at_use) mark_captured(fs, var->var_vidx);
  } else {
    int idx = find_upvalue(fs, name);
    if (idx < 0) {
      resolve_name(fs->prev, name, var, false);
      if (var->k == ExpKind::kLocal || var->k == ExpKind::kUpval)
        idx = add_upvalue(fs, name, var);
      else
        return;  // a global or a constant
    }
    init_exp(var, ExpKind::kUpval, idx);
  }
}

// A name used as a variable: a local, an upvalue, or the global _ENV.name.
void Parser::resolve_variable(ExpDesc* var) {
  String* varname = expect_name();
  FuncState* fs = lex_->fs;
  resolve_name(fs, varname, var, true);
  if (var->k == ExpKind::kVoid) {  // global: _ENV[varname]
    ExpDesc key;
    resolve_name(fs, lex_->envn, var, true);
    code::exp2anyregup(fs, var);  // _ENV could be a constant
    init_string_exp(&key, varname);
    code::indexed(fs, var, &key);
  }
}

// ======================================================================
// Gotos, labels and blocks
// ======================================================================

void Parser::error_jump_into_scope(Labeldesc* gt) {
  String* varname = local_variable(lex_->fs, gt->nactvar)->name;
  lex_->semantic_error("<goto " + text_of(gt->name) + "> at line " + std::to_string(gt->line) +
                       " jumps into the scope of local '" + text_of(varname) + "'");
}

// Patch pending goto `g` to `label` and drop it from the pending list.
void Parser::resolve_goto(int g, Labeldesc* label) {
  auto& gotos = lex_->dyd.gt;
  Labeldesc* gt = &gotos[g];
  if (gt->nactvar < label->nactvar) error_jump_into_scope(gt);
  code::patchlist(lex_->fs, gt->pc, label->pc);
  gotos.erase(gotos.begin() + g);
}

// A label visible in the current function (labels of closed blocks are gone).
Labeldesc* Parser::find_label(String* name) {
  auto& labels = lex_->dyd.label;
  for (size_t i = static_cast<size_t>(lex_->fs->firstlabel); i < labels.size(); i++)
    if (labels[i].name == name) return &labels[i];
  return nullptr;
}

int Parser::add_label_entry(std::vector<Labeldesc>& list, String* name, int line, int pc) {
  list.push_back(Labeldesc{name, pc, line, static_cast<uint8_t>(lex_->fs->nactvar), 0});
  return static_cast<int>(list.size()) - 1;
}

// Resolve the pending gotos of the current block that name `label`; returns whether any of
// them needs to close upvalues.
bool Parser::resolve_pending_gotos(Labeldesc* label) {
  auto& gotos = lex_->dyd.gt;
  size_t i = static_cast<size_t>(lex_->fs->bl->first_goto);
  bool needs_close = false;
  while (i < gotos.size()) {
    if (gotos[i].name == label->name) {
      needs_close |= gotos[i].close != 0;
      resolve_goto(static_cast<int>(i), label);
    } else {
      i++;
    }
  }
  return needs_close;
}

// Declare a label here and resolve the pending gotos to it. `last` says that the label ends
// its block, where the block's locals are already out of scope. Returns whether it emitted a
// CLOSE for gotos that leave captured locals.
bool Parser::create_label(String* name, int line, bool last) {
  FuncState* fs = lex_->fs;
  auto& labels = lex_->dyd.label;
  int l = add_label_entry(labels, name, line, code::getlabel(fs));
  if (last) labels[l].nactvar = fs->bl->nactvar;  // locals are already out of scope
  Labeldesc label = labels[l];
  if (resolve_pending_gotos(&label)) {
    code::abck(fs, OpCode::CLOSE, nvarstack(fs), 0, 0);
    return true;
  }
  return false;
}

// The pending gotos of block `bl`, which ends, now leave from its enclosing block.
void Parser::move_gotos_out(FuncState* fs, BlockScope* bl) {
  auto& gotos = lex_->dyd.gt;
  for (size_t i = static_cast<size_t>(bl->first_goto); i < gotos.size(); i++) {
    Labeldesc* gt = &gotos[i];
    if (register_level(fs, gt->nactvar) > register_level(fs, bl->nactvar))
      gt->close |= bl->needs_close;
    gt->nactvar = bl->nactvar;
  }
}

void Parser::enter_block(FuncState* fs, BlockScope* bl, bool is_loop) {
  bl->is_loop = is_loop;
  bl->nactvar = static_cast<uint8_t>(fs->nactvar);
  bl->first_label = static_cast<int>(lex_->dyd.label.size());
  bl->first_goto = static_cast<int>(lex_->dyd.gt.size());
  bl->needs_close = false;
  bl->inside_tbc = fs->bl != nullptr && fs->bl->inside_tbc;
  bl->enclosing = fs->bl;
  fs->bl = bl;
}

void Parser::error_undefined_goto(Labeldesc* gt) {
  if (gt->name == lex_->break_name)
    lex_->semantic_error("break outside loop at line " + std::to_string(gt->line));
  lex_->semantic_error("no visible label '" + text_of(gt->name) + "' for <goto> at line " +
                       std::to_string(gt->line));
}

// End the current block: resolve its breaks, close its captured locals, end its locals'
// scope and labels, and hand its pending gotos to the enclosing block (or fail on them, at
// the end of a function).
void Parser::leave_block(FuncState* fs) {
  BlockScope* bl = fs->bl;
  bool has_close = false;
  int stack_level = register_level(fs, bl->nactvar);                      // level outside the block
  if (bl->is_loop) has_close = create_label(lex_->break_name, 0, false);  // pending breaks
  if (!has_close && bl->enclosing && bl->needs_close)
    code::abck(fs, OpCode::CLOSE, stack_level, 0, 0);
  fs->bl = bl->enclosing;
  // Close the debug scope of the block's variables (Lua's removevars).
  while (fs->nactvar > bl->nactvar) {
    vm::LocVar* var = local_debug_info(fs, fs->nactvar - 1);
    if (var) var->endpc = fs->pc();
    fs->nactvar--;
    lex_->dyd.actvar.pop_back();
  }
  fs->freereg = stack_level;
  lex_->dyd.label.resize(static_cast<size_t>(bl->first_label));  // remove local labels
  if (bl->enclosing) {
    move_gotos_out(fs, bl);
  } else if (static_cast<size_t>(bl->first_goto) < lex_->dyd.gt.size()) {
    error_undefined_goto(&lex_->dyd.gt[bl->first_goto]);
  }
}

}  // namespace tycho::lang
