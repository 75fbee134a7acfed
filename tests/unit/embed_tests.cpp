// The C++ embedding API (include/tycho/tycho.hpp, value.hpp): values, conversions, typed
// calls, bound functions, errors both ways, and handles' lifetimes across collections.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "lauxlib.h"
#include "tycho/capi.hpp"
#include "tycho/tycho.hpp"

namespace {

// The message of the tycho::Error that f throws ("" if it throws none).
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const tycho::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the issue's example runs", "[embed]") {
  tycho::Vm vm;
  vm.run("function f(a, b) return a + b end");
  vm.set_function("add", [](int64_t a, int64_t b) { return a + b; });
  auto f = vm.get<tycho::Function>("f");
  CHECK(f.call<int64_t>(40, 2) == 42);
  CHECK(vm.call<int64_t>("f", 1, 2) == 3);
  CHECK(vm.run<int64_t>("return add(20, 22)") == 42);
  vm.set("config", vm.new_table());
  CHECK(vm.run<std::string>("return type(config)") == "table");
  vm.run("function pair() return 1.5, 2.5 end");
  auto [x, y] = vm.call<std::tuple<double, double>>("pair");
  CHECK(x == 1.5);
  CHECK(y == 2.5);
}

TEST_CASE("globals through vm[name]", "[embed]") {
  tycho::Vm vm;
  vm["n"] = 7;
  vm["s"] = "text";
  vm["b"] = true;
  vm["d"] = 0.25;
  CHECK(vm.run<std::string>("return math.type(n) .. ' ' .. s .. ' ' .. tostring(b) .. ' ' .. d") ==
        "integer text true 0.25");
  int n = vm["n"];
  std::string s = vm["s"];
  CHECK(n == 7);
  CHECK(s == "text");
  CHECK(vm["missing"].get<std::optional<int>>() == std::nullopt);
  vm["n"] = nullptr;
  CHECK(vm.run<bool>("return n == nil"));
}

TEST_CASE("integers convert exactly, with range errors", "[embed]") {
  tycho::Vm vm;
  CHECK(vm.run<int64_t>("return 2^53") == (int64_t{1} << 53));  // a float with an integral value
  CHECK(vm.run<int64_t>("return '12'") == 12);                  // a numeric string, as lua does
  CHECK(vm.run<uint8_t>("return 255") == 255);
  CHECK(error_of([&] { vm.run<uint8_t>("return 256"); }) == "value out of range");
  CHECK(error_of([&] { vm.run<int32_t>("return -2^40"); }) == "value out of range");
  CHECK(error_of([&] { vm.run<int64_t>("return 1.5"); }) == "number has no integer representation");
  CHECK(error_of([&] { vm.run<int64_t>("return {}"); }) == "number expected, got table");
  CHECK(error_of([&] { vm.run<double>("return nil"); }) == "number expected, got nil");
  CHECK(vm.run<double>("return 3") == 3.0);
  vm["big"] = uint64_t{1} << 63;  // past int64: a float
  CHECK(vm.run<std::string>("return math.type(big)") == "float");
}

TEST_CASE("strings, optionals, vectors and maps both ways", "[embed]") {
  tycho::Vm vm;
  vm.set("v", std::vector<int>{10, 20, 30});
  CHECK(vm.run<int64_t>("return #v + v[1] + v[3]") == 43);
  CHECK(vm.run<std::vector<std::string>>("return {'a', 'b', 'c'}") ==
        std::vector<std::string>{"a", "b", "c"});
  vm.set("m", std::map<std::string, int>{{"x", 1}, {"y", 2}});
  CHECK(vm.run<int64_t>("return m.x + m.y") == 3);
  auto um = vm.run<std::unordered_map<std::string, double>>("return {a = 1.5, b = 2}");
  CHECK(um.size() == 2);
  CHECK(um["a"] == 1.5);
  CHECK(um["b"] == 2.0);
  std::string with_nul("a\0b", 3);
  vm["z"] = with_nul;
  CHECK(vm.run<int64_t>("return #z") == 3);
  CHECK(vm.get<std::string>("z") == with_nul);
  CHECK(vm.run<std::optional<std::string>>("return nil") == std::nullopt);
  CHECK(vm.run<std::optional<std::string>>("return 'x'") == "x");
  vm["o"] = std::optional<int>();
  CHECK(vm.run<bool>("return o == nil"));
  CHECK(error_of([&] { vm.run<std::vector<int>>("return 1"); }) == "table expected, got number");
  CHECK(error_of([&] { vm.run<std::vector<int>>("return {1, 'x'}"); }) ==
        "number expected, got string");
}

