// Loading binary chunks (Lua 5.4.4's lundump.c, over tycho's Proto). See vm/dump.hpp for the
// format.
//
// The input is untrusted. Every size is checked against the bytes that remain before anything
// is allocated for it, so a corrupted size is "truncated chunk" (what lua5.4 reports once it
// runs out of input) rather than a huge allocation; nesting is bounded so that a chunk of
// nested functions cannot exhaust the C++ stack; and each prototype goes through the bytecode
// verifier (vm/verify.cpp) once it is complete, before any of it can run.
#include <climits>
#include <cstring>
#include <vector>

#include "vm/dump.hpp"
#include "vm/func.hpp"
#include "vm/string.hpp"

namespace tycho::vm {

namespace {

constexpr int kMaxNesting = kMaxCCalls;  // the parser cannot nest functions deeper either

class Loader {
 public:
  Loader(Thread* L, std::string_view in, const char* name)
      : L_(L), p_(reinterpret_cast<const uint8_t*>(in.data())), end_(p_ + in.size()), name_(name) {}

  void header() {
    // The first byte (ESC) was checked by the caller that chose this loader.
    literal(kSignature + 1, "not a binary chunk");
    if (byte() != kVersion) error("version mismatch");
    if (byte() != kFormat) error("format mismatch");
    literal(kData, "corrupted chunk");
    check_size(sizeof(Instruction), "Instruction");
    check_size(sizeof(int64_t), "lua_Integer");
    check_size(sizeof(double), "lua_Number");
    if (integer() != kCheckInt) error("integer format mismatch");
    if (number() != kCheckNum) error("float format mismatch");
  }

  uint8_t byte() {
    if (p_ == end_) error("truncated chunk");
    return *p_++;
  }

  void function(Proto* f, String* psource, const Proto* parent, int depth) {
    if (depth > kMaxNesting) error("too many nested functions");
    f->source = string_or_null();
    if (f->source == nullptr) f->source = psource;  // same source as the parent
    f->linedefined = int_value();
    f->lastlinedefined = int_value();
    f->numparams = byte();
    f->is_vararg = byte();
    f->maxstacksize = byte();
    code(f);
    constants(f);
    upvalues(f);
    protos(f, depth);
    debug(f);
    if (const char* why = verify_proto(f, parent)) error(why);
  }

  [[noreturn]] void error(const char* why) {
    push_fstring(L_, "%s: bad binary format (%s)", name_, why);
    throw_error(L_, kErrSyntax);
  }

 private:
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }

  void block(void* b, size_t size) {
    if (remaining() < size) error("truncated chunk");
    if (size > 0) std::memcpy(b, p_, size);
    p_ += size;
  }

  void literal(const char* s, const char* msg) {
    size_t len = std::strlen(s);
    char buff[16];
    block(buff, len);
    if (std::memcmp(s, buff, len) != 0) error(msg);
  }

  void check_size(size_t size, const char* tname) {
    if (byte() != size) {
      const char* why = push_fstring(L_, "%s size mismatch", tname);
      error(why);
    }
  }

  // lundump's loadUnsigned: a varint that must stay below `limit`.
  size_t unsigned_value(size_t limit) {
    size_t x = 0;
    int b;
    limit >>= 7;
    do {
      b = byte();
      if (x >= limit) error("integer overflow");
      x = (x << 7) | static_cast<size_t>(b & 0x7f);
    } while ((b & 0x80) == 0);
    return x;
  }

  size_t size_value() { return unsigned_value(~size_t{0}); }
  int int_value() { return static_cast<int>(unsigned_value(INT_MAX)); }

  // A count of items that take at least `min_bytes` each in the input: a count the rest of the
  // input cannot hold is a truncated chunk, found before allocating for it.
  int count(size_t min_bytes) {
    int n = int_value();
    if (static_cast<size_t>(n) > remaining() / min_bytes) error("truncated chunk");
    return n;
  }

  int64_t integer() {
    int64_t x;
    block(&x, sizeof(x));
    return x;
  }

  double number() {
    double x;
    block(&x, sizeof(x));
    return x;
  }

  String* string_or_null() {
    size_t size = size_value();
    if (size == 0) return nullptr;
    size--;
    if (size > remaining()) error("truncated chunk");
    const char* s = reinterpret_cast<const char*>(p_);
    p_ += size;
    if (size <= kMaxShortLen) return new_string(L_, s, size);
    String* ts = new_long_string(L_, size);
    std::memcpy(ts->data(), s, size);
    return ts;
  }

  template <typename T>
  T* new_vector(int n) {
    if (n == 0) return nullptr;
    return static_cast<T*>(alloc_payload(L_, sizeof(T) * static_cast<size_t>(n)));
  }

  void code(Proto* f) {
    int n = count(sizeof(Instruction));
    Instruction* code = new_vector<Instruction>(n);
    block(code, sizeof(Instruction) * static_cast<size_t>(n));
    f->code = code;
    f->sizecode = n;
  }

