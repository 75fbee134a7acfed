// The coroutine library (manual §6.2; Lua's lcorolib.c).
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"
#include "vm/debug.hpp"

namespace tycho::stdlib {

namespace {

Thread* get_co(Thread* L) {
  Thread* co = api::to_thread(L, 1);
  arg_expected(L, co != nullptr, 1, "thread");  // lua 5.4.4 says "thread"
  return co;
}

// Resume `co` with narg arguments from L's top; returns the number of results moved to L, or
// -1 with the error message on L's top.
int aux_resume(Thread* L, Thread* co, int narg) {
  if (!api::check_stack(co, narg)) {
    api::push_string(L, "too many arguments to resume");
    return -1;
  }
  api::xmove(L, co, narg);
  int nres;
  int status = api::resume(co, L, narg, &nres);
  if (status == vm::kOk || status == vm::kYield) {
    if (!api::check_stack(L, nres + 1)) {
      api::pop(co, nres);
      api::push_string(L, "too many results to resume");
      return -1;
    }
    api::xmove(co, L, nres);
    return nres;
  }
  api::xmove(co, L, 1);  // the error message
  if (L->g->cancelled) api::error(L);  // a cancellation goes on unwinding (vm::request_cancel)
  return -1;
}

int coro_resume(Thread* L) {
  Thread* co = get_co(L);
  int r = aux_resume(L, co, api::get_top(L) - 1);
  if (r < 0) {
    api::push_boolean(L, false);
    api::insert(L, -2);
    return 2;  // false, message
  }
  api::push_boolean(L, true);
  api::insert(L, -(r + 1));
  return r + 1;  // true, results
}

int aux_wrap(Thread* L) {
  // The coroutine is the closure's one upvalue (coro_wrap made it), read without the
  // pseudo-index's general path. debug.setupvalue can replace it (lua5.4 then crashes).
  const vm::Value& up = L->ci->func->as_native_closure()->upvalue[0];
  if (!up.is_thread()) error(L, "cannot resume non-coroutine (the wrapped function's upvalue)");
  Thread* co = up.as_thread();
  int r = aux_resume(L, co, api::get_top(L));
  if (r < 0) {
    int stat = api::status(co);
    if (stat != vm::kOk && stat != vm::kYield) {  // an error in the coroutine
      stat = api::close_thread(co, L);            // close its tbc variables
      api::xmove(co, L, 1);
    }
    if (stat != vm::kErrMem && api::type(L, -1) == vm::kTString) {
      where(L, 1);  // prepend the position of the caller
      api::insert(L, -2);
      api::concat(L, 2);
    }
    api::error(L);
  }
  return r;
}

int coro_create(Thread* L) {
  check_type(L, 1, vm::kTFunction);
  Thread* nl = api::new_thread(L);
  api::push_value(L, 1);
  api::xmove(L, nl, 1);  // the function becomes the coroutine's body
  return 1;
}

int coro_wrap(Thread* L) {
  coro_create(L);
  api::push_native_closure(L, aux_wrap, 1);
  return 1;
}

int coro_yield(Thread* L) { return api::yield(L, api::get_top(L)); }

enum CoStatus { kCosRun, kCosDead, kCosYield, kCosNorm };
const char* const kStatName[] = {"running", "dead", "suspended", "normal"};

CoStatus aux_status(Thread* L, Thread* co) {
  if (L == co) return kCosRun;
  switch (api::status(co)) {
    case vm::kYield:
      return kCosYield;
    case vm::kOk: {
      vm::DebugInfo ar;
      if (vm::get_stack(co, 0, &ar)) return kCosNorm;  // it has frames: it is running
      if (api::get_top(co) == 0) return kCosDead;
      return kCosYield;  // initial state
    }
    default:
      return kCosDead;  // an error
  }
}

int coro_status(Thread* L) {
  Thread* co = get_co(L);
  api::push_string(L, kStatName[aux_status(L, co)]);
  return 1;
}

int coro_isyieldable(Thread* L) {
  Thread* co = api::is_none(L, 1) ? L : get_co(L);
  api::push_boolean(L, api::is_yieldable(co));
  return 1;
}

int coro_running(Thread* L) {
  bool ismain = api::push_thread(L);
  api::push_boolean(L, ismain);
  return 2;
}

int coro_close(Thread* L) {
  Thread* co = get_co(L);
  CoStatus status = aux_status(L, co);
  switch (status) {
    case kCosDead:
    case kCosYield: {
      if (api::close_thread(co, L) == vm::kOk) {
        api::push_boolean(L, true);
        return 1;
      }
      api::push_boolean(L, false);
      api::xmove(co, L, 1);  // the error message
      return 2;
    }
    default:
      error(L, "cannot close a %s coroutine", kStatName[status]);
  }
}

const Reg kCoFuncs[] = {
    {"create", coro_create},           {"resume", coro_resume}, {"running", coro_running},
    {"status", coro_status},           {"wrap", coro_wrap},     {"yield", coro_yield},
    {"isyieldable", coro_isyieldable}, {"close", coro_close},   {nullptr, nullptr},
};

}  // namespace

int open_coroutine(Thread* L) {
  new_lib(L, kCoFuncs);
  return 1;
}

}  // namespace tycho::stdlib
