// The lexer (see lexer.hpp). re2c generates the token dispatch from the rules in `llex`; the
// scanning of strings and long brackets follows Lua's llex.c by hand.
#include <cstring>

#include "lang/lexer.hpp"
#include "vm/number.hpp"
#include "vm/string.hpp"

namespace tycho::lang {

namespace {

// ORDER RESERVED
const char* const kTokenNames[] = {
    "and",      "break",    "do",        "else",   "elseif",  "end",   "false", "for",
    "function", "goto",     "if",        "in",     "local",   "nil",   "not",   "or",
    "repeat",   "return",   "then",      "true",   "until",   "while", "//",    "..",
    "...",      "==",       ">=",        "<=",     "~=",      "<<",    ">>",    "::",
    "<eof>",    "<number>", "<integer>", "<name>", "<string>"};

bool is_print(int c) { return c >= 0x20 && c < 0x7f; }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

constexpr int kMaxInt = 0x7fffffff;

}  // namespace

Lexer::Lexer(vm::Thread* L_, std::string_view source_text, vm::String* src)
    : L(L_), source(src), text_(source_text) {
  cur_ = reinterpret_cast<const unsigned char*>(text_.data());
  lim_ = cur_ + text_.size();
  // A "#!" first line is skipped by the file loader (stdlib/aux.cpp), not here: `load`
  // of a string starting with '#' is a syntax error, as in lua5.4.
  ahead.token = kTkEos;
  envn = new_string("_ENV");
  break_name = new_string("break");
}

vm::String* Lexer::new_string(const char* s, size_t len) {
  std::string key(s, len);
  auto it = strings_.find(key);
  if (it != strings_.end()) return it->second;
  vm::String* ts = vm::new_string(L, s, len);
  anchor(ts);
  strings_.emplace(std::move(key), ts);
  return ts;
}

std::string Lexer::token2str(int token) const {
  if (token < kFirstReserved) {  // single-byte symbols
    char buf[24];
    if (is_print(token))
      std::snprintf(buf, sizeof buf, "'%c'", token);
    else
      std::snprintf(buf, sizeof buf, "'<\\%d>'", token);
    return buf;
  }
  const char* s = kTokenNames[token - kFirstReserved];
  if (token < kTkEos) return std::string("'") + s + "'";
  return s;
}

std::string Lexer::txt_token(int token) const {
  switch (token) {
    case kTkName:
    case kTkString:
    case kTkFlt:
    case kTkInt:
      // Lua prints the buffer as a C string: it ends at an embedded zero.
      return "'" + std::string(buff_.c_str()) + "'";
    default:
      return token2str(token);
  }
}

void Lexer::error(std::string_view msg, int token) {
  char id[vm::kIdSize];
  vm::chunk_id(id, source->data(), source->len);
  std::string m = std::string(id) + ":" + std::to_string(linenumber) + ": ";
  m.append(msg);
  if (token) m += " near " + txt_token(token);
  vm::String* s = vm::new_string(L, m.data(), m.size());
  vm::ensure_stack(L, 1);
  L->top->set_object(s);
  L->top++;
  vm::throw_error(L, vm::kErrSyntax);
}

void Lexer::syntax_error(std::string_view msg) { error(msg, t.token); }

void Lexer::semantic_error(std::string_view msg) {
  t.token = 0;  // remove "near <token>" from the message
  syntax_error(msg);
}

// Skip a newline sequence (\n, \r, \n\r or \r\n) and count the line.
void Lexer::inclinenumber() {
  int old = current();
  advance();
  if (cur_is_newline() && current() != old) advance();
  if (++linenumber >= kMaxInt) error("chunk has too many lines", 0);
}

// Read a sequence '[=*[' or ']=*]', leaving the last bracket. Returns the number of '='s + 2
// when well formed, 1 for a single bracket, 0 for an unfinished '[==...'.
size_t Lexer::skip_sep() {
  size_t count = 0;
  int s = current();
  save_and_next();
  while (current() == '=') {
    save_and_next();
    count++;
  }
  return current() == s ? count + 2 : count == 0 ? 1 : 0;
}

void Lexer::read_long_string(SemInfo* seminfo, size_t sep) {
  int line = linenumber;                  // initial line (for the error message)
  save_and_next();                        // skip the 2nd '['
  if (cur_is_newline()) inclinenumber();  // a first newline is skipped
  for (;;) {
    switch (current()) {
      case -1: {
        std::string msg = std::string("unfinished long ") + (seminfo ? "string" : "comment") +
                          " (starting at line " + std::to_string(line) + ")";
        error(msg, kTkEos);
      }
      case ']':
        if (skip_sep() == sep) {
          save_and_next();  // skip the 2nd ']'
          goto endloop;
        }
        break;
      case '\n':
      case '\r':
        save('\n');
        inclinenumber();
        if (!seminfo) buff_.clear();
        break;
      default:
        if (seminfo)
          save_and_next();
        else
          advance();
    }
  }
endloop:
  if (seminfo) seminfo->ts = new_string(buff_.data() + sep, buff_.size() - 2 * sep);
}

void Lexer::esccheck(bool c, const char* msg) {
  if (!c) {
    if (current() != -1) save_and_next();  // add the current char to the message
    error(msg, kTkString);
  }
}

int Lexer::gethexa() {
  save_and_next();
  esccheck(is_xdigit(current()), "hexadecimal digit expected");
  return vm::hex_value(current());
}

int Lexer::readhexaesc() {
  int r = gethexa();
  r = (r << 4) + gethexa();
  buff_.resize(buff_.size() - 2);
  return r;
}

unsigned long Lexer::readutf8esc() {
  int i = 4;        // chars to be removed: '\', 'u', '{', and the first digit
  save_and_next();  // skip 'u'
  esccheck(current() == '{', "missing '{'");
  unsigned long r = static_cast<unsigned long>(gethexa());  // at least one digit
  for (;;) {
    save_and_next();
    if (!is_xdigit(current())) break;
    i++;
    esccheck(r <= (0x7FFFFFFFu >> 4), "UTF-8 value too large");
    r = (r << 4) + static_cast<unsigned long>(vm::hex_value(current()));
  }
  esccheck(current() == '}', "missing '}'");
  advance();  // skip '}'
  buff_.resize(buff_.size() - static_cast<size_t>(i));
  return r;
}

void Lexer::utf8esc() {
  char buf[vm::kUtf8BufSize];
  int n = vm::utf8_encode(buf, readutf8esc());
  for (; n > 0; n--) save(buf[vm::kUtf8BufSize - n]);
}

int Lexer::readdecesc() {
  int i;
  int r = 0;
  for (i = 0; i < 3 && is_digit(current()); i++) {
    r = 10 * r + current() - '0';
    save_and_next();
  }
  esccheck(r <= 255, "decimal escape too large");
  buff_.resize(buff_.size() - static_cast<size_t>(i));
  return r;
}

void Lexer::read_string(int del, SemInfo* seminfo) {
  save_and_next();  // keep the delimiter (for error messages)
  while (current() != del) {
    switch (current()) {
      case -1:
        error("unfinished string", kTkEos);
      case '\n':
      case '\r':
        error("unfinished string", kTkString);
      case '\\': {
        int c;
        save_and_next();  // keep '\\' for error messages
        switch (current()) {
          case 'a':
            c = '\a';
            goto read_save;
          case 'b':
            c = '\b';
            goto read_save;
          case 'f':
            c = '\f';
            goto read_save;
          case 'n':
            c = '\n';
            goto read_save;
          case 'r':
            c = '\r';
            goto read_save;
          case 't':
            c = '\t';
            goto read_save;
          case 'v':
            c = '\v';
            goto read_save;
          case 'x':
            c = readhexaesc();
            goto read_save;
          case 'u':
            utf8esc();
            goto no_save;
          case '\n':
          case '\r':
            inclinenumber();
            c = '\n';
            goto only_save;
          case '\\':
          case '\"':
          case '\'':
            c = current();
            goto read_save;
          case -1:
            goto no_save;      // raises an error in the next iteration
          case 'z': {          // skip the following span of spaces
            buff_.pop_back();  // remove '\\'
            advance();         // skip the 'z'
            while (is_space(current())) {
              if (cur_is_newline())
                inclinenumber();
              else
                advance();
            }
            goto no_save;
          }
          default: {
            esccheck(is_digit(current()), "invalid escape sequence");
            c = readdecesc();
            goto only_save;
          }
        }
      read_save:
        advance();
      only_save:
        buff_.pop_back();  // remove '\\'
        save(c);
      no_save:
        break;
      }
      default:
        save_and_next();
    }
  }
  save_and_next();  // skip the delimiter
  seminfo->ts = new_string(buff_.data() + 1, buff_.size() - 2);
}

// A numeral as re2c matched it (Lua's read_numeral: digits, '.', exponent marks with an
// optional sign, plus one touching letter to force an error), converted as tonumber would.
int Lexer::read_numeral(const unsigned char* begin, SemInfo* seminfo) {
  buff_.assign(reinterpret_cast<const char*>(begin), static_cast<size_t>(cur_ - begin));
  vm::Value obj;
  if (vm::str_to_number(buff_.c_str(), &obj) == 0) error("malformed number", kTkFlt);
  if (obj.is_int()) {
    seminfo->i = obj.as_int();
    return kTkInt;
  }
  seminfo->r = obj.as_float();
  return kTkFlt;
}

int Lexer::llex(SemInfo* seminfo) {
  for (;;) {
    buff_.clear();
    const unsigned char* tok = cur_;
    const unsigned char* marker = cur_;
    (void)marker;
    // clang-format off
    /*!re2c
      re2c:api:style = free-form;
      re2c:define:YYCTYPE = "unsigned char";
      re2c:define:YYCURSOR = "cur_";
      re2c:define:YYMARKER = "marker";
      re2c:define:YYLIMIT = "lim_";
      re2c:yyfill:enable = 0;
      re2c:eof = 0;

      alpha = [a-zA-Z_];
      alnum = [a-zA-Z_0-9];
      decrest = ([eE] [+-]? | [0-9a-dfA-DF.])*;
      hexrest = ([pP] [+-]? | [0-9a-fA-F.])*;

      $ { return kTkEos; }

      "\n\r" | "\r\n" | "\n" | "\r" {
        if (++linenumber >= kMaxInt) error("chunk has too many lines", 0);
        continue;
      }
      [ \t\f\v]+ { continue; }

      "--[" "="* "[" {
        cur_ = tok + 2;  // back to the first '['
        size_t sep = skip_sep();
        buff_.clear();
        read_long_string(nullptr, sep);
        buff_.clear();
        continue;
      }
      "--" {
        while (!cur_is_newline() && current() != -1) advance();
        continue;
      }

      "[" "="* "[" {
        cur_ = tok;
        size_t sep = skip_sep();
        read_long_string(seminfo, sep);
        return kTkString;
      }
      "[" "="+ {
        buff_.assign(reinterpret_cast<const char*>(tok), static_cast<size_t>(cur_ - tok));
        error("invalid long string delimiter", kTkString);
      }

      "==" { return kTkEq; }
      "<=" { return kTkLe; }
      "<<" { return kTkShl; }
      ">=" { return kTkGe; }
      ">>" { return kTkShr; }
      "//" { return kTkIDiv; }
      "~=" { return kTkNe; }
      "::" { return kTkDbColon; }
      "..." { return kTkDots; }
      ".." { return kTkConcat; }

      ["'] {
        cur_ = tok;
        read_string(*tok, seminfo);
        return kTkString;
      }

      "0" [xX] hexrest alpha? { return read_numeral(tok, seminfo); }
      [0-9] decrest alpha? { return read_numeral(tok, seminfo); }
      "." "0" [xX] hexrest alpha? { return read_numeral(tok, seminfo); }
      "." [0-9] decrest alpha? { return read_numeral(tok, seminfo); }

      "and" { return kTkAnd; }
      "break" { return kTkBreak; }
      "do" { return kTkDo; }
      "else" { return kTkElse; }
      "elseif" { return kTkElseif; }
      "end" { return kTkEnd; }
      "false" { return kTkFalse; }
      "for" { return kTkFor; }
      "function" { return kTkFunction; }
      "goto" { return kTkGoto; }
      "if" { return kTkIf; }
      "in" { return kTkIn; }
      "local" { return kTkLocal; }
      "nil" { return kTkNil; }
      "not" { return kTkNot; }
      "or" { return kTkOr; }
      "repeat" { return kTkRepeat; }
      "return" { return kTkReturn; }
      "then" { return kTkThen; }
      "true" { return kTkTrue; }
      "until" { return kTkUntil; }
      "while" { return kTkWhile; }

      alpha alnum* {
        buff_.assign(reinterpret_cast<const char*>(tok), static_cast<size_t>(cur_ - tok));
        seminfo->ts = new_string(buff_.data(), buff_.size());
        return kTkName;
      }

      * { return *tok; }
    */
    // clang-format on
  }
}

void Lexer::next() {
  lastline = linenumber;
  if (ahead.token != kTkEos) {
    t = ahead;
    ahead.token = kTkEos;
  } else {
    t.token = llex(&t.seminfo);
  }
}

int Lexer::lookahead() {
  ahead.token = llex(&ahead.seminfo);
  return ahead.token;
}

}  // namespace tycho::lang
