// libFuzzer harness: the interpreter and the collector on generated, well-formed programs.
//
// Random bytes are almost never a Lua program, so the fuzz input is not the source: it is the
// list of choices of a small grammar-based generator (class Gen) that always writes a program
// lua5.4 accepts. The generator types its variables (numbers n1-n3, strings s1 s2, tables
// t1-t3, functions f1 f2, anything a1 a2 and the globals G1 G2), so that most operations meet
// operands they accept and programs get past their first statements: locals and globals,
// tables with fields, arrays and metatables (every metamethod, weak modes, finalizers),
// closures and upvalues, loops with bounded counts, goto and break, pcall/xpcall/error,
// coroutines (yields from bodies, metamethods and pcall), to-be-closed variables, the string,
// table, math and utf8 libraries, string.dump and load, and collectgarbage in every mode.
//
// Every loop iteration and every function entry calls __tick(), which spends the harness's
// budget (fuzz_support.hpp); a quarter of the inputs also run under the count hook (the hooked
// instantiation of the interpreter). The heap is limited and verified after each program.
//
// An input that starts with "--" is run as Lua source instead, in a sandbox (is_source below):
// the seeds taken from tests/lua are such programs, and the dictionary (tests/fuzz/lua.dict)
// helps the fuzzer mutate them.
//
// TYCHO_FUZZ_PRINT=1 in the environment prints each generated program on stdout: run the
// harness on a reproducer with it to see the Lua program that crashed.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.hpp"

using namespace tycho;
using namespace tycho::fuzz;

