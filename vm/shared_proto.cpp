// Prototypes shared between VMs: see vm/shared_proto.hpp.
#include "vm/shared_proto.hpp"

#include <cstring>

#include "vm/func.hpp"
#include "vm/string.hpp"

namespace tycho::vm {

namespace {

std::atomic<size_t> g_count{0};
std::atomic<size_t> g_bytes{0};

// What sp takes: itself, its vectors' storage and the strings that do not fit inline.
size_t bytes_of(const SharedProto& sp) {
  const auto text = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  size_t n =
      sizeof(SharedProto) + text(sp.source) + sp.code.capacity() * sizeof(Instruction) +
      sp.lineinfo.capacity() * sizeof(int32_t) + sp.k.capacity() * sizeof(SharedProto::Constant) +
      sp.upvalues.capacity() * sizeof(SharedProto::Upvalue) +
      sp.locvars.capacity() * sizeof(SharedProto::Local) + sp.p.capacity() * sizeof(SharedProto*);
  for (const auto& c : sp.k) n += text(c.text);
  for (const auto& u : sp.upvalues) n += text(u.name);
  for (const auto& l : sp.locvars) n += text(l.name);
  return n;
}

SharedProto* make_shared(Thread* L, const Proto* f) {
  auto* sp = new SharedProto;
  g_count.fetch_add(1, std::memory_order_relaxed);
  sp->numparams = f->numparams;
  sp->is_vararg = f->is_vararg;
  sp->maxstacksize = f->maxstacksize;
  sp->linedefined = f->linedefined;
  sp->lastlinedefined = f->lastlinedefined;
  if (f->source != nullptr) {
    sp->has_source = true;
    sp->source.assign(f->source->data(), f->source->len);
  }
  sp->code.assign(f->code, f->code + f->sizecode);
  if (f->lineinfo != nullptr) sp->lineinfo.assign(f->lineinfo, f->lineinfo + f->sizecode);
  sp->k.resize(static_cast<size_t>(f->sizek));
  for (int i = 0; i < f->sizek; i++) {
    const Value& v = f->k[i];
    SharedProto::Constant& c = sp->k[static_cast<size_t>(i)];
    if (v.is_string()) {
      c.is_string = true;
      c.text.assign(v.as_string()->data(), v.as_string()->len);
    } else {
      c.scalar = v;
    }
  }
  sp->upvalues.resize(static_cast<size_t>(f->sizeupvalues));
  for (int i = 0; i < f->sizeupvalues; i++) {
    const UpvalDesc& u = f->upvalues[i];
    SharedProto::Upvalue& out = sp->upvalues[static_cast<size_t>(i)];
    out.named = u.name != nullptr;
    if (u.name != nullptr) out.name.assign(u.name->data(), u.name->len);
    out.instack = u.instack;
    out.idx = u.idx;
    out.kind = u.kind;
  }
  sp->locvars.resize(static_cast<size_t>(f->sizelocvars));
  for (int i = 0; i < f->sizelocvars; i++) {
    const LocVar& lv = f->locvars[i];
    SharedProto::Local& out = sp->locvars[static_cast<size_t>(i)];
    if (lv.varname != nullptr) out.name.assign(lv.varname->data(), lv.varname->len);
    out.startpc = lv.startpc;
    out.endpc = lv.endpc;
  }
  sp->p.reserve(static_cast<size_t>(f->sizep));
  for (int i = 0; i < f->sizep; i++) sp->p.push_back(share_proto(L, f->p[i]));
  sp->bytes = bytes_of(*sp);
  g_bytes.fetch_add(sp->bytes, std::memory_order_relaxed);
  return sp;
}

template <typename T>
T* new_vector(Thread* L, size_t n) {
  if (n == 0) return nullptr;
  return static_cast<T*>(alloc_payload(L, sizeof(T) * n));
}

String* new_string(Thread* L, const std::string& s) {
  return vm::new_string(L, s.data(), s.size());
}

// Fill f (new, reachable from an anchor) from sp, as undump fills a Proto from a chunk: each
// array is made and cleared before anything else is allocated, so the collector always sees a
// well-formed Proto.
void materialize(Thread* L, Proto* f, SharedProto* sp, String* psource) {
  retain(sp);
  f->shared = sp;
  f->numparams = sp->numparams;
  f->is_vararg = sp->is_vararg;
  f->maxstacksize = sp->maxstacksize;
  f->linedefined = sp->linedefined;
  f->lastlinedefined = sp->lastlinedefined;
  // Borrowed: the instructions and their lines stay sp's.
  f->code = const_cast<Instruction*>(sp->code.data());
  f->lineinfo = sp->lineinfo.empty() ? nullptr : const_cast<int32_t*>(sp->lineinfo.data());
  f->sizecode = static_cast<int>(sp->code.size());
  f->borrowed = 1;
  // A nested function's source is its parent's (one string, even when it is long).
  const bool same = psource != nullptr && sp->has_source && psource->len == sp->source.size() &&
                    std::memcmp(psource->data(), sp->source.data(), sp->source.size()) == 0;
  f->source = sp->has_source && !same ? new_string(L, sp->source) : psource;

  const size_t nk = sp->k.size();
  Value* k = new_vector<Value>(L, nk);
  for (size_t i = 0; i < nk; i++) k[i].set_nil();
  f->k = k;
  f->sizek = static_cast<int>(nk);
  for (size_t i = 0; i < nk; i++) {
    const SharedProto::Constant& c = sp->k[i];
    k[i] = c.is_string ? Value::object(new_string(L, c.text)) : c.scalar;
  }

  const size_t nup = sp->upvalues.size();
  UpvalDesc* uv = new_vector<UpvalDesc>(L, nup);
  for (size_t i = 0; i < nup; i++) {
    uv[i].name = nullptr;
    uv[i].instack = sp->upvalues[i].instack;
    uv[i].idx = sp->upvalues[i].idx;
    uv[i].kind = sp->upvalues[i].kind;
  }
  f->upvalues = uv;
  f->sizeupvalues = static_cast<int>(nup);
  for (size_t i = 0; i < nup; i++) {
    if (sp->upvalues[i].named) uv[i].name = new_string(L, sp->upvalues[i].name);
  }

  const size_t nloc = sp->locvars.size();
  LocVar* locvars = new_vector<LocVar>(L, nloc);
  for (size_t i = 0; i < nloc; i++) {
    locvars[i].varname = nullptr;
    locvars[i].startpc = sp->locvars[i].startpc;
    locvars[i].endpc = sp->locvars[i].endpc;
  }
  f->locvars = locvars;
  f->sizelocvars = static_cast<int>(nloc);
  for (size_t i = 0; i < nloc; i++) locvars[i].varname = new_string(L, sp->locvars[i].name);

  const size_t np = sp->p.size();
  Proto** p = new_vector<Proto*>(L, np);
  for (size_t i = 0; i < np; i++) p[i] = nullptr;
  f->p = p;
  f->sizep = static_cast<int>(np);
  for (size_t i = 0; i < np; i++) {
    p[i] = new_proto(L);
    barrier_object(L, f, p[i]);
    materialize(L, p[i], sp->p[i], f->source);
  }
}

}  // namespace

SharedProto* share_proto(Thread* L, Proto* p) {
  if (p->shared == nullptr) p->shared = make_shared(L, p);
  retain(p->shared);
  return p->shared;
}

void retain(SharedProto* sp) { sp->refs.fetch_add(1, std::memory_order_relaxed); }

void release(SharedProto* sp) {
  if (sp->refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  for (SharedProto* child : sp->p) release(child);
  g_bytes.fetch_sub(sp->bytes, std::memory_order_relaxed);
  delete sp;
  g_count.fetch_sub(1, std::memory_order_relaxed);
}

void push_shared_closure(Thread* L, SharedProto* sp) {
  AnchorGuard guard(L);
  Proto* f = new_proto(L);
  L->g->anchors.push_back(f);
  materialize(L, f, sp, nullptr);
  push_closure(L, f);
}

size_t shared_proto_count() { return g_count.load(std::memory_order_relaxed); }
size_t shared_proto_bytes() { return g_bytes.load(std::memory_order_relaxed); }

}  // namespace tycho::vm
