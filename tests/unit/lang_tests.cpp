// Unit tests of the compiler (lang/): tokens, syntax error messages, bytecode listings and
// limits. Expected messages and listings come from the reference implementation (lua5.4's
// `load` and `luac5.4 -l -l`, addresses removed), so these tests pin the compiler to Lua 5.4.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <string>
#include <vector>

#include "lang/compile.hpp"
#include "lang/lexer.hpp"
#include "tests/unit/vm_test_support.hpp"

using namespace tycho;
using tycho::vm::testing::VmFixture;

namespace {

struct LangFixture : VmFixture {
  // The listing of a chunk compiled under the name "@test" (luac's "test").
  std::string listing(std::string_view src) {
    size_t anchors = L->g->anchors.size();
    vm::Proto* p = lang::compile(L, src, "@test");
    std::string s = lang::disassemble(p);
    REQUIRE(L->g->anchors.size() == anchors);  // compile drops its anchors
    return s;
  }
  // The syntax error raised by compiling src under the chunk name `name` ("" on success).
  std::string compile_error(std::string_view src, const char* name) {
    ptrdiff_t top = vm::save_stack(L, L->top);  // an offset: compiling can move the stack
    vm::Catching catching(L->g);                // the error is caught here
    try {
      lang::compile(L, src, name);
    } catch (const vm::LuaError&) {
      std::string msg;
      if (L->top > vm::restore_stack(L, top) && L->top[-1].is_string()) {
        vm::String* s = L->top[-1].as_string();
        msg.assign(s->data(), s->len);
      }
      L->top = vm::restore_stack(L, top);
      return msg;
    }
    return "";
  }
  std::string compile_error(const std::string& src) { return compile_error(src, src.c_str()); }

  // The tokens of src, as "kind:text" strings.
  std::vector<std::string> tokens(std::string_view src) {
    size_t anchors = L->g->anchors.size();
    lang::Lexer lx(L, src, vm::new_string(L, "=t"));
    std::vector<std::string> out;
    for (lx.next(); lx.t.token != lang::kTkEos; lx.next()) {
      const lang::SemInfo& si = lx.t.seminfo;
      switch (lx.t.token) {
        case lang::kTkName:
          out.push_back("name:" + std::string(si.ts->data(), si.ts->len));
          break;
        case lang::kTkString:
          out.push_back("str:" + std::string(si.ts->data(), si.ts->len));
          break;
        case lang::kTkInt:
          out.push_back("int:" + std::to_string(si.i));
          break;
        case lang::kTkFlt: {
          char buf[64];
          std::snprintf(buf, sizeof buf, "%.17g", si.r);
          out.push_back(std::string("flt:") + buf);
          break;
        }
        default:
          out.push_back(lx.token2str(lx.t.token));
          break;
      }
      out.back() += "@" + std::to_string(lx.linenumber);
    }
    L->g->anchors.resize(anchors);
    return out;
  }
  using Value = vm::Value;
};

using Toks = std::vector<std::string>;

}  // namespace

TEST_CASE("lexer: operators and reserved words", "[lang][lexer]") {
  LangFixture f;
  CHECK(f.tokens("a.b:c::d ... .. = == ~= ~ <= < << >= > >> // / #%^&|+-*;,(){}[]") ==
        Toks{"name:a@1", "'.'@1", "name:b@1", "':'@1",  "name:c@1", "'::'@1", "name:d@1", "'...'@1",
             "'..'@1",   "'='@1", "'=='@1",   "'~='@1", "'~'@1",    "'<='@1", "'<'@1",    "'<<'@1",
             "'>='@1",   "'>'@1", "'>>'@1",   "'//'@1", "'/'@1",    "'#'@1",  "'%'@1",    "'^'@1",
             "'&'@1",    "'|'@1", "'+'@1",    "'-'@1",  "'*'@1",    "';'@1",  "','@1",    "'('@1",
             "')'@1",    "'{'@1", "'}'@1",    "'['@1",  "']'@1"});
  CHECK(f.tokens("and break do else elseif end false for function goto if in local nil not or "
                 "repeat return then true until while andx _end") ==
        Toks{"'and'@1",   "'break'@1", "'do'@1",       "'else'@1",  "'elseif'@1",  "'end'@1",
             "'false'@1", "'for'@1",   "'function'@1", "'goto'@1",  "'if'@1",      "'in'@1",
             "'local'@1", "'nil'@1",   "'not'@1",      "'or'@1",    "'repeat'@1",  "'return'@1",
             "'then'@1",  "'true'@1",  "'until'@1",    "'while'@1", "name:andx@1", "name:_end@1"});
}

