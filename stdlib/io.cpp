// The io library (manual §6.8; Lua's liolib.c, function for function and message for message).
//
// A file handle is a full userdata holding a Stream: the C stdio FILE* and the function that
// closes it. The closing function differs by origin (fclose for io.open, pclose for io.popen,
// a refusal for the standard files) and doubles as the open/closed flag: a null `closef`
// means the handle is closed. Handles share the metatable registered as "FILE*", whose
// __index is the method table; __gc and __close close a file still open.
//
// The default input and output files live in the registry under "_IO_input" and
// "_IO_output", so that io.read/io.write find them without upvalues.
//
// The collector does not run __gc finalizers yet, and closing a VM does not call them either:
// a file left open is flushed and closed only by the C runtime at process exit.
#include <cctype>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/number.hpp"

namespace tycho::stdlib {

namespace {

constexpr const char* kFileHandle = "FILE*";  // registry name of the handles' metatable
constexpr const char* kIoInput = "_IO_input";
constexpr const char* kIoOutput = "_IO_output";
constexpr size_t kIoPrefixLen = 4;  // strlen("_IO_"): messages name "input"/"output"

// lauxlib's LUAL_BUFFERSIZE: the chunk size of reads and the default setvbuf size.
constexpr size_t kBufferSize = 1024;
// Most format arguments of f:lines/io.lines: the iterator keeps them as upvalues after the
// file, the count and the close flag, and a closure has at most 255 upvalues.
constexpr int kMaxArgLine = 250;
constexpr int kMaxLenNum = 200;  // longest numeral read by read("n")

struct Stream {
  FILE* f;
  vm::NativeFn closef;  // null: the handle is closed
};

bool is_closed(const Stream* p) { return p->closef == nullptr; }

Stream* to_stream(Thread* L) { return static_cast<Stream*>(check_udata(L, 1, kFileHandle)); }

// The open FILE of the handle at argument 1.
FILE* to_file(Thread* L) {
  Stream* p = to_stream(L);
  if (is_closed(p)) error(L, "attempt to use a closed file");
  return p->f;
}

// Whether `mode` matches "[rwa]%+?b*" (fopen's portable modes).
bool check_mode(const char* mode) {
  if (*mode == '\0' || std::strchr("rwa", *mode) == nullptr) return false;
  mode++;
  if (*mode == '+') mode++;
  return std::strspn(mode, "b") == std::strlen(mode);
}

// popen accepts only "r" and "w".
bool check_mode_popen(const char* mode) {
  return (mode[0] == 'r' || mode[0] == 'w') && mode[1] == '\0';
}

// ---- Handles ----

// A new handle in the closed state, so that a memory error before the file is open leaves a
// consistent object for the finalizer.
Stream* new_prefile(Thread* L) {
  auto* p = static_cast<Stream*>(api::new_userdata(L, sizeof(Stream), 0));
  p->f = nullptr;
  p->closef = nullptr;
  set_metatable(L, kFileHandle);
  return p;
}

// Calls the handle's closing function (the handle at argument 1) and marks it closed.
int aux_close(Thread* L) {
  Stream* p = to_stream(L);
  vm::NativeFn cf = p->closef;
  p->closef = nullptr;
  return cf(L);
}

int io_fclose(Thread* L) {
  Stream* p = to_stream(L);
  int res = std::fclose(p->f);
  return file_result(L, res == 0, nullptr);
}

int io_pclose(Thread* L) {
  Stream* p = to_stream(L);
  errno = 0;
  return exec_result(L, pclose(p->f));
}

// The standard files refuse to be closed and stay open.
int io_noclose(Thread* L) {
  Stream* p = to_stream(L);
  p->closef = io_noclose;
  push_fail(L);
  api::push_string(L, "cannot close standard file");
  return 2;
}

Stream* new_file(Thread* L) {
  Stream* p = new_prefile(L);
  p->closef = io_fclose;
  return p;
}

// Open a file for io.lines/io.input/io.output, raising an error when it cannot be opened.
void open_check(Thread* L, const char* fname, const char* mode) {
  Stream* p = new_file(L);
  p->f = std::fopen(fname, mode);
  if (p->f == nullptr) error(L, "cannot open file '%s' (%s)", fname, std::strerror(errno));
}

// The default file `key` (kIoInput/kIoOutput), left on the stack top.
FILE* get_io_file(Thread* L, const char* key) {
  api::get_field(L, vm::kRegistryIndex, key);
  auto* p = static_cast<Stream*>(api::to_userdata(L, -1));
  if (is_closed(p)) error(L, "default %s file is closed", key + kIoPrefixLen);
  return p->f;
}

// ---- Reading ----

// read("n"): reads the longest prefix of a numeral (at most kMaxLenNum characters) and lets
// the string-to-number conversion decide whether it is one, as Lua does.
struct NumberReader {
  FILE* f;
  int c;  // the look-ahead character
  int n;  // characters in buff
  char buff[kMaxLenNum + 1];