TEST_CASE("bound functions: arguments, results, Lua's messages", "[embed]") {
  tycho::Vm vm;
  vm.set_function("add", [](int64_t a, int64_t b) { return a + b; });
  vm.set_function("greet", [](const std::string& who) { return "hello " + who; });
  vm.set_function("swap",
                  [](int a, std::string_view b) { return std::make_tuple(std::string(b), a); });
  vm.set_function("nothing", [] {});
  vm.set_function("count", [](tycho::Args args) { return args.size(); });
  vm.set_function("maybe", [](std::optional<int> x) { return x ? *x * 2 : -1; });
  CHECK(vm.run<std::string>("return greet('lua')") == "hello lua");
  CHECK(vm.run<std::tuple<std::string, int>>("return swap(1, 'b')") == std::make_tuple("b", 1));
  CHECK(vm.run<int64_t>("return select('#', nothing())") == 0);
  CHECK(vm.run<int64_t>("return count(1, nil, 3, nil)") == 4);
  CHECK(vm.run<int64_t>("return maybe()") == -1);
  CHECK(vm.run<int64_t>("return maybe(4)") == 8);
  CHECK(vm.run<std::string>("return select(2, pcall(add, 1, 'x'))") ==
        "bad argument #2 to 'add' (number expected, got string)");
  CHECK(vm.run<std::string>("return select(2, pcall(add, 1.5, 1))") ==
        "bad argument #1 to 'add' (number has no integer representation)");
  CHECK(vm.run<std::string>("return select(2, pcall(greet))") ==
        "bad argument #1 to 'greet' (string expected, got no value)");
  // Arguments are read in place: a missing one is missing even where the slot past the
  // frame's top still holds an integer from the call before.
  // (Both calls of the loop put add's arguments in the same slots.)
  CHECK(vm.run<std::string>("local args, r = {1, 2}\n"
                            "for n = 2, 1, -1 do r = {pcall(add, table.unpack(args, 1, n))} end\n"
                            "return r[2]") ==
        "bad argument #2 to 'add' (number expected, got no value)");
  CHECK(vm.run<int64_t>("return add(2.0, '3')") == 5);
  // A free function and a stateful lambda (its state lives as long as the function).
  struct Counter {
    static int64_t twice(int64_t x) { return 2 * x; }
  };
  vm.set_function("twice", &Counter::twice);
  CHECK(vm.run<int64_t>("return twice(21)") == 42);
  auto calls = std::make_shared<int>(0);
  vm.set_function("tick", [calls] { return ++*calls; });
  CHECK(vm.run<int64_t>("tick() tick() return tick()") == 3);
  CHECK(*calls == 3);
}

TEST_CASE("a C++ exception becomes a Lua error, and a Lua error a tycho::Error", "[embed]") {
  tycho::Vm vm;
  vm.set_function("fail", [](std::string why) -> int { throw std::runtime_error(why); });
  CHECK(vm.run<std::string>("local ok, e = pcall(fail, 'no luck') return e") == "no luck");
  CHECK(error_of([&] { vm.run("fail('plain')"); }) == "plain");
  try {
    vm.run("local function inner() error('boom') end\ninner()", "=chunk");
    FAIL("no exception");
  } catch (const tycho::Error& e) {
    CHECK(std::string(e.what()) == "chunk:1: boom");
    CHECK(e.traceback().rfind("stack traceback:", 0) == 0);
    CHECK(e.traceback().find("in local 'inner'") != std::string::npos);
  }
  CHECK(error_of([&] { vm.run("x = = 1"); }) ==
        "[string \"x = = 1\"]:1: unexpected symbol near '='");
  CHECK(error_of([&] { vm.call("undefined_function"); }) == "attempt to call a nil value");
  CHECK(error_of([&] { vm.run("error({})"); }) == "(error object is a table value)");
  // An exception through Lua back to the host: the VM stays usable.
  vm.run("function relay(f) return f('deep') end");
  CHECK(error_of([&] { vm.call("relay", vm.get<tycho::Function>("fail")); }) == "deep");
  CHECK(vm.run<int64_t>("return 1 + 1") == 2);
  // A bound function calling back into Lua, which fails: a tycho::Error inside, a Lua error
  // outside.
  vm.set_function("call_back", [&vm](tycho::Function f) { return f.call<int64_t>(); });
  CHECK(vm.run<std::string>(
            "return select(2, pcall(call_back, function() error('inner', 0) end))") == "inner");
  CHECK(vm.run<int64_t>("return call_back(function() return 5 end)") == 5);
}