namespace {

constexpr int64_t kTicks = 5000;  // loop iterations and function calls

enum class Ty { kAny, kNum, kStr, kTab, kFun };

const char* const kNumVars[] = {"n1", "n2", "n3"};
const char* const kStrVars[] = {"s1", "s2"};
const char* const kTabVars[] = {"t1", "t2", "t3"};
const char* const kFunVars[] = {"f1", "f2"};
const char* const kAnyVars[] = {"a1", "a2", "G1", "G2", "x", "y"};

const char* const kNumLits[] = {"0",
                                "1",
                                "2",
                                "3",
                                "7",
                                "10",
                                "100",
                                "255",
                                "256",
                                "1000",
                                "(-1)",
                                "(-2)",
                                "0x7fffffffffffffff",
                                "math.maxinteger",
                                "math.mininteger",
                                "9223372036854775807",
                                "9223372036854775808",
                                "(-9223372036854775808)",
                                "0.0",
                                "(-0.0)",
                                "0.5",
                                "1.5",
                                "(-2.5)",
                                "1e308",
                                "1e309",
                                "2^53",
                                "2^63",
                                "(0/0)",
                                "(1/0)",
                                "(-1/0)",
                                "3.0",
                                "0x10",
                                "0xA.8p1",
                                "1e-3",
                                ".5",
                                "5.",
                                "0xffffffffffffffff",
                                "math.pi",
                                "math.huge",
                                "2^31",
                                "(1<<62)"};
const char* const kStrLits[] = {"\"\"",
                                "\"a\"",
                                "\"hello\"",
                                "\"10\"",
                                "\"0x1F\"",
                                "\" 3.5 \"",
                                "\"1e2\"",
                                "\"x\\0y\"",
                                "\"\\65\\066\\x43\\u{44}\\u{7FF}\\u{10FFFF}\"",
                                "[[long\nstring]]",
                                "[==[a]]b]==]",
                                "\"%d %s\"",
                                "\"\\z\n   z\"",
                                "'single'",
                                "\"a,b,c\"",
                                "\"k=v, x=y\"",
                                "\"\\xff\\xfe\"",
                                "\"\\u{E9}t\\u{E9}\"",
                                "\"(nested (parens))\"",
                                "\"__index\"",
                                "\"x\"",
                                "\"y\"",
                                "\"n\"",
                                "\"-12\"",
                                "\"0x\"",
                                "\"inf\"",
                                "\"  \\t\\n\"",
                                "\"%\"",
                                "\"%%\"",
                                "\"\\\\\""};
const char* const kNames[] = {"x", "y", "n", "m", "name", "value", "a", "b"};
const char* const kPatterns[] = {"\"%a+\"",       "\"(%w+)=(%w+)\"", "\"%d*\"",   "\"^h\"",
                                 "\"o$\"",        "\".-\"",          "\"[%s,]\"", "\"%b()\"",
                                 "\"%f[%w]%w+\"", "\"(.)%1\"",       "\"()\"",    "\"[^a-z]\"",
                                 "\"\"",          "\"x*\"",          "\".\"",     "\"(h)(e)\"",
                                 "\"[%]]\"",      "\"%u\"",          "\"%x+\"",   "\"[\\0-\\31]\""};
const char* const kRepls[] = {"\"\"",     "\"%0\"", "\"%1\"", "\"<%0>\"",          "\"%%\"",
                              "\"%2%1\"", "\"x\"",  "\"%9\"", "{a = 1, x = \"X\"}"};
const char* const kFormats[] = {
    "\"%d\"",     "\"%5.2f\"",    "\"%s\"",    "\"%q\"",    "\"%x\"", "\"%g\"", "\"%a\"",
    "\"%-10s|\"", "\"%c\"",       "\"%i\"",    "\"%o\"",    "\"%e\"", "\"%%\"", "\"%10.3s\"",
    "\"%s=%d\"",  "\"%+.3g %X\"", "\"%099d\"", "\"%.99f\"", "\"%#x\""};
const char* const kPackFormats[] = {"\"i4\"",  "\"<i8\"", "\">I2\"",  "\"s1\"",      "\"z\"",
                                    "\"d\"",   "\"f\"",   "\"j\"",    "\"n\"",       "\"!4 i3 h\"",
                                    "\"c5\"",  "\"B\"",   "\"xXi4\"", "\"<!8 b d\"", "\"s\"",
                                    "\"i16\"", "\"=I1\""};
const char* const kMetaEvents[] = {
    "__index", "__newindex", "__call", "__add",       "__sub",  "__mul",  "__div",      "__mod",
    "__pow",   "__unm",      "__idiv", "__band",      "__bor",  "__bxor", "__shl",      "__shr",
    "__bnot",  "__concat",   "__len",  "__eq",        "__lt",   "__le",   "__tostring", "__close",
    "__gc",    "__mode",     "__name", "__metatable", "__pairs"};
const char* const kArith[] = {"+", "-", "*", "/", "//", "%", "^", "&", "|", "~", "<<", ">>"};
const char* const kCompare[] = {"==", "~=", "<", "<=", ">", ">="};
const char* const kNumFns[] = {"math.floor", "math.ceil", "math.abs", "math.tointeger",
                               "math.sqrt",  "math.exp",  "math.log", "math.sin"};
const char* const kNativeFns[] = {
    "type",         "tostring",     "rawequal",     "select",   "math.max",
    "string.upper", "table.unpack", "pcall",        "error",    "coroutine.yield",
    "next",         "rawlen",       "string.rep",   "tonumber", "coroutine.wrap",
    "assert",       "setmetatable", "getmetatable", "ipairs",   "string.format"};

// The tables answer method calls (t:name(...)) through their metatables: t2 with f2 for any
// key, t1 through t2 (its own fields x and y first), t3 with the key itself.
const char* const kPrelude =
    "local n1, n2, n3 = 0, 1.5, -7\n"
    "local s1, s2 = 'hello', 'a,b,c'\n"
    "local f1 = function(x, y, ...) __tick() return x end\n"
    "local f2 = function(x, y, ...) __tick() return y, ... end\n"
    "local t2 = setmetatable({}, {__index = function(t, k) __tick() return f2 end})\n"
    "local t1 = setmetatable({1, 2, 3, x = 1, y = 'y'}, {__index = t2})\n"
    "local t3 = setmetatable({}, {__index = function(t, k) __tick() return k end})\n"
    "local a1, a2 = nil, {}\n"
    "G1, G2 = 1, 'g'\n"
    "math.randomseed(7);\n";

constexpr int kMaxStmtDepth = 4;
constexpr int kMaxExprDepth = 4;
constexpr int kMaxFnDepth = 3;
constexpr size_t kMaxText = 24000;

class Gen {
 public:
  explicit Gen(Choices& in) : in_(in) { fns_.push_back({}); }

