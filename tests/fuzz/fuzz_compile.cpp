// libFuzzer harness: the lexer and the compiler on arbitrary source text.
//
// The input is a chunk of Lua source, compiled and never run. What compiles is also
// disassembled, dumped as a binary chunk and loaded back through the bytecode verifier: the
// compiler's output must pass the verifier and dump to the same bytes again, so a code
// generator bug that produces malformed bytecode is a finding here even when it would not
// crash.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_support.hpp"
#include "lang/compile.hpp"

using namespace tycho;
using namespace tycho::fuzz;

namespace {

std::string dump_top(Thread* L, bool strip) {
  std::string out;
  auto writer = [](Thread*, const void* p, size_t size, void* ud) {
    static_cast<std::string*>(ud)->append(static_cast<const char*>(p), size);
    return 0;
  };
  if (api::dump(L, writer, &out, strip) != 0) std::abort();
  return out;
}

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_compile: %s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vm::VmOptions options;
  options.heap_limit = 32u << 20;
  Thread* L = vm::new_vm(options);
  if (L == nullptr) std::abort();
  L->g->compiler = lang::compile;
  std::string_view source(reinterpret_cast<const char*>(data), size);
  if (api::load(L, source, "=fuzz", "t") == vm::kOk) {
    vm::Proto* p = L->top[-1].as_lua_closure()->p;
    (void)lang::disassemble(p);
    bool strip = size % 2 == 1;
    std::string chunk = dump_top(L, strip);
    int status = api::load(L, chunk, "=fuzz", "b");
    if (status != vm::kOk) {
      const char* msg = api::to_string(L, -1);
      // Only running out of heap is a fair reason for the reload to fail.
      if (status != vm::kErrMem)
        fail("the verifier refused the compiler's output:", msg ? msg : "");
    } else if (dump_top(L, strip) != chunk) {
      fail("the reloaded function dumps to other bytes", "");
    }
  }
  vm::close_vm(L);
  return 0;
}
