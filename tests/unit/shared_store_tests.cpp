// stdlib/shared: shared tables and channels under many threads, without a VM: readers never
// see a torn or freed value while writers grow and rewrite a table, atomic updates lose
// nothing, every message of a bounded channel arrives once, cycles are found.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "gc/epoch.hpp"
#include "stdlib/shared.hpp"

using namespace tycho::stdlib::shared;

namespace {

Key int_key(int64_t i) {
  Key k;
  k.tag = Tag::kInt;
  k.bits = static_cast<uint64_t>(i);
  return k;
}

SValue int_value(int64_t i) { return SValue{static_cast<uint64_t>(i), Tag::kInt}; }

// Strings hashed with any fixed function: the table only needs the same hash for equal keys.
uint32_t hash_of(const std::string& s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  return h;
}

SValue string_value(const std::string& s) {
  SString* str = new_string(s, hash_of(s));
  return SValue{reinterpret_cast<uintptr_t>(str), Tag::kString};
}

}  // namespace

TEST_CASE("readers see whole values while two writers grow and rewrite a table") {
  SharedTable* t = new_table(false);
  std::atomic<bool> stop{false};
  std::atomic<long> bad{0}, seen{0};
  std::vector<std::thread> threads;
  for (int r = 0; r < 3; r++) {
    threads.emplace_back([&] {
      std::string text;
      long n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        for (int64_t i = 1; i <= 2000; i += 7) {
          ReadValue rv{SValue{}, &text};
          table_get(t, int_key(i), rv);
          if (rv.v.tag == Tag::kInt) {
            if (static_cast<int64_t>(rv.v.bits) % 1000000 != i) bad++;
            n++;
          } else if (rv.v.tag == Tag::kString) {
            if (text != "value " + std::to_string(i)) bad++;
            n++;
          } else if (rv.v.tag != Tag::kNil) {
            bad++;
          }
        }
      }
      seen += n;
    });
  }
  for (int w = 0; w < 2; w++) {
    threads.emplace_back([&, w] {
      for (int round = 0; round < 20; round++) {
        for (int64_t i = 1; i <= 2000; i++) {
          SValue v = (i + round + w) % 2 ? int_value(round * 1000000 + i)
                                         : string_value("value " + std::to_string(i));
          if (!table_set(t, int_key(i), v)) bad++;
        }
        if (round % 5 == 4) {
          for (int64_t i = 1; i <= 2000; i += 3) table_set(t, int_key(i), SValue{});
        }
      }
    });
  }
  for (size_t i = 3; i < threads.size(); i++) threads[i].join();
  stop = true;
  for (size_t i = 0; i < 3; i++) threads[i].join();
  CHECK(bad.load() == 0);
  CHECK(seen.load() > 0);
  release(t);
  tycho::gc::epoch::synchronize();
}

TEST_CASE("atomic updates from four threads lose nothing") {
  SharedTable* t = new_table(false);
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; w++) {
    threads.emplace_back([&] {
      std::string text;
      for (int i = 0; i < 20000; i++) {
        ReadValue old{SValue{}, &text};
        table_update(
            t, int_key(1), old,
            [](const ReadValue& cur, SValue& out, void*) {
              int64_t n = cur.v.tag == Tag::kInt ? static_cast<int64_t>(cur.v.bits) : 0;
              out = int_value(n + 1);
              return true;
            },
            nullptr);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::string text;
  ReadValue rv{SValue{}, &text};
  table_get(t, int_key(1), rv);
  CHECK(rv.v.tag == Tag::kInt);
  CHECK(rv.v.bits == 80000u);
  CHECK(table_count(t) == 1);
  CHECK(table_length(t) == 1);
  release(t);
  tycho::gc::epoch::synchronize();
}

TEST_CASE("every message of a small bounded channel arrives once (3 producers, 3 consumers)") {
  Channel* c = new_channel(4);
  REQUIRE(c->ring != nullptr);
  constexpr int kPer = 20000;
  std::atomic<long> sum{0}, count{0};
  std::atomic<int> producers_done{0};
  std::vector<std::thread> threads;
  for (int p = 0; p < 3; p++) {
    threads.emplace_back([&, p] {
      for (int i = 1; i <= kPer; i++) {
        Message m;
        m.n = 1;
        m.values[0] = int_value(p * kPer + i);
        while (channel_try_send(c, m) != SendResult::kSent) std::this_thread::yield();
      }
      producers_done++;
    });
  }
  for (int k = 0; k < 3; k++) {
    threads.emplace_back([&] {
      for (;;) {
        Message m;
        ReceiveResult r = channel_try_receive(c, m);
        if (r == ReceiveResult::kGot) {
          sum += static_cast<long>(m.values[0].bits);
          count++;
          free_message(m);
        } else if (r == ReceiveResult::kClosed) {
          return;
        } else {
          std::this_thread::yield();
        }
      }
    });
  }
  for (int p = 0; p < 3; p++) threads[p].join();
  channel_close(c);
  for (size_t i = 3; i < threads.size(); i++) threads[i].join();
  long n = 3L * kPer;
  CHECK(count.load() == n);
  CHECK(sum.load() == n * (n + 1) / 2);
  release(c);
  tycho::gc::epoch::synchronize();
}

TEST_CASE("a cycle of two tables is found and freed, a held one is not") {
  tycho::gc::epoch::synchronize();
  size_t before = store_stats().objects;
  SharedTable* a = new_table(false);
  SharedTable* b = new_table(false);
  acquire(b);
  table_set(a, int_key(1), object_value(b, Tag::kTable));
  acquire(a);
  table_set(b, int_key(1), object_value(a, Tag::kTable));
  SharedTable* kept = new_table(false);
  acquire(kept);
  table_set(kept, int_key(1), object_value(kept, Tag::kTable));  // held by us too
  release(a);
  release(b);  // now only each other hold them
  CHECK(collect_cycles() == 2);
  tycho::gc::epoch::synchronize();
  CHECK(store_stats().objects == before + 1);
  CHECK(collect_cycles() == 0);
  release(kept);
  CHECK(collect_cycles() == 1);
  tycho::gc::epoch::synchronize();
  CHECK(store_stats().objects == before);
}
