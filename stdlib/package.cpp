// The package library and require (manual §6.3; Lua's loadlib.c).
//
// Searchers, in lua5.4's order: package.preload, Lua files along package.path, native
// libraries along package.cpath, and the all-in-one native root. A native library is opened
// with dlopen, as loadlib.c does, and kept open in the registry's _CLIBS table until the VM
// closes; its luaopen_ function is a lua_CFunction of the Lua C API (capi/), which the tycho
// program exports to the libraries it loads.
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"

namespace tycho::stdlib {

namespace {

// The default paths are Debian's lua5.4 ones, so that pure Lua modules installed by Debian
// packages (/usr/share/lua/5.4) are found as lua5.4 finds them.
#if defined(__x86_64__)
#define TYCHO_MULTIARCH "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define TYCHO_MULTIARCH "aarch64-linux-gnu"
#else
#define TYCHO_MULTIARCH "unknown"
#endif
constexpr const char* kPathDefault =
    "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;"
    "/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;"
    "/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;"
    "./?.lua;./?/init.lua";
constexpr const char* kCPathDefault = "/usr/local/lib/lua/5.4/?.so;/usr/lib/" TYCHO_MULTIARCH
                                      "/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;"
                                      "/usr/local/lib/lua/5.4/loadall.so;./?.so";
#undef TYCHO_MULTIARCH
constexpr const char* kPathSep = ";";
constexpr const char* kPathMark = "?";
constexpr const char* kDirSep = "/";
constexpr const char* kIgMark = "-";
constexpr const char* kLibFail = "absent";

constexpr int kErrLib = 1;
constexpr int kErrFunc = 2;

constexpr const char* kClibs = "_CLIBS";  // the registry's table of opened libraries

// The handle of the library at `path` already opened by this VM, or null.
void* check_clib(Thread* L, const char* path) {
  api::get_field(L, vm::kRegistryIndex, kClibs);
  api::get_field(L, -1, path);
  void* plib = api::to_userdata(L, -1);  // a light userdata
  api::pop(L, 2);
  return plib;
}

// Keep a new library's handle: _CLIBS[path] = plib and _CLIBS[#_CLIBS + 1] = plib (the list
// that the table's __gc closes, last opened first).
void add_clib(Thread* L, const char* path, void* plib) {
  api::get_field(L, vm::kRegistryIndex, kClibs);
  api::push_light_userdata(L, plib);
  api::push_value(L, -1);
  api::set_field(L, -3, path);
  api::raw_set_i(L, -2, static_cast<int64_t>(api::raw_len(L, -2)) + 1);
  api::pop(L, 1);
}

int gc_clibs(Thread* L) {  // __gc of _CLIBS: close every library, newest first
  for (int64_t n = static_cast<int64_t>(api::raw_len(L, 1)); n >= 1; n--) {
    api::raw_get_i(L, 1, n);
    dlclose(api::to_userdata(L, -1));
    api::pop(L, 1);
  }
  return 0;
}

void create_clibs_table(Thread* L) {
  get_subtable(L, vm::kRegistryIndex, kClibs);
  api::create_table(L, 0, 1);
  api::push_native_function(L, gc_clibs);
  api::set_field(L, -2, "__gc");
  api::set_metatable(L, -2);
  api::pop(L, 1);
}

// Open the library at `path` (unless open) and push its function `sym` ("*": only open it,
// and push true). 0 on success; kErrLib or kErrFunc with dlerror's message pushed.
int look_for_func(Thread* L, const char* path, const char* sym) {
  void* reg = check_clib(L, path);
  if (reg == nullptr) {
    reg = dlopen(path, RTLD_NOW | (*sym == '*' ? RTLD_GLOBAL : RTLD_LOCAL));
    if (reg == nullptr) {
      api::push_string(L, dlerror());
      return kErrLib;
    }
    add_clib(L, path, reg);
  }
  if (*sym == '*') {
    api::push_boolean(L, true);
    return 0;
  }
  void* f = dlsym(reg, sym);
  if (f == nullptr) {
    api::push_string(L, dlerror());
    return kErrFunc;
  }
  // A lua_CFunction: the same signature with lua_State* for Thread* (capi/lapi.cpp).
  api::push_native_function(L, reinterpret_cast<vm::NativeFn>(f));
  return 0;
}

int pkg_loadlib(Thread* L) {
  const char* path = check_string(L, 1);
  const char* init = check_string(L, 2);
  int stat = look_for_func(L, path, init);
  if (stat == 0) return 1;
  push_fail(L);
  api::insert(L, -2);
  api::push_string(L, stat == kErrLib ? kLibFail : "init");
  return 3;  // fail, message, where
}

bool readable(const char* filename) {
  FILE* f = std::fopen(filename, "r");
  if (f == nullptr) return false;
  std::fclose(f);
  return true;
}

// Next file name in the ';'-separated list at *path (made writable), or null at the end.
char* next_filename(char** path, char* end) {
  char* name = *path;
  if (name == end) return nullptr;
  if (*name == '\0') {  // the separator that ended the previous name
    *name = *kPathSep;
    name++;
  }
  char* sep = std::strchr(name, *kPathSep);
  if (sep == nullptr) sep = end;
  *sep = '\0';
  *path = sep;
  return name;
}

// Pushes "no file 'a'\n\tno file 'b'..." for the path list on top.
void push_error_not_found(Thread* L, const char* path) {
  Buffer b(L);
  b.add("no file '");
  gsub(L, path, kPathSep, "'\n\tno file '");
  b.add_value(L);
  b.add("'");
  b.push_result(L);
}

// The first readable file of `path` for `name` (pushed), or null with the list of tried files
// pushed as an error message.
const char* search_path(Thread* L, const char* name, const char* path, const char* sep,
                        const char* dirsep) {
  if (*sep != '\0' && std::strchr(name, *sep) != nullptr) name = gsub(L, name, sep, dirsep);
  Buffer buff(L);
  gsub(L, path, kPathMark, name);
  buff.add_value(L);
  buff.add_char('\0');
  char* pathname = buff.data();
  char* endpathname = pathname + buff.size() - 1;
  const char* filename;
  while ((filename = next_filename(&pathname, endpathname)) != nullptr) {
    if (readable(filename)) return api::push_string(L, filename);
  }
  buff.sub(1);  // next_filename restored every separator but this end mark
  buff.push_result(L);
  push_error_not_found(L, api::to_string(L, -1));
  return nullptr;
}

int pkg_searchpath(Thread* L) {
  const char* f = search_path(L, check_string(L, 1), check_string(L, 2), opt_string(L, 3, "."),
                              opt_string(L, 4, kDirSep));
  if (f != nullptr) return 1;
  push_fail(L);
  api::insert(L, -2);
  return 2;  // fail, message
}

const char* find_file(Thread* L, const char* name, const char* pname, const char* dirsep) {
  api::get_field(L, api::upvalue_index(1), pname);
  const char* path = api::to_string(L, -1);
  if (path == nullptr) error(L, "'package.%s' must be a string", pname);
  return search_path(L, name, path, ".", dirsep);
}

int check_load(Thread* L, bool ok, const char* filename) {
  if (ok) {
    api::push_string(L, filename);  // the second argument to the module
    return 2;
  }
  error(L, "error loading module '%s' from file '%s':\n\t%s", api::to_string(L, 1), filename,
        api::to_string(L, -1));
}

int searcher_preload(Thread* L) {
  const char* name = check_string(L, 1);
  api::get_field(L, vm::kRegistryIndex, kPreloadTable);
  if (api::get_field(L, -1, name) == vm::kTNil) {
    api::push_fstring(L, "no field package.preload['%s']", name);
    return 1;
  }
  api::push_string(L, ":preload:");
  return 2;
}

int searcher_lua(Thread* L) {
  const char* name = check_string(L, 1);
  const char* filename = find_file(L, name, "path", kDirSep);
  if (filename == nullptr) return 1;  // not found in this path
  return check_load(L, load_file(L, filename) == vm::kOk, filename);
}

int load_func(Thread* L, const char* filename, const char* modname) {
  modname = gsub(L, modname, ".", "_");
  const char* mark = std::strchr(modname, *kIgMark);
  if (mark) {
    const char* openfunc = api::push_lstring(L, modname, static_cast<size_t>(mark - modname));
    openfunc = api::push_fstring(L, "luaopen_%s", openfunc);
    int stat = look_for_func(L, filename, openfunc);
    if (stat != kErrFunc) return stat;
    modname = mark + 1;  // else try the old-style name
  }
  const char* openfunc = api::push_fstring(L, "luaopen_%s", modname);
  return look_for_func(L, filename, openfunc);
}

int searcher_c(Thread* L) {
  const char* name = check_string(L, 1);
  const char* filename = find_file(L, name, "cpath", kDirSep);
  if (filename == nullptr) return 1;
  return check_load(L, load_func(L, filename, name) == 0, filename);
}

int searcher_croot(Thread* L) {
  const char* name = check_string(L, 1);
  const char* p = std::strchr(name, '.');
  if (p == nullptr) return 0;  // is root
  api::push_lstring(L, name, static_cast<size_t>(p - name));
  const char* filename = find_file(L, api::to_string(L, -1), "cpath", kDirSep);
  if (filename == nullptr) return 1;  // root not found
  int stat = load_func(L, filename, name);
  if (stat != 0) {
    if (stat != kErrFunc) return check_load(L, false, filename);  // a real error
    api::push_fstring(L, "no module '%s' in file '%s'", name, filename);
    return 1;
  }
  api::push_string(L, filename);
  return 2;
}

void find_loader(Thread* L, const char* name) {
  if (api::get_field(L, api::upvalue_index(1), "searchers") != vm::kTTable) {
    error(L, "'package.searchers' must be a table");
  }
  Buffer msg(L);
  for (int i = 1;; i++) {
    msg.add("\n\t");                             // the prefix of each searcher's message
    if (api::raw_get_i(L, 3, i) == vm::kTNil) {  // no more searchers
      api::pop(L, 1);
      msg.sub(2);
      msg.push_result(L);
      error(L, "module '%s' not found:%s", name, api::to_string(L, -1));
    }
    api::push_string(L, name);
    api::call(L, 1, 2);
    if (api::is_function(L, -2)) return;  // found a loader
    if (api::is_string(L, -2)) {          // the searcher's error message
      api::pop(L, 1);
      msg.add_value(L);
    } else {
      api::pop(L, 2);
      msg.sub(2);
    }
  }
}

int pkg_require(Thread* L) {
  const char* name = check_string(L, 1);
  api::set_top(L, 1);  // LOADED will be at index 2
  api::get_field(L, vm::kRegistryIndex, kLoadedTable);
  api::get_field(L, 2, name);
  if (api::to_boolean(L, -1)) return 1;  // already loaded
  api::pop(L, 1);
  find_loader(L, name);
  api::rotate(L, -2, 1);   // function <-> loader data
  api::push_value(L, 1);   // name: the first argument of the loader
  api::push_value(L, -3);  // loader data: the second
  api::call(L, 2, 1);
  if (!api::is_nil(L, -1)) {
    api::set_field(L, 2, name);  // LOADED[name] = result
  } else {
    api::pop(L, 1);
  }
  if (api::get_field(L, 2, name) == vm::kTNil) {  // the module set no value
    api::push_boolean(L, true);
    api::copy(L, -1, -2);
    api::set_field(L, 2, name);  // LOADED[name] = true
  }
  api::rotate(L, -2, 1);  // loader data <-> module result
  return 2;
}

bool no_env(Thread* L) {
  api::get_field(L, vm::kRegistryIndex, "LUA_NOENV");
  bool b = api::to_boolean(L, -1);
  api::pop(L, 1);
  return b;
}

// package[fieldname] = $envname_5_4 or $envname or the default; ";;" in the variable stands
// for the default path.
void set_path(Thread* L, const char* fieldname, const char* envname, const char* dft) {
  const char* nver = api::push_fstring(L, "%s%s", envname, "_5_4");
  const char* path = std::getenv(nver);
  if (path == nullptr) path = std::getenv(envname);
  const char* dftmark;
  if (path == nullptr || no_env(L)) {
    api::push_string(L, dft);
  } else if ((dftmark = std::strstr(path, ";;")) == nullptr) {
    api::push_string(L, path);
  } else {
    size_t len = std::strlen(path);
    Buffer b(L);
    if (path < dftmark) {
      b.add(path, static_cast<size_t>(dftmark - path));
      b.add_char(*kPathSep);
    }
    b.add(dft);
    if (dftmark < path + len - 2) {
      b.add_char(*kPathSep);
      b.add(dftmark + 2, static_cast<size_t>((path + len - 2) - dftmark));
    }
    b.push_result(L);
  }
  api::set_field(L, -3, fieldname);
  api::pop(L, 1);  // nver
}

const Reg kPkgFuncs[] = {
    {"loadlib", pkg_loadlib},
    {"searchpath", pkg_searchpath},
    // placeholders
    {"preload", nullptr},
    {"cpath", nullptr},
    {"path", nullptr},
    {"searchers", nullptr},
    {"loaded", nullptr},
    {nullptr, nullptr},
};

const Reg kLlFuncs[] = {
    {"require", pkg_require},
    {nullptr, nullptr},
};

void create_searchers_table(Thread* L) {
  static const vm::NativeFn searchers[] = {searcher_preload, searcher_lua, searcher_c,
                                           searcher_croot};
  constexpr int n = sizeof(searchers) / sizeof(searchers[0]);
  api::create_table(L, n, 0);
  for (int i = 0; i < n; i++) {
    api::push_value(L, -2);  // the package table is every searcher's upvalue
    api::push_native_closure(L, searchers[i], 1);
    api::raw_set_i(L, -2, i + 1);
  }
  api::set_field(L, -2, "searchers");
}

}  // namespace

int open_package(Thread* L) {
  create_clibs_table(L);
  new_lib(L, kPkgFuncs);
  create_searchers_table(L);
  set_path(L, "path", "LUA_PATH", kPathDefault);
  set_path(L, "cpath", "LUA_CPATH", kCPathDefault);
  api::push_string(L, "/\n;\n?\n!\n-\n");
  api::set_field(L, -2, "config");
  get_subtable(L, vm::kRegistryIndex, kLoadedTable);
  api::set_field(L, -2, "loaded");
  get_subtable(L, vm::kRegistryIndex, kPreloadTable);
  api::set_field(L, -2, "preload");
  api::push_global_table(L);
  api::push_value(L, -2);  // the package table is require's upvalue
  set_funcs(L, kLlFuncs, 1);
  api::pop(L, 1);  // the global table
  return 1;
}

}  // namespace tycho::stdlib
