// Raw equality of values, the one comparison that needs no metamethods.
#include "vm/value.hpp"

#include "vm/number.hpp"
#include "vm/string.hpp"

namespace tycho::vm {

bool raw_equal(const Value& a, const Value& b) {
  if (a.tt != b.tt) {
    // Only numbers compare equal across variants (1 == 1.0); short and long strings never hold
    // the same contents, and the nil variants differ as Lua's do.
    return a.is_number() && b.is_number() && num_eq(a, b);
  }
  switch (a.tt) {
    case kVNil:
    case kVEmpty:
    case kVAbsentKey:
    case kVFalse:
    case kVTrue:
      return true;
    case kVFloat:
      return a.u.n == b.u.n;
    case kVLightUserdata:
      return a.u.p == b.u.p;
    case kVLightFn:
      return a.u.f == b.u.f;
    case kVLongStr:
      return long_strings_equal(a.as_string(), b.as_string());
    default:
      return a.u.i == b.u.i;  // integers, and identity of every other object
  }
}

}  // namespace tycho::vm
