#include "json/json_parse.h"
#include "core/error.h"
#include "core/text_position.h"

namespace tether {

JsonDoc parseJson(std::string_view text, const std::string &source) {
  try {
    return JsonDoc::parse(text.begin(), text.end());
  } catch (const JsonDoc::parse_error &e) {
    // nlohmann reports the byte one past the offending one.
    throw Error("malformed JSON: " + std::string(e.what()),
                positionOf(text, e.byte > 0 ? e.byte - 1 : 0, source), {}, ErrorKind::Syntax);
  }
}

} // namespace tether
