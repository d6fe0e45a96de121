#include "migrate/sql_split.h"
#include "core/strings.h"
#include <cctype>

namespace tether {

namespace {
// tether's marker, right after a statement's ';' (blanks between), says it runs on its own.
bool markedOutsideTransaction(const std::string &script, size_t from) {
  while (from < script.size() && std::isspace(static_cast<unsigned char>(script[from])))
    ++from;
  if (script.compare(from, 2, "--") != 0) return false;
  size_t end = script.find('\n', from);
  return trim(script.substr(from, end == std::string::npos ? std::string::npos : end - from)) ==
         "-- (runs outside the transaction)";
}
} // namespace

std::vector<SqlStatement> splitSqlScript(const std::string &script, const Dialect &d) {
  std::vector<SqlStatement> out;
  for (const ScriptStatement &s : d.splitStatements(script))
    out.push_back(
        {trim(script.substr(s.begin, s.end - s.begin)), s.line, !markedOutsideTransaction(script, s.next)});
  return out;
}

} // namespace tether
