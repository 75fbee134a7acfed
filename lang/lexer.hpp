// The lexer: turns Lua 5.4 source text into tokens, one at a time, for the parser.
//
// It follows Lua's llex.c closely, because error messages quote the lexer's buffer: the text
// of a name, numeral or string as far as it was read ("malformed number near '3x'",
// "invalid escape sequence near '\"\\q'"). The token dispatch, names, reserved words,
// operators and numerals are a re2c scanner (lexer.re); strings, long brackets and comments
// are scanned by hand, since their buffer contents (escapes already decoded, the raw tail
// still pending) must match Lua's exactly.
//
// Every string the lexer makes is interned in a per-compilation map, so the parser can compare
// names by pointer (long names included), and anchored in Global::anchors until the
// compilation ends.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vm/object.hpp"
#include "vm/state.hpp"

namespace tycho::lang {

struct FuncState;

// Single-character tokens are their own byte value; the others start past 255.
constexpr int kFirstReserved = 256;

// ORDER RESERVED: reserved words first, in alphabetical order, then the other symbols.
enum Token : int {
  kTkAnd = kFirstReserved,
  kTkBreak,
  kTkDo,
  kTkElse,
  kTkElseif,
  kTkEnd,
  kTkFalse,
  kTkFor,
  kTkFunction,
  kTkGoto,
  kTkIf,
  kTkIn,
  kTkLocal,
  kTkNil,
  kTkNot,
  kTkOr,
  kTkRepeat,
  kTkReturn,
  kTkThen,
  kTkTrue,
  kTkUntil,
  kTkWhile,
  // other terminal symbols
  kTkIDiv,
  kTkConcat,
  kTkDots,
  kTkEq,
  kTkGe,
  kTkLe,
  kTkNe,
  kTkShl,
  kTkShr,
  kTkDbColon,
  kTkEos,
  kTkFlt,
  kTkInt,
  kTkName,
  kTkString,
};

struct SemInfo {
  double r = 0;
  int64_t i = 0;
  vm::String* ts = nullptr;
};

struct TokenInfo {
  int token = 0;
  SemInfo seminfo;
};

// Parser data shared by all functions of a chunk (Lua's Dyndata).
struct Vardesc {
  vm::Value k;   // value of a compile-time constant
  uint8_t kind;  // vm::kVarRegular, kVarConst, kVarToClose, kVarCompileConst
  uint8_t ridx;  // register holding the variable
  int16_t pidx;  // index of the variable in the Proto's locvars
  vm::String* name;
};

struct Labeldesc {
  vm::String* name;
  int pc;           // position in code
  int line;         // line where it appeared
  uint8_t nactvar;  // number of active variables in that position
  uint8_t close;    // goto that escapes upvalues
};

struct Dyndata {
  std::vector<Vardesc> actvar;   // all active local variables
  std::vector<Labeldesc> gt;     // pending gotos
  std::vector<Labeldesc> label;  // active labels
};

// Key of the constant cache shared by all functions of a chunk (Lua's scanner table `h`):
// maps a constant to its last known index in some function's constant list.
struct ConstKey {
  uint8_t kind;  // 0 integer, 1 float, 2 string, 3 true, 4 false, 5 nil
  uint64_t bits;
  bool operator==(const ConstKey& o) const { return kind == o.kind && bits == o.bits; }
};
struct ConstKeyHash {
  size_t operator()(const ConstKey& k) const { return std::hash<uint64_t>()(k.bits * 31 + k.kind); }
};

class Lexer {
 public:
  Lexer(vm::Thread* L, std::string_view source_text, vm::String* source);

  void next();      // read the next token into `t` (luaX_next)
  int lookahead();  // peek at the token after `t`
  // "chunk:line: msg near 'token'" as a syntax error (luaX_syntaxerror).
  [[noreturn]] void syntax_error(std::string_view msg);
  // Same without the "near" part (luaK_semerror).
  [[noreturn]] void semantic_error(std::string_view msg);
  [[noreturn]] void error(std::string_view msg, int token);
  std::string token2str(int token) const;

  // Intern and anchor a string for the rest of the compilation (luaX_newstring).
  vm::String* new_string(const char* s, size_t len);
  vm::String* new_string(std::string_view s) { return new_string(s.data(), s.size()); }
  // Anchor a new object (Proto) for the rest of the compilation.
  void anchor(vm::GcObject* o) { L->g->anchors.push_back(o); }

  vm::Thread* L;
  TokenInfo t;         // current token
  TokenInfo ahead;     // look-ahead token (kTkEos when none)
  int linenumber = 1;  // input line counter
  int lastline = 1;    // line of the last token consumed
  FuncState* fs = nullptr;
  Dyndata dyd;
  vm::String* source;      // chunk name
  vm::String* envn;        // "_ENV"
  vm::String* break_name;  // "break"
  std::unordered_map<ConstKey, int, ConstKeyHash> kcache;

 private:
  int llex(SemInfo* seminfo);
  int current() const { return cur_ < lim_ ? *cur_ : -1; }
  void advance() { ++cur_; }
  void save(int c) { buff_.push_back(static_cast<char>(c)); }
  void save_and_next() {
    save(current());
    advance();
  }
  bool cur_is_newline() const { return current() == '\n' || current() == '\r'; }
  void inclinenumber();
  size_t skip_sep();
  void read_long_string(SemInfo* seminfo, size_t sep);
  void read_string(int del, SemInfo* seminfo);
  void esccheck(bool c, const char* msg);
  int gethexa();
  int readhexaesc();
  unsigned long readutf8esc();
  void utf8esc();
  int readdecesc();
  int read_numeral(const unsigned char* begin, SemInfo* seminfo);
  std::string txt_token(int token) const;

  std::string text_;          // the source, NUL-terminated (the re2c sentinel)
  const unsigned char* cur_;  // the re2c cursor (unsigned: bytes >= 0x80 are not negative)
  const unsigned char* lim_;
  std::string buff_;  // Lua's token buffer: quoted in error messages
  std::unordered_map<std::string, vm::String*> strings_;
};

}  // namespace tycho::lang
