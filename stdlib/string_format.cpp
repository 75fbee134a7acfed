// The string library: string.format. Being written.
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"

namespace tycho::stdlib {

void add_string_format(Thread* L) { (void)L; }

}  // namespace tycho::stdlib
