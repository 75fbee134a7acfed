/* A C module written against the Lua 5.4 C API, built against tycho's headers (capi/include)
 * and linked to no Lua library: the interpreter that loads it provides the API. The same
 * module runs under tycho and lua5.4 (tests/capi/run.sh compares them). */
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

/* ---- Arguments, results, errors ---- */

static int add(lua_State *L) {
  lua_Integer a = luaL_checkinteger(L, 1);
  lua_Integer b = luaL_optinteger(L, 2, 10);
  lua_pushinteger(L, a + b);
  return 1;
}

static int describe(lua_State *L) {
  int n = lua_gettop(L), i;
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (i = 1; i <= n; i++) {
    if (i > 1) luaL_addchar(&b, ',');
    luaL_addstring(&b, luaL_typename(L, i));
    if (lua_isinteger(L, i)) {
      lua_pushfstring(L, "=%I", (LUAI_UACINT)lua_tointeger(L, i));
      luaL_addvalue(&b);
    } else if (lua_type(L, i) == LUA_TSTRING) {
      luaL_addchar(&b, '=');
      lua_pushvalue(L, i);
      luaL_addvalue(&b);
    }
  }
  luaL_pushresult(&b);
  return 1;
}

/* A string of n copies of s, built in a buffer that must move into its box. */
static int repeat(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  lua_Integer n = luaL_checkinteger(L, 2), i;
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (i = 0; i < n; i++) luaL_addlstring(&b, s, len);
  luaL_pushresult(&b);
  return 1;
}

static int fail(lua_State *L) {
  return luaL_error(L, "failed with %d and %s", (int)luaL_checkinteger(L, 1), "words");
}

/* Asks for more stack than Lua allows: an error, not a crash. */
static int deep(lua_State *L) {
  luaL_checkstack(L, (int)luaL_checkinteger(L, 1), "too many values");
  lua_pushboolean(L, lua_checkstack(L, 10));
  return 1;
}

static int check_option(lua_State *L) {
  static const char *const modes[] = {"read", "write", NULL};
  lua_pushinteger(L, luaL_checkoption(L, 1, "read", modes));
  return 1;
}

/* ---- Tables, iteration, references ---- */

static int sum_table(lua_State *L) {
  lua_Number total = 0;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    if (lua_isnumber(L, -1)) total += lua_tonumber(L, -1);
    lua_pop(L, 1);
  }
  lua_pushnumber(L, total);
  lua_pushinteger(L, (lua_Integer)lua_rawlen(L, 1));
  return 2;
}

static int refs(lua_State *L) {
  int r1, r2, r3;
  lua_pushstring(L, "first");
  r1 = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_pushstring(L, "second");
  r2 = luaL_ref(L, LUA_REGISTRYINDEX);
  luaL_unref(L, LUA_REGISTRYINDEX, r1);
  lua_pushstring(L, "third");
  r3 = luaL_ref(L, LUA_REGISTRYINDEX); /* reuses r1's slot */
  lua_rawgeti(L, LUA_REGISTRYINDEX, r2);
  lua_rawgeti(L, LUA_REGISTRYINDEX, r3);
  lua_pushboolean(L, r3 == r1);
  lua_pushnil(L);
  lua_pushinteger(L, luaL_ref(L, LUA_REGISTRYINDEX)); /* LUA_REFNIL */
  luaL_unref(L, LUA_REGISTRYINDEX, r2);
  luaL_unref(L, LUA_REGISTRYINDEX, r3);
  return 4;
}

/* ---- Userdata with a metatable ---- */

typedef struct Counter {
  lua_Integer count;
  lua_Integer step;
} Counter;

static int counter_new(lua_State *L) {
  Counter *c = (Counter *)lua_newuserdatauv(L, sizeof(Counter), 1);
  c->count = 0;
  c->step = luaL_optinteger(L, 1, 1);
  luaL_setmetatable(L, "testmod.Counter");
  lua_pushstring(L, "a user value");
  lua_setiuservalue(L, -2, 1);
  return 1;
}

static int counter_tick(lua_State *L) {
  Counter *c = (Counter *)luaL_checkudata(L, 1, "testmod.Counter");
  c->count += c->step;
  lua_pushinteger(L, c->count);
  return 1;
}

static int counter_uservalue(lua_State *L) {
  luaL_checkudata(L, 1, "testmod.Counter");
  lua_getiuservalue(L, 1, 1);
  return 1;
}

static int counter_tostring(lua_State *L) {
  Counter *c = (Counter *)luaL_checkudata(L, 1, "testmod.Counter");
  lua_pushfstring(L, "Counter(%d)", (int)c->count);
  return 1;
}

static int gc_count = 0;
static int counter_gc(lua_State *L) {
  (void)L;
  gc_count++;
  return 0;
}

static int collected(lua_State *L) {
  lua_pushinteger(L, gc_count);
  return 1;
}

/* ---- Upvalues, calls, continuations, coroutines ---- */

static int next_id(lua_State *L) {
  lua_Integer id = lua_tointeger(L, lua_upvalueindex(1)) + 1;
  lua_pushinteger(L, id);
  lua_copy(L, -1, lua_upvalueindex(1));
  return 1;
}

static int make_ids(lua_State *L) {
  lua_pushinteger(L, luaL_optinteger(L, 1, 0));
  lua_pushcclosure(L, next_id, 1);
  return 1;
}