  void constants(Proto* f) {
    int n = count(1);
    Value* k = new_vector<Value>(n);
    for (int i = 0; i < n; i++) k[i].set_nil();
    f->k = k;
    f->sizek = n;
    for (int i = 0; i < n; i++) {
      int tag = byte();
      switch (tag) {
        case kVNil:
          break;
        case kVFalse:
          k[i].set_bool(false);
          break;
        case kVTrue:
          k[i].set_bool(true);
          break;
        case kVFloat:
          k[i].set_float(number());
          break;
        case kVInt:
          k[i].set_int(integer());
          break;
        case type_and_variant(kVShortStr):
        case type_and_variant(kVLongStr): {
          String* s = string_or_null();
          if (s == nullptr) error("bad format for constant string");
          k[i].set_object(s);
          break;
        }
        default:
          error("bad format for constant");
      }
    }
  }

  void upvalues(Proto* f) {
    int n = count(3);
    if (n > kMaxArgA) error("too many upvalues");  // closures count them in a byte
    UpvalDesc* uv = new_vector<UpvalDesc>(n);
    for (int i = 0; i < n; i++) {
      uv[i].name = nullptr;
      uv[i].instack = byte();
      uv[i].idx = byte();
      uv[i].kind = byte();
    }
    f->upvalues = uv;
    f->sizeupvalues = n;
  }

  void protos(Proto* f, int depth) {
    int n = count(1);
    Proto** p = new_vector<Proto*>(n);
    for (int i = 0; i < n; i++) p[i] = nullptr;
    f->p = p;
    f->sizep = n;
    for (int i = 0; i < n; i++) {
      p[i] = new_proto(L_);
      barrier_object(L_, f, p[i]);
      function(p[i], f->source, f, depth + 1);
    }
  }

  // Lua's relative line information becomes tycho's absolute line per instruction, decoded as
  // luaG_getfuncline does: from the nearest absolute entry at or before pc, plus the deltas.
  void lines(Proto* f) {
    int n = count(1);
    if (n != 0 && n != f->sizecode) error("invalid line information");
    std::vector<int8_t> rel(static_cast<size_t>(n));
    block(rel.data(), rel.size());
    int nabs = count(2);
    if (n == 0 && nabs != 0) error("invalid line information");
    std::vector<std::pair<int, int>> abs(static_cast<size_t>(nabs));
    for (auto& [pc, line] : abs) {
      pc = int_value();
      line = int_value();
    }
    for (size_t i = 0; i < abs.size(); i++) {
      if (abs[i].first >= n || (i > 0 && abs[i].first <= abs[i - 1].first)) {
        error("invalid line information");
      }
    }
    if (n == 0) return;
    auto* lineinfo = new_vector<int32_t>(n);
    uint32_t line = static_cast<uint32_t>(f->linedefined);  // wraps rather than overflows
    size_t next_abs = 0;
    for (int pc = 0; pc < n; pc++) {
      if (next_abs < abs.size() && abs[next_abs].first == pc) {
        line = static_cast<uint32_t>(abs[next_abs++].second);
      } else {
        line += static_cast<uint32_t>(static_cast<int32_t>(rel[static_cast<size_t>(pc)]));
      }
      // No compiler makes a negative line (nor one past INT_MAX, which wraps to one here), and
      // the dump could not write it back: lua's format holds absolute lines as unsigned
      // varints. (lua5.4 keeps the raw bytes and dumps them as they came; found by fuzzing.)
      if (static_cast<int32_t>(line) < 0) error("invalid line information");
      lineinfo[pc] = static_cast<int32_t>(line);
    }
    f->lineinfo = lineinfo;
  }

  void debug(Proto* f) {
    lines(f);
    int n = count(3);
    LocVar* locvars = new_vector<LocVar>(n);
    for (int i = 0; i < n; i++) locvars[i].varname = nullptr;
    f->locvars = locvars;
    f->sizelocvars = n;
    for (int i = 0; i < n; i++) {
      locvars[i].varname = string_or_null();
      if (locvars[i].varname == nullptr) error("bad format for local name");
      locvars[i].startpc = int_value();
      locvars[i].endpc = int_value();
    }
    n = count(1);
    if (n > f->sizeupvalues) error("invalid upvalue names");
    for (int i = 0; i < n; i++) f->upvalues[i].name = string_or_null();
  }

  Thread* L_;
  const uint8_t* p_;
  const uint8_t* end_;
  const char* name_;
};

}  // namespace

Proto* undump(Thread* L, std::string_view chunk, const char* chunkname) {
  const char* name = chunkname;
  if (*name == '@' || *name == '=') {
    name++;
  } else if (*name == kSignature[0]) {
    name = "binary string";
  }
  AnchorGuard guard(L);
  Loader loader(L, chunk.substr(1), name);  // the signature's ESC is already known
  loader.header();
  int nupvalues = loader.byte();
  Proto* f = new_proto(L);
  L->g->anchors.push_back(f);
  loader.function(f, nullptr, nullptr, 0);
  if (f->sizeupvalues != nupvalues) loader.error("invalid upvalue count");
  return f;
}

}  // namespace tycho::vm
