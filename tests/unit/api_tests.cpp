// Unit tests of the native API (vm/api.hpp), the auxiliary library (stdlib/aux.hpp) and the
// public C++ API (include/tycho/tycho.hpp). Expected messages are lua5.4's.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "tycho/cli.hpp"
#include "tycho/tycho.hpp"
#include "vm/number.hpp"
#include "vm/table.hpp"
#include "vm/vm.hpp"

using namespace tycho;
namespace api = tycho::vm::api;
using vm::Thread;

namespace {

// A VM with the standard libraries, driven through the native API. Code runs inside a
// protected call so that errors come back as statuses.
struct ApiFixture {
  Thread* L;
  ApiFixture() : L(vm::new_vm()) {
    api::push_native_function(L, [](Thread* L) {
      stdlib::open_libs(L);
      return 0;
    });
    REQUIRE(api::pcall(L, 0, 0, 0) == vm::kOk);
  }
  ~ApiFixture() { vm::close_vm(L); }
  ApiFixture(const ApiFixture&) = delete;
  ApiFixture& operator=(const ApiFixture&) = delete;

  // Run a chunk; the error message on failure, "" on success (results are dropped).
  std::string run(const char* code) {
    int top = api::get_top(L);
    int status = stdlib::load_string(L, code);
    if (status == vm::kOk) status = api::pcall(L, 0, 0, 0);
    std::string msg;
    if (status != vm::kOk) msg = api::to_string(L, -1) ? api::to_string(L, -1) : "?";
    api::set_top(L, top);
    return msg;
  }
};

std::string top_string(Thread* L) {
  size_t len;
  const char* s = api::to_lstring(L, -1, &len);
  return s ? std::string(s, len) : std::string("<not a string>");
}

}  // namespace

TEST_CASE_METHOD(ApiFixture, "stack indices, rotate, copy, set_top", "[api]") {
  for (int i = 1; i <= 5; i++) api::push_integer(L, i);
  CHECK(api::get_top(L) == 5);
  CHECK(api::abs_index(L, -1) == 5);
  CHECK(api::abs_index(L, vm::kRegistryIndex) == vm::kRegistryIndex);
  api::rotate(L, 2, 1);  // 1 5 2 3 4
  CHECK(api::to_integer(L, 2) == 5);
  CHECK(api::to_integer(L, 5) == 4);
  api::rotate(L, 2, -1);  // back: 1 2 3 4 5
  CHECK(api::to_integer(L, 2) == 2);
  api::insert(L, 1);  // 5 1 2 3 4
  CHECK(api::to_integer(L, 1) == 5);
  api::remove(L, 1);  // 1 2 3 4
  CHECK(api::get_top(L) == 4);
  api::copy(L, 1, 4);
  CHECK(api::to_integer(L, 4) == 1);
  api::set_top(L, 6);
  CHECK(api::is_nil(L, 6));
  CHECK(api::type(L, 7) == api::kTNone);
  CHECK(std::string(api::type_name(L, api::type(L, 7))) == "no value");
  api::set_top(L, 0);
  CHECK(api::get_top(L) == 0);
  CHECK(api::check_stack(L, 1000));
}

TEST_CASE_METHOD(ApiFixture, "conversions", "[api]") {
  api::push_integer(L, 42);
  bool isnum = false;
  CHECK(api::to_number(L, -1, &isnum) == 42.0);
  CHECK(isnum);
  size_t len = 0;
  CHECK(std::string(api::to_lstring(L, -1, &len)) == "42");  // converted in place
  CHECK(len == 2);
  CHECK(api::type(L, -1) == vm::kTString);
  api::push_string(L, "  0x10  ");
  CHECK(api::to_integer(L, -1, &isnum) == 16);
  CHECK(isnum);
  api::push_string(L, "3.5");
  api::to_integer(L, -1, &isnum);
  CHECK_FALSE(isnum);  // no integer representation
  api::push_string(L, "abc");
  CHECK(api::to_number(L, -1, &isnum) == 0);
  CHECK_FALSE(isnum);
  CHECK(api::string_to_number(L, "0x1p4") == 6);
  CHECK(api::to_number(L, -1) == 16.0);
  CHECK(api::string_to_number(L, "1e") == 0);
  api::push_boolean(L, false);
  CHECK_FALSE(api::to_boolean(L, -1));
  CHECK(api::to_lstring(L, -1, &len) == nullptr);
  CHECK(len == 0);
  api::push_fstring(L, "%s=%d %I %f%%", "x", 7, int64_t{-3}, 2.0);
  CHECK(top_string(L) == "x=7 -3 2.0%");
  api::set_top(L, 0);
}

