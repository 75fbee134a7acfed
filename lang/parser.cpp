// The parser: a recursive-descent port of Lua 5.4's lparser.c that drives the code generator
// (code.cpp) as it reads, with no syntax tree in between. Scoping (blocks, locals, <const>
// and <close> variables, gotos and labels, upvalues) lives here; instruction selection lives
// in code.cpp.
#include <cstring>
#include <string>

#include "lang/codegen.hpp"
#include "lang/compile.hpp"
#include "vm/string.hpp"

namespace tycho::lang {

namespace {

using vm::String;

// Format helpers for messages (the parser's luaO_pushfstring).
std::string str(const String* s) { return std::string(s->data(), s->len); }

struct LhsAssign {
  LhsAssign* prev;
  ExpDesc v;
};

struct ConsControl {
  ExpDesc v;    // last list item read
  ExpDesc* t;   // table descriptor
  int nh;       // total number of record elements
  int na;       // number of array elements already stored
  int tostore;  // number of array elements pending to be stored
};

class Parser {
 public:
  explicit Parser(Lexer* ls) : ls_(ls) {}
  vm::Proto* mainfunc();

 private:
  // ---- errors and token checks ----
  [[noreturn]] void error_expected(int token) {
    ls_->syntax_error(ls_->token2str(token) + " expected");
  }
  [[noreturn]] void errorlimit(FuncState* fs, int limit, const char* what) {
    int line = fs->linedefined;
    std::string where =
        line == 0 ? std::string("main function") : "function at line " + std::to_string(line);
    ls_->syntax_error(std::string("too many ") + what + " (limit is " + std::to_string(limit) +
                      ") in " + where);
  }
  void checklimit(FuncState* fs, int v, int l, const char* what) {
    if (v > l) errorlimit(fs, l, what);
  }
  bool testnext(int c) {
    if (ls_->t.token == c) {
      ls_->next();
      return true;
    }
    return false;
  }
  void check(int c) {
    if (ls_->t.token != c) error_expected(c);
  }
  void checknext(int c) {
    check(c);
    ls_->next();
  }
  void check_condition(bool c, const char* msg) {
    if (!c) ls_->syntax_error(msg);
  }
  void check_match(int what, int who, int where) {
    if (!testnext(what)) {
      if (where == ls_->linenumber) error_expected(what);
      ls_->syntax_error(ls_->token2str(what) + " expected (to close " + ls_->token2str(who) +
                        " at line " + std::to_string(where) + ")");
    }
  }
  String* str_checkname() {
    check(kTkName);
    String* ts = ls_->t.seminfo.ts;
    ls_->next();
    return ts;
  }
  static void init_exp(ExpDesc* e, ExpKind k, int i) {
    *e = ExpDesc();
    e->k = k;
    e->info = i;
  }
  static void codestring(ExpDesc* e, String* s) {
    *e = ExpDesc();
    e->k = ExpKind::kKStr;
    e->strval = s;
  }
  void codename(ExpDesc* e) { codestring(e, str_checkname()); }

  // Nesting depth of the parser's recursion, counted as C calls (Lua's luaE_incCstack).
  void enterlevel() {
    vm::Thread* L = ls_->L;
    if (++L->n_ccalls >= vm::kCheckCStackFrom) vm::check_cstack(L);
  }
  void leavelevel() { ls_->L->n_ccalls--; }

  // ---- variables ----
  int registerlocalvar(FuncState* fs, String* varname);
  int new_localvar(String* name);
  int new_localvarliteral(const char* name) { return new_localvar(ls_->new_string(name)); }
  int reglevel(FuncState* fs, int nvar);
  vm::LocVar* localdebuginfo(FuncState* fs, int vidx);
  void init_var(FuncState* fs, ExpDesc* e, int vidx);
  void check_readonly(ExpDesc* e);
  void adjustlocalvars(int nvars);
  int searchupvalue(FuncState* fs, String* name);
  vm::UpvalDesc* allocupvalue(FuncState* fs);
  int newupvalue(FuncState* fs, String* name, ExpDesc* v);
  int searchvar(FuncState* fs, String* n, ExpDesc* var);
  void markupval(FuncState* fs, int level);
  void marktobeclosed(FuncState* fs);
  void singlevaraux(FuncState* fs, String* n, ExpDesc* var, bool base);
  void singlevar(ExpDesc* var);
  void adjust_assign(int nvars, int nexps, ExpDesc* e);

  // ---- gotos, labels and blocks ----
  [[noreturn]] void jumpscopeerror(Labeldesc* gt);
  void solvegoto(int g, Labeldesc* label);
  Labeldesc* findlabel(String* name);
  int newlabelentry(std::vector<Labeldesc>& l, String* name, int line, int pc);
  int newgotoentry(String* name, int line, int pc) {
    return newlabelentry(ls_->dyd.gt, name, line, pc);
  }
  bool solvegotos(Labeldesc* lb);
  bool createlabel(String* name, int line, bool last);
  void movegotosout(FuncState* fs, BlockCnt* bl);
  void enterblock(FuncState* fs, BlockCnt* bl, bool isloop);
  [[noreturn]] void undefgoto(Labeldesc* gt);
  void leaveblock(FuncState* fs);

  // ---- functions ----
  vm::Proto* new_proto();
  void addprototype(FuncState* child);
  void codeclosure(ExpDesc* v);
  void open_func(FuncState* fs, BlockCnt* bl);
  void close_func();

