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
// The owner lists every root in one function (set_roots). For the VM (gc_roots in vm/collect.cpp)
// that is, in order: the main thread (its stack and open upvalues), the registry (globals,
// loaded modules), the basic types' metatables, the metamethod names, the memory-error
// message, the compiler's objects in flight, the objects whose finalizers have yet to run,
// and host handles. Other coroutines are reached as values, and their stacks traced again in
// the atomic step (before_sweep). One place, so that a missing root is found by reading one
// function, and by stress mode (below) when it is not.
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
//   2. propagate(n)   pop gray objects and trace them, turning their white children gray;
//                     when none is left, re-scan the objects the backward barrier touched
//                     (below). Incremental: check() does n objects per step (Lua's pacing: a
//                     step after every 2^stepsize bytes of allocation, stepmul percent of
//                     work), and the program runs between steps.
//   3. atomic()       with nothing gray or touched left, finish marking in one go: the roots
//                     again and what they reach, what was touched since the last step (in
//                     the same step: nothing), then the owner's part in before_sweep (every
//                     thread's stack again, since stacks have no barriers; the compiler's
//                     objects; weak tables, finalizers), propagating what they mark. Its
//                     length depends on the roots and stacks, not on the heap.
//   4. sweep()        the heap frees every unmarked cell (calling on_free first), turns
//                     unmarked lines into holes and releases unmarked large objects, all by
//                     scanning bitmaps; marks are cleared for the next cycle (in
//                     generational mode the survivors keep theirs: sticky marks, below).
// Then set_threshold() sets the heap's allocation debt so that the next cycle starts when
// the heap has grown by `pause` percent (Lua's pacing; check() watches the debt).
//
// THE PROGRAM RUNS DURING MARKING
// The tri-color invariant would break if the program stored a white object into a black one
// and dropped every other reference to it. The VM's barriers (vm/state.hpp) prevent that, in
// two ways:
//  - FORWARD (barrier_forward): the stored object is marked at once. For the objects that
//    change seldom: closures, upvalues, metatables, prototypes.
//  - BACKWARD (touch): the black object that changed is touched, put on grayagain_ (once:
//    kGrayAgain), and traced again before the atomic step: propagate re-scans the touched
//    objects when nothing else is gray, and the loop ends only when none is left either, so
//    the atomic step sees only what the program changed since the step began (nothing). For
//    tables and userdata user values: a program stores short-lived objects into long-lived
//    tables all the time (a ring buffer, a cache, an entity list), and a forward barrier kept
//    every one of them alive for the cycle (in generational mode: made it old at once, to
//    wait for a major cycle). With the backward barrier what is overwritten before the
//    re-scan dies in this cycle. A touched object is re-scanned with its type's rescan
//    function where it has one: a big table re-scans only its dirty cards, the blocks of 16
//    entries the barrier marked (vm/table.hpp), in pieces like any big table; the others are
//    traced whole again. Stored values that are marked already need nothing, but during a
//    minor cycle a marked value may be a young one this cycle reached, and the table is
//    touched all the same (stored_white).
// Objects created during marking are born white: if they are reachable at the atomic step
// they are reached then. Payloads created during marking are marked at once (their owner may
// be black already). Stacks change without barriers and are traced again in the atomic step.
//
// NO STEP DEPENDS ON THE HEAP'S SIZE
// Big objects are traced in pieces (a trace function may defer the rest of an object with
// defer_rest: tables do past 1024 entries, restarting when the table was resized and
// re-scanning the nodes that insertions may have moved entries into). The sweep is lazy: cell
// pages and arena blocks are swept a few per step or when the allocator reaches them,
// whichever comes first (see SlabSpace and Arena); only large objects are swept at the end of
// marking. The accounting needs no pass over the heap either: the payloads' survivors are
// summed as they are marked, and cells leave it as their pages are swept. A new cycle starts
// only when everything is swept. The gray stack grows by segments, never by copying. And
// every step has a time budget (set_step_time, 500 us by default) besides its work budget:
// tracing and sweeping stop when it is spent. full_collect() (collectgarbage("collect"))
// finishes a cycle under way and runs a whole one at once.
//
// GENERATIONAL MODE (Lua's, with sticky mark bits)
// In generational mode the sweeps keep the marks of the survivors (heap sticky marks): an
// object that stays marked is old, and unmarked objects are young. A minor cycle marks from
// the roots without clearing anything, so it traces only young objects (and threads and the
// compiler's objects, which change without barriers), and its sweep frees only young ones.
// Old objects must not point to young ones the marking would not reach: in this mode the
// barriers apply at all times (not only while marking). A young object stored into an old
// closure or upvalue is marked at once and waits on the gray stack for the next cycle; an old
// table that gets a young value is touched (Lua's TOUCHED1) and re-scanned (its dirty cards)
// by the next minor cycle, so that what it held only for a while dies young; and a new
// payload of an old table is marked at once (barrier_payload). Old garbage stays until a
// major cycle, which clears every mark first and is incremental like any cycle here (Lua's
// major collections stop the world). Pacing is Lua's: a minor cycle after minormul percent of
// growth, a major one when the heap has grown majormul percent past what the last major one
// left; but majormul is 50 by default, not Lua's 100, since a major cycle costs no pause.
// AGES. As in Lua, an object becomes old when it survives its second minor cycle, not its
// first: most objects that outlive one cycle (a structure being built when the cycle ran)
// die soon after, and old garbage waits for a major cycle. mark() lists the objects that a
// minor cycle (or a barrier, at any time) marks; at the end of the sweep (age_some, a bounded
// number per sweep step, then age_survivors) the first survivors are unmarked and get the
// kAged bit (Lua's SURVIVAL; their payloads keep their line marks until the next major
// cycle), and the aged ones and those a barrier marked become old (Lua's OLD0). An object made
// old that way may point to first survivors, now unmarked: it is left on the gray stack, so
// the next minor cycle traces it again (Lua's OLD1 and markold), which marks them; they become
// old at its end. An object a barrier marks during a sweep is traced only in the next cycle,
// so it is aged at that one's end. A touched old object is re-scanned in this minor cycle and,
// through old1_, in the next one too (Lua's TOUCHED2), for the same reason: what the re-scan
// found young is a first survivor then. Tables keep that per card (kCardOld0/1 by the
// cycle's parity, so that a second re-scan in the same cycle keeps it).
// collectgarbage("step") in this mode is one whole minor (or due major) collection, as
// Lua's.
//
// STRESS MODE AND THE VERIFIER
// In stress mode every check() does a small step (16 objects) and cycles run back to back (in
// generational mode mostly minor ones, every eighth major), so marking is always under way
// while the program runs (exercising every barrier) and a pointer that is not reachable from
// the roots is freed within a few safe points. verify() walks the heap from the roots without
// freeing anything and checks every reached object and payload, so tests can run it after
// every script; verify_live() does the same at any point of a cycle without touching the
// marks, and set_verify_steps runs it after every step.
#include "gc/collector.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <chrono>
#include <climits>
#include <cmath>

