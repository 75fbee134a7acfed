// tycho's garbage collector.
//
// WHAT IT DOES
// The collector finds the objects that the program can still reach and frees the rest. It is a
// tracing, non-moving mark-sweep collector over the memory of heap::Heap: object headers in
// slab cells, their payloads in Immix lines or large objects. Objects never move, so a pointer
// to an object stays valid for the object's whole life and nothing needs fixing up.
//
// WHAT IT KNOWS
// Objects only through the tracing interface (object.hpp): a GcObject header whose type byte
// selects a TypeOps row registered by the owner. trace() names an object's children and
// payloads; on_free() runs when it dies; verify() checks it. The collector never looks
// further into an object than the header.
//
// ROOTS
// The owner lists every root in one function (set_roots). For the VM that is, in order: the
// stacks of all live coroutines, open upvalues, the registry and globals, per-type metatables,
// host handles, and the compiler's constants in flight. One place, so that a missing root is
// found by reading one function, and by stress mode (below) when it is not.
//
// THE TRI-COLOR INVARIANT
// During marking every object is white (not marked), gray (marked, on the gray stack, its
// children not yet marked) or black (marked, children marked). No black object points to a
// white one. Marking ends when the gray stack is empty: then every reachable object is black
// and every white object is garbage. The mark bit lives in the heap's side bitmap; gray means
// "marked and on gray_". Leaves (types without trace) become black at once.
//
// THE PHASES of a cycle, each a function below:
//   1. mark_roots()   the roots' enumerate function marks every root: they turn gray.
//   2. propagate(n)   pop gray objects and trace them, turning their white children gray,
//                     until the stack is empty (or n objects are done).
//   3. before_sweep   marking is complete: the owner drops dead entries from its caches
//                     (the string intern table, later weak tables) and may still mark;
//                     propagate runs again for anything it marked.
//   4. sweep()        the heap frees every unmarked cell (calling on_free first), turns
//                     unmarked lines into holes and releases unmarked large objects, all by
//                     scanning bitmaps; marks are cleared for the next cycle.
// Then set_threshold() sets the heap's allocation debt so that the next cycle starts when
// the heap has grown by `pause` percent (Lua's pacing; check() watches the debt).
//
// WHY STOP-THE-WORLD NOW, INCREMENTAL LATER
// A whole cycle at once needs no write barriers and no care about allocation during a cycle:
// the tri-color invariant cannot be broken by a mutator that is not running. That makes it the
// reference to test the rest of the VM against. The phases are already separate steps with
// a budget (propagate(n)), so the incremental collector will interleave them with the program,
// adding the barriers (the VM already calls them at every store), allocation of new objects
// as black during marking, a bounded atomic phase and lazy sweeping.
//
// STRESS MODE AND THE VERIFIER
// In stress mode every check() runs a full cycle, so a pointer that is not reachable from the
// roots is freed at the first safe point and the bug shows up at once. verify() walks the
// heap from the roots without freeing anything and checks every reached object and payload,
// so tests can run it after every script.
#include "gc/collector.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdio>

namespace tycho::gc {

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

size_t pause_bucket(double ms) {
  size_t bucket = 0;
  for (double bound = 0.1; bucket < 5 && ms >= bound; bound *= 10) ++bucket;
  return bucket;
}

size_t pause_log_bucket(double ms) {
  const double us = ms * 1000;
  if (us < 1) return 0;
  return std::min<size_t>(static_cast<size_t>(std::log2(us) * 8), 255);
}

constexpr size_t kMaxVerifyErrors = 16;

}  // namespace

Collector::Collector(heap::Heap& heap, const TypeOps* ops, size_t ops_count, bool stress)
    : heap_(heap), ops_(ops), ops_count_(std::min<size_t>(ops_count, 256)), stress_(stress) {
  for (size_t i = 0; i < ops_count_; ++i) trace_[i] = ops_[i].trace;
  gray_.reserve(1024);
  heap_.set_debt(-static_cast<ptrdiff_t>(kInitialBudget));
}

void Collector::set_roots(void (*enumerate)(Collector&, void*), void* ctx) {
  roots_ = enumerate;
  roots_ctx_ = ctx;
}

