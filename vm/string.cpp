// Strings: the intern table, hashing, creation, comparison and message formatting.
//
// Layout. A string is one cell: the String header followed by its bytes and a NUL when that
// fits in heap::Heap::kMaxCellSize; otherwise the cell holds just the header and the bytes live
// in a payload that trace_string marks. Every short string fits inline.
//
// Interning. Short strings live in the VM's StringTable, a power-of-two array of chains linked
// through String::hnext. Creating a short string first looks it up, so equal short strings are
// one object. The table grows when it holds two strings per bucket (kLoad) and shrinks (in
// shrink_string_table, after a sweep removed the dead strings) below a quarter of a string per
// bucket. Lua grows its table at one string per bucket; here each link carries a summary of
// the rest of its chain (see "Chains" below), so a lookup of a string that is not there, the
// one that walks a whole chain, stops at the bucket in most cases, and chains twice as long
// cost less than Lua's: string_build's 300K strings take 2 MiB of buckets instead of 4, and
// the program is faster. The sweep removes each dead short string from its chain
// (remove_interned), so finding the dead costs nothing per live string.
// A resize is incremental and in place, as linear hashing splits buckets: growing from S to 2S
// buckets reallocates the array (a big one is remapped by the system, not copied) and splits
// bucket i into i and i + S a few buckets at each intern (kRehashStep), long before the next
// doubling is due; shrinking merges bucket i + S/2 into i the same way, then gives the upper
// half back. Meanwhile a string's chain is its bucket under the old size until that bucket is
// done (chain_of). Rehashing 131K strings at once was an 8 ms pause (stored_probe.lua lru), 60 ns
// a string; a second array next to the first, as Redis's dict rehash keeps, was a third more
// memory at the peak (string_build: 2 + 4 MiB of buckets for 300K strings).
// The bucket array is malloc'ed memory owned by the Global, not a heap payload: the collector
// resizes it in the middle of a cycle, where heap allocation is not allowed.
//
// Shared strings (string.hpp) are a second, read-only intern table of the process, looked up
// first; a VM never creates a string equal to one of them, so short strings still compare by
// pointer.
//
// Hashing. Every byte counts (unlike Lua 5.1's sampled hash, which made long strings with a
// common stride collide), seeded per process (time and address-space layout) so that hash
// flooding needs the seed. Long strings keep the seed in `aux` until string_hash computes and
// caches their hash (flags bit 0).
#include "vm/string.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "heap/immortal.hpp"
#include "vm/number.hpp"
#include "vm/tm.hpp"

