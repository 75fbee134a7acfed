// libFuzzer harness: binary chunks through the loader and the bytecode verifier.
//
// The input is loaded as a binary chunk (mode "b"): it must load or fail with an error,
// never crash. What loads is dumped, loaded again and dumped again: the reload must succeed
// (short of memory) and give the same bytes. Then the function runs in a sandbox environment
// (the base functions that cannot reach the host, and string, table, math, utf8 and
// coroutine) under the count hook's instruction budget and the heap limit
// (FuzzVm::push_sandbox), and the heap is verified.
// The verifier's promise is that whatever it accepts is safe to run, so a crash while running
// is as much a finding as one while loading. The seeds are dumps of real functions
// (corpus/fuzz_undump/), which the fuzzer mutates.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_support.hpp"

using namespace tycho;
using namespace tycho::fuzz;

namespace {

constexpr int64_t kInstructions = 200000;

std::string dump_top(Thread* L) {
  std::string out;
  auto writer = [](Thread*, const void* p, size_t size, void* ud) {
    static_cast<std::string*>(ud)->append(static_cast<const char*>(p), size);
    return 0;
  };
  api::dump(L, writer, &out, false);
  return out;
}

[[noreturn]] void fail(const char* what, const char* detail) {
  std::fprintf(stderr, "fuzz_undump: %s\n%s\n", what, detail);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  stdlib::share_library_names();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzVm v;
  Thread* L = v.L;
  std::string_view chunk(reinterpret_cast<const char*>(data), size);
  if (api::load(L, chunk, "=fuzz", "b") == vm::kOk) {
    // What the loader accepted dumps to a chunk that it accepts again, and that dumps to the
    // same bytes: loader, verifier and dumper agree on everything the verifier lets through.
    std::string first = dump_top(L);
    int status = api::load(L, first, "=again", "b");
    if (status == vm::kOk) {
      if (dump_top(L) != first) fail("the reloaded function dumps to other bytes", "");
    } else if (status != vm::kErrMem) {  // running out of heap is the only fair reason
      const char* msg = api::to_string(L, -1);
      fail("the loader refuses the dump of a function that it loaded:", msg ? msg : "");
    }
    api::pop(L, 1);  // the function loaded again, or the error
    v.push_sandbox();
    if (api::set_upvalue(L, -2, 1) == nullptr) api::pop(L, 1);  // no upvalue to set
    api::push_integer(L, 3);
    api::push_string(L, "arg");
    v.set_budget(kInstructions);
    v.set_count_hook();
    v.call(2);
  }
  v.finish();
  return 0;
}
