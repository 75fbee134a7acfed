// Fuzzing the binary-chunk loader and the bytecode verifier (vm/undump.cpp, vm/verify.cpp).
//
// Dumps of real functions are truncated at every length and mutated (bit flips, random bytes,
// random words, every opcode and extreme operands in every instruction) with a fixed-seed PRNG.
// Every load must either fail cleanly or produce a function the interpreter can run safely.
// Loaded mutants are called too when they cannot loop (no backward jump, tail call or nested
// function), in a sandbox environment of native functions and under a heap limit; run this under
// the ASan build to catch what would otherwise be silent memory errors.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/vm.hpp"

using namespace tycho;
namespace api = tycho::vm::api;
using vm::Thread;

namespace {

// Functions whose dumps are mutated: straight-line code over many opcodes first (their mutants
// run), then code with loops, closures and tail calls (their mutants are only loaded).
const char* const kSources[] = {
    "local a, b = ... ; local t = {1, 2, a, b, x = 'y', [3.5] = true}\n"
    "local s = 'k' .. tostring(a) .. #t\n"
    "return a, b, t.x, t[3.5], s, -1 + 2 * 3 // 2 % 5 ^ 2 / 1.5, 7 & 3 | 8 ~ 1 << 2 >> 1, ~5",
    "local x, y = 10, 2.5\n"
    "local r = {x + y, x - 1, x * 2, x / 4, x // 3, x % 3, x ^ 2, x & 6, x | 1, x ~ 3, x << 1,"
    " x >> 1, -x, ~x, not x, #'abc', x == y, x < y, x <= y, x > 3, x >= 4, x == 10, y ~= 2.5}\n"
    "local s = string.rep('ab', 3) .. string.sub('hello', 2, 3)\n"
    "if x > 5 then s = s .. 'big' else s = s .. 'small' end\n"
    "local t = setmetatable({}, {__index = function(_, k) return k end})\n"
    "return r, s, t.key, select('#', ...), select(2, 'a', 'b', 'c'), type(t)",
    "local t = {}\nt.a = 1; t[1] = 2; t[2] = t.a + t[1]; local u = t\n"
    "local m = {name = 'obj'}\nfunction m.get(self) return self.name end\n"
    "local ok, err = pcall(error, 'e')\n"
    "return u[2], m:get(), ok, err, rawequal(t, u), rawlen(t), next({}), tostring(nil)",
    "local a = ...\nlocal b = a and 1 or 2\nlocal c = a == nil\nlocal d = (a or 5) + 1\n"
    "local e = 'x' .. (d > 3 and 'y' or 'z')\n"
    "return {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,"
    " 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45,"
    " 46, 47, 48, 49, 50, 51, 52, select(1, 53, 54)}, b, c, d, e",
    "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\n"
    "local s = 0\nfor i = 1, 10 do s = s + fib(i) end\n"
    "for k, v in pairs({a = 1, b = 2}) do s = s + v end\n"
    "local i = 0\nwhile i < 3 do i = i + 1 end\nrepeat i = i - 1 until i == 0\n"
    "return s, i",
    "local up = 0\nlocal function inc(...) up = up + select('#', ...) return up end\n"
    "do local c <close> = nil end\n"
    "local function tail(n) if n > 0 then return tail(n - 1) end return 'done' end\n"
    "return inc(1, 2), inc(), tail(5), function() return up end",
};

constexpr size_t kStraightLine = 4;  // the first sources have no loops

struct Rng {
  uint64_t state;
  uint64_t next() {  // splitmix64
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

// A VM with the standard libraries, a heap limit, and a sandbox table for running mutants.
struct FuzzVm {
  Thread* L;
  int sandbox;  // stack index of the sandbox environment
  FuzzVm() {
    vm::VmOptions options;
    options.heap_limit = 64u << 20;
    L = vm::new_vm(options);
    api::push_native_function(L, [](Thread* L) {
      stdlib::open_libs(L);
      return 0;
    });
    REQUIRE(api::pcall(L, 0, 0, 0) == vm::kOk);
    api::new_table(L);
    for (const char* name : {"type", "tostring", "select", "rawequal", "rawlen", "next", "pcall",
                             "error", "setmetatable", "pairs", "ipairs", "string"}) {
      api::get_global(L, name);
      api::set_field(L, -2, name);
    }
    sandbox = api::get_top(L);
  }
  ~FuzzVm() { vm::close_vm(L); }
  FuzzVm(const FuzzVm&) = delete;
  FuzzVm& operator=(const FuzzVm&) = delete;

  std::string dump_of(const char* source, bool strip) {
    REQUIRE(stdlib::load_string(L, source) == vm::kOk);
    std::string out;
    auto writer = [](Thread*, const void* p, size_t size, void* ud) {
      static_cast<std::string*>(ud)->append(static_cast<const char*>(p), size);
      return 0;
    };
    REQUIRE(api::dump(L, writer, &out, strip) == 0);
    api::pop(L, 1);
    return out;
  }

  // Whether any prototype could loop or recurse: then the mutant is only loaded.
  static bool may_loop(const vm::Proto* p) {
    for (int pc = 0; pc < p->sizecode; pc++) {
      vm::Instruction i = p->code[pc];
      switch (vm::get_op(i)) {
        case vm::OpCode::JMP:
          if (vm::getarg_sj(i) < 0) return true;
          break;
        case vm::OpCode::FORLOOP:
        case vm::OpCode::TFORLOOP:
        case vm::OpCode::TFORPREP:
        case vm::OpCode::TAILCALL:
        case vm::OpCode::CLOSURE:
          return true;
        default:
          break;
      }
    }
    return false;
  }

  // Load a chunk; run it when it loads and cannot loop. Returns whether it loaded.
  bool load_and_maybe_run(const std::string& chunk, bool run) {
    int top = api::get_top(L);
    int status = api::load(L, chunk, "=fuzz", "b");
    bool loaded = status == vm::kOk;
    if (loaded) {
      vm::Proto* p = L->top[-1].as_lua_closure()->p;
      if (run && !may_loop(p)) {
        api::push_value(L, sandbox);
        if (api::set_upvalue(L, -2, 1) == nullptr) api::pop(L, 1);  // no upvalue to set
        api::push_integer(L, 3);
        api::push_string(L, "arg");
        api::pcall(L, 2, 0, 0);
      }
    } else {
      size_t len;
      const char* msg = api::to_lstring(L, -1, &len);
      REQUIRE(msg != nullptr);
    }
    api::set_top(L, top);
    return loaded;
  }
};

// Where the main function's code starts in a dump: after the header, the upvalue count, the
// source, the two line numbers, three bytes and the code size.
size_t code_offset(const std::string& d, size_t* ncode) {
  size_t pos = 31 + 1;
  auto varint = [&]() {
    size_t x = 0;
    uint8_t b;
    do {
      b = static_cast<uint8_t>(d[pos++]);
      x = (x << 7) | (b & 0x7f);
    } while ((b & 0x80) == 0);
    return x;
  };
  size_t srclen = varint();
  if (srclen > 0) pos += srclen - 1;
  varint();
  varint();
  pos += 3;
  *ncode = varint();
  return pos;
}

}  // namespace

TEST_CASE("dumps of real functions round-trip", "[dump]") {
  FuzzVm v;
  for (const char* src : kSources) {
    for (bool strip : {false, true}) {
      std::string d = v.dump_of(src, strip);
      REQUIRE(api::load(v.L, d, "=again", "b") == vm::kOk);
      std::string again;
      auto writer = [](Thread*, const void* p, size_t size, void* ud) {
        static_cast<std::string*>(ud)->append(static_cast<const char*>(p), size);
        return 0;
      };
      REQUIRE(api::dump(v.L, writer, &again, strip) == 0);
      api::pop(v.L, 1);
      CHECK(again == d);
    }
  }
}

TEST_CASE("every truncation of a dump is a clean load error", "[dump][fuzz]") {
  FuzzVm v;
  for (const char* src : kSources) {
    for (bool strip : {false, true}) {
      std::string d = v.dump_of(src, strip);
      for (size_t len = 0; len < d.size(); len++) {
        CHECK_FALSE(v.load_and_maybe_run(d.substr(0, len), false));
      }
    }
  }
}

TEST_CASE("random mutations of dumps load cleanly or run safely", "[dump][fuzz]") {
  FuzzVm v;
  // TYCHO_FUZZ_ITERS and TYCHO_FUZZ_SEED allow longer runs by hand; the defaults keep ctest fast.
  const char* iters_env = std::getenv("TYCHO_FUZZ_ITERS");
  const char* seed_env = std::getenv("TYCHO_FUZZ_SEED");
  int iters = iters_env ? std::atoi(iters_env) : 1500;
  Rng rng{seed_env ? std::strtoull(seed_env, nullptr, 10) : 12345};
  int loaded = 0;
  for (size_t s = 0; s < std::size(kSources); s++) {
    for (bool strip : {false, true}) {
      std::string d = v.dump_of(kSources[s], strip);
      for (int iter = 0; iter < iters; iter++) {
        std::string m = d;
        int nmut = 1 + static_cast<int>(rng.below(3));
        for (int k = 0; k < nmut; k++) {
          size_t pos = 32 + rng.below(m.size() - 32);  // past the header, mostly
          switch (rng.below(4)) {
            case 0:
              m[pos] = static_cast<char>(m[pos] ^ (1 << rng.below(8)));
              break;
            case 1:
              m[pos] = static_cast<char>(rng.next());
              break;
            case 2: {
              static const uint8_t kInteresting[] = {0, 1, 2, 0x7f, 0x80, 0x81, 0xfe, 0xff};
              m[pos] = static_cast<char>(kInteresting[rng.below(8)]);
              break;
            }
            default:
              for (size_t j = pos; j < pos + 4 && j < m.size(); j++) {
                m[j] = static_cast<char>(rng.next());
              }
              break;
          }
        }
        loaded += v.load_and_maybe_run(m, s < kStraightLine);
        if (iter % 250 == 0) api::gc(v.L, api::kGcCollect);
      }
    }
  }
  CHECK(loaded > 0);  // some mutants (constants, line info) still load
  CHECK(vm::verify_heap(v.L).empty());
}

TEST_CASE("every opcode and extreme operands in every instruction", "[dump][fuzz]") {
  FuzzVm v;
  Rng rng{777};
  for (size_t s = 0; s < kStraightLine; s++) {
    std::string d = v.dump_of(kSources[s], true);
    size_t ncode;
    size_t start = code_offset(d, &ncode);
    REQUIRE(start + 4 * ncode <= d.size());
    for (size_t pc = 0; pc < ncode; pc++) {
      vm::Instruction orig;
      std::memcpy(&orig, d.data() + start + 4 * pc, 4);
      std::vector<vm::Instruction> variants;
      for (int op = 0; op < 128; op++) {
        vm::Instruction i = orig;
        vm::set_op(i, static_cast<vm::OpCode>(op));
        variants.push_back(i);
      }
      for (int v8 : {0, 1, 2, 0x7f, 0xfe, 0xff}) {
        vm::Instruction i = orig;
        vm::setarg_a(i, v8);
        variants.push_back(i);
        i = orig;
        vm::setarg_b(i, v8);
        variants.push_back(i);
        i = orig;
        vm::setarg_c(i, v8);
        variants.push_back(i);
      }
      for (int bx : {0, 1, 2, vm::kMaxArgBx, vm::kOffsetsBx, vm::kOffsetsBx - 3}) {
        vm::Instruction i = orig;
        vm::setarg_bx(i, bx);
        variants.push_back(i);
      }
      vm::Instruction flipped = orig;
      vm::setarg_k(flipped, !vm::getarg_k(orig));
      variants.push_back(flipped);
      for (int r = 0; r < 8; r++) variants.push_back(static_cast<vm::Instruction>(rng.next()));
      for (vm::Instruction i : variants) {
        std::string m = d;
        std::memcpy(m.data() + start + 4 * pc, &i, 4);
        v.load_and_maybe_run(m, true);
      }
    }
    api::gc(v.L, api::kGcCollect);
  }
  CHECK(vm::verify_heap(v.L).empty());
}

TEST_CASE("malicious bytecode is rejected by the verifier", "[dump]") {
  FuzzVm v;
  // A stripped `local a = ... return a.x` and targeted corruptions of its instructions.
  std::string d = v.dump_of("local t = ... return t.x, t.y", true);
  size_t ncode;
  size_t start = code_offset(d, &ncode);
  auto with = [&](size_t pc, vm::Instruction i) {
    std::string m = d;
    std::memcpy(m.data() + start + 4 * pc, &i, 4);
    return m;
  };
  auto message = [&](const std::string& chunk) {
    int status = api::load(v.L, chunk, "=evil", "b");
    std::string msg = status == vm::kOk ? "loaded" : api::to_string(v.L, -1);
    api::pop(v.L, 1);
    return msg;
  };
  CHECK(message(d) == "loaded");
  const std::string kBad = "evil: bad binary format (invalid bytecode)";
  // Register past maxstacksize, constant past sizek, upvalue past sizeupvalues, jumps out.
  CHECK(message(with(1, vm::create_abck(vm::OpCode::MOVE, 200, 0, 0, 0))) == kBad);
  CHECK(message(with(1, vm::create_abx(vm::OpCode::LOADK, 0, 999))) == kBad);
  CHECK(message(with(1, vm::create_abck(vm::OpCode::GETUPVAL, 0, 9, 0, 0))) == kBad);
  CHECK(message(with(1, vm::create_sj(vm::OpCode::JMP, 1000, 0))) == kBad);
  CHECK(message(with(1, vm::create_sj(vm::OpCode::JMP, -10, 0))) == kBad);
  // A test not followed by a jump; an MMBIN without its arithmetic op; VARARG in a vararg main
  // function is fine, VARARGPREP elsewhere is not.
  CHECK(message(with(1, vm::create_abck(vm::OpCode::TEST, 0, 0, 0, 0))) == kBad);
  CHECK(message(with(1, vm::create_abck(vm::OpCode::MMBIN, 0, 0, 6, 0))) == kBad);
  CHECK(message(with(1, vm::create_abck(vm::OpCode::VARARGPREP, 0, 0, 0, 0))) == kBad);
  // An open CALL (B = 0) with nothing setting the top before it; a CLOSURE of no function.
  CHECK(message(with(2, vm::create_abck(vm::OpCode::CALL, 0, 0, 1, 0))) == kBad);
  CHECK(message(with(1, vm::create_abx(vm::OpCode::CLOSURE, 0, 0))) == kBad);
  // The last instruction must return; an unknown opcode is refused.
  CHECK(message(with(ncode - 1, vm::create_abck(vm::OpCode::MOVE, 0, 0, 0, 0))) == kBad);
  CHECK(message(with(1, static_cast<vm::Instruction>(0x7f))) == kBad);
  // Found by fuzz_undump: luac5.4's dump of `return` whose second line delta is -128 (lua's
  // absolute-line marker) with no absolute entry decodes to line -127, which a dump could not
  // write back; refused rather than loaded into a function whose dump does not load again.
  const std::string negative_line(
      "\033LuaT\000\031\223\015\012\032\012\004\010\010xV\000\000\000\000\000\000\000\000"
      "\000\000\000(w@\001\200\200\200\000\001\002\203Q\000\000\000F\000\001\001F\000\001"
      "\001\200\201\001\000\000\200\203\001\200\000\200\200\201\205_ENV",
      69);
  CHECK(message(negative_line) == "evil: bad binary format (invalid line information)");
  // GETFIELD with a key that is not a short string constant.
  vm::Instruction getfield;
  std::memcpy(&getfield, d.data() + start + 4 * 2, 4);
  REQUIRE(vm::get_op(getfield) == vm::OpCode::GETFIELD);
  vm::Instruction to_reg = getfield;
  vm::setarg_c(to_reg, 250);
  CHECK(message(with(2, to_reg)) == kBad);
}
