// The parser: Lua 5.4's lparser.c, a recursive descent in one pass. It reads tokens from the
// lexer and drives the code generator (code.cpp, Lua's lcode.c) as it goes, with no syntax
// tree in between: what it knows at any moment is the stack of functions being compiled
// (FuncState, one per `function` open around the current token, chained by `prev`), the
// stack of blocks open in each (BlockScope, chained by `enclosing`), and three chunk-wide
// lists in Lexer::dyd: the locals of all open functions (`actvar`), the pending gotos (`gt`)
// and the visible labels (`label`). The same register allocation, jump lists and fix-ups as
// lparser.c and lcode.c keep the bytecode identical to luac's.
//
// This file holds compile() and what concerns whole functions (opening and closing a
// FuncState, parameter lists and bodies); parse_scope.cpp the locals, upvalues, blocks, gotos
// and labels; parse_expr.cpp the expressions; parse_stmt.cpp the statements;
// parser_internal.hpp the Parser class they share.
//
// Expressions. A parsing function leaves its result in an ExpDesc (codegen.hpp) that says
// where the value is, not where it is to go: the consumer decides, and code is emitted as
// late as possible. By kind:
//  - constants (kNil, kTrue, kFalse, kKInt, kKFlt, kKStr, kK) and <const> locals with a
//    constant value (kConst) have no code yet: they may fold (`2^10`), or become a constant
//    or immediate operand of the instruction that uses them;
//  - variables (kLocal, kUpval, kIndexed, kIndexUp, kIndexI, kIndexStr) name a place, with
//    the registers or constants that address it: an assignment stores into it
//    (code::storevar), a read loads from it (code::dischargevars);
//  - kReloc, kCall and kVararg have their instruction emitted with something left open: a
//    kReloc's destination register, a call's or `...`'s number of results (code::setreturns,
//    code::setoneret);
//  - kNonReloc is a value in a fixed register, kJmp a comparison whose outcome is a jump.
// Discharging moves an expression down this list: dischargevars emits a variable's load,
// exp2nextreg puts the value in the next free register, exp2anyreg in any register (a local
// stays in its own), exp2rk in a constant operand when it fits, exp2val just far enough to
// be a value. The grammar says which: the items of an expression list but the last go to
// consecutive registers, where a call or a multiple assignment finds them; the last stays
// open, so that a call or `...` can be adjusted to the number of values wanted
// (adjust_assignment); an indexed table goes to any register or stays an upvalue
// (code::exp2anyregup).
//
// Registers and jumps. Registers are a stack (FuncState::freereg): the active locals at the
// bottom, temporaries above them, freed in reverse order; each statement ends by lowering
// freereg to the locals' level. A forward jump is emitted before its target is known: jumps
// to the same target are chained through their own offset fields into a jump list (ending in
// kNoJump), patched when the target is reached (code::patchlist, code::patchtohere). An
// ExpDesc carries two lists, `t` (the jumps taken when it is true) and `f` (when false). `a
// and b` tests `a` with code::goiftrue, which leaves the jumps for a false `a` on its `f` list,
// and joins that list to `b`'s. A condition (condition(), test_then_block) hands its `f` list
// to its statement, which patches it to where a false condition leads: out of a while loop,
// back to the top of a repeat, past a `then` part. Only when such an expression must become
// a value are its lists patched to instructions that load true or false into its register.
//
// Scopes. A local is declared (declare_local: a Vardesc in dyd.actvar) before its
// initializer is parsed and activated (activate_locals: it gets its register and its debug
// entry) after, so `local x = x` reads the outer x. A name is resolved (resolve_variable)
// from the inside out: an active local of the current function, an upvalue it already has,
// or else the same search in the enclosing function, adding an upvalue to every function in
// between; a name found nowhere is a global, `_ENV.name`. A local captured by an inner
// function marks its block needs_close, so that leaving the block, a goto out of it or a
// return closes its upvalues (CLOSE, or the return's k flag); a <close> local does the same,
// and forbids tail calls in its scope (inside_tbc). A <const> local with a constant value
// takes no register (kVarCompileConst): a local's index is not its register, and the
// registers in use below a local are counted by register_level (nvarstack for all of them).
//
// Gotos and labels. A goto to a visible label (a backward jump) is patched at once.
// Otherwise it waits in dyd.gt with the count of locals active at the goto. A label patches
// the pending gotos of its block that name it, refusing a goto that would jump into the scope
// of a local. When a block ends, its pending gotos move out to the enclosing block: their
// count of locals drops to the block's, and a goto that leaves a block with captured locals
// is marked `close`, so that the label it reaches emits CLOSE. `break` is a goto to the label
// "break", which every loop declares at its end. A goto still pending when its function ends
// is an error.
#include <cstring>
#include <string>

#include "lang/codegen.hpp"
#include "lang/compile.hpp"
#include "lang/parser_internal.hpp"
#include "vm/func.hpp"
#include "vm/string.hpp"

namespace tycho::lang {

namespace {

template <typename T>
T* copy_payload(vm::Thread* L, const std::vector<T>& v) {
  if (v.empty()) return nullptr;
  auto* out = static_cast<T*>(vm::alloc_payload(L, sizeof(T) * v.size()));
  std::memcpy(static_cast<void*>(out), v.data(), sizeof(T) * v.size());
  return out;
}

// Restores the compiler's roots and the C-call depth however compilation ends.
class CompileGuard {
 public:
  explicit CompileGuard(vm::Thread* L)
      : L_(L), anchors_(L->g->anchors.size()), ccalls_(L->n_ccalls) {}
  ~CompileGuard() {
    vm::release_anchors(L_->g, anchors_);
    L_->n_ccalls = ccalls_;
  }

