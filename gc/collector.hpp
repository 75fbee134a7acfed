// The tracing collector's interface. The design and the phases are explained at the top of
// collector.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "gc/object.hpp"
#include "heap/heap.hpp"

namespace tycho::gc {

// Stress mode by default when built with the TYCHO_GC_STRESS option (gc/CMakeLists.txt).
#ifdef TYCHO_GC_STRESS
inline constexpr bool kStressDefault = true;
#else
inline constexpr bool kStressDefault = false;
#endif

struct Stats {
  size_t cycles = 0;
  size_t minor_cycles = 0;  // of which generational minor collections
  double total_ms = 0;      // time spent in collection, all cycles
  double max_pause_ms = 0;
  double last_pause_ms = 0;
  size_t bytes_freed_total = 0;
  size_t objects_freed_total = 0;
  size_t heap_before_last = 0;     // bytes in use when the last cycle started
  size_t heap_after_last = 0;      // bytes in use after it: the survivors
  size_t objects_marked_last = 0;  // objects reached by the last cycle
  // Pauses by length: < 0.1 ms, < 1 ms, < 10 ms, < 100 ms, < 1 s, longer.
  std::array<size_t, 6> pause_histogram{};
  // Pauses on a log scale for percentiles: bucket b holds pauses in
  // [2^(b/8), 2^((b+1)/8)) microseconds (bucket 0 also everything shorter).
  std::array<uint32_t, 256> pause_log{};
  double pause_percentile_ms(double fraction) const;  // upper bound of the bucket; 0 if none
  static size_t pause_log_bucket(double ms);          // the pause_log bucket of a pause
};

// The gray stack: segments of a fixed size, so that pushing never copies the whole stack (a
// vector's doubling of a stack of a million entries was a pause of its own).
class GrayStack {
 public:
  bool empty() const { return top_ == base_ && seg_ == 0; }
  size_t size() const { return seg_ * kSegment + static_cast<size_t>(top_ - base_); }
  // A cursor into the current segment: a push is a compare and a store.
  void push_back(GcObject* o) {
    if (top_ == limit_) [[unlikely]]
      next_segment();
    *top_++ = o;
  }
  GcObject* back() const {  // not empty
    return top_ != base_ ? top_[-1] : segments_[seg_ - 1][kSegment - 1];
  }
  void pop_back() {  // not empty
    if (top_ == base_) [[unlikely]]
      previous_segment();
    --top_;
  }
  // Drop the entries. The segments stay for the next pushes: as many as the last two fills
  // used, since a collector's lists fill to about the same size every cycle; the surplus goes
  // back to the system a few at a time (trim). Freeing 300 segments at once (a list of 300K
  // touched tables) was 1.6-2.4 ms of one step, and freeing the same segments two a step
  // between cycles, only to make them again in the next, still cost up to 2 ms in a step:
  // a free can let glibc trim its heap, many megabytes at once.
  void clear() {
    last_used_ = used_;
    used_ = 0;
    enter(0);
    top_ = base_;
  }
  // Free up to n segments beyond those the current and the last fill used (and kKeep); how
  // many it freed.
  size_t trim(size_t n) {
    const size_t keep = std::max({kKeep, seg_ + 1, used_, last_used_});
    size_t freed = 0;
    for (; segments_.size() > keep && freed < n; ++freed) segments_.pop_back();
    return freed;
  }