  std::string program() {
    std::string s = kPrelude;
    // Most statements of the main chunk run in a pcall, so that an error (most statements
    // meet one) ends the statement, not the program; one in eight stands bare, in the main
    // chunk's scope.
    for (int n = 0; n < 60 && more() && in_.byte() != 0; n++) {
      if (pick(8) != 0) {
        s += "pcall(function(...) " + stmt(0) + " end, ...);\n";
      } else {
        s += stmt(0) + ";\n";
      }
    }
    return s;
  }

 private:
  struct FnCtx {
    std::vector<std::string> labels;  // continue labels of the enclosing loops (not repeat)
    int loops = 0;
    bool coroutine = false;  // a coroutine body: yields are likely
  };

  Choices& in_;
  std::vector<FnCtx> fns_;
  std::vector<std::string> num_scope_;  // numeric loop variables in scope
  std::vector<std::string> any_scope_;  // generic loop variables, parameters in scope
  int fn_depth_ = 0;
  int next_id_ = 0;
  size_t text_ = 0;  // bytes generated so far (roughly)

  bool more() const { return text_ < kMaxText; }
  unsigned pick(unsigned n) { return in_.below(n); }
  template <size_t N>
  const char* pick(const char* const (&list)[N]) {
    return list[in_.below(N)];
  }
  std::string id() { return std::to_string(next_id_++); }
  std::string note(std::string s) {
    text_ += s.size();
    return s;
  }

  // ---- Expressions ----
  std::string small_int() { return std::to_string(static_cast<int>(in_.byte() % 12) - 2); }

  std::string num_leaf() {
    switch (pick(4)) {
      case 0:
        return pick(kNumLits);
      case 1:
        if (!num_scope_.empty()) return num_scope_[pick(static_cast<unsigned>(num_scope_.size()))];
        return pick(kNumVars);
      case 2:
        return pick(kNumVars);
      default: {
        int v = static_cast<int8_t>(in_.byte());
        return v < 0 ? "(" + std::to_string(v) + ")" : std::to_string(v);
      }
    }
  }
  std::string leaf(Ty t) {
    switch (t) {
      case Ty::kNum:
        return num_leaf();
      case Ty::kStr:
        return pick(2) ? pick(kStrVars) : pick(kStrLits);
      case Ty::kTab:
        return pick(4) ? pick(kTabVars) : "{}";
      case Ty::kFun:
        return pick(3) ? pick(kFunVars) : pick(kNativeFns);
      case Ty::kAny:
        switch (pick(9)) {
          case 0:
            return "nil";
          case 1:
            return pick(2) ? "true" : "false";
          case 2:
            if (!any_scope_.empty()) {
              return any_scope_[pick(static_cast<unsigned>(any_scope_.size()))];
            }
            return pick(kAnyVars);
          case 3:
            return pick(kAnyVars);
          case 4:
            return "...";
          default:
            return leaf(static_cast<Ty>(1 + pick(4)));
        }
    }
    return "nil";
  }

  // Parenthesized, so that it can stand as a prefix expression or an operand.
  std::string p(Ty t, int d) { return "(" + expr(t, d) + ")"; }

  std::string args(int d) {
    std::string s;
    unsigned n = pick(5);
    for (unsigned i = 0; i < n; i++) {
      if (i) s += ", ";
      s += expr(Ty::kAny, d);
    }
    if (pick(6) == 0) s += s.empty() ? "..." : ", ...";
    return s;
  }

  std::string comma_args(int d) {
    std::string a = args(d);
    return a.empty() ? a : ", " + a;
  }

