// Unit tests of the shared strings (vm/string.hpp: the standard libraries' names, created once
// per process in immortal cells) and of the library tables copied from images (vm/table.hpp).
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "heap/immortal.hpp"
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "tycho/tycho.hpp"
#include "vm/string.hpp"
#include "vm/vm.hpp"

using namespace tycho;
namespace api = tycho::vm::api;
using vm::Thread;

namespace {

// A VM with the standard libraries, created after the names were shared.
struct SharedVm {
  Thread* L;
  SharedVm() {
    stdlib::share_library_names();
    L = vm::new_vm();
    REQUIRE(L->g->shared_strings != nullptr);
    api::push_native_function(L, [](Thread* L) {
      stdlib::open_libs(L);
      return 0;
    });
    REQUIRE(api::pcall(L, 0, 0, 0) == vm::kOk);
  }
  ~SharedVm() { vm::close_vm(L); }
  SharedVm(const SharedVm&) = delete;
  SharedVm& operator=(const SharedVm&) = delete;

  // Run a chunk returning one string; the error message on failure.
  std::string run(const char* code) {
    if (api::load(L, code, "=test", nullptr) != vm::kOk ||
        api::pcall(L, 0, 1, 0) != vm::kOk) {
      std::string err = api::to_string(L, -1) ? api::to_string(L, -1) : "?";
      api::pop(L, 1);
      return "error: " + err;
    }
    std::string out = api::to_string(L, -1) ? api::to_string(L, -1) : "(not a string)";
    api::pop(L, 1);
    return out;
  }
};

}  // namespace

TEST_CASE("shared strings: a library name is one immortal string in every VM", "[shared]") {
  SharedVm a, b;
  vm::String* pa = vm::new_cstring(a.L, "print");
  CHECK(pa == vm::new_cstring(b.L, "print"));
  CHECK(heap::is_immortal_cell(pa));
  CHECK(pa == vm::new_string(a.L, std::string("pri") + "nt"));  // built at run time
  // Metamethod names and library names alike.
  CHECK(heap::is_immortal_cell(vm::new_cstring(a.L, "__index")));
  CHECK(heap::is_immortal_cell(vm::new_cstring(a.L, "string")));
  // Any other string is the VM's own.
  vm::String* qa = vm::new_cstring(a.L, "not a library name");
  vm::String* qb = vm::new_cstring(b.L, "not a library name");
  CHECK(qa != qb);
  CHECK_FALSE(heap::is_immortal_cell(qa));
  CHECK(a.L->g->heap.is_allocated_cell(qa));
  // The hash is the same in both: both use the process's seed.
  CHECK(a.L->g->seed == b.L->g->seed);
  CHECK(a.run("local k = 'pri' .. 'nt' return tostring(rawequal(_G[k], print))") == "true");
}

TEST_CASE("shared strings: collections leave them alone; the heap verifies", "[shared]") {
  SharedVm a;
  const char* code = R"(
    local mode = ...
    collectgarbage(mode)
    local keep = setmetatable({}, {__mode = "k"})
    local t = {}
    for i = 1, 20000 do
      local name = ({"print", "format", "insert", "__index", "x" .. i % 100})[i % 5 + 1]
      t[name] = (t[name] or 0) + 1
      keep[name] = true
      t[#t + 1] = {name, string.rep(name, 2)}
      if i % 1000 == 0 then t = {print = t.print} end
    end
    collectgarbage()
    collectgarbage()
    return tostring(keep.print) .. tostring(keep.__index) .. tostring(t.print)
  )";
  for (const char* mode : {"incremental", "generational"}) {
    INFO(mode);
    REQUIRE(api::load(a.L, code, "=test", nullptr) == vm::kOk);
    api::push_string(a.L, mode);
    REQUIRE(api::pcall(a.L, 1, 1, 0) == vm::kOk);
    CHECK(std::string(api::to_string(a.L, -1)) == "truetrue4000");
    api::pop(a.L, 1);
    CHECK(vm::verify_heap(a.L).empty());
  }
  CHECK(a.run("return type(string.format)") == "function");
}

TEST_CASE("library tables: each VM gets its own copy, in the same order", "[shared]") {
  SharedVm a, b;
  const char* order = R"(
    local out = {}
    for _, lib in ipairs{"_G", "string", "table", "math", "io", "os", "coroutine", "utf8",
                         "debug", "package"} do
      local t = lib == "_G" and _G or _G[lib]
      out[#out + 1] = lib .. ":"
      for k, v in pairs(t) do out[#out + 1] = tostring(k) .. "=" .. type(v) end
    end
    return table.concat(out, " ")
  )";
  std::string in_a = a.run(order);
  CHECK(in_a.find("math: ") != std::string::npos);
  CHECK(in_a.find("floor=function") != std::string::npos);
  CHECK(in_a.find("pi=number") != std::string::npos);
  CHECK(in_a == b.run(order));
  // A change in one VM's library is not seen by the other.
  CHECK(a.run("string.upper = nil; math.floor = 'x'; return tostring(string.upper)") == "nil");
  CHECK(b.run("return type(string.upper) .. type(math.floor) .. string.upper('ok')") ==
        "functionfunctionOK");
  CHECK(a.run("return math.floor") == "x");
  // The copies behave as tables built by stores: inserting, removing, growing.
  CHECK(b.run(R"(
    for i = 1, 100 do math["f" .. i] = i end
    for i = 1, 100, 2 do math["f" .. i] = nil end
    local n = 0
    for k in pairs(math) do n = n + 1 end
    math.abs = nil
    return tostring(n) .. tostring(math.abs) .. tostring(math.f2) .. tostring(next(utf8) ~= nil)
  )") == "85nil2true");  // 35 fields and 50 more
  CHECK(vm::verify_heap(b.L).empty());
}

TEST_CASE("shared strings: VMs on several threads", "[shared]") {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&failures, t] {
      for (int i = 0; i < 40; i++) {
        Vm vm;
        std::string code = "local s = string.format('%d:%s', " + std::to_string(t * 100 + i) +
                           ", string.upper('x'))\n"
                           "local t = {} for k in pairs(string) do t[#t + 1] = k end\n"
                           "table.sort(t)\n"
                           "collectgarbage()\n"
                           "if #t < 17 or not s:find(':X$') then error('bad') end\n";
        if (!vm.run_string(code)) failures++;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(failures.load() == 0);
}
