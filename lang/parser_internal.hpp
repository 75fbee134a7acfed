// What the parser's files share: the Parser class, whose member functions are spread over
// parser.cpp (the entry point and functions), parse_scope.cpp (locals, upvalues, blocks,
// gotos and labels), parse_expr.cpp (expressions) and parse_stmt.cpp (statements), and the
// block record they all push and pop. How the parser works is told at the top of parser.cpp.
//
// Each declaration below names its lparser.c original in a trailing comment, so that a fix
// in Lua can be found and carried over.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lang/codegen.hpp"
#include "lang/lexer.hpp"
#include "vm/state.hpp"

namespace tycho::lang {

// A block open in the function being parsed (Lua's BlockCnt). Blocks live on the C++ stack
// of the function that parses them and are chained through `enclosing` from FuncState::bl.
struct BlockScope {
  BlockScope* enclosing;
  int first_label;   // index in dyd.label of the block's first label
  int first_goto;    // index in dyd.gt of the block's first pending goto
  uint8_t nactvar;   // active locals when the block was entered (its own come after them)
  bool needs_close;  // some local of the block is captured or to be closed: leaving must CLOSE
  bool is_loop;      // a loop's block: `break` jumps to its end
  bool inside_tbc;   // inside the scope of a to-be-closed variable (no tail calls)
};

// The description of local variable `vidx` of `fs` (an index counted from the function's
// first local, as in ExpDesc::var_vidx and FuncState::nactvar) (getlocalvardesc).
Vardesc* local_variable(FuncState* fs, int vidx);

// The text of a Lua string, for error messages.
inline std::string text_of(const vm::String* s) { return std::string(s->data(), s->len); }

struct AssignTarget;      // parse_stmt.cpp
struct TableConstructor;  // parse_expr.cpp

class Parser {
 public:
  explicit Parser(Lexer* lex) : lex_(lex) {}
  // Parse the whole chunk into its main function (mainfunc).
  vm::Proto* main_function();

 private:
  // ---- tokens and errors ----
  int token() const { return lex_->t.token; }
  [[noreturn]] void error_expected(int expected) {  // error_expected
    lex_->syntax_error(lex_->token2str(expected) + " expected");
  }
  [[noreturn]] void error_limit(FuncState* fs, int limit, const char* what) {  // errorlimit
    int line = fs->linedefined;
    std::string where =
        line == 0 ? std::string("main function") : "function at line " + std::to_string(line);
    lex_->syntax_error(std::string("too many ") + what + " (limit is " + std::to_string(limit) +
                       ") in " + where);
  }
  void check_limit(FuncState* fs, int value, int limit, const char* what) {  // checklimit
    if (value > limit) error_limit(fs, limit, what);
  }
  // Skip the current token if it is `c`; returns whether it was (testnext).
  bool accept(int c) {
    if (lex_->t.token == c) {
      lex_->next();
      return true;
    }
    return false;
  }
  // The current token must be `c` (check).
  void check_token(int c) {
    if (lex_->t.token != c) error_expected(c);
  }
  // The current token must be `c`; skip it (checknext).
  void expect(int c) {
    check_token(c);
    lex_->next();
  }
  void check_condition(bool c, const char* msg) {  // check_condition
    if (!c) lex_->syntax_error(msg);
  }
  // The token `what` closing `who` opened at line `where`: the message names the opening
  // token when it is on another line (check_match).
  void expect_closing(int what, int who, int where) {
    if (!accept(what)) {
      if (where == lex_->linenumber) error_expected(what);
      lex_->syntax_error(lex_->token2str(what) + " expected (to close " + lex_->token2str(who) +
                         " at line " + std::to_string(where) + ")");
    }
  }
  vm::String* expect_name() {  // str_checkname
    check_token(kTkName);
    vm::String* name = lex_->t.seminfo.ts;
    lex_->next();
    return name;
  }
  static void init_exp(ExpDesc* e, ExpKind kind, int info) {  // init_exp
    *e = ExpDesc();
    e->k = kind;
    e->info = info;
  }
  static void init_string_exp(ExpDesc* e, vm::String* s) {  // codestring
    *e = ExpDesc();
    e->k = ExpKind::kKStr;
    e->strval = s;
  }
  // A name read as a string constant (a field or method name) (codename).
  void expect_name_exp(ExpDesc* e) { init_string_exp(e, expect_name()); }

  // Nesting depth of the parser's recursion, counted as C calls, so that deep nesting fails
  // with "C stack overflow" instead of overflowing the C++ stack (luaE_incCstack).
  void enter_recursion() {  // enterlevel
    vm::Thread* L = lex_->L;
    if (++L->n_ccalls >= vm::kCheckCStackFrom) vm::check_cstack(L);
  }
  void leave_recursion() { lex_->L->n_ccalls--; }  // leavelevel

  // ---- functions (parser.cpp) ----
  vm::Proto* new_proto();                                    // luaF_newproto
  void add_prototype(FuncState* child);                      // addprototype
  void emit_closure(ExpDesc* v);                             // codeclosure
  void open_function(FuncState* fs, BlockScope* bl);         // open_func
  void close_function();                                     // close_func
  void set_vararg(FuncState* fs, int nparams);               // setvararg
  void parameter_list();                                     // parlist
  void function_body(ExpDesc* e, bool is_method, int line);  // body

