// The Lua 5.4 C API (lua.h) on tycho's native API (vm/api.hpp), which follows lapi.c call for
// call: most functions here only translate types.
//
// A lua_State* is a vm::Thread*, and a lua_CFunction, lua_KFunction, lua_Reader, lua_Writer or
// lua_Hook the native API's type of the same signature with lua_State* in place of Thread*:
// the casts below change no bits, and the functions are called with the pointer they expect.
// lua_Debug and vm::DebugInfo have the same layout (checked below).
//
// What differs from liblua5.4:
//   - lua_newstate's allocator is not used: the VM allocates from its own heap (lua_getallocf
//     gives one over malloc for the modules that allocate through it, as LPeg does);
//   - lua_getextraspace (a macro reading memory before the lua_State) has no room behind it.
#include <cstdarg>
#include <cstdlib>
#include <cstring>

#include "api/vm_impl.hpp"
#include "capi/internal.hpp"
#include "tycho/capi.hpp"
#include "vm/debug.hpp"
#include "vm/func.hpp"
#include "vm/interp.hpp"
#include "vm/number.hpp"
#include "vm/vm.hpp"

static_assert(LUA_REGISTRYINDEX == tycho::vm::kRegistryIndex);
static_assert(LUA_TNONE == tycho::vm::api::kTNone && LUA_TNIL == tycho::vm::kTNil &&
              LUA_TTHREAD == tycho::vm::kTThread);
static_assert(LUA_OPBNOT == tycho::vm::kOpBNot && LUA_OPEQ == tycho::vm::api::kCmpEq &&
              LUA_OPLE == tycho::vm::api::kCmpLe);
static_assert(LUA_OK == tycho::vm::kOk && LUA_YIELD == tycho::vm::kYield &&
              LUA_ERRRUN == tycho::vm::kErrRun && LUA_ERRSYNTAX == tycho::vm::kErrSyntax &&
              LUA_ERRMEM == tycho::vm::kErrMem && LUA_ERRERR == tycho::vm::kErrErr);
static_assert(LUA_MINSTACK == tycho::vm::kMinStack);
static_assert(sizeof(lua_Debug) == sizeof(tycho::vm::DebugInfo) &&
              offsetof(lua_Debug, short_src) == offsetof(tycho::vm::DebugInfo, short_src) &&
              offsetof(lua_Debug, ftransfer) == offsetof(tycho::vm::DebugInfo, ftransfer) &&
              offsetof(lua_Debug, i_ci) == offsetof(tycho::vm::DebugInfo, i_ci));

using tycho::capi::as_fn;
using tycho::capi::T;
namespace api = tycho::vm::api;
namespace vm = tycho::vm;

namespace {

vm::DebugInfo* D(lua_Debug* ar) { return reinterpret_cast<vm::DebugInfo*>(ar); }
const vm::DebugInfo* D(const lua_Debug* ar) { return reinterpret_cast<const vm::DebugInfo*>(ar); }

void* malloc_alloc(void*, void* p, size_t, size_t nsize) {
  if (nsize == 0) {
    std::free(p);
    return nullptr;
  }
  return std::realloc(p, nsize);
}

}  // namespace

// ---- State ----

lua_State* tycho::lua_state(Vm& vm) { return capi::L(detail::VmAccess::impl(vm).L); }

lua_State* lua_newstate(lua_Alloc, void*) { return tycho::capi::new_state(nullptr); }
void lua_close(lua_State* L) { tycho::capi::close_state(L); }
lua_State* lua_newthread(lua_State* L) { return tycho::capi::L(api::new_thread(T(L))); }
int lua_resetthread(lua_State* L) { return api::close_thread(T(L), nullptr); }
// An error outside any protected call resets the thread, calls the panic function (with the
// error object on top) and aborts (vm/call.cpp's unprotected_error), as liblua's luaD_throw.
lua_CFunction lua_atpanic(lua_State* L, lua_CFunction panicf) {
  vm::Global* g = T(L)->g;
  auto old = reinterpret_cast<lua_CFunction>(g->panic);
  g->panic = reinterpret_cast<int (*)(vm::Thread*)>(panicf);
  return old;
}
lua_Number lua_version(lua_State*) { return LUA_VERSION_NUM; }

