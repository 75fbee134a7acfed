// The auxiliary library (Lua's lauxlib.c), message for message.
#include "stdlib/aux.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "vm/debug.hpp"

namespace tycho::stdlib {

using vm::DebugInfo;
using vm::kRegistryIndex;

// ---- Tracebacks ----

namespace {

constexpr int kLevels1 = 10;  // size of the first part of a long traceback
constexpr int kLevels2 = 11;  // size of the second part

// Search for `objidx` in the table at the top, `level` tables deep; on success leave its
// dotted name on the top ("string.format").
bool find_field(Thread* L, int objidx, int level) {
  if (level == 0 || !api::is_table(L, -1)) return false;
  api::push_nil(L);
  while (api::next(L, -2)) {
    if (api::type(L, -2) == vm::kTString) {
      if (api::raw_equal(L, objidx, -1)) {
        api::pop(L, 1);  // keep the name
        return true;
      }
      if (find_field(L, objidx, level - 1)) {
        // stack: lib_name, lib_table, field_name
        api::push_string(L, ".");
        api::replace(L, -3);
        api::concat(L, 3);
        return true;
      }
    }
    api::pop(L, 1);
  }
  return false;
}

// Push the global name of the function of `ar` ("print", "string.format"), if it has one.
bool push_global_func_name(Thread* L, DebugInfo* ar) {
  int top = api::get_top(L);
  vm::get_info(L, "f", ar);
  api::get_field(L, kRegistryIndex, kLoadedTable);
  check_stack(L, 6, "not enough stack");
  if (find_field(L, top + 1, 2)) {
    const char* name = api::to_string(L, -1);
    if (std::strncmp(name, "_G.", 3) == 0) {
      api::push_string(L, name + 3);
      api::remove(L, -2);
    }
    api::copy(L, -1, top + 1);
    api::set_top(L, top + 1);
    return true;
  }
  api::set_top(L, top);
  return false;
}

void push_func_name(Thread* L, DebugInfo* ar) {
  if (push_global_func_name(L, ar)) {
    api::push_fstring(L, "function '%s'", api::to_string(L, -1));
    api::remove(L, -2);
  } else if (*ar->namewhat != '\0') {
    api::push_fstring(L, "%s '%s'", ar->namewhat, ar->name);
  } else if (*ar->what == 'm') {
    api::push_string(L, "main chunk");
  } else if (*ar->what != 'C') {
    api::push_fstring(L, "function <%s:%d>", ar->short_src, ar->linedefined);
  } else {
    api::push_string(L, "?");
  }
}

int last_level(Thread* L) {
  DebugInfo ar;
  int li = 1, le = 1;
  while (vm::get_stack(L, le, &ar)) {
    li = le;
    le *= 2;
  }
  while (li < le) {
    int m = (li + le) / 2;
    if (vm::get_stack(L, m, &ar)) {
      li = m + 1;
    } else {
      le = m;
    }
  }
  return le - 1;
}

}  // namespace

void traceback(Thread* L, Thread* L1, const char* msg, int level) {
  Buffer b(L);
  DebugInfo ar;
  int last = last_level(L1);
  int limit2show = (last - level > kLevels1 + kLevels2) ? kLevels1 : -1;
  if (msg) {
    b.add(msg);
    b.add_char('\n');
  }
  b.add("stack traceback:");
  while (vm::get_stack(L1, level++, &ar)) {
    if (limit2show-- == 0) {
      int n = last - level - kLevels2 + 1;
      api::push_fstring(L, "\n\t...\t(skipping %d levels)", n);
      b.add_value(L);
      level += n;
    } else {
      vm::get_info(L1, "Slnt", &ar);
      if (ar.currentline <= 0) {
        api::push_fstring(L, "\n\t%s: in ", ar.short_src);
      } else {
        api::push_fstring(L, "\n\t%s:%d: in ", ar.short_src, ar.currentline);
      }
      b.add_value(L);
      push_func_name(L, &ar);
      b.add_value(L);
      if (ar.istailcall) b.add("\n\t(...tail calls...)");
    }
  }
  b.push_result(L);
}

// ---- Errors ----

void arg_error(Thread* L, int arg, const char* extramsg) {
  DebugInfo ar;
  if (!vm::get_stack(L, 0, &ar)) error(L, "bad argument #%d (%s)", arg, extramsg);
  vm::get_info(L, "n", &ar);
  if (std::strcmp(ar.namewhat, "method") == 0) {
    arg--;  // do not count 'self'
    if (arg == 0) error(L, "calling '%s' on bad self (%s)", ar.name, extramsg);
  }
  if (ar.name == nullptr) ar.name = push_global_func_name(L, &ar) ? api::to_string(L, -1) : "?";
  error(L, "bad argument #%d to '%s' (%s)", arg, ar.name, extramsg);
}

void type_error(Thread* L, int arg, const char* tname) {
  const char* typearg;
  if (get_metafield(L, arg, "__name") == vm::kTString) {
    typearg = api::to_string(L, -1);
  } else if (api::type(L, arg) == vm::kTLightUserdata) {
    typearg = "light userdata";
  } else {
    typearg = type_name_at(L, arg);
  }
  const char* msg = api::push_fstring(L, "%s expected, got %s", tname, typearg);
  arg_error(L, arg, msg);
}

void tag_error(Thread* L, int arg, int tag) { type_error(L, arg, api::type_name(L, tag)); }

void integer_error(Thread* L, int arg) {
  if (api::is_number(L, arg)) arg_error(L, arg, "number has no integer representation");
  tag_error(L, arg, vm::kTNumber);
}

void where(Thread* L, int level) {
  DebugInfo ar;
  if (vm::get_stack(L, level, &ar)) {
    vm::get_info(L, "Sl", &ar);
    if (ar.currentline > 0) {
      api::push_fstring(L, "%s:%d: ", ar.short_src, ar.currentline);
      return;
    }
  }
  api::push_fstring(L, "");
}

void error(Thread* L, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  where(L, 1);
  api::push_vfstring(L, fmt, args);
  va_end(args);
  api::concat(L, 2);
  api::error(L);
}

// ---- Results of system calls ----

int file_result(Thread* L, bool ok, const char* fname) {
  int en = errno;  // the API calls below may change errno
  if (ok) {
    api::push_boolean(L, true);
    return 1;
  }
  push_fail(L);
  if (fname != nullptr) {
    api::push_fstring(L, "%s: %s", fname, std::strerror(en));
  } else {
    api::push_string(L, std::strerror(en));
  }
  api::push_integer(L, en);
  return 3;
}

int exec_result(Thread* L, int stat) {
  if (stat != 0 && errno != 0) return file_result(L, false, nullptr);  // the call itself failed
  const char* what = "exit";
  if (WIFEXITED(stat)) {
    stat = WEXITSTATUS(stat);
  } else if (WIFSIGNALED(stat)) {
    stat = WTERMSIG(stat);
    what = "signal";
  }
  if (what[0] == 'e' && stat == 0) {
    api::push_boolean(L, true);
  } else {
    push_fail(L);
  }
  api::push_string(L, what);
  api::push_integer(L, stat);
  return 3;
}

// ---- Argument checks ----

const char* opt_lstring(Thread* L, int arg, const char* def, size_t* len) {
  if (api::is_none_or_nil(L, arg)) {
    if (len) *len = def ? std::strlen(def) : 0;
    return def;
  }
  return check_lstring(L, arg, len);
}


void check_stack(Thread* L, int space, const char* msg) {
  if (!api::check_stack(L, space)) {
    if (msg) {
      error(L, "stack overflow (%s)", msg);
    } else {
      error(L, "stack overflow");
    }
  }
}

void check_type(Thread* L, int arg, int t) {
  if (api::type(L, arg) != t) tag_error(L, arg, t);
}

void check_any(Thread* L, int arg) {
  if (api::type(L, arg) == api::kTNone) arg_error(L, arg, "value expected");
}

int check_option(Thread* L, int arg, const char* def, const char* const lst[]) {
  const char* name = def ? opt_string(L, arg, def) : check_string(L, arg);
  for (int i = 0; lst[i]; i++) {
    if (std::strcmp(lst[i], name) == 0) return i;
  }
  arg_error(L, arg, api::push_fstring(L, "invalid option '%s'", name));
}

// ---- Metatables ----

bool new_metatable(Thread* L, const char* tname) {
  if (get_metatable(L, tname) != vm::kTNil) return false;
  api::pop(L, 1);
  api::create_table(L, 0, 2);
  api::push_string(L, tname);
  api::set_field(L, -2, "__name");
  api::push_value(L, -1);
  api::set_field(L, kRegistryIndex, tname);
  return true;
}

void set_metatable(Thread* L, const char* tname) {
  get_metatable(L, tname);
  api::set_metatable(L, -2);
}

void* test_udata(Thread* L, int ud, const char* tname) {
  void* p = api::to_userdata(L, ud);
  if (p == nullptr || !api::get_metatable(L, ud)) return nullptr;
  get_metatable(L, tname);
  if (!api::raw_equal(L, -1, -2)) p = nullptr;
  api::pop(L, 2);
  return p;
}

void* check_udata(Thread* L, int ud, const char* tname) {
  void* p = test_udata(L, ud, tname);
  if (p == nullptr) type_error(L, ud, tname);
  return p;
}

int get_metafield(Thread* L, int obj, const char* event) {
  if (!api::get_metatable(L, obj)) return vm::kTNil;
  api::push_string(L, event);
  int tt = api::raw_get(L, -2);
  if (tt == vm::kTNil) {
    api::pop(L, 2);
  } else {
    api::remove(L, -2);
  }
  return tt;
}

bool call_meta(Thread* L, int obj, const char* event) {
  obj = api::abs_index(L, obj);
  if (get_metafield(L, obj, event) == vm::kTNil) return false;
  api::push_value(L, obj);
  api::call(L, 1, 1);
  return true;
}

// ---- Conversions and utilities ----

int64_t len(Thread* L, int idx) {
  bool isnum;
  api::len(L, idx);
  int64_t l = api::to_integer(L, -1, &isnum);
  if (!isnum) error(L, "object length is not an integer");
  api::pop(L, 1);
  return l;
}

const char* tolstring(Thread* L, int idx, size_t* len) {
  idx = api::abs_index(L, idx);
  if (call_meta(L, idx, "__tostring")) {
    if (!api::is_string(L, -1)) error(L, "'__tostring' must return a string");
  } else {
    switch (api::type(L, idx)) {
      case vm::kTNumber:
        if (api::is_integer(L, idx)) {
          api::push_fstring(L, "%I", api::to_integer(L, idx));
        } else {
          api::push_fstring(L, "%f", api::to_number(L, idx));
        }
        break;
      case vm::kTString:
        api::push_value(L, idx);
        break;
      case vm::kTBoolean:
        api::push_string(L, api::to_boolean(L, idx) ? "true" : "false");
        break;
      case vm::kTNil:
        api::push_string(L, "nil");
        break;
      default: {
        int tt = get_metafield(L, idx, "__name");
        const char* kind = tt == vm::kTString ? api::to_string(L, -1) : type_name_at(L, idx);
        api::push_fstring(L, "%s: %p", kind, api::to_pointer(L, idx));
        if (tt != vm::kTNil) api::remove(L, -2);
        break;
      }
    }
  }
  return api::to_lstring(L, -1, len);
}

bool get_subtable(Thread* L, int idx, const char* fname) {
  if (api::get_field(L, idx, fname) == vm::kTTable) return true;
  api::pop(L, 1);
  idx = api::abs_index(L, idx);
  api::new_table(L);
  api::push_value(L, -1);
  api::set_field(L, idx, fname);
  return false;
}

void requiref(Thread* L, const char* modname, vm::NativeFn openf, bool glb) {
  get_subtable(L, kRegistryIndex, kLoadedTable);
  api::push_string(L, modname);  // the name made once: LOADED name
  api::push_value(L, -1);
  api::get_table(L, -3);  // LOADED name LOADED[name]
  if (!api::to_boolean(L, -1)) {
    api::pop(L, 1);
    api::push_native_function(L, openf);
    api::push_value(L, -2);
    api::call(L, 1, 1);  // LOADED name module
    api::push_value(L, -2);
    api::push_value(L, -2);
    api::set_table(L, -5);  // LOADED[name] = module
  }
  if (glb) {
    api::push_global_table(L);
    api::push_value(L, -3);
    api::push_value(L, -3);
    api::set_table(L, -3);  // _G[name] = module
    api::pop(L, 1);
  }
  api::rotate(L, -3, 1);  // module LOADED name
  api::pop(L, 2);
}

namespace {

// Images of the libraries' tables (vm/table.hpp), by their function lists, for the VMs that find
// the shared strings: a library is then one copy. Entries are published once and never change,
// so readers take no lock. A null image: the table could not be imaged (not tried again).
struct LibImage {
  const Reg* funcs;
  const vm::TableImage* image;
};
constexpr size_t kMaxLibImages = 64;
LibImage lib_images[kMaxLibImages];
std::atomic<size_t> lib_image_count{0};
std::mutex lib_image_lock;

const LibImage* find_lib_image(const Reg* l) {
  const size_t n = lib_image_count.load(std::memory_order_acquire);
  for (size_t i = 0; i < n; i++) {
    if (lib_images[i].funcs == l) return &lib_images[i];
  }
  return nullptr;
}

// The table on top was just filled from l.
void add_lib_image(Thread* L, const Reg* l) {
  std::lock_guard<std::mutex> hold(lib_image_lock);
  const size_t n = lib_image_count.load(std::memory_order_relaxed);
  if (n == kMaxLibImages || find_lib_image(l) != nullptr) return;
  lib_images[n] = {l, api::table_image_at(L, -1)};
  lib_image_count.store(n + 1, std::memory_order_release);
}

}  // namespace

void set_funcs(Thread* L, const Reg* l, int nup) {
  check_stack(L, nup, "too many upvalues");
  if (nup == 0) {
    if (!api::get_metatable(L, -1)) {  // a plain table (a new library): raw stores
      // Into an empty table (the globals, a new library) in a VM with the shared strings: a
      // copy of the image of the first such fill.
      const bool imaged = L->g->shared_strings != nullptr && api::table_is_empty_at(L, -1);
      const LibImage* known = imaged ? find_lib_image(l) : nullptr;
      if (known != nullptr && known->image != nullptr) {
        api::fill_table_from_image(L, -1, known->image);
        return;
      }
      const Reg* first = l;
      for (; l->name != nullptr; l++) {
        if (l->func == nullptr) {
          api::push_boolean(L, false);
          api::set_field(L, -2, l->name);
        } else {
          api::raw_set_function(L, -1, l->name, l->func);
        }
      }
      if (imaged && known == nullptr) add_lib_image(L, first);
      return;
    }
    api::pop(L, 1);  // the metatable: stores must go through its __newindex
  }
  for (; l->name != nullptr; l++) {
    if (l->func == nullptr) {
      api::push_boolean(L, false);
    } else {
      for (int i = 0; i < nup; i++) api::push_value(L, -nup);
      api::push_native_closure(L, l->func, nup);
    }
    api::set_field(L, -(nup + 2), l->name);
  }
  api::pop(L, nup);
}

void new_lib(Thread* L, const Reg* l) {
  // Only where every key is a shared string can the copy be the table this VM would build.
  const bool shared = L->g->shared_strings != nullptr;
  const LibImage* known = shared ? find_lib_image(l) : nullptr;
  if (known != nullptr && known->image != nullptr) {
    api::create_table_from_image(L, known->image);
    return;
  }
  int n = 0;
  for (const Reg* p = l; p->name != nullptr; p++) n++;
  api::create_table(L, 0, n);
  set_funcs(L, l, 0);  // makes the image
}

const char* gsub(Thread* L, const char* s, const char* p, const char* r) {
  Buffer b(L);
  size_t l = std::strlen(p);
  const char* wild;
  while ((wild = std::strstr(s, p)) != nullptr) {
    b.add(s, static_cast<size_t>(wild - s));
    b.add(r);
    s = wild + l;
  }
  b.add(s);
  return b.push_result(L);
}

void Buffer::add_value(Thread* L) {
  size_t n;
  const char* s = api::to_lstring(L, -1, &n);
  add(s, n);
  api::pop(L, 1);
}

Buffer::~Buffer() {
  if (data_ != inline_) {
    std::free(data_);
    vm::release_scratch(L_, cap_);
  }
}

void Buffer::grow(size_t n) {
  const size_t need = size_ + n;
  if (need < size_ || need >= SIZE_MAX / 2) vm::raise_memory_error(L_);
  const size_t old_charge = data_ == inline_ ? 0 : cap_;
  size_t cap = std::max(need, cap_ * 2);
  // Doubling would pass the limit: take the room that is left, if that is enough (growing by
  // just what is needed would copy the buffer at every add).
  const heap::Heap& h = L_->g->heap;
  if (cap > need && !h.has_room(cap - old_charge)) cap = std::max(need, old_charge + h.room());
  vm::charge_scratch(L_, cap - old_charge);  // (an emergency collection, or the error)
  char* p = static_cast<char*>(data_ == inline_ ? std::malloc(cap) : std::realloc(data_, cap));
  if (p == nullptr) {
    vm::release_scratch(L_, cap - old_charge);
    vm::raise_memory_error(L_);
  }
  if (data_ == inline_) std::memcpy(p, inline_, size_);
  data_ = p;
  cap_ = cap;
}

// ---- Warnings ----

namespace {
// The states of lauxlib's warnfoff/warnfon/warnfcont are the Global's warn_on/warn_continue.
void default_warn(void* ud, const char* msg, bool tocont) {
  auto* g = static_cast<vm::Global*>(ud);
  if (g->warn_continue) {
    std::fputs(msg, stderr);
    if (!tocont) {
      std::fputs("\n", stderr);
      g->warn_continue = false;
    }
    std::fflush(stderr);
    return;
  }
  if (!tocont && msg[0] == '@') {  // a control message
    if (std::strcmp(msg + 1, "off") == 0) {
      g->warn_on = false;
    } else if (std::strcmp(msg + 1, "on") == 0) {
      g->warn_on = true;
    }
    return;
  }
  if (!g->warn_on) return;
  std::fputs("Lua warning: ", stderr);
  std::fputs(msg, stderr);
  if (tocont) {
    g->warn_continue = true;
  } else {
    std::fputs("\n", stderr);
  }
  std::fflush(stderr);
}
}  // namespace

void set_default_warn(Thread* L) {
  vm::Global* g = L->g;
  g->warn_fn = default_warn;
  g->warn_ud = g;
  g->warn_on = false;
  g->warn_continue = false;
}

// ---- Loading ----

namespace {

struct LoadFile {
  int n;  // pre-read characters in buff
  FILE* f;
  char buff[BUFSIZ];
};

const char* read_file(Thread*, void* ud, size_t* size) {
  auto* lf = static_cast<LoadFile*>(ud);
  if (lf->n > 0) {
    *size = static_cast<size_t>(lf->n);
    lf->n = 0;
  } else {
    // fread may return > 0 and set EOF: a later fread would block on a terminal.
    if (std::feof(lf->f)) return nullptr;
    *size = std::fread(lf->buff, 1, sizeof(lf->buff), lf->f);
  }
  return lf->buff;
}

int file_error(Thread* L, const char* what, int fnameindex) {
  int err = errno;
  const char* filename = api::to_string(L, fnameindex) + 1;
  if (err != 0) {
    api::push_fstring(L, "cannot %s %s: %s", what, filename, std::strerror(err));
  } else {
    api::push_fstring(L, "cannot %s %s", what, filename);
  }
  api::remove(L, fnameindex);
  return vm::kErrFile;
}

int skip_bom(FILE* f) {
  int c = std::getc(f);
  if (c == 0xEF && std::getc(f) == 0xBB && std::getc(f) == 0xBF) return std::getc(f);
  return c;
}

// Skip an optional BOM and a first line starting with '#' (Unix exec. file); *cp gets the
// first character after them. True when a comment was skipped.
bool skip_comment(FILE* f, int* cp) {
  int c = *cp = skip_bom(f);
  if (c == '#') {
    do {
      c = std::getc(f);
    } while (c != EOF && c != '\n');
    *cp = std::getc(f);
    return true;
  }
  return false;
}

}  // namespace

int load_file(Thread* L, const char* filename, const char* mode) {
  LoadFile lf;
  int fnameindex = api::get_top(L) + 1;
  if (filename == nullptr) {
    api::push_string(L, "=stdin");
    lf.f = stdin;
  } else {
    api::push_fstring(L, "@%s", filename);
    errno = 0;
    lf.f = std::fopen(filename, "r");
    if (lf.f == nullptr) return file_error(L, "open", fnameindex);
  }
  lf.n = 0;
  int c;
  if (skip_comment(lf.f, &c)) lf.buff[lf.n++] = '\n';  // keep the line numbers right
  if (c == '\x1b') {                                   // binary chunk
    lf.n = 0;
    if (filename) {
      errno = 0;
      lf.f = std::freopen(filename, "rb", lf.f);
      if (lf.f == nullptr) return file_error(L, "reopen", fnameindex);
      skip_comment(lf.f, &c);
    }
  }
  if (c != EOF) lf.buff[lf.n++] = static_cast<char>(c);
  errno = 0;
  int status = api::load(L, read_file, &lf, api::to_string(L, -1), mode);
  int readstatus = std::ferror(lf.f);
  if (filename) std::fclose(lf.f);
  if (readstatus) {
    api::set_top(L, fnameindex);  // drop the results of load
    return file_error(L, "read", fnameindex);
  }
  api::remove(L, fnameindex);
  return status;
}

int load_buffer(Thread* L, const char* buf, size_t size, const char* name, const char* mode) {
  return api::load(L, std::string_view(buf, size), name, mode);
}

int do_string(Thread* L, const char* s) {
  int status = load_string(L, s);
  if (status != vm::kOk) return status;
  return api::pcall(L, 0, vm::kMultRet, 0);
}

int do_file(Thread* L, const char* filename) {
  int status = load_file(L, filename);
  if (status != vm::kOk) return status;
  return api::pcall(L, 0, vm::kMultRet, 0);
}

}  // namespace tycho::stdlib