TEST_CASE_METHOD(ApiFixture, "tables: get/set, raw access, next, length", "[api]") {
  api::create_table(L, 2, 1);
  api::push_string(L, "v");
  api::set_field(L, 1, "k");
  api::push_integer(L, 10);
  api::raw_set_i(L, 1, 1);
  api::push_integer(L, 20);
  api::set_i(L, 1, 2);
  CHECK(api::get_field(L, 1, "k") == vm::kTString);
  CHECK(top_string(L) == "v");
  CHECK(api::raw_get_i(L, 1, 2) == vm::kTNumber);
  CHECK(api::to_integer(L, -1) == 20);
  CHECK(api::raw_len(L, 1) == 2);
  api::set_top(L, 1);
  int n = 0;
  api::push_nil(L);
  while (api::next(L, 1)) {
    n++;
    api::pop(L, 1);
  }
  CHECK(n == 3);
  CHECK(api::get_top(L) == 1);
  api::len(L, 1);
  CHECK(api::to_integer(L, -1) == 2);
  api::set_top(L, 0);
}

TEST_CASE_METHOD(ApiFixture, "metamethods through the API", "[api]") {
  CHECK(run("T = setmetatable({}, {__index = function(t, k) return k .. '!' end,"
            "  __len = function() return 7 end, __lt = function() return true end,"
            "  __concat = function(a, b) return 'cat' end, __add = function() return 99 end})") ==
        "");
  api::get_global(L, "T");
  CHECK(api::get_field(L, -1, "x") == vm::kTString);
  CHECK(top_string(L) == "x!");
  api::pop(L, 1);
  api::push_string(L, "y");
  CHECK(api::raw_get(L, 1) == vm::kTNil);  // no __index for raw access
  api::pop(L, 1);
  CHECK(stdlib::len(L, 1) == 7);
  api::push_value(L, 1);
  CHECK(api::compare(L, 1, 2, api::kCmpLt));
  CHECK(api::compare(L, 1, 2, api::kCmpEq));
  CHECK_FALSE(api::compare(L, 1, 5, api::kCmpEq));  // invalid index
  api::push_integer(L, 1);
  api::arith(L, vm::kOpAdd);
  CHECK(api::to_integer(L, -1) == 99);
  api::set_top(L, 1);
  api::push_string(L, "a");
  api::concat(L, 2);
  CHECK(top_string(L) == "cat");
  api::set_top(L, 0);
  api::concat(L, 0);
  CHECK(top_string(L) == "");
  api::set_top(L, 0);
}

TEST_CASE_METHOD(ApiFixture, "native closures and upvalues", "[api]") {
  api::push_integer(L, 5);
  api::push_native_closure(
      L,
      [](Thread* L) {
        int64_t n = api::to_integer(L, api::upvalue_index(1)) + 1;
        api::push_integer(L, n);
        api::copy(L, -1, api::upvalue_index(1));
        CHECK(api::is_none(L, api::upvalue_index(2)));
        return 1;
      },
      1);
  api::set_global(L, "counter");
  CHECK(run("assert(counter() == 6 and counter() == 7)") == "");
  api::get_global(L, "counter");
  CHECK(std::string(api::get_upvalue(L, -1, 1)) == "");
  CHECK(api::to_integer(L, -1) == 7);
  CHECK(api::get_upvalue(L, -2, 2) == nullptr);
  api::set_top(L, 0);
}

