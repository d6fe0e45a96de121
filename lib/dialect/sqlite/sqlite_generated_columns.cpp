#include "dialect/sqlite/sqlite_generated_columns.h"
#include "dialect/sqlite/sqlite_tokenizer.h"
#include <vector>

namespace tether::sqlite {

namespace {

bool startsTableConstraint(const Token &t) {
  for (const char *kw : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"})
    if (t.isKeyword(kw)) return true;
  return false;
}

// One column definition: [first, last) of the tokens, at depth 0 of the table's parentheses.
void readDefinition(std::string_view sql, const std::vector<Token> &toks, size_t first, size_t last,
                    std::map<std::string, ComputedColumn> &out) {
  if (first >= last || !toks[first].isName() || startsTableConstraint(toks[first])) return;
  int depth = 0;
  for (size_t i = first + 1; i < last; ++i) {
    if (toks[i].isPunct('(')) ++depth;
    if (toks[i].isPunct(')')) --depth;
    if (depth != 0 || !toks[i].isKeyword("AS") || i + 1 >= last || !toks[i + 1].isPunct('(')) continue;
    size_t open = i + 1, close = open;
    int d = 0;
    for (; close < last; ++close) {
      if (toks[close].isPunct('(')) ++d;
      if (toks[close].isPunct(')') && --d == 0) break;
    }
    if (close >= last) return;
    ComputedColumn c;
    c.sql = std::string(sql.substr(toks[open].end, toks[close].offset - toks[open].end));
    c.stored = close + 1 < last && toks[close + 1].isKeyword("STORED");
    out[toks[first].value] = c;
    return;
  }
}

} // namespace

std::map<std::string, ComputedColumn> generatedColumns(std::string_view createTableSql) {
  std::map<std::string, ComputedColumn> out;
  std::vector<Token> toks = tokenize(createTableSql);
  size_t i = 0;
  while (i < toks.size() && !toks[i].isPunct('('))
    ++i;
  int depth = 0;
  size_t start = i + 1;
  for (; i < toks.size(); ++i) {
    if (toks[i].isPunct('(')) {
      ++depth;
    } else if (toks[i].isPunct(')')) {
      if (--depth == 0) {
        readDefinition(createTableSql, toks, start, i, out);
        break;
      }
    } else if (depth == 1 && toks[i].isPunct(',')) {
      readDefinition(createTableSql, toks, start, i, out);
      start = i + 1;
    }
  }
  return out;
}

} // namespace tether::sqlite