#include "heap/immortal.hpp"

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

}  // namespace

// floor(8 * log2(us)), from the float's exponent and mantissa: called after every step, and
// calling libm's log2 there maps tens of pages of libm into every program that collects.
size_t Stats::pause_log_bucket(double ms) {
  const double us = ms * 1000;
  if (!(us >= 1)) return 0;
  // 2^(j/8) for j = 1..7: the mantissa's eighth of an octave.
  constexpr double kEighths[] = {1.0905077326652577, 1.1892071150027210, 1.2968395546510096,
                                 1.4142135623730951, 1.5422108254079407, 1.6817928305074290,
                                 1.8340080864093424};
  const uint64_t bits = std::bit_cast<uint64_t>(us);
  const int64_t exponent = static_cast<int64_t>(bits >> 52) - 1023;
  const double mantissa =
      std::bit_cast<double>((bits & ((uint64_t{1} << 52) - 1)) | (uint64_t{1023} << 52));
  size_t eighth = 0;
  while (eighth < 7 && mantissa >= kEighths[eighth]) ++eighth;
  return std::min<size_t>(static_cast<size_t>(exponent) * 8 + eighth, 255);
}

namespace {

constexpr size_t kMaxVerifyErrors = 16;

}  // namespace

Collector::Collector(heap::Heap& heap, const TypeOps* ops, size_t ops_count, bool stress)
    : heap_(heap), ops_(ops), ops_count_(std::min<size_t>(ops_count, 256)), stress_(stress) {
  for (size_t i = 0; i < ops_count_; ++i) {
    trace_[i] = ops_[i].trace;
    rescan_[i] = ops_[i].trace != nullptr ? ops_[i].rescan : nullptr;
  }
  set_debt(-static_cast<ptrdiff_t>(kInitialBudget));
}