  std::string expr(Ty t, int d) {
    // Deeper, a leaf is likelier: a nested expression has more places to fail in, and one
    // that fails ends its whole statement before the rest of it runs.
    if (d >= kMaxExprDepth || in_.empty() || static_cast<int>(pick(kMaxExprDepth)) < d) {
      return leaf(t);
    }
    d++;
    switch (t) {
      case Ty::kNum:
        switch (pick(12)) {
          case 0:
          case 1:
            return leaf(t);
          case 2:
          case 3:
            return p(t, d) + " " + pick(kArith) + " " + p(t, d);
          case 4:
            return std::string(pick(2) ? "-" : "~") + p(t, d);
          case 5:
            return "#" + p(pick(2) ? Ty::kStr : Ty::kTab, d);
          case 6:
            return std::string(pick(kNumFns)) + "(" + expr(t, d) + ")";
          case 7:
            return "math." + std::string(pick(2) ? "max" : "min") + "(" + expr(t, d) + ", " +
                   expr(t, d) + ")";
          case 8:
            return "select('#'" + comma_args(d) + ")";
          case 9:
            return "(string.byte(" + expr(Ty::kStr, d) + ", " + expr(t, d) + ") or 0)";
          case 10:
            return "(tonumber(" + expr(Ty::kStr, d) + ") or " + leaf(t) + ")";
          default:
            return "math.fmod(" + expr(t, d) + ", " + expr(t, d) + ")";
        }
      case Ty::kStr:
        switch (pick(14)) {
          case 0:
          case 1:
            return leaf(t);
          case 2:
          case 3:
            return p(pick(3) ? t : Ty::kNum, d) + " .. " + p(t, d);
          case 4:
            return "tostring(" + expr(Ty::kAny, d) + ")";
          case 5: {
            std::string s = "string.format(" + std::string(pick(kFormats));
            for (unsigned i = pick(3); i > 0; i--) s += ", " + expr(pick(2) ? Ty::kNum : t, d);
            return s + ")";
          }
          case 6:
            return p(t, d) + ":sub(" + expr(Ty::kNum, d) + ", " + expr(Ty::kNum, d) + ")";
          case 7:
            return p(t, d) + ":rep(" + small_int() + (pick(2) ? ", " + leaf(t) : "") + ")";
          case 8:
            return p(t, d) + (pick(2) ? ":upper()" : pick(2) ? ":lower()" : ":reverse()");
          case 9:
            return "string.char(" + std::to_string(in_.byte()) + ", " +
                   std::to_string(in_.byte() % 128) + ")";
          case 10:
            return "table.concat(" + expr(Ty::kTab, d) + ", " + leaf(t) + ")";
          case 11:
            return "(string.gsub(" + expr(t, d) + ", " + pick(kPatterns) + ", " + pick(kRepls) +
                   (pick(2) ? ", " + small_int() : "") + "))";
          case 12:
            return "utf8.char(" + std::to_string(in_.word() % 0x110000) + ", " +
                   std::to_string(in_.byte()) + ")";
          default:
            return "string.pack(" + std::string(pick(kPackFormats)) + ", " +
                   expr(pick(2) ? Ty::kNum : t, d) + ")";
        }
      case Ty::kTab:
        switch (pick(8)) {
          case 0:
          case 1:
            return leaf(t);
          case 2:
          case 3:
            return table_constructor(d);
          case 4:
            return "{...}";
          case 5:
            return "table.pack(" + args(d) + ")";
          case 6:
            return "setmetatable(" + expr(t, d) + ", " + metatable(d) + ")";
          default:
            return "{string.byte(" + expr(Ty::kStr, d) + ", 1, -1)}";
        }
      case Ty::kFun:
        switch (pick(6)) {
          case 0:
          case 1:
            return leaf(t);
          case 2:
          case 3:
            return function(d, false);
          case 4:
            return "coroutine.wrap(" + function(d, true) + ")";
          default:
            return "string.gmatch(" + expr(Ty::kStr, d) + ", " + pick(kPatterns) + ")";
        }
      case Ty::kAny:
        switch (pick(20)) {
          case 0:
          case 1:
            return leaf(t);
          case 2:
          case 3:
          case 4:
            return expr(static_cast<Ty>(1 + pick(4)), d);
          case 5:
            return p(Ty::kTab, d) + "[ " + key(d) + " ]";
          case 6:
            return p(Ty::kTab, d) + "." + pick(kNames);
          case 7:
          case 8:
            return p(Ty::kFun, d) + "(" + args(d) + ")";
          case 9:
            return p(Ty::kAny, d) + " " + pick(kCompare) + " " + p(Ty::kAny, d);
          case 10:
            return p(Ty::kAny, d) + (pick(2) ? " and " : " or ") + p(Ty::kAny, d);
          case 11:
            return "not " + p(Ty::kAny, d);
          case 12:
            return "pcall(" + expr(Ty::kFun, d) + comma_args(d) + ")";
          case 13:
            return "select(" + small_int() + comma_args(d) + ")";
          case 14:
            return "next(" + expr(Ty::kTab, d) + ")";
          case 15:
            return "rawget(" + expr(Ty::kTab, d) + ", " + key(d) + ")";
          case 16:
            return p(Ty::kAny, d) + " " + pick(kArith) + " " + p(Ty::kAny, d);
          case 17:
            return p(Ty::kTab, d) + ":" + pick(kNames) + "(" + args(d) + ")";
          case 18:
            return pick(2) ? "coroutine.isyieldable()" : "coroutine.running()";
          default:
            return "getmetatable(" + expr(Ty::kAny, d) + ")";
        }
    }
    return "nil";
  }

