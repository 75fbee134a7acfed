// Statements: statement lists and blocks, assignments and call statements, the control
// structures (if, while, repeat, numeric and generic for), local declarations, function
// statements, return, goto, break and labels. See the top of parser.cpp.
#include <cstring>
#include <string>

#include "lang/codegen.hpp"
#include "lang/parser_internal.hpp"

namespace tycho::lang {

using vm::String;

// One target of a multiple assignment (Lua's LhsAssign). The targets are parsed left to
// right, each on the C++ stack of the call that parses the next, and chained backwards.
struct AssignTarget {
  AssignTarget* previous;
  ExpDesc var;
};

// Whether the current token ends a block. `until` ends a statement list but not the scope
// of a repeat's body, whose condition still sees its locals.
bool Parser::at_block_end(bool until_ends) {
  switch (token()) {
    case kTkElse:
    case kTkElseif:
    case kTkEnd:
    case kTkEos:
      return true;
    case kTkUntil:
      return until_ends;
    default:
      return false;
  }
}

// statement_list -> { statement } [ return_statement ]
void Parser::statement_list() {
  while (!at_block_end(true)) {
    if (token() == kTkReturn) {
      statement();
      return;  // 'return' must be the last statement
    }
    statement();
  }
}

void Parser::block() {
  FuncState* fs = lex_->fs;
  BlockScope bl;
  enter_block(fs, &bl, false);
  statement_list();
  leave_block(fs);
}

// ======================================================================
// Assignments
// ======================================================================

// Adjust the `nexps` values of an expression list, the last in `e`, to `nvars` variables:
// a call or `...` last gives what is missing, nils fill the rest, extra values are dropped.
void Parser::adjust_assignment(int nvars, int nexps, ExpDesc* e) {
  FuncState* fs = lex_->fs;
  int needed = nvars - nexps;
  if (has_multret(e->k)) {
    int extra = needed + 1;
    if (extra < 0) extra = 0;
    code::setreturns(fs, e, extra);
  } else {
    if (e->k != ExpKind::kVoid) code::exp2nextreg(fs, e);
    if (needed > 0) code::nil(fs, fs->freereg, needed);
  }
  if (needed > 0)
    code::reserveregs(fs, needed);
  else
    fs->freereg += needed;  // remove extra values
}

// In a multiple assignment, a local or upvalue assigned here may be the table or key of an
// earlier indexed target: that target must use a copy of the old value.
void Parser::check_assignment_conflict(AssignTarget* targets, ExpDesc* v) {
  FuncState* fs = lex_->fs;
  int extra = fs->freereg;  // where to save the local variable
  bool conflict = false;
  for (AssignTarget* t = targets; t; t = t->previous) {
    if (!is_indexed(t->var.k)) continue;
    if (t->var.k == ExpKind::kIndexUp) {
      if (v->k == ExpKind::kUpval && t->var.ind_t == v->info) {
        conflict = true;
        t->var.k = ExpKind::kIndexStr;
        t->var.ind_t = extra;
      }
    } else {
      if (v->k == ExpKind::kLocal && t->var.ind_t == v->var_ridx) {
        conflict = true;
        t->var.ind_t = extra;
      }
      if (t->var.k == ExpKind::kIndexed && v->k == ExpKind::kLocal &&
          t->var.ind_idx == v->var_ridx) {
        conflict = true;
        t->var.ind_idx = extra;
      }
    }
  }
  if (conflict) {
    if (v->k == ExpKind::kLocal)
      code::abck(fs, OpCode::MOVE, extra, v->var_ridx, 0);
    else
      code::abck(fs, OpCode::GETUPVAL, extra, v->info, 0);
    code::reserveregs(fs, 1);
  }
}

// rest_of_assignment -> ',' suffixed_expression rest_of_assignment | '=' expression_list
// `targets` is the last target read, `nvars` the count so far. The values are stored from
// the last target back to the first, each from the top register as the recursion unwinds.
void Parser::rest_of_assignment(AssignTarget* targets, int nvars) {
  ExpDesc e;
  check_condition(is_var(targets->var.k), "syntax error");
  check_assignable(&targets->var);
  if (accept(',')) {
    AssignTarget next;
    next.previous = targets;
    suffixed_expression(&next.var);
    if (!is_indexed(next.var.k)) check_assignment_conflict(targets, &next.var);
    enter_recursion();
    rest_of_assignment(&next, nvars + 1);
    leave_recursion();
  } else {
    expect('=');
    int nexps = expression_list(&e);
    if (nexps != nvars) {
      adjust_assignment(nvars, nexps, &e);
    } else {
      code::setoneret(lex_->fs, &e);
      code::storevar(lex_->fs, &targets->var, &e);
      return;
    }
  }
  init_exp(&e, ExpKind::kNonReloc, lex_->fs->freereg - 1);  // default assignment
  code::storevar(lex_->fs, &targets->var, &e);
}

// expression_statement -> call | assignment
void Parser::expression_statement() {
  FuncState* fs = lex_->fs;
  AssignTarget target;
  suffixed_expression(&target.var);
  if (token() == '=' || token() == ',') {
    target.previous = nullptr;
    rest_of_assignment(&target, 1);
  } else {  // a call statement
    check_condition(target.var.k == ExpKind::kCall, "syntax error");
    vm::setarg_c(code::getinstruction(fs, &target.var), 1);  // uses no results
  }
}

// ======================================================================
// Control structures
// ======================================================================

// A condition; returns its false list, the jumps taken when it is false, for the caller to
// patch to the exit.
int Parser::condition() {
  ExpDesc v;
  expression(&v);
  if (v.k == ExpKind::kNil) v.k = ExpKind::kFalse;  // all 'falses' are equal here
  code::goiftrue(lex_->fs, &v);
  return v.f;
}

// while_statement -> WHILE condition DO block END
void Parser::while_statement(int line) {
  FuncState* fs = lex_->fs;
  BlockScope bl;
  lex_->next();
  int loop_start = code::getlabel(fs);
  int exit_jumps = condition();
  enter_block(fs, &bl, true);
  expect(kTkDo);
  block();
  code::jumpto(fs, loop_start);
  expect_closing(kTkEnd, kTkWhile, line);
  leave_block(fs);
  code::patchtohere(fs, exit_jumps);  // false conditions finish the loop
}

// repeat_statement -> REPEAT block UNTIL condition. The condition is inside the body's scope.
void Parser::repeat_statement(int line) {
  FuncState* fs = lex_->fs;
  int loop_start = code::getlabel(fs);
  BlockScope loop_block, scope_block;
  enter_block(fs, &loop_block, true);
  enter_block(fs, &scope_block, false);
  lex_->next();
  statement_list();
  expect_closing(kTkUntil, kTkRepeat, line);
  int repeat_jumps = condition();  // read the condition (inside the scope block)
  leave_block(fs);
  if (scope_block.needs_close) {  // upvalues: the repetition must close them
    int exit = code::jump(fs);    // normal exit jumps over the fix
    code::patchtohere(fs, repeat_jumps);
    code::abck(fs, OpCode::CLOSE, register_level(fs, scope_block.nactvar), 0, 0);
    repeat_jumps = code::jump(fs);
    code::patchtohere(fs, exit);
  }
  code::patchlist(fs, repeat_jumps, loop_start);
  leave_block(fs);
}

// An expression of a numeric for's header (start, limit or step), in the next register.
void Parser::for_expression() {
  ExpDesc e;
  expression(&e);
  code::exp2nextreg(lex_->fs, &e);
}

// Point the loop instruction at `pc` to `dest` (its Bx is an unsigned distance, backwards
// when `back`).
void Parser::fix_for_jump(FuncState* fs, int pc, int dest, bool back) {
  Instruction* jmp = &fs->code[pc];
  int offset = dest - (pc + 1);
  if (back) offset = -offset;
  if (offset > vm::kMaxArgBx) lex_->syntax_error("control structure too long");
  vm::setarg_bx(*jmp, offset);
}

// for_body -> DO block, between the loop's prepare and loop instructions. The loop state is
// in registers from `base`; the `nvars` declared variables follow it.
void Parser::for_body(int base, int line, int nvars, bool is_generic) {
  BlockScope bl;
  FuncState* fs = lex_->fs;
  expect(kTkDo);
  int prep = code::abx(fs, is_generic ? OpCode::TFORPREP : OpCode::FORPREP, base, 0);
  enter_block(fs, &bl, false);  // scope of the declared variables
  activate_locals(nvars);
  code::reserveregs(fs, nvars);
  block();
  leave_block(fs);
  fix_for_jump(fs, prep, code::getlabel(fs), false);
  if (is_generic) {
    code::abck(fs, OpCode::TFORCALL, base, 0, nvars);
    code::fixline(fs, line);
  }
  int endfor = code::abx(fs, is_generic ? OpCode::TFORLOOP : OpCode::FORLOOP, base, 0);
  fix_for_jump(fs, endfor, prep + 1, true);
  code::fixline(fs, line);
}

// numeric_for -> NAME '=' expression ',' expression [',' expression] for_body
void Parser::numeric_for(String* varname, int line) {
  FuncState* fs = lex_->fs;
  int base = fs->freereg;
  declare_local("(for state)");
  declare_local("(for state)");
  declare_local("(for state)");
  declare_local(varname);
  expect('=');
  for_expression();  // initial value
  expect(',');
  for_expression();  // limit
  if (accept(',')) {
    for_expression();  // optional step
  } else {
    code::int_to_reg(fs, fs->freereg, 1);  // default step 1
    code::reserveregs(fs, 1);
  }
  activate_locals(3);  // control variables
  for_body(base, line, 1, false);
}

// generic_for -> NAME {',' NAME} IN expression_list for_body
void Parser::generic_for(String* first_name) {
  FuncState* fs = lex_->fs;
  ExpDesc e;
  int nvars = 5;  // generator, state, control, closing value, 'first_name'
  int base = fs->freereg;
  declare_local("(for state)");
  declare_local("(for state)");
  declare_local("(for state)");
  declare_local("(for state)");
  declare_local(first_name);
  while (accept(',')) {
    declare_local(expect_name());
    nvars++;
  }
  expect(kTkIn);
  int line = lex_->linenumber;
  adjust_assignment(4, expression_list(&e), &e);
  activate_locals(4);       // control variables
  mark_to_be_closed(fs);    // the last control variable must be closed
  code::checkstack(fs, 3);  // extra space to call the generator
  for_body(base, line, nvars - 4, true);
}

// for_statement -> FOR (numeric_for | generic_for) END
void Parser::for_statement(int line) {
  FuncState* fs = lex_->fs;
  BlockScope bl;
  enter_block(fs, &bl, true);  // scope of the loop and control variables
  lex_->next();                // skip 'for'
  String* varname = expect_name();
  switch (token()) {
    case '=':
      numeric_for(varname, line);
      break;
    case ',':
    case kTkIn:
      generic_for(varname);
      break;
    default:
      lex_->syntax_error("'=' or 'in' expected");
  }
  expect_closing(kTkEnd, kTkFor, line);
  leave_block(fs);  // 'break' jumps here
}

// test_then_block -> (IF | ELSEIF) condition THEN block. The jump out of the block to the
// end of the whole if statement joins `escape_list`. `if x then break` is compiled as a
// conditional jump to the loop's exit.
void Parser::test_then_block(int* escape_list) {
  BlockScope bl;
  FuncState* fs = lex_->fs;
  ExpDesc v;
  int false_exit;  // jump over the 'then' part when the condition is false
  lex_->next();    // skip IF or ELSEIF
  expression(&v);
  expect(kTkThen);
  if (token() == kTkBreak) {  // 'if x then break'
    int line = lex_->linenumber;
    code::goiffalse(fs, &v);  // jump if the condition is true
    lex_->next();             // skip 'break'
    enter_block(fs, &bl, false);
    add_pending_goto(lex_->break_name, line, v.t);
    while (accept(';')) {
    }
    if (at_block_end(false)) {  // the jump is the whole block
      leave_block(fs);
      return;
    }
    false_exit = code::jump(fs);
  } else {
    code::goiftrue(fs, &v);
    enter_block(fs, &bl, false);
    false_exit = v.f;
  }
  statement_list();
  leave_block(fs);
  if (token() == kTkElse || token() == kTkElseif) code::concat(fs, escape_list, code::jump(fs));
  code::patchtohere(fs, false_exit);
}

// if_statement -> IF condition THEN block {ELSEIF condition THEN block} [ELSE block] END
void Parser::if_statement(int line) {
  FuncState* fs = lex_->fs;
  int escape_list = kNoJump;
  test_then_block(&escape_list);
  while (token() == kTkElseif) test_then_block(&escape_list);
  if (accept(kTkElse)) block();
  expect_closing(kTkEnd, kTkIf, line);
  code::patchtohere(fs, escape_list);
}

// ======================================================================
// Declarations
// ======================================================================

// local_function -> LOCAL FUNCTION NAME function_body. The name is in scope in the body, so
// the function can call itself.
void Parser::local_function() {
  ExpDesc b;
  FuncState* fs = lex_->fs;
  int fvar = fs->nactvar;
  declare_local(expect_name());
  activate_locals(1);
  function_body(&b, false, lex_->linenumber);
  // debug information only sees the variable after this point
  local_debug_info(fs, fvar)->startpc = fs->pc();
}

// local_attribute -> ['<' NAME '>'], the kind of variable it declares.
int Parser::local_attribute() {
  if (accept('<')) {
    String* attr = expect_name();
    expect('>');
    if (std::strcmp(attr->data(), "const") == 0) return vm::kVarConst;
    if (std::strcmp(attr->data(), "close") == 0) return vm::kVarToClose;
    lex_->semantic_error("unknown attribute '" + text_of(attr) + "'");
  }
  return vm::kVarRegular;
}

// If a local list declared a <close> variable (local index `level`, -1 if none), mark its
// block and emit TBC for its register.
void Parser::check_to_be_closed(FuncState* fs, int level) {
  if (level != -1) {
    mark_to_be_closed(fs);
    code::abck(fs, OpCode::TBC, register_level(fs, level), 0, 0);
  }
}

// local_statement -> LOCAL NAME local_attribute {',' NAME local_attribute}
//                    ['=' expression_list]
// A <const> last variable whose value is a compile-time constant takes no register.
void Parser::local_statement() {
  FuncState* fs = lex_->fs;
  int to_close = -1;
  int vidx;
  int nvars = 0;
  int nexps;
  ExpDesc e;
  do {
    vidx = declare_local(expect_name());
    int kind = local_attribute();
    local_variable(fs, vidx)->kind = static_cast<uint8_t>(kind);
    if (kind == vm::kVarToClose) {
      if (to_close != -1) lex_->semantic_error("multiple to-be-closed variables in local list");
      to_close = fs->nactvar + nvars;
    }
    nvars++;
  } while (accept(','));
  if (accept('=')) {
    nexps = expression_list(&e);
  } else {
    e.k = ExpKind::kVoid;
    nexps = 0;
  }
  Vardesc* var = local_variable(fs, vidx);  // the last variable
  vm::Value kval;
  if (nvars == nexps && var->kind == vm::kVarConst && code::exp2const(fs, &e, &kval)) {
    var = local_variable(fs, vidx);
    var->k = kval;
    var->kind = vm::kVarCompileConst;  // a compile-time constant
    activate_locals(nvars - 1);        // exclude the last variable
    fs->nactvar++;                     // but count it
  } else {
    adjust_assignment(nvars, nexps, &e);
    activate_locals(nvars);
  }
  check_to_be_closed(fs, to_close);
}

// function_name -> NAME {'.' NAME} [':' NAME]; returns whether it names a method.
bool Parser::function_name(ExpDesc* v) {
  bool is_method = false;
  resolve_variable(v);
  while (token() == '.') field_selector(v);
  if (token() == ':') {
    is_method = true;
    field_selector(v);
  }
  return is_method;
}

// function_statement -> FUNCTION function_name function_body
void Parser::function_statement(int line) {
  ExpDesc v, b;
  lex_->next();  // skip FUNCTION
  bool is_method = function_name(&v);
  function_body(&b, is_method, line);
  check_assignable(&v);
  code::storevar(lex_->fs, &v, &b);
  code::fixline(lex_->fs, line);  // the definition "happens" in the first line
}

// ======================================================================
// Jumps
// ======================================================================

// return_statement -> RETURN [expression_list] [';']. A single call returned outside the
// scope of a to-be-closed variable is a tail call.
void Parser::return_statement() {
  FuncState* fs = lex_->fs;
  ExpDesc e;
  int nret;
  int first = nvarstack(fs);  // first slot to be returned
  if (at_block_end(true) || token() == ';') {
    nret = 0;
  } else {
    nret = expression_list(&e);
    if (has_multret(e.k)) {
      code::setmultret(fs, &e);
      if (e.k == ExpKind::kCall && nret == 1 && !fs->bl->inside_tbc)  // tail call
        vm::set_op(code::getinstruction(fs, &e), OpCode::TAILCALL);
      nret = vm::kMultRet;
    } else if (nret == 1) {
      first = code::exp2anyreg(fs, &e);  // can use the original slot
    } else {
      code::exp2nextreg(fs, &e);  // values must go to the top of the stack
    }
  }
  code::ret(fs, first, nret);
  accept(';');
}

// goto_statement -> GOTO NAME
void Parser::goto_statement() {
  FuncState* fs = lex_->fs;
  int line = lex_->linenumber;
  String* name = expect_name();
  Labeldesc* label = find_label(name);
  if (label == nullptr) {  // forward jump: resolved when the label is declared
    add_pending_goto(name, line, code::jump(fs));
  } else {  // backward jump: resolved here
    int label_level = register_level(fs, label->nactvar);
    int label_pc = label->pc;
    if (nvarstack(fs) > label_level) code::abck(fs, OpCode::CLOSE, label_level, 0, 0);
    code::patchlist(fs, code::jump(fs), label_pc);
  }
}

// break_statement -> BREAK, a goto to the label "break" that ends the enclosing loop.
void Parser::break_statement() {
  int line = lex_->linenumber;
  lex_->next();
  add_pending_goto(lex_->break_name, line, code::jump(lex_->fs));
}

void Parser::check_label_unique(String* name) {
  Labeldesc* label = find_label(name);
  if (label != nullptr)
    lex_->semantic_error("label '" + text_of(name) + "' already defined on line " +
                         std::to_string(label->line));
}

// label_statement -> '::' NAME '::'. A label followed only by no-op statements up to the end
// of its block is the block's last: the block's locals are out of scope there.
void Parser::label_statement(String* name, int line) {
  expect(kTkDbColon);
  while (token() == ';' || token() == kTkDbColon) statement();  // skip no-ops
  check_label_unique(name);
  create_label(name, line, at_block_end(false));
}

// ======================================================================
// Statement dispatch
// ======================================================================

void Parser::statement() {
  int line = lex_->linenumber;
  enter_recursion();
  switch (token()) {
    case ';':
      lex_->next();
      break;
    case kTkIf:
      if_statement(line);
      break;
    case kTkWhile:
      while_statement(line);
      break;
    case kTkDo:
      lex_->next();
      block();
      expect_closing(kTkEnd, kTkDo, line);
      break;
    case kTkFor:
      for_statement(line);
      break;
    case kTkRepeat:
      repeat_statement(line);
      break;
    case kTkFunction:
      function_statement(line);
      break;
    case kTkLocal:
      lex_->next();
      if (accept(kTkFunction))
        local_function();
      else
        local_statement();
      break;
    case kTkDbColon:
      lex_->next();
      label_statement(expect_name(), line);
      break;
    case kTkReturn:
      lex_->next();
      return_statement();
      break;
    case kTkBreak:
      break_statement();
      break;
    case kTkGoto:
      lex_->next();
      goto_statement();
      break;
    default:
      expression_statement();
      break;
  }
  lex_->fs->freereg = nvarstack(lex_->fs);  // free registers
  leave_recursion();
}

}  // namespace tycho::lang