TEST_CASE("tables through handles", "[embed]") {
  tycho::Vm vm;
  tycho::Table t = vm.new_table();
  t.set("name", "box");
  t[1] = 10;
  t[2] = 20;
  CHECK(t.size() == 2);
  CHECK(t.get<std::string>("name") == "box");
  int second = t[2];
  CHECK(second == 20);
  vm["t"] = t;
  CHECK(vm.run<int64_t>("return t[1] + #t") == 12);
  int64_t sum = 0;
  int entries = 0;
  t.for_each<tycho::Value, tycho::Value>([&](const tycho::Value& k, const tycho::Value& v) {
    entries++;
    if (v.type() == tycho::Type::kNumber) sum += v.as<int64_t>();
  });
  CHECK(entries == 3);
  CHECK(sum == 30);
  // Metamethods run, from host code too.
  vm.run(
      "proxy = setmetatable({}, {__index = function(_, k) return k .. '!' end, "
      "__newindex = function(t, k, v) rawset(t, k, v * 2) end, __len = function() return 99 end})");
  auto proxy = vm.get<tycho::Table>("proxy");
  CHECK(proxy.get<std::string>("hi") == "hi!");
  proxy.set("x", 4);
  CHECK(vm.run<int64_t>("return rawget(proxy, 'x')") == 8);
  CHECK(proxy.size() == 99);
  vm.run("bad = setmetatable({}, {__index = function() error('no index', 0) end})");
  CHECK(error_of([&] { vm.get<tycho::Table>("bad").get<int>("k"); }) == "no index");
  CHECK(error_of([&] { t.set(tycho::Value(), 1); }) == "table index is nil");
  CHECK(error_of([&] { vm.get<tycho::Table>("nothing_here"); }) == "table expected, got nil");
  auto g = vm.globals();
  CHECK(g.get<tycho::Table>("t").size() == 2);
}

TEST_CASE("handles are roots across collections, and free their slots", "[embed]") {
  tycho::Vm vm;
  std::vector<tycho::Table> kept;
  for (int i = 0; i < 100; i++) {
    tycho::Table t = vm.run<tycho::Table>("return {}");
    t[1] = i;
    kept.push_back(t);  // a copy: another root
  }
  vm.run("for i = 1, 50000 do local _ = {i} end");
  vm.collect_garbage();
  vm.collect_garbage();
  for (int i = 0; i < 100; i++) CHECK(kept[i].get<int>(1) == i);
  tycho::Value moved = std::move(kept[0]);
  CHECK(kept[0].is_nil());
  CHECK(moved.type() == tycho::Type::kTable);
  kept.clear();
  // A function handle outliving the global that held it.
  vm.run("function make() local n = 0 return function() n = n + 1 return n end end");
  auto counter = vm.call<tycho::Function>("make");
  vm.run("make = nil");
  vm.collect_garbage();
  CHECK(counter.call<int>() == 1);
  CHECK(counter.call<int>() == 2);
  // The default handle is nil.
  tycho::Value nil;
  CHECK(nil.is_nil());
  CHECK(nil.type() == tycho::Type::kNil);
}

TEST_CASE("a bound function's state is destroyed by the collector", "[embed]") {
  auto alive = std::make_shared<int>(1);
  std::weak_ptr<int> watch = alive;
  {
    tycho::Vm vm;
    vm.set_function("f", [alive] { return *alive; });
    alive.reset();
    CHECK(vm.run<int64_t>("return f()") == 1);
    CHECK(!watch.expired());
    vm.run("f = nil");
    vm.collect_garbage();
    CHECK(watch.expired());
    vm.set_function("g", [keep = std::make_shared<int>(2)] { return *keep; });
  }  // closing the Vm destroys the rest
}

TEST_CASE("bound functions called from coroutines", "[embed]") {
  tycho::Vm vm;
  vm.set_function("scale", [&vm](int64_t x) { return x * vm.get<int64_t>("factor"); });
  vm["factor"] = 3;
  CHECK(vm.run<int64_t>("local co = coroutine.wrap(function(a) local b = coroutine.yield(scale(a)) "
                        "return scale(b) end) local r1 = co(2) return r1 + co(5)") == 21);
  vm.set_function("boom", [](int) -> int { throw std::runtime_error("in a coroutine"); });
  CHECK(vm.run<std::string>("local co = coroutine.create(function() return boom(1) end) "
                            "local ok, e = coroutine.resume(co) return e") == "in a coroutine");
}

