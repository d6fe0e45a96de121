#include "lint/syntax_check.h"
#include "drivers/open.h"
#include "lint/statement_reader.h"

namespace tether::lint {

std::optional<std::string> firstSyntaxError(const std::string &sql, const std::string &dialect) {
  auto statements = readStatements(dialectByName(dialect), sql);
  for (const auto &st : statements) {
    if (!st.syntaxError) continue;
    size_t line = 1, column = 1;
    for (size_t i = 0; i < st.errorOffset && i < sql.size(); ++i) {
      if (sql[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + st.errorMessage;
  }
  return std::nullopt;
}

} // namespace tether::lint