void Collector::set_roots(void (*enumerate)(Collector&, void*), void* ctx) {
  roots_ = enumerate;
  roots_ctx_ = ctx;
}

void Collector::set_before_sweep(void (*fn)(Collector&, void*), void* ctx) {
  before_sweep_ = fn;
  before_sweep_ctx_ = ctx;
}

void Collector::mark_stored(GcObject* v) {
  mark(v);
  // Tested first: immortal objects (heap/immortal.hpp), shared by VMs on other threads, are
  // born aged and must not be written.
  if (generational_ && !(v->gc_bits & kAged)) v->gc_bits |= kAged;
}

bool Collector::stored_white(GcObject* v) {
  if (!is_marked(v)) return true;
  // A marked value is old, or reached by this cycle, except during a minor cycle: there it
  // may be a young object this cycle marked, which its end makes a first survivor, unmarked
  // again, that only a re-scan of the old table would find in the next minor cycle.
  return generational_ && !major_ && phase_ != Phase::kIdle && !(v->gc_bits & kOld);
}

// A step frees at most this many surplus segments of the lists (8 KiB each). A free that
// lets glibc shrink its heap costs tens of microseconds on the test machine: the 300
// segments of a list of 300K touched tables, freed at once, were 1.6-2.4 ms of one step,
// and 16 a step 1.1-1.4 ms.
constexpr size_t kTrimSegmentsAtOnce = 2;

void Collector::trim_stacks(size_t n) {
  for (GrayStack* s :
       {&gray_, &grayagain_, &young_marked_, &swept_marked_, &old1_, &touched_last_}) {
    n -= s->trim(n);
  }
}

void Collector::clear_touched() {
  while (!grayagain_.empty()) {
    untag(grayagain_.back())->gc_bits &= static_cast<uint8_t>(~kGrayAgain);
    grayagain_.pop_back();
  }
  grayagain_.clear();
}

// Trace again one object that changed after it was marked: with its type's rescan function
// (what changed), or whole. An object unmarked since it was touched (a first survivor aged
// since, in generational mode) is traced anew if it is reached; nothing to do for it here.
// The objects touched in the last minor cycle (touched_last_) come after grayagain_: one that
// is on both is re-scanned once from grayagain_ (touched_last_ holds no kGrayAgain bit).
bool Collector::rescan_touched() {
  GcObject* tagged;
  GcObject* o;
  if (!grayagain_.empty()) {
    tagged = grayagain_.back();
    grayagain_.pop_back();
    o = untag(tagged);
    o->gc_bits &= static_cast<uint8_t>(~kGrayAgain);
  } else if (!touched_last_.empty()) {
    tagged = touched_last_.back();
    touched_last_.pop_back();
    o = untag(tagged);
  } else {
    return false;
  }
  if (!is_marked(o)) return true;
  const bool whole = (reinterpret_cast<uintptr_t>(tagged) & 4) != 0;
  if (!whole && rescan_[o->type] != nullptr) {
    resume_ = 0;
    counting_ = false;
    rescan_[o->type](*this, o);
    return true;
  }
  retrace(o);
  // What it points to may be first survivors at the end of this minor cycle: traced in the
  // next one too.
  if (recording_) old1_.push_back(whole ? tagged : o);
  return true;
}

// ---- The phases ----

void Collector::mark_roots() {
  objects_marked_ = 0;
  objects_freed_ = 0;
  cycle_start_bytes_ = heap_.bytes_in_use();
  set_phase(Phase::kMarking);
  if (roots_ != nullptr) roots_(*this, roots_ctx_);
}

// A cycle starts: a major one (every cycle in incremental mode) from a heap without marks; a
// minor one keeps the old objects' marks and the objects the barriers marked since the last
// cycle (on the gray stack), so that only young objects are traced.
void Collector::start_cycle() {
  assert(!heap_.lazy_sweeping() && "a cycle starts only when everything is swept");
  // As Lua's genstep, the choice is made when the cycle starts: the heap may have passed the
  // major limit since the last cycle ended (by a minor cycle's worth of growth). What the
  // program allocated during the last lazy sweep is left out: Lua's minor collections sweep at
  // once, and its count at this point has no such young objects. On a small heap that sweep
  // lasts while the program allocates a good part of the heap again, and counting it made
  // every cycle a major one (ray_tracer, 57 KB in use: 4924 majors, 0 minors).
  if (generational_) {
    const size_t in_use = heap_.bytes_in_use();
    if (in_use - std::min(in_use, last_sweep_allocated_) > major_limit()) next_major_ = true;
  }
  major_ = !generational_ || next_major_;
  ++cycle_number_;
  if (major_) {
    if (generational_) heap_.clear_marks();
    gray_.clear();
    // Every object is traced anew; what is still touched from before is re-scanned only if
    // it is marked by then (clearing the list here would be a pass over it in one step).
    forget_ages();
  } else {
    // Lua's markold: the objects made old at the end of the last cycle may point to its first
    // survivors, which are unmarked again; they are traced once more (age_survivors left them
    // on the gray stack), and the old objects touched in the last cycle are re-scanned again.
    std::swap(touched_last_, old1_);
    old1_.clear();
    recording_ = true;
  }
  mark_roots();
}

