// The Lua 5.4 auxiliary library (lauxlib.h) and lualib.h on tycho's own (stdlib/aux.cpp, a
// port of lauxlib.c message for message), and the C API's per-VM state.
//
// luaL_Buffer's layout is fixed by lauxlib.h (its macros reach into it), so its functions
// follow lauxlib.c: the buffer starts in the struct and moves into a box (a userdata holding
// a malloc'd block, closed as a to-be-closed slot) when it grows. luaL_ref and luaL_unref keep
// lauxlib.c's free list in the table's slot 3 (LUA_RIDX_LAST + 1).
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi/internal.hpp"
#include "lang/compile.hpp"
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/vm.hpp"

namespace tycho::capi {

namespace {

// What the C API adds to a VM, in Global::capi_state.
struct CapiState {
  lua_WarnFunction warnf = nullptr;
  void* warn_ud = nullptr;
};

CapiState& state_of(lua_State* L) {
  vm::Global* g = T(L)->g;
  if (g->capi_state == nullptr) {
    g->capi_state = new CapiState;
    g->capi_free = [](void* p) { delete static_cast<CapiState*>(p); };
  }
  return *static_cast<CapiState*>(g->capi_state);
}

void warn_adapter(void* ud, const char* msg, bool tocont) {
  auto* s = static_cast<CapiState*>(ud);
  s->warnf(s->warn_ud, msg, tocont ? 1 : 0);
}

}  // namespace

lua_State* new_state(lua_CFunction panic) {
  vm::Thread* t = vm::new_vm();
  if (t == nullptr) return nullptr;
  t->g->compiler = lang::compile;
  t->g->panic = reinterpret_cast<int (*)(vm::Thread*)>(panic);
  stdlib::set_default_warn(t);
  return L(t);
}

void close_state(lua_State* L) { vm::close_vm(T(L)); }

void set_warnf(lua_State* L, lua_WarnFunction f, void* ud) {
  CapiState& s = state_of(L);
  s.warnf = f;
  s.warn_ud = ud;
  vm::Global* g = T(L)->g;
  g->warn_fn = f != nullptr ? warn_adapter : nullptr;
  g->warn_ud = &s;
}

}  // namespace tycho::capi

using tycho::capi::as_fn;
using tycho::capi::T;
namespace api = tycho::vm::api;
namespace stdlib = tycho::stdlib;
namespace vm = tycho::vm;

static_assert(sizeof(luaL_Reg) == sizeof(stdlib::Reg));

// ---- lauxlib.h ----

void luaL_checkversion_(lua_State* L, lua_Number ver, size_t sz) {
  if (sz != LUAL_NUMSIZES) {
    luaL_error(L, "core and library have incompatible numeric types");
  } else if (ver != LUA_VERSION_NUM) {
    luaL_error(L, "version mismatch: app. needs %f, Lua core provides %f", ver,
               static_cast<lua_Number>(LUA_VERSION_NUM));
  }
}
int luaL_getmetafield(lua_State* L, int obj, const char* e) {
  return stdlib::get_metafield(T(L), obj, e);
}
int luaL_callmeta(lua_State* L, int obj, const char* e) { return stdlib::call_meta(T(L), obj, e); }
const char* luaL_tolstring(lua_State* L, int idx, size_t* len) {
  return stdlib::tolstring(T(L), idx, len);
}
int luaL_argerror(lua_State* L, int arg, const char* extramsg) {
  stdlib::arg_error(T(L), arg, extramsg);
}
int luaL_typeerror(lua_State* L, int arg, const char* tname) {
  stdlib::type_error(T(L), arg, tname);
}
const char* luaL_checklstring(lua_State* L, int arg, size_t* l) {
  return stdlib::check_lstring(T(L), arg, l);
}
const char* luaL_optlstring(lua_State* L, int arg, const char* def, size_t* l) {
  return stdlib::opt_lstring(T(L), arg, def, l);
}
lua_Number luaL_checknumber(lua_State* L, int arg) { return stdlib::check_number(T(L), arg); }
lua_Number luaL_optnumber(lua_State* L, int arg, lua_Number def) {
  return stdlib::opt_number(T(L), arg, def);
}
lua_Integer luaL_checkinteger(lua_State* L, int arg) { return stdlib::check_integer(T(L), arg); }
lua_Integer luaL_optinteger(lua_State* L, int arg, lua_Integer def) {
  return stdlib::opt_integer(T(L), arg, def);
}
void luaL_checkstack(lua_State* L, int sz, const char* msg) { stdlib::check_stack(T(L), sz, msg); }
void luaL_checktype(lua_State* L, int arg, int t) { stdlib::check_type(T(L), arg, t); }
void luaL_checkany(lua_State* L, int arg) { stdlib::check_any(T(L), arg); }
int luaL_newmetatable(lua_State* L, const char* tname) {
  return stdlib::new_metatable(T(L), tname);
}
void luaL_setmetatable(lua_State* L, const char* tname) { stdlib::set_metatable(T(L), tname); }
void* luaL_testudata(lua_State* L, int ud, const char* tname) {
  return stdlib::test_udata(T(L), ud, tname);
}
void* luaL_checkudata(lua_State* L, int ud, const char* tname) {
  return stdlib::check_udata(T(L), ud, tname);
}
void luaL_where(lua_State* L, int lvl) { stdlib::where(T(L), lvl); }
int luaL_error(lua_State* L, const char* fmt, ...) {
  va_list argp;
  va_start(argp, fmt);
  stdlib::where(T(L), 1);
  api::push_vfstring(T(L), fmt, argp);
  va_end(argp);
  api::concat(T(L), 2);
  api::error(T(L));
}
int luaL_checkoption(lua_State* L, int arg, const char* def, const char* const lst[]) {
  return stdlib::check_option(T(L), arg, def, lst);
}
int luaL_fileresult(lua_State* L, int stat, const char* fname) {
  return stdlib::file_result(T(L), stat != 0, fname);
}
int luaL_execresult(lua_State* L, int stat) { return stdlib::exec_result(T(L), stat); }