namespace tycho::vm {

struct SharedStrings {
  uintptr_t* buckets;  // chains of links through String::hnext, as a StringTable's
  uint32_t mask;
  String* tmname[static_cast<int>(TM::N)];  // the metamethod names among them
};

namespace {

std::atomic<const SharedStrings*> published_strings{nullptr};

constexpr uint32_t kMinStrTabSize = 128;
constexpr uint32_t kLoad = 2;  // strings per bucket at which the table doubles
constexpr uint32_t kMaxStrTabSize = 1u << 30;
constexpr uint8_t kHashValid = 1;

// ---- Chains ----
// A link (a bucket, or a short string's hnext) is the address of the next string in the chain
// with, in its top 16 bits, a summary of the chain from that string on: for each string, bit
// (hash >> 28) set. A lookup goes on only while the summary of the rest of the chain has its
// own hash's bit, so most lookups of a string not in the table end at the bucket without
// reading a string (a string read is a cache miss in a big table); a null link's summary is 0.
// A link's summary may have bits of strings no longer in the rest of its chain (a removal
// deep in a long chain leaves them): that costs a read, never a wrong answer. The addresses of
// cells fit in 48 bits on the machines tycho runs on (asserted where a link is made).
using Link = uintptr_t;
constexpr int kSummaryShift = 48;
constexpr Link kAddressMask = (Link{1} << kSummaryShift) - 1;
static_assert(sizeof(Link) == 8, "links keep a summary in the top 16 bits of an address");

String* node(Link l) { return reinterpret_cast<String*>(l & kAddressMask); }
uint32_t summary(Link l) { return static_cast<uint32_t>(l >> kSummaryShift); }
uint32_t summary_bit(uint32_t h) { return 1u << (h >> 28); }
Link link_to(String* s, uint32_t rest) {
  assert((reinterpret_cast<Link>(s) & ~kAddressMask) == 0);
  return reinterpret_cast<Link>(s) | Link{rest} << kSummaryShift;
}
// Put s at the head of the chain *list.
void push_front(Link* list, String* s) {
  s->hnext = *list;
  *list = link_to(s, summary_bit(s->hash()) | summary(*list));
}

uint64_t read64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
uint64_t read32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// a[0, len) == b[0, len): short strings (most interned ones) by overlapping word compares
// instead of a call to memcmp.
bool same_bytes(const char* a, const char* b, size_t len) {
  if (len >= 8) {
    if (len > 16) return std::memcmp(a, b, len) == 0;
    return ((read64(a) ^ read64(b)) | (read64(a + len - 8) ^ read64(b + len - 8))) == 0;
  }
  if (len >= 4) return ((read32(a) ^ read32(b)) | (read32(a + len - 4) ^ read32(b + len - 4))) == 0;
  for (size_t i = 0; i < len; i++) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// 64x64->128 multiply folded to 64 bits: the mixing step of wyhash.
uint64_t mum(uint64_t a, uint64_t b) {
  __extension__ using U128 = unsigned __int128;
  U128 r = static_cast<U128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

// A wyhash-style hash of all `len` bytes.
uint32_t hash_bytes(const char* s, size_t len, uint64_t seed) {
  constexpr uint64_t k0 = 0xa0761d6478bd642full;
  constexpr uint64_t k1 = 0xe7037ed1a0b428dbull;
  constexpr uint64_t k2 = 0x8ebc6af09c88c6e3ull;
  uint64_t h = seed ^ k0;
  const char* p = s;
  size_t n = len;
  while (n > 16) {
    h = mum(read64(p) ^ k1, read64(p + 8) ^ h);
    p += 16;
    n -= 16;
  }
  uint64_t a = 0, b = 0;
  if (n >= 8) {  // 8..16 bytes: two overlapping words
    a = read64(p);
    b = read64(p + n - 8);
  } else if (n >= 4) {
    a = read32(p);
    b = read32(p + n - 4);
  } else if (n > 0) {
    auto byte = [p](size_t i) { return static_cast<uint64_t>(static_cast<unsigned char>(p[i])); };
    a = (byte(0) << 16) | (byte(n >> 1) << 8) | byte(n - 1);
  }
  h = mum(a ^ k1, b ^ h ^ k2);
  h = mum(h ^ k1, static_cast<uint64_t>(len) ^ k0);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

// Buckets split or merged per string looked up while a resize is under way: a doubling from N
// to 2N buckets is done after N/8 lookups, long before the next is due (N more strings).
constexpr uint32_t kRehashStep = 8;

// Split or merge up to n more buckets of the resize under way; end it when all are done.
void rehash_some(StringTable& tb, uint32_t n) {
  if (!tb.resizing()) return;
  if (tb.from < tb.size) {  // growing: bucket i's strings go to i or i + from
    for (; n > 0 && tb.done < tb.from; n--) {
      Link l = tb.hash[tb.done];
      tb.hash[tb.done++] = 0;
      while (l != 0) {
        String* s = node(l);
        l = s->hnext;
        push_front(&tb.hash[s->hash() & (tb.size - 1)], s);
      }
    }
    if (tb.done == tb.from) tb.from = tb.done = 0;
    return;
  }
  for (; n > 0 && tb.done < tb.size; n--) {  // shrinking: bucket i + size joins bucket i
    Link* upper = &tb.hash[tb.size + tb.done];
    Link* lower = &tb.hash[tb.done++];
    if (*upper == 0) continue;
    // The lower chain goes after the upper one, whose links summarize it too.
    const Link more = Link{summary(*lower)} << kSummaryShift;
    Link* p = upper;
    for (;;) {
      *p |= more;
      String* s = node(*p);
      if (s->hnext == 0) {
        s->hnext = *lower;
        break;
      }
      p = &s->hnext;
    }
    *lower = *upper;
    *upper = 0;
  }
  if (tb.done == tb.size) {
    tb.from = tb.done = 0;
    // The upper half is empty: give it back (a failure keeps the bigger block, as good).
    if (auto* smaller = static_cast<Link*>(std::realloc(tb.hash, tb.size * sizeof(Link)))) {
      tb.hash = smaller;
    }
  }
}

// The chain that holds (or would hold) a string of hash h: its bucket under the old size while
// that bucket is not done yet.
Link* chain_of(StringTable& tb, uint32_t h) {
  if (tb.resizing()) [[unlikely]] {
    const uint32_t b = h & (tb.from - 1);
    if (tb.from < tb.size ? b >= tb.done : b >= tb.size && b - tb.size >= tb.done) {
      return &tb.hash[b];
    }
  }
  return &tb.hash[h & (tb.size - 1)];
}

// Begin resizing the intern table to `newsize` buckets, in place (a resize under way is
// finished first); on allocation failure keep the array as it is (chains just get longer),
// which is what both growing and shrinking can live with.
bool resize_string_table(StringTable& tb, uint32_t newsize) {
  rehash_some(tb, UINT32_MAX);
  if (tb.hash == nullptr) {
    tb.hash = static_cast<Link*>(std::calloc(newsize, sizeof(Link)));
    if (tb.hash == nullptr) return false;
    tb.size = newsize;
    return true;
  }
  if (newsize > tb.size) {
    auto* bigger = static_cast<Link*>(std::realloc(tb.hash, newsize * sizeof(Link)));
    if (bigger == nullptr) return false;
    std::memset(bigger + tb.size, 0, (newsize - tb.size) * sizeof(Link));
    tb.hash = bigger;
  }
  tb.from = tb.size;
  tb.done = 0;
  tb.size = newsize;
  rehash_some(tb, kRehashStep);
  return true;
}

// Allocate a string object with room for `len` bytes; the caller fills them and the hash.
String* create_string(Thread* L, uint8_t tag, size_t len) {
  if (len >= SIZE_MAX / 2) run_error(L, "memory allocation error: block too big");
  size_t cell = string_cell_size(len);
  String* s;
  if (cell > sizeof(String)) {
    s = new_object<String>(L, tag, cell);
    if (tag == kVShortStr) {
      s->hnext = 0;
    } else {
      s->ptr = reinterpret_cast<char*>(s + 1);
    }
  } else {
    // Bytes first: if the cell allocation fails, the payload is garbage the arena reclaims.
    auto* bytes = static_cast<char*>(alloc_payload(L, len + 1));
    s = new_object<String>(L, tag, sizeof(String));
    s->ptr = bytes;  // only long strings are this big
  }
  s->len = len;
  s->data()[len] = '\0';
  return s;
}

String* intern(Thread* L, const char* str, size_t len) {
  Global* g = G(L);
  StringTable& tb = g->strt;
  if (tb.hash == nullptr) init_string_table(L);
  uint32_t h = hash_bytes(str, len, g->seed);
  if (tb.resizing()) [[unlikely]]
    rehash_some(tb, kRehashStep);
  // A string is in one of the two tables, never both: the VM's own is looked at first, as
  // most strings a program makes again are its own.
  const uint32_t bit = summary_bit(h);
  for (Link l = *chain_of(tb, h); summary(l) & bit; l = node(l)->hnext) {
    String* s = node(l);
    if (s->aux == h && s->len == len && same_bytes(str, s->data(), len)) {
      // While marking runs, a string handed out again is marked: it may be stored where no
      // barrier looks (a prototype's constants). While the sweep is lazy, it may be dead and
      // not swept yet: it is revived.
      if (g->gc.phase() != gc::Phase::kIdle) [[unlikely]] {
        if (g->gc.marking()) {
          g->gc.mark(s);
        } else {
          g->gc.keep_found(s);
        }
      }
      return s;
    }
  }
  if (const SharedStrings* shared = g->shared_strings) {
    for (Link l = shared->buckets[h & shared->mask]; summary(l) & bit; l = node(l)->hnext) {
      String* s = node(l);
      if (s->aux == h && s->len == len && same_bytes(str, s->data(), len)) {
        return s;  // always marked
      }
    }
  }
  if (tb.nuse >= kLoad * tb.size && tb.size < kMaxStrTabSize) resize_string_table(tb, tb.size * 2);
  String* s = create_string(L, kVShortStr, len);
  std::memcpy(s->data(), str, len);
  s->aux = h;
  s->flags = kHashValid;
  push_front(chain_of(tb, h), s);
  tb.nuse++;
  return s;
}

}  // namespace

size_t string_cell_size(size_t len) {
  size_t inline_size = sizeof(String) + len + 1;
  return inline_size <= heap::Heap::kMaxCellSize ? inline_size : sizeof(String);
}

void trace_string(gc::Collector& c, String* s) {
  if (!s->inline_bytes()) c.mark_payload(s->ptr, s->len + 1);
}

String* new_string(Thread* L, const char* s, size_t len) {
  if (len <= kMaxShortLen) return intern(L, s, len);
  String* ts = new_long_string(L, len);
  std::memcpy(ts->data(), s, len);
  return ts;
}

String* new_string(Thread* L, std::string_view s) { return new_string(L, s.data(), s.size()); }

String* new_cstring(Thread* L, const char* s) { return new_string(L, s, std::strlen(s)); }

String* new_long_string(Thread* L, size_t len) {
  String* s = create_string(L, kVLongStr, len);
  s->aux = static_cast<uint32_t>(G(L)->seed);  // the seed, until string_hash replaces it
  s->flags = 0;
  return s;
}

uint32_t hash_bytes(std::string_view s) { return hash_bytes(s.data(), s.size(), process_seed()); }

uint32_t string_hash(String* s) {
  if (!(s->flags & kHashValid)) {
    s->aux = hash_bytes(s->data(), s->len, s->aux);
    s->flags |= kHashValid;
  }
  return s->aux;
}

bool long_strings_equal(const String* a, const String* b) {
  return a == b || (a->len == b->len && std::memcmp(a->data(), b->data(), a->len) == 0);
}

// strcoll stops at the first NUL, so compare zero-separated pieces one at a time.
int string_compare(const String* a, const String* b) {
  const char* l = a->data();
  size_t ll = a->len;
  const char* r = b->data();
  size_t lr = b->len;
  for (;;) {
    int temp = std::strcoll(l, r);
    if (temp != 0) return temp;
    size_t len = std::strlen(l);              // equal up to the first NUL
    if (len == lr) return len == ll ? 0 : 1;  // r is done: equal, or l is longer
    if (len == ll) return -1;                 // l is done and r is not
    len++;                                    // skip the NUL and go on
    l += len;
    ll -= len;
    r += len;
    lr -= len;
  }
}

uint64_t process_seed() {
  static const uint64_t seed = [] {
    // TYCHO_HASH_SEED fixes it, for measurements that must repeat (instruction counts): the
    // seed decides the collisions in every hash table.
    if (const char* fixed = std::getenv("TYCHO_HASH_SEED"); fixed != nullptr && *fixed != 0) {
      return static_cast<uint64_t>(std::strtoull(fixed, nullptr, 0));
    }
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    int local = 0;
    return static_cast<uint64_t>(now) ^ (reinterpret_cast<uintptr_t>(&local) << 16) ^
           reinterpret_cast<uintptr_t>(&published_strings);
  }();
  return seed;
}

const SharedStrings* shared_strings() { return published_strings.load(std::memory_order_acquire); }

bool share_interned_strings(Thread* L) {
  if (shared_strings() != nullptr) return false;
  StringTable& tb = G(L)->strt;
  rehash_some(tb, UINT32_MAX);  // every string in its bucket
  std::vector<const String*> from;
  for (uint32_t i = 0; i < tb.size; i++) {
    for (Link l = tb.hash[i]; l != 0; l = node(l)->hnext) from.push_back(node(l));
  }
  std::vector<size_t> sizes;
  for (const String* s : from) sizes.push_back(string_cell_size(s->len));
  std::vector<void*> cells(from.size());
  uint32_t nbuckets = 16;
  while (nbuckets < 2 * from.size()) nbuckets *= 2;
  auto* buckets = static_cast<Link*>(std::calloc(nbuckets, sizeof(Link)));
  if (buckets == nullptr) return false;
  if (!heap::allocate_immortal_cells(sizes.data(), sizes.size(), cells.data())) {
    std::free(buckets);
    return false;
  }
  for (size_t i = 0; i < from.size(); i++) {
    auto* s = static_cast<String*>(cells[i]);
    s->type = kVShortStr;
    s->flags = kHashValid;
    s->gc_bits = gc::kAged | gc::kOld;  // old, as far as a generational collector asks
    s->aux = from[i]->aux;   // the same seed: the same hash
    s->len = from[i]->len;
    std::memcpy(s->data(), from[i]->data(), s->len + 1);
    push_front(&buckets[s->hash() & (nbuckets - 1)], s);
  }
  auto* shared = new SharedStrings{buckets, nbuckets - 1, {}};
  auto find = [shared](const String* in_l) -> String* {
    for (Link l = shared->buckets[in_l->hash() & shared->mask]; l != 0; l = node(l)->hnext) {
      String* s = node(l);
      if (s->len == in_l->len && std::memcmp(s->data(), in_l->data(), s->len) == 0) return s;
    }
    return nullptr;
  };
  const Global* g = G(L);
  for (int i = 0; i < static_cast<int>(TM::N); i++) shared->tmname[i] = find(g->tmname[i]);
  published_strings.store(shared, std::memory_order_release);
  return true;
}

void init_string_table(Thread* L) {
  Global* g = G(L);
  if (g->strt.hash == nullptr) {
    g->strt.size = 0;
    g->strt.nuse = 0;
    if (!resize_string_table(g->strt, kMinStrTabSize)) raise_memory_error(L);
  }
  if (g->memerrmsg == nullptr) g->memerrmsg = new_cstring(L, "not enough memory");
}

bool shared_tm_names(Global* g) {
  const SharedStrings* shared = g->shared_strings;
  if (shared == nullptr) return false;
  for (String* s : shared->tmname) {
    if (s == nullptr) return false;
  }
  std::copy(std::begin(shared->tmname), std::end(shared->tmname), g->tmname);
  return true;
}

void free_string_table(Global* g) {
  g->strt.from = g->strt.done = 0;
  std::free(g->strt.hash);
  g->strt.hash = nullptr;
  g->strt.size = 0;
  g->strt.nuse = 0;
}

int64_t check_string_table(const StringTable& tb) {
  int64_t n = 0;
  for (uint32_t i = 0; i < std::max(tb.size, tb.from); i++) {
    // The chain's strings, then the summaries from the last link to the first.
    std::vector<const Link*> links;
    for (const Link* p = &tb.hash[i]; *p != 0; p = &node(*p)->hnext) links.push_back(p);
    uint32_t rest = 0;
    for (size_t k = links.size(); k-- > 0;) {
      rest |= summary_bit(node(*links[k])->hash());
      if ((summary(*links[k]) & rest) != rest) return -1;
    }
    n += static_cast<int64_t>(links.size());
  }
  return n;
}

void remove_interned(Global* g, String* s) {
  StringTable& tb = g->strt;
  if (tb.hash == nullptr) return;
  Link* p = chain_of(tb, s->hash());
  if (node(*p) == s) {  // the first of its chain (the usual case: chains are short)
    *p = s->hnext;
    tb.nuse--;
    return;
  }
  // Further down, the links before s lose its bit, from the last to the first, unless the rest
  // of the chain has the bit too (or there are too many: some keep it, which costs only a read
  // now and then).
  constexpr int kRewrite = 16;
  Link* before[kRewrite];
  int n = 0;
  for (; *p != 0; p = &node(*p)->hnext) {
    if (node(*p) == s) {
      *p = s->hnext;
      tb.nuse--;
      uint32_t rest = summary(*p);
      if (n > kRewrite || (rest & summary_bit(s->hash())) != 0) return;
      while (n > 0) {
        Link* q = before[--n];
        String* t = node(*q);
        rest |= summary_bit(t->hash());
        *q = link_to(t, rest);
      }
      return;
    }
    if (n < kRewrite) before[n] = p;
    n++;
  }
}

void shrink_string_table(Global* g) {
  StringTable& tb = g->strt;
  // An eighth of the load it grows at, not a quarter (Lua's checkSizes): a program that makes
  // more dead strings between two cycles than it keeps would shrink the table at every sweep
  // and grow it again before the next, a rehash of the whole table each time (a millisecond at
  // 64K buckets).
  if (tb.resizing()) {
    // One resize at a time (finishing this one at once could be the long pause it avoids);
    // a program that no longer makes strings still gets it done, here.
    rehash_some(tb, 1024);
  } else if (tb.nuse < kLoad * tb.size / 8 && tb.size > kMinStrTabSize) {
    resize_string_table(tb, tb.size / 2);
  }
}

const char* push_vfstring(Thread* L, const char* fmt, va_list args) {
  std::string buf;
  const char* e;
  while ((e = std::strchr(fmt, '%')) != nullptr) {
    buf.append(fmt, static_cast<size_t>(e - fmt));
    char tmp[kMaxNumber2Str > 32 ? kMaxNumber2Str : 32];
    switch (e[1]) {
      case 's': {
        const char* s = va_arg(args, const char*);
        buf.append(s != nullptr ? s : "(null)");
        break;
      }
      case 'c':
        buf.push_back(static_cast<char>(va_arg(args, int)));
        break;
      case 'd':
        buf.append(std::to_string(va_arg(args, int)));
        break;
      case 'I':
        buf.append(std::to_string(static_cast<long long>(va_arg(args, int64_t))));
        break;
      case 'f': {
        int n = number_to_buffer(Value::number(va_arg(args, double)), tmp);
        buf.append(tmp, static_cast<size_t>(n));
        break;
      }
      case 'p': {
        int n = std::snprintf(tmp, sizeof tmp, "%p", va_arg(args, void*));
        buf.append(tmp, static_cast<size_t>(n));
        break;
      }
      case 'U': {
        char u[kUtf8BufSize];
        int n = utf8_encode(u, static_cast<unsigned long>(va_arg(args, long)));
        buf.append(u + kUtf8BufSize - n, static_cast<size_t>(n));
        break;
      }
      case '%':
        buf.push_back('%');
        break;
      default:
        run_error(L, "invalid option '%%%c' to 'lua_pushfstring'", e[1]);
    }
    fmt = e + 2;
  }
  buf.append(fmt);
  ensure_stack(L, 1);
  String* s = new_string(L, buf.data(), buf.size());
  L->top->set_object(s);
  L->top++;
  return s->data();
}

const char* push_fstring(Thread* L, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  const char* s = push_vfstring(L, fmt, args);
  va_end(args);
  return s;
}

void chunk_id(char* out, const char* source, size_t srclen) {
  static constexpr char kDots[] = "...";
  static constexpr char kPre[] = "[string \"";
  static constexpr char kPost[] = "\"]";
  auto add = [&out](const char* s, size_t n) {
    std::memcpy(out, s, n);
    out += n;
  };
  size_t bufflen = kIdSize;  // free space in the buffer
  if (*source == '=') {      // literal: keep its start
    if (srclen <= bufflen) {
      std::memcpy(out, source + 1, srclen);  // includes the terminating NUL
    } else {
      add(source + 1, bufflen - 1);
      *out = '\0';
    }
  } else if (*source == '@') {  // file name: keep its end
    if (srclen <= bufflen) {
      std::memcpy(out, source + 1, srclen);
    } else {
      add(kDots, sizeof kDots - 1);
      bufflen -= sizeof kDots - 1;
      std::memcpy(out, source + 1 + srclen - bufflen, bufflen);
    }
  } else {  // source text: [string "first line..."]
    const char* nl = std::strchr(source, '\n');
    add(kPre, sizeof kPre - 1);
    bufflen -= (sizeof kPre - 1) + (sizeof kDots - 1) + (sizeof kPost - 1) + 1;
    if (srclen < bufflen && nl == nullptr) {
      add(source, srclen);
    } else {
      if (nl != nullptr) srclen = static_cast<size_t>(nl - source);
      if (srclen > bufflen) srclen = bufflen;
      add(source, srclen);
      add(kDots, sizeof kDots - 1);
    }
    std::memcpy(out, kPost, sizeof kPost);
  }
}

int utf8_encode(char* buff, unsigned long x) {
  int n = 1;  // bytes written, backwards from the end
  if (x < 0x80) {
    buff[kUtf8BufSize - 1] = static_cast<char>(x);
  } else {
    unsigned int mfb = 0x3f;  // the largest value that fits in the first byte
    do {
      buff[kUtf8BufSize - (n++)] = static_cast<char>(0x80 | (x & 0x3f));
      x >>= 6;
      mfb >>= 1;  // one bit less in the first byte for each continuation byte
    } while (x > mfb);
    buff[kUtf8BufSize - n] = static_cast<char>((~mfb << 1) | x);
  }
  return n;
}

}  // namespace tycho::vm