bool Collector::propagate(size_t budget_objects) {
  // The clock is read every 64 units of work (not objects: a piece of a big table is 256).
  ptrdiff_t until_clock = 64;
  // Once the gray stack ran dry, the step tries to finish the marking, bounded by its time
  // budget only (if it has one; stress mode keeps its small steps): the touched objects are
  // what the program changed since the last re-scan, and re-scanning them costs more than the
  // allocation that paid for the step (a card of 16 entries for a small object stored), so a
  // work budget would let the program dirty cards faster than the steps clean them and the
  // marking would never end.
  bool finishing = false;
  while (budget_objects > 0) {
    GcObject* o;
    if (has_deadline_ && until_clock <= 0) {
      until_clock = 64;
      if (std::chrono::steady_clock::now() >= deadline_) break;
    }
    if (!partial_.empty()) {
      const Partial p = partial_.back();
      partial_.pop_back();
      o = p.o;
      resume_ = p.next;
      resume_tag_a_ = p.tag_a;
      resume_tag_b_ = p.tag_b;
      resume_extra_ = p.extra;
    } else if (!gray_.empty()) {
      o = gray_.back();
      gray_.pop_back();
      resume_ = 0;
    } else {
      // The touched objects last: re-scanned once nothing else is left, so that the ones the
      // program keeps changing are re-scanned as late as possible.
      work_ = 1;
      if (!rescan_touched()) break;
      finishing = !stress_;  // stress mode keeps its small steps
      until_clock -= static_cast<ptrdiff_t>(work_);
      if (!finishing) budget_objects -= std::min(budget_objects, work_);
      continue;
    }
    const auto raw = reinterpret_cast<uintptr_t>(o);
    counting_ = (raw & 1) == 0;  // see retrace()
    o = untag(o);
    work_ = 1;
    if (raw & 2) {
      rescan_[o->type](*this, o);
    } else {
      trace_[o->type](*this, o);  // only objects whose type traces are pushed
    }
    until_clock -= static_cast<ptrdiff_t>(work_);
    if (!finishing) budget_objects -= std::min(budget_objects, work_);
  }
  counting_ = true;
  resume_ = 0;
  return gray_.empty() && partial_.empty() && grayagain_.empty() && touched_last_.empty();
}

// The atomic step: the mutator ran between the marking steps, so what the barriers did not
// follow is done now, in one go: the roots again (host handles and the like change without
// barriers), the objects re-grayed by the backward barrier, and the owner's part (thread
// stacks, which have no barriers, then weak tables and finalizers) in before_sweep.
void Collector::atomic() {
  assert(gray_.empty() && partial_.empty() && grayagain_.empty() &&
         "the atomic step starts with nothing gray or touched left");
  set_phase(Phase::kAtomic);
  // Bounded by the roots and what changed, not by the heap: no time budget. The step's budget
  // is back for what follows in the same step (the first pieces of the sweep).
  const bool had_deadline = has_deadline_;
  has_deadline_ = false;
  if (roots_ != nullptr) roots_(*this, roots_ctx_);
  propagate(SIZE_MAX);  // with what was touched since the last step
  if (before_sweep_ != nullptr) {
    before_sweep_(*this, before_sweep_ctx_);
    propagate(SIZE_MAX);
  }
  assert(gray_.empty() && partial_.empty() && "marking ends with nothing gray");
  has_deadline_ = had_deadline;
}

void Collector::sweep() {
  set_phase(Phase::kSweeping);
  heap_.sweep(&Collector::on_dead, this);
  set_phase(Phase::kIdle);
}

// Survivors aged at once at the end of a sweep; more are aged a bounded number per step
// (aging 64K objects takes well under a millisecond).
constexpr size_t kAgeAtOnce = 8192;