TEST_CASE_METHOD(ApiFixture, "errors: pcall statuses, message handler, arg errors", "[api]") {
  CHECK(run("error('x')") == "[string \"error('x')\"]:1: x");
  CHECK(run("error({})").substr(0, 1) == "?");  // a table error object
  CHECK(run("local t = {m = coroutine.status} t:m()") ==
        "[string \"local t = {m = coroutine.status} t:m()\"]:1: "
        "calling 'm' on bad self (thread expected, got table)");
  CHECK(run("local t = {m = rawequal} t:m()") ==
        "[string \"local t = {m = rawequal} t:m()\"]:1: bad argument #1 to 'm' (value expected)");
  CHECK(run("setmetatable(1, {})") ==
        "[string \"setmetatable(1, {})\"]:1: bad argument #1 to 'setmetatable' "
        "(table expected, got number)");
  // A message handler sees the error first.
  api::push_native_function(L, [](Thread* L) {
    api::push_string(L, "handled: ");
    api::insert(L, 1);
    api::concat(L, 2);
    return 1;
  });
  stdlib::load_string(L, "error('e', 0)");
  CHECK(api::pcall(L, 0, 0, 1) == vm::kErrRun);
  CHECK(top_string(L) == "handled: e");
  api::set_top(L, 0);
  // Syntax errors are not runtime errors and skip the handler.
  CHECK(stdlib::load_string(L, "x = = 1") == vm::kErrSyntax);
  CHECK(top_string(L) == "[string \"x = = 1\"]:1: unexpected symbol near '='");
  api::set_top(L, 0);
}

TEST_CASE_METHOD(ApiFixture, "load: modes, reader functions, chunk names", "[api]") {
  CHECK(api::load(L, "return 1", "=c", "b") == vm::kErrSyntax);
  CHECK(top_string(L) == "attempt to load a text chunk (mode is 'b')");
  CHECK(api::load(L, "\x1bLua", "=c", "t") == vm::kErrSyntax);
  CHECK(top_string(L) == "attempt to load a binary chunk (mode is 't')");
  api::set_top(L, 0);
  struct Pieces {
    std::vector<std::string> parts;
    size_t i = 0;
  } pieces{{"return ", "1 ", "+ 41"}};
  auto reader = [](Thread*, void* ud, size_t* size) -> const char* {
    auto* p = static_cast<Pieces*>(ud);
    if (p->i == p->parts.size()) return nullptr;
    const std::string& s = p->parts[p->i++];
    *size = s.size();
    return s.data();
  };
  REQUIRE(api::load(L, reader, &pieces, "=pieces", nullptr) == vm::kOk);
  api::call(L, 0, 1);
  CHECK(api::to_integer(L, -1) == 42);
  api::set_top(L, 0);
}

TEST_CASE_METHOD(ApiFixture, "traceback text", "[aux]") {
  CHECK(run("function f() local x = nil; x() end") == "");
  api::push_native_function(L, [](Thread* L) {
    stdlib::traceback(L, L, api::to_string(L, 1), 1);
    return 1;
  });
  stdlib::load_string(L, "local function g() f() end\ng()");
  REQUIRE(api::pcall(L, 0, 0, 1) == vm::kErrRun);
  CHECK(top_string(L) ==
        "[string \"function f() local x = nil; x() end\"]:1: attempt to call a nil value "
        "(local 'x')\n"
        "stack traceback:\n"
        "\t[string \"function f() local x = nil; x() end\"]:1: in function 'f'\n"
        "\t[string \"local function g() f() end...\"]:1: in local 'g'\n"
        "\t[string \"local function g() f() end...\"]:2: in main chunk");
  api::set_top(L, 0);
}