// ---- Stack ----

int lua_absindex(lua_State* L, int idx) { return api::abs_index(T(L), idx); }
int lua_gettop(lua_State* L) { return api::get_top(T(L)); }
void lua_settop(lua_State* L, int idx) { api::set_top(T(L), idx); }
void lua_pushvalue(lua_State* L, int idx) { api::push_value(T(L), idx); }
void lua_rotate(lua_State* L, int idx, int n) { api::rotate(T(L), idx, n); }
void lua_copy(lua_State* L, int fromidx, int toidx) { api::copy(T(L), fromidx, toidx); }
int lua_checkstack(lua_State* L, int n) { return api::check_stack(T(L), n); }
void lua_xmove(lua_State* from, lua_State* to, int n) { api::xmove(T(from), T(to), n); }

// ---- Access ----

int lua_isnumber(lua_State* L, int idx) { return api::is_number(T(L), idx); }
int lua_isstring(lua_State* L, int idx) { return api::is_string(T(L), idx); }
int lua_iscfunction(lua_State* L, int idx) { return api::is_native_function(T(L), idx); }
int lua_isinteger(lua_State* L, int idx) { return api::is_integer(T(L), idx); }
int lua_isuserdata(lua_State* L, int idx) { return api::is_userdata(T(L), idx); }
int lua_type(lua_State* L, int idx) { return api::type(T(L), idx); }
const char* lua_typename(lua_State* L, int t) { return api::type_name(T(L), t); }
lua_Number lua_tonumberx(lua_State* L, int idx, int* isnum) {
  bool ok;
  const double n = api::to_number(T(L), idx, &ok);
  if (isnum != nullptr) *isnum = ok;
  return n;
}
lua_Integer lua_tointegerx(lua_State* L, int idx, int* isnum) {
  bool ok;
  const int64_t n = api::to_integer(T(L), idx, &ok);
  if (isnum != nullptr) *isnum = ok;
  return n;
}
int lua_toboolean(lua_State* L, int idx) { return api::to_boolean(T(L), idx); }
const char* lua_tolstring(lua_State* L, int idx, size_t* len) {
  return api::to_lstring(T(L), idx, len);
}
lua_Unsigned lua_rawlen(lua_State* L, int idx) { return api::raw_len(T(L), idx); }
lua_CFunction lua_tocfunction(lua_State* L, int idx) {
  return reinterpret_cast<lua_CFunction>(api::to_native_function(T(L), idx));
}
void* lua_touserdata(lua_State* L, int idx) { return api::to_userdata(T(L), idx); }
lua_State* lua_tothread(lua_State* L, int idx) { return tycho::capi::L(api::to_thread(T(L), idx)); }
const void* lua_topointer(lua_State* L, int idx) { return api::to_pointer(T(L), idx); }

// ---- Arithmetic and comparison ----

void lua_arith(lua_State* L, int op) { api::arith(T(L), op); }
int lua_rawequal(lua_State* L, int idx1, int idx2) { return api::raw_equal(T(L), idx1, idx2); }
int lua_compare(lua_State* L, int idx1, int idx2, int op) {
  return api::compare(T(L), idx1, idx2, op);
}

// ---- Push ----

void lua_pushnil(lua_State* L) { api::push_nil(T(L)); }
void lua_pushnumber(lua_State* L, lua_Number n) { api::push_number(T(L), n); }
void lua_pushinteger(lua_State* L, lua_Integer n) { api::push_integer(T(L), n); }
const char* lua_pushlstring(lua_State* L, const char* s, size_t len) {
  return api::push_lstring(T(L), s, len);
}
const char* lua_pushstring(lua_State* L, const char* s) { return api::push_string(T(L), s); }
const char* lua_pushvfstring(lua_State* L, const char* fmt, va_list argp) {
  return api::push_vfstring(T(L), fmt, argp);
}
const char* lua_pushfstring(lua_State* L, const char* fmt, ...) {
  va_list argp;
  va_start(argp, fmt);
  const char* s = api::push_vfstring(T(L), fmt, argp);
  va_end(argp);
  return s;
}
void lua_pushcclosure(lua_State* L, lua_CFunction fn, int n) {
  api::push_native_closure(T(L), as_fn(fn), n);
}
void lua_pushboolean(lua_State* L, int b) { api::push_boolean(T(L), b != 0); }
void lua_pushlightuserdata(lua_State* L, void* p) { api::push_light_userdata(T(L), p); }
int lua_pushthread(lua_State* L) { return api::push_thread(T(L)); }