 private:
  static constexpr size_t kSegment = 1024;  // 8 KiB: small heaps need little
  static constexpr size_t kKeep = 4;        // segments kept however small the stack gets
  void enter(size_t seg) {  // make segment `seg` current (cursor left to the caller)
    seg_ = seg;
    base_ = seg < segments_.size() ? segments_[seg].get() : nullptr;
    limit_ = base_ != nullptr ? base_ + kSegment : nullptr;
  }
  void next_segment() {  // the current one is full, or there is none yet
    const size_t seg = base_ == nullptr ? 0 : seg_ + 1;
    if (seg == segments_.size()) segments_.push_back(std::make_unique<GcObject*[]>(kSegment));
    used_ = std::max(used_, seg + 1);
    enter(seg);
    top_ = base_;
  }
  void previous_segment() {  // the current one is empty and seg_ > 0
    enter(seg_ - 1);
    top_ = limit_;
  }
  std::vector<std::unique_ptr<GcObject*[]>> segments_;
  size_t seg_ = 0;
  GcObject** base_ = nullptr;  // segments_[seg_], null before the first push
  GcObject** top_ = nullptr;   // the next free slot in it
  GcObject** limit_ = nullptr;
  size_t used_ = 0;       // segments this fill has used (since the last clear)
  size_t last_used_ = 0;  // segments the fill before it used
};

enum class Phase : uint8_t {
  kIdle,      // between cycles: no marks set (generational mode: the old objects' marks), the
              // gray stack empty (generational mode: what the barriers marked since)
  kMarking,   // roots marked; propagating the gray stack a step at a time, mutator running
  kAtomic,    // finishing the marking in one go (no mutator)
  kSweeping,  // marking finished; freeing what was not reached (lazily, mutator running)
};

class Collector {
 public:
  // Pacing defaults (Lua 5.4's names and values).
  static constexpr int kDefaultPause = 200;    // percent: collect when the heap doubles
  static constexpr int kDefaultStepMul = 100;  // percent
  static constexpr int kDefaultStepSize = 13;  // log2 bytes (8 KiB)
  static constexpr int kDefaultMinorMul = 20;  // percent (generational mode)
  // Less than half of Lua's 100: a major cycle here is incremental (no pause to amortize, as
  // Lua's stop-the-world ones have), and old garbage waits for one (scripts/bench/gc/README.md:
  // 100 -> 50, then 40 for the entities probe's 0.7 of lua5.4's peak RSS).
  static constexpr int kDefaultMajorMul = 40;          // percent
  static constexpr size_t kInitialBudget = 64 * 1024;  // bytes allocated before cycle one
  static constexpr int kDefaultStepTimeUs = 500;       // time budget of one step

  Collector(heap::Heap& heap, const TypeOps* ops, size_t ops_count, bool stress = kStressDefault);
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  // The owner's one function that lists every root (design.md: roots enumerated in one place).
  void set_roots(void (*enumerate)(Collector& c, void* ctx), void* ctx);
  // Called when marking is finished, before sweeping: the owner finishes its part of the
  // atomic step (the VM: threads' stacks again, weak tables, finalizers). It may mark more
  // objects (they are propagated before the sweep), and query is_marked().
  void set_before_sweep(void (*fn)(Collector& c, void* ctx), void* ctx);
  // Called after the sweep of a cycle (same context as before_sweep): the owner may resize its
  // caches now that the dead are gone. Must not allocate heap memory.
  void set_after_sweep(void (*fn)(Collector& c, void* ctx)) { after_sweep_ = fn; }

  // Marking, called from root enumeration and from trace functions.
  void mark(GcObject* o) {
    if (o == nullptr) return;
    if (verifying_) [[unlikely]] {
      verify_mark(o);
      return;
    }
    if (heap_.mark_cell(o)) {
      ++objects_marked_;
      if (recording_) {
        if ((o->gc_bits & kAged) && trace_[o->type] == nullptr) {
          // A leaf's second survival: old at once. It stays marked (sticky), and there is
          // nothing in it to trace again, so it needs no place in the aging lists.
          o->gc_bits = static_cast<uint8_t>((o->gc_bits & ~kAged) | kOld);
          ++work_;
          return;
        }
        // Marked by a barrier after this cycle's marking: traced in the next cycle, so aged
        // at the end of that one.
        (phase_ == Phase::kSweeping ? swept_marked_ : young_marked_).push_back(o);
        // A survivor traced again: its payloads kept their marks and were counted already.
        if (o->gc_bits & kAged) {
          if (trace_[o->type] != nullptr) gray_.push_back(tag_retraced(o));
          return;
        }
      } else if (generational_) {
        o->gc_bits |= kOld;  // a major cycle: what it marks is old at its end
      }
      if (trace_[o->type] != nullptr) {
        gray_.push_back(o);
      } else {
        ++work_;  // a leaf (a short string) costs the step a unit, as if traced
      }
    }
  }
  void mark_payload(const void* p, size_t size) {
    if (verifying_) [[unlikely]] {
      verify_payload(p, size);
      return;
    }
    heap_.mark_payload(p, size, counting_);
  }
  bool is_marked(const GcObject* o) const { return heap_.is_cell_marked(o); }
  // Tracing big objects in pieces: a trace function may mark part of an object and ask to be
  // called again later from position `next` (resume_point() tells where it is, 0 for a first
  // call); the tags let it notice that the object changed shape in between (then it starts
  // over). add_work counts work beyond one unit per call, for the step budget.
  size_t resume_point() const { return resume_; }
  bool resume_tags_match(uintptr_t a, uintptr_t b) const {
    return resume_tag_a_ == a && resume_tag_b_ == b;
  }
  void defer_rest(GcObject* o, size_t next, uintptr_t tag_a, uintptr_t tag_b, uintptr_t extra = 0) {
    partial_.push_back(Partial{counting_ ? o : tag_retraced(o), next, tag_a, tag_b, extra});
  }
  uintptr_t resume_extra() const { return resume_extra_; }  // what defer_rest saved
  void add_work(size_t units) { work_ += units; }

