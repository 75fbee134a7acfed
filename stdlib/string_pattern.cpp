// The string library: find, match, gmatch and gsub, with Lua patterns (manual §6.4.1).
//
// The matcher is a port of lstrlib.c's backtracking matcher: `match` walks the pattern and the
// subject together, recursing only where it must backtrack (repetitions, captures, `?`) and
// looping where the rest of the match is a tail call. Its state lives in a MatchState on the
// C++ stack (or in the gmatch iterator's userdata), so a match attempt allocates nothing: the
// captures are pointers into the subject, which stays on the Lua stack while they are used.
//
// Recursion is bounded by kMaxMatchCalls (lstrlib's MAXCCALLS), so a pathological pattern
// raises "pattern too complex" instead of overflowing the C++ stack.
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/api.hpp"

namespace tycho::stdlib {

namespace {

constexpr int kMaxCaptures = 32;     // LUA_MAXCAPTURES; must fit in an unsigned char
constexpr int kMaxMatchCalls = 200;  // MAXCCALLS: the matcher's recursion limit
constexpr char kEsc = '%';
constexpr char kSpecials[] = "^$*+?.([%-";

// A capture's length while it is open, and the length that marks a position capture `()`.
constexpr ptrdiff_t kCapUnfinished = -1;
constexpr ptrdiff_t kCapPosition = -2;

inline int uchar(char c) { return static_cast<unsigned char>(c); }

// A start position relative to a string of length len (lstrlib's posrelatI): negative counts
// from the end; the result is clipped to [1, inf).
size_t pos_relat(int64_t pos, size_t len) {
  if (pos > 0) return static_cast<size_t>(pos);
  if (pos == 0) return 1;
  if (pos < -static_cast<int64_t>(len)) return 1;  // inverted comparison avoids overflow
  return len + static_cast<size_t>(pos) + 1;
}

struct MatchState {
  const char* src_init;  // start of the subject
  const char* src_end;   // end of the subject
  const char* p_end;     // end of the pattern
  Thread* L;
  int matchdepth;  // recursion budget left
  int level;       // number of captures, finished or not
  struct {
    const char* init;
    ptrdiff_t len;  // or kCapUnfinished / kCapPosition
  } capture[kMaxCaptures];