TEST_CASE("lexer: numerals", "[lang][lexer]") {
  LangFixture f;
  CHECK(f.tokens("3 345 0xff 0XBEBADA 3.0 3.1416 314.16e-2 0.31416E1 34e1 0x0.1E 0xA23p-4 "
                 "0X1.921FB54442D18P+1 .5 3. 0x.8p1") ==
        Toks{"int:3@1", "int:345@1", "int:255@1", "int:12499674@1", "flt:3@1",
             "flt:3.1415999999999999@1", "flt:3.1415999999999999@1", "flt:3.1415999999999999@1",
             "flt:340@1", "flt:0.1171875@1", "flt:162.1875@1", "flt:3.1415926535897931@1",
             "flt:0.5@1", "flt:3@1", "flt:1@1"});
  // Hex integers wrap; decimal integers that overflow become floats.
  CHECK(f.tokens("0xffffffffffffffff 0x10000000000000001 9223372036854775807 "
                 "9223372036854775808") ==
        Toks{"int:-1@1", "int:1@1", "int:9223372036854775807@1", "flt:9.2233720368547758e+18@1"});
  CHECK(f.tokens("1-2 0xe+1 1e+1") ==
        Toks{"int:1@1", "'-'@1", "int:2@1", "int:14@1", "'+'@1", "int:1@1", "flt:10@1"});
}

TEST_CASE("lexer: strings, comments and lines", "[lang][lexer]") {
  LangFixture f;
  CHECK(f.tokens(R"('a\tb\\\"\'\65\x41\u{48}\u{20AC}' "\z
                    x")") == Toks{"str:a\tb\\\"'AAH\xE2\x82\xAC@1", "str:x@2"});
  CHECK(f.tokens("[[\nfirst]] [==[a]]b]=]c]==] --[[ long\ncomment ]] x -- short\ny") ==
        Toks{"str:first@2", "str:a]]b]=]c@2", "name:x@3", "name:y@4"});
  // \n, \r, \r\n and \n\r are one line break each; \n\n is two.
  CHECK(f.tokens("a\rb\r\nc\n\rd\n\ne") ==
        Toks{"name:a@1", "name:b@2", "name:c@3", "name:d@4", "name:e@6"});
  CHECK(f.tokens("'\\0a\\1'") == Toks{std::string("str:\0a\1@1", 9)});
  // A "#!" first line is the file loader's business: `load` rejects it, as lua5.4 does.
  CHECK(f.compile_error("#!/usr/bin/lua\nx", "=t") == "t:1: unexpected symbol near '#'");
}

