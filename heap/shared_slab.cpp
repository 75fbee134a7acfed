// The shared store's sharded slab (the design: shared_slab.hpp).
#include "heap/shared_slab.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

#include "heap/poison.hpp"

namespace tycho::heap::shared {

namespace {

constexpr size_t kPageSize = 64 * 1024;
constexpr size_t kCellHeader = 8;  // the generation, then the class (kLarge for malloc's)
constexpr uint32_t kLarge = 0xffffffff;

// Cell sizes, header included: 16-byte steps to 128, then four steps per doubling.
constexpr uint32_t kClassSizes[] = {16,  32,  48,  64,  80,  96,  112, 128, 160, 192,
                                    224, 256, 320, 384, 448, 512, 640, 768, 896, 1024};
constexpr int kNumClasses = sizeof(kClassSizes) / sizeof(kClassSizes[0]);
static_assert(kClassSizes[kNumClasses - 1] == kMaxSlabSize + kCellHeader);

// The class of each cell size in 16-byte granules (index (size + 15) / 16).
struct ClassTable {
  uint8_t of_granules[kMaxSlabSize / 16 + 2] = {};
  constexpr ClassTable() {
    int c = 0;
    for (size_t g = 0; g < sizeof(of_granules); g++) {
      while (c < kNumClasses - 1 && kClassSizes[c] < g * 16) c++;
      of_granules[g] = static_cast<uint8_t>(c);
    }
  }
};
constexpr ClassTable kClassTable;

inline int class_of(size_t size) { return kClassTable.of_granules[(size + kCellHeader + 15) / 16]; }

struct Cell {
  std::atomic<uint32_t> generation;
  uint32_t cls;
  void* payload() { return reinterpret_cast<char*>(this) + kCellHeader; }
  // A free cell's link, in its payload.
  Cell*& next() { return *reinterpret_cast<Cell**>(payload()); }
};
static_assert(sizeof(Cell) == kCellHeader);

struct Shard;

struct alignas(64) Page {
  Shard* owner;
  Page* next;  // the owner's pages of this class
  uint32_t cell_size;
  uint32_t ncells;
  uint32_t bump;                               // cells [bump, ncells) were never handed out
  Cell* local_free;                            // the owner's free list: no atomics
  alignas(64) std::atomic<Cell*> remote_free;  // frees from other threads (a Treiber stack)
  Cell* cell(uint32_t i) {
    return reinterpret_cast<Cell*>(reinterpret_cast<char*>(this) + sizeof(Page) +
                                   static_cast<size_t>(i) * cell_size);
  }
};

struct ClassPages {
  Page* current = nullptr;
  Page* pages = nullptr;
};

struct Shard {
  ClassPages classes[kNumClasses];
  std::atomic<bool> in_use{false};
  Shard* next = nullptr;  // all shards (never freed)
};

std::atomic<Shard*> g_shards{nullptr};
std::atomic<size_t> g_pages{0};
std::atomic<size_t> g_large_bytes{0};
std::atomic<size_t> g_nshards{0};

thread_local Shard* t_shard = nullptr;

Shard* adopt_shard();

struct ShardOwner {
  Shard* shard = nullptr;
  ~ShardOwner() {
    if (shard != nullptr) shard->in_use.store(false, std::memory_order_release);
    t_shard = nullptr;
  }
};
thread_local ShardOwner t_shard_owner;

Shard* adopt_shard() {
  Shard* s = nullptr;
  for (Shard* it = g_shards.load(std::memory_order_acquire); it; it = it->next) {
    bool expected = false;
    if (!it->in_use.load(std::memory_order_relaxed) &&
        it->in_use.compare_exchange_strong(expected, true, std::memory_order_acquire)) {
      s = it;
      break;
    }
  }
  if (s == nullptr) {
    s = new (std::nothrow) Shard;
    if (s == nullptr) return nullptr;
    s->in_use.store(true, std::memory_order_relaxed);
    Shard* head = g_shards.load(std::memory_order_relaxed);
    do {
      s->next = head;
    } while (!g_shards.compare_exchange_weak(head, s, std::memory_order_release,
                                             std::memory_order_relaxed));
    g_nshards.fetch_add(1, std::memory_order_relaxed);
  }
  t_shard_owner.shard = s;
  t_shard = s;
  return s;
}

inline Shard* my_shard() {
  Shard* s = t_shard;
  if (s == nullptr) [[unlikely]]
    s = adopt_shard();
  return s;
}

// Move the page's remote frees to its local list; true if there were any.
bool drain_remote(Page* page) {
  if (page->remote_free.load(std::memory_order_relaxed) == nullptr) return false;
  Cell* list = page->remote_free.exchange(nullptr, std::memory_order_acquire);
  if (list == nullptr) return false;
  Cell* tail = list;
  while (tail->next() != nullptr) tail = tail->next();
  tail->next() = page->local_free;
  page->local_free = list;
  return true;
}

bool has_room(Page* page) {
  return page->local_free != nullptr || page->bump < page->ncells || drain_remote(page);
}

Page* new_page(Shard* s, int cls) {
  void* mem = std::aligned_alloc(kPageSize, kPageSize);
  if (mem == nullptr) return nullptr;
  auto* page = new (mem) Page;
  page->owner = s;
  page->cell_size = kClassSizes[cls];
  page->ncells = static_cast<uint32_t>((kPageSize - sizeof(Page)) / page->cell_size);
  page->bump = 0;
  page->local_free = nullptr;
  page->remote_free.store(nullptr, std::memory_order_relaxed);
  poison(page->cell(0), static_cast<size_t>(page->ncells) * page->cell_size);
  ClassPages& cp = s->classes[cls];
  page->next = cp.pages;
  cp.pages = page;
  g_pages.fetch_add(1, std::memory_order_relaxed);
  return page;
}

// The local list of the current page is empty: find a page with room, or make one.
[[gnu::noinline]] Cell* allocate_slow(Shard* s, int cls) {
  ClassPages& cp = s->classes[cls];
  Page* page = cp.current;
  if (page == nullptr || !has_room(page)) {
    page = nullptr;
    for (Page* p = cp.pages; p != nullptr; p = p->next) {
      if (has_room(p)) {
        page = p;
        break;
      }
    }
    if (page == nullptr) page = new_page(s, cls);
    if (page == nullptr) return nullptr;
    cp.current = page;
  }
  if (page->local_free == nullptr) {  // a never-used cell
    Cell* c = page->cell(page->bump++);
    unpoison(c, kCellHeader);
    c->generation.store(0, std::memory_order_relaxed);
    c->cls = static_cast<uint32_t>(cls);
    return c;
  }
  Cell* c = page->local_free;
  page->local_free = c->next();
  return c;
}

}  // namespace

void* allocate(size_t size) {
  if (size > kMaxSlabSize) {
    auto* c = static_cast<Cell*>(std::malloc(size + kCellHeader));
    if (c == nullptr) return nullptr;
    c->generation.store(0, std::memory_order_relaxed);
    c->cls = kLarge;
    g_large_bytes.fetch_add(size, std::memory_order_relaxed);
    return c->payload();
  }
  Shard* s = my_shard();
  if (s == nullptr) return nullptr;
  int cls = class_of(size);
  Page* page = s->classes[cls].current;
  Cell* c;
  if (page != nullptr && page->local_free != nullptr) [[likely]] {
    c = page->local_free;
    unpoison(c->payload(), sizeof(Cell*));
    page->local_free = c->next();
  } else {
    c = allocate_slow(s, cls);
    if (c == nullptr) return nullptr;
  }
  unpoison(c->payload(), kClassSizes[cls] - kCellHeader);
  return c->payload();
}

void free(void* p, size_t size) {
  if (p == nullptr) return;
  auto* c = reinterpret_cast<Cell*>(static_cast<char*>(p) - kCellHeader);
  if (size > kMaxSlabSize) {
    g_large_bytes.fetch_sub(size, std::memory_order_relaxed);
    std::free(c);
    return;
  }
  // Only the thread that frees a cell writes its generation; a handle reader pairs with this.
  c->generation.store(c->generation.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  auto* page = reinterpret_cast<Page*>(reinterpret_cast<uintptr_t>(c) & ~(kPageSize - 1));
  size_t payload = page->cell_size - kCellHeader;
  poison(static_cast<char*>(p) + sizeof(Cell*), payload - sizeof(Cell*));
  if (page->owner == t_shard) {
    c->next() = page->local_free;
    page->local_free = c;
    return;
  }
  Cell* head = page->remote_free.load(std::memory_order_relaxed);
  do {
    c->next() = head;
  } while (!page->remote_free.compare_exchange_weak(head, c, std::memory_order_release,
                                                    std::memory_order_relaxed));
}

Handle handle_of(void* p) {
  auto* c = reinterpret_cast<Cell*>(static_cast<char*>(p) - kCellHeader);
  return {p, c->generation.load(std::memory_order_relaxed)};
}

bool is_live(Handle h) {
  if (h.object == nullptr) return false;
  auto* c = reinterpret_cast<Cell*>(static_cast<char*>(h.object) - kCellHeader);
  return c->generation.load(std::memory_order_acquire) == h.generation;
}

Stats stats() {
  return {g_pages.load(std::memory_order_relaxed), g_large_bytes.load(std::memory_order_relaxed),
          g_nshards.load(std::memory_order_relaxed)};
}

}  // namespace tycho::heap::shared