// Sweep pages until done or `pages` are swept (or the step's time is spent); true when the
// sweep (and the cycle) is over.
bool Collector::sweep_step(size_t pages) {
  while (pages > 0) {
    // A page between reads of the clock: a page of dead strings costs tens of microseconds
    // (each leaves the intern table), and four of them took a step 0.3 ms past its budget.
    const size_t n = std::min<size_t>(pages, 1);
    if (heap_.sweep_some(n)) {
      // Then the survivors' ages: a minor cycle may have marked hundreds of thousands of
      // objects, which are aged a bounded number per step.
      if (generational_ && young_marked_.size() > kAgeAtOnce) {
        if (aging_start_allocated_ == SIZE_MAX) aging_start_allocated_ = heap_.total_allocated();
        if (!age_some(pages > SIZE_MAX / 1024 ? SIZE_MAX : pages * 1024)) return false;
      }
      set_phase(Phase::kIdle);
      end_sweep();
      return true;
    }
    pages -= n;
    if (has_deadline_ && std::chrono::steady_clock::now() >= deadline_) break;
  }
  return false;
}

void Collector::end_sweep() {
  if (generational_) age_survivors();
  if (after_sweep_ != nullptr) after_sweep_(*this, before_sweep_ctx_);
  set_threshold();
}

void Collector::finish_sweep() {
  if (phase_ == Phase::kSweeping) sweep_step(SIZE_MAX);
}

void Collector::end_cycle_now() {
  if (phase_ == Phase::kMarking) {
    propagate(SIZE_MAX);
    finish_cycle(false);
  }
  finish_sweep();
}

void Collector::whole_cycle() {
  start_cycle();
  propagate(SIZE_MAX);
  finish_cycle(false);
}

void Collector::on_dead(void* ctx, void* cell) {
  auto* self = static_cast<Collector*>(ctx);
  auto* o = static_cast<GcObject*>(cell);
  ++self->objects_freed_;
  if (o->type < self->ops_count_) {
    if (auto on_free = self->ops_[o->type].on_free) on_free(self->roots_ctx_, o);
  }
}

// Ends the marking: the atomic step, then the sweep, whole (`lazy` false) or begun (the
// heap sweeps the cells' pages as the allocator reaches them and in later steps).
void Collector::finish_cycle(bool lazy) {
  atomic();
  // Generational: from now on what the barriers mark is listed (a major cycle's marking
  // lists nothing: what it marks is old).
  recording_ = generational_;
  sweep_start_allocated_ = heap_.total_allocated();
  aging_start_allocated_ = SIZE_MAX;
  const size_t marked = objects_marked_;
  if (lazy) {
    set_phase(Phase::kSweeping);
    heap_.begin_lazy_sweep(&Collector::on_dead, this);
  } else {
    sweep();
    end_sweep();
  }
  const size_t after = heap_.bytes_in_use();
  ++stats_.cycles;
  if (!major_) ++stats_.minor_cycles;
  stats_.bytes_freed_total += cycle_start_bytes_ > after ? cycle_start_bytes_ - after : 0;
  stats_.objects_freed_total += objects_freed_;
  stats_.heap_before_last = cycle_start_bytes_;
  stats_.heap_after_last = after;
  stats_.objects_marked_last = marked;
}

void Collector::record_pause(std::chrono::steady_clock::time_point start) {
  const double ms = ms_since(start);
  stats_.total_ms += ms;
  stats_.last_pause_ms = ms;
  stats_.max_pause_ms = std::max(stats_.max_pause_ms, ms);
  ++stats_.pause_histogram[pause_bucket(ms)];
  ++stats_.pause_log[Stats::pause_log_bucket(ms)];
}

void Collector::full_collect() {
  if (collecting_) return;  // e.g. from an on_free that reached a safe point
  collecting_ = true;
  const auto start = std::chrono::steady_clock::now();
  end_cycle_now();  // the cycle under way may keep dead objects
  next_major_ = true;
  whole_cycle();
  heap_.trim_some(SIZE_MAX);  // collectgarbage("collect"): the memory goes back now
  record_pause(start);
  full_allocated_ = heap_.total_allocated();
  collecting_ = false;
}

