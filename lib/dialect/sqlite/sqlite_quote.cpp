#include "dialect/sqlite/sqlite_quote.h"

namespace tether::sqlite {

namespace {
std::string quoteWith(const std::string &s, char q) {
  std::string r(1, q);
  for (char c : s) {
    r += c;
    if (c == q) r += q;
  }
  return r + q;
}
} // namespace

std::string quoteIdent(const std::string &ident) {
  return quoteWith(ident, '"');
}
std::string quoteLiteral(const std::string &value) {
  return quoteWith(value, '\'');
}

std::string quoteList(const std::vector<std::string> &idents) {
  std::string r = "(";
  for (size_t i = 0; i < idents.size(); ++i)
    r += (i ? ", " : "") + quoteIdent(idents[i]);
  return r + ")";
}

} // namespace tether::sqlite