TEST_CASE("syntax errors match lua5.4", "[lang][errors]") {
  LangFixture f;
  struct Case {
    const char* src;
    const char* msg;
  };
  const Case cases[] = {
      {"break", "[string \"break\"]:1: break outside loop at line 1"},
      {"goto foo", "[string \"goto foo\"]:1: no visible label 'foo' for <goto> at line 1"},
      {"do goto foo end",
       "[string \"do goto foo end\"]:1: no visible label 'foo' for <goto> at line 1"},
      {"::a:: ::a::", "[string \"::a:: ::a::\"]:1: label 'a' already defined on line 1"},
      {"goto a; local x; ::a:: print(x)",
       "[string \"goto a; local x; ::a:: print(x)\"]:1: <goto a> at line 1 jumps into the scope of "
       "local 'x'"},
      {"x = 'abc", "[string \"x = 'abc\"]:1: unfinished string near <eof>"},
      {"x = [[abc",
       "[string \"x = [[abc\"]:1: unfinished long string (starting at line 1) near <eof>"},
      {"--[[abc",
       "[string \"--[[abc\"]:1: unfinished long comment (starting at line 1) near <eof>"},
      {"x = '\\q'", "[string \"x = '\\q'\"]:1: invalid escape sequence near ''\\q'"},
      {"x = '\\300'", "[string \"x = '\\300'\"]:1: decimal escape too large near ''\\300''"},
      {"x = '\\u{80000000}'",
       "[string \"x = '\\u{80000000}'\"]:1: UTF-8 value too large near ''\\u{80000000'"},
      {"x = '\\u123'", "[string \"x = '\\u123'\"]:1: missing '{' near ''\\u1'"},
      {"x = '\\u{123'", "[string \"x = '\\u{123'\"]:1: missing '}' near ''\\u{123''"},
      {"x = '\\xg'", "[string \"x = '\\xg'\"]:1: hexadecimal digit expected near ''\\xg'"},
      {"x = 3x", "[string \"x = 3x\"]:1: malformed number near '3x'"},
      {"x = @", "[string \"x = @\"]:1: unexpected symbol near '@'"},
      {"x = ", "[string \"x = \"]:1: unexpected symbol near <eof>"},
      {"function f() ", "[string \"function f() \"]:1: 'end' expected near <eof>"},
      {"function f() \n\n x = 1",
       "[string \"function f() ...\"]:3: 'end' expected (to close 'function' at line 1) near "
       "<eof>"},
      {"x y", "[string \"x y\"]:1: syntax error near 'y'"},
      {"local x <const> = 1; x = 2",
       "[string \"local x <const> = 1; x = 2\"]:1: attempt to assign to const variable 'x'"},
      {"local x <close>, y <close> = 1",
       "[string \"local x <close>, y <close> = 1\"]:1: multiple to-be-closed variables in local "
       "list"},
      {"local x <foo> = 1", "[string \"local x <foo> = 1\"]:1: unknown attribute 'foo'"},
      {"function f() return ... end",
       "[string \"function f() return ... end\"]:1: cannot use '...' outside a vararg function "
       "near '...'"},
      {"x = 0x", "[string \"x = 0x\"]:1: malformed number near '0x'"},
      {"x = 1e", "[string \"x = 1e\"]:1: malformed number near '1e'"},
      {"x = 1..2", "[string \"x = 1..2\"]:1: malformed number near '1..2'"},
      {"x = '\\xAx'", "[string \"x = '\\xAx'\"]:1: hexadecimal digit expected near ''\\xAx'"},
      {"x = '\\x'", "[string \"x = '\\x'\"]:1: hexadecimal digit expected near ''\\x''"},
      {"x = [==[ ]=] ",
       "[string \"x = [==[ ]=] \"]:1: unfinished long string (starting at line 1) near <eof>"},
      {"x = [=", "[string \"x = [=\"]:1: invalid long string delimiter near '[='"},
      {"f(", "[string \"f(\"]:1: unexpected symbol near <eof>"},
      {"a.b:c = 1", "[string \"a.b:c = 1\"]:1: function arguments expected near '='"},
      {"x = \"abc\ndef\"", "[string \"x = \"abc...\"]:1: unfinished string near '\"abc'"},
      {"for i in 1 do end end", "[string \"for i in 1 do end end\"]:1: <eof> expected near 'end'"},
      {"for i do end", "[string \"for i do end\"]:1: '=' or 'in' expected near 'do'"},
      {"local function f(a, 1) end",
       "[string \"local function f(a, 1) end\"]:1: <name> or '...' expected near '1'"},
      {"x = '\\u{}'", "[string \"x = '\\u{}'\"]:1: hexadecimal digit expected near ''\\u{}'"},
      {"x = '\\u{110000000}'",
       "[string \"x = '\\u{110000000}'\"]:1: UTF-8 value too large near ''\\u{110000000'"},
      {"\001", "[string \"\001\"]:1: unexpected symbol near '<\\1>'"},
      {"x = ~= 1", "[string \"x = ~= 1\"]:1: unexpected symbol near '~='"},
      {"x = 1 + + 2", "[string \"x = 1 + + 2\"]:1: unexpected symbol near '+'"},
      {"local x <const> = 1; function f() x = 2 end",
       "[string \"local x <const> = 1; function f() x = 2 end\"]:1: attempt to assign to const "
       "variable 'x'"},
      {"local x <const> = {}; x.y = 1; x = 1",
       "[string \"local x <const> = {}; x.y = 1; x = 1\"]:1: attempt to assign to const variable "
       "'x'"},
      {"if x then", "[string \"if x then\"]:1: 'end' expected near <eof>"},
      {"if x then else", "[string \"if x then else\"]:1: 'end' expected near <eof>"},
      {"while true do", "[string \"while true do\"]:1: 'end' expected near <eof>"},
      {"repeat", "[string \"repeat\"]:1: 'until' expected near <eof>"},
      {"repeat until", "[string \"repeat until\"]:1: unexpected symbol near <eof>"},
      {"for i=1,2 do", "[string \"for i=1,2 do\"]:1: 'end' expected near <eof>"},
      {"(f)", "[string \"(f)\"]:1: syntax error near <eof>"},
      {"f() = 1", "[string \"f() = 1\"]:1: syntax error near '='"},
      {"a, b() = 1, 2", "[string \"a, b() = 1, 2\"]:1: syntax error near '='"},
      {"local t = {1, 2", "[string \"local t = {1, 2\"]:1: '}' expected near <eof>"},
      {"local t = {1 2}", "[string \"local t = {1 2}\"]:1: '}' expected near '2'"},
      {"return return", "[string \"return return\"]:1: unexpected symbol near 'return'"},
      {"return 1 x", "[string \"return 1 x\"]:1: <eof> expected near 'x'"},
      {"x = function", "[string \"x = function\"]:1: '(' expected near <eof>"},
      {"x = 'a\\\nb", "[string \"x = 'a\\...\"]:2: unfinished string near <eof>"},
      {"local a.b = 1", "[string \"local a.b = 1\"]:1: unexpected symbol near '.'"},
      {"goto 1", "[string \"goto 1\"]:1: <name> expected near '1'"},
      {"::a:: goto b", "[string \"::a:: goto b\"]:1: no visible label 'b' for <goto> at line 1"},
      {"do ::l1:: end goto l1",
       "[string \"do ::l1:: end goto l1\"]:1: no visible label 'l1' for <goto> at line 1"},
      {"repeat goto cont; local x ::cont:: until x",
       "[string \"repeat goto cont; local x ::cont:: until x\"]:1: <goto cont> at line 1 jumps "
       "into the scope of local 'x'"},
      {"x = .5e", "[string \"x = .5e\"]:1: malformed number near '.5e'"},
      {"x = 3..2", "[string \"x = 3..2\"]:1: malformed number near '3..2'"},
      {"x = 0x1p", "[string \"x = 0x1p\"]:1: malformed number near '0x1p'"},
      {"x = 0x.p1", "[string \"x = 0x.p1\"]:1: malformed number near '0x.p1'"},
      {"x = '\\u{7FFFFFFF}' y", "[string \"x = '\\u{7FFFFFFF}' y\"]:1: syntax error near <eof>"},
      {"x = \"\\0abc\" y", "[string \"x = \"\\0abc\" y\"]:1: syntax error near <eof>"},
      {"x = 'ab\\200' y", "[string \"x = 'ab\\200' y\"]:1: syntax error near <eof>"},
      {"x = ... y", "[string \"x = ... y\"]:1: syntax error near <eof>"},
      {"x = #", "[string \"x = #\"]:1: unexpected symbol near <eof>"},
      {"f{} = 1", "[string \"f{} = 1\"]:1: syntax error near '='"},
      {"x = {[1] 2}", "[string \"x = {[1] 2}\"]:1: '=' expected near '2'"},
      {"x = a.1", "[string \"x = a.1\"]:1: unexpected symbol near '.1'"},
      {"for a, b, c = 1 do end", "[string \"for a, b, c = 1 do end\"]:1: 'in' expected near '='"},
      {"function a:b:c() end", "[string \"function a:b:c() end\"]:1: '(' expected near ':'"},
      {"function a.b.c:d.e() end",
       "[string \"function a.b.c:d.e() end\"]:1: '(' expected near '.'"},
      {"local = 1", "[string \"local = 1\"]:1: <name> expected near '='"},
      {"local x, = 1", "[string \"local x, = 1\"]:1: <name> expected near '='"},
      {"x = [[\n\nabc",
       "[string \"x = [[...\"]:3: unfinished long string (starting at line 1) near <eof>"},
      {"--[==[\nabc]]",
       "[string \"--[==[...\"]:2: unfinished long comment (starting at line 1) near <eof>"},
      {"x = '\\z   \n  abc", "[string \"x = '\\z   ...\"]:2: unfinished string near <eof>"},
      {"x = 'abc\\", "[string \"x = 'abc\\\"]:1: unfinished string near <eof>"},
      {"x = 1 // ", "[string \"x = 1 // \"]:1: unexpected symbol near <eof>"},
      {"x = f() y", "[string \"x = f() y\"]:1: syntax error near <eof>"},
      {"\357\273\277 x = 1", "[string \"\357\273\277 x = 1\"]:1: unexpected symbol near '<\\239>'"},
      {"x = 5 \200", "[string \"x = 5 \200\"]:1: unexpected symbol near '<\\128>'"},
      {"x = \"\\u{D800}\" y", "[string \"x = \"\\u{D800}\" y\"]:1: syntax error near <eof>"},
      {"local x <const> = 1 + 2; local y <const> = x * 3; y = 1",
       "[string \"local x <const> = 1 + 2; local y <const> = x ...\"]:1: attempt to assign to "
       "const variable 'y'"},
      {"for i = 1, 2 do local x <close> = nil; x = 1 end",
       "[string \"for i = 1, 2 do local x <close> = nil; x = 1 ...\"]:1: attempt to assign to "
       "const variable 'x'"},
      {"local a <close> = 1; a = 2",
       "[string \"local a <close> = 1; a = 2\"]:1: attempt to assign to const variable 'a'"},
  };
  for (const Case& c : cases) {
    INFO(c.src);
    CHECK(f.compile_error(c.src) == c.msg);
  }
}