  // Keep the current character and read the next one; fails when the numeral is too long.
  bool next() {
    if (n >= kMaxLenNum) {
      buff[0] = '\0';  // invalidate the result
      return false;
    }
    buff[n++] = static_cast<char>(c);
    c = getc_unlocked(f);
    return true;
  }
  // Accept the current character if it is one of the two in `set`.
  bool test2(const char* set) { return (c == set[0] || c == set[1]) && next(); }
  int read_digits(bool hex) {
    int count = 0;
    while ((hex ? std::isxdigit(c) : std::isdigit(c)) && next()) count++;
    return count;
  }
};

bool read_number(Thread* L, FILE* f) {
  NumberReader rn;
  rn.f = f;
  rn.n = 0;
  int count = 0;
  bool hex = false;
  const char decp[2] = {std::localeconv()->decimal_point[0], '.'};  // always accept a dot
  flockfile(f);
  do {
    rn.c = getc_unlocked(f);
  } while (std::isspace(rn.c));
  rn.test2("-+");  // optional sign
  if (rn.test2("00")) {
    if (rn.test2("xX")) {
      hex = true;
    } else {
      count = 1;  // the initial '0' is a digit
    }
  }
  count += rn.read_digits(hex);                      // integral part
  if (rn.test2(decp)) count += rn.read_digits(hex);  // fractional part
  if (count > 0 && rn.test2(hex ? "pP" : "eE")) {    // exponent
    rn.test2("-+");
    rn.read_digits(false);
  }
  std::ungetc(rn.c, f);
  funlockfile(f);
  rn.buff[rn.n] = '\0';
  if (api::string_to_number(L, rn.buff) != 0) return true;
  api::push_nil(L);  // the "result" that g_read replaces by fail
  return false;
}

// read(0): "" unless at the end of the file.
bool test_eof(Thread* L, FILE* f) {
  int c = std::getc(f);
  std::ungetc(c, f);  // no-op at EOF
  api::push_string(L, "");
  return c != EOF;
}

bool read_line(Thread* L, FILE* f, bool chop) {
  Buffer b(L);
  char chunk[kBufferSize];
  int c;
  do {  // whole chunks, so that nothing can fail while the file is locked
    size_t i = 0;
    flockfile(f);
    while (i < kBufferSize && (c = getc_unlocked(f)) != EOF && c != '\n') {
      chunk[i++] = static_cast<char>(c);
    }
    funlockfile(f);
    b.add(chunk, i);
  } while (c != EOF && c != '\n');
  if (!chop && c == '\n') b.add_char('\n');
  b.push_result(L);
  return c == '\n' || b.size() > 0;  // read something (a newline counts)
}

// Read up to `n` bytes (all there is when n is SIZE_MAX) in growing chunks; returns how many.
size_t read_up_to(FILE* f, size_t n, Buffer* b) {
  size_t total = 0;
  while (n > 0) {
    size_t want = b->size() > kBufferSize ? b->size() : kBufferSize;
    if (want > n) want = n;
    b->reserve(want);
    size_t nr = std::fread(b->data() + b->size(), 1, want, f);
    b->sub_grow(nr);
    total += nr;
    n -= nr;
    if (nr < want) break;  // end of file or error
  }
  return total;
}

void read_all(Thread* L, FILE* f) {
  Buffer b(L);
  read_up_to(f, SIZE_MAX, &b);
  b.push_result(L);
}

bool read_chars(Thread* L, FILE* f, size_t n) {
  Buffer b(L);
  size_t nr = read_up_to(f, n, &b);
  b.push_result(L);
  return nr > 0;
}

// Reads with the formats at first.. and returns their results: a fail (nil) stops the
// sequence, and a read error returns the file_result triple instead.
int g_read(Thread* L, FILE* f, int first) {
  int nargs = api::get_top(L) - 1;
  int n;
  bool success;
  std::clearerr(f);
  if (nargs == 0) {  // no formats: one line
    success = read_line(L, f, true);
    n = first + 1;
  } else {
    // room for every result and for the buffers
    check_stack(L, nargs + vm::kMinStack, "too many arguments");
    success = true;
    for (n = first; nargs-- && success; n++) {
      if (api::type(L, n) == vm::kTNumber) {
        auto l = static_cast<size_t>(check_integer(L, n));
        success = (l == 0) ? test_eof(L, f) : read_chars(L, f, l);
      } else {
        const char* p = check_string(L, n);
        if (*p == '*') p++;  // the 5.2 style "*l" is still accepted
        switch (*p) {
          case 'n':
            success = read_number(L, f);
            break;
          case 'l':
            success = read_line(L, f, true);
            break;
          case 'L':
            success = read_line(L, f, false);
            break;
          case 'a':
            read_all(L, f);
            success = true;  // even at the end of the file: ""
            break;
          default:
            arg_error(L, n, "invalid format");
        }
      }
    }
  }
  if (std::ferror(f)) return file_result(L, false, nullptr);
  if (!success) {
    api::pop(L, 1);
    push_fail(L);
  }
  return n - first;
}

// The iterator of lines(): upvalues are the file, the number of formats, whether to close the
// file at the end, and the formats.
int io_readline(Thread* L) {
  auto* p = static_cast<Stream*>(api::to_userdata(L, api::upvalue_index(1)));
  auto n = static_cast<int>(api::to_integer(L, api::upvalue_index(2)));
  if (is_closed(p)) error(L, "file is already closed");
  api::set_top(L, 1);
  check_stack(L, n, "too many arguments");
  for (int i = 1; i <= n; i++) api::push_value(L, api::upvalue_index(3 + i));
  n = g_read(L, p->f, 2);
  if (api::to_boolean(L, -n)) return n;  // read at least one value
  // The first result is fail: the end of the file, or an error with its message second.
  if (n > 1) error(L, "%s", api::to_string(L, -n + 1));
  if (api::to_boolean(L, api::upvalue_index(3))) {  // lines() opened the file: close it
    api::set_top(L, 0);
    api::push_value(L, api::upvalue_index(1));
    aux_close(L);
  }
  return 0;
}

// Push the iterator of lines() over the file at 1 with the formats above it.
void aux_lines(Thread* L, bool toclose) {
  int n = api::get_top(L) - 1;  // number of formats
  arg_check(L, n <= kMaxArgLine, kMaxArgLine + 2, "too many arguments");
  api::push_value(L, 1);
  api::push_integer(L, n);
  api::push_boolean(L, toclose);
  api::rotate(L, 2, 3);  // file, n, toclose before the formats
  api::push_native_closure(L, io_readline, 3 + n);
}

// ---- Writing ----

int g_write(Thread* L, FILE* f, int arg) {
  int nargs = api::get_top(L) - arg;
  bool ok = true;
  for (; nargs--; arg++) {
    if (api::type(L, arg) == vm::kTNumber) {
      // lua5.4 writes numbers with its number formats ("%.14g": 1.0 is written as "1")
      char buf[vm::kMaxNumber2Str];
      const vm::Value v = api::is_integer(L, arg) ? vm::Value::integer(api::to_integer(L, arg))
                                                  : vm::Value::number(api::to_number(L, arg));
      const auto len = static_cast<size_t>(vm::number_format(v, buf));
      ok = ok && std::fwrite(buf, 1, len, f) == len;
    } else {
      size_t l;
      const char* s = check_lstring(L, arg, &l);
      ok = ok && std::fwrite(s, 1, l, f) == l;
    }
  }
  if (ok) return 1;  // the file is on the top
  return file_result(L, false, nullptr);
}

// ---- The io table ----

int io_close(Thread* L) {
  if (api::is_none(L, 1)) api::get_field(L, vm::kRegistryIndex, kIoOutput);
  to_file(L);  // must be an open file
  return aux_close(L);
}

int io_flush(Thread* L) {
  return file_result(L, std::fflush(get_io_file(L, kIoOutput)) == 0, nullptr);
}

// io.input/io.output: set the default file from a name or a handle; return the current one.
int g_iofile(Thread* L, const char* key, const char* mode) {
  if (!api::is_none_or_nil(L, 1)) {
    const char* filename = api::to_string(L, 1);
    if (filename != nullptr) {
      open_check(L, filename, mode);
    } else {
      to_file(L);  // must be an open file handle
      api::push_value(L, 1);
    }
    api::set_field(L, vm::kRegistryIndex, key);
  }
  api::get_field(L, vm::kRegistryIndex, key);
  return 1;
}

int io_input(Thread* L) { return g_iofile(L, kIoInput, "r"); }
int io_output(Thread* L) { return g_iofile(L, kIoOutput, "w"); }

// io.lines(filename, ...) opens the file and returns it also as the to-be-closed value of
// the generic for (the fourth result), so that breaking out of the loop closes it.
int io_lines(Thread* L) {
  bool toclose;
  if (api::is_none(L, 1)) api::push_nil(L);
  if (api::is_nil(L, 1)) {  // the default input
    api::get_field(L, vm::kRegistryIndex, kIoInput);
    api::replace(L, 1);
    to_file(L);
    toclose = false;
  } else {
    const char* filename = check_string(L, 1);
    open_check(L, filename, "r");
    api::replace(L, 1);
    toclose = true;
  }
  aux_lines(L, toclose);
  if (!toclose) return 1;
  api::push_nil(L);       // state
  api::push_nil(L);       // control
  api::push_value(L, 1);  // closing value
  return 4;
}

int io_open(Thread* L) {
  const char* filename = check_string(L, 1);
  const char* mode = opt_string(L, 2, "r");
  Stream* p = new_file(L);
  arg_check(L, check_mode(mode), 2, "invalid mode");
  p->f = std::fopen(filename, mode);
  return p->f == nullptr ? file_result(L, false, filename) : 1;
}

int io_popen(Thread* L) {
  const char* command = check_string(L, 1);
  const char* mode = opt_string(L, 2, "r");
  Stream* p = new_prefile(L);
  arg_check(L, check_mode_popen(mode), 2, "invalid mode");
  std::fflush(nullptr);  // the child must not see (and repeat) our buffered output
  p->f = popen(command, mode);
  p->closef = io_pclose;
  return p->f == nullptr ? file_result(L, false, command) : 1;
}

int io_read(Thread* L) { return g_read(L, get_io_file(L, kIoInput), 1); }

int io_tmpfile(Thread* L) {
  Stream* p = new_file(L);
  p->f = std::tmpfile();
  return p->f == nullptr ? file_result(L, false, nullptr) : 1;
}

int io_type(Thread* L) {
  check_any(L, 1);
  auto* p = static_cast<Stream*>(test_udata(L, 1, kFileHandle));
  if (p == nullptr) {
    push_fail(L);
  } else {
    api::push_string(L, is_closed(p) ? "closed file" : "file");
  }
  return 1;
}

int io_write(Thread* L) { return g_write(L, get_io_file(L, kIoOutput), 1); }

// ---- Methods ----

int f_close(Thread* L) {
  to_file(L);
  return aux_close(L);
}

int f_flush(Thread* L) { return file_result(L, std::fflush(to_file(L)) == 0, nullptr); }

int f_lines(Thread* L) {
  to_file(L);
  aux_lines(L, false);
  return 1;
}

int f_read(Thread* L) { return g_read(L, to_file(L), 2); }

int f_seek(Thread* L) {
  static const int kModes[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  static const char* const kModeNames[] = {"set", "cur", "end", nullptr};
  FILE* f = to_file(L);
  int op = check_option(L, 2, "cur", kModeNames);
  int64_t p3 = opt_integer(L, 3, 0);
  auto offset = static_cast<off_t>(p3);
  arg_check(L, static_cast<int64_t>(offset) == p3, 3, "not an integer in proper range");
  if (fseeko(f, offset, kModes[op]) != 0) return file_result(L, false, nullptr);
  api::push_integer(L, static_cast<int64_t>(ftello(f)));
  return 1;
}

int f_setvbuf(Thread* L) {
  static const int kModes[] = {_IONBF, _IOFBF, _IOLBF};
  static const char* const kModeNames[] = {"no", "full", "line", nullptr};
  FILE* f = to_file(L);
  int op = check_option(L, 2, nullptr, kModeNames);
  int64_t sz = opt_integer(L, 3, static_cast<int64_t>(kBufferSize));
  int res = std::setvbuf(f, nullptr, kModes[op], static_cast<size_t>(sz));
  return file_result(L, res == 0, nullptr);
}

int f_write(Thread* L) {
  FILE* f = to_file(L);
  api::push_value(L, 1);  // the result
  return g_write(L, f, 2);
}

// __gc and __close: close a file that is still open (and was opened completely).
int f_gc(Thread* L) {
  Stream* p = to_stream(L);
  if (!is_closed(p) && p->f != nullptr) aux_close(L);
  return 0;
}

int f_tostring(Thread* L) {
  Stream* p = to_stream(L);
  if (is_closed(p)) {
    api::push_string(L, "file (closed)");
  } else {
    api::push_fstring(L, "file (%p)", static_cast<void*>(p->f));
  }
  return 1;
}

const Reg kIoFuncs[] = {
    {"close", io_close},     {"flush", io_flush},   {"input", io_input}, {"lines", io_lines},
    {"open", io_open},       {"output", io_output}, {"popen", io_popen}, {"read", io_read},
    {"tmpfile", io_tmpfile}, {"type", io_type},     {"write", io_write}, {nullptr, nullptr},
};

const Reg kMethods[] = {
    {"read", f_read}, {"write", f_write}, {"lines", f_lines},     {"flush", f_flush},
    {"seek", f_seek}, {"close", f_close}, {"setvbuf", f_setvbuf}, {nullptr, nullptr},
};

const Reg kMetamethods[] = {
    {"__index", nullptr},  // the method table, set below
    {"__gc", f_gc},        {"__close", f_gc},      {"__tostring", f_tostring},
    {"__name", nullptr},   // placeholder: new_metatable's field
    {nullptr, nullptr},
};

void create_meta(Thread* L) {
  // new_metatable and set_funcs, with the table made by new_lib (a copy of its image).
  if (get_metatable(L, kFileHandle) == vm::kTNil) {
    api::pop(L, 1);
    new_lib(L, kMetamethods);
    api::push_string(L, kFileHandle);
    api::set_field(L, -2, "__name");
    api::push_value(L, -1);
    api::set_field(L, vm::kRegistryIndex, kFileHandle);
  } else {
    api::get_field(L, -1, "__name");
    set_funcs(L, kMetamethods, 0);
    api::set_field(L, -2, "__name");  // the placeholder's store undone
  }
  new_lib(L, kMethods);
  api::set_field(L, -2, "__index");
  api::pop(L, 1);
}

// A handle for a standard file in the io table (and in the registry when `key` is given).
void create_std_file(Thread* L, FILE* f, const char* key, const char* fname) {
  Stream* p = new_prefile(L);
  p->f = f;
  p->closef = io_noclose;
  if (key != nullptr) {
    api::push_value(L, -1);
    api::set_field(L, vm::kRegistryIndex, key);
  }
  api::set_field(L, -2, fname);
}

}  // namespace

int open_io(Thread* L) {
  new_lib(L, kIoFuncs);
  create_meta(L);
  create_std_file(L, stdin, kIoInput, "stdin");
  create_std_file(L, stdout, kIoOutput, "stdout");
  create_std_file(L, stderr, nullptr, "stderr");
  return 1;
}

}  // namespace tycho::stdlib