constexpr int kFreeList = LUA_RIDX_LAST + 1;

int luaL_ref(lua_State* L, int t) {
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return LUA_REFNIL;
  }
  t = lua_absindex(L, t);
  int ref;
  if (lua_rawgeti(L, t, kFreeList) == LUA_TNIL) {  // first use: an empty list
    ref = 0;
    lua_pushinteger(L, 0);
    lua_rawseti(L, t, kFreeList);
  } else {
    ref = static_cast<int>(lua_tointeger(L, -1));
  }
  lua_pop(L, 1);
  if (ref != 0) {  // a free slot: take it off the list
    lua_rawgeti(L, t, ref);
    lua_rawseti(L, t, kFreeList);
  } else {
    ref = static_cast<int>(lua_rawlen(L, t)) + 1;
  }
  lua_rawseti(L, t, ref);
  return ref;
}

void luaL_unref(lua_State* L, int t, int ref) {
  if (ref < 0) return;
  t = lua_absindex(L, t);
  lua_rawgeti(L, t, kFreeList);
  lua_rawseti(L, t, ref);  // t[ref] = t[freelist]
  lua_pushinteger(L, ref);
  lua_rawseti(L, t, kFreeList);  // t[freelist] = ref
}

int luaL_loadfilex(lua_State* L, const char* filename, const char* mode) {
  return stdlib::load_file(T(L), filename, mode);
}
int luaL_loadbufferx(lua_State* L, const char* buff, size_t sz, const char* name,
                     const char* mode) {
  return stdlib::load_buffer(T(L), buff, sz, name, mode);
}
int luaL_loadstring(lua_State* L, const char* s) {
  return stdlib::load_buffer(T(L), s, std::strlen(s), s);
}
// lauxlib.c's panic function: the message on stderr, then lua_error's caller aborts.
static int default_panic(lua_State* L) {
  const char* msg = lua_tostring(L, -1);
  if (msg == nullptr) msg = "error object is not a string";
  std::fprintf(stderr, "PANIC: unprotected error in call to Lua API (%s)\n", msg);
  std::fflush(stderr);
  return 0;
}
lua_State* luaL_newstate() { return tycho::capi::new_state(default_panic); }
lua_Integer luaL_len(lua_State* L, int idx) { return stdlib::len(T(L), idx); }
void luaL_addgsub(luaL_Buffer* b, const char* s, const char* p, const char* r) {
  stdlib::gsub(T(b->L), s, p, r);  // pushes the result, which the buffer takes
  luaL_addvalue(b);
}
const char* luaL_gsub(lua_State* L, const char* s, const char* p, const char* r) {
  return stdlib::gsub(T(L), s, p, r);
}
void luaL_setfuncs(lua_State* L, const luaL_Reg* l, int nup) {
  stdlib::set_funcs(T(L), reinterpret_cast<const stdlib::Reg*>(l), nup);
}
int luaL_getsubtable(lua_State* L, int idx, const char* fname) {
  return stdlib::get_subtable(T(L), idx, fname);
}
void luaL_traceback(lua_State* L, lua_State* L1, const char* msg, int level) {
  stdlib::traceback(T(L), T(L1), msg, level);
}
void luaL_requiref(lua_State* L, const char* modname, lua_CFunction openf, int glb) {
  stdlib::requiref(T(L), modname, as_fn(openf), glb != 0);
}

// ---- Buffers (lauxlib.c's, over the same layout) ----