TEST_CASE("limits", "[lang][errors]") {
  LangFixture f;
  std::string locals;
  for (int i = 1; i <= 201; i++) locals += (i > 1 ? ", a" : "a") + std::to_string(i);
  CHECK(f.compile_error("local " + locals, "=t") ==
        "t:1: too many local variables (limit is 200) in main function near <eof>");
  CHECK(f.compile_error("function f()\nlocal " + locals + "\nend", "=t") ==
        "t:3: too many local variables (limit is 200) in function at line 1 near 'end'");

  std::string ups, refs;
  for (int i = 1; i <= 256; i++) {
    std::string decl = "local u" + std::to_string(i) + " = " + std::to_string(i) + "\n";
    ups += (i == 151 ? "function g()\n" : "") + decl;
    refs += (i > 1 ? "+u" : "u") + std::to_string(i);
  }
  CHECK(f.compile_error(ups + "return function() return " + refs + " end end", "=t") ==
        "t:258: too many upvalues (limit is 255) in function at line 258 near 'end'");

  std::string args = "1";
  for (int i = 1; i < 300; i++) args += ",1";
  CHECK(f.compile_error("f(" + args + ")", "=t") ==
        "t:1: function or expression needs too many registers near '1'");

  // Deep nesting is an error (lua5.4: "C stack overflow"), not a crash; 100 levels are fine.
  auto nest = [](int n) { return "x = " + std::string(n, '(') + "1" + std::string(n, ')'); };
  CHECK(f.compile_error(nest(100), "=t").empty());
  CHECK(f.compile_error(nest(300), "=t").find("C stack overflow") != std::string::npos);
  std::string blocks;
  for (int i = 0; i < 500; i++) blocks += "do ";
  CHECK(f.compile_error(blocks, "=t").find("C stack overflow") != std::string::npos);
}