  std::string key(int d) {
    switch (pick(4)) {
      case 0:
        return expr(Ty::kNum, d);
      case 1:
        return pick(kStrLits);
      case 2:
        return small_int();
      default:
        return expr(Ty::kAny, d);
    }
  }

  std::string table_constructor(int d) {
    std::string s = "{";
    unsigned n = pick(6);
    for (unsigned i = 0; i < n; i++) {
      switch (pick(4)) {
        case 0:
          s += std::string(pick(kNames)) + " = " + expr(Ty::kAny, d);
          break;
        case 1:
          s += "[ " + key(d) + " ] = " + expr(Ty::kAny, d);
          break;
        default:
          s += expr(Ty::kAny, d);
          break;
      }
      s += ", ";
    }
    if (pick(5) == 0) s += pick(2) ? "..." : p(Ty::kFun, d) + "(" + args(d) + ")";
    return s + "}";
  }

  std::string metatable(int d) {
    std::string s = "{";
    unsigned n = 1 + pick(4);
    for (unsigned i = 0; i < n; i++) {
      std::string ev = pick(kMetaEvents);
      s += ev + " = ";
      if (ev == "__mode") {
        s += pick(3) == 0 ? "'k'" : pick(2) ? "'v'" : "'kv'";
      } else if (ev == "__name" || ev == "__metatable") {
        s += leaf(pick(2) ? Ty::kStr : Ty::kAny);
      } else if ((ev == "__index" || ev == "__newindex") && pick(2)) {
        s += expr(Ty::kTab, d + 1);
      } else {
        s += function(d + 1, false);
      }
      s += ", ";
    }
    return s + "}";
  }

  // function(x, y, ...) __tick() <block> return <values> end
  std::string function(int d, bool coroutine) {
    if (fn_depth_ >= kMaxFnDepth) return pick(kFunVars);
    fn_depth_++;
    fns_.push_back({});
    fns_.back().coroutine = coroutine;
    size_t num_mark = num_scope_.size(), any_mark = any_scope_.size();
    std::string s = "function(x, y, ...) __tick(); ";
    s += block(d / 2 + 1);
    s += " return " + (pick(3) ? expr(Ty::kAny, d) : args(d)) + " end";
    num_scope_.resize(num_mark);
    any_scope_.resize(any_mark);
    fns_.pop_back();
    fn_depth_--;
    return s;
  }

  // ---- Statements ----
  std::string block(int depth) {
    std::string s;
    for (int n = 0; n < 6 && more() && pick(3) != 0; n++) s += stmt(depth) + "; ";
    return s;
  }

  std::string var(Ty t) {
    switch (t) {
      case Ty::kNum:
        return pick(kNumVars);
      case Ty::kStr:
        return pick(kStrVars);
      case Ty::kTab:
        return pick(kTabVars);
      case Ty::kFun:
        return pick(kFunVars);
      default:
        return pick(kAnyVars);
    }
  }

  std::string loop_body(int depth, const std::string& label) {
    FnCtx& fn = fns_.back();
    fn.loops++;
    if (!label.empty()) fn.labels.push_back(label);
    std::string s = "__tick(); " + block(depth + 1);
    if (!label.empty()) {
      s += " ::" + label + "::";
      fns_.back().labels.pop_back();
    }
    fns_.back().loops--;
    return s;
  }