// ---- Get ----

int lua_getglobal(lua_State* L, const char* name) { return api::get_global(T(L), name); }
int lua_gettable(lua_State* L, int idx) { return api::get_table(T(L), idx); }
int lua_getfield(lua_State* L, int idx, const char* k) { return api::get_field(T(L), idx, k); }
int lua_geti(lua_State* L, int idx, lua_Integer n) { return api::get_i(T(L), idx, n); }
int lua_rawget(lua_State* L, int idx) { return api::raw_get(T(L), idx); }
int lua_rawgeti(lua_State* L, int idx, lua_Integer n) { return api::raw_get_i(T(L), idx, n); }
int lua_rawgetp(lua_State* L, int idx, const void* p) { return api::raw_get_p(T(L), idx, p); }
void lua_createtable(lua_State* L, int narr, int nrec) { api::create_table(T(L), narr, nrec); }
void* lua_newuserdatauv(lua_State* L, size_t size, int nuvalue) {
  return api::new_userdata(T(L), size, nuvalue);
}
int lua_getmetatable(lua_State* L, int idx) { return api::get_metatable(T(L), idx); }
int lua_getiuservalue(lua_State* L, int idx, int n) { return api::get_iuservalue(T(L), idx, n); }

// ---- Set ----

void lua_setglobal(lua_State* L, const char* name) { api::set_global(T(L), name); }
void lua_settable(lua_State* L, int idx) { api::set_table(T(L), idx); }
void lua_setfield(lua_State* L, int idx, const char* k) { api::set_field(T(L), idx, k); }
void lua_seti(lua_State* L, int idx, lua_Integer n) { api::set_i(T(L), idx, n); }
void lua_rawset(lua_State* L, int idx) { api::raw_set(T(L), idx); }
void lua_rawseti(lua_State* L, int idx, lua_Integer n) { api::raw_set_i(T(L), idx, n); }
void lua_rawsetp(lua_State* L, int idx, const void* p) { api::raw_set_p(T(L), idx, p); }
int lua_setmetatable(lua_State* L, int idx) {
  api::set_metatable(T(L), idx);
  return 1;
}
int lua_setiuservalue(lua_State* L, int idx, int n) { return api::set_iuservalue(T(L), idx, n); }

// ---- Calls and loading ----

void lua_callk(lua_State* L, int nargs, int nresults, lua_KContext ctx, lua_KFunction k) {
  api::callk(T(L), nargs, nresults, ctx, reinterpret_cast<vm::KFunction>(k));
}
int lua_pcallk(lua_State* L, int nargs, int nresults, int errfunc, lua_KContext ctx,
               lua_KFunction k) {
  return api::pcallk(T(L), nargs, nresults, errfunc, ctx, reinterpret_cast<vm::KFunction>(k));
}
int lua_load(lua_State* L, lua_Reader reader, void* dt, const char* chunkname, const char* mode) {
  return api::load(T(L), reinterpret_cast<api::Reader>(reader), dt,
                   chunkname != nullptr ? chunkname : "?", mode);
}
int lua_dump(lua_State* L, lua_Writer writer, void* data, int strip) {
  return api::dump(T(L), reinterpret_cast<vm::Writer>(writer), data, strip != 0);
}

// ---- Coroutines ----

