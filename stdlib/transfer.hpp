// Values crossing between VMs (the rules: transfer.cpp): a Sender turns Lua values into the
// shared store's SValues and packets; push_value and push_packet make them Lua values again in
// the receiving VM.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "stdlib/shared.hpp"
#include "vm/state.hpp"

namespace tycho::stdlib::transfer {

using vm::Thread;

// Builds one packet from values on a VM's stack. Raises a Lua error (the packet is freed) when a
// value cannot be sent.
class Sender {
 public:
  explicit Sender(Thread* L);
  ~Sender();
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  void add(int idx);                    // the value at idx, as the packet's next top-level value
  void push_path(std::string segment);  // where the values come from, for error messages
  void pop_path();
  shared::Packet* take();  // the packet (owned by the caller)

  // The value at idx as a shared table stores it: scalars, strings and references as they
  // are, a plain table or a Lua function as a packet of one value.
  static shared::SValue single(Thread* L, int idx);
  // The value at idx if it needs no packet (a scalar, a string, a reference): true with `out`
  // set (owned); false for a plain table or a Lua function. Raises for what cannot be sent.
  // `value_no` names it in that error ("value #2"); 0: no name.
  static bool simple(Thread* L, int idx, shared::SValue& out, int value_no = 0);

 private:
  shared::SValue value(int idx);
  shared::SValue scalar_or_ref(int idx, bool& done);
  bool known_table(int idx, shared::SValue& out);
  shared::SValue add_node(shared::Node&& n);
  shared::Packet* packet();
  [[noreturn]] void fail(int idx, const char* what);

  Thread* L_;
  shared::Packet* packet_ = nullptr;
  std::unordered_map<const void*, int32_t> seen_;  // tables and functions sent: their nodes
  std::unordered_map<void*, int32_t> upvalues_;    // upvalues sent: node * 256 + number
  std::vector<std::string> path_;
  int value_no_ = 0;  // "value #n" before the path, when not 0
};

// Push a value of the store (a counted object gets a handle of its own).
void push_value(Thread* L, const shared::SValue& v);
// Push a packet's top-level values; returns how many.
int push_packet(Thread* L, const shared::Packet* pk);

// The parallel library's handles (stdlib/parallel.cpp): whether the value at idx is one (and
// which object it holds, as an SValue that owns no reference), and pushing one (taking over a
// reference the caller holds).
bool handle_value(Thread* L, int idx, shared::SValue& out);
void push_handle(Thread* L, shared::SharedObject* o, shared::Tag tag);

}  // namespace tycho::stdlib::transfer
