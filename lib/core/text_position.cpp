#include "core/text_position.h"
#include <algorithm>

namespace tether {

SourceLoc positionOf(std::string_view text, size_t offset, const std::string &file) {
  SourceLoc at{file, 1, 1};
  const size_t end = std::min(offset, text.size());
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++at.column;
    }
  }
  return at;
}

} // namespace tether
