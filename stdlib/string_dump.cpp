// The string library: string.dump. Being written.
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"

namespace tycho::stdlib {

void add_string_dump(Thread* L) { (void)L; }

}  // namespace tycho::stdlib
