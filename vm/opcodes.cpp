// Opcode names, generated from the X-macro list in opcodes.hpp (the modes are constexpr there).
#include "vm/opcodes.hpp"

namespace tycho::vm {

const char* const kOpNames[kNumOpcodes] = {
#define TYCHO_OP_NAME(name, mode, desc) #name,
    TYCHO_OPCODES(TYCHO_OP_NAME)
#undef TYCHO_OP_NAME
};

}  // namespace tycho::vm
