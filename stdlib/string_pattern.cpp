// The string library: find, match, gmatch and gsub, with Lua patterns (manual §6.4.1). Being
// written.
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"

namespace tycho::stdlib {

void add_string_patterns(Thread* L) { (void)L; }

}  // namespace tycho::stdlib
