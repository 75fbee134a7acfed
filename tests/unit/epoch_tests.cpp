// gc/epoch: retired memory is freed exactly once, never while a read section can see it, and
// the retired-but-unfreed bytes stay within the stated bound.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <thread>
#include <vector>

#include "gc/epoch.hpp"

using namespace tycho::gc;

namespace {

constexpr uint64_t kAlive = 0xA11CE0A11CE0A11Cull;
constexpr uint64_t kDead = 0xDEADDEADDEADDEADull;

struct Node {
  std::atomic<uint64_t> magic{kAlive};
  uint64_t a = 0;
  uint64_t b = 1;  // always a + 1
  char pad[40] = {};
};

std::atomic<size_t> g_freed{0};

void free_node(void* p, size_t) {
  auto* n = static_cast<Node*>(p);
  n->magic.store(kDead, std::memory_order_relaxed);
  delete n;
  g_freed.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

TEST_CASE("retired memory waits for the read sections open when it was retired") {
  epoch::synchronize();
  size_t before = g_freed.load();
  std::atomic<Node*> slot{new Node};
  std::atomic<bool> inside{false}, release{false};
  // A reader holds the old node inside a read section.
  std::thread reader([&] {
    epoch::ReadSection section;
    Node* n = slot.load(std::memory_order_acquire);
    inside = true;
    while (!release.load()) std::this_thread::yield();
    CHECK(n->magic.load() == kAlive);
  });
  while (!inside.load()) std::this_thread::yield();
  Node* old = slot.exchange(new Node);
  epoch::retire(old, sizeof(Node), free_node);
  for (int i = 0; i < 10; i++) epoch::collect();
  CHECK(g_freed.load() == before);  // the reader may still be reading it
  release = true;
  reader.join();
  epoch::synchronize();
  CHECK(g_freed.load() == before + 1);
  epoch::retire(slot.load(), sizeof(Node), free_node);
  epoch::synchronize();
  CHECK(g_freed.load() == before + 2);
}

TEST_CASE("a collection with nothing to free does not advance the epoch") {
  epoch::synchronize();
  uint64_t e = epoch::stats().epoch;
  for (int i = 0; i < 100; i++) epoch::collect();
  CHECK(epoch::stats().epoch == e);
}

TEST_CASE("readers never see freed memory while writers replace it (4 readers, 2 writers)") {
  epoch::synchronize();
  std::atomic<Node*> slot{new Node};
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> bad{0}, reads{0};
  std::vector<std::thread> threads;
  for (int r = 0; r < 4; r++) {
    threads.emplace_back([&] {
      uint64_t n_reads = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        epoch::ReadSection section;
        Node* n = slot.load(std::memory_order_acquire);
        if (n->magic.load(std::memory_order_relaxed) != kAlive || n->b != n->a + 1) bad++;
        n_reads++;
      }
      reads += n_reads;
    });
  }
  std::atomic<size_t> max_pending{0};
  for (int w = 0; w < 2; w++) {
    threads.emplace_back([&, w] {
      for (uint64_t i = 0; i < 200000; i++) {
        auto* n = new Node;
        n->a = i * 2 + w;
        n->b = n->a + 1;
        Node* old = slot.exchange(n, std::memory_order_acq_rel);
        epoch::retire(old, sizeof(Node), free_node);
        if ((i & 255) == 0) {
          size_t p = epoch::stats().pending_bytes;
          size_t m = max_pending.load();
          while (p > m && !max_pending.compare_exchange_weak(m, p)) {
          }
        }
      }
    });
  }
  for (size_t i = 4; i < threads.size(); i++) threads[i].join();
  stop = true;
  for (size_t i = 0; i < 4; i++) threads[i].join();
  CHECK(bad.load() == 0);
  CHECK(reads.load() > 0);
  // The bound (epoch.hpp): per retiring thread kMaxPendingBytes plus one object; the readers
  // retire nothing.
  CHECK(max_pending.load() <= 2 * (epoch::kMaxPendingBytes + sizeof(Node)));
  epoch::retire(slot.load(), sizeof(Node), free_node);
  epoch::synchronize();
}

TEST_CASE("garbage of a thread that ended is freed by the next collection") {
  epoch::synchronize();
  size_t before = g_freed.load();
  std::thread t([] {
    for (int i = 0; i < 10; i++) epoch::retire(new Node, sizeof(Node), free_node);
  });
  t.join();
  CHECK(epoch::stats().pending_objects >= 10);
  epoch::synchronize();
  CHECK(g_freed.load() == before + 10);
  CHECK(epoch::stats().pending_objects == 0);
}

TEST_CASE("retiring inside a read section defers the bound until the section closes") {
  epoch::synchronize();
  size_t before = g_freed.load();
  size_t n = 2 * epoch::kMaxPendingBytes / sizeof(Node);
  {
    epoch::ReadSection section;
    for (size_t i = 0; i < n; i++) epoch::retire(new Node, sizeof(Node), free_node);
    CHECK(g_freed.load() == before);  // our own section holds it all
  }
  // Leaving collected down to the bound.
  CHECK(epoch::stats().pending_bytes <= epoch::kMaxPendingBytes + sizeof(Node));
  epoch::synchronize();
  CHECK(g_freed.load() == before + n);
}