void Collector::set_generational(bool on) {
  if (on == generational_ || collecting_) return;
  collecting_ = true;
  has_deadline_ = false;
  end_cycle_now();  // in the old mode
  if (!on) {  // no object is old any more; what the barriers marked is forgotten with it
    heap_.clear_marks();
    gray_.clear();
    clear_touched();
  }
  forget_ages();
  generational_ = on;
  heap_.set_sticky_marks(on);
  next_major_ = true;  // entering: the first cycle makes every survivor old
  set_phase(phase_);
  collecting_ = false;
}

// One step of an incremental cycle: start one when idle, else trace up to budget objects;
// when the gray stack runs dry, finish the cycle. Between steps the program runs.
bool Collector::incremental_step(size_t budget_objects) {
  switch (phase_) {
    case Phase::kIdle:
      start_cycle();
      return false;
    case Phase::kMarking:
      if (propagate(budget_objects)) finish_cycle(true);
      return false;
    case Phase::kSweeping:
      return sweep_step(std::max<size_t>(budget_objects / 64, 4));
    default:
      return false;
  }
}

// The rate of work: stepmul percent of the bytes allocated on a heap of up to 1 MiB (one unit
// of work is counted as 32 bytes: a small object and its share of payload), growing with the
// heap to Lua 5.4's rate at 6.25 MiB and beyond (for every 16 bytes allocated, its
// WORK2MEM, stepmul percent of 100 bytes traversed: about six times as much). On a big heap
// marking must end while the heap has grown by a fraction of its live size, or the garbage
// the program makes meanwhile (which the cycle cannot free) doubles the heap; on a small one
// that garbage is small, and each cycle's fixed cost (the roots, the library tables) is not:
// at Lua's rate a 100 KiB heap ran 48 % more cycles (ray_tracer: 8.4 % more instructions).
size_t Collector::work_for(size_t bytes) const {
  const size_t per_100 = static_cast<size_t>(stepmul_);  // bytes of work per 100 allocated
  // The heap's size in 64 KiB units, within [16, 100]: the multiplier in sixteenths.
  const size_t sixteenths = std::clamp<size_t>(heap_.bytes_in_use() >> 16, 16, 100);
  const size_t base = bytes / 100;
  if (base > SIZE_MAX / std::max<size_t>(per_100 * sixteenths, 1)) return SIZE_MAX;
  return base * per_100 * sixteenths / 16 / 32;
}

size_t Collector::step_budget() const {
  // Lua's pacing: a step comes after 2^stepsize bytes of allocation and does that much work.
  return std::max<size_t>(work_for(size_t{1} << stepsize_), 64);
}

void Collector::release_all() {
  if (collecting_) return;
  collecting_ = true;
  heap_.clear_marks();  // finishes a lazy sweep first
  gray_.clear();
  clear_touched();
  partial_.clear();
  objects_freed_ = 0;
  heap_.set_sticky_marks(false);
  forget_ages();
  sweep();  // nothing is marked
  stats_.objects_freed_total += objects_freed_;
  collecting_ = false;
}

// The end of a sweep in generational mode: each object marked since the last sweep ended
// either survived its first minor cycle (it becomes young again, unmarked, its payloads still
// marked) or its second, or a barrier stored it into an old object (it becomes old, and is
// traced once more in the next minor cycle, as its children may be first survivors now).
// Up to n of them (the sweep's steps), or all; true when none is left. Objects a barrier
// marks meanwhile go to swept_marked_, so the list only shrinks.
bool Collector::age_some(size_t n) {
  size_t until_clock = 1024;
  while (!young_marked_.empty() && n-- > 0) {
    if (has_deadline_ && --until_clock == 0) {
      until_clock = 1024;
      if (std::chrono::steady_clock::now() >= deadline_) return false;
    }
    GcObject* o = young_marked_.back();
    young_marked_.pop_back();
    if (o->gc_bits & kAged) {  // old now; traced again when the next minor cycle starts
      o->gc_bits = static_cast<uint8_t>((o->gc_bits & ~kAged) | kOld);
      retrace(o);
    } else {
      o->gc_bits |= kAged;
      heap_.unmark_cell(o);
    }
  }
  return young_marked_.empty();
}

void Collector::age_survivors() {
  const bool had_deadline = has_deadline_;
  has_deadline_ = false;  // all of them now
  age_some(SIZE_MAX);
  has_deadline_ = had_deadline;
  young_marked_.clear();
  std::swap(young_marked_, swept_marked_);
}

