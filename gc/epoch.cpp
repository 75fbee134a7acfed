// Epoch-based reclamation (the scheme and its bound: epoch.hpp).
#include "gc/epoch.hpp"

#include <atomic>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace tycho::gc::epoch {

namespace detail {
thread_local Reader* t_reader = nullptr;
std::atomic<uint64_t> g_epoch{1};
bool g_asymmetric = false;
}  // namespace detail

namespace {

// One per thread that ever touched the store; reused after the thread ends. The list only
// grows (records are never freed), so advancers walk it without a lock.
struct Record {
  // 0 outside a read section; (e << 1) | 1 inside one entered at epoch e.
  std::atomic<uint64_t> state{0};
  std::atomic<size_t> pending_bytes{0};  // a copy of the owner's count, for stats()
  std::atomic<size_t> pending_objects{0};
  std::atomic<bool> in_use{false};
  Record* next = nullptr;  // written before the record is published
};

struct Garbage {
  void* p;
  FreeFn free_fn;
  size_t bytes;
  uint64_t epoch;  // the global epoch when it was retired
};

// Retired memory in retirement order (so in epoch order): freed from `head`.
struct Bag {
  std::vector<Garbage> items;
  size_t head = 0;
  size_t bytes = 0;
  bool empty() const { return head == items.size(); }
  size_t count() const { return items.size() - head; }
  void push(const Garbage& g) {
    items.push_back(g);
    bytes += g.bytes;
  }
  // Free what is ready at global epoch `now`; returns the bytes freed.
  size_t free_ready(uint64_t now) {
    size_t freed = 0;
    // A free function may retire more (an object that held others): into the thread's own
    // bag, maybe this one, so copy each entry out before the call.
    while (head < items.size() && items[head].epoch + 2 <= now) {
      Garbage g = items[head++];
      bytes -= g.bytes;
      g.free_fn(g.p, g.bytes);
      freed += g.bytes;
    }
    if (head == items.size()) {
      items.clear();
      head = 0;
    } else if (head > 1024 && head * 2 > items.size()) {
      items.erase(items.begin(), items.begin() + static_cast<ptrdiff_t>(head));
      head = 0;
    }
    return freed;
  }
};

struct Local {
  detail::Reader reader;  // what enter() and leave() touch
  Record* record = nullptr;
  bool collecting = false;  // inside collect_local (free functions that retire do not recurse)
  Bag bag;
};

using detail::g_epoch;

struct Domain {
  std::atomic<Record*> records{nullptr};
  std::atomic<size_t> freed_bytes{0};
  std::atomic<size_t> advances{0};
  std::once_flag barrier_once;  // sets detail::g_asymmetric, before the first record is published
  // Bags of threads that ended, freed by whoever collects next.
  std::mutex orphans_mutex;
  Bag orphans;
  std::atomic<size_t> orphan_bytes{0};
  std::atomic<size_t> orphan_objects{0};
};

// Never destroyed: threads may still end (and hand their bags over) while the process exits.
alignas(Domain) unsigned char g_domain_storage[sizeof(Domain)];
Domain& g_domain = *new (g_domain_storage) Domain;

thread_local Local* t_local = nullptr;  // trivial, so that reading it costs no TLS guard

void detect_barrier() {
#if defined(__linux__) && !defined(TYCHO_TSAN)
  detail::g_asymmetric =
      syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
#endif
}

// The advancer's side: a full fence on every thread of the process that is running now.
void heavy_fence() {
#ifdef TYCHO_TSAN
  return;  // the exchanges in enter() and the acquire loads in try_advance() order it
#endif
#if defined(__linux__)
  if (detail::g_asymmetric) {
    if (syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) == 0) return;
  }
#endif
  std::atomic_thread_fence(std::memory_order_seq_cst);
}

void hand_over(Local* l);

// Owns the thread's Local and gives its garbage and record back when the thread ends.
struct LocalOwner {
  Local local;
  ~LocalOwner() {
    hand_over(&local);
    t_local = nullptr;
    detail::t_reader = nullptr;
  }
};
thread_local LocalOwner t_owner;

Local* register_thread() {
  std::call_once(g_domain.barrier_once, detect_barrier);
  Local* l = &t_owner.local;
  Record* r = nullptr;
  for (Record* it = g_domain.records.load(std::memory_order_acquire); it; it = it->next) {
    bool expected = false;
    if (!it->in_use.load(std::memory_order_relaxed) &&
        it->in_use.compare_exchange_strong(expected, true)) {
      r = it;
      break;
    }
  }
  if (r == nullptr) {
    r = new Record;
    r->in_use.store(true, std::memory_order_relaxed);
    Record* head = g_domain.records.load(std::memory_order_relaxed);
    do {
      r->next = head;
    } while (!g_domain.records.compare_exchange_weak(head, r, std::memory_order_release,
                                                     std::memory_order_relaxed));
  }
  l->record = r;
  l->reader.state = &r->state;
  t_local = l;
  detail::t_reader = &l->reader;
  return l;
}

inline Local* local() {
  Local* l = t_local;
  if (l == nullptr) [[unlikely]]
    l = register_thread();
  return l;
}

void publish_counts(Local* l) {
  l->record->pending_bytes.store(l->bag.bytes, std::memory_order_relaxed);
  l->record->pending_objects.store(l->bag.count(), std::memory_order_relaxed);
}