  // ---- grammar ----
  bool block_follow(bool withuntil);
  void statlist();
  void fieldsel(ExpDesc* v);
  void yindex(ExpDesc* v);
  void recfield(ConsControl* cc);
  void closelistfield(FuncState* fs, ConsControl* cc);
  void lastlistfield(FuncState* fs, ConsControl* cc);
  void listfield(ConsControl* cc);
  void field(ConsControl* cc);
  void constructor(ExpDesc* t);
  void setvararg(FuncState* fs, int nparams);
  void parlist();
  void body(ExpDesc* e, bool ismethod, int line);
  int explist(ExpDesc* v);
  void funcargs(ExpDesc* f, int line);
  void primaryexp(ExpDesc* v);
  void suffixedexp(ExpDesc* v);
  void simpleexp(ExpDesc* v);
  BinOpr subexpr(ExpDesc* v, int limit);
  void expr(ExpDesc* v) { subexpr(v, 0); }
  void block();
  void check_conflict(LhsAssign* lh, ExpDesc* v);
  void restassign(LhsAssign* lh, int nvars);
  int cond();
  void gotostat();
  void breakstat();
  void checkrepeated(String* name);
  void labelstat(String* name, int line);
  void whilestat(int line);
  void repeatstat(int line);
  void exp1();
  void fixforjump(FuncState* fs, int pc, int dest, bool back);
  void forbody(int base, int line, int nvars, bool isgen);
  void fornum(String* varname, int line);
  void forlist(String* indexname);
  void forstat(int line);
  void test_then_block(int* escapelist);
  void ifstat(int line);
  void localfunc();
  int getlocalattribute();
  void checktoclose(FuncState* fs, int level);
  void localstat();
  bool funcname(ExpDesc* v);
  void funcstat(int line);
  void exprstat();
  void retstat();
  void statement();