TEST_CASE_METHOD(ApiFixture, "userdata with a registered metatable", "[aux]") {
  void* p = api::new_userdata(L, 16, 1);
  REQUIRE(p != nullptr);
  CHECK(stdlib::new_metatable(L, "My.Udata"));
  CHECK_FALSE(stdlib::new_metatable(L, "My.Udata"));
  api::pop(L, 2);
  stdlib::set_metatable(L, "My.Udata");
  CHECK(stdlib::test_udata(L, 1, "My.Udata") == p);
  CHECK(stdlib::test_udata(L, 1, "Other") == nullptr);
  api::push_integer(L, 3);
  CHECK(api::set_iuservalue(L, 1, 1));
  api::push_integer(L, 4);
  CHECK_FALSE(api::set_iuservalue(L, 1, 2));
  CHECK(api::get_iuservalue(L, 1, 1) == vm::kTNumber);
  CHECK(api::get_iuservalue(L, 1, 2) == api::kTNone);
  CHECK(api::raw_len(L, 1) == 16);
  CHECK(std::string(stdlib::tolstring(L, 1, nullptr)).rfind("My.Udata: 0x", 0) == 0);
  api::set_top(L, 0);
}

TEST_CASE_METHOD(ApiFixture, "coroutines through the API", "[api]") {
  CHECK(run("function gen(a) local b = coroutine.yield(a + 1) return b * 2 end") == "");
  Thread* co = api::new_thread(L);
  api::get_global(L, "gen");
  api::xmove(L, co, 1);
  api::push_integer(co, 1);
  int nres = 0;
  CHECK(api::resume(co, L, 1, &nres) == vm::kYield);
  CHECK(nres == 1);
  CHECK(api::to_integer(co, -1) == 2);
  api::pop(co, 1);
  api::push_integer(co, 10);
  CHECK(api::resume(co, L, 1, &nres) == vm::kOk);
  CHECK(api::to_integer(co, -1) == 20);
  CHECK(api::status(co) == vm::kOk);
  CHECK(api::close_thread(co, L) == vm::kOk);
  api::set_top(L, 0);
}

// ---- The public API ----

namespace {

// Feeds fixed lines to Vm::repl and records the history.
class ScriptedEditor : public tycho::cli::LineEditor {
 public:
  explicit ScriptedEditor(std::vector<std::string> lines) : lines_(std::move(lines)) {}
  bool read_line(const char* prompt, std::string& line) override {
    prompts.push_back(prompt);
    if (next_ == lines_.size()) return false;
    line = lines_[next_++];
    return true;
  }
  void save_line(const std::string& line) override { history.push_back(line); }
  std::vector<std::string> prompts;
  std::vector<std::string> history;

 private:
  std::vector<std::string> lines_;
  size_t next_ = 0;
};

}  // namespace

TEST_CASE("Vm runs code and reports errors with a traceback", "[embed]") {
  Vm vm;
  CHECK(vm.run_string("x = 40 + 2", "=t"));
  CHECK(vm.run_string("assert(x == 42 and _VERSION == 'Lua 5.4')", "=t"));
  CHECK_FALSE(vm.run_string("error('boom')", "=t"));
  CHECK(
      vm.last_error() ==
      "t:1: boom\nstack traceback:\n\t[C]: in function 'error'\n\tt:1: in main chunk\n\t[C]: in ?");
  CHECK_FALSE(vm.run_string("error({})", "=t"));
  CHECK(vm.last_error().rfind("(error object is a table value)\nstack traceback:", 0) == 0);
  CHECK_FALSE(
      vm.run_string("error(setmetatable({}, {__tostring = function() return 'obj' end}))", "=t"));
  CHECK(vm.last_error() == "obj");
  CHECK_FALSE(vm.run_string("x = = 1", "=t"));
  CHECK(vm.last_error() == "t:1: unexpected symbol near '='");
  CHECK_FALSE(vm.run_file("/nonexistent/tycho.lua"));
  CHECK(vm.last_error() == "cannot open /nonexistent/tycho.lua: No such file or directory");
}