void Collector::forget_ages() {
  young_marked_.clear();
  swept_marked_.clear();
  old1_.clear();
  touched_last_.clear();
  recording_ = false;
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
  const size_t during = heap_.total_allocated() - sweep_start_allocated_;  // the lazy sweep's
  last_sweep_allocated_ = during;
  if (generational_) {
    // Lua's generational pacing: a minor collection after minormul percent of growth; a major
    // one when the heap has grown majormul percent past what the last major one left.
    if (major_) {
      // The base is what the cycle found alive: what is in use now less what was allocated
      // during the lazy sweep (Lua's stop-the-world major collection has none). Counting
      // those young objects in would let the heap grow past twice its live size before the
      // next major cycle.
      gen_base_ = in_use > during ? in_use - during : 0;
      next_major_ = false;
    } else {
      next_major_ = in_use > major_limit();
    }
    const size_t min_slack = size_t{1} << stepsize_;
    // What the program allocated while the survivors were aged step by step counts against
    // the next minor cycle, as if they had been aged at once: otherwise a long aging stretches
    // the period between minor cycles (binary_trees: 26 MB peak instead of 19).
    size_t minor = in_use / 100 * static_cast<size_t>(minormul_);
    if (aging_start_allocated_ != SIZE_MAX) {
      const size_t aging = heap_.total_allocated() - aging_start_allocated_;
      minor = minor > aging ? minor - aging : 0;
    }
    const size_t budget = next_major_ ? min_slack : std::max(minor, min_slack);
    set_debt(-static_cast<ptrdiff_t>(std::min<size_t>(budget, PTRDIFF_MAX)));
    return;
  }
  // The pause applies to what the cycle found alive (Lua's GCestimate): what is in use now
  // less what the program allocated during the lazy sweep, which the next cycle judges.
  const size_t live = in_use > during ? in_use - during : 0;
  const size_t pause = static_cast<size_t>(pause_);
  size_t threshold = live > SIZE_MAX / std::max<size_t>(pause, 1) ? SIZE_MAX : live * pause / 100;
  const size_t min_slack = std::max(in_use / 16, size_t{1} << stepsize_);
  if (in_use <= SIZE_MAX - min_slack) threshold = std::max(threshold, in_use + min_slack);
  threshold = std::min<size_t>(threshold, PTRDIFF_MAX);
  const ptrdiff_t debt = static_cast<ptrdiff_t>(in_use) - static_cast<ptrdiff_t>(threshold);
  set_debt(std::min<ptrdiff_t>(debt, 0));
}

void Collector::check() {
  if (!running_ || collecting_) return;
  if (stress_) {
    // Stress: a small step at every safe point, cycles back to back, so that marking is
    // always under way and every missing barrier or root shows up quickly.
    collecting_ = true;
    const auto start = std::chrono::steady_clock::now();
    if (phase_ == Phase::kSweeping) {
      sweep_step(1);
    } else {
      if (phase_ == Phase::kIdle) {
        // Generational: mostly minor cycles, a major one now and then.
        if (generational_ && stats_.cycles % 8 == 7) next_major_ = true;
        start_cycle();
      }
      if (propagate(16)) finish_cycle(true);
    }
    record_pause(start);
    collecting_ = false;
    if (verify_steps_) verify_after_step();
    return;
  }
  const ptrdiff_t debt = heap_.debt();
  if (debt <= 0) return;
  if (near_limit()) {  // (set_debt: with a heap limit, garbage goes before the limit is hit)
    full_collect();
    return;
  }
  collecting_ = true;
  const auto start = std::chrono::steady_clock::now();
  has_deadline_ = step_time_us_ > 0;
  deadline_ = start + std::chrono::microseconds(step_time_us_);
  // As Lua, a step pays for the debt: after a long stretch without a safe point (a loop
  // filling one big table) it does that much more work, within the step's time budget, and
  // may pass through a few phases (start, mark, atomic, sweep) so that a cycle can finish at
  // one safe point: its garbage goes before the program builds the next.
  const size_t owed = work_for(static_cast<size_t>(debt));
  const size_t budget = std::max(step_budget(), owed);
  bool done = false;
  for (int phases = 0; phases < 4 && !done; phases++) {
    done = incremental_step(budget);
    if (owed <= step_budget()) break;  // an ordinary step: one piece
    if (has_deadline_ && std::chrono::steady_clock::now() >= deadline_) break;
  }
  // The surplus pages of the last sweep and the lists' surplus segments, a few at a time, when
  // the step has time left: unmapping four used pages takes about 0.3 ms.
  if (!has_deadline_ || std::chrono::steady_clock::now() < deadline_) {
    heap_.trim_some(heap::kTrimAtOnce);
    trim_stacks(kTrimSegmentsAtOnce);
  }
  has_deadline_ = false;
  end_step(start, done);
  // Cut short by its time budget with much of the debt unpaid (a long stretch of allocation
  // without a safe point): the debt stays, so the next safe points go on paying, in steps of
  // bounded length, until the cycle ends (which sets the next threshold). Where the program
  // then allocates nothing (a loop over the table it built) the cycle still finishes.
  if (!done && phase_ != Phase::kIdle && owed > 2 * step_budget()) set_debt(debt);
}