namespace {

struct Vec {
  double x = 0, y = 0;
  Vec() = default;
  Vec(double x_, double y_) : x(x_), y(y_) {}
  double len() const { return x * x + y * y; }
  void scale(double k) {
    x *= k;
    y *= k;
  }
  Vec operator+(const Vec& o) const { return {x + o.x, y + o.y}; }
  bool operator==(const Vec& o) const { return x == o.x && y == o.y; }
};

struct Shape {
  virtual ~Shape() = default;
  std::string name = "shape";
  virtual double area() const { return 0; }
  std::string describe() const {
    return name + " of area " + std::to_string(static_cast<int>(area()));
  }
};
struct Square : Shape {
  double side = 1;
  explicit Square(double s) : side(s) { name = "square"; }
  double area() const override { return side * side; }
};

struct Tracked {
  static inline int alive = 0;
  Tracked() { alive++; }
  Tracked(const Tracked&) { alive++; }
  ~Tracked() { alive--; }
  int id = 7;
};

}  // namespace

TEST_CASE("user types: constructors, fields, methods, operators", "[embed]") {
  tycho::Vm vm;
  vm.new_usertype<Vec>(
      "Vec", tycho::ctor<>(), tycho::ctor<double, double>(), "x", &Vec::x, "y", &Vec::y, "len",
      &Vec::len, "scale", &Vec::scale, "__add", [](const Vec& a, const Vec& b) { return a + b; },
      "__eq", [](const Vec& a, const Vec& b) { return a == b; }, "__tostring",
      [](const Vec& v) {
        return "Vec(" + std::to_string(static_cast<int>(v.x)) + ", " +
               std::to_string(static_cast<int>(v.y)) + ")";
      },
      "norm2", tycho::property([](const Vec& v) { return v.len(); }));
  CHECK(vm.run<double>("local v = Vec.new(3, 4) return v:len()") == 25);
  CHECK(vm.run<double>("local v = Vec.new(3, 4) v:scale(2) return v.x + v.y") == 14);
  CHECK(vm.run<double>("local v = Vec.new(1, 2) v.x = 10 return v.x") == 10);
  CHECK(vm.run<double>("local v = Vec.new() return v.x + v.y") == 0);
  CHECK(vm.run<std::string>("return tostring(Vec.new(1, 2) + Vec.new(3, 4))") == "Vec(4, 6)");
  CHECK(vm.run<bool>("return Vec.new(1, 2) == Vec.new(1, 2)"));
  CHECK(vm.run<double>("return Vec.new(3, 4).norm2") == 25);
  CHECK(vm.run<std::string>("return select(2, pcall(function() Vec.new(1, 2).norm2 = 1 end))") ==
        "[string \"return select(2, pcall(function() Vec.new(1, ...\"]:1: field 'norm2' of Vec is "
        "read-only");
  CHECK(vm.run<std::string>("return select(2, pcall(function() Vec.new(1, 2).z = 1 end))") ==
        "[string \"return select(2, pcall(function() Vec.new(1, ...\"]:1: Vec has no field 'z'");
  CHECK(vm.run<std::string>("return select(2, pcall(function() return Vec.len(5) end))")
            .find("bad argument #1 to 'len' (Vec expected, got number)") != std::string::npos);
  CHECK(vm.run<std::string>(
              "return select(2, pcall(function() local v = Vec.new(1, 2) return v.len(3) end))")
            .find("Vec expected, got number") != std::string::npos);
  CHECK(vm.run<std::string>("return select(2, pcall(Vec.new, 1))") ==
        "no constructor of Vec takes 1 argument");
  CHECK(vm.run<bool>("return Vec.new(1, 2).missing == nil"));
  // C++ <-> Lua by value, reference and pointer.
  Vec v = vm.run<Vec>("return Vec.new(5, 6)");
  CHECK(v.x == 5);
  vm["copy"] = Vec(1, 1);
  Vec host(2, 3);
  vm["ref"] = &host;
  vm.run("ref:scale(10) copy:scale(10)");
  CHECK(host.x == 20);
  vm.set_function("vec_len", &Vec::len);  // a member function bound alone: its object first
  CHECK(vm.run<double>("return vec_len(Vec.new(3, 4))") == 25);
  vm.set_function("sum", [](const Vec& a, Vec* b) { return a.x + (b ? b->x : 0); });
  CHECK(vm.run<double>("return sum(Vec.new(1, 0), Vec.new(2, 0))") == 3);
  CHECK(vm.run<double>("return sum(Vec.new(1, 0))") == 1);
  CHECK(vm.run<std::string>("return select(2, pcall(sum, {}, nil))") ==
        "bad argument #1 to 'sum' (Vec expected, got table)");
}

