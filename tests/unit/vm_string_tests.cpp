// Unit tests of vm/string.cpp: interning, long strings, hashing, comparison, the intern table
// under collection, message formatting, chunk ids (expected values from lua5.4) and UTF-8.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <algorithm>
#include <clocale>
#include <cstring>
#include <string>
#include <vector>

#include "tests/unit/vm_test_support.hpp"
#include "vm/string.hpp"

using namespace tycho::vm;
using tycho::vm::testing::VmFixture;

namespace {

struct ChunkCase {
  const char* source;
  const char* id;
};

const ChunkCase kChunkCases[] = {
    {"=stdin", "stdin"},
    {"@foo.lua", "foo.lua"},
    {"@d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/file.lua",
     "...d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/file.lua"},
    {"=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},
    {"=yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
     "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"},
    {"=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"},
    {"@ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp",
     "ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp"},
    {"@qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
     "...qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"},
    {"print(1)", "[string \"print(1)\"]"},
    {"first\nsecond", "[string \"first...\"]"},
    {"ssssssssssssssssssssssssssssssssssssssssssss",
     "[string \"ssssssssssssssssssssssssssssssssssssssssssss\"]"},
    {"ttttttttttttttttttttttttttttttttttttttttttttt",
     "[string \"ttttttttttttttttttttttttttttttttttttttttttttt...\"]"},
    {"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu",
     "[string \"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu...\"]"},
    {"\nabc", "[string \"...\"]"},
    {"", "[string \"\"]"},
};

std::string utf8(unsigned long x) {
  char buf[kUtf8BufSize];
  int n = utf8_encode(buf, x);
  return std::string(buf + kUtf8BufSize - n, static_cast<size_t>(n));
}

}  // namespace

TEST_CASE("short strings are interned, long ones are not", "[vm][string]") {
  VmFixture vm;
  Thread* L = vm.L;
  String* a = new_cstring(L, "hello");
  String* b = new_string(L, std::string("hello"));
  CHECK(a == b);
  CHECK(a->is_short());
  CHECK(a->len == 5);
  CHECK(a->data()[5] == '\0');
  CHECK(a->inline_bytes());
  CHECK(a->extra == 0);
  std::string max_short(kMaxShortLen, 's');
  CHECK(new_string(L, max_short)->is_short());
  CHECK(new_string(L, max_short) == new_string(L, max_short));
  std::string text(kMaxShortLen + 1, 'l');
  String* l1 = new_string(L, text);
  String* l2 = new_string(L, text);
  CHECK(l1 != l2);
  CHECK(l1->type == kVLongStr);
  CHECK(long_strings_equal(l1, l2));
  CHECK(strings_equal(l1, l2));
  CHECK(string_hash(l1) == string_hash(l2));
  CHECK(raw_equal(Value::object(l1), Value::object(l2)));
  // Embedded zeros are part of the contents.
  String* z1 = new_string(L, "a\0b", 3);
  String* z2 = new_string(L, "a\0c", 3);
  CHECK(z1 != z2);
  CHECK(z1->len == 3);
  // Bytes past the inline limit live in a payload; both kinds are NUL-terminated.
  std::string huge(5000, 'h');
  String* h = new_string(L, huge);
  CHECK(!h->inline_bytes());
  CHECK(std::string(h->data()) == huge);
  CHECK(string_cell_size(huge.size()) == sizeof(String));
  CHECK(string_cell_size(3) == sizeof(String) + 4);
  // new_long_string: the caller fills in the bytes.
  String* f = new_long_string(L, 100);
  std::memset(f->data(), 'f', 100);
  CHECK(f->data()[100] == '\0');
  CHECK(long_strings_equal(f, new_string(L, std::string(100, 'f'))));
}

TEST_CASE("hashes spread and long strings hash lazily", "[vm][string]") {
  VmFixture vm;
  Thread* L = vm.L;
  std::vector<uint32_t> buckets(256, 0);
  for (int i = 0; i < 25600; i++) buckets[new_string(L, "key" + std::to_string(i))->hash() & 255]++;
  for (uint32_t n : buckets) {
    CHECK(n > 50);
    CHECK(n < 170);
  }
  std::string a(200, 'a'), b(200, 'a');
  b[100] = 'b';  // a difference in the middle changes the hash
  CHECK(string_hash(new_string(L, a)) != string_hash(new_string(L, b)));
  String* s = new_string(L, a);
  CHECK((s->flags & 1) == 0);
  uint32_t h = string_hash(s);
  CHECK((s->flags & 1) == 1);
  CHECK(string_hash(s) == h);
}

TEST_CASE("string_compare orders bytes, embedded zeros included", "[vm][string]") {
  VmFixture vm;
  Thread* L = vm.L;
  std::setlocale(LC_COLLATE, "C");
  auto cmp = [&](std::string_view x, std::string_view y) {
    int r = string_compare(new_string(L, x), new_string(L, y));
    return r < 0 ? -1 : r > 0 ? 1 : 0;
  };
  CHECK(cmp("a", "b") == -1);
  CHECK(cmp("b", "a") == 1);
  CHECK(cmp("abc", "abc") == 0);
  CHECK(cmp("ab", "abc") == -1);
  CHECK(cmp("", "") == 0);
  CHECK(cmp("", "a") == -1);
  CHECK(cmp(std::string_view("a\0b", 3), std::string_view("a\0c", 3)) == -1);
  CHECK(cmp(std::string_view("a\0", 2), std::string_view("a", 1)) == 1);
  CHECK(cmp(std::string_view("a", 1), std::string_view("a\0", 2)) == -1);
  CHECK(cmp(std::string_view("a\0\0", 3), std::string_view("a\0\0", 3)) == 0);
}

TEST_CASE("the intern table forgets dead strings and shrinks", "[vm][string]") {
  VmFixture vm;
  Thread* L = vm.L;
  Global* g = L->g;
  String* kept = new_cstring(L, "kept string");
  *L->top = Value::object(kept);  // rooted on the stack
  L->top++;
  uint32_t base = g->strt.nuse;
  for (int i = 0; i < 20000; i++) new_string(L, "garbage" + std::to_string(i));
  CHECK(g->strt.nuse >= base + 20000);
  CHECK(2 * g->strt.size >= g->strt.nuse);  // grown at two strings per bucket
  uint32_t grown = g->strt.size;
  g->gc.full_collect();
  CHECK(g->strt.nuse <= base + 1);
  CHECK(g->strt.size < grown);
  CHECK(new_cstring(L, "kept string") == kept);
  CHECK(verify_heap(L).empty());
  L->top--;
}

TEST_CASE("the intern table resizes a few buckets at a time and finds every string meanwhile",
          "[vm][string]") {
  VmFixture vm;
  Thread* L = vm.L;
  Global* g = L->g;
  constexpr int kCount = 6000;
  ensure_stack(L, kCount);
  std::vector<String*> made;
  bool saw_resize = false;
  for (int i = 0; i < kCount; i++) {
    String* s = new_string(L, "interned " + std::to_string(i));
    *L->top++ = Value::object(s);  // rooted on the stack
    made.push_back(s);
    if (g->strt.resizing()) {
      saw_resize = true;
      // Mid-resize: the strings made so far are all found, the same objects.
      if (i % 97 == 0) {
        for (int j = 0; j <= i; j += 13) {
          REQUIRE(new_string(L, "interned " + std::to_string(j)) == made[j]);
        }
      }
    }
    REQUIRE(check_string_table(g->strt) == g->strt.nuse);
  }
  CHECK(saw_resize);
  for (int i = 0; i < kCount; i++) {
    REQUIRE(new_string(L, "interned " + std::to_string(i)) == made[i]);
  }
  CHECK(!g->strt.resizing());  // the lookups finished the last resize
  CHECK(2 * g->strt.size >= g->strt.nuse);  // grown at two strings per bucket
  // Most strings die; the table shrinks, again a bucket range at a time, while the sweep removes
  // the dead from whichever bucket holds them; the survivors are found throughout.
  L->top -= kCount;
  std::vector<String*> kept;
  for (int i = 0; i < kCount; i += 50) {
    kept.push_back(made[i]);
    *L->top++ = Value::object(made[i]);
  }
  const uint32_t grown = g->strt.size;
  bool saw_shrink = false;
  for (int round = 0; round < 4; round++) {
    g->gc.full_collect();
    saw_shrink |= g->strt.resizing() && g->strt.from > g->strt.size;
    for (size_t k = 0; k < kept.size(); k++) {
      REQUIRE(new_string(L, "interned " + std::to_string(k * 50)) == kept[k]);
      REQUIRE(check_string_table(g->strt) == g->strt.nuse);
    }
  }
  CHECK(saw_shrink);
  CHECK(g->strt.size < grown);
  CHECK(check_string_table(g->strt) == g->strt.nuse);
  for (int i = 0; i < 100; i++) new_string(L, "after " + std::to_string(i));
  CHECK(check_string_table(g->strt) == g->strt.nuse);
  CHECK(verify_heap(L).empty());
  L->top -= static_cast<ptrdiff_t>(kept.size());
}

TEST_CASE("push_fstring formats like lua_pushfstring", "[vm][string]") {
  VmFixture vm;
  Thread* L = vm.L;
  ptrdiff_t top = save_stack(L, L->top);  // an offset: pushing can move the stack
  const char* s = push_fstring(L, "%s|%d|%I|%f|%c|%%|%U|%s", "str", -42, int64_t{1} << 40, 1.0, 'x',
                               0x20ACL, static_cast<const char*>(nullptr));
  CHECK(std::string(s) == "str|-42|1099511627776|1.0|x|%|\xE2\x82\xAC|(null)");
  CHECK(L->top == restore_stack(L, top) + 1);
  CHECK(L->top[-1].is_string());
  CHECK(std::string(push_fstring(L, "%f %f %f", 0.1, 1e100, -0.0)) == "0.1 1e+100 -0.0");
  CHECK(std::string(push_fstring(L, "no format")) == "no format");
  int x;
  std::string p = push_fstring(L, "%p", static_cast<void*>(&x));
  CHECK(p.size() > 2);
  std::string long_arg(1000, 'w');
  CHECK(std::string(push_fstring(L, "<%s>", long_arg.c_str())) == "<" + long_arg + ">");
  L->top = restore_stack(L, top);
  CHECK(vm.error_of([&] { push_fstring(L, "%q"); }) == "invalid option '%q' to 'lua_pushfstring'");
}

TEST_CASE("chunk_id shortens sources as lua5.4 does", "[vm][string]") {
  for (const ChunkCase& c : kChunkCases) {
    char out[kIdSize];
    chunk_id(out, c.source, std::strlen(c.source));
    CHECK(std::string(out) == c.id);
  }
}

TEST_CASE("utf8_encode writes (extended) UTF-8", "[vm][string]") {
  CHECK(utf8(0) == std::string(1, '\0'));
  CHECK(utf8(0x41) == "A");
  CHECK(utf8(0x7F) == "\x7F");
  CHECK(utf8(0x80) == "\xC2\x80");
  CHECK(utf8(0x7FF) == "\xDF\xBF");
  CHECK(utf8(0x800) == "\xE0\xA0\x80");
  CHECK(utf8(0xFFFF) == "\xEF\xBF\xBF");
  CHECK(utf8(0x10FFFF) == "\xF4\x8F\xBF\xBF");
  CHECK(utf8(0x1FFFFF) == "\xF7\xBF\xBF\xBF");
  CHECK(utf8(0x3FFFFFF) == "\xFB\xBF\xBF\xBF\xBF");
  CHECK(utf8(0x7FFFFFFF) == "\xFD\xBF\xBF\xBF\xBF\xBF");
}
