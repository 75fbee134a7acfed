// Expressions: the operator-precedence loop (subexpression), primary and suffixed
// expressions (names, fields, indexing, calls and method calls), call arguments, expression
// lists and table constructors. Each leaves its result in an ExpDesc for its caller to
// discharge; see the top of parser.cpp.
#include "lang/codegen.hpp"
#include "lang/parser_internal.hpp"

namespace tycho::lang {

// A table constructor being parsed (Lua's ConsControl). List items are stored in batches of
// vm::kFieldsPerFlush by SETLIST; the last item read stays pending in `pending_item` until
// the next one shows whether it was the last (a call or `...` last gives all its values).
struct TableConstructor {
  ExpDesc pending_item;  // the last list item read, not yet in its register
  ExpDesc* table;        // the table, in the register where NEWTABLE puts it
  int nhash;             // record items (name = value, [key] = value)
  int nstored;           // list items already stored by SETLIST
  int npending;          // list items in registers, waiting for the next SETLIST
};

namespace {

UnOpr unary_operator(int token) {
  switch (token) {
    case kTkNot:
      return kOprNot;
    case '-':
      return kOprMinus;
    case '~':
      return kOprBNot;
    case '#':
      return kOprLen;
    default:
      return kOprNoUnOpr;
  }
}

BinOpr binary_operator(int token) {
  switch (token) {
    case '+':
      return kOprAdd;
    case '-':
      return kOprSub;
    case '*':
      return kOprMul;
    case '%':
      return kOprMod;
    case '^':
      return kOprPow;
    case '/':
      return kOprDiv;
    case kTkIDiv:
      return kOprIDiv;
    case '&':
      return kOprBAnd;
    case '|':
      return kOprBOr;
    case '~':
      return kOprBXor;
    case kTkShl:
      return kOprShl;
    case kTkShr:
      return kOprShr;
    case kTkConcat:
      return kOprConcat;
    case kTkNe:
      return kOprNe;
    case kTkEq:
      return kOprEq;
    case '<':
      return kOprLt;
    case kTkLe:
      return kOprLe;
    case '>':
      return kOprGt;
    case kTkGe:
      return kOprGe;
    case kTkAnd:
      return kOprAnd;
    case kTkOr:
      return kOprOr;
    default:
      return kOprNoBinOpr;
  }
}

// Left and right priorities of the binary operators, ORDER OPR. An operator whose right
// priority is below its left one is right associative.
constexpr struct {
  uint8_t left;
  uint8_t right;
} kPriority[] = {
    {10, 10}, {10, 10},          // '+' '-'
    {11, 11}, {11, 11},          // '*' '%'
    {14, 13},                    // '^' (right associative)
    {11, 11}, {11, 11},          // '/' '//'
    {6, 6},   {4, 4},   {5, 5},  // '&' '|' '~'
    {7, 7},   {7, 7},            // '<<' '>>'
    {9, 8},                      // '..' (right associative)
    {3, 3},   {3, 3},   {3, 3},  // ==, <, <=
    {3, 3},   {3, 3},   {3, 3},  // ~=, >, >=
    {2, 2},   {1, 1}             // and, or
};
constexpr int kUnaryPriority = 12;

}  // namespace

// ======================================================================
// Fields and table constructors
// ======================================================================

// field_selector -> ['.' | ':'] NAME
void Parser::field_selector(ExpDesc* v) {
  FuncState* fs = lex_->fs;
  ExpDesc key;
  code::exp2anyregup(fs, v);
  lex_->next();  // skip the dot or colon
  expect_name_exp(&key);
  code::indexed(fs, v, &key);
}

// bracket_index -> '[' expression ']'
void Parser::bracket_index(ExpDesc* v) {
  lex_->next();  // skip the '['
  expression(v);
  code::exp2val(lex_->fs, v);
  expect(']');
}

// record_field -> (NAME | bracket_index) '=' expression
void Parser::record_field(TableConstructor* tc) {
  FuncState* fs = lex_->fs;
  int reg = fs->freereg;
  ExpDesc table, key, value;
  if (token() == kTkName) {
    check_limit(fs, tc->nhash, 0x7fffffff, "items in a constructor");
    expect_name_exp(&key);
  } else {
    bracket_index(&key);
  }
  tc->nhash++;
  expect('=');
  table = *tc->table;
  code::indexed(fs, &table, &key);
  expression(&value);
  code::storevar(fs, &table, &value);
  fs->freereg = reg;
}

// Put the pending list item in its register, and flush a full batch with SETLIST.
void Parser::close_list_item(FuncState* fs, TableConstructor* tc) {
  if (tc->pending_item.k == ExpKind::kVoid) return;
  code::exp2nextreg(fs, &tc->pending_item);
  tc->pending_item.k = ExpKind::kVoid;
  if (tc->npending == vm::kFieldsPerFlush) {
    code::setlist(fs, tc->table->info, tc->nstored, tc->npending);
    tc->nstored += tc->npending;
    tc->npending = 0;
  }
}

// Store the last batch of list items; a call or `...` last stores all its values.
void Parser::close_last_list_item(FuncState* fs, TableConstructor* tc) {
  if (tc->npending == 0) return;
  if (has_multret(tc->pending_item.k)) {
    code::setmultret(fs, &tc->pending_item);
    code::setlist(fs, tc->table->info, tc->nstored, vm::kMultRet);
    tc->nstored--;  // do not count the last expression (unknown number of elements)
  } else {
    if (tc->pending_item.k != ExpKind::kVoid) code::exp2nextreg(fs, &tc->pending_item);
    code::setlist(fs, tc->table->info, tc->nstored, tc->npending);
  }
  tc->nstored += tc->npending;
}

// list_field -> expression
void Parser::list_field(TableConstructor* tc) {
  expression(&tc->pending_item);
  tc->npending++;
}

// table_field -> list_field | record_field
void Parser::table_field(TableConstructor* tc) {
  switch (token()) {
    case kTkName:
      if (lex_->lookahead() != '=')
        list_field(tc);
      else
        record_field(tc);
      break;
    case '[':
      record_field(tc);
      break;
    default:
      list_field(tc);
      break;
  }
}

// table_constructor -> '{' [ table_field { (',' | ';') table_field } [',' | ';'] ] '}'
// NEWTABLE is emitted first and its sizes patched at the end, when they are known.
void Parser::table_constructor(ExpDesc* t) {
  FuncState* fs = lex_->fs;
  int line = lex_->linenumber;
  int pc = code::abck(fs, OpCode::NEWTABLE, 0, 0, 0);
  TableConstructor tc;
  code::emit(fs, 0);  // space for the extra argument
  tc.nstored = tc.nhash = tc.npending = 0;
  tc.table = t;
  init_exp(t, ExpKind::kNonReloc, fs->freereg);  // the table goes at the stack top
  code::reserveregs(fs, 1);
  init_exp(&tc.pending_item, ExpKind::kVoid, 0);
  expect('{');
  do {
    if (token() == '}') break;
    close_list_item(fs, &tc);
    table_field(&tc);
  } while (accept(',') || accept(';'));
  expect_closing('}', '{', line);
  close_last_list_item(fs, &tc);
  code::settablesize(fs, pc, t->info, tc.nstored, tc.nhash);
}

// ======================================================================
// Calls and expressions
// ======================================================================

// expression_list -> expression { ',' expression }. All but the last value go to consecutive
// registers; the last is left in `v`. Returns the number of expressions.
int Parser::expression_list(ExpDesc* v) {
  int n = 1;
  expression(v);
  while (accept(',')) {
    code::exp2nextreg(lex_->fs, v);
    expression(v);
    n++;
  }
  return n;
}

// call_arguments -> '(' [ expression_list ] ')' | table_constructor | STRING
// The function is in register f->info, its arguments above it; `f` becomes the call.
void Parser::call_arguments(ExpDesc* f, int line) {
  FuncState* fs = lex_->fs;
  ExpDesc args;
  int nparams;
  switch (token()) {
    case '(':
      lex_->next();
      if (token() == ')') {
        args.k = ExpKind::kVoid;
      } else {
        expression_list(&args);
        if (has_multret(args.k)) code::setmultret(fs, &args);
      }
      expect_closing(')', '(', line);
      break;
    case '{':
      table_constructor(&args);
      break;
    case kTkString:
      init_string_exp(&args, lex_->t.seminfo.ts);
      lex_->next();
      break;
    default:
      lex_->syntax_error("function arguments expected");
  }
  int base = f->info;  // base register for the call
  if (has_multret(args.k)) {
    nparams = vm::kMultRet;  // open call
  } else {
    if (args.k != ExpKind::kVoid) code::exp2nextreg(fs, &args);
    nparams = fs->freereg - (base + 1);
  }
  init_exp(f, ExpKind::kCall, code::abck(fs, OpCode::CALL, base, nparams + 1, 2));
  code::fixline(fs, line);
  fs->freereg = base + 1;  // the call leaves one result (unless changed)
}

// primary_expression -> NAME | '(' expression ')'
void Parser::primary_expression(ExpDesc* v) {
  switch (token()) {
    case '(': {
      int line = lex_->linenumber;
      lex_->next();
      expression(v);
      expect_closing(')', '(', line);
      code::dischargevars(lex_->fs, v);
      return;
    }
    case kTkName:
      resolve_variable(v);
      return;
    default:
      lex_->syntax_error("unexpected symbol");
  }
}

// suffixed_expression ->
//     primary_expression { '.' NAME | '[' expression ']' | ':' NAME call_arguments |
//                          call_arguments }
void Parser::suffixed_expression(ExpDesc* v) {
  FuncState* fs = lex_->fs;
  int line = lex_->linenumber;
  primary_expression(v);
  for (;;) {
    switch (token()) {
      case '.':
        field_selector(v);
        break;
      case '[': {
        ExpDesc key;
        code::exp2anyregup(fs, v);
        bracket_index(&key);
        code::indexed(fs, v, &key);
        break;
      }
      case ':': {
        ExpDesc key;
        lex_->next();
        expect_name_exp(&key);
        code::self(fs, v, &key);
        call_arguments(v, line);
        break;
      }
      case '(':
      case kTkString:
      case '{':
        code::exp2nextreg(fs, v);
        call_arguments(v, line);
        break;
      default:
        return;
    }
  }
}

// simple_expression -> FLT | INT | STRING | NIL | TRUE | FALSE | '...' | table_constructor |
//                      FUNCTION function_body | suffixed_expression
void Parser::simple_expression(ExpDesc* v) {
  switch (token()) {
    case kTkFlt:
      init_exp(v, ExpKind::kKFlt, 0);
      v->nval = lex_->t.seminfo.r;
      break;
    case kTkInt:
      init_exp(v, ExpKind::kKInt, 0);
      v->ival = lex_->t.seminfo.i;
      break;
    case kTkString:
      init_string_exp(v, lex_->t.seminfo.ts);
      break;
    case kTkNil:
      init_exp(v, ExpKind::kNil, 0);
      break;
    case kTkTrue:
      init_exp(v, ExpKind::kTrue, 0);
      break;
    case kTkFalse:
      init_exp(v, ExpKind::kFalse, 0);
      break;
    case kTkDots: {
      FuncState* fs = lex_->fs;
      check_condition(fs->is_vararg, "cannot use '...' outside a vararg function");
      init_exp(v, ExpKind::kVararg, code::abck(fs, OpCode::VARARG, 0, 0, 1));
      break;
    }
    case '{':
      table_constructor(v);
      return;
    case kTkFunction:
      lex_->next();
      function_body(v, false, lex_->linenumber);
      return;
    default:
      suffixed_expression(v);
      return;
  }
  lex_->next();
}

// subexpression -> (simple_expression | unop subexpression) { binop subexpression }, for
// binary operators whose left priority is above `limit`. Returns the first operator it did
// not take, for its caller's loop.
BinOpr Parser::subexpression(ExpDesc* v, int limit) {
  enter_recursion();
  UnOpr uop = unary_operator(token());
  if (uop != kOprNoUnOpr) {
    int line = lex_->linenumber;
    lex_->next();
    subexpression(v, kUnaryPriority);
    code::prefix(lex_->fs, uop, v, line);
  } else {
    simple_expression(v);
  }
  BinOpr op = binary_operator(token());
  while (op != kOprNoBinOpr && kPriority[op].left > limit) {
    ExpDesc v2;
    int line = lex_->linenumber;
    lex_->next();
    code::infix(lex_->fs, op, v);
    BinOpr nextop = subexpression(&v2, kPriority[op].right);
    code::posfix(lex_->fs, op, v, &v2, line);
    op = nextop;
  }
  leave_recursion();
  return op;
}

}  // namespace tycho::lang