void Collector::end_step(std::chrono::steady_clock::time_point start, bool cycle_done) {
  if (!cycle_done && phase_ != Phase::kIdle) {
    set_debt(-static_cast<ptrdiff_t>(size_t{1} << stepsize_));
  }
  record_pause(start);
  collecting_ = false;
  if (verify_steps_) verify_after_step();
}

bool Collector::step(size_t kb) {
  if (collecting_) return false;
  collecting_ = true;
  const auto start = std::chrono::steady_clock::now();
  bool done = false;
  if (generational_) {
    // As Lua's: in generational mode a step is one whole collection, minor (or major when
    // due), whatever its size; a cycle under way is finished first.
    end_cycle_now();
    whole_cycle();
    end_step(start, true);
    return true;
  }
  if (kb == 0) {
    done = incremental_step(step_budget());
  } else {
    size_t work = std::max<size_t>(work_for(kb * 1024), 1);
    while (!done && work > 0) {
      const size_t n = std::min(work, step_budget());
      done = incremental_step(n);
      work -= n;
    }
  }
  end_step(start, done);
  return done;
}

void Collector::restart() {
  set_debt(0);  // as Lua: collect soon
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

int Collector::set_step_time(int us) {
  const int old = step_time_us_;
  step_time_us_ = std::max(us, 0);
  return old;
}

int Collector::set_stepsize(int log2_bytes) {
  const int old = stepsize_;
  stepsize_ = std::clamp(log2_bytes, 0, 62);
  return old;
}

// ---- The verifier ----

std::string Collector::verify() {
  if (collecting_) return "verify: called during a collection cycle\n";
  if (phase_ != Phase::kIdle) {  // the verifier needs a heap without marks: end the cycle
    collecting_ = true;
    end_cycle_now();
    collecting_ = false;
  }
  heap_.clear_marks();  // generational mode: the old objects' marks
  verify_traverse();
  heap_.clear_marks();
  forget_ages();
  next_major_ = true;  // generational: no object is old now
  return verify_report();
}

void Collector::verify_traverse() {
  verifying_ = true;
  verify_errors_.clear();
  verify_error_count_ = 0;
  verify_stack_.clear();
  verify_parent_ = nullptr;
  if (roots_ != nullptr) roots_(*this, roots_ctx_);
  while (!verify_stack_.empty()) {
    GcObject* o = verify_stack_.back();
    verify_stack_.pop_back();
    verify_parent_ = o;
    trace_[o->type](*this, o);
  }
  verify_parent_ = nullptr;
  verifying_ = false;
}

std::string Collector::verify_report() const {
  std::string report;
  for (const std::string& line : verify_errors_) report += line + "\n";
  if (verify_error_count_ > verify_errors_.size()) {
    report += "... " + std::to_string(verify_error_count_ - verify_errors_.size()) + " more\n";
  }
  return report;
}

std::string Collector::verify_live() {
  if (collecting_) return "";
  std::unordered_set<const GcObject*> seen;
  verify_seen_ = &seen;
  verify_traverse();
  verify_seen_ = nullptr;
  return verify_report();
}

void Collector::verify_after_step() {
  const std::string report = verify_live();
  if (report.empty()) return;
  std::fprintf(stderr, "tycho: heap verification failed after a collector step (phase %d):\n%s",
               static_cast<int>(phase_), report.c_str());
  std::abort();
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
  if (heap::is_immortal_cell(o)) return;  // always marked, points to nothing
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
  if (verify_seen_ != nullptr ? !verify_seen_->insert(o).second : !heap_.mark_cell(o)) return;
  if (auto check = ops_[o->type].verify) {
    if (const char* problem = check(o)) {
      verify_error(describe(o) + ": " + problem + " (from " + describe(verify_parent_) + ")");
    }
  }
  if (trace_[o->type] != nullptr) verify_stack_.push_back(o);
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