 private:
  vm::Thread* L_;
  size_t anchors_;
  uint32_t ccalls_;
};

}  // namespace

vm::Proto* Parser::new_proto() {
  vm::Proto* p = vm::new_proto(lex_->L);
  p->source = lex_->source;
  lex_->anchor(p);
  return p;
}

// Give `child` a new prototype, the next one nested in the current function.
void Parser::add_prototype(FuncState* child) {
  FuncState* fs = lex_->fs;
  if (fs->p.size() >= static_cast<size_t>(vm::kMaxArgBx))
    error_limit(fs, vm::kMaxArgBx, "functions");
  child->f = new_proto();
  fs->p.push_back(child->f);
}

// The closure of the function just parsed, made in the enclosing function: CLOSURE goes in
// its next free register.
void Parser::emit_closure(ExpDesc* v) {
  FuncState* fs = lex_->fs->prev;
  init_exp(v, ExpKind::kReloc,
           code::abx(fs, OpCode::CLOSURE, 0, static_cast<unsigned>(fs->p.size() - 1)));
  code::exp2nextreg(fs, v);
}

// Make `fs` the current function, with `bl` its outermost block.
void Parser::open_function(FuncState* fs, BlockScope* bl) {
  fs->prev = lex_->fs;
  fs->ls = lex_;
  lex_->fs = fs;
  fs->firstlocal = static_cast<int>(lex_->dyd.actvar.size());
  fs->firstlabel = static_cast<int>(lex_->dyd.label.size());
  fs->bl = nullptr;
  enter_block(fs, bl, false);
}

// End the current function: the final return, the fix-ups of code::finish, and its arrays
// copied into its prototype. The enclosing function becomes current.
void Parser::close_function() {
  vm::Thread* L = lex_->L;
  FuncState* fs = lex_->fs;
  code::ret(fs, nvarstack(fs), 0);  // final return
  leave_block(fs);
  code::finish(fs);
  vm::Proto* f = fs->f;
  f->numparams = static_cast<uint8_t>(fs->numparams);
  f->is_vararg = fs->is_vararg ? 1 : 0;
  f->maxstacksize = static_cast<uint8_t>(fs->maxstacksize);
  f->linedefined = fs->linedefined;
  f->lastlinedefined = fs->lastlinedefined;
  f->code = copy_payload(L, fs->code);
  f->lineinfo = copy_payload(L, fs->lineinfo);
  f->k = copy_payload(L, fs->k);
  f->p = copy_payload(L, fs->p);
  f->locvars = copy_payload(L, fs->locvars);
  f->upvalues = copy_payload(L, fs->upvalues);
  f->sizecode = fs->pc();
  f->sizek = static_cast<int>(fs->k.size());
  f->sizep = static_cast<int>(fs->p.size());
  f->sizelocvars = static_cast<int>(fs->locvars.size());
  f->sizeupvalues = fs->nups();
  f->source = lex_->source;
  lex_->fs = fs->prev;
}

void Parser::set_vararg(FuncState* fs, int nparams) {
  fs->is_vararg = true;
  code::abck(fs, OpCode::VARARGPREP, nparams, 0, 0);
}

// parameter_list -> [ {NAME ','} (NAME | '...') ]
void Parser::parameter_list() {
  FuncState* fs = lex_->fs;
  int nparams = 0;
  bool is_vararg = false;
  if (token() != ')') {
    do {
      switch (token()) {
        case kTkName:
          declare_local(expect_name());
          nparams++;
          break;
        case kTkDots:
          lex_->next();
          is_vararg = true;
          break;
        default:
          lex_->syntax_error("<name> or '...' expected");
      }
    } while (!is_vararg && accept(','));
  }
  activate_locals(nparams);
  fs->numparams = fs->nactvar;
  if (is_vararg) set_vararg(fs, fs->numparams);
  code::reserveregs(fs, fs->nactvar);
}

// function_body -> '(' parameter_list ')' block END, compiled as a new function whose
// closure is left in `e`; a method gets `self` as its first parameter.
void Parser::function_body(ExpDesc* e, bool is_method, int line) {
  FuncState new_fs;
  BlockScope bl;
  add_prototype(&new_fs);
  new_fs.linedefined = line;
  open_function(&new_fs, &bl);
  expect('(');
  if (is_method) {
    declare_local("self");
    activate_locals(1);
  }
  parameter_list();
  expect(')');
  statement_list();
  new_fs.lastlinedefined = lex_->linenumber;
  expect_closing(kTkEnd, kTkFunction, line);
  emit_closure(e);
  close_function();
}

// The main function: vararg, with upvalue 0 _ENV (a register of the loader, by convention).
vm::Proto* Parser::main_function() {
  FuncState fs;
  BlockScope bl;
  fs.f = new_proto();
  open_function(&fs, &bl);
  set_vararg(&fs, 0);
  vm::UpvalDesc* env = allocate_upvalue(&fs);
  env->instack = 1;
  env->idx = 0;
  env->kind = vm::kVarRegular;
  env->name = lex_->envn;
  lex_->next();  // read the first token
  statement_list();
  check_token(kTkEos);
  close_function();
  return fs.f;
}

vm::Proto* compile(vm::Thread* L, std::string_view source, const char* chunkname) {
  CompileGuard guard(L);
  vm::String* name = vm::new_string(L, chunkname, std::strlen(chunkname));
  L->g->anchors.push_back(name);
  Lexer lexer(L, source, name);
  Parser parser(&lexer);
  return parser.main_function();
}

}  // namespace tycho::lang