TEST_CASE("listing: locals and arithmetic", "[lang][codegen]") {
  LangFixture f;
  CHECK(f.listing("local a = 1; local b = a + 2; return b") == R"(
main <test:0,0> (6 instructions)
0+ params, 2 slots, 1 upvalue, 2 locals, 0 constants, 0 functions
	1	[1]	VARARGPREP	0
	2	[1]	LOADI    	0 1
	3	[1]	ADDI     	1 0 2
	4	[1]	MMBINI   	0 2 6 0	; __add
	5	[1]	RETURN   	1 2 1	; 1 out
	6	[1]	RETURN   	2 1 1	; 0 out
constants (0):
locals (2):
	0	a	3	7
	1	b	5	7
upvalues (1):
	0	_ENV	1	0
)");
}

TEST_CASE("listing: constant folding keeps Lua's integer/float rules", "[lang][codegen]") {
  LangFixture f;
  // No folding of division by zero, NaN or -0.0; integer and float results stay apart.
  CHECK(f.listing("return 2^10, 1//0, 3 % 0, 10/2, -(-0.0), 1 << 62, 7 // 2.0, \"a\"..\"b\", "
                  "~0, 1 & 1.5, 0/0, 2^63 // 1, -9223372036854775807 - 1, 5 - 3.0") == R"(
main <test:0,0> (29 instructions)
0+ params, 14 slots, 1 upvalue, 0 locals, 8 constants, 0 functions
	1	[1]	VARARGPREP	0
	2	[1]	LOADF    	0 1024
	3	[1]	LOADI    	1 1
	4	[1]	IDIVK    	1 1 0	; 0
	5	[1]	MMBINK   	1 0 12 0	; __idiv 0
	6	[1]	LOADI    	2 3
	7	[1]	MODK     	2 2 0	; 0
	8	[1]	MMBINK   	2 0 9 0	; __mod 0
	9	[1]	LOADF    	3 5
	10	[1]	LOADF    	4 0
	11	[1]	UNM      	4 4
	12	[1]	UNM      	4 4
	13	[1]	LOADK    	5 1	; 4611686018427387904
	14	[1]	LOADF    	6 3
	15	[1]	LOADK    	7 2	; "a"
	16	[1]	LOADK    	8 3	; "b"
	17	[1]	CONCAT   	7 2
	18	[1]	LOADI    	8 -1
	19	[1]	LOADK    	9 5	; 1.5
	20	[1]	BANDK    	9 9 4	; 1
	21	[1]	MMBINK   	9 4 13 1	; __band 1 flip
	22	[1]	LOADI    	10 0
	23	[1]	DIVK     	10 10 0	; 0
	24	[1]	MMBINK   	10 0 11 0	; __div 0
	25	[1]	LOADK    	11 6	; 9.2233720368548e+18
	26	[1]	LOADK    	12 7	; -9223372036854775808
	27	[1]	LOADF    	13 2
	28	[1]	RETURN   	0 15 1	; 14 out
	29	[1]	RETURN   	0 1 1	; 0 out
constants (8):
	0	I	0
	1	I	4611686018427387904
	2	S	"a"
	3	S	"b"
	4	I	1
	5	F	1.5
	6	F	9.2233720368548e+18
	7	I	-9223372036854775808
locals (0):
upvalues (1):
	0	_ENV	1	0
)");
}