  void prepare(Thread* th, const char* s, size_t ls, const char* p, size_t lp) {
    L = th;
    matchdepth = kMaxMatchCalls;
    src_init = s;
    src_end = s + ls;
    p_end = p + lp;
  }
  void reprepare() { level = 0; }
};

const char* do_match(MatchState* ms, const char* s, const char* p);

int check_capture(MatchState* ms, int l) {
  l -= '1';
  if (l < 0 || l >= ms->level || ms->capture[l].len == kCapUnfinished) {
    error(ms->L, "invalid capture index %%%d", l + 1);
  }
  return l;
}

int capture_to_close(MatchState* ms) {
  for (int level = ms->level - 1; level >= 0; level--) {
    if (ms->capture[level].len == kCapUnfinished) return level;
  }
  error(ms->L, "invalid pattern capture");
}

// The end of the single-character class that starts at p.
inline const char* class_end(MatchState* ms, const char* p) {
  switch (*p++) {
    case kEsc:
      if (p == ms->p_end) error(ms->L, "malformed pattern (ends with '%%')");
      return p + 1;
    case '[':
      if (*p == '^') p++;
      do {  // look for the closing ']'; the first character may be a literal ']'
        if (p == ms->p_end) error(ms->L, "malformed pattern (missing ']')");
        if (*(p++) == kEsc && p < ms->p_end) p++;  // skip escapes such as '%]'
      } while (*p != ']');
      return p + 1;
    default:
      return p;
  }
}

// Character classes of the C locale, in which both lua5.4 and tycho run (neither calls
// setlocale). A table instead of <cctype> keeps the matcher's inner loop free of library
// calls: in C++ the ctype functions are not the inline macros that lstrlib gets in C.
enum CharClass : uint16_t {
  kAlpha = 1 << 0,
  kCntrl = 1 << 1,
  kDigit = 1 << 2,
  kGraph = 1 << 3,
  kLower = 1 << 4,
  kPunct = 1 << 5,
  kSpace = 1 << 6,
  kUpper = 1 << 7,
  kAlnum = 1 << 8,
  kXdigit = 1 << 9,
  kZero = 1 << 10,  // the deprecated %z
};

constexpr std::array<uint16_t, 256> make_class_table() {
  std::array<uint16_t, 256> t{};
  for (int c = 0; c < 256; c++) {
    uint16_t m = 0;
    bool upper = c >= 'A' && c <= 'Z';
    bool lower = c >= 'a' && c <= 'z';
    bool digit = c >= '0' && c <= '9';
    bool graph = c >= 33 && c <= 126;
    if (upper) m |= kUpper | kAlpha | kAlnum;
    if (lower) m |= kLower | kAlpha | kAlnum;
    if (digit) m |= kDigit | kAlnum | kXdigit;
    if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) m |= kXdigit;
    if (c < 32 || c == 127) m |= kCntrl;
    if (c == ' ' || (c >= '\t' && c <= '\r')) m |= kSpace;
    if (graph) m |= kGraph;
    if (graph && !upper && !lower && !digit) m |= kPunct;
    if (c == 0) m |= kZero;
    t[static_cast<size_t>(c)] = m;
  }
  return t;
}

constexpr std::array<uint16_t, 256> kClassTable = make_class_table();

// The classes named by a lowercase class letter (0: not a class letter).
constexpr uint16_t class_of_letter(int lower) {
  switch (lower) {
    case 'a':
      return kAlpha;
    case 'c':
      return kCntrl;
    case 'd':
      return kDigit;
    case 'g':
      return kGraph;
    case 'l':
      return kLower;
    case 'p':
      return kPunct;
    case 's':
      return kSpace;
    case 'u':
      return kUpper;
    case 'w':
      return kAlnum;
    case 'x':
      return kXdigit;
    case 'z':
      return kZero;
    default:
      return 0;
  }
}

// Whether c matches the class letter cl (%a ... %x, an uppercase letter for the complement),
// or, when cl is not a class letter, whether c is cl itself (an escaped character like %.).
inline bool match_class(int c, int cl) {
  bool upper = cl >= 'A' && cl <= 'Z';
  uint16_t mask = class_of_letter(upper ? cl + ('a' - 'A') : cl);
  if (mask == 0) return cl == c;
  bool res = (kClassTable[static_cast<size_t>(c)] & mask) != 0;
  return upper ? !res : res;
}

// Whether c is in the set [...] from p (the '[') to ec (the ']').
inline bool match_bracket_class(int c, const char* p, const char* ec) {
  bool sig = true;
  if (*(p + 1) == '^') {
    sig = false;
    p++;
  }
  while (++p < ec) {
    if (*p == kEsc) {
      p++;
      if (match_class(c, uchar(*p))) return sig;
    } else if (*(p + 1) == '-' && p + 2 < ec) {
      p += 2;
      if (uchar(*(p - 2)) <= c && c <= uchar(*p)) return sig;
    } else if (uchar(*p) == c) {
      return sig;
    }
  }
  return !sig;
}

inline bool single_match(MatchState* ms, const char* s, const char* p, const char* ep) {
  if (s >= ms->src_end) return false;
  int c = uchar(*s);
  switch (*p) {
    case '.':
      return true;
    case kEsc:
      return match_class(c, uchar(*(p + 1)));
    case '[':
      return match_bracket_class(c, p, ep - 1);
    default:
      return uchar(*p) == c;
  }
}

const char* match_balance(MatchState* ms, const char* s, const char* p) {
  if (p >= ms->p_end - 1) error(ms->L, "malformed pattern (missing arguments to '%%b')");
  if (s >= ms->src_end || *s != *p) return nullptr;
  char b = *p;
  char e = *(p + 1);
  int cont = 1;
  while (++s < ms->src_end) {
    if (*s == e) {
      if (--cont == 0) return s + 1;
    } else if (*s == b) {
      cont++;
    }
  }
  return nullptr;  // the subject ends out of balance
}

const char* max_expand(MatchState* ms, const char* s, const char* p, const char* ep) {
  ptrdiff_t i = 0;
  while (single_match(ms, s + i, p, ep)) i++;
  // Try the rest of the pattern with the most repetitions first, giving back one at a time.
  while (i >= 0) {
    const char* res = do_match(ms, s + i, ep + 1);
    if (res) return res;
    i--;
  }
  return nullptr;
}

const char* min_expand(MatchState* ms, const char* s, const char* p, const char* ep) {
  for (;;) {
    const char* res = do_match(ms, s, ep + 1);
    if (res != nullptr) return res;
    if (!single_match(ms, s, p, ep)) return nullptr;
    s++;  // one more repetition
  }
}

const char* start_capture(MatchState* ms, const char* s, const char* p, ptrdiff_t what) {
  int level = ms->level;
  if (level >= kMaxCaptures) error(ms->L, "too many captures");
  ms->capture[level].init = s;
  ms->capture[level].len = what;
  ms->level = level + 1;
  const char* res = do_match(ms, s, p);
  if (res == nullptr) ms->level--;  // undo the capture
  return res;
}

const char* end_capture(MatchState* ms, const char* s, const char* p) {
  int l = capture_to_close(ms);
  ms->capture[l].len = s - ms->capture[l].init;
  const char* res = do_match(ms, s, p);
  if (res == nullptr) ms->capture[l].len = kCapUnfinished;  // undo the close
  return res;
}

const char* match_capture(MatchState* ms, const char* s, int l) {
  l = check_capture(ms, l);
  size_t len = static_cast<size_t>(ms->capture[l].len);
  if (static_cast<size_t>(ms->src_end - s) >= len &&
      std::memcmp(ms->capture[l].init, s, len) == 0) {
    return s + len;
  }
  return nullptr;
}

// Match pattern p against the subject from s; returns the end of the match or null. The
// `goto next` jumps are the tail calls of lstrlib's match (match(ms, s, p') as the last step).
const char* do_match(MatchState* ms, const char* s, const char* p) {
  if (ms->matchdepth-- == 0) error(ms->L, "pattern too complex");
next:
  if (p != ms->p_end) {
    switch (*p) {
      case '(':
        if (*(p + 1) == ')') {
          s = start_capture(ms, s, p + 2, kCapPosition);
        } else {
          s = start_capture(ms, s, p + 1, kCapUnfinished);
        }
        break;
      case ')':
        s = end_capture(ms, s, p + 1);
        break;
      case '$':
        if (p + 1 != ms->p_end) goto dflt;  // a '$' that is not last is a literal
        s = (s == ms->src_end) ? s : nullptr;
        break;
      case kEsc:
        switch (*(p + 1)) {
          case 'b':  // balanced string
            s = match_balance(ms, s, p + 2);
            if (s != nullptr) {
              p += 4;
              goto next;
            }
            break;
          case 'f': {  // frontier
            p += 2;
            if (*p != '[') error(ms->L, "missing '[' after '%%f' in pattern");
            const char* ep = class_end(ms, p);
            char previous = (s == ms->src_init) ? '\0' : *(s - 1);
            // At the subject's end the current character counts as '\0', as in lstrlib
            // (which reads the terminating zero).
            char current = (s < ms->src_end) ? *s : '\0';
            if (!match_bracket_class(uchar(previous), p, ep - 1) &&
                match_bracket_class(uchar(current), p, ep - 1)) {
              p = ep;
              goto next;
            }
            s = nullptr;
            break;
          }
          case '0':
          case '1':
          case '2':
          case '3':
          case '4':
          case '5':
          case '6':
          case '7':
          case '8':
          case '9':  // back-reference %0-%9
            s = match_capture(ms, s, uchar(*(p + 1)));
            if (s != nullptr) {
              p += 2;
              goto next;
            }
            break;
          default:
            goto dflt;
        }
        break;
      default:
      dflt : {  // a single-character class with an optional repetition suffix
        const char* ep = class_end(ms, p);
        if (!single_match(ms, s, p, ep)) {
          if (*ep == '*' || *ep == '?' || *ep == '-') {  // zero repetitions are fine
            p = ep + 1;
            goto next;
          }
          s = nullptr;  // '+' or no suffix
        } else {
          switch (*ep) {
            case '?': {
              const char* res = do_match(ms, s + 1, ep + 1);
              if (res != nullptr) {
                s = res;
              } else {
                p = ep + 1;
                goto next;
              }
              break;
            }
            case '+':
              s++;  // one repetition already matched
              [[fallthrough]];
            case '*':
              s = max_expand(ms, s, p, ep);
              break;
            case '-':
              s = min_expand(ms, s, p, ep);
              break;
            default:
              s++;
              p = ep;
              goto next;
          }
        }
        break;
      }
    }
  }
  ms->matchdepth++;
  return s;
}

// The first occurrence of s2 in s1 (lstrlib's lmemfind: memchr for the first byte, then
// memcmp for the rest).
const char* mem_find(const char* s1, size_t l1, const char* s2, size_t l2) {
  if (l2 == 0) return s1;  // the empty string is everywhere
  if (l2 > l1) return nullptr;
  l2--;  // the first byte is found by memchr
  l1 -= l2;
  const char* init;
  while (l1 > 0 && (init = static_cast<const char*>(std::memchr(s1, *s2, l1))) != nullptr) {
    init++;
    if (std::memcmp(init, s2 + 1, l2) == 0) return init - 1;
    l1 -= static_cast<size_t>(init - s1);
    s1 = init;
  }
  return nullptr;
}

// The i-th capture: its length with its start in *cap, or kCapPosition after pushing the
// position. With no captures, capture 0 is the whole match s..e.
ptrdiff_t get_one_capture(MatchState* ms, int i, const char* s, const char* e, const char** cap) {
  if (i >= ms->level) {
    if (i != 0) error(ms->L, "invalid capture index %%%d", i + 1);
    *cap = s;
    return e - s;
  }
  ptrdiff_t capl = ms->capture[i].len;
  *cap = ms->capture[i].init;
  if (capl == kCapUnfinished) {
    error(ms->L, "unfinished capture");
  } else if (capl == kCapPosition) {
    api::push_integer(ms->L, (ms->capture[i].init - ms->src_init) + 1);
  }
  return capl;
}

void push_one_capture(MatchState* ms, int i, const char* s, const char* e) {
  const char* cap;
  ptrdiff_t l = get_one_capture(ms, i, s, e, &cap);
  if (l != kCapPosition) api::push_lstring(ms->L, cap, static_cast<size_t>(l));
}

// Pushes every capture (or the whole match s..e when there are none and s is not null).
int push_captures(MatchState* ms, const char* s, const char* e) {
  int nlevels = (ms->level == 0 && s) ? 1 : ms->level;
  check_stack(ms->L, nlevels, "too many captures");
  for (int i = 0; i < nlevels; i++) push_one_capture(ms, i, s, e);
  return nlevels;
}

// Whether the pattern has no special characters (so find can search for it as is).
bool no_specials(const char* p, size_t l) {
  for (size_t i = 0; i < l; i++) {
    if (p[i] != '\0' && std::strchr(kSpecials, p[i]) != nullptr) return false;
  }
  return true;
}

int find_aux(Thread* L, bool find) {
  size_t ls, lp;
  const char* s = check_lstring(L, 1, &ls);
  const char* p = check_lstring(L, 2, &lp);
  size_t init = pos_relat(opt_integer(L, 3, 1), ls) - 1;
  if (init > ls) {  // starts after the end: nothing to find
    push_fail(L);
    return 1;
  }
  if (find && (api::to_boolean(L, 4) || no_specials(p, lp))) {
    const char* s2 = mem_find(s + init, ls - init, p, lp);
    if (s2) {
      api::push_integer(L, (s2 - s) + 1);
      api::push_integer(L, static_cast<int64_t>((s2 - s) + static_cast<ptrdiff_t>(lp)));
      return 2;
    }
  } else {
    MatchState ms;
    const char* s1 = s + init;
    bool anchor = lp > 0 && *p == '^';
    if (anchor) {
      p++;
      lp--;
    }
    ms.prepare(L, s, ls, p, lp);
    do {
      ms.reprepare();
      const char* res = do_match(&ms, s1, p);
      if (res != nullptr) {
        if (find) {
          api::push_integer(L, (s1 - s) + 1);
          api::push_integer(L, res - s);
          return push_captures(&ms, nullptr, nullptr) + 2;
        }
        return push_captures(&ms, s1, res);
      }
    } while (s1++ < ms.src_end && !anchor);
  }
  push_fail(L);
  return 1;
}

int str_find(Thread* L) { return find_aux(L, true); }
int str_match(Thread* L) { return find_aux(L, false); }

// The gmatch iterator's state, a userdata upvalue; the subject and pattern are upvalues too,
// which keeps the pointers into them valid.
struct GMatchState {
  const char* src;        // where the next search starts
  const char* p;          // the pattern
  const char* lastmatch;  // end of the last match (an empty match may not end there again)
  MatchState ms;
};

int gmatch_aux(Thread* L) {
  auto* gm = static_cast<GMatchState*>(api::to_userdata(L, api::upvalue_index(3)));
  gm->ms.L = L;
  for (const char* src = gm->src; src <= gm->ms.src_end; src++) {
    gm->ms.reprepare();
    const char* e = do_match(&gm->ms, src, gm->p);
    if (e != nullptr && e != gm->lastmatch) {
      gm->src = gm->lastmatch = e;
      return push_captures(&gm->ms, src, e);
    }
  }
  return 0;
}

int str_gmatch(Thread* L) {
  size_t ls, lp;
  const char* s = check_lstring(L, 1, &ls);
  const char* p = check_lstring(L, 2, &lp);
  size_t init = pos_relat(opt_integer(L, 3, 1), ls) - 1;
  api::set_top(L, 2);  // the subject and pattern become upvalues
  auto* gm = static_cast<GMatchState*>(api::new_userdata(L, sizeof(GMatchState), 0));
  if (init > ls) init = ls + 1;  // past the end: the iterator finds nothing
  gm->ms.prepare(L, s, ls, p, lp);
  gm->src = s + init;
  gm->p = p;
  gm->lastmatch = nullptr;
  api::push_native_closure(L, gmatch_aux, 3);
  return 1;
}

// Appends the replacement string `news` for the match s..e, expanding %0-%9 and %%.
void add_s(MatchState* ms, Buffer& b, const char* s, const char* e, const char* news, size_t l) {
  Thread* L = ms->L;
  const char* p;
  while ((p = static_cast<const char*>(std::memchr(news, kEsc, l))) != nullptr) {
    b.add(news, static_cast<size_t>(p - news));
    p++;  // skip the escape; the string's terminating zero makes p[0] readable
    if (*p == kEsc) {
      b.add_char(*p);
    } else if (*p == '0') {
      b.add(s, static_cast<size_t>(e - s));
    } else if (std::isdigit(uchar(*p))) {
      const char* cap;
      ptrdiff_t resl = get_one_capture(ms, *p - '1', s, e, &cap);
      if (resl == kCapPosition) {
        b.add_value(L);  // the position that get_one_capture pushed
      } else {
        b.add(cap, static_cast<size_t>(resl));
      }
    } else {
      error(L, "invalid use of '%c' in replacement string", kEsc);
    }
    l -= static_cast<size_t>(p + 1 - news);
    news = p + 1;
  }
  b.add(news, l);
}

// Appends the replacement for the match s..e; returns whether it changed the subject (a
// function or table giving nil or false keeps the original text).
bool add_value(MatchState* ms, Buffer& b, const char* s, const char* e, int tr, const char* news,
               size_t lnews) {
  Thread* L = ms->L;
  switch (tr) {
    case vm::kTFunction: {
      api::push_value(L, 3);
      int n = push_captures(ms, s, e);
      api::call(L, n, 1);
      break;
    }
    case vm::kTTable:
      push_one_capture(ms, 0, s, e);
      api::get_table(L, 3);
      break;
    default:  // a string or number
      add_s(ms, b, s, e, news, lnews);
      return true;
  }
  if (!api::to_boolean(L, -1)) {
    api::pop(L, 1);
    b.add(s, static_cast<size_t>(e - s));
    return false;
  }
  if (!api::is_string(L, -1)) {
    error(L, "invalid replacement value (a %s)", type_name_at(L, -1));
  }
  b.add_value(L);
  return true;
}

int str_gsub(Thread* L) {
  size_t srcl, lp;
  const char* src = check_lstring(L, 1, &srcl);
  const char* p = check_lstring(L, 2, &lp);
  const char* lastmatch = nullptr;
  int tr = api::type(L, 3);
  int64_t max_s = opt_integer(L, 4, static_cast<int64_t>(srcl) + 1);
  bool anchor = lp > 0 && *p == '^';
  arg_expected(
      L, tr == vm::kTNumber || tr == vm::kTString || tr == vm::kTFunction || tr == vm::kTTable, 3,
      "string/function/table");
  const char* news = nullptr;
  size_t lnews = 0;
  if (tr == vm::kTNumber || tr == vm::kTString) news = api::to_lstring(L, 3, &lnews);
  if (anchor) {
    p++;
    lp--;
  }
  Buffer b(L);
  MatchState ms;
  ms.prepare(L, src, srcl, p, lp);
  int64_t n = 0;
  bool changed = false;
  while (n < max_s) {
    ms.reprepare();
    const char* e = do_match(&ms, src, p);
    if (e != nullptr && e != lastmatch) {
      n++;
      changed = add_value(&ms, b, src, e, tr, news, lnews) || changed;
      src = lastmatch = e;
    } else if (src < ms.src_end) {
      b.add_char(*src++);  // no match here: keep one character and move on
    } else {
      break;
    }
    if (anchor) break;
  }
  if (!changed) {
    api::push_value(L, 1);  // the subject is unchanged: return it as is
  } else {
    b.add(src, static_cast<size_t>(ms.src_end - src));
    b.push_result(L);
  }
  api::push_integer(L, n);
  return 2;
}

const Reg kPatternFuncs[] = {{"find", str_find},
                             {"gmatch", str_gmatch},
                             {"gsub", str_gsub},
                             {"match", str_match},
                             {nullptr, nullptr}};

}  // namespace

const Reg* string_pattern_funcs() { return kPatternFuncs; }

}  // namespace tycho::stdlib