  // Trace an object that is already marked once more (threads in the atomic step). Its
  // payloads were counted as survivors when it was first traced: the tag says not again.
  void retrace(GcObject* o) {
    if (trace_[o->type] != nullptr) gray_.push_back(tag_retraced(o));
  }

  // ---- While marking runs between steps (incremental) ----
  bool marking() const { return phase_ == Phase::kMarking; }
  // While the sweep is lazy, a dead object can still be found through a weak cache (the
  // string intern table) before its page is swept: keep_found revives it.
  void keep_found(GcObject* o) {
    if (phase_ == Phase::kSweeping && !heap_.is_swept(o)) heap_.mark_cell(o);
  }
  // A payload allocated during marking is marked at once: its owner may be black already
  // (a table that grows after it was traced). New objects themselves are born white.
  void mark_new_payload(const void* p, size_t size) { heap_.mark_payload(p, size); }
  // The barriers apply while marking runs and, in generational mode, always: there a marked
  // object is old, and a minor collection does not trace it again.
  // Backward barrier (tables, userdata user values: objects whose contents change often): a
  // marked object o that now holds v is touched, traced again (or re-scanned where it changed)
  // before the atomic step, instead of v being marked: v stays white, or young, and dies if it
  // is dropped before then. The test, inlined: back_barrier_applies(o), then stored_white(v)
  // (out of line), then touch(o).
  bool back_barrier_applies(const GcObject* o) const { return barriers_on_ && is_marked(o); }
  // v was stored into a marked object: true when the object must be touched, because v is
  // unmarked or, during a minor cycle, may be a young object that cycle marked.
  bool stored_white(GcObject* v);
  void touch(GcObject* o) {
    if (!(o->gc_bits & kGrayAgain)) {
      o->gc_bits |= kGrayAgain;
      grayagain_.push_back(o);
    }
  }
  // The compiler's objects, filled without barriers: a marked one is traced whole again.
  void barrier_back(GcObject* o) {
    if (barriers_on_ && !(o->gc_bits & kGrayAgain) && is_marked(o)) {
      o->gc_bits |= kGrayAgain;
      grayagain_.push_back(tag_whole(o));
    }
  }
  // For rescan functions (TypeOps::rescan): continue from `next` at a later step (the tags as
  // in defer_rest); and, in a minor cycle, have the object re-scanned in the next one too, as
  // what it points to may be first survivors then (Lua's TOUCHED2).
  void defer_rescan(GcObject* o, size_t next, uintptr_t tag_a, uintptr_t tag_b, uintptr_t extra) {
    partial_.push_back(Partial{tag_rescan(o), next, tag_a, tag_b, extra});
  }
  bool minor_cycle() const { return recording_; }  // a rescan then keeps cards for the next
  // Counts the cycles started: a rescan function tells what it recorded in this cycle for the
  // next one from what an earlier cycle recorded for this one by its parity.
  unsigned cycle_number() const { return cycle_number_; }
  void touched_again(GcObject* o) {
    if (recording_) old1_.push_back(o);
  }
  // Forward barrier: a marked object now points to v, so v cannot stay white (or young).
  // In generational mode v is made old at the end of the next collection (not young again as
  // a first survivor would be): o will not be traced again.
  void barrier_forward(GcObject* o, GcObject* v) {
    if (barriers_on_ && is_marked(o)) mark_stored(v);
  }
  void mark_stored(GcObject* v);  // the barrier's work, out of line (it is inlined everywhere)
  // A new payload of `owner` outside marking: marked now when the owner is old.
  void barrier_payload(const GcObject* owner, const void* p, size_t size) {
    if (generational_ && phase_ != Phase::kMarking && is_marked(owner)) {
      heap_.mark_payload(p, size);
    }
  }

