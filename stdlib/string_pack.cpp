// The string library: string.pack, string.packsize and string.unpack (manual §6.4.2). Being
// written.
#include "stdlib/aux.hpp"
#include "stdlib/stdlib.hpp"

namespace tycho::stdlib {

void add_string_pack(Thread* L) { (void)L; }

}  // namespace tycho::stdlib
