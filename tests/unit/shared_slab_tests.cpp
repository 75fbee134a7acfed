// heap/shared_slab: cells come back whole from any thread, handles tell freed objects, ended
// threads' shards are adopted.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

#include "heap/shared_slab.hpp"

namespace shared = tycho::heap::shared;

namespace {

void fill(void* p, size_t size, uint8_t seed) { std::memset(p, seed, size); }
bool check(const void* p, size_t size, uint8_t seed) {
  auto* b = static_cast<const uint8_t*>(p);
  for (size_t i = 0; i < size; i++) {
    if (b[i] != seed) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("every size from 1 to past the slab's largest is allocated, aligned and freed") {
  std::vector<std::pair<void*, size_t>> live;
  for (size_t size = 1; size <= shared::kMaxSlabSize + 64; size += 7) {
    void* p = shared::allocate(size);
    REQUIRE(p != nullptr);
    CHECK(reinterpret_cast<uintptr_t>(p) % 8 == 0);
    fill(p, size, static_cast<uint8_t>(size));
    live.emplace_back(p, size);
  }
  for (auto [p, size] : live) CHECK(check(p, size, static_cast<uint8_t>(size)));
  for (auto [p, size] : live) shared::free(p, size);
}

TEST_CASE("a handle is live until its object is freed, also when the cell is reused") {
  void* p = shared::allocate(40);
  shared::Handle h = shared::handle_of(p);
  CHECK(shared::is_live(h));
  shared::free(p, 40);
  CHECK_FALSE(shared::is_live(h));
  void* q = shared::allocate(40);  // the same cell, most likely
  shared::Handle h2 = shared::handle_of(q);
  CHECK(shared::is_live(h2));
  CHECK_FALSE(shared::is_live(h));
  shared::free(q, 40);
  CHECK_FALSE(shared::is_live(shared::Handle{}));
}

TEST_CASE("cells freed by other threads come back to their owner (4 producers, 2 consumers)") {
  constexpr int kProducers = 4, kConsumers = 2, kPerProducer = 100000;
  std::mutex m;
  std::vector<std::pair<void*, size_t>> queue;
  std::atomic<int> produced_done{0};
  std::atomic<long> bad{0}, freed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kProducers; t++) {
    threads.emplace_back([&, t] {
      std::vector<std::pair<void*, size_t>> batch;
      for (int i = 0; i < kPerProducer; i++) {
        size_t size = 8 + static_cast<size_t>((i * 37 + t * 11) % 300);
        void* p = shared::allocate(size);
        fill(p, size, static_cast<uint8_t>(size));
        if (i % 3 == 0) {  // some freed locally
          if (!check(p, size, static_cast<uint8_t>(size))) bad++;
          shared::free(p, size);
          freed++;
          continue;
        }
        batch.emplace_back(p, size);
        if (batch.size() == 64) {
          std::lock_guard lock(m);
          queue.insert(queue.end(), batch.begin(), batch.end());
          batch.clear();
        }
      }
      std::lock_guard lock(m);
      queue.insert(queue.end(), batch.begin(), batch.end());
      produced_done++;
    });
  }
  for (int t = 0; t < kConsumers; t++) {
    threads.emplace_back([&] {
      for (;;) {
        std::vector<std::pair<void*, size_t>> mine;
        bool done;
        {
          std::lock_guard lock(m);
          mine.swap(queue);
          done = produced_done.load() == kProducers && mine.empty();
        }
        if (done) return;
        for (auto [p, size] : mine) {
          if (!check(p, size, static_cast<uint8_t>(size))) bad++;
          shared::free(p, size);
          freed++;
        }
        if (mine.empty()) std::this_thread::yield();
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(bad.load() == 0);
  CHECK(freed.load() == long{kProducers} * kPerProducer);
}

TEST_CASE("a thread that ends gives its shard to the next thread") {
  std::thread([] { shared::free(shared::allocate(24), 24); }).join();
  size_t shards = shared::stats().shards;
  size_t pages = shared::stats().pages;
  for (int i = 0; i < 20; i++) {
    std::thread([] {
      for (int j = 0; j < 1000; j++) shared::free(shared::allocate(24), 24);
    }).join();
  }
  CHECK(shared::stats().shards == shards);
  CHECK(shared::stats().pages == pages);  // the adopted shard's pages are reused
}