void Collector::set_before_sweep(void (*fn)(Collector&, void*), void* ctx) {
  before_sweep_ = fn;
  before_sweep_ctx_ = ctx;
}

// ---- The phases ----

void Collector::mark_roots() {
  gray_.clear();
  objects_marked_ = 0;
  phase_ = Phase::kMarking;
  if (roots_ != nullptr) roots_(*this, roots_ctx_);
}

bool Collector::propagate(size_t budget_objects) {
  while (budget_objects > 0 && !gray_.empty()) {
    GcObject* o = gray_.back();
    gray_.pop_back();
    trace_[o->type](*this, o);  // only objects whose type traces are pushed
    --budget_objects;
  }
  return gray_.empty();
}

void Collector::sweep() {
  phase_ = Phase::kSweeping;
  heap_.sweep(&Collector::on_dead, this);
  phase_ = Phase::kIdle;
}

void Collector::on_dead(void* ctx, void* cell) {
  auto* self = static_cast<Collector*>(ctx);
  auto* o = static_cast<GcObject*>(cell);
  ++self->objects_freed_;
  if (o->type < self->ops_count_) {
    if (auto on_free = self->ops_[o->type].on_free) on_free(self->roots_ctx_, o);
  }
}

void Collector::full_collect() {
  if (collecting_) return;  // e.g. from an on_free that reached a safe point
  collecting_ = true;
  const auto start = std::chrono::steady_clock::now();
  const size_t before = heap_.bytes_in_use();
  objects_freed_ = 0;

  mark_roots();
  propagate(SIZE_MAX);
  if (before_sweep_ != nullptr) {
    before_sweep_(*this, before_sweep_ctx_);
    propagate(SIZE_MAX);
  }
  const size_t marked = objects_marked_;
  sweep();
  if (after_sweep_ != nullptr) after_sweep_(*this, before_sweep_ctx_);
  set_threshold();

  const size_t after = heap_.bytes_in_use();
  const double ms = ms_since(start);
  ++stats_.cycles;
  stats_.total_ms += ms;
  stats_.last_pause_ms = ms;
  stats_.max_pause_ms = std::max(stats_.max_pause_ms, ms);
  stats_.bytes_freed_total += before > after ? before - after : 0;
  stats_.objects_freed_total += objects_freed_;
  stats_.heap_before_last = before;
  stats_.heap_after_last = after;
  stats_.objects_marked_last = marked;
  ++stats_.pause_histogram[pause_bucket(ms)];
  ++stats_.pause_log[pause_log_bucket(ms)];
  collecting_ = false;
}

void Collector::release_all() {
  if (collecting_) return;
  collecting_ = true;
  heap_.clear_marks();
  gray_.clear();
  objects_freed_ = 0;
  sweep();  // nothing is marked
  stats_.objects_freed_total += objects_freed_;
  collecting_ = false;
}

double Stats::pause_percentile_ms(double fraction) const {
  size_t total = 0;
  for (uint32_t n : pause_log) total += n;
  if (total == 0) return 0;
  const double target = fraction * static_cast<double>(total);
  size_t seen = 0;
  for (size_t b = 0; b < pause_log.size(); ++b) {
    seen += pause_log[b];
    if (static_cast<double>(seen) >= target) {
      return std::min(std::exp2(static_cast<double>(b + 1) / 8) / 1000, max_pause_ms);
    }
  }
  return max_pause_ms;
}

// ---- Pacing ----

// Lua 5.4's setpause: the next cycle starts when the heap reaches in_use * pause / 100. A whole
// cycle at once cannot run "continuously" as Lua's incremental one does with a pause of 100 or
// less (it would collect at every allocation), so the program may always allocate at least
// max(in_use / 16, 2^stepsize) bytes before the next cycle.
void Collector::set_threshold() {
  const size_t in_use = heap_.bytes_in_use();
  const size_t pause = static_cast<size_t>(pause_);
  size_t threshold =
      in_use > SIZE_MAX / std::max<size_t>(pause, 1) ? SIZE_MAX : in_use * pause / 100;
  const size_t min_slack = std::max(in_use / 16, size_t{1} << stepsize_);
  if (in_use <= SIZE_MAX - min_slack) threshold = std::max(threshold, in_use + min_slack);
  threshold = std::min<size_t>(threshold, PTRDIFF_MAX);
  const ptrdiff_t debt = static_cast<ptrdiff_t>(in_use) - static_cast<ptrdiff_t>(threshold);
  heap_.set_debt(std::min<ptrdiff_t>(debt, 0));
}

