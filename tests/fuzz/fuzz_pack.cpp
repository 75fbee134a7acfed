// libFuzzer harness: string.pack, string.unpack and string.packsize on fuzzed formats.
//
// The input gives a format (up to 64 bytes), a data string and a start position. The format
// is measured (packsize), used to unpack the data, and then to pack again what unpack returned
// (or, when unpack failed, arguments chosen by the input). Besides "no crash", one oracle:
// when packsize accepts the format, a successful pack of it has exactly that size.
// The pack of a format with a count of more than six digits is refused by the harness's
// string.pack bound (fuzz_support.hpp), made when its buffer was not counted against the heap
// limit.
#include <cstdio>
#include <cstring>
#include <string>

#include "fuzz_support.hpp"

using namespace tycho;
using namespace tycho::fuzz;

namespace {

int call_string_fn(Thread* L, const char* name, int first, int n, int nresults) {
  api::get_global(L, "string");
  api::get_field(L, -1, name);
  api::remove(L, -2);
  for (int i = 0; i < n; i++) api::push_value(L, first + i);
  return api::pcall(L, n, nresults, 0);
}

void push_arg(Thread* L, Choices& in) {
  switch (in.below(5)) {
    case 0:
      api::push_integer(L, static_cast<int8_t>(in.byte()));
      break;
    case 1: {
      uint64_t bits = (uint64_t{in.word()} << 32) | in.word();
      api::push_integer(L, static_cast<int64_t>(bits));
      break;
    }
    case 2: {
      uint64_t bits = (uint64_t{in.word()} << 32) | in.word();
      double d;
      std::memcpy(&d, &bits, sizeof d);
      api::push_number(L, d);
      break;
    }
    case 3:
      api::push_string(L, in.string(24));
      break;
    default:
      api::push_number(L, static_cast<int8_t>(in.byte()) / 4.0);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  stdlib::share_library_names();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzVm v;
  Thread* L = v.L;
  Choices in(data, size);
  api::push_string(L, in.string(64));  // 1: the format
  int pos = static_cast<int8_t>(in.byte());
  api::push_string(L, in.string(255));  // 2: the data
  api::push_integer(L, pos);            // 3: the start position

  int64_t packsize = -1;
  if (call_string_fn(L, "packsize", 1, 1, 1) == vm::kOk) packsize = api::to_integer(L, -1);
  api::set_top(L, 3);

  int base = api::get_top(L);
  bool unpacked = call_string_fn(L, "unpack", 1, 3, vm::kMultRet) == vm::kOk;
  int nres = api::get_top(L) - base;
  if (unpacked) {
    api::pop(L, 1);  // the next position
    nres--;
  } else {
    api::set_top(L, base);
    nres = static_cast<int>(in.below(9));
    for (int i = 0; i < nres; i++) push_arg(L, in);
  }
  // string.pack(fmt, values...)
  api::get_global(L, "string");
  api::get_field(L, -1, "pack");
  api::remove(L, -2);
  api::insert(L, base + 1);
  api::push_value(L, 1);
  api::insert(L, base + 2);
  if (api::pcall(L, nres + 1, 1, 0) == vm::kOk && packsize >= 0) {
    size_t len;
    api::to_lstring(L, -1, &len);
    if (static_cast<int64_t>(len) != packsize) {
      std::fprintf(stderr, "fuzz_pack: packsize says %lld, pack made %zu bytes\n",
                   static_cast<long long>(packsize), len);
      std::abort();
    }
  }
  v.finish();
  return 0;
}