/* call(f, ...): f's results, and whether a protected call of f with no arguments failed. */
static int call(lua_State *L) {
  int n = lua_gettop(L);
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_pushvalue(L, 1);
  lua_insert(L, 2);
  lua_call(L, n - 1, LUA_MULTRET);
  return lua_gettop(L) - 1;
}

static int protected(lua_State *L) {
  int status;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  status = lua_pcall(L, 0, 1, 0);
  lua_pushboolean(L, status == LUA_OK);
  lua_insert(L, -2);
  return 2;
}

/* Yields through a C function: each yield hands out a value; the continuation collects what
   resume passed in, until the number of steps is done. */
static int steps_k(lua_State *L, int status, lua_KContext ctx) {
  lua_Integer left = (lua_Integer)ctx;
  (void)status;
  if (left == 0) {
    lua_pushstring(L, "steps done");
    return 1;
  }
  lua_pushinteger(L, left);
  return lua_yieldk(L, 1, (lua_KContext)(left - 1), steps_k);
}

static int steps(lua_State *L) {
  return steps_k(L, LUA_OK, (lua_KContext)luaL_checkinteger(L, 1));
}

/* callk(f): calls f (which may yield) with a continuation that adds 1 to its result. */
static int callk_cont(lua_State *L, int status, lua_KContext ctx) {
  (void)status;
  (void)ctx;
  lua_pushinteger(L, lua_tointeger(L, -1) + 1);
  return 1;
}

static int callk(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_callk(L, 0, 1, 0, callk_cont);
  return callk_cont(L, LUA_OK, 0);
}

/* Runs f in a new coroutine from C, collecting what it yields. */
static int collect_yields(lua_State *L) {
  lua_State *co;
  int nres, status, n = 0;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  co = lua_newthread(L);
  lua_pushvalue(L, 1);
  lua_xmove(L, co, 1);
  lua_newtable(L);
  while ((status = lua_resume(co, L, 0, &nres)) == LUA_YIELD) {
    lua_xmove(co, L, 1);
    lua_rawseti(L, -2, ++n);
    lua_pop(co, nres - 1 > 0 ? nres - 1 : 0);
  }
  if (status != LUA_OK) {
    lua_xmove(co, L, 1);
    return lua_error(L);
  }
  return 1;
}

/* ---- Loading, dumping, arithmetic, debug ---- */

typedef struct Chunk {
  char data[4096];
  size_t size;
} Chunk;

static int writer(lua_State *L, const void *p, size_t sz, void *ud) {
  Chunk *c = (Chunk *)ud;
  (void)L;
  if (c->size + sz > sizeof c->data) return 1;
  memcpy(c->data + c->size, p, sz);
  c->size += sz;
  return 0;
}

static const char *reader(lua_State *L, void *ud, size_t *size) {
  Chunk *c = (Chunk *)ud;
  (void)L;
  if (c->size == 0) return NULL;
  *size = c->size;
  c->size = 0;
  return c->data;
}

/* roundtrip(source): compiles, dumps, loads the dump and calls it. */
static int roundtrip(lua_State *L) {
  size_t len;
  const char *src = luaL_checklstring(L, 1, &len);
  Chunk c;
  c.size = 0;
  if (luaL_loadbuffer(L, src, len, "=roundtrip") != LUA_OK) return lua_error(L);
  if (lua_dump(L, writer, &c, 1) != 0) return luaL_error(L, "dump failed");
  lua_pop(L, 1);
  if (lua_load(L, reader, &c, "=loaded", "b") != LUA_OK) return lua_error(L);
  lua_call(L, 0, 1);
  return 1;
}

static int arith(lua_State *L) {
  lua_settop(L, 2);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_arith(L, LUA_OPADD);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_arith(L, LUA_OPIDIV);
  lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
  lua_pushinteger(L, (lua_Integer)lua_stringtonumber(L, "0x10"));
  return 4;
}

static int where(lua_State *L) {
  lua_Debug ar;
  if (!lua_getstack(L, 1, &ar)) return 0;
  lua_getinfo(L, "Sl", &ar);
  lua_pushfstring(L, "%s:%d %s", ar.short_src, ar.currentline, ar.what);
  return 1;
}

static const luaL_Reg counter_methods[] = {
    {"tick", counter_tick}, {"uservalue", counter_uservalue}, {NULL, NULL}};

static const luaL_Reg funcs[] = {
    {"add", add},
    {"describe", describe},
    {"rep", repeat},
    {"fail", fail},
    {"option", check_option},
    {"deep", deep},
    {"sum", sum_table},
    {"refs", refs},
    {"counter", counter_new},
    {"collected", collected},
    {"ids", make_ids},
    {"call", call},
    {"protected", protected},
    {"steps", steps},
    {"callk", callk},
    {"collect_yields", collect_yields},
    {"roundtrip", roundtrip},
    {"arith", arith},
    {"where", where},
    {"version", NULL},
    {NULL, NULL}};

int luaopen_testmod(lua_State *L) {
  luaL_checkversion(L);
  if (luaL_newmetatable(L, "testmod.Counter")) {
    luaL_newlib(L, counter_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, counter_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushcfunction(L, counter_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  luaL_newlib(L, funcs);
  lua_pushnumber(L, lua_version(L));
  lua_setfield(L, -2, "version");
  return 1;
}