TEST_CASE("Vm: arg table, script arguments, require", "[embed]") {
  Vm vm;
  const char* argv[] = {"tycho", "-e", "x", "script.lua", "a", "b"};
  CHECK(tycho::cli::set_args(vm, 6, argv, 3));
  CHECK(
      vm.run_string("assert(arg[0] == 'script.lua' and arg[-3] == 'tycho' and arg[-1] == 'x'"
                    " and arg[1] == 'a' and arg[2] == 'b' and #arg == 2)"));
  std::string path = "/tmp/tycho_api_test_script.lua";
  FILE* f = std::fopen(path.c_str(), "w");
  REQUIRE(f != nullptr);
  std::fputs("#!/usr/bin/env tycho\nlocal a, b = ...\nresult = a .. b\n", f);
  std::fclose(f);
  CHECK(tycho::cli::run_script(vm, path.c_str()));
  CHECK(vm.run_string("assert(result == 'ab')"));
  std::remove(path.c_str());
  CHECK(vm.run_string("package.preload.m = function(name) return name .. '!' end"));
  CHECK(tycho::cli::require(vm, "m"));
  CHECK(tycho::cli::require(vm, "g=m"));
  CHECK(vm.run_string("assert(m == 'm!' and g == 'm!')"));
  CHECK_FALSE(tycho::cli::require(vm, "nosuch"));
  CHECK(vm.last_error().rfind("module 'nosuch' not found:\n\tno field package.preload['nosuch']",
                              0) == 0);
}

TEST_CASE("Vm: the heap limit raises 'not enough memory'", "[embed]") {
  VmOptions options;
  options.heap_limit = 4 << 20;
  Vm vm(options);
  CHECK_FALSE(vm.run_string("local t = {} for i = 1, 1e8 do t[i] = {} end"));
  CHECK(vm.last_error() == "not enough memory");
  CHECK(vm.run_string("collectgarbage() assert(collectgarbage('count') < 4096)"));
  INFO(vm.last_error());
}

TEST_CASE("Vm: options and independence of VMs", "[embed]") {
  VmOptions bare;
  bare.open_libs = false;
  Vm a(bare);
  CHECK_FALSE(a.run_string("print('x')", "=t"));
  CHECK(a.last_error().rfind("t:1: attempt to call a nil value (global 'print')", 0) == 0);
  VmOptions gen;
  gen.gc.mode = GcMode::kGenerational;
  Vm b(gen);
  CHECK(b.run_string("assert(collectgarbage('incremental') == 'generational')"));
  CHECK(b.run_string("shared = 1"));
  Vm c;
  CHECK(c.run_string("assert(shared == nil)"));
  Vm moved = std::move(c);
  CHECK(moved.run_string("assert(collectgarbage('incremental') == 'incremental')"));
}

TEST_CASE("Vm::repl: return-first, continuation lines, history", "[embed]") {
  Vm vm;
  CHECK(
      vm.run_string("out = {} print = function(...) local s = '' for i = 1, select('#', ...) do "
                    "s = s .. tostring((select(i, ...))) .. ';' end out[#out + 1] = s end"));
  ScriptedEditor editor({"x = 1", "x + 1", "=x", "for i = 1, 2 do", "y = i", "end", "", "nil, 2"});
  tycho::cli::repl(vm, editor);
  CHECK(vm.run_string("assert(x == 1 and y == 2)"));
  CHECK(vm.run_string(
      "assert(out[1] == '2;' and out[2] == '1;' and out[3] == 'nil;2;' and #out == 3)"));
  CHECK(editor.prompts ==
        std::vector<std::string>{"> ", "> ", "> ", "> ", ">> ", ">> ", "> ", "> ", "> "});
  CHECK(editor.history == std::vector<std::string>{"x = 1", "x + 1", "return x",
                                                   "for i = 1, 2 do\ny = i\nend", "nil, 2"});
}