  Lexer* ls_;
};

// ======================================================================
// Variables
// ======================================================================

int Parser::registerlocalvar(FuncState* fs, String* varname) {
  fs->locvars.push_back(vm::LocVar{varname, fs->pc(), 0});
  return static_cast<int>(fs->locvars.size()) - 1;
}

int Parser::new_localvar(String* name) {
  FuncState* fs = ls_->fs;
  Dyndata& dyd = ls_->dyd;
  checklimit(fs, static_cast<int>(dyd.actvar.size()) + 1 - fs->firstlocal, kMaxVars,
             "local variables");
  Vardesc var{};
  var.k = vm::Value::nil();
  var.kind = vm::kVarRegular;
  var.name = name;
  dyd.actvar.push_back(var);
  return static_cast<int>(dyd.actvar.size()) - 1 - fs->firstlocal;
}

// Registers used by the variables below compiler level `nvar` (constants take none).
int Parser::reglevel(FuncState* fs, int nvar) {
  while (nvar-- > 0) {
    Vardesc* vd = getlocalvardesc(fs, nvar);
    if (vd->kind != vm::kVarCompileConst) return vd->ridx + 1;
  }
  return 0;
}

vm::LocVar* Parser::localdebuginfo(FuncState* fs, int vidx) {
  Vardesc* vd = getlocalvardesc(fs, vidx);
  if (vd->kind == vm::kVarCompileConst) return nullptr;  // constants have no debug info
  return &fs->locvars[vd->pidx];
}

void Parser::init_var(FuncState* fs, ExpDesc* e, int vidx) {
  *e = ExpDesc();
  e->k = ExpKind::kLocal;
  e->var_vidx = vidx;
  e->var_ridx = getlocalvardesc(fs, vidx)->ridx;
}

void Parser::check_readonly(ExpDesc* e) {
  FuncState* fs = ls_->fs;
  String* varname = nullptr;
  switch (e->k) {
    case ExpKind::kConst:
      varname = ls_->dyd.actvar[e->info].name;
      break;
    case ExpKind::kLocal: {
      Vardesc* vardesc = getlocalvardesc(fs, e->var_vidx);
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
  if (varname) ls_->semantic_error("attempt to assign to const variable '" + str(varname) + "'");
}

// Start the scope of the last `nvars` variables created.
void Parser::adjustlocalvars(int nvars) {
  FuncState* fs = ls_->fs;
  int level = nvarstack(fs);
  for (int i = 0; i < nvars; i++) {
    int vidx = fs->nactvar++;
    Vardesc* var = getlocalvardesc(fs, vidx);
    var->ridx = static_cast<uint8_t>(level++);
    var->pidx = static_cast<int16_t>(registerlocalvar(fs, var->name));
  }
}

int Parser::searchupvalue(FuncState* fs, String* name) {
  for (int i = 0; i < fs->nups(); i++)
    if (fs->upvalues[i].name == name) return i;
  return -1;
}

vm::UpvalDesc* Parser::allocupvalue(FuncState* fs) {
  checklimit(fs, fs->nups() + 1, kMaxUpval, "upvalues");
  fs->upvalues.push_back(vm::UpvalDesc{nullptr, 0, 0, 0});
  return &fs->upvalues.back();
}

int Parser::newupvalue(FuncState* fs, String* name, ExpDesc* v) {
  vm::UpvalDesc* up = allocupvalue(fs);
  FuncState* prev = fs->prev;
  if (v->k == ExpKind::kLocal) {
    up->instack = 1;
    up->idx = static_cast<uint8_t>(v->var_ridx);
    up->kind = getlocalvardesc(prev, v->var_vidx)->kind;
  } else {
    up->instack = 0;
    up->idx = static_cast<uint8_t>(v->info);
    up->kind = prev->upvalues[v->info].kind;
  }
  up->name = name;
  return fs->nups() - 1;
}

int Parser::searchvar(FuncState* fs, String* n, ExpDesc* var) {
  for (int i = fs->nactvar - 1; i >= 0; i--) {
    Vardesc* vd = getlocalvardesc(fs, i);
    if (n == vd->name) {
      if (vd->kind == vm::kVarCompileConst)
        init_exp(var, ExpKind::kConst, fs->firstlocal + i);
      else
        init_var(fs, var, i);
      return static_cast<int>(var->k);
    }
  }
  return -1;
}

// Mark the block where the variable at `level` was defined (to emit CLOSE later).
void Parser::markupval(FuncState* fs, int level) {
  BlockCnt* bl = fs->bl;
  while (bl->nactvar > level) bl = bl->previous;
  bl->upval = true;
  fs->needclose = true;
}

void Parser::marktobeclosed(FuncState* fs) {
  BlockCnt* bl = fs->bl;
  bl->upval = true;
  bl->insidetbc = true;
  fs->needclose = true;
}

// Find variable `n`; an upvalue is added to every function in between. A global leaves
// `var` as kVoid.
void Parser::singlevaraux(FuncState* fs, String* n, ExpDesc* var, bool base) {
  if (fs == nullptr) {
    init_exp(var, ExpKind::kVoid, 0);
    return;
  }
  int v = searchvar(fs, n, var);
  if (v >= 0) {
    if (v == static_cast<int>(ExpKind::kLocal) && !base) markupval(fs, var->var_vidx);
  } else {
    int idx = searchupvalue(fs, n);
    if (idx < 0) {
      singlevaraux(fs->prev, n, var, false);
      if (var->k == ExpKind::kLocal || var->k == ExpKind::kUpval)
        idx = newupvalue(fs, n, var);
      else
        return;  // a global or a constant
    }
    init_exp(var, ExpKind::kUpval, idx);
  }
}

void Parser::singlevar(ExpDesc* var) {
  String* varname = str_checkname();
  FuncState* fs = ls_->fs;
  singlevaraux(fs, varname, var, true);
  if (var->k == ExpKind::kVoid) {  // global: _ENV[varname]
    ExpDesc key;
    singlevaraux(fs, ls_->envn, var, true);
    code::exp2anyregup(fs, var);  // _ENV could be a constant
    codestring(&key, varname);
    code::indexed(fs, var, &key);
  }
}

// Adjust the values of an expression list of `nexps` to `nvars` variables.
void Parser::adjust_assign(int nvars, int nexps, ExpDesc* e) {
  FuncState* fs = ls_->fs;
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

// ======================================================================
// Gotos, labels and blocks
// ======================================================================

void Parser::jumpscopeerror(Labeldesc* gt) {
  String* varname = getlocalvardesc(ls_->fs, gt->nactvar)->name;
  ls_->semantic_error("<goto " + str(gt->name) + "> at line " + std::to_string(gt->line) +
                      " jumps into the scope of local '" + str(varname) + "'");
}

void Parser::solvegoto(int g, Labeldesc* label) {
  auto& gl = ls_->dyd.gt;
  Labeldesc* gt = &gl[g];
  if (gt->nactvar < label->nactvar) jumpscopeerror(gt);
  code::patchlist(ls_->fs, gt->pc, label->pc);
  gl.erase(gl.begin() + g);
}

Labeldesc* Parser::findlabel(String* name) {
  auto& labels = ls_->dyd.label;
  for (size_t i = static_cast<size_t>(ls_->fs->firstlabel); i < labels.size(); i++)
    if (labels[i].name == name) return &labels[i];
  return nullptr;
}

int Parser::newlabelentry(std::vector<Labeldesc>& l, String* name, int line, int pc) {
  l.push_back(Labeldesc{name, pc, line, static_cast<uint8_t>(ls_->fs->nactvar), 0});
  return static_cast<int>(l.size()) - 1;
}

// Solve the pending gotos of the current block that match label `lb`; returns whether any of
// them needs to close upvalues.
bool Parser::solvegotos(Labeldesc* lb) {
  auto& gl = ls_->dyd.gt;
  size_t i = static_cast<size_t>(ls_->fs->bl->firstgoto);
  bool needsclose = false;
  while (i < gl.size()) {
    if (gl[i].name == lb->name) {
      needsclose |= gl[i].close != 0;
      solvegoto(static_cast<int>(i), lb);
    } else {
      i++;
    }
  }
  return needsclose;
}

bool Parser::createlabel(String* name, int line, bool last) {
  FuncState* fs = ls_->fs;
  auto& ll = ls_->dyd.label;
  int l = newlabelentry(ll, name, line, code::getlabel(fs));
  if (last) ll[l].nactvar = fs->bl->nactvar;  // locals are already out of scope
  Labeldesc lb = ll[l];
  if (solvegotos(&lb)) {
    code::abck(fs, OpCode::CLOSE, nvarstack(fs), 0, 0);
    return true;
  }
  return false;
}

void Parser::movegotosout(FuncState* fs, BlockCnt* bl) {
  auto& gl = ls_->dyd.gt;
  for (size_t i = static_cast<size_t>(bl->firstgoto); i < gl.size(); i++) {
    Labeldesc* gt = &gl[i];
    if (reglevel(fs, gt->nactvar) > reglevel(fs, bl->nactvar)) gt->close |= bl->upval;
    gt->nactvar = bl->nactvar;
  }
}

void Parser::enterblock(FuncState* fs, BlockCnt* bl, bool isloop) {
  bl->isloop = isloop;
  bl->nactvar = static_cast<uint8_t>(fs->nactvar);
  bl->firstlabel = static_cast<int>(ls_->dyd.label.size());
  bl->firstgoto = static_cast<int>(ls_->dyd.gt.size());
  bl->upval = false;
  bl->insidetbc = fs->bl != nullptr && fs->bl->insidetbc;
  bl->previous = fs->bl;
  fs->bl = bl;
}

void Parser::undefgoto(Labeldesc* gt) {
  if (gt->name == ls_->break_name)
    ls_->semantic_error("break outside loop at line " + std::to_string(gt->line));
  ls_->semantic_error("no visible label '" + str(gt->name) + "' for <goto> at line " +
                      std::to_string(gt->line));
}

void Parser::leaveblock(FuncState* fs) {
  BlockCnt* bl = fs->bl;
  bool hasclose = false;
  int stklevel = reglevel(fs, bl->nactvar);                           // level outside the block
  if (bl->isloop) hasclose = createlabel(ls_->break_name, 0, false);  // pending breaks
  if (!hasclose && bl->previous && bl->upval) code::abck(fs, OpCode::CLOSE, stklevel, 0, 0);
  fs->bl = bl->previous;
  // Close the debug scope of the block's variables (Lua's removevars).
  while (fs->nactvar > bl->nactvar) {
    vm::LocVar* var = localdebuginfo(fs, fs->nactvar - 1);
    if (var) var->endpc = fs->pc();
    fs->nactvar--;
    ls_->dyd.actvar.pop_back();
  }
  fs->freereg = stklevel;
  ls_->dyd.label.resize(static_cast<size_t>(bl->firstlabel));  // remove local labels
  if (bl->previous) {
    movegotosout(fs, bl);
  } else if (static_cast<size_t>(bl->firstgoto) < ls_->dyd.gt.size()) {
    undefgoto(&ls_->dyd.gt[bl->firstgoto]);
  }
}

// ======================================================================
// Functions
// ======================================================================

vm::Proto* Parser::new_proto() {
  auto* p = vm::new_object<vm::Proto>(ls_->L, vm::kVProto);
  p->numparams = 0;
  p->is_vararg = 0;
  p->maxstacksize = 0;
  p->sizeupvalues = p->sizek = p->sizecode = p->sizep = p->sizelocvars = 0;
  p->linedefined = p->lastlinedefined = 0;
  p->k = nullptr;
  p->code = nullptr;
  p->p = nullptr;
  p->upvalues = nullptr;
  p->lineinfo = nullptr;
  p->locvars = nullptr;
  p->source = ls_->source;
  ls_->anchor(p);
  return p;
}

void Parser::addprototype(FuncState* child) {
  FuncState* fs = ls_->fs;
  if (fs->p.size() >= static_cast<size_t>(vm::kMaxArgBx))
    errorlimit(fs, vm::kMaxArgBx, "functions");
  child->f = new_proto();
  fs->p.push_back(child->f);
}

// CLOSURE goes in the last available register of the enclosing function.
void Parser::codeclosure(ExpDesc* v) {
  FuncState* fs = ls_->fs->prev;
  init_exp(v, ExpKind::kReloc,
           code::abx(fs, OpCode::CLOSURE, 0, static_cast<unsigned>(fs->p.size() - 1)));
  code::exp2nextreg(fs, v);
}

void Parser::open_func(FuncState* fs, BlockCnt* bl) {
  fs->prev = ls_->fs;
  fs->ls = ls_;
  ls_->fs = fs;
  fs->firstlocal = static_cast<int>(ls_->dyd.actvar.size());
  fs->firstlabel = static_cast<int>(ls_->dyd.label.size());
  fs->bl = nullptr;
  enterblock(fs, bl, false);
}

template <typename T>
T* copy_payload(vm::Thread* L, const std::vector<T>& v) {
  if (v.empty()) return nullptr;
  auto* out = static_cast<T*>(vm::alloc_payload(L, sizeof(T) * v.size()));
  std::memcpy(static_cast<void*>(out), v.data(), sizeof(T) * v.size());
  return out;
}

void Parser::close_func() {
  vm::Thread* L = ls_->L;
  FuncState* fs = ls_->fs;
  code::ret(fs, nvarstack(fs), 0);  // final return
  leaveblock(fs);
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
  f->source = ls_->source;
  ls_->fs = fs->prev;
}

// ======================================================================
// Grammar rules
// ======================================================================

// Whether the current token ends a block. 'until' ends a statement list but not the scope.
bool Parser::block_follow(bool withuntil) {
  switch (ls_->t.token) {
    case kTkElse:
    case kTkElseif:
    case kTkEnd:
    case kTkEos:
      return true;
    case kTkUntil:
      return withuntil;
    default:
      return false;
  }
}

void Parser::statlist() {
  while (!block_follow(true)) {
    if (ls_->t.token == kTkReturn) {
      statement();
      return;  // 'return' must be the last statement
    }
    statement();
  }
}

void Parser::fieldsel(ExpDesc* v) {
  FuncState* fs = ls_->fs;
  ExpDesc key;
  code::exp2anyregup(fs, v);
  ls_->next();  // skip the dot or colon
  codename(&key);
  code::indexed(fs, v, &key);
}

void Parser::yindex(ExpDesc* v) {
  ls_->next();  // skip the '['
  expr(v);
  code::exp2val(ls_->fs, v);
  checknext(']');
}

void Parser::recfield(ConsControl* cc) {
  FuncState* fs = ls_->fs;
  int reg = fs->freereg;
  ExpDesc tab, key, val;
  if (ls_->t.token == kTkName) {
    checklimit(fs, cc->nh, 0x7fffffff, "items in a constructor");
    codename(&key);
  } else {
    yindex(&key);
  }
  cc->nh++;
  checknext('=');
  tab = *cc->t;
  code::indexed(fs, &tab, &key);
  expr(&val);
  code::storevar(fs, &tab, &val);
  fs->freereg = reg;
}

void Parser::closelistfield(FuncState* fs, ConsControl* cc) {
  if (cc->v.k == ExpKind::kVoid) return;
  code::exp2nextreg(fs, &cc->v);
  cc->v.k = ExpKind::kVoid;
  if (cc->tostore == vm::kFieldsPerFlush) {
    code::setlist(fs, cc->t->info, cc->na, cc->tostore);
    cc->na += cc->tostore;
    cc->tostore = 0;
  }
}

void Parser::lastlistfield(FuncState* fs, ConsControl* cc) {
  if (cc->tostore == 0) return;
  if (has_multret(cc->v.k)) {
    code::setmultret(fs, &cc->v);
    code::setlist(fs, cc->t->info, cc->na, vm::kMultRet);
    cc->na--;  // do not count the last expression (unknown number of elements)
  } else {
    if (cc->v.k != ExpKind::kVoid) code::exp2nextreg(fs, &cc->v);
    code::setlist(fs, cc->t->info, cc->na, cc->tostore);
  }
  cc->na += cc->tostore;
}

void Parser::listfield(ConsControl* cc) {
  expr(&cc->v);
  cc->tostore++;
}

void Parser::field(ConsControl* cc) {
  switch (ls_->t.token) {
    case kTkName:
      if (ls_->lookahead() != '=')
        listfield(cc);
      else
        recfield(cc);
      break;
    case '[':
      recfield(cc);
      break;
    default:
      listfield(cc);
      break;
  }
}

void Parser::constructor(ExpDesc* t) {
  FuncState* fs = ls_->fs;
  int line = ls_->linenumber;
  int pc = code::abck(fs, OpCode::NEWTABLE, 0, 0, 0);
  ConsControl cc;
  code::emit(fs, 0);  // space for the extra argument
  cc.na = cc.nh = cc.tostore = 0;
  cc.t = t;
  init_exp(t, ExpKind::kNonReloc, fs->freereg);  // the table goes at the stack top
  code::reserveregs(fs, 1);
  init_exp(&cc.v, ExpKind::kVoid, 0);
  checknext('{');
  do {
    if (ls_->t.token == '}') break;
    closelistfield(fs, &cc);
    field(&cc);
  } while (testnext(',') || testnext(';'));
  check_match('}', '{', line);
  lastlistfield(fs, &cc);
  code::settablesize(fs, pc, t->info, cc.na, cc.nh);
}

void Parser::setvararg(FuncState* fs, int nparams) {
  fs->is_vararg = true;
  code::abck(fs, OpCode::VARARGPREP, nparams, 0, 0);
}

void Parser::parlist() {
  FuncState* fs = ls_->fs;
  int nparams = 0;
  bool isvararg = false;
  if (ls_->t.token != ')') {
    do {
      switch (ls_->t.token) {
        case kTkName:
          new_localvar(str_checkname());
          nparams++;
          break;
        case kTkDots:
          ls_->next();
          isvararg = true;
          break;
        default:
          ls_->syntax_error("<name> or '...' expected");
      }
    } while (!isvararg && testnext(','));
  }
  adjustlocalvars(nparams);
  fs->numparams = fs->nactvar;
  if (isvararg) setvararg(fs, fs->numparams);
  code::reserveregs(fs, fs->nactvar);
}

void Parser::body(ExpDesc* e, bool ismethod, int line) {
  FuncState new_fs;
  BlockCnt bl;
  addprototype(&new_fs);
  new_fs.linedefined = line;
  open_func(&new_fs, &bl);
  checknext('(');
  if (ismethod) {
    new_localvarliteral("self");
    adjustlocalvars(1);
  }
  parlist();
  checknext(')');
  statlist();
  new_fs.lastlinedefined = ls_->linenumber;
  check_match(kTkEnd, kTkFunction, line);
  codeclosure(e);
  close_func();
}

int Parser::explist(ExpDesc* v) {
  int n = 1;
  expr(v);
  while (testnext(',')) {
    code::exp2nextreg(ls_->fs, v);
    expr(v);
    n++;
  }
  return n;
}

void Parser::funcargs(ExpDesc* f, int line) {
  FuncState* fs = ls_->fs;
  ExpDesc args;
  int nparams;
  switch (ls_->t.token) {
    case '(':
      ls_->next();
      if (ls_->t.token == ')') {
        args.k = ExpKind::kVoid;
      } else {
        explist(&args);
        if (has_multret(args.k)) code::setmultret(fs, &args);
      }
      check_match(')', '(', line);
      break;
    case '{':
      constructor(&args);
      break;
    case kTkString:
      codestring(&args, ls_->t.seminfo.ts);
      ls_->next();
      break;
    default:
      ls_->syntax_error("function arguments expected");
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

void Parser::primaryexp(ExpDesc* v) {
  switch (ls_->t.token) {
    case '(': {
      int line = ls_->linenumber;
      ls_->next();
      expr(v);
      check_match(')', '(', line);
      code::dischargevars(ls_->fs, v);
      return;
    }
    case kTkName:
      singlevar(v);
      return;
    default:
      ls_->syntax_error("unexpected symbol");
  }
}

void Parser::suffixedexp(ExpDesc* v) {
  FuncState* fs = ls_->fs;
  int line = ls_->linenumber;
  primaryexp(v);
  for (;;) {
    switch (ls_->t.token) {
      case '.':
        fieldsel(v);
        break;
      case '[': {
        ExpDesc key;
        code::exp2anyregup(fs, v);
        yindex(&key);
        code::indexed(fs, v, &key);
        break;
      }
      case ':': {
        ExpDesc key;
        ls_->next();
        codename(&key);
        code::self(fs, v, &key);
        funcargs(v, line);
        break;
      }
      case '(':
      case kTkString:
      case '{':
        code::exp2nextreg(fs, v);
        funcargs(v, line);
        break;
      default:
        return;
    }
  }
}

void Parser::simpleexp(ExpDesc* v) {
  switch (ls_->t.token) {
    case kTkFlt:
      init_exp(v, ExpKind::kKFlt, 0);
      v->nval = ls_->t.seminfo.r;
      break;
    case kTkInt:
      init_exp(v, ExpKind::kKInt, 0);
      v->ival = ls_->t.seminfo.i;
      break;
    case kTkString:
      codestring(v, ls_->t.seminfo.ts);
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
      FuncState* fs = ls_->fs;
      check_condition(fs->is_vararg, "cannot use '...' outside a vararg function");
      init_exp(v, ExpKind::kVararg, code::abck(fs, OpCode::VARARG, 0, 0, 1));
      break;
    }
    case '{':
      constructor(v);
      return;
    case kTkFunction:
      ls_->next();
      body(v, false, ls_->linenumber);
      return;
    default:
      suffixedexp(v);
      return;
  }
  ls_->next();
}

UnOpr getunopr(int op) {
  switch (op) {
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

BinOpr getbinopr(int op) {
  switch (op) {
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

// Left and right priorities of the binary operators, ORDER OPR.
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

// subexpr -> (simpleexp | unop subexpr) { binop subexpr }, for binary operators whose
// priority is above `limit`.
BinOpr Parser::subexpr(ExpDesc* v, int limit) {
  enterlevel();
  UnOpr uop = getunopr(ls_->t.token);
  if (uop != kOprNoUnOpr) {
    int line = ls_->linenumber;
    ls_->next();
    subexpr(v, kUnaryPriority);
    code::prefix(ls_->fs, uop, v, line);
  } else {
    simpleexp(v);
  }
  BinOpr op = getbinopr(ls_->t.token);
  while (op != kOprNoBinOpr && kPriority[op].left > limit) {
    ExpDesc v2;
    int line = ls_->linenumber;
    ls_->next();
    code::infix(ls_->fs, op, v);
    BinOpr nextop = subexpr(&v2, kPriority[op].right);
    code::posfix(ls_->fs, op, v, &v2, line);
    op = nextop;
  }
  leavelevel();
  return op;
}

void Parser::block() {
  FuncState* fs = ls_->fs;
  BlockCnt bl;
  enterblock(fs, &bl, false);
  statlist();
  leaveblock(fs);
}

// In a multiple assignment, a local or upvalue assigned here may be the table or key of an
// earlier indexed target: that target must use a copy of the old value.
void Parser::check_conflict(LhsAssign* lh, ExpDesc* v) {
  FuncState* fs = ls_->fs;
  int extra = fs->freereg;  // where to save the local variable
  bool conflict = false;
  for (; lh; lh = lh->prev) {
    if (!is_indexed(lh->v.k)) continue;
    if (lh->v.k == ExpKind::kIndexUp) {
      if (v->k == ExpKind::kUpval && lh->v.ind_t == v->info) {
        conflict = true;
        lh->v.k = ExpKind::kIndexStr;
        lh->v.ind_t = extra;
      }
    } else {
      if (v->k == ExpKind::kLocal && lh->v.ind_t == v->var_ridx) {
        conflict = true;
        lh->v.ind_t = extra;
      }
      if (lh->v.k == ExpKind::kIndexed && v->k == ExpKind::kLocal && lh->v.ind_idx == v->var_ridx) {
        conflict = true;
        lh->v.ind_idx = extra;
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

void Parser::restassign(LhsAssign* lh, int nvars) {
  ExpDesc e;
  check_condition(is_var(lh->v.k), "syntax error");
  check_readonly(&lh->v);
  if (testnext(',')) {
    LhsAssign nv;
    nv.prev = lh;
    suffixedexp(&nv.v);
    if (!is_indexed(nv.v.k)) check_conflict(lh, &nv.v);
    enterlevel();
    restassign(&nv, nvars + 1);
    leavelevel();
  } else {
    checknext('=');
    int nexps = explist(&e);
    if (nexps != nvars) {
      adjust_assign(nvars, nexps, &e);
    } else {
      code::setoneret(ls_->fs, &e);
      code::storevar(ls_->fs, &lh->v, &e);
      return;
    }
  }
  init_exp(&e, ExpKind::kNonReloc, ls_->fs->freereg - 1);  // default assignment
  code::storevar(ls_->fs, &lh->v, &e);
}

int Parser::cond() {
  ExpDesc v;
  expr(&v);
  if (v.k == ExpKind::kNil) v.k = ExpKind::kFalse;  // all 'falses' are equal here
  code::goiftrue(ls_->fs, &v);
  return v.f;
}

void Parser::gotostat() {
  FuncState* fs = ls_->fs;
  int line = ls_->linenumber;
  String* name = str_checkname();
  Labeldesc* lb = findlabel(name);
  if (lb == nullptr) {  // forward jump: resolved when the label is declared
    newgotoentry(name, line, code::jump(fs));
  } else {  // backward jump: resolved here
    int lblevel = reglevel(fs, lb->nactvar);
    int lbpc = lb->pc;
    if (nvarstack(fs) > lblevel) code::abck(fs, OpCode::CLOSE, lblevel, 0, 0);
    code::patchlist(fs, code::jump(fs), lbpc);
  }
}

void Parser::breakstat() {
  int line = ls_->linenumber;
  ls_->next();
  newgotoentry(ls_->break_name, line, code::jump(ls_->fs));
}

void Parser::checkrepeated(String* name) {
  Labeldesc* lb = findlabel(name);
  if (lb != nullptr)
    ls_->semantic_error("label '" + str(name) + "' already defined on line " +
                        std::to_string(lb->line));
}

void Parser::labelstat(String* name, int line) {
  checknext(kTkDbColon);
  while (ls_->t.token == ';' || ls_->t.token == kTkDbColon) statement();  // skip no-ops
  checkrepeated(name);
  createlabel(name, line, block_follow(false));
}

void Parser::whilestat(int line) {
  FuncState* fs = ls_->fs;
  BlockCnt bl;
  ls_->next();
  int whileinit = code::getlabel(fs);
  int condexit = cond();
  enterblock(fs, &bl, true);
  checknext(kTkDo);
  block();
  code::jumpto(fs, whileinit);
  check_match(kTkEnd, kTkWhile, line);
  leaveblock(fs);
  code::patchtohere(fs, condexit);  // false conditions finish the loop
}

void Parser::repeatstat(int line) {
  FuncState* fs = ls_->fs;
  int repeat_init = code::getlabel(fs);
  BlockCnt bl1, bl2;
  enterblock(fs, &bl1, true);   // loop block
  enterblock(fs, &bl2, false);  // scope block
  ls_->next();
  statlist();
  check_match(kTkUntil, kTkRepeat, line);
  int condexit = cond();  // read the condition (inside the scope block)
  leaveblock(fs);
  if (bl2.upval) {              // upvalues: the repetition must close them
    int exit = code::jump(fs);  // normal exit jumps over the fix
    code::patchtohere(fs, condexit);
    code::abck(fs, OpCode::CLOSE, reglevel(fs, bl2.nactvar), 0, 0);
    condexit = code::jump(fs);
    code::patchtohere(fs, exit);
  }
  code::patchlist(fs, condexit, repeat_init);
  leaveblock(fs);
}

void Parser::exp1() {
  ExpDesc e;
  expr(&e);
  code::exp2nextreg(ls_->fs, &e);
}

void Parser::fixforjump(FuncState* fs, int pc, int dest, bool back) {
  Instruction* jmp = &fs->code[pc];
  int offset = dest - (pc + 1);
  if (back) offset = -offset;
  if (offset > vm::kMaxArgBx) ls_->syntax_error("control structure too long");
  vm::setarg_bx(*jmp, offset);
}

void Parser::forbody(int base, int line, int nvars, bool isgen) {
  BlockCnt bl;
  FuncState* fs = ls_->fs;
  checknext(kTkDo);
  int prep = code::abx(fs, isgen ? OpCode::TFORPREP : OpCode::FORPREP, base, 0);
  enterblock(fs, &bl, false);  // scope of the declared variables
  adjustlocalvars(nvars);
  code::reserveregs(fs, nvars);
  block();
  leaveblock(fs);
  fixforjump(fs, prep, code::getlabel(fs), false);
  if (isgen) {
    code::abck(fs, OpCode::TFORCALL, base, 0, nvars);
    code::fixline(fs, line);
  }
  int endfor = code::abx(fs, isgen ? OpCode::TFORLOOP : OpCode::FORLOOP, base, 0);
  fixforjump(fs, endfor, prep + 1, true);
  code::fixline(fs, line);
}

void Parser::fornum(String* varname, int line) {
  FuncState* fs = ls_->fs;
  int base = fs->freereg;
  new_localvarliteral("(for state)");
  new_localvarliteral("(for state)");
  new_localvarliteral("(for state)");
  new_localvar(varname);
  checknext('=');
  exp1();  // initial value
  checknext(',');
  exp1();  // limit
  if (testnext(',')) {
    exp1();  // optional step
  } else {
    code::int_to_reg(fs, fs->freereg, 1);  // default step 1
    code::reserveregs(fs, 1);
  }
  adjustlocalvars(3);  // control variables
  forbody(base, line, 1, false);
}

void Parser::forlist(String* indexname) {
  FuncState* fs = ls_->fs;
  ExpDesc e;
  int nvars = 5;  // generator, state, control, closing value, 'indexname'
  int base = fs->freereg;
  new_localvarliteral("(for state)");
  new_localvarliteral("(for state)");
  new_localvarliteral("(for state)");
  new_localvarliteral("(for state)");
  new_localvar(indexname);
  while (testnext(',')) {
    new_localvar(str_checkname());
    nvars++;
  }
  checknext(kTkIn);
  int line = ls_->linenumber;
  adjust_assign(4, explist(&e), &e);
  adjustlocalvars(4);       // control variables
  marktobeclosed(fs);       // the last control variable must be closed
  code::checkstack(fs, 3);  // extra space to call the generator
  forbody(base, line, nvars - 4, true);
}

void Parser::forstat(int line) {
  FuncState* fs = ls_->fs;
  BlockCnt bl;
  enterblock(fs, &bl, true);  // scope of the loop and control variables
  ls_->next();                // skip 'for'
  String* varname = str_checkname();
  switch (ls_->t.token) {
    case '=':
      fornum(varname, line);
      break;
    case ',':
    case kTkIn:
      forlist(varname);
      break;
    default:
      ls_->syntax_error("'=' or 'in' expected");
  }
  check_match(kTkEnd, kTkFor, line);
  leaveblock(fs);  // 'break' jumps here
}

void Parser::test_then_block(int* escapelist) {
  BlockCnt bl;
  FuncState* fs = ls_->fs;
  ExpDesc v;
  int jf;       // jump over the 'then' part when the condition is false
  ls_->next();  // skip IF or ELSEIF
  expr(&v);
  checknext(kTkThen);
  if (ls_->t.token == kTkBreak) {  // 'if x then break'
    int line = ls_->linenumber;
    code::goiffalse(fs, &v);  // jump if the condition is true
    ls_->next();              // skip 'break'
    enterblock(fs, &bl, false);
    newgotoentry(ls_->break_name, line, v.t);
    while (testnext(';')) {
    }
    if (block_follow(false)) {  // the jump is the whole block
      leaveblock(fs);
      return;
    }
    jf = code::jump(fs);
  } else {
    code::goiftrue(fs, &v);
    enterblock(fs, &bl, false);
    jf = v.f;
  }
  statlist();
  leaveblock(fs);
  if (ls_->t.token == kTkElse || ls_->t.token == kTkElseif)
    code::concat(fs, escapelist, code::jump(fs));
  code::patchtohere(fs, jf);
}

void Parser::ifstat(int line) {
  FuncState* fs = ls_->fs;
  int escapelist = kNoJump;
  test_then_block(&escapelist);
  while (ls_->t.token == kTkElseif) test_then_block(&escapelist);
  if (testnext(kTkElse)) block();
  check_match(kTkEnd, kTkIf, line);
  code::patchtohere(fs, escapelist);
}

void Parser::localfunc() {
  ExpDesc b;
  FuncState* fs = ls_->fs;
  int fvar = fs->nactvar;
  new_localvar(str_checkname());
  adjustlocalvars(1);
  body(&b, false, ls_->linenumber);
  // debug information only sees the variable after this point
  localdebuginfo(fs, fvar)->startpc = fs->pc();
}

int Parser::getlocalattribute() {
  if (testnext('<')) {
    String* attr = str_checkname();
    checknext('>');
    if (std::strcmp(attr->data(), "const") == 0) return vm::kVarConst;
    if (std::strcmp(attr->data(), "close") == 0) return vm::kVarToClose;
    ls_->semantic_error("unknown attribute '" + str(attr) + "'");
  }
  return vm::kVarRegular;
}

void Parser::checktoclose(FuncState* fs, int level) {
  if (level != -1) {
    marktobeclosed(fs);
    code::abck(fs, OpCode::TBC, reglevel(fs, level), 0, 0);
  }
}

void Parser::localstat() {
  FuncState* fs = ls_->fs;
  int toclose = -1;
  int vidx;
  int nvars = 0;
  int nexps;
  ExpDesc e;
  do {
    vidx = new_localvar(str_checkname());
    int kind = getlocalattribute();
    getlocalvardesc(fs, vidx)->kind = static_cast<uint8_t>(kind);
    if (kind == vm::kVarToClose) {
      if (toclose != -1) ls_->semantic_error("multiple to-be-closed variables in local list");
      toclose = fs->nactvar + nvars;
    }
    nvars++;
  } while (testnext(','));
  if (testnext('=')) {
    nexps = explist(&e);
  } else {
    e.k = ExpKind::kVoid;
    nexps = 0;
  }
  Vardesc* var = getlocalvardesc(fs, vidx);  // the last variable
  vm::Value kval;
  if (nvars == nexps && var->kind == vm::kVarConst && code::exp2const(fs, &e, &kval)) {
    var = getlocalvardesc(fs, vidx);
    var->k = kval;
    var->kind = vm::kVarCompileConst;  // a compile-time constant
    adjustlocalvars(nvars - 1);        // exclude the last variable
    fs->nactvar++;                     // but count it
  } else {
    adjust_assign(nvars, nexps, &e);
    adjustlocalvars(nvars);
  }
  checktoclose(fs, toclose);
}

bool Parser::funcname(ExpDesc* v) {
  bool ismethod = false;
  singlevar(v);
  while (ls_->t.token == '.') fieldsel(v);
  if (ls_->t.token == ':') {
    ismethod = true;
    fieldsel(v);
  }
  return ismethod;
}

void Parser::funcstat(int line) {
  ExpDesc v, b;
  ls_->next();  // skip FUNCTION
  bool ismethod = funcname(&v);
  body(&b, ismethod, line);
  check_readonly(&v);
  code::storevar(ls_->fs, &v, &b);
  code::fixline(ls_->fs, line);  // the definition "happens" in the first line
}

void Parser::exprstat() {
  FuncState* fs = ls_->fs;
  LhsAssign v;
  suffixedexp(&v.v);
  if (ls_->t.token == '=' || ls_->t.token == ',') {
    v.prev = nullptr;
    restassign(&v, 1);
  } else {  // a call statement
    check_condition(v.v.k == ExpKind::kCall, "syntax error");
    vm::setarg_c(code::getinstruction(fs, &v.v), 1);  // uses no results
  }
}

void Parser::retstat() {
  FuncState* fs = ls_->fs;
  ExpDesc e;
  int nret;
  int first = nvarstack(fs);  // first slot to be returned
  if (block_follow(true) || ls_->t.token == ';') {
    nret = 0;
  } else {
    nret = explist(&e);
    if (has_multret(e.k)) {
      code::setmultret(fs, &e);
      if (e.k == ExpKind::kCall && nret == 1 && !fs->bl->insidetbc)  // tail call
        vm::set_op(code::getinstruction(fs, &e), OpCode::TAILCALL);
      nret = vm::kMultRet;
    } else if (nret == 1) {
      first = code::exp2anyreg(fs, &e);  // can use the original slot
    } else {
      code::exp2nextreg(fs, &e);  // values must go to the top of the stack
    }
  }
  code::ret(fs, first, nret);
  testnext(';');
}

void Parser::statement() {
  int line = ls_->linenumber;
  enterlevel();
  switch (ls_->t.token) {
    case ';':
      ls_->next();
      break;
    case kTkIf:
      ifstat(line);
      break;
    case kTkWhile:
      whilestat(line);
      break;
    case kTkDo:
      ls_->next();
      block();
      check_match(kTkEnd, kTkDo, line);
      break;
    case kTkFor:
      forstat(line);
      break;
    case kTkRepeat:
      repeatstat(line);
      break;
    case kTkFunction:
      funcstat(line);
      break;
    case kTkLocal:
      ls_->next();
      if (testnext(kTkFunction))
        localfunc();
      else
        localstat();
      break;
    case kTkDbColon:
      ls_->next();
      labelstat(str_checkname(), line);
      break;
    case kTkReturn:
      ls_->next();
      retstat();
      break;
    case kTkBreak:
      breakstat();
      break;
    case kTkGoto:
      ls_->next();
      gotostat();
      break;
    default:
      exprstat();
      break;
  }
  ls_->fs->freereg = nvarstack(ls_->fs);  // free registers
  leavelevel();
}

// The main function: vararg, with upvalue 0 _ENV (a register of the loader, by convention).
vm::Proto* Parser::mainfunc() {
  FuncState fs;
  BlockCnt bl;
  fs.f = new_proto();
  open_func(&fs, &bl);
  setvararg(&fs, 0);
  vm::UpvalDesc* env = allocupvalue(&fs);
  env->instack = 1;
  env->idx = 0;
  env->kind = vm::kVarRegular;
  env->name = ls_->envn;
  ls_->next();  // read the first token
  statlist();
  check(kTkEos);
  close_func();
  return fs.f;
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

Vardesc* getlocalvardesc(FuncState* fs, int vidx) {
  return &fs->ls->dyd.actvar[static_cast<size_t>(fs->firstlocal + vidx)];
}

int nvarstack(FuncState* fs) {
  for (int nvar = fs->nactvar; nvar-- > 0;) {
    Vardesc* vd = getlocalvardesc(fs, nvar);
    if (vd->kind != vm::kVarCompileConst) return vd->ridx + 1;
  }
  return 0;
}

vm::Proto* compile(vm::Thread* L, std::string_view source, const char* chunkname) {
  CompileGuard guard(L);
  vm::String* name = vm::new_string(L, chunkname, std::strlen(chunkname));
  L->g->anchors.push_back(name);
  Lexer lexer(L, source, name);
  Parser parser(&lexer);
  return parser.mainfunc();
}

}  // namespace tycho::lang
