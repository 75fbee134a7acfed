// The string library: string.format (manual §6.4), a port of lstrlib.c's str_format.
//
// Each conversion specification is copied out of the format string, validated against the
// flags, width (two digits at most) and precision that lua5.4 accepts for its conversion, and
// then handed to the C library's snprintf with the length modifier for the argument's C type,
// exactly as lstrlib does: so the results are byte-identical to lua5.4's. The common items
// (plain "%d" and "%s", integers and finite floats without '#' or an integer precision) skip
// snprintf, producing the same bytes more cheaply (format_int_fast, format_float_fast).
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <clocale>
#include <cstring>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/api.hpp"

namespace tycho::stdlib {

namespace {

constexpr char kEsc = '%';

// Largest result of one item: "%.99f" of the largest double needs 99 digits after the point
// plus 309 before it, a sign, the point and the NUL (lstrlib's MAX_ITEMF). Every other
// conversion fits in kMaxItem (99 significant digits plus '0x', sign, point, exponent).
constexpr int kMaxItemF = 110 + 308;
constexpr int kMaxItem = 120;

// Longest conversion specification ("%-099.99d" plus a length modifier and the NUL, with room
// to spare): lstrlib's MAX_FORMAT.
constexpr size_t kMaxFormat = 32;

// The flags each family of conversions accepts.
constexpr const char* kFlagsFloat = "-+#0 ";  // a A e E f F g G
constexpr const char* kFlagsHex = "-#0";      // o x X
constexpr const char* kFlagsInt = "-+0 ";     // d i
constexpr const char* kFlagsUnsigned = "-0";  // u
constexpr const char* kFlagsChar = "-";       // c p s

inline int uchar(char c) { return static_cast<unsigned char>(c); }

// Appends s as a Lua string literal that reads back as the same bytes.
void add_quoted(Buffer& b, const char* s, size_t len) {
  b.add_char('"');
  for (; len--; s++) {
    if (*s == '"' || *s == '\\' || *s == '\n') {
      b.add_char('\\');
      b.add_char(*s);
    } else if (std::iscntrl(uchar(*s))) {
      // A following digit would extend a short escape, so use three digits then. (s[1] is
      // readable at the last byte: Lua strings end with a NUL.)
      char buff[10];
      int n = std::snprintf(buff, sizeof(buff), std::isdigit(uchar(s[1])) ? "\\%03d" : "\\%d",
                            uchar(*s));
      b.add(buff, static_cast<size_t>(n));
    } else {
      b.add_char(*s);
    }
  }
  b.add_char('"');
}

// A float as a numeral that reads back exactly: hexadecimal, or a fixed spelling for the
// values that have no numeral (lstrlib's quotefloat).
int quote_float(char* buff, double n) {
  if (n == HUGE_VAL) return std::snprintf(buff, kMaxItem, "1e9999");
  if (n == -HUGE_VAL) return std::snprintf(buff, kMaxItem, "-1e9999");
  if (n != n) return std::snprintf(buff, kMaxItem, "(0/0)");
  int nb = std::snprintf(buff, kMaxItem, "%a", n);
  // The C locale is in force (the runtime never calls setlocale), so the radix is a dot.
  return nb;
}

// %q: the argument as a Lua literal.
void add_literal(Thread* L, Buffer& b, int arg) {
  switch (api::type(L, arg)) {
    case vm::kTString: {
      size_t len;
      const char* s = api::to_lstring(L, arg, &len);
      add_quoted(b, s, len);
      break;
    }
    case vm::kTNumber: {
      char buff[kMaxItem];
      int nb;
      if (!api::is_integer(L, arg)) {
        nb = quote_float(buff, api::to_number(L, arg));
      } else {
        int64_t n = api::to_integer(L, arg);
        // mininteger has no decimal numeral (-9223372036854775808 reads as a float), but its
        // hexadecimal spelling wraps around to it.
        nb = std::snprintf(buff, kMaxItem, n == INT64_MIN ? "0x%llx" : "%lld",
                           static_cast<long long>(n));
      }
      b.add(buff, static_cast<size_t>(nb));
      break;
    }
    case vm::kTNil:
    case vm::kTBoolean:
      tolstring(L, arg, nullptr);
      b.add_value(L);
      break;
    default:
      arg_error(L, arg, "value has no literal form");
  }
}

const char* get_2_digits(const char* s) {
  if (std::isdigit(uchar(*s))) {
    s++;
    if (std::isdigit(uchar(*s))) s++;  // two digits at most
  }
  return s;
}

// Checks the specification in `form` ('%' ... conversion letter): only `flags`, a width of
// at most two digits that does not start with '0', and (if `precision`) a precision of at
// most two digits.
void check_format(Thread* L, const char* form, const char* flags, bool precision) {
  const char* spec = form + 1;
  spec += std::strspn(spec, flags);
  if (*spec != '0') {  // a '0' here would be a flag that this conversion refuses
    spec = get_2_digits(spec);
    if (*spec == '.' && precision) {
      spec++;
      spec = get_2_digits(spec);
    }
  }
  if (!std::isalpha(uchar(*spec))) {
    error(L, "invalid conversion specification: '%s'", form);
  }
}

// Copies the specification at strfrmt (just after the '%') into form as "%...c"; returns
// the address of its conversion letter.
const char* get_format(Thread* L, const char* strfrmt, char* form) {
  // Span the flags, width and precision ('0' counts as a flag here).
  size_t len = std::strspn(strfrmt, "-+#0 123456789.");
  len++;  // the conversion letter
  if (len >= kMaxFormat - 10) error(L, "invalid format (too long)");
  *(form++) = '%';
  std::memcpy(form, strfrmt, len);
  form[len] = '\0';
  return strfrmt + len - 1;
}

// The numeric conversions formatted here instead of by snprintf, with the same bytes: an
// integer (d i x X o, no precision, no '#') or a finite float (f F e E g G, no '#', the
// locale's point '.') through std::to_chars, which the standard defines as printf's output
// for the same precision, then the sign flags and the padding. -1: snprintf's work.
struct Spec {
  bool minus = false, zero = false, plus = false, space = false, hash = false;
  int width = 0;
  int precision = -1;
};

Spec parse_spec(const char* form) {  // form: "%<flags><width>[.<precision>]<letter>", checked
  Spec sp;
  const char* p = form + 1;
  for (;; p++) {
    if (*p == '-') sp.minus = true;
    else if (*p == '0') sp.zero = true;
    else if (*p == '+') sp.plus = true;
    else if (*p == ' ') sp.space = true;
    else if (*p == '#') sp.hash = true;
    else break;
  }
  while (std::isdigit(uchar(*p))) sp.width = sp.width * 10 + (*p++ - '0');
  if (*p == '.') {
    sp.precision = 0;
    p++;
    while (std::isdigit(uchar(*p))) sp.precision = sp.precision * 10 + (*p++ - '0');
  }
  return sp;
}

// Pads body[0, len) (which starts with its sign, if any) to the width in out; returns the length.
int pad_item(const Spec& sp, const char* body, int len, bool zero_ok, char* out) {
  if (len >= sp.width) {
    std::memcpy(out, body, static_cast<size_t>(len));
    return len;
  }
  const int fill = sp.width - len;
  if (sp.minus) {
    std::memcpy(out, body, static_cast<size_t>(len));
    std::memset(out + len, ' ', static_cast<size_t>(fill));
  } else if (sp.zero && zero_ok) {  // zeros between the sign and the digits
    const int sign = (body[0] == '-' || body[0] == '+' || body[0] == ' ') ? 1 : 0;
    std::memcpy(out, body, static_cast<size_t>(sign));
    std::memset(out + sign, '0', static_cast<size_t>(fill));
    std::memcpy(out + sign + fill, body + sign, static_cast<size_t>(len - sign));
  } else {
    std::memset(out, ' ', static_cast<size_t>(fill));
    std::memcpy(out + fill, body, static_cast<size_t>(len));
  }
  return sp.width;
}

int format_int_fast(const char* form, char conv, int64_t n, char* out) {
  const Spec sp = parse_spec(form);
  if (sp.precision >= 0 || sp.hash) return -1;
  char body[72];
  char* p = body;
  char* end = body + sizeof(body);
  if (conv == 'd' || conv == 'i') {
    if (n < 0) {
      *p++ = '-';
    } else if (sp.plus) {
      *p++ = '+';
    } else if (sp.space) {
      *p++ = ' ';
    }
    uint64_t mag = n < 0 ? uint64_t{0} - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
    p = std::to_chars(p, end, mag).ptr;
  } else {
    const int base = conv == 'o' ? 8 : 16;
    char* start = p;
    p = std::to_chars(p, end, static_cast<uint64_t>(n), base).ptr;
    if (conv == 'X') {
      for (char* q = start; q < p; q++) *q = static_cast<char>(std::toupper(uchar(*q)));
    }
  }
  return pad_item(sp, body, static_cast<int>(p - body), true, out);
}

int format_float_fast(const char* form, char conv, double n, char* out) {
  const Spec sp = parse_spec(form);
  if (sp.hash || !std::isfinite(n) || std::localeconv()->decimal_point[0] != '.') return -1;
  const int precision = sp.precision < 0 ? 6 : sp.precision;
  const char lower = static_cast<char>(std::tolower(uchar(conv)));
  const std::chars_format fmt = lower == 'f'   ? std::chars_format::fixed
                                : lower == 'e' ? std::chars_format::scientific
                                               : std::chars_format::general;
  char body[kMaxItemF];
  char* p = body;
  if (!std::signbit(n)) {
    if (sp.plus) {
      *p++ = '+';
    } else if (sp.space) {
      *p++ = ' ';
    }
  }
  const std::to_chars_result r = std::to_chars(p, body + sizeof(body), n, fmt, precision);
  if (r.ec != std::errc()) return -1;
  if (conv == 'E' || conv == 'G') {
    for (char* q = p; q < r.ptr; q++) {
      if (*q == 'e') *q = 'E';
    }
  }
  return pad_item(sp, body, static_cast<int>(r.ptr - body), true, out);
}

// Inserts a length modifier before the conversion letter.
void add_len_mod(char* form, const char* lenmod) {
  size_t l = std::strlen(form);
  size_t lm = std::strlen(lenmod);
  char spec = form[l - 1];
  std::memcpy(form + l - 1, lenmod, lm);
  form[l + lm - 1] = spec;
  form[l + lm] = '\0';
}

int str_format(Thread* L) {
  int top = api::get_top(L);
  int arg = 1;
  size_t sfl;
  const char* strfrmt = check_lstring(L, arg, &sfl);
  const char* strfrmt_end = strfrmt + sfl;
  Buffer b(L);
  b.reserve(sfl + 16);
  while (strfrmt < strfrmt_end) {
    if (*strfrmt != kEsc) {
      // Copy the literal run up to the next '%' at once.
      const char* pct =
          static_cast<const char*>(std::memchr(strfrmt, kEsc, size_t(strfrmt_end - strfrmt)));
      const char* stop = pct ? pct : strfrmt_end;
      b.add(strfrmt, static_cast<size_t>(stop - strfrmt));
      strfrmt = stop;
      continue;
    }
    if (*++strfrmt == kEsc) {  // "%%"
      b.add_char(*strfrmt++);
      continue;
    }
    char form[kMaxFormat];
    char buff[kMaxItemF];
    int nb = 0;  // bytes of the item in buff
    if (++arg > top) arg_error(L, arg, "no value");
    strfrmt = get_format(L, strfrmt, form);
    const char* flags;
    switch (*strfrmt++) {
      case 'c':
        check_format(L, form, kFlagsChar, false);
        nb = std::snprintf(buff, sizeof(buff), form, static_cast<int>(check_integer(L, arg)));
        break;
      case 'd':
      case 'i':
        flags = kFlagsInt;
        goto intcase;
      case 'u':
        flags = kFlagsUnsigned;
        goto intcase;
      case 'o':
      case 'x':
      case 'X':
        flags = kFlagsHex;
      intcase : {
        int64_t n = check_integer(L, arg);
        if (form[2] == '\0' && form[1] == 'd') {  // plain "%d": same digits as "%lld"
          nb = static_cast<int>(std::to_chars(buff, buff + sizeof(buff), n).ptr - buff);
          break;
        }
        check_format(L, form, flags, true);
        nb = strfrmt[-1] == 'u' ? -1 : format_int_fast(form, strfrmt[-1], n, buff);
        if (nb < 0) {
          add_len_mod(form, "ll");
          nb = std::snprintf(buff, sizeof(buff), form, static_cast<long long>(n));
        }
        break;
      }
      case 'a':
      case 'A':
        check_format(L, form, kFlagsFloat, true);
        nb = std::snprintf(buff, sizeof(buff), form, check_number(L, arg));
        break;
      case 'f':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        double n = check_number(L, arg);
        check_format(L, form, kFlagsFloat, true);
        nb = format_float_fast(form, strfrmt[-1], n, buff);
        if (nb < 0) nb = std::snprintf(buff, sizeof(buff), form, n);
        break;
      }
      case 'p': {
        const void* p = api::to_pointer(L, arg);
        check_format(L, form, kFlagsChar, false);
        if (p == nullptr) {  // printf's %p of null is not portable: print "(null)" as %s
          form[std::strlen(form) - 1] = 's';
          nb = std::snprintf(buff, sizeof(buff), form, "(null)");
        } else {
          nb = std::snprintf(buff, sizeof(buff), form, p);
        }
        break;
      }
      case 'q':
        if (form[2] != '\0') error(L, "specifier '%%q' cannot have modifiers");
        add_literal(L, b, arg);
        break;
      case 's': {
        size_t l;
        const char* s = tolstring(L, arg, &l);
        if (form[2] == '\0') {  // no modifiers: the whole string, zeros and all
          b.add_value(L);
        } else {
          arg_check(L, l == std::strlen(s), arg, "string contains zeros");
          check_format(L, form, kFlagsChar, true);
          if (std::strchr(form, '.') == nullptr && l >= 100) {
            b.add_value(L);  // no precision and too long to format: keep it whole
          } else {
            nb = std::snprintf(buff, sizeof(buff), form, s);
            api::pop(L, 1);
          }
        }
        break;
      }
      default:  // also the C length modifiers, which Lua does not accept
        error(L, "invalid conversion '%s' to 'format'", form);
    }
    // Validated specifications always fit (lstrlib asserts as much); clamp all the same so that
    // a C library that disagrees cannot make us read past the item.
    if (nb >= static_cast<int>(sizeof(buff))) nb = static_cast<int>(sizeof(buff)) - 1;
    if (nb > 0) b.add(buff, static_cast<size_t>(nb));
  }
  b.push_result(L);
  return 1;
}

const Reg kFormatFuncs[] = {{"format", str_format}, {nullptr, nullptr}};

}  // namespace

const Reg* string_format_funcs() { return kFormatFuncs; }

}  // namespace tycho::stdlib
