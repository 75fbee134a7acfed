// The utf8 library (manual §6.5; Lua's lutf8lib.c).
//
// Lua's UTF-8 is the original, extended form: sequences of up to six bytes encode values up to
// 0x7FFFFFFF. Strict mode (the default) accepts only Unicode scalar values: no surrogates
// (D800-DFFF) and nothing above 10FFFF. The `lax` flags accept the extended range. Overlong
// encodings are always rejected.
#include <climits>
#include <cstdint>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/string.hpp"

namespace tycho::stdlib {

namespace {

constexpr uint32_t kMaxUnicode = 0x10FFFF;
constexpr uint32_t kMaxUtf = 0x7FFFFFFF;

// The pattern of one UTF-8 sequence (its first byte and its continuation bytes).
constexpr char kCharPattern[] = "[\0-\x7F\xC2-\xFD][\x80-\xBF]*";

bool is_cont(const char* p) { return (static_cast<unsigned char>(*p) & 0xC0) == 0x80; }

// A relative string position: negative counts back from the end (and clips to 0).
int64_t u_posrelat(int64_t pos, size_t len) {
  if (pos >= 0) return pos;
  if (0u - static_cast<size_t>(pos) > len) return 0;
  return static_cast<int64_t>(len) + pos + 1;
}

// Decode one sequence at s; null if it is invalid. The string must end with a '\0' (Lua
// strings do), which stops the scan of continuation bytes.
const char* utf8_decode(const char* s, uint32_t* val, bool strict) {
  // The smallest value for each count of continuation bytes, to reject overlong forms; the
  // first entry rejects a lone byte 0x80-0xBF (a continuation byte with no lead).
  static constexpr uint32_t kLimits[] = {~uint32_t{0}, 0x80,      0x800,
                                         0x10000u,     0x200000u, 0x4000000u};
  unsigned int c = static_cast<unsigned char>(s[0]);
  uint32_t res = 0;
  if (c < 0x80) {
    res = c;
  } else {
    int count = 0;               // continuation bytes
    for (; c & 0x40; c <<= 1) {  // each 1 bit after the first asks for one more byte
      unsigned int cc = static_cast<unsigned char>(s[++count]);
      if ((cc & 0xC0) != 0x80) return nullptr;
      res = (res << 6) | (cc & 0x3F);
    }
    res |= static_cast<uint32_t>(c & 0x7F) << (count * 5);  // the lead byte's bits
    if (count > 5 || res > kMaxUtf || res < kLimits[count]) return nullptr;
    s += count;
  }
  if (strict && (res > kMaxUnicode || (0xD800u <= res && res <= 0xDFFFu))) return nullptr;
  if (val != nullptr) *val = res;
  return s + 1;
}

// utf8.len(s [, i [, j [, lax]]]): the number of characters starting in [i, j], or fail and the
// position of the first invalid byte.
int utf_len(Thread* L) {
  size_t len;
  const char* s = check_lstring(L, 1, &len);
  int64_t posi = u_posrelat(opt_integer(L, 2, 1), len);
  int64_t posj = u_posrelat(opt_integer(L, 3, -1), len);
  bool lax = api::to_boolean(L, 4);
  arg_check(L, 1 <= posi && --posi <= static_cast<int64_t>(len), 2,
            "initial position out of bounds");
  arg_check(L, --posj < static_cast<int64_t>(len), 3, "final position out of bounds");
  int64_t n = 0;
  while (posi <= posj) {
    const char* s1 = utf8_decode(s + posi, nullptr, !lax);
    if (s1 == nullptr) {
      push_fail(L);
      api::push_integer(L, posi + 1);
      return 2;
    }
    posi = s1 - s;
    n++;
  }
  api::push_integer(L, n);
  return 1;
}

// utf8.codepoint(s [, i [, j [, lax]]]): the code points of the characters starting in [i, j].
int utf_codepoint(Thread* L) {
  size_t len;
  const char* s = check_lstring(L, 1, &len);
  int64_t posi = u_posrelat(opt_integer(L, 2, 1), len);
  int64_t pose = u_posrelat(opt_integer(L, 3, posi), len);
  bool lax = api::to_boolean(L, 4);
  arg_check(L, posi >= 1, 2, "out of bounds");
  arg_check(L, pose <= static_cast<int64_t>(len), 3, "out of bounds");
  if (posi > pose) return 0;
  if (pose - posi >= INT_MAX) error(L, "string slice too long");
  check_stack(L, static_cast<int>(pose - posi) + 1, "string slice too long");
  int n = 0;
  const char* se = s + pose;
  for (s += posi - 1; s < se;) {
    uint32_t code;
    s = utf8_decode(s, &code, !lax);
    if (s == nullptr) error(L, "invalid UTF-8 code");
    api::push_integer(L, code);
    n++;
  }
  return n;
}

// Append the encoding of argument `arg` (a value up to 0x7FFFFFFF) to b.
void add_utf_char(Thread* L, Buffer& b, int arg) {
  uint64_t code = static_cast<uint64_t>(check_integer(L, arg));
  arg_check(L, code <= kMaxUtf, arg, "value out of range");
  char buff[vm::kUtf8BufSize];
  int n = vm::utf8_encode(buff, static_cast<unsigned long>(code));
  b.add(buff + vm::kUtf8BufSize - n, static_cast<size_t>(n));
}

int utf_char(Thread* L) {
  int n = api::get_top(L);
  Buffer b(L);
  for (int i = 1; i <= n; i++) add_utf_char(L, b, i);
  b.push_result(L);
  return 1;
}

// utf8.offset(s, n [, i]): the position where the n-th character counting from position i
// starts; n == 0 finds the start of the character containing byte i.
int utf_offset(Thread* L) {
  size_t len;
  const char* s = check_lstring(L, 1, &len);
  int64_t n = check_integer(L, 2);
  int64_t posi = n >= 0 ? 1 : static_cast<int64_t>(len) + 1;
  posi = u_posrelat(opt_integer(L, 3, posi), len);
  arg_check(L, 1 <= posi && --posi <= static_cast<int64_t>(len), 3, "position out of bounds");
  if (n == 0) {
    while (posi > 0 && is_cont(s + posi)) posi--;
  } else {
    if (is_cont(s + posi)) error(L, "initial position is a continuation byte");
    if (n < 0) {
      while (n < 0 && posi > 0) {  // move back
        do {
          posi--;
        } while (posi > 0 && is_cont(s + posi));
        n++;
      }
    } else {
      n--;  // the first character is the one at i
      while (n > 0 && posi < static_cast<int64_t>(len)) {
        do {
          posi++;
        } while (is_cont(s + posi));  // cannot pass the final '\0'
        n--;
      }
    }
  }
  if (n == 0) {
    api::push_integer(L, posi + 1);
  } else {
    push_fail(L);  // no such character
  }
  return 1;
}

// The iterator of utf8.codes: from the byte position in argument 2 (the previous character),
// skip its continuation bytes and decode the next character.
int iter_aux(Thread* L, bool strict) {
  size_t len;
  const char* s = check_lstring(L, 1, &len);
  uint64_t n = static_cast<uint64_t>(api::to_integer(L, 2));
  if (n < len) {
    while (is_cont(s + n)) n++;
  }
  if (n >= len) return 0;  // done (also when the control value was negative)
  uint32_t code;
  if (utf8_decode(s + n, &code, strict) == nullptr) error(L, "invalid UTF-8 code");
  api::push_integer(L, static_cast<int64_t>(n + 1));
  api::push_integer(L, code);
  return 2;
}

int iter_aux_strict(Thread* L) { return iter_aux(L, true); }
int iter_aux_lax(Thread* L) { return iter_aux(L, false); }

int utf_codes(Thread* L) {
  bool lax = api::to_boolean(L, 2);
  check_string(L, 1);
  api::push_native_function(L, lax ? iter_aux_lax : iter_aux_strict);
  api::push_value(L, 1);
  api::push_integer(L, 0);
  return 3;
}

const Reg kFuncs[] = {
    {"offset", utf_offset}, {"codepoint", utf_codepoint}, {"char", utf_char}, {"len", utf_len},
    {"codes", utf_codes},   {"charpattern", nullptr},  // placeholder, set below
    {nullptr, nullptr},
};

}  // namespace

int open_utf8(Thread* L) {
  new_lib(L, kFuncs);
  api::push_lstring(L, kCharPattern, sizeof(kCharPattern) - 1);
  api::set_field(L, -2, "charpattern");
  return 1;
}

}  // namespace tycho::stdlib
