#include "json/json_parse.h"
#include "core/error.h"

namespace tether {

namespace {
// nlohmann reports a byte offset (one past the offending byte); people read lines and columns.
SourceLoc locate(std::string_view text, size_t offset, const std::string &source) {
  SourceLoc at{source, 1, 1};
  size_t end = std::min(offset > 0 ? offset - 1 : 0, text.size());
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}
} // namespace

JsonDoc parseJson(std::string_view text, const std::string &source) {
  try {
    return JsonDoc::parse(text.begin(), text.end());
  } catch (const JsonDoc::parse_error &e) {
    throw Error("malformed JSON: " + std::string(e.what()), locate(text, e.byte, source), {},
                ErrorKind::Syntax);
  }
}

} // namespace tether