// Move the epoch from e to e + 1 if every open read section entered at e. True when the epoch
// is past e afterwards (whoever moved it).
bool try_advance() {
  uint64_t e = g_epoch.load(std::memory_order_relaxed);
  heavy_fence();
  for (Record* r = g_domain.records.load(std::memory_order_acquire); r; r = r->next) {
    // Acquire: what a section did before it closed (or before this one opened) happens
    // before the memory it may have read is freed.
    uint64_t s = r->state.load(std::memory_order_acquire);
    if ((s & 1) && (s >> 1) != e) return false;
  }
  if (g_epoch.compare_exchange_strong(e, e + 1)) {
    g_domain.advances.fetch_add(1, std::memory_order_relaxed);
  }
  return true;
}

// Free what is ready in `bag`, advancing the epoch up to twice to make the oldest ready.
size_t collect_bag(Bag& bag) {
  if (bag.empty()) return 0;  // nothing waits: no advance
  uint64_t oldest = bag.items[bag.head].epoch;
  for (int i = 0; i < 2 && g_epoch.load() < oldest + 2; i++) {
    if (!try_advance()) break;
  }
  return bag.free_ready(g_epoch.load());
}

size_t collect_orphans() {
  if (g_domain.orphan_objects.load(std::memory_order_relaxed) == 0) return 0;
  std::unique_lock lock(g_domain.orphans_mutex, std::try_to_lock);
  if (!lock.owns_lock()) return 0;
  size_t freed = collect_bag(g_domain.orphans);
  g_domain.orphan_bytes.store(g_domain.orphans.bytes, std::memory_order_relaxed);
  g_domain.orphan_objects.store(g_domain.orphans.count(), std::memory_order_relaxed);
  return freed;
}

size_t collect_local(Local* l) {
  if (l->collecting) return 0;
  l->collecting = true;
  size_t freed = collect_bag(l->bag);
  freed += collect_orphans();
  l->collecting = false;
  publish_counts(l);
  if (freed != 0) g_domain.freed_bytes.fetch_add(freed, std::memory_order_relaxed);
  return freed;
}

// After a retire, outside any read section: collect, and hold the bound.
[[gnu::noinline]] void collect_and_bound(Local* l) {
  collect_local(l);
  while (l->bag.bytes > kMaxPendingBytes && !l->collecting) {
    std::this_thread::yield();  // the read sections that hold the epoch back are short
    collect_local(l);
  }
}

void hand_over(Local* l) {
  if (l->record == nullptr) return;
  // The thread's counts go to zero before the orphans' grow: stats() summing both meanwhile
  // may count the bag nowhere for a moment, never twice. (Counted twice, two writers' bags and
  // an ended one's read as 548800 bytes against the bound's 524416: the test failed under
  // ThreadSanitizer, though no more memory was pending than the bound.)
  Bag bag = std::move(l->bag);
  l->bag = Bag{};
  publish_counts(l);
  if (!bag.empty()) {
    std::lock_guard lock(g_domain.orphans_mutex);
    for (size_t i = bag.head; i < bag.items.size(); i++) g_domain.orphans.push(bag.items[i]);
    g_domain.orphan_bytes.store(g_domain.orphans.bytes, std::memory_order_relaxed);
    g_domain.orphan_objects.store(g_domain.orphans.count(), std::memory_order_relaxed);
  }
  l->record->state.store(0, std::memory_order_release);
  l->record->in_use.store(false, std::memory_order_release);
  l->record = nullptr;
}

}  // namespace

namespace detail {

Reader* register_reader() { return &register_thread()->reader; }

void after_section() {
  Local* l = t_local;
  l->reader.collect_due = false;
  collect_and_bound(l);
}

}  // namespace detail

void retire(void* p, size_t bytes, FreeFn free_fn) {
  Local* l = local();
  // Orders the unlinking of p before reading the epoch it is stamped with.
#ifdef TYCHO_TSAN
  uint64_t e = g_epoch.fetch_add(0, std::memory_order_seq_cst);
#else
  std::atomic_thread_fence(std::memory_order_seq_cst);
  uint64_t e = g_epoch.load(std::memory_order_relaxed);
#endif
  l->bag.push({p, free_fn, bytes, e});
  publish_counts(l);
  if (l->bag.bytes >= kCollectBytes) {
    if (l->reader.state->load(std::memory_order_relaxed) == 0) {  // not inside a section
      collect_and_bound(l);
    } else {
      l->reader.collect_due = true;  // when the section closes (leave)
    }
  }
}

size_t collect() {
  Local* l = local();
  return collect_local(l);
}

void synchronize() {
  Local* l = local();
  for (;;) {
    collect_local(l);
    bool orphans_left = g_domain.orphan_objects.load(std::memory_order_relaxed) != 0;
    if (l->bag.empty() && !orphans_left) return;
    std::this_thread::yield();
  }
}

Stats stats() {
  Stats s;
  s.epoch = g_epoch.load(std::memory_order_relaxed);
  for (Record* r = g_domain.records.load(std::memory_order_acquire); r; r = r->next) {
    s.pending_bytes += r->pending_bytes.load(std::memory_order_relaxed);
    s.pending_objects += r->pending_objects.load(std::memory_order_relaxed);
  }
  s.pending_bytes += g_domain.orphan_bytes.load(std::memory_order_relaxed);
  s.pending_objects += g_domain.orphan_objects.load(std::memory_order_relaxed);
  s.freed_bytes = g_domain.freed_bytes.load(std::memory_order_relaxed);
  s.advances = g_domain.advances.load(std::memory_order_relaxed);
  s.asymmetric = detail::g_asymmetric;
  return s;
}

}  // namespace tycho::gc::epoch