  // ---- locals and upvalues (parse_scope.cpp) ----
  int register_debug_local(FuncState* fs, vm::String* name);  // registerlocalvar
  int declare_local(vm::String* name);                        // new_localvar
  int declare_local(const char* name) {                       // new_localvarliteral
    return declare_local(lex_->new_string(name));
  }
  int register_level(FuncState* fs, int nvar);                    // reglevel
  vm::LocVar* local_debug_info(FuncState* fs, int vidx);          // localdebuginfo
  void init_local_exp(FuncState* fs, ExpDesc* e, int vidx);       // init_var
  void check_assignable(ExpDesc* e);                              // check_readonly
  void activate_locals(int nvars);                                // adjustlocalvars
  int find_upvalue(FuncState* fs, vm::String* name);              // searchupvalue
  vm::UpvalDesc* allocate_upvalue(FuncState* fs);                 // allocupvalue
  int add_upvalue(FuncState* fs, vm::String* name, ExpDesc* v);   // newupvalue
  int find_local(FuncState* fs, vm::String* name, ExpDesc* var);  // searchvar
  void mark_captured(FuncState* fs, int level);                   // markupval
  void mark_to_be_closed(FuncState* fs);                          // marktobeclosed
  // singlevaraux
  void resolve_name(FuncState* fs, vm::String* name, ExpDesc* var, bool at_use);
  void resolve_variable(ExpDesc* var);  // singlevar

  // ---- blocks, gotos and labels (parse_scope.cpp) ----
  [[noreturn]] void error_jump_into_scope(Labeldesc* gt);  // jumpscopeerror
  void resolve_goto(int g, Labeldesc* label);              // solvegoto
  Labeldesc* find_label(vm::String* name);                 // findlabel
  // newlabelentry
  int add_label_entry(std::vector<Labeldesc>& list, vm::String* name, int line, int pc);
  int add_pending_goto(vm::String* name, int line, int pc) {  // newgotoentry
    return add_label_entry(lex_->dyd.gt, name, line, pc);
  }
  bool resolve_pending_gotos(Labeldesc* label);                   // solvegotos
  bool create_label(vm::String* name, int line, bool last);       // createlabel
  void move_gotos_out(FuncState* fs, BlockScope* bl);             // movegotosout
  void enter_block(FuncState* fs, BlockScope* bl, bool is_loop);  // enterblock
  [[noreturn]] void error_undefined_goto(Labeldesc* gt);          // undefgoto
  void leave_block(FuncState* fs);                                // leaveblock

  // ---- expressions (parse_expr.cpp) ----
  void field_selector(ExpDesc* v);                                 // fieldsel
  void bracket_index(ExpDesc* v);                                  // yindex
  void record_field(TableConstructor* tc);                         // recfield
  void close_list_item(FuncState* fs, TableConstructor* tc);       // closelistfield
  void close_last_list_item(FuncState* fs, TableConstructor* tc);  // lastlistfield
  void list_field(TableConstructor* tc);                           // listfield
  void table_field(TableConstructor* tc);                          // field
  void table_constructor(ExpDesc* t);                              // constructor
  int expression_list(ExpDesc* v);                                 // explist
  void call_arguments(ExpDesc* f, int line);                       // funcargs
  void primary_expression(ExpDesc* v);                             // primaryexp
  void suffixed_expression(ExpDesc* v);                            // suffixedexp
  void simple_expression(ExpDesc* v);                              // simpleexp
  BinOpr subexpression(ExpDesc* v, int limit);                     // subexpr
  void expression(ExpDesc* v) { subexpression(v, 0); }             // expr

  // ---- statements (parse_stmt.cpp) ----
  bool at_block_end(bool until_ends);                                 // block_follow
  void statement_list();                                              // statlist
  void block();                                                       // block
  void adjust_assignment(int nvars, int nexps, ExpDesc* e);           // adjust_assign
  void check_assignment_conflict(AssignTarget* targets, ExpDesc* v);  // check_conflict
  void rest_of_assignment(AssignTarget* targets, int nvars);          // restassign
  int condition();                                                    // cond
  void goto_statement();                                              // gotostat
  void break_statement();                                             // breakstat
  void check_label_unique(vm::String* name);                          // checkrepeated
  void label_statement(vm::String* name, int line);                   // labelstat
  void while_statement(int line);                                     // whilestat
  void repeat_statement(int line);                                    // repeatstat
  void for_expression();                                              // exp1
  void fix_for_jump(FuncState* fs, int pc, int dest, bool back);      // fixforjump
  void for_body(int base, int line, int nvars, bool is_generic);      // forbody
  void numeric_for(vm::String* varname, int line);                    // fornum
  void generic_for(vm::String* first_name);                           // forlist
  void for_statement(int line);                                       // forstat
  void test_then_block(int* escape_list);                             // test_then_block
  void if_statement(int line);                                        // ifstat
  void local_function();                                              // localfunc
  int local_attribute();                                              // getlocalattribute
  void check_to_be_closed(FuncState* fs, int level);                  // checktoclose
  void local_statement();                                             // localstat
  bool function_name(ExpDesc* v);                                     // funcname
  void function_statement(int line);                                  // funcstat
  void expression_statement();                                        // exprstat
  void return_statement();                                            // retstat
  void statement();                                                   // statement

  Lexer* lex_;
};

}  // namespace tycho::lang
