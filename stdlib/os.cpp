// The os library (manual §6.9; Lua's loslib.c, with its POSIX configuration: gmtime_r,
// localtime_r, mkstemp, and the C99 list of strftime conversions).
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/vm.hpp"

namespace tycho::stdlib {

namespace {

// ---- Processes, files and the environment ----

int os_execute(Thread* L) {
  const char* cmd = opt_string(L, 1, nullptr);
  errno = 0;
  int stat = std::system(cmd);
  if (cmd != nullptr) return exec_result(L, stat);
  api::push_boolean(L, stat != 0);  // whether there is a shell
  return 1;
}

int os_exit(Thread* L) {
  int status;
  if (api::is_boolean(L, 1)) {
    status = api::to_boolean(L, 1) ? EXIT_SUCCESS : EXIT_FAILURE;
  } else {
    status = static_cast<int>(opt_integer(L, 1, EXIT_SUCCESS));
  }
  std::fflush(stdout);
  if (L->g->host != nullptr) static_cast<Host*>(L->g->host)->before_exit();
  if (api::to_boolean(L, 2)) vm::close_vm(L);  // runs pending __close handlers
  std::exit(status);
}

int os_remove(Thread* L) {
  const char* filename = check_string(L, 1);
  return file_result(L, std::remove(filename) == 0, filename);
}

int os_rename(Thread* L) {
  const char* fromname = check_string(L, 1);
  const char* toname = check_string(L, 2);
  return file_result(L, std::rename(fromname, toname) == 0, nullptr);
}

// A fresh name for a temporary file. mkstemp creates the file (empty), which reserves the
// name against other processes, unlike tmpnam.
int os_tmpname(Thread* L) {
  char buff[] = "/tmp/lua_XXXXXX";
  int fd = mkstemp(buff);
  if (fd == -1) error(L, "unable to generate a unique filename");
  close(fd);
  api::push_string(L, buff);
  return 1;
}

int os_getenv(Thread* L) {
  api::push_string(L, std::getenv(check_string(L, 1)));  // null pushes nil
  return 1;
}

int os_clock(Thread* L) {
  api::push_number(L, static_cast<double>(std::clock()) / static_cast<double>(CLOCKS_PER_SEC));
  return 1;
}

int os_setlocale(Thread* L) {
  static const int kCategories[] = {LC_ALL, LC_COLLATE, LC_CTYPE, LC_MONETARY, LC_NUMERIC, LC_TIME};
  static const char* const kCategoryNames[] = {"all",     "collate", "ctype", "monetary",
                                               "numeric", "time",    nullptr};
  const char* l = opt_string(L, 1, nullptr);
  int op = check_option(L, 2, "all", kCategoryNames);
  api::push_string(L, std::setlocale(kCategories[op], l));
  return 1;
}

// ---- Time and date ----
// A date table is { year=%Y, month=%m, day=%d, hour=%H, min=%M, sec=%S, wday=%w+1, yday=%j,
// isdst=? }.

// The strftime conversions lua5.4 accepts (C99 and POSIX), grouped by length: each "|"
// starts the group one character longer.
constexpr const char* kStrftimeOptions =
    "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"
    "||"
    "EcECExEXEyEY"
    "OdOeOHOIOmOMOSOuOUOVOwOWOy";

// Most bytes one conversion can produce (strftime output beyond it is dropped).
constexpr size_t kSizeTimeFmt = 250;

// t.key = value + delta. (time_t and int64_t are both 64 bits, so no field can overflow.)
void set_field(Thread* L, const char* key, int value, int delta) {
  api::push_integer(L, static_cast<int64_t>(value) + delta);
  api::set_field(L, -2, key);
}

void set_bool_field(Thread* L, const char* key, int value) {
  if (value < 0) return;  // undefined: no field
  api::push_boolean(L, value != 0);
  api::set_field(L, -2, key);
}

// Fill the table on the top from `stm`.
void set_all_fields(Thread* L, const struct tm* stm) {
  set_field(L, "year", stm->tm_year, 1900);
  set_field(L, "month", stm->tm_mon, 1);
  set_field(L, "day", stm->tm_mday, 0);
  set_field(L, "hour", stm->tm_hour, 0);
  set_field(L, "min", stm->tm_min, 0);
  set_field(L, "sec", stm->tm_sec, 0);
  set_field(L, "yday", stm->tm_yday, 1);
  set_field(L, "wday", stm->tm_wday, 1);
  set_bool_field(L, "isdst", stm->tm_isdst);
}

// t.key of the table on the top as a boolean; -1 when absent.
int get_bool_field(Thread* L, const char* key) {
  int res = (api::get_field(L, -1, key) == vm::kTNil) ? -1 : api::to_boolean(L, -1);
  api::pop(L, 1);
  return res;
}

// t.key - delta as an int; `d` when absent (d < 0: the field is required).
int get_field(Thread* L, const char* key, int d, int delta) {
  bool isnum;
  int t = api::get_field(L, -1, key);
  int64_t res = api::to_integer(L, -1, &isnum);
  if (!isnum) {
    if (t != vm::kTNil) error(L, "field '%s' is not an integer", key);
    if (d < 0) error(L, "field '%s' missing in date table", key);
    res = d;
  } else {
    // res - delta must fit in an int
    if (!(res >= 0 ? static_cast<uint64_t>(res) <= static_cast<uint64_t>(INT_MAX) + delta
                   : static_cast<int64_t>(INT_MIN) + delta <= res)) {
      error(L, "field '%s' is out-of-bound", key);
    }
    res -= delta;
  }
  api::pop(L, 1);
  return static_cast<int>(res);
}

// Copy the conversion at `conv` (after its '%') into buff if it is a valid one; returns the
// position after it.
const char* check_conversion(Thread* L, const char* conv, ptrdiff_t convlen, char* buff) {
  const char* option = kStrftimeOptions;
  int oplen = 1;  // length of the options being checked
  for (; *option != '\0' && oplen <= convlen; option += oplen) {
    if (*option == '|') {
      oplen++;
    } else if (std::memcmp(conv, option, static_cast<size_t>(oplen)) == 0) {
      std::memcpy(buff, conv, static_cast<size_t>(oplen));
      buff[oplen] = '\0';
      return conv + oplen;
    }
  }
  arg_error(L, 1, api::push_fstring(L, "invalid conversion specifier '%%%s'", conv));
}

time_t check_time(Thread* L, int arg) { return static_cast<time_t>(check_integer(L, arg)); }

int os_date(Thread* L) {
  size_t slen;
  const char* s = opt_lstring(L, 1, "%c", &slen);
  time_t t = api::is_none_or_nil(L, 2) ? std::time(nullptr) : check_time(L, 2);
  const char* se = s + slen;
  struct tm tmr;
  struct tm* stm;
  if (*s == '!') {  // UTC
    stm = gmtime_r(&t, &tmr);
    s++;
  } else {
    stm = localtime_r(&t, &tmr);
  }
  if (stm == nullptr) error(L, "date result cannot be represented in this installation");
  if (std::strcmp(s, "*t") == 0) {
    api::create_table(L, 0, 9);
    set_all_fields(L, stm);
    return 1;
  }
  char cc[4] = {'%'};  // one conversion: '%' and up to two characters
  Buffer b(L);
  while (s < se) {
    if (*s != '%') {
      b.add_char(*s++);
    } else {
      char buff[kSizeTimeFmt];
      s = check_conversion(L, s + 1, se - (s + 1), cc + 1);
      b.add(buff, std::strftime(buff, sizeof(buff), cc, stm));
    }
  }
  b.push_result(L);
  return 1;
}

int os_time(Thread* L) {
  time_t t;
  if (api::is_none_or_nil(L, 1)) {
    t = std::time(nullptr);
  } else {
    struct tm ts;
    check_type(L, 1, vm::kTTable);
    api::set_top(L, 1);  // the table on the top
    ts.tm_year = get_field(L, "year", -1, 1900);
    ts.tm_mon = get_field(L, "month", -1, 1);
    ts.tm_mday = get_field(L, "day", -1, 0);
    ts.tm_hour = get_field(L, "hour", 12, 0);
    ts.tm_min = get_field(L, "min", 0, 0);
    ts.tm_sec = get_field(L, "sec", 0, 0);
    ts.tm_isdst = get_bool_field(L, "isdst");
    t = std::mktime(&ts);
    set_all_fields(L, &ts);  // the fields, normalized
  }
  if (t == static_cast<time_t>(-1)) {
    error(L, "time result cannot be represented in this installation");
  }
  api::push_integer(L, static_cast<int64_t>(t));
  return 1;
}

int os_difftime(Thread* L) {
  time_t t1 = check_time(L, 1);
  time_t t2 = check_time(L, 2);
  api::push_number(L, std::difftime(t1, t2));
  return 1;
}

const Reg kOsFuncs[] = {
    {"clock", os_clock},     {"date", os_date},       {"difftime", os_difftime},
    {"execute", os_execute}, {"exit", os_exit},       {"getenv", os_getenv},
    {"remove", os_remove},   {"rename", os_rename},   {"setlocale", os_setlocale},
    {"time", os_time},       {"tmpname", os_tmpname}, {nullptr, nullptr},
};

}  // namespace

int open_os(Thread* L) {
  new_lib(L, kOsFuncs);
  return 1;
}

}  // namespace tycho::stdlib
