#include "dialect/sqlite/sqlite_quote.h"
#include "core/strings.h"

namespace tether::sqlite {

std::string quoteIdent(const std::string &ident) {
  return sqlQuoted(ident, '"');
}
std::string quoteLiteral(const std::string &value) {
  return sqlQuoted(value, '\'');
}

std::string quoteList(const std::vector<std::string> &idents) {
  std::string r = "(";
  for (size_t i = 0; i < idents.size(); ++i)
    r += (i ? ", " : "") + quoteIdent(idents[i]);
  return r + ")";
}

} // namespace tether::sqlite