namespace {

struct UBox {
  void* box;
  size_t bsize;
};

void* resize_box(lua_State* L, int idx, size_t newsize) {
  auto* box = static_cast<UBox*>(lua_touserdata(L, idx));
  void* temp = newsize == 0 ? (std::free(box->box), nullptr) : std::realloc(box->box, newsize);
  if (temp == nullptr && newsize > 0) {
    lua_pushliteral(L, "not enough memory");
    lua_error(L);
  }
  box->box = temp;
  box->bsize = newsize;
  return temp;
}

int box_gc(lua_State* L) {
  resize_box(L, 1, 0);
  return 0;
}

void new_box(lua_State* L) {
  auto* box = static_cast<UBox*>(lua_newuserdatauv(L, sizeof(UBox), 0));
  box->box = nullptr;
  box->bsize = 0;
  if (luaL_newmetatable(L, "_UBOX*")) {
    static const luaL_Reg box_mt[] = {{"__gc", box_gc}, {"__close", box_gc}, {nullptr, nullptr}};
    luaL_setfuncs(L, box_mt, 0);
  }
  lua_setmetatable(L, -2);
}

bool buffer_on_stack(const luaL_Buffer* B) { return B->b != B->init.b; }

size_t new_buffer_size(luaL_Buffer* B, size_t sz) {
  size_t newsize = (B->size / 2) * 3;
  if (SIZE_MAX - sz < B->n) return luaL_error(B->L, "buffer too large");
  if (newsize < B->n + sz) newsize = B->n + sz;
  return newsize;
}

char* prep_buffer_size(luaL_Buffer* B, size_t sz, int boxidx) {
  if (B->size - B->n >= sz) return B->b + B->n;
  lua_State* L = B->L;
  char* newbuff;
  const size_t newsize = new_buffer_size(B, sz);
  if (buffer_on_stack(B)) {
    newbuff = static_cast<char*>(resize_box(L, boxidx, newsize));
  } else {  // no box yet: it replaces the placeholder
    lua_remove(L, boxidx);
    new_box(L);
    lua_insert(L, boxidx);
    lua_toclose(L, boxidx);
    newbuff = static_cast<char*>(resize_box(L, boxidx, newsize));
    std::memcpy(newbuff, B->b, B->n);
  }
  B->b = newbuff;
  B->size = newsize;
  return newbuff + B->n;
}

}  // namespace

char* luaL_prepbuffsize(luaL_Buffer* B, size_t sz) { return prep_buffer_size(B, sz, -1); }
void luaL_addlstring(luaL_Buffer* B, const char* s, size_t l) {
  if (l == 0) return;
  char* b = prep_buffer_size(B, l, -1);
  std::memcpy(b, s, l);
  luaL_addsize(B, l);
}
void luaL_addstring(luaL_Buffer* B, const char* s) { luaL_addlstring(B, s, std::strlen(s)); }
void luaL_addvalue(luaL_Buffer* B) {
  lua_State* L = B->L;
  size_t len;
  const char* s = lua_tolstring(L, -1, &len);
  char* b = prep_buffer_size(B, len, -2);
  std::memcpy(b, s, len);
  luaL_addsize(B, len);
  lua_pop(L, 1);
}
void luaL_pushresult(luaL_Buffer* B) {
  lua_State* L = B->L;
  lua_pushlstring(L, B->b, B->n);
  if (buffer_on_stack(B)) lua_closeslot(L, -2);  // free the box now
  lua_remove(L, -2);                             // the box or the placeholder
}
void luaL_pushresultsize(luaL_Buffer* B, size_t sz) {
  luaL_addsize(B, sz);
  luaL_pushresult(B);
}
void luaL_buffinit(lua_State* L, luaL_Buffer* B) {
  B->L = L;
  B->b = B->init.b;
  B->n = 0;
  B->size = LUAL_BUFFERSIZE;
  lua_pushlightuserdata(L, static_cast<void*>(B));  // the placeholder
}
char* luaL_buffinitsize(lua_State* L, luaL_Buffer* B, size_t sz) {
  luaL_buffinit(L, B);
  return prep_buffer_size(B, sz, -1);
}

// ---- lualib.h ----

int luaopen_base(lua_State* L) { return stdlib::open_base(T(L)); }
int luaopen_coroutine(lua_State* L) { return stdlib::open_coroutine(T(L)); }
int luaopen_table(lua_State* L) { return stdlib::open_table(T(L)); }
int luaopen_io(lua_State* L) { return stdlib::open_io(T(L)); }
int luaopen_os(lua_State* L) { return stdlib::open_os(T(L)); }
int luaopen_string(lua_State* L) { return stdlib::open_string(T(L)); }
int luaopen_utf8(lua_State* L) { return stdlib::open_utf8(T(L)); }
int luaopen_math(lua_State* L) { return stdlib::open_math(T(L)); }
int luaopen_debug(lua_State* L) { return stdlib::open_debug(T(L)); }
int luaopen_package(lua_State* L) { return stdlib::open_package(T(L)); }
void luaL_openlibs(lua_State* L) { stdlib::open_libs(T(L)); }