TEST_CASE("listing: functions, upvalues, methods, loops, tbc", "[lang][codegen]") {
  LangFixture f;
  CHECK(f.listing(R"(local t = setmetatable({}, {})
function t:m(x, ...)
  local n = 0
  for k, v in pairs({...}) do n = n + v end
  return self, x + n
end
local function f(a)
  local c <close> = nil
  return function() return a, t end
end
if t.x == "s" and not t[1] or t.y >= 3 then t.z = {1, 2, x = 3, ...} end
return t:m(1, 2, 3)
)") == R"(
main <test:0,0> (34 instructions)
0+ params, 7 slots, 1 upvalue, 2 locals, 7 constants, 2 functions
	1	[1]	VARARGPREP	0
	2	[1]	GETTABUP 	0 0 0	; _ENV "setmetatable"
	3	[1]	NEWTABLE 	1 0 0	; 0
	4	[1]	EXTRAARG 	0
	5	[1]	NEWTABLE 	2 0 0	; 0
	6	[1]	EXTRAARG 	0
	7	[1]	CALL     	0 3 2	; 2 in 1 out
	8	[6]	CLOSURE  	1 0
	9	[2]	SETFIELD 	0 1 1	; "m"
	10	[10]	CLOSURE  	1 1
	11	[11]	GETFIELD 	2 0 2	; "x"
	12	[11]	EQK      	2 3 0	; "s"
	13	[11]	JMP      	3	; to 17
	14	[11]	GETI     	2 0 1
	15	[11]	TEST     	2 0
	16	[11]	JMP      	3	; to 20
	17	[11]	GETFIELD 	2 0 4	; "y"
	18	[11]	GEI      	2 3 0
	19	[11]	JMP      	8	; to 28
	20	[11]	NEWTABLE 	2 1 2	; 2
	21	[11]	EXTRAARG 	0
	22	[11]	LOADI    	3 1
	23	[11]	LOADI    	4 2
	24	[11]	SETFIELD 	2 2 6k	; "x" 3
	25	[11]	VARARG   	5 0	; all out
	26	[11]	SETLIST  	2 0 0
	27	[11]	SETFIELD 	0 5 2	; "z"
	28	[12]	SELF     	2 0 1k	; "m"
	29	[12]	LOADI    	4 1
	30	[12]	LOADI    	5 2
	31	[12]	LOADI    	6 3
	32	[12]	TAILCALL 	2 5 1k	; 4 in
	33	[12]	RETURN   	2 0 1k	; all out
	34	[12]	RETURN   	2 1 1k	; 0 out
constants (7):
	0	S	"setmetatable"
	1	S	"m"
	2	S	"x"
	3	S	"s"
	4	S	"y"
	5	S	"z"
	6	I	3
locals (2):
	0	t	8	35
	1	f	11	35
upvalues (1):
	0	_ENV	1	0

function <test:2,6> (19 instructions)
2+ params, 10 slots, 1 upvalue, 9 locals, 1 constant, 0 functions
	1	[2]	VARARGPREP	2
	2	[3]	LOADI    	2 0
	3	[4]	GETTABUP 	3 0 0	; _ENV "pairs"
	4	[4]	NEWTABLE 	4 0 0	; 0
	5	[4]	EXTRAARG 	0
	6	[4]	VARARG   	5 0	; all out
	7	[4]	SETLIST  	4 0 0
	8	[4]	CALL     	3 2 5	; 1 in 4 out
	9	[4]	TFORPREP 	3 2	; to 12
	10	[4]	ADD      	2 2 8
	11	[4]	MMBIN    	2 8 6	; __add
	12	[4]	TFORCALL 	3 2
	13	[4]	TFORLOOP 	3 4	; to 10
	14	[4]	CLOSE    	3
	15	[5]	MOVE     	3 0
	16	[5]	ADD      	4 1 2
	17	[5]	MMBIN    	1 2 6	; __add
	18	[5]	RETURN   	3 3 3k	; 2 out
	19	[6]	RETURN   	3 1 3k	; 0 out
constants (1):
	0	S	"pairs"
locals (9):
	0	self	1	20
	1	x	1	20
	2	n	3	20
	3	(for state)	9	15
	4	(for state)	9	15
	5	(for state)	9	15
	6	(for state)	9	15
	7	k	10	12
	8	v	10	12
upvalues (1):
	0	_ENV	0	0

function <test:7,10> (5 instructions)
1 param, 3 slots, 1 upvalue, 2 locals, 0 constants, 1 function
	1	[8]	LOADNIL  	1 0	; 1 out
	2	[8]	TBC      	1
	3	[9]	CLOSURE  	2 0
	4	[9]	RETURN   	2 2 0k	; 1 out
	5	[10]	RETURN   	2 1 0k	; 0 out
constants (0):
locals (2):
	0	a	1	6
	1	c	2	6
upvalues (1):
	0	t	1	0

function <test:9,9> (4 instructions)
0 params, 2 slots, 2 upvalues, 0 locals, 0 constants, 0 functions
	1	[9]	GETUPVAL 	0 0	; a
	2	[9]	GETUPVAL 	1 1	; t
	3	[9]	RETURN   	0 3 0	; 2 out
	4	[9]	RETURN0  	
constants (0):
locals (0):
upvalues (2):
	0	a	1	0
	1	t	0	0
)");
}

TEST_CASE("compile-time constants fold and vanish from registers", "[lang][codegen]") {
  LangFixture f;
  std::string s = f.listing("local k <const> = 10; local s <const> = 'x'; return k * 2 + 1, s");
  CHECK(s.find("LOADI    \t0 21") != std::string::npos);
  CHECK(s.find("LOADK    \t1 0\t; \"x\"") != std::string::npos);
  CHECK(s.find("locals (0)") != std::string::npos);
}
