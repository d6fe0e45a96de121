#include "dialect/postgres/pg_array.h"

namespace tether::pg {

std::vector<std::string> parseTextArray(const std::string &text) {
  std::vector<std::string> out;
  size_t i = text.find('{');
  if (i == std::string::npos) return out;
  ++i;
  while (i < text.size() && text[i] != '}') {
    std::string item;
    bool quoted = false;
    if (text[i] == '"') {
      quoted = true;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        item += text[i];
      }
      ++i; // closing quote
    } else {
      for (; i < text.size() && text[i] != ',' && text[i] != '}'; ++i)
        item += text[i];
    }
    if (quoted || item != "NULL") out.push_back(item);
    if (i < text.size() && text[i] == ',') ++i;
  }
  return out;
}

} // namespace tether::pg