  std::string stmt(int depth) {
    bool nest = depth < kMaxStmtDepth && more();
    unsigned kind = pick(26);
    if (!nest && (kind >= 4 && kind <= 9)) kind = 0;
    std::string s;
    switch (kind) {
      case 0:
      case 1: {
        Ty t = static_cast<Ty>(pick(5));
        s = var(t) + " = " + expr(t, 0);
        break;
      }
      case 2: {
        Ty t = static_cast<Ty>(1 + pick(4));
        Ty u = static_cast<Ty>(1 + pick(4));
        s = "local " + var(t) + ", " + var(u) + " = " + expr(t, 0) + ", " + expr(u, 0);
        break;
      }
      case 3:
        s = p(Ty::kTab, 1) + (pick(2) ? "[ " + key(1) + " ]" : "." + std::string(pick(kNames))) +
            " = " + expr(Ty::kAny, 1);
        break;
      case 4:
        s = "if " + expr(Ty::kAny, 1) + " then " + block(depth + 1);
        if (pick(2)) s += " elseif " + expr(Ty::kAny, 1) + " then " + block(depth + 1);
        if (pick(2)) s += " else " + block(depth + 1);
        s += " end";
        break;
      case 5: {
        std::string i = "i" + id();
        std::string bounds;
        switch (pick(6)) {
          case 0:
            bounds = "math.maxinteger - " + small_int() + ", math.maxinteger";
            break;
          case 1:
            bounds = "math.mininteger + 2, math.mininteger, -1";
            break;
          case 2:
            bounds = expr(Ty::kNum, 2) + ", " + expr(Ty::kNum, 2);
            break;
          case 3:
            bounds = "1, 3, 0.5";
            break;
          case 4:
            bounds = small_int() + ", " + small_int() + ", " + (pick(8) ? small_int() : "0");
            break;
          default:
            bounds = "1, " + small_int();
            break;
        }
        std::string head = "for " + i + " = " + bounds + " do ";
        num_scope_.push_back(i);
        s = head + loop_body(depth, "c" + id()) + " end";
        num_scope_.pop_back();
        break;
      }
      case 6: {
        std::string k = "k" + id(), v = "v" + id();
        std::string iter;
        switch (pick(6)) {
          case 0:
            iter = "pairs(" + expr(Ty::kTab, 1) + ")";
            break;
          case 1:
            iter = "ipairs(" + expr(Ty::kTab, 1) + ")";
            break;
          case 2:
            iter = "next, " + expr(Ty::kTab, 1);
            break;
          case 3:
            iter = "string.gmatch(" + expr(Ty::kStr, 1) + ", " + pick(kPatterns) + ")";
            break;
          case 4:
            iter = "utf8.codes(" + expr(Ty::kStr, 1) + ")";
            break;
          default:
            iter = expr(Ty::kFun, 1);
            break;
        }
        size_t mark = any_scope_.size();
        any_scope_.push_back(k);
        any_scope_.push_back(v);
        s = "for " + k + ", " + v + " in " + iter + " do " + loop_body(depth, "c" + id()) + " end";
        any_scope_.resize(mark);
        break;
      }
      case 7: {
        std::string w = "w" + id();
        s = "do local " + w + " = 0; while " + w + " < " + std::to_string(pick(6)) +
            (pick(2) ? " and " + expr(Ty::kAny, 2) : "") + " do " + w + " = " + w + " + 1; " +
            loop_body(depth, "c" + id()) + " end end";
        break;
      }
      case 8: {
        std::string r = "r" + id();
        s = "do local " + r + " = 0; repeat " + r + " = " + r + " + 1; " + loop_body(depth, "") +
            " until " + r + " >= " + std::to_string(pick(6)) +
            (pick(2) ? " or " + expr(Ty::kAny, 2) : "") + " end";
        break;
      }
      case 9:
        s = "do " + block(depth + 1) + " end";
        break;
      case 10: {
        std::string body = function(1, false);
        if (body.rfind("function(", 0) != 0) {  // no function at this depth
          s = "f1 = f2";
          break;
        }
        body = body.substr(8);  // drop "function"
        switch (pick(4)) {
          case 0:
            s = "local function " + std::string(pick(kFunVars)) + body;
            break;
          case 1:
            s = "function " + std::string(pick(kTabVars)) + "." + pick(kNames) + body;
            break;
          case 2:
            s = "function " + std::string(pick(kTabVars)) + ":" + pick(kNames) + body;
            break;
          default:
            s = "function G1" + body;
            break;
        }
        break;
      }
      case 11:
        s = "setmetatable(" + expr(Ty::kTab, 1) + ", " + metatable(1) + ")";
        break;
      case 12:
        switch (pick(5)) {
          case 0:
            s = "pcall(" + expr(Ty::kFun, 1) + comma_args(1) + ")";
            break;
          case 1: {
            std::string n = id();
            s = "local ok" + n + ", e" + n + " = pcall(" + function(1, false) + comma_args(1) + ")";
            break;
          }
          case 2:
            s = "xpcall(" + expr(Ty::kFun, 1) + ", function(m, ...) __tick() return " +
                (pick(2) ? "m" : expr(Ty::kAny, 2)) + " end" + comma_args(1) + ")";
            break;
          case 3:
            s = "error(" + expr(Ty::kAny, 1) + (pick(2) ? ", " + small_int() : "") + ")";
            break;
          default:
            s = "assert(" + expr(Ty::kAny, 1) + ", " + expr(Ty::kStr, 1) + ")";
            break;
        }
        break;
      case 13: {
        std::string co = "co" + id(), r = "r" + id();
        s = "do local " + co + " = coroutine.create(" + function(1, true) + "); for " + r +
            " = 1, " + std::to_string(1 + pick(5)) + " do __tick(); if not coroutine.resume(" + co +
            comma_args(2) + ") then break end end";
        if (pick(2)) s += "; coroutine.close(" + co + ")";
        s += " end";
        break;
      }
      case 14: {
        static const char* const kGc[] = {"collectgarbage()",
                                          "collectgarbage('step')",
                                          "collectgarbage('step', 10)",
                                          "collectgarbage('count')",
                                          "collectgarbage('incremental')",
                                          "collectgarbage('generational')",
                                          "collectgarbage('isrunning')",
                                          "collectgarbage('incremental', 100, 400, 10)",
                                          "collectgarbage('generational', 10, 50)",
                                          "collectgarbage('stop')",
                                          "collectgarbage('restart')",
                                          "collectgarbage('step', 0)"};
        s = pick(kGc);
        break;
      }
      case 15: {
        // A copy: expr() below can push onto fns_, which moves its elements.
        const FnCtx fn = fns_.back();
        if (fn.loops > 0 && pick(2)) {
          s = "break";
        } else if (!fn.labels.empty()) {
          std::string label = fn.labels[pick(static_cast<unsigned>(fn.labels.size()))];
          s = "if " + expr(Ty::kAny, 2) + " then goto " + label + " end";
        } else {
          s = p(Ty::kFun, 1) + "(" + args(1) + ")";
        }
        break;
      }
      case 16: {
        std::string c = "cl" + id();
        std::string value;
        switch (pick(4)) {
          case 0:
            value = "nil";
            break;
          case 1:
            value = expr(Ty::kTab, 2);
            break;
          default:
            value = "setmetatable({}, {__close = " + function(1, false) + "})";
            break;
        }
        s = "local " + c + " <close> = " + value;
        break;
      }
      case 17:
        switch (pick(6)) {
          case 0:
            s = "table.insert(" + expr(Ty::kTab, 1) + ", " + expr(Ty::kAny, 1) + ")";
            break;
          case 1:
            s = "table.insert(" + expr(Ty::kTab, 1) + ", " + expr(Ty::kNum, 1) + ", " +
                expr(Ty::kAny, 1) + ")";
            break;
          case 2:
            s = "table.remove(" + expr(Ty::kTab, 1) + (pick(2) ? ", " + expr(Ty::kNum, 1) : "") +
                ")";
            break;
          case 3:
            s = "table.sort(" + expr(Ty::kTab, 1) +
                (pick(2) ? ", function(p, q, ...) __tick() return " + p(Ty::kAny, 2) + " " +
                               pick(kCompare) + " " + p(Ty::kAny, 2) + " end"
                         : "") +
                ")";
            break;
          case 4:
            s = "table.move(" + expr(Ty::kTab, 1) + ", " + small_int() + ", " + small_int() + ", " +
                small_int() + (pick(2) ? ", " + expr(Ty::kTab, 1) : "") + ")";
            break;
          default: {
            std::string t = pick(kTabVars);
            s = t + "[#" + t + " + 1] = " + expr(Ty::kAny, 1);
            break;
          }
        }
        break;
      case 18:
        s = "do return " + args(1) + " end";
        break;
      case 19:
        if (fns_.back().coroutine || pick(4) == 0) {
          s = "coroutine.yield(" + args(1) + ")";
        } else {
          s = std::string(pick(kStrVars)) + " = " + p(Ty::kStr, 1) + " .. " + p(Ty::kStr, 1);
        }
        break;
      case 20: {
        std::string n = id();
        s = "do local ok" + n + ", d" + n + " = pcall(string.dump, " + expr(Ty::kFun, 1) +
            (pick(2) ? ", true" : "") + "); if ok" + n + " then local g" + n + " = load(d" + n +
            ", 'dumped', 'b'); if g" + n + " then pcall(g" + n + comma_args(2) + ") end end end";
        break;
      }
      case 21:
        s = std::string(pick(kAnyVars)) + ", " + pick(kAnyVars) + " = " + expr(Ty::kAny, 1) + ", " +
            expr(Ty::kAny, 1) + (pick(2) ? ", " + expr(Ty::kAny, 1) : "");
        break;
      case 22:
        s = "local k" + id() + " <const> = " + expr(static_cast<Ty>(pick(5)), 1);
        break;
      case 23: {
        std::string co = pick(kAnyVars);
        s = co + " = coroutine.create(" + expr(Ty::kFun, 1) + "); coroutine.resume(" + co +
            comma_args(2) + ")";
        break;
      }
      case 24:
        s = p(Ty::kTab, 1) + ":" + pick(kNames) + "(" + args(1) + ")";
        break;
      default:
        s = p(Ty::kFun, 1) + "(" + args(1) + ")";
        break;
    }
    return note(s);
  }
};

// An input that starts with "--" is Lua source (a comment first, as the seeds from tests/lua
// have), run as it is in the sandbox under the count hook: the test scripts' own programs, and
// what the fuzzer makes of them with the dictionary. Any other input drives the generator.
bool is_source(const uint8_t* data, size_t size) {
  return size >= 2 && data[0] == '-' && data[1] == '-';
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  stdlib::share_library_names();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool print = std::getenv("TYCHO_FUZZ_PRINT") != nullptr;
  FuzzVm v;
  Thread* L = v.L;
  if (is_source(data, size)) {
    std::string_view source(reinterpret_cast<const char*>(data), size);
    if (api::load(L, source, "=fuzz", "t") == vm::kOk) {
      v.push_sandbox();
      api::set_upvalue(L, -2, 1);
      v.set_budget(kTicks * 50);
      v.set_count_hook();
      int status = v.call(0);
      if (print) std::printf("-- status %d\n", status);
    }
    v.finish();
    return 0;
  }

  Choices in(data, size);
  bool hooked = (in.byte() & 3) == 0;
  std::string source = Gen(in).program();
  if (print) std::printf("-- program\n%s\n", source.c_str());
  v.push_tick();
  api::set_global(L, "__tick");
  int status = api::load(L, source, "=fuzz", "t");
  if (status != vm::kOk) {
    // The generator writes only programs that lua5.4 compiles: a syntax error is a bug of the
    // generator or of the compiler. Running out of heap while compiling is fair.
    if (status == vm::kErrMem) {
      v.finish();
      return 0;
    }
    std::fprintf(stderr, "fuzz_vm: the generated program does not compile: %s\n%s\n",
                 api::to_string(L, -1), source.c_str());
    std::abort();
  }
  v.set_budget(kTicks);
  if (hooked) v.set_count_hook();
  status = v.call(0);
  if (print) std::printf("-- status %d\n", status);
  v.finish();
  return 0;
}