TEST_CASE("user types: inheritance, shared and unique pointers, destructors", "[embed]") {
  tycho::Vm vm;
  vm.new_usertype<Shape>("Shape", "name", &Shape::name, "area", &Shape::area, "describe",
                         &Shape::describe);
  vm.new_usertype<Square>("Square", tycho::ctor<double>(), tycho::bases<Shape>(), "side",
                          &Square::side);
  CHECK(vm.run<std::string>("return Square.new(3):describe()") == "square of area 9");
  CHECK(vm.run<double>("local s = Square.new(2) s.side = 5 return s:area()") == 25);
  vm.set_function("area_of", [](const Shape& s) { return s.area(); });
  CHECK(vm.run<double>("return area_of(Square.new(4))") == 16);
  auto shared = std::make_shared<Square>(6);
  vm["shared"] = shared;
  CHECK(shared.use_count() == 2);
  CHECK(vm.run<double>("return shared:area()") == 36);
  auto back = vm.get<std::shared_ptr<Shape>>("shared");
  CHECK(back.get() == shared.get());
  vm.run("shared = nil");
  vm.collect_garbage();
  CHECK(shared.use_count() == 2);  // shared and back
  back.reset();
  CHECK(shared.use_count() == 1);
  CHECK(tycho::Error("x").what() == std::string("x"));

  vm.new_usertype<Tracked>("Tracked", tycho::ctor<>(), "id", tycho::readonly(&Tracked::id));
  {
    const int before = Tracked::alive;
    vm.run("local t = Tracked.new() assert(t.id == 7)");
    vm["owned"] = std::make_unique<Tracked>();
    CHECK(Tracked::alive == before + 2);
    vm.run("owned = nil");
    vm.collect_garbage();
    CHECK(Tracked::alive == before);
  }
  CHECK(vm.run<std::string>("return select(2, pcall(function() Tracked.new().id = 1 end))")
            .find("field 'id' of Tracked is read-only") != std::string::npos);
}

TEST_CASE("coroutines from C++", "[embed]") {
  tycho::Vm vm;
  vm.run("function gen(n) for i = 1, n do coroutine.yield(i, i * i) end return 'done' end");
  tycho::Coroutine co = vm.new_coroutine(vm.get<tycho::Function>("gen"));
  CHECK(co.status() == "suspended");
  auto [a, b] = co.resume<std::tuple<int, int>>(2);
  CHECK(a == 1);
  CHECK(b == 1);
  auto [c, d] = co.resume<std::tuple<int, int>>();
  CHECK(c == 2);
  CHECK(d == 4);
  CHECK(co.resume<std::string>() == "done");
  CHECK(co.done());
  CHECK(error_of([&] { co.resume(); }) == "cannot resume dead coroutine");
  // A Lua coroutine handed to C++, and an error inside one, with its traceback.
  auto lua_co = vm.run<tycho::Coroutine>(
      "return coroutine.create(function() coroutine.yield(1) error('inside', 0) end)");
  CHECK(lua_co.resume<int>() == 1);
  try {
    lua_co.resume();
    FAIL("no exception");
  } catch (const tycho::Error& e) {
    CHECK(std::string(e.what()) == "inside");
    CHECK(e.traceback().find("stack traceback:") == 0);
  }
  // A C++ callable as a coroutine body cannot yield, but runs.
  auto native = vm.new_coroutine([](int x) { return x + 1; });
  CHECK(native.resume<int>(41) == 42);
  // An exception thrown inside a coroutine's bound function, caught by the host.
  vm.set_function("throws", [](int) -> int { throw std::runtime_error("from C++"); });
  auto co2 = vm.run<tycho::Coroutine>("return coroutine.create(function() return throws(1) end)");
  CHECK(error_of([&] { co2.resume(); }) == "from C++");
  CHECK(vm.run<int64_t>("return 2 + 2") == 4);
}

TEST_CASE("sandbox: safe libraries, text chunks only, budget, heap limit, interrupt", "[embed]") {
  tycho::VmOptions options;
  options.sandbox = true;
  options.heap_limit = 8 << 20;
  tycho::Vm vm(options);
  CHECK(vm.run<bool>("return io == nil and require == nil and debug == nil and package == nil"));
  CHECK(vm.run<bool>("return dofile == nil and loadfile == nil and os.execute == nil"));
  CHECK(vm.run<bool>("return os.getenv == nil and os.exit == nil and os.remove == nil"));
  CHECK(vm.run<bool>("return type(os.time()) == 'number' and type(string.format) == 'function'"));
  CHECK(vm.run<int64_t>("return load('return 40 + 2')()") == 42);
  CHECK(vm.run<std::string>("return select(2, load(string.dump(function() end)))") ==
        "attempt to load a binary chunk (mode is 't')");
  CHECK(error_of([&] { vm.run(std::string("\x1bLua", 4)); }) ==
        "attempt to load a binary chunk (mode is 't')");
  // The heap limit: a Lua error, and the Vm goes on.
  CHECK(error_of([&] {
          vm.run("local t = {} for i = 1, 1e8 do t[i] = {} end");
        }).find("not enough memory") != std::string::npos);
  vm.collect_garbage();
  CHECK(vm.run<int64_t>("return 1 + 1") == 2);
  // The budget stops a runaway loop; renew may grant more.
  vm.set_budget(100000);
  CHECK(error_of([&] { vm.run("while true do end", "=loop"); }) ==
        "loop:1: instruction budget exhausted");
  int renewals = 0;
  vm.set_budget(10000, [&] { return ++renewals < 5; });
  CHECK(error_of([&] {
          vm.run("local n = 0 while true do n = n + 1 end");
        }).find("instruction budget exhausted") != std::string::npos);
  CHECK(renewals == 5);
  vm.set_budget(0);
  CHECK(vm.run<int64_t>("local n = 0 for i = 1, 1e6 do n = n + 1 end return n") == 1000000);
}