void Collector::check() {
  if (!running_ || collecting_) return;
  if (stress_ || heap_.debt() > 0) full_collect();
}

bool Collector::step(size_t kb) {
  (void)kb;  // the incremental collector will turn kb into work; now a step is a whole cycle
  full_collect();
  return true;
}

void Collector::restart() {
  heap_.set_debt(0);  // as Lua: collect soon
  running_ = true;
}

int Collector::set_pause(int percent) {
  const int old = pause_;
  pause_ = std::max(percent, 0);
  return old;
}

int Collector::set_stepmul(int percent) {
  const int old = stepmul_;
  stepmul_ = std::max(percent, 0);
  return old;
}

int Collector::set_minormul(int percent) {
  const int old = minormul_;
  minormul_ = std::clamp(percent, 1, 100);
  return old;
}

int Collector::set_majormul(int percent) {
  const int old = majormul_;
  majormul_ = std::max(percent, 1);
  return old;
}

int Collector::set_stepsize(int log2_bytes) {
  const int old = stepsize_;
  stepsize_ = std::clamp(log2_bytes, 0, 62);
  return old;
}

// ---- The verifier ----

std::string Collector::verify() {
  if (phase_ != Phase::kIdle || collecting_) return "verify: called during a collection cycle\n";
  verifying_ = true;
  verify_errors_.clear();
  verify_error_count_ = 0;
  gray_.clear();
  verify_parent_ = nullptr;
  if (roots_ != nullptr) roots_(*this, roots_ctx_);
  while (!gray_.empty()) {
    GcObject* o = gray_.back();
    gray_.pop_back();
    verify_parent_ = o;
    trace_[o->type](*this, o);
  }
  verify_parent_ = nullptr;
  verifying_ = false;
  heap_.clear_marks();

  std::string report;
  for (const std::string& line : verify_errors_) report += line + "\n";
  if (verify_error_count_ > verify_errors_.size()) {
    report += "... " + std::to_string(verify_error_count_ - verify_errors_.size()) + " more\n";
  }
  return report;
}

std::string Collector::describe(const GcObject* o) const {
  char buf[96];
  if (o == nullptr) return "a root";
  const char* name = o->type < ops_count_ && ops_[o->type].name ? ops_[o->type].name : "?";
  std::snprintf(buf, sizeof buf, "%s %p", name, static_cast<const void*>(o));
  return buf;
}

void Collector::verify_error(std::string text) {
  if (verify_error_count_++ < kMaxVerifyErrors) verify_errors_.push_back(std::move(text));
}

void Collector::verify_mark(GcObject* o) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%p", static_cast<const void*>(o));
  if (!heap_.is_allocated_cell(o)) {
    verify_error("dangling pointer " + std::string(buf) + " (not an allocated cell) from " +
                 describe(verify_parent_));
    return;
  }
  if (o->type >= ops_count_) {
    verify_error("object " + std::string(buf) + " has unknown type " + std::to_string(o->type) +
                 " (from " + describe(verify_parent_) + ")");
    return;
  }
  if (!heap_.mark_cell(o)) return;  // seen already
  if (auto check = ops_[o->type].verify) {
    if (const char* problem = check(o)) {
      verify_error(describe(o) + ": " + problem + " (from " + describe(verify_parent_) + ")");
    }
  }
  if (trace_[o->type] != nullptr) gray_.push_back(o);
}

void Collector::verify_payload(const void* p, size_t size) {
  if (size == 0) return;
  const char* last = static_cast<const char*>(p) + size - 1;
  if (!heap_.is_payload_address(p) || !heap_.is_payload_address(last)) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "payload %p (%zu bytes)", p, size);
    verify_error(std::string(buf) + " outside heap memory, from " + describe(verify_parent_));
  }
}

}  // namespace tycho::gc
