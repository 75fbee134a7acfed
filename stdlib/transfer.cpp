// Values crossing between VMs: Lua values to the shared store's SValues and packets, and back.
//
// What crosses (the rules of the `parallel` library, README): nil, booleans, numbers and strings
// by value; shared tables, frozen tables, channels and thread handles by reference; plain
// tables by deep copy (cycles and shared subtables preserved, plain metatables copied); Lua
// functions as their shared prototypes (vm/shared_proto.hpp), with upvalues copied by the same
// rules (upvalues that two functions share stay shared) and `_ENV` bound to the receiving VM's
// globals; the sending VM's globals table and standard libraries as the receiving VM's own;
// native functions without upvalues by identity. Anything else raises an error that names where it
// was found: "cannot send upvalue 'cfg' field 'x' (a userdata)".
//
// A function's prototype is shared, not copied: the receiver's Protos use the sender's
// instructions as they are (nothing is parsed, undumped or verified again).
#include "stdlib/transfer.hpp"

#include <cctype>
#include <cstring>
#include <string>
#include <unordered_map>

#include "stdlib/aux.hpp"
#include "vm/func.hpp"
#include "vm/shared_proto.hpp"
#include "vm/string.hpp"

namespace tycho::stdlib::transfer {

using shared::Node;
using shared::Packet;
using shared::SValue;
using shared::Tag;

namespace {

constexpr const char* kProtoCache = "parallel.protos";  // registry: see Receiver::push_function

constexpr const char* kLibraries[] = {"string",    "table", "math",  "io",      "os",
                                      "coroutine", "utf8",  "debug", "package", "parallel"};

uint32_t hash_at(Thread* L, int idx) {
  vm::Value* v = api::detail::arg_slot(L, idx);
  return vm::string_hash(v->as_string());
}

bool is_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

}  // namespace

// ---- Lua -> store ----

Sender::Sender(Thread* L) : L_(L) {}

Sender::~Sender() {
  if (packet_ != nullptr) shared::free_packet_now(packet_);
}

Packet* Sender::packet() {
  if (packet_ == nullptr) {
    packet_ = shared::new_packet();
  }
  return packet_;
}

Packet* Sender::take() {
  Packet* p = packet();
  packet_ = nullptr;
  return p;
}

[[noreturn]] void Sender::fail(int idx, const char* what) {
  std::string where;
  if (value_no_ != 0) where = "value #" + std::to_string(value_no_);
  for (const std::string& s : path_) {
    if (!where.empty()) where += ' ';
    where += s;
  }
  const char* tname = what != nullptr ? what : type_name_at(L_, idx);
  const char* article = std::strchr("aeio", tname[0]) ? "an" : "a";  // "a userdata"
  if (where.empty()) error(L_, "cannot send %s %s", article, tname);
  error(L_, "cannot send %s (%s %s)", where.c_str(), article, tname);
}

void Sender::push_path(std::string segment) { path_.push_back(std::move(segment)); }
void Sender::pop_path() { path_.pop_back(); }

// The node of the sending VM's globals or of one of its libraries, if the table at idx is one.
bool Sender::known_table(int idx, SValue& out) {
  const void* p = api::to_pointer(L_, idx);
  api::raw_get_i(L_, vm::kRegistryIndex, vm::kRidxGlobals);
  bool globals = api::to_pointer(L_, -1) == p;
  api::pop(L_, 1);
  if (globals) {
    Node n;
    n.type = Node::kGlobals;
    out = add_node(std::move(n));
    return true;
  }
  if (api::get_field(L_, vm::kRegistryIndex, kLoadedTable) != vm::kTTable) {
    api::pop(L_, 1);
    return false;
  }
  for (const char* name : kLibraries) {
    api::get_field(L_, -1, name);
    bool same = api::to_pointer(L_, -1) == p;
    api::pop(L_, 1);
    if (same) {
      api::pop(L_, 1);
      Node n;
      n.type = Node::kLibrary;
      n.text = name;
      out = add_node(std::move(n));
      return true;
    }
  }
  api::pop(L_, 1);
  return false;
}

SValue Sender::add_node(Node&& n) {
  Packet* p = packet();
  p->nodes.push_back(std::move(n));
  return SValue{p->nodes.size() - 1, Tag::kNode};
}

namespace {

enum class Kind { kSimple, kNeedsPacket, kUnsendable };

// A value that needs no packet (owned by `out`), or what it needs; `why` names what cannot be
// sent, when it is not the type's name. Raises only for memory.
Kind classify(Thread* L, int idx, SValue& out, const char*& why) {
  why = nullptr;
  switch (api::type(L, idx)) {
    case vm::kTNil:
    case api::kTNone:
      out = SValue{};
      return Kind::kSimple;
    case vm::kTBoolean:
      out = SValue{0, api::to_boolean(L, idx) ? Tag::kTrue : Tag::kFalse};
      return Kind::kSimple;
    case vm::kTNumber: {
      if (api::is_integer(L, idx)) {
        out = SValue{static_cast<uint64_t>(api::to_integer(L, idx)), Tag::kInt};
      } else {
        double d = api::to_number(L, idx);
        uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        out = SValue{bits, Tag::kFloat};
      }
      return Kind::kSimple;
    }
    case vm::kTString: {
      size_t len;
      const char* s = api::to_lstring(L, idx, &len);
      shared::SString* str = shared::new_string({s, len}, hash_at(L, idx));
      if (str == nullptr) vm::raise_memory_error(L);
      out = SValue{static_cast<uint64_t>(reinterpret_cast<uintptr_t>(str)), Tag::kString};
      return Kind::kSimple;
    }
    case vm::kTUserdata:
      if (handle_value(L, idx, out)) {
        shared::acquire(shared::object_of(out));
        return Kind::kSimple;
      }
      return Kind::kUnsendable;
    case vm::kTFunction:
      if (api::is_native_function(L, idx)) {
        if (api::get_upvalue(L, idx, 1) != nullptr) {
          api::pop(L, 1);
          why = "native function with upvalues";
          return Kind::kUnsendable;
        }
        auto fn = api::to_native_function(L, idx);
        out = SValue{static_cast<uint64_t>(reinterpret_cast<uintptr_t>(fn)), Tag::kNative};
        return Kind::kSimple;
      }
      return Kind::kNeedsPacket;
    case vm::kTTable:
      return Kind::kNeedsPacket;
    case vm::kTLightUserdata:
      why = "light userdata";
      return Kind::kUnsendable;
    default:
      return Kind::kUnsendable;
  }
}

}  // namespace

SValue Sender::scalar_or_ref(int idx, bool& done) {
  SValue v;
  const char* why;
  Kind k = classify(L_, idx, v, why);
  if (k == Kind::kUnsendable) fail(idx, why);
  done = k == Kind::kSimple;
  return v;
}

SValue Sender::value(int idx) {
  idx = api::abs_index(L_, idx);
  bool done;
  SValue v = scalar_or_ref(idx, done);
  if (done) return v;
  api::check_stack(L_, 8);
  const void* p = api::to_pointer(L_, idx);
  if (auto it = seen_.find(p); it != seen_.end())
    return SValue{static_cast<uint64_t>(it->second), Tag::kNode};
  if (api::is_table(L_, idx)) {
    if (known_table(idx, v)) {
      seen_[p] = static_cast<int32_t>(v.bits);
      return v;
    }
    Node n;
    n.type = Node::kTable;
    SValue self = add_node(std::move(n));
    auto index = static_cast<int32_t>(self.bits);
    seen_[p] = index;
    std::vector<SValue> entries;
    struct Guard {  // entries own what they hold until they are in the packet
      std::vector<SValue>& e;
      ~Guard() {
        for (const SValue& v : e) shared::release_value(v, false);
      }
    } guard{entries};
    api::push_nil(L_);
    while (api::next(L_, idx)) {
      std::string segment;
      if (api::type(L_, -2) == vm::kTString) {
        size_t len;
        const char* k = api::to_lstring(L_, -2, &len);
        std::string_view key(k, len);
        segment = is_identifier(key) ? "field '" + std::string(key) + "'" : "field '?'";
      } else if (api::is_integer(L_, -2)) {
        segment = "index " + std::to_string(api::to_integer(L_, -2));
      } else {
        segment = "key";
      }
      push_path("key of " + segment);
      entries.push_back(value(-2));
      pop_path();
      push_path(std::move(segment));
      entries.push_back(value(-1));
      pop_path();
      api::pop(L_, 1);
    }
    int32_t mt = -1;
    if (api::get_metatable(L_, idx)) {
      push_path("metatable");
      SValue m = value(-1);
      pop_path();
      api::pop(L_, 1);
      if (m.tag == Tag::kNode) mt = static_cast<int32_t>(m.bits);
    }
    Packet* pk = packet();
    Node& node = pk->nodes[static_cast<size_t>(index)];
    node.first = static_cast<uint32_t>(pk->slots.size());
    node.count = static_cast<uint32_t>(entries.size() / 2);
    node.metatable = mt;
    pk->slots.insert(pk->slots.end(), entries.begin(), entries.end());
    entries.clear();
    return self;
  }
  // A Lua function: its shared prototype and its upvalues.
  Node n;
  n.type = Node::kFunction;
  n.proto = vm::share_proto(L_, api::detail::arg_slot(L_, idx)->as_lua_closure()->p);
  SValue self = add_node(std::move(n));
  auto index = static_cast<int32_t>(self.bits);
  seen_[p] = index;
  std::vector<SValue> ups;
  std::vector<int32_t> joins;
  struct Guard {
    std::vector<SValue>& e;
    ~Guard() {
      for (const SValue& v : e) shared::release_value(v, false);
    }
  } guard{ups};
  for (int i = 1;; i++) {
    const char* name = api::get_upvalue(L_, idx, i);
    if (name == nullptr) break;
    void* id = api::upvalue_id(L_, idx, i);
    auto it = upvalues_.find(id);
    if (it != upvalues_.end()) {
      joins.push_back(it->second);
      ups.push_back(SValue{});
    } else {
      joins.push_back(-1);
      // The flat index of this upvalue: node index * 256 + upvalue number (at most 255).
      upvalues_[id] = index * 256 + (i - 1);
      push_path(std::string("upvalue '") + (*name ? name : "?") + "'");
      ups.push_back(value(-1));
      pop_path();
    }
    api::pop(L_, 1);
  }
  Packet* pk = packet();
  Node& node = pk->nodes[static_cast<size_t>(index)];
  node.first = static_cast<uint32_t>(pk->slots.size());
  node.count = static_cast<uint32_t>(ups.size());
  node.joins = std::move(joins);
  pk->slots.insert(pk->slots.end(), ups.begin(), ups.end());
  ups.clear();
  return self;
}

void Sender::add(int idx) {
  SValue v = value(idx);
  packet()->values.push_back(v);
}

bool Sender::simple(Thread* L, int idx, SValue& out, int value_no) {
  const char* why;
  Kind k = classify(L, idx, out, why);
  if (k == Kind::kUnsendable) {  // only now a Sender, for the message
    Sender s(L);
    s.value_no_ = value_no;
    s.fail(api::abs_index(L, idx), why);
  }
  return k == Kind::kSimple;
}

SValue Sender::single(Thread* L, int idx) {
  SValue v;
  if (simple(L, idx, v)) return v;
  Sender s(L);  // a plain table or a Lua function: a packet of one value
  s.add(idx);
  return shared::object_value(s.take(), Tag::kPacket);
}

// ---- store -> Lua ----

namespace {

struct Receiver {
  Thread* L;
  const Packet* pk;
  int cache;  // stack index of a table: node index + 1 -> the value made of it