  // Generational mode (Lua's minor and major collections, with sticky mark bits): objects
  // that survive two minor collections (or a major one) stay marked (old); a minor collection
  // marks from the roots and from what the barriers marked, so it traces only young objects
  // and sweeps only unmarked ones; a major one clears every mark first. Both are incremental.
  // Switching finishes the cycle under way.
  void set_generational(bool on);
  bool generational() const { return generational_; }

  // The phases as separate steps.
  void mark_roots();                      // start a cycle: mark the roots
  bool propagate(size_t budget_objects);  // trace up to that many gray objects; true: none left
  void atomic();                          // finish marking: roots again, gray-again, owner's part
  void sweep();                           // free what was not marked; end the cycle
  void full_collect();  // finish a running cycle, then a whole cycle now; set the next threshold
  // Free every object, reachable or not (on_free runs for each), as when the VM closes.
  void release_all();

  // Pacing. check() is called by the owner at safe points only (never inside an allocation):
  // it collects when the collector runs and the heap's debt is positive, or always in stress
  // mode. A stopped collector never collects from check(), stress mode included.
  void check();
  // collectgarbage("step", kb): one step (kb 0) or about kb KiB of allocation's worth of work;
  // works even when stopped; true when a cycle finished. In generational mode, as in Lua, one
  // whole minor (or due major) collection.
  bool step(size_t kb);
  void stop() { running_ = false; }
  void restart();
  bool is_running() const { return running_; }
  int set_pause(int percent);  // these return the previous value
  int set_stepmul(int percent);
  int set_stepsize(int log2_bytes);
  int set_minormul(int percent);
  int set_majormul(int percent);
  // Time budget of one step in microseconds (0: none): a step stops tracing or sweeping when
  // it is spent, whatever its work budget says; the rest waits for the next step.
  int set_step_time(int us);
  int step_time() const { return step_time_us_; }
  int minormul() const { return minormul_; }
  int majormul() const { return majormul_; }
  int pause() const { return pause_; }
  int stepmul() const { return stepmul_; }
  int stepsize() const { return stepsize_; }
  // In stress mode the allocation debt stays positive (set_debt), so that the VM's one test of
  // the debt at its safe points also covers stress mode; leaving it, the next step comes after
  // a step's worth of allocation.
  void set_stress(bool on) {
    stress_ = on;
    set_debt(on ? heap_.debt() : -(ptrdiff_t{1} << stepsize_));
  }
  bool stress() const { return stress_; }

  // Heap verifier. Between cycles only: traverses from the roots checking that every reached
  // object is an allocated cell of a known type that passes its verify(), and that every
  // payload given to mark_payload lies in heap memory; then clears its marks. Returns an
  // empty string when all is well, else one line per problem (the first few).
  std::string verify();
  // The same checks at any time between steps, without touching the marks or the collector's
  // state (it keeps its own set of the objects seen): slower, for debugging. With
  // set_verify_steps(true) it runs after every step and aborts with its report on a problem
  // (tycho --gc-verify, TYCHO_GC=verify), so that a missing barrier or root shows up at the
  // step that freed a reachable object.
  std::string verify_live();
  void set_verify_steps(bool on) { verify_steps_ = on; }

