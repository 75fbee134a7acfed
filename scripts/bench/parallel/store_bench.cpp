// The shared store's primitives, measured as anchors/seed-crates measures the Rust crates they
// follow (sharded-slab, crossbeam-epoch), operation for operation, so that run.sh can print
// both in one run. Each line: what, ns per operation (median of 5), per thread.
//
//   cmake --build build --target tycho_store_bench && build/tycho_store_bench
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <thread>
#include <vector>

#include "gc/epoch.hpp"
#include "heap/shared_slab.hpp"

namespace epoch = tycho::gc::epoch;
namespace slab = tycho::heap::shared;

namespace {

using Obj = std::array<uint64_t, 4>;  // 32 bytes, as the Rust program's
using Clock = std::chrono::steady_clock;

template <typename T>
void keep(const T& v) {
  asm volatile("" : : "r,m"(v) : "memory");
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// ns per operation per thread: n threads run f(ops) at once, wall time / ops.
template <typename F>
double threads(int n, uint64_t ops, F f) {
  std::vector<double> runs;
  for (int r = 0; r < 5; r++) {
    auto t0 = Clock::now();
    std::vector<std::thread> ts;
    for (int i = 0; i < n; i++) ts.emplace_back([&] { f(ops); });
    for (auto& t : ts) t.join();
    runs.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / ops);
  }
  return median(runs);
}

void free_obj(void* p, size_t size) { slab::free(p, size); }

}  // namespace

int main() {
  constexpr uint64_t kN = 10'000'000, kM = 2'000'000;
  for (int n : {1, 2}) {
    double t = threads(n, kM, [](uint64_t m) {
      uint64_t x = 0;
      for (uint64_t i = 0; i < m; i++) {
        auto* o = static_cast<Obj*>(slab::allocate(sizeof(Obj)));
        *o = {i, 0, 0, 0};
        slab::Handle h = slab::handle_of(o);
        if (slab::is_live(h)) x += (*static_cast<Obj*>(h.object))[0];
        slab::free(o, sizeof(Obj));
      }
      keep(x);
    });
    std::printf("shared slab allocate+handle+free, %d thr: %.2f ns/op per thread\n", n, t);
  }
  double pin = threads(1, kN, [](uint64_t m) {
    for (uint64_t i = 0; i < m; i++) {
      epoch::enter();
      epoch::leave();
    }
  });
  std::printf("epoch enter+leave: %.2f ns\n", pin);
  auto* first = static_cast<Obj*>(slab::allocate(sizeof(Obj)));
  *first = {1, 2, 3, 4};
  std::atomic<Obj*> a{first};
  for (int n : {1, 2}) {
    double t = threads(n, kN, [&](uint64_t m) {
      uint64_t x = 0;
      epoch::ReadSection section;
      for (uint64_t i = 0; i < m; i++) x += (*a.load(std::memory_order_acquire))[i & 3];
      keep(x);
    });
    std::printf("epoch read in one section, %d thr: %.2f ns/read per thread\n", n, t);
    t = threads(n, kM, [&](uint64_t m) {
      uint64_t x = 0;
      for (uint64_t i = 0; i < m; i++) {
        epoch::ReadSection section;
        x += (*a.load(std::memory_order_acquire))[i & 3];
      }
      keep(x);
    });
    std::printf("epoch enter+read+leave, %d thr: %.2f ns/read per thread\n", n, t);
    t = threads(n, kM, [&](uint64_t m) {
      for (uint64_t i = 0; i < m; i++) {
        auto* o = static_cast<Obj*>(slab::allocate(sizeof(Obj)));
        *o = {i, 0, 0, 0};
        Obj* old = a.exchange(o, std::memory_order_acq_rel);
        epoch::retire(old, sizeof(Obj), free_obj);
      }
      epoch::synchronize();
    });
    std::printf("swap+retire, %d thr: %.2f ns/op per thread\n", n, t);
  }
  std::printf("epoch: %s fences for readers\n",
              epoch::stats().asymmetric ? "membarrier (asymmetric)" : "symmetric");
  return 0;
}
