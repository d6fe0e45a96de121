#include "lint/syntax_check.h"
#include "core/text_position.h"
#include "drivers/open.h"
#include "lint/statement_reader.h"

namespace tether::lint {

std::optional<std::string> firstSyntaxError(const std::string &sql, const std::string &dialect) {
  auto statements = readStatements(dialectByName(dialect), sql);
  for (const auto &st : statements) {
    if (!st.syntaxError) continue;
    const SourceLoc at = positionOf(sql, st.errorOffset, "");
    return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column) + ": " +
           st.errorMessage;
  }
  return std::nullopt;
}

} // namespace tether::lint