  void push(const SValue& v) {
    if (v.tag == Tag::kNode) {
      push_node(static_cast<int32_t>(v.bits));
    } else {
      push_value(L, v);
    }
  }

  // A closure of a received function. The last closure made of each shared prototype stays
  // in a weak-valued table of the registry: while it lives, a function received again reuses
  // its Protos (a weak table never yields a dead value), else they are made anew.
  void push_function(vm::SharedProto* sp) {
    if (!get_subtable(L, vm::kRegistryIndex, kProtoCache)) {
      // Just created: make its values weak (__mode = "v", its own metatable).
      api::push_string(L, "v");
      api::set_field(L, -2, "__mode");
      api::push_value(L, -1);
      api::set_metatable(L, -2);
    }
    const int cache = api::get_top(L);
    api::push_light_userdata(L, sp);
    if (api::raw_get(L, cache) == vm::kTFunction) {
      vm::push_closure(L, api::detail::arg_slot(L, -1)->as_lua_closure()->p);
      api::remove(L, -2);
    } else {
      api::pop(L, 1);
      vm::push_shared_closure(L, sp);
      api::push_light_userdata(L, sp);
      api::push_value(L, -2);
      api::raw_set(L, cache);
    }
    api::remove(L, cache);
  }

  void push_node(int32_t n) {
    api::check_stack(L, 8);
    if (api::raw_get_i(L, cache, n + 1) != vm::kTNil) return;
    api::pop(L, 1);
    const Node& node = pk->nodes[static_cast<size_t>(n)];
    switch (node.type) {
      case Node::kGlobals:
        api::raw_get_i(L, vm::kRegistryIndex, vm::kRidxGlobals);
        break;
      case Node::kLibrary:
        api::get_field(L, vm::kRegistryIndex, kLoadedTable);
        api::get_field(L, -1, node.text.c_str());
        api::remove(L, -2);
        if (api::is_nil(L, -1) && node.text == "parallel") {  // not required here yet
          api::pop(L, 1);
          api::get_global(L, "require");
          api::push_string(L, "parallel");
          api::call(L, 1, 1);
        }
        break;
      case Node::kTable: {
        api::create_table(L, 0, static_cast<int>(node.count));
        api::push_value(L, -1);
        api::raw_set_i(L, cache, n + 1);
        for (uint32_t i = 0; i < node.count; i++) {
          push(pk->slots[node.first + 2 * i]);
          push(pk->slots[node.first + 2 * i + 1]);
          if (api::is_nil(L, -2)) {
            api::pop(L, 2);
            continue;
          }
          api::raw_set(L, -3);
        }
        if (node.metatable >= 0) {
          push_node(node.metatable);
          api::set_metatable(L, -2);
        }
        return;
      }
      case Node::kFunction: {
        push_function(node.proto);
        api::push_value(L, -1);
        api::raw_set_i(L, cache, n + 1);
        int f = api::get_top(L);
        for (uint32_t i = 0; i < node.count; i++) {
          int32_t join = node.joins[i];
          if (join >= 0) {
            push_node(join / 256);
            api::upvalue_join(L, f, static_cast<int>(i) + 1, -1, join % 256 + 1);
            api::pop(L, 1);
            continue;
          }
          push(pk->slots[node.first + i]);
          if (api::set_upvalue(L, f, static_cast<int>(i) + 1) == nullptr) api::pop(L, 1);
        }
        return;
      }
    }
    api::push_value(L, -1);
    api::raw_set_i(L, cache, n + 1);
  }
};

}  // namespace

void push_value(Thread* L, const SValue& v) {
  switch (v.tag) {
    case Tag::kNil:
      api::push_nil(L);
      return;
    case Tag::kFalse:
    case Tag::kTrue:
      api::push_boolean(L, v.tag == Tag::kTrue);
      return;
    case Tag::kInt:
      api::push_integer(L, static_cast<int64_t>(v.bits));
      return;
    case Tag::kFloat: {
      double d;
      std::memcpy(&d, &v.bits, sizeof d);
      api::push_number(L, d);
      return;
    }
    case Tag::kString: {
      auto* s = reinterpret_cast<shared::SString*>(static_cast<uintptr_t>(v.bits));
      api::push_lstring(L, s->data(), s->len);
      return;
    }
    case Tag::kNative:
      api::push_native_function(L, reinterpret_cast<vm::NativeFn>(static_cast<uintptr_t>(v.bits)));
      return;
    case Tag::kTable:
    case Tag::kChannel:
    case Tag::kTask:
      shared::acquire(shared::object_of(v));
      push_handle(L, shared::object_of(v), v.tag);
      return;
    case Tag::kPacket: {
      push_packet(L, static_cast<Packet*>(shared::object_of(v)));  // one value
      return;
    }
    case Tag::kNode:
      api::push_nil(L);  // only inside a packet (Receiver)
      return;
  }
}

int push_packet(Thread* L, const Packet* pk) {
  api::check_stack(L, static_cast<int>(pk->values.size()) + 8);
  if (pk->nodes.empty()) {
    for (const SValue& v : pk->values) push_value(L, v);
    return static_cast<int>(pk->values.size());
  }
  api::create_table(L, static_cast<int>(pk->nodes.size()), 0);
  int cache = api::get_top(L);
  Receiver r{L, pk, cache};
  for (const SValue& v : pk->values) r.push(v);
  api::remove(L, cache);
  return static_cast<int>(pk->values.size());
}

}  // namespace tycho::stdlib::transfer