TEST_CASE("another thread stops a runaway script with interrupt()", "[embed]") {
  tycho::Vm vm;
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    while (!stopped.load()) {  // until the run is over: a request before it starts is dropped
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      vm.interrupt();
    }
  });
  const std::string message = error_of([&] { vm.run("while true do end", "=spin"); });
  stopped = true;
  stopper.join();
  CHECK(message.find("interrupted!") != std::string::npos);
  CHECK(vm.run<int64_t>("return 6 * 7") == 42);
}

TEST_CASE("library selection", "[embed]") {
  tycho::VmOptions options;
  options.libraries = tycho::lib::kBase | tycho::lib::kString;
  tycho::Vm vm(options);
  CHECK(vm.run<bool>("return string ~= nil and table == nil and math == nil and io == nil"));
  CHECK(vm.run<std::string>("return ('x'):rep(3)") == "xxx");
}

TEST_CASE("overloads: the first function whose parameters take the arguments", "[embed]") {
  tycho::Vm vm;
  vm.new_usertype<Vec>("Vec", tycho::ctor<double, double>(), "x", &Vec::x);
  vm.set_function(
      "describe",
      tycho::overload([](int64_t i) { return "integer " + std::to_string(i); },
                      [](double d) { return std::string("float"); },
                      [](const std::string& s) { return "string " + s; },
                      [](const Vec& v) { return std::string("Vec"); },
                      [](int64_t a, int64_t b) { return std::string("two"); },
                      [](tycho::Args args) { return "many: " + std::to_string(args.size()); }));
  CHECK(vm.run<std::string>("return describe(1)") == "integer 1");
  CHECK(vm.run<std::string>("return describe(1.5)") == "float");
  CHECK(vm.run<std::string>("return describe('x')") == "string x");
  CHECK(vm.run<std::string>("return describe(Vec.new(1, 2))") == "Vec");
  CHECK(vm.run<std::string>("return describe(1, 2)") == "two");
  CHECK(vm.run<std::string>("return describe(1, 2, 3)") == "many: 3");
  vm.set_function("strict", tycho::overload([](int64_t) { return 1; }, [](bool) { return 2; }));
  CHECK(vm.run<std::string>("return select(2, pcall(strict, {}))")
            .find("no overload takes (table)") != std::string::npos);
}

namespace {
int c_twice(lua_State* L) {
  lua_pushinteger(L, 2 * luaL_checkinteger(L, 1));
  return 1;
}
}  // namespace

TEST_CASE("the Lua C API and the C++ API on one Vm", "[embed]") {
  tycho::Vm vm;
  lua_State* L = tycho::lua_state(vm);
  lua_pushcfunction(L, c_twice);  // a C function, called from C++ and from Lua
  lua_setglobal(L, "twice");
  CHECK(vm.call<int64_t>("twice", 21) == 42);
  CHECK(vm.run<int64_t>("return twice(5)") == 10);
  vm.set_function("add", [](int64_t a, int64_t b) { return a + b; });  // C++, called from C
  lua_getglobal(L, "add");
  lua_pushinteger(L, 40);
  lua_pushinteger(L, 2);
  REQUIRE(lua_pcall(L, 2, 1, 0) == LUA_OK);
  CHECK(lua_tointeger(L, -1) == 42);
  lua_pop(L, 1);
  CHECK(lua_gettop(L) >= 0);
  lua_getglobal(L, "add");
  lua_pushstring(L, "x");
  REQUIRE(lua_pcall(L, 1, 1, 0) == LUA_ERRRUN);
  CHECK(std::string(lua_tostring(L, -1)) ==
        "bad argument #1 to 'add' (number expected, got string)");
  lua_pop(L, 1);
  CHECK(vm.run<int64_t>("return add(1, twice(2))") == 5);
}

