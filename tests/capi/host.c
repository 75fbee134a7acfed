/* A C host in the style of the manual's chapter 4, unchanged between Lua and tycho: built
 * with `pkg-config --cflags --libs tycho-lua` (or lua5.4), it must print the same.
 *   host            the run below (LUA_CPATH_5_4 must find tests/capi's testmod.so)
 *   host panic      an error outside any protected call: lauxlib's panic message, abort */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

/* A C function for Lua: the sum and the average of its numeric arguments. */
static int stats(lua_State *L) {
  int n = lua_gettop(L), i;
  lua_Number sum = 0;
  for (i = 1; i <= n; i++) sum += luaL_checknumber(L, i);
  lua_pushnumber(L, sum);
  lua_pushnumber(L, n > 0 ? sum / n : 0);
  return 2;
}

static const char *reader_text;
static const char *read_once(lua_State *L, void *ud, size_t *size) {
  const char *text = reader_text;
  (void)L;
  (void)ud;
  reader_text = NULL;
  if (text == NULL) return NULL;
  *size = strlen(text);
  return text;
}

/* A panic function that jumps back into the host, as the manual allows. */
static jmp_buf panic_jump;
static int jump_back(lua_State *L) {
  printf("panic: %s, top %d\n", lua_tostring(L, -1), lua_gettop(L));
  longjmp(panic_jump, 1);
}

static int fail_in_lua(lua_State *L) {
  luaL_dostring(L, "return 1");  /* protected: does not panic */
  lua_settop(L, 0);
  lua_getglobal(L, "error");
  lua_pushstring(L, "raised with lua_call");
  lua_call(L, 1, 0);  /* not protected */
  return 0;
}

int main(int argc, char **argv) {
  lua_State *L = luaL_newstate();
  double w, h;
  int status;
  if (argc > 1 && strcmp(argv[1], "panic") == 0) {
    lua_pushinteger(L, 42);
    lua_pushstring(L, "unprotected");
    lua_error(L);
    printf("not reached\n");
    return 0;
  }
  luaL_openlibs(L);
  lua_register(L, "stats", stats);

  /* Run a chunk, as a configuration file would be. */
  if (luaL_dostring(L, "width, height = 200, 300 * 2\n"
                       "function area(scale) return width * height * scale end\n"
                       "local s, avg = stats(1, 2, 3, 4) print('stats', s, avg)")) {
    fprintf(stderr, "error: %s\n", lua_tostring(L, -1));
    return 1;
  }
  lua_getglobal(L, "width");
  lua_getglobal(L, "height");
  w = lua_tonumber(L, -2);
  h = lua_tonumber(L, -1);
  lua_pop(L, 2);
  printf("width %g height %g\n", w, h);

  /* Call a Lua function with lua_pcall. */
  lua_getglobal(L, "area");
  lua_pushnumber(L, 0.5);
  status = lua_pcall(L, 1, 1, 0);
  printf("area: status %d, result %g\n", status, lua_tonumber(L, -1));
  lua_pop(L, 1);

  /* Errors: a runtime error caught by lua_pcall, a syntax error from luaL_loadstring. */
  luaL_loadstring(L, "local t = nil; return t.x");
  status = lua_pcall(L, 0, 0, 0);
  printf("runtime error: status %d, %s\n", status, lua_tostring(L, -1));
  lua_pop(L, 1);
  status = luaL_loadstring(L, "x = = 1");
  printf("syntax error: status %d, %s\n", status, lua_tostring(L, -1));
  lua_pop(L, 1);

  /* lua_load with a reader, a table built from C, luaL_Buffer. */
  reader_text = "local t = ... return #t, t.name";
  lua_load(L, read_once, NULL, "=reader", NULL);
  lua_createtable(L, 3, 1);
  lua_pushinteger(L, 10);
  lua_rawseti(L, -2, 1);
  lua_pushinteger(L, 20);
  lua_rawseti(L, -2, 2);
  lua_pushstring(L, "tbl");
  lua_setfield(L, -2, "name");
  lua_call(L, 1, 2);
  printf("table: %d %s\n", (int)lua_tointeger(L, -2), lua_tostring(L, -1));
  lua_pop(L, 2);
  {
    luaL_Buffer b;
    int i;
    luaL_buffinit(L, &b);
    for (i = 0; i < 3; i++) luaL_addstring(&b, "ab");
    luaL_pushresult(&b);
    printf("buffer: %s, top %d\n", lua_tostring(L, -1), lua_gettop(L));
    lua_pop(L, 1);
  }
  printf("version %.0f\n", (double)lua_version(L));

  /* A C module (tests/capi/testmod.c) loaded with require: it resolves the lua_* functions
   * from the library the host linked. */
  if (luaL_dostring(L, "local m = require 'testmod'\n"
                       "print('module', m.add(40, 2), m.rep('ab', 3), m.version)")) {
    printf("require: %s\n", lua_tostring(L, -1));
    lua_pop(L, 1);
  }

  /* Errors outside any protected call go to the panic function, which may jump out. The
   * state stays usable. */
  lua_atpanic(L, jump_back);
  if (setjmp(panic_jump) == 0) {
    lua_pushstring(L, "raised with lua_error");
    lua_error(L);
  }
  if (setjmp(panic_jump) == 0) fail_in_lua(L);
  lua_settop(L, 0);
  if (setjmp(panic_jump) == 0) {
    lua_pushnil(L);
    lua_getfield(L, -1, "field");  /* index a nil: an error from the VM */
  }
  lua_settop(L, 0);
  luaL_dostring(L, "return 6 * 7");
  printf("after panics: %d\n", (int)lua_tointeger(L, -1));
  lua_close(L);
  return 0;
}