int lua_yieldk(lua_State* L, int nresults, lua_KContext ctx, lua_KFunction k) {
  return api::yieldk(T(L), nresults, ctx, reinterpret_cast<vm::KFunction>(k));
}
int lua_resume(lua_State* L, lua_State* from, int narg, int* nres) {
  return api::resume(T(L), from != nullptr ? T(from) : nullptr, narg, nres);
}
int lua_status(lua_State* L) { return api::status(T(L)); }
int lua_isyieldable(lua_State* L) { return api::is_yieldable(T(L)); }

// ---- Warnings and the collector ----

void lua_setwarnf(lua_State* L, lua_WarnFunction f, void* ud) { tycho::capi::set_warnf(L, f, ud); }
void lua_warning(lua_State* L, const char* msg, int tocont) {
  api::warning(T(L), msg, tocont != 0);
}
int lua_gc(lua_State* L, int what, ...) {
  va_list argp;
  va_start(argp, what);
  int a = 0, b = 0, c = 0;
  switch (what) {
    case LUA_GCSTEP:
    case LUA_GCSETPAUSE:
    case LUA_GCSETSTEPMUL:
      a = va_arg(argp, int);
      break;
    case LUA_GCGEN:
      a = va_arg(argp, int);
      b = va_arg(argp, int);
      break;
    case LUA_GCINC:
      a = va_arg(argp, int);
      b = va_arg(argp, int);
      c = va_arg(argp, int);
      break;
    default:
      break;
  }
  va_end(argp);
  return api::gc(T(L), what, a, b, c);
}

// ---- Miscellaneous ----

int lua_error(lua_State* L) { api::error(T(L)); }
int lua_next(lua_State* L, int idx) { return api::next(T(L), idx); }
void lua_concat(lua_State* L, int n) { api::concat(T(L), n); }
void lua_len(lua_State* L, int idx) { api::len(T(L), idx); }
size_t lua_stringtonumber(lua_State* L, const char* s) { return api::string_to_number(T(L), s); }
lua_Alloc lua_getallocf(lua_State*, void** ud) {
  if (ud != nullptr) *ud = nullptr;
  return malloc_alloc;
}
void lua_setallocf(lua_State*, lua_Alloc, void*) {}  // the VM's heap is its own
void lua_toclose(lua_State* L, int idx) { api::to_close(T(L), idx); }
void lua_closeslot(lua_State* L, int idx) { api::close_slot(T(L), idx); }
int lua_setcstacklimit(lua_State*, unsigned int) { return 200; }  // deprecated: LUAI_MAXCCALLS

// ---- Debug ----

int lua_getstack(lua_State* L, int level, lua_Debug* ar) {
  return vm::get_stack(T(L), level, D(ar));
}
int lua_getinfo(lua_State* L, const char* what, lua_Debug* ar) {
  return vm::get_info(T(L), what, D(ar));
}
const char* lua_getlocal(lua_State* L, const lua_Debug* ar, int n) {
  return vm::get_local(T(L), D(ar), n);
}
const char* lua_setlocal(lua_State* L, const lua_Debug* ar, int n) {
  return vm::set_local(T(L), D(ar), n);
}
const char* lua_getupvalue(lua_State* L, int funcindex, int n) {
  return api::get_upvalue(T(L), funcindex, n);
}
const char* lua_setupvalue(lua_State* L, int funcindex, int n) {
  return api::set_upvalue(T(L), funcindex, n);
}
void* lua_upvalueid(lua_State* L, int fidx, int n) { return api::upvalue_id(T(L), fidx, n); }
void lua_upvaluejoin(lua_State* L, int fidx1, int n1, int fidx2, int n2) {
  api::upvalue_join(T(L), fidx1, n1, fidx2, n2);
}
void lua_sethook(lua_State* L, lua_Hook func, int mask, int count) {
  api::set_hook(T(L), reinterpret_cast<vm::Hook>(func), mask, count);
}
lua_Hook lua_gethook(lua_State* L) { return reinterpret_cast<lua_Hook>(api::get_hook(T(L))); }
int lua_gethookmask(lua_State* L) { return api::get_hook_mask(T(L)); }
int lua_gethookcount(lua_State* L) { return api::get_hook_count(T(L)); }