// ---- Shared tables and channels (tycho/shared.hpp) ----

TEST_CASE("a shared table made by the host holds every kind of value the host can read",
          "[embed][shared]") {
  tycho::SharedTable t;
  t.set("int", 42);
  t.set("float", 2.5);
  t.set("flag", true);
  t.set("name", std::string("tycho"));
  t.set(1, "one");
  t.set(2.0, "two");  // the key 2, as in Lua tables
  t.set(3.5, 7u);
  tycho::SharedTable inner;
  inner.set("x", 1);
  t.set("inner", inner);
  CHECK(t.get<int64_t>("int") == 42);
  CHECK(t.get<double>("int") == 42.0);
  CHECK(t.get<double>("float") == 2.5);
  CHECK(t.get<bool>("flag"));
  CHECK(t.get<std::string>("name") == "tycho");
  CHECK(t.get<std::string>(2) == "two");
  CHECK(t.get<int>(3.5) == 7);
  CHECK(t.get<tycho::SharedTable>("inner") == inner);
  CHECK(t.get<tycho::SharedTable>("inner").get<int>("x") == 1);
  CHECK(t.length() == 2);
  CHECK(t.size() == 8);
  CHECK_FALSE(t.get<std::optional<int>>("missing").has_value());
  t.set("int", std::nullopt);  // removes it
  CHECK_FALSE(t.get<std::optional<int>>("int").has_value());
  CHECK(t.size() == 7);
  CHECK(error_of([&] { t.get<int>("name"); }) == "integer expected, got string");
  CHECK(error_of([&] { t.get<int>("float"); }) == "integer expected, got number");
  CHECK(error_of([&] { t.get<std::string>("missing"); }) == "string expected, got nil");
  CHECK(error_of([&] { t.set(std::nullopt, 1); }) == "table index is nil");
  CHECK(error_of([&] { t.set(std::nan(""), 1); }) == "table index is NaN");
  t.set("big", int64_t{1} << 40);
  CHECK(error_of([&] { t.get<int32_t>("big"); }) == "value out of range");
}

TEST_CASE("shared table increments from host threads lose nothing", "[embed][shared]") {
  tycho::SharedTable t;
  CHECK(t.increment("n") == 1);
  CHECK(t.increment("n", int64_t{-3}) == -2);
  CHECK(t.increment("f", 0.5) == 0.5);
  t.set("s", "text");
  CHECK(error_of([&] { t.increment("s"); }) ==
        "attempt to perform arithmetic on a string value (shared table field)");
  t.set("n", 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; i++) {
    threads.emplace_back([t]() mutable {
      for (int j = 0; j < 10000; j++) t.increment("n");
    });
  }
  for (auto& th : threads) th.join();
  CHECK(t.get<int64_t>("n") == 40000);
}

TEST_CASE("a shared table passes between the host and VMs as the same object", "[embed][shared]") {
  tycho::Vm vm;
  tycho::SharedTable t;
  t.set("from_host", 1);
  vm.set("st", t);
  vm.run(R"(
    local parallel = require "parallel"
    st.from_lua = st.from_host + 1
    made = parallel.table({answer = 42})
    frozen = parallel.freeze({1, 2, 3})
    plain = {}
    copy = parallel.table()
    copy.t = {1, 2}
    same = function(x) return x == st end
  )");
  CHECK(t.get<int>("from_lua") == 2);
  CHECK(vm.get<tycho::SharedTable>("st") == t);
  CHECK(vm.call<bool>("same", t));
  auto made = vm.get<tycho::SharedTable>("made");
  CHECK(made.get<int>("answer") == 42);
  auto frozen = vm.get<tycho::SharedTable>("frozen");
  CHECK(frozen.frozen());
  CHECK(frozen.length() == 3);
  CHECK(error_of([&] { frozen.set(1, 10); }) == "attempt to modify a frozen table");
  CHECK(error_of([&] { vm.get<tycho::SharedTable>("plain"); }) ==
        "shared table expected, got table");
  CHECK(error_of([&] { vm.get<tycho::Channel>("st"); }) == "channel expected, got userdata");
  CHECK(error_of([&] { vm.get<tycho::SharedTable>("copy").get<std::string>("t"); }) ==
        "string expected, got a copy of a table or function");
  // The VM's handle keeps the object alive without the host's, and the host's without the VM.
  tycho::SharedTable kept = made;
  made = tycho::SharedTable();
  vm.run("collectgarbage() assert(made.answer == 42)");
  CHECK(kept.get<int>("answer") == 42);
}