TEST_CASE("cli::completions: globals, keywords, fields, __index chains, methods", "[embed]") {
  Vm vm;
  REQUIRE(vm.run_string(R"(
    Base = {greet = function() end, count = 1, [1] = 'x', ["not a name"] = 2}
    Mid = setmetatable({mid = function() end}, {__index = Base})
    obj = setmetatable({own = true}, {__index = Mid})
    lazy = setmetatable({}, {__index = function() called = true end})
    str = "abc"
    loop = setmetatable({}, {}) getmetatable(loop).__index = loop
  )"));
  using V = std::vector<std::string>;
  CHECK(tycho::cli::completions(vm, "pri") == V{"print"});
  CHECK(tycho::cli::completions(vm, "whi") == V{"while"});
  CHECK(tycho::cli::completions(vm, "str") == V{"str", "string"});
  CHECK(tycho::cli::completions(vm, "string.for") == V{"string.format"});
  CHECK(tycho::cli::completions(vm, "obj.") == V{"obj.count", "obj.greet", "obj.mid", "obj.own"});
  CHECK(tycho::cli::completions(vm, "obj:") == V{"obj:greet", "obj:mid"});  // functions only
  CHECK(tycho::cli::completions(vm, "Mid.c") == V{"Mid.count"});
  CHECK(tycho::cli::completions(vm, "str:up") == V{"str:upper"});  // through the string metatable
  CHECK(tycho::cli::completions(vm, "lazy.x").empty());
  CHECK(tycho::cli::completions(vm, "loop.").empty());  // an __index cycle ends
  CHECK(tycho::cli::completions(vm, "nothing.x").empty());
  CHECK(tycho::cli::completions(vm, "obj:greet.x").empty());
  CHECK(tycho::cli::completions(vm, "f().x").empty());
  CHECK(vm.run_string("assert(called == nil)"));  // no metamethod ran
}

// Vm::interrupt from another thread, again and again until the run ends (a request made
// before the run starts is dropped): the run stops with "interrupted!", and the VM works on.
static bool interrupted_run(Vm& vm, const char* code) {
  std::atomic<bool> done{false};
  std::thread t([&] {
    while (!done.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      vm.interrupt();
    }
  });
  bool ok = vm.run_string(code, "=t");
  done.store(true);
  t.join();
  return !ok && vm.last_error().find("interrupted!") != std::string::npos;
}

TEST_CASE("Vm::interrupt stops running Lua code", "[embed]") {
  Vm vm;
  CHECK(interrupted_run(vm, "while true do end"));
  CHECK(vm.last_error().rfind("interrupted!\nstack traceback:\n\tt:1: in main chunk", 0) == 0);
  CHECK(interrupted_run(vm, "local function f() for i = 1, math.maxinteger do end end f()"));
  CHECK(vm.last_error().rfind("t:1: interrupted!\nstack traceback:\n\tt:1: in local 'f'", 0) == 0);
  CHECK(interrupted_run(vm, "coroutine.wrap(function() while true do end end)()"));
  CHECK(interrupted_run(vm, "debug.sethook(function() end, '', 1000) while true do end"));
  CHECK(vm.run_string("debug.sethook()"));
  CHECK(interrupted_run(vm,
                        "local ok, e repeat ok, e = pcall(function() while true do end end) "
                        "until not ok error(e, 0)"));
  vm.interrupt();  // between runs: dropped
  CHECK(vm.run_string("local n = 0 for i = 1, 100000 do n = n + i end assert(n == 5000050000)"));
  INFO(vm.last_error());
}

TEST_CASE_METHOD(ApiFixture, "constructors colocate their parts; a resize moves them out",
                 "[api][table]") {
  REQUIRE(run("local function two() return 2, 3 end\n"
              "A = {1, 2}\n"
              "B = {1, tostring(2)}\n"
              "C = {x = 1, two()}\n"
              "D = {1, {2, two()}, 3}\n"
              "E = {...}\n") == "");
  auto extra_of = [&](const char* name) {
    api::get_global(L, name);
    const uint8_t extra = L->top[-1].as_table()->extra;
    api::pop(L, 1);
    return extra;
  };
  CHECK(extra_of("A") == vm::kColocArray);
  CHECK(extra_of("B") == 0);  // its SETLIST grew the array part to 2 at once, out of the cell
  CHECK(extra_of("C") == 0);  // the SETLIST's resize rebuilds the hash part too
  CHECK(extra_of("D") == vm::kColocArray);  // only the inner constructor grew
  api::get_global(L, "D");
  api::get_i(L, -1, 2);
  CHECK(L->top[-1].as_table()->extra == 0);
  api::pop(L, 2);
  CHECK(extra_of("E") == 0);
  CHECK(run("assert(#B == 2 and B[2] == '2' and C.x == 1 and C[2] == 3)\n"
            "assert(D[2][3] == 3 and D[3] == 3)") == "");
}