  Phase phase() const { return phase_; }
  // True while verify() traverses: trace functions must then treat weak references as strong.
  bool verifying() const { return verifying_; }
  void* owner() const { return roots_ctx_; }  // the context given to set_roots
  const Stats& stats() const { return stats_; }
  heap::Heap& heap() { return heap_; }
  const TypeOps* ops_for(uint8_t type) const { return type < ops_count_ ? &ops_[type] : nullptr; }
  size_t ops_count() const { return ops_count_; }

 private:
  using TraceFn = void (*)(Collector&, GcObject*);
  bool incremental_step(size_t budget_objects);  // true: a cycle finished
  void start_cycle();                            // minor or major (clears marks), roots
  void set_phase(Phase p) {
    phase_ = p;
    barriers_on_ = generational_ || p == Phase::kMarking;
  }
  // Tags in the low bits of the pointers on the gray stack, the partial list, grayagain_ and
  // old1_ (objects are 8-byte aligned): bit 0, traced again (its payloads were counted);
  // bit 1, re-scanned with its type's rescan function (partial list only); bit 2, traced whole
  // (grayagain_ and old1_: barrier_back's objects have no barriers to record what changed).
  static GcObject* tag_retraced(GcObject* o) {
    return reinterpret_cast<GcObject*>(reinterpret_cast<uintptr_t>(o) | 1);
  }
  static GcObject* tag_rescan(GcObject* o) {
    return reinterpret_cast<GcObject*>(reinterpret_cast<uintptr_t>(o) | 2);
  }
  static GcObject* tag_whole(GcObject* o) {
    return reinterpret_cast<GcObject*>(reinterpret_cast<uintptr_t>(o) | 4);
  }
  static GcObject* untag(GcObject* o) {
    return reinterpret_cast<GcObject*>(reinterpret_cast<uintptr_t>(o) & ~uintptr_t{7});
  }
  bool rescan_touched();          // one of grayagain_, else of touched_last_; false: none left
  void clear_touched();           // forget grayagain_ (marks cleared: everything is traced anew)
  void trim_stacks(size_t n);     // GrayStack::trim on each list, n segments in all at most
  void finish_cycle(bool lazy);   // atomic, sweep (begun or whole), stats
  bool sweep_step(size_t pages);  // lazy sweep; true: done, cycle over
  void end_sweep();               // after the sweep: owner's hook, threshold
  void finish_sweep();            // complete a lazy sweep under way
  void end_cycle_now();           // finish the cycle under way at once (marking and sweep)
  void whole_cycle();             // from idle: a cycle at once, start to sweep
  size_t step_budget() const;     // objects traced per step
  size_t work_for(size_t bytes) const;  // the work units that allocating `bytes` pays for
  void record_pause(std::chrono::steady_clock::time_point start);
  // The end of every step (check() or step()): pacing of the next one, statistics, verifier.
  void end_step(std::chrono::steady_clock::time_point start, bool cycle_done);
  static void on_dead(void* ctx, void* cell);
  void set_threshold();
  void verify_mark(GcObject* o);
  void verify_payload(const void* p, size_t size);
  void verify_error(std::string text);
  void verify_traverse();  // from the roots, through verify_mark
  std::string verify_report() const;
  void verify_after_step();
  std::string describe(const GcObject* o) const;