TEST_CASE("channels carry messages between host threads and VMs on threads of their own",
          "[embed][shared]") {
  tycho::Channel jobs(8);
  tycho::Channel results;  // unbounded
  tycho::SharedTable totals;
  std::vector<std::thread> workers;
  for (int w = 0; w < 2; w++) {
    workers.emplace_back([jobs, results, totals] {
      tycho::Vm vm;
      vm.set("jobs", jobs);
      vm.set("results", results);
      vm.set("totals", totals);
      vm.run(R"(
        local parallel = require "parallel"
        for n, label in jobs.receive, jobs do
          parallel.increment(totals, "sum", n)
          results:send(n * n, label, n % 2 == 0)
        end
      )");
    });
  }
  int64_t squares = 0;
  for (int i = 1; i <= 100; i++) jobs.send(i, "job " + std::to_string(i));
  jobs.close();
  for (int i = 1; i <= 100; i++) {
    auto r = results.receive<std::tuple<int64_t, std::string, bool>>();
    REQUIRE(r.has_value());
    auto [square, label, even] = *r;
    CHECK(label.rfind("job ", 0) == 0);
    CHECK(even == (std::stoi(label.substr(4)) % 2 == 0));
    squares += square;
  }
  for (auto& th : workers) th.join();
  CHECK(totals.get<int64_t>("sum") == 5050);
  CHECK(squares == 338350);
  CHECK(error_of([&] { jobs.send(1); }) == "channel is closed");
  CHECK_FALSE(jobs.receive<int>().has_value());  // closed and empty
  CHECK(jobs.closed());
}

TEST_CASE("channel messages: timeouts, many values, what the host cannot read", "[embed][shared]") {
  tycho::Channel ch;
  auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(ch.receive<int>(std::chrono::milliseconds(20)).has_value());
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(20));
  ch.send(1, 2, 3, 4, "five");  // more than a message holds in place: a packet
  auto five = ch.receive<std::tuple<int, int, int, int, std::string>>();
  REQUIRE(five.has_value());
  CHECK(std::get<4>(*five) == "five");
  CHECK(std::get<3>(*five) == 4);
  ch.send(tycho::SharedTable(), ch);  // objects travel by reference
  auto objects = ch.receive<std::tuple<tycho::SharedTable, tycho::Channel>>();
  REQUIRE(objects.has_value());
  CHECK(std::get<1>(*objects) == ch);
  ch.send(7);
  auto padded = ch.receive<std::tuple<int, std::optional<int>>>();  // missing values are nil
  REQUIRE(padded.has_value());
  CHECK(std::get<0>(*padded) == 7);
  CHECK_FALSE(std::get<1>(*padded).has_value());
  tycho::Vm vm;
  vm.set("ch", ch);
  vm.run("ch:send({1, 2}, 'after')");
  CHECK(error_of([&] { ch.receive<std::string>(); }) ==
        "string expected, got a copy of a table or function");
  vm.run("ch:send(print)");
  CHECK(error_of([&] { ch.receive<int>(); }) == "integer expected, got a function");
  CHECK(ch.size() == 0);
  vm.run("ch:send('from lua', 1.5)");
  auto got = ch.receive<std::tuple<std::string, double>>();
  REQUIRE(got.has_value());
  CHECK(std::get<0>(*got) == "from lua");
  CHECK(std::get<1>(*got) == 1.5);
}

TEST_CASE("the host walks a shared table's entries", "[embed][shared]") {
  tycho::Vm vm;
  tycho::SharedTable numbers, names;
  vm.set("numbers", numbers);
  vm.set("names", names);
  vm.run(R"(
    for i = 1, 100 do numbers[i] = i * i end
    numbers[2.5] = 0.5
    numbers[print] = 1e9   -- a key the host cannot hold: skipped
    for i = 1, 50 do names["k" .. i] = "v" .. i end
  )");
  double keys = 0, values = 0;
  int count = 0;
  numbers.each<double, double>([&](double k, double v) {
    keys += k;
    values += v;
    count++;
  });
  CHECK(count == 101);
  CHECK(keys == 5050 + 2.5);
  CHECK(values == 338350 + 0.5);
  std::map<std::string, std::string> seen;
  names.each<std::string, std::string>([&](std::string k, std::string v) { seen[k] = v; });
  REQUIRE(seen.size() == 50);
  CHECK(seen["k7"] == "v7");
  CHECK(seen["k50"] == "v50");
  tycho::SharedTable empty;
  empty.each<int, int>([](int, int) { FAIL("an empty table has no entries"); });
  CHECK(error_of([&] { names.each<int, std::string>([](int, std::string) {}); }) ==
        "integer expected, got string");
}
