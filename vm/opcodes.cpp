// Opcode names and operand formats, generated from the X-macro list in opcodes.hpp.
#include "vm/opcodes.hpp"

namespace tycho::vm {

const char* const kOpNames[kNumOpcodes] = {
#define TYCHO_OP_NAME(name, fmt, desc) #name,
    TYCHO_OPCODES(TYCHO_OP_NAME)
#undef TYCHO_OP_NAME
};

const OpFormat kOpFormats[kNumOpcodes] = {
#define TYCHO_OP_FORMAT(name, fmt, desc) OpFormat::fmt,
    TYCHO_OPCODES(TYCHO_OP_FORMAT)
#undef TYCHO_OP_FORMAT
};

}  // namespace tycho::vm