  heap::Heap& heap_;
  GrayStack gray_;
  GrayStack grayagain_;  // touched objects (kGrayAgain), tagged
  struct Partial {
    GcObject* o;
    size_t next;
    uintptr_t tag_a, tag_b, extra;
  };
  std::vector<Partial> partial_;  // objects traced in part (defer_rest)
  size_t resume_ = 0;
  uintptr_t resume_tag_a_ = 0, resume_tag_b_ = 0, resume_extra_ = 0;
  size_t work_ = 0;                   // work units of the object being traced (add_work)
  std::array<TraceFn, 256> trace_{};  // by type byte; null for leaves and unknown types
  std::array<TraceFn, 256> rescan_{};  // by type byte; null: traced whole again
  const TypeOps* ops_;
  size_t ops_count_;
  void (*roots_)(Collector&, void*) = nullptr;
  void* roots_ctx_ = nullptr;
  void (*before_sweep_)(Collector&, void*) = nullptr;
  void* before_sweep_ctx_ = nullptr;
  void (*after_sweep_)(Collector&, void*) = nullptr;
  Phase phase_ = Phase::kIdle;
  bool running_ = true;
  bool stress_;
  // The next threshold; with a heap limit, never past kLimitWatermark of it (see check()).
  void set_debt(ptrdiff_t debt) {
    if (heap_.limit() != 0) debt = std::max(debt, limit_debt());
    heap_.set_debt(stress_ ? std::max<ptrdiff_t>(debt, 1) : debt);
  }
  // With a heap limit: the debt that reaches 0 when the heap (external charges included) is at
  // the watermark, 7/8 of the limit; a whole collection there when enough was allocated since
  // the last one (check()), so that garbage never makes an allocation fail between safe points
  // (lua's emergency collection, at a safe point; the allocator's own failures do not collect).
  ptrdiff_t limit_debt() const {
    return static_cast<ptrdiff_t>(heap_.bytes_counted()) -
           static_cast<ptrdiff_t>(heap_.limit() / 8 * 7);
  }
  bool near_limit() const {
    return heap_.limit() != 0 && limit_debt() > 0 &&
           heap_.total_allocated() - full_allocated_ >= heap_.limit() / 8;
  }
  size_t full_allocated_ = 0;  // heap_.total_allocated() at the end of the last full_collect
  bool collecting_ = false;
  bool verifying_ = false;
  bool barriers_on_ = false;
  bool counting_ = true;  // payloads marked now count as survivors (see retrace)
  bool generational_ = false;
  bool major_ = true;       // the cycle under way (or last) clears marks first
  bool next_major_ = true;  // generational: the next cycle is a major one
  // Generational aging (see "GENERATIONAL MODE" in collector.cpp).
  bool recording_ = false;               // mark() lists what it marks (minor cycles, barriers)
  GrayStack young_marked_;               // marked since the last sweep ended: aged at the next
  GrayStack swept_marked_;               // marked while a sweep runs: aged a cycle later
  // Segmented like the gray stack, which they can outgrow: a vector's doubling at 200K touched
  // tables was a millisecond's copy in one step.
  GrayStack old1_;                       // touched old objects: re-scanned by the next minor too
  GrayStack touched_last_;               // old1_ of the last cycle, re-scanned by this one
  bool age_some(size_t n);               // during the sweep's last steps
  void age_survivors();                  // at the end of a sweep: the rest
  void forget_ages();                    // marks cleared or mode changed: no lists
  size_t gen_base_ = 0;     // generational: bytes in use after the last major cycle
  // Generational: a major cycle is due when the heap has grown majormul percent past gen_base_
  // (and by more than a step's worth of bytes: a tiny heap is not collected whole for a few).
  size_t major_limit() const {
    return gen_base_ + std::max(gen_base_ / 100 * static_cast<size_t>(majormul_),
                                size_t{1} << stepsize_);
  }
  int step_time_us_ = kDefaultStepTimeUs;
  std::chrono::steady_clock::time_point deadline_{};  // of the step under way
  bool has_deadline_ = false;
  int pause_ = kDefaultPause;
  int stepmul_ = kDefaultStepMul;
  int stepsize_ = kDefaultStepSize;
  int minormul_ = kDefaultMinorMul;
  int majormul_ = kDefaultMajorMul;
  size_t objects_marked_ = 0;
  unsigned cycle_number_ = 0;
  size_t cycle_start_bytes_ = 0;
  size_t sweep_start_allocated_ = 0;  // the heap's total_allocated() when the sweep began
  size_t last_sweep_allocated_ = 0;   // allocated during the last sweep (set_threshold)
  size_t aging_start_allocated_ = SIZE_MAX;  // and when a split aging began (SIZE_MAX: none)
  size_t objects_freed_ = 0;
  // Verifier state.
  const GcObject* verify_parent_ = nullptr;  // the object being traced; null: the roots
  std::vector<GcObject*> verify_stack_;
  std::unordered_set<const GcObject*>* verify_seen_ = nullptr;  // verify_live: instead of marks
  bool verify_steps_ = false;
  std::vector<std::string> verify_errors_;
  size_t verify_error_count_ = 0;
  Stats stats_;
};

}  // namespace tycho::gc
