// Writing binary chunks (Lua 5.4.4's ldump.c, over tycho's Proto). See vm/dump.hpp for the
// format.
#include "vm/dump.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace tycho::vm {

namespace {

class Dumper {
 public:
  Dumper(Thread* L, Writer writer, void* ud, bool strip)
      : L_(L), writer_(writer), ud_(ud), strip_(strip) {}

  int status() const { return status_; }

  void header() {
    block(kSignature, sizeof(kSignature) - 1);
    byte(kVersion);
    byte(kFormat);
    block(kData, sizeof(kData) - 1);
    byte(sizeof(Instruction));
    byte(sizeof(int64_t));
    byte(sizeof(double));
    integer(kCheckInt);
    number(kCheckNum);
  }

  void function(const Proto* f, const String* psource) {
    if (strip_ || f->source == psource) {
      string(nullptr);  // no debug information, or the same source as the parent
    } else {
      string(f->source);
    }
    varint(static_cast<size_t>(f->linedefined));
    varint(static_cast<size_t>(f->lastlinedefined));
    byte(f->numparams);
    byte(f->is_vararg);
    byte(f->maxstacksize);
    varint(static_cast<size_t>(f->sizecode));
    block(f->code, sizeof(Instruction) * static_cast<size_t>(f->sizecode));
    constants(f);
    varint(static_cast<size_t>(f->sizeupvalues));
    for (int i = 0; i < f->sizeupvalues; i++) {
      byte(f->upvalues[i].instack);
      byte(f->upvalues[i].idx);
      byte(f->upvalues[i].kind);
    }
    varint(static_cast<size_t>(f->sizep));
    for (int i = 0; i < f->sizep; i++) function(f->p[i], f->source);
    debug(f);
  }

  void byte(int b) {
    auto x = static_cast<uint8_t>(b);
    block(&x, 1);
  }

 private:
  void block(const void* p, size_t size) {
    if (status_ == 0 && size > 0) status_ = writer_(L_, p, size, ud_);
  }

  // Most significant 7-bit group first; the last byte carries the high bit (ldump's dumpSize).
  void varint(size_t x) {
    constexpr size_t kMaxBytes = sizeof(size_t) * 8 / 7 + 1;
    uint8_t buff[kMaxBytes];
    size_t n = 0;
    do {
      buff[kMaxBytes - (++n)] = static_cast<uint8_t>(x & 0x7f);
      x >>= 7;
    } while (x != 0);
    buff[kMaxBytes - 1] |= 0x80;
    block(buff + kMaxBytes - n, n);
  }

  void integer(int64_t x) { block(&x, sizeof(x)); }
  void number(double x) { block(&x, sizeof(x)); }

  void string(const String* s) {
    if (s == nullptr) {
      varint(0);
    } else {
      varint(s->len + 1);
      block(s->data(), s->len);
    }
  }

  void constants(const Proto* f) {
    varint(static_cast<size_t>(f->sizek));
    for (int i = 0; i < f->sizek; i++) {
      const Value& v = f->k[i];
      uint8_t tag = type_and_variant(v.tt);  // Lua's variant tags: the same numbers
      byte(tag);
      switch (v.tt) {
        case kVFloat:
          number(v.as_float());
          break;
        case kVInt:
          integer(v.as_int());
          break;
        case kVShortStr:
        case kVLongStr:
          string(v.as_string());
          break;
        default:
          break;  // nil, false, true: the tag says it all
      }
    }
  }

  // Lua's compressed line information, rebuilt from tycho's absolute lines the way lcode.c's
  // savelineinfo builds it while compiling: a delta per instruction, and an absolute entry when
  // the delta does not fit a signed byte or every kMaxInstWithoutAbs instructions.
  void lines(const Proto* f) {
    if (strip_ || f->lineinfo == nullptr) {
      varint(0);  // lineinfo
      varint(0);  // abslineinfo
      return;
    }
    std::vector<int8_t> rel(static_cast<size_t>(f->sizecode));
    std::vector<std::pair<int, int>> abs;
    int previous = f->linedefined;
    int without_abs = 0;
    for (int pc = 0; pc < f->sizecode; pc++) {
      int line = f->lineinfo[pc];
      int64_t diff = int64_t{line} - previous;
      if (std::llabs(diff) >= kLimLineDiff || without_abs++ >= kMaxInstWithoutAbs) {
        abs.emplace_back(pc, line);
        diff = kAbsLineInfo;
        without_abs = 1;
      }
      rel[static_cast<size_t>(pc)] = static_cast<int8_t>(diff);
      previous = line;
    }
    varint(rel.size());
    block(rel.data(), rel.size());
    varint(abs.size());
    for (auto [pc, line] : abs) {
      varint(static_cast<size_t>(pc));
      varint(static_cast<size_t>(line));
    }
  }

  void debug(const Proto* f) {
    lines(f);
    int n = strip_ ? 0 : f->sizelocvars;
    varint(static_cast<size_t>(n));
    for (int i = 0; i < n; i++) {
      string(f->locvars[i].varname);
      varint(static_cast<size_t>(f->locvars[i].startpc));
      varint(static_cast<size_t>(f->locvars[i].endpc));
    }
    n = strip_ ? 0 : f->sizeupvalues;
    varint(static_cast<size_t>(n));
    for (int i = 0; i < n; i++) string(f->upvalues[i].name);
  }

  Thread* L_;
  Writer writer_;
  void* ud_;
  bool strip_;
  int status_ = 0;
};

}  // namespace

int dump(Thread* L, const Proto* f, Writer writer, void* ud, bool strip) {
  Dumper d(L, writer, ud, strip);
  d.header();
  d.byte(f->sizeupvalues);
  d.function(f, nullptr);
  return d.status();
}

}  // namespace tycho::vm
