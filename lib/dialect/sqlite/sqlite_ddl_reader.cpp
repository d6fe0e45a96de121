#include "dialect/sqlite/sqlite_ddl_reader.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_tokenizer.h"

namespace tether::sqlite {

namespace {
using Tokens = std::vector<Token>;

// Splits the tokens between an opening parenthesis at `open` and its match into the items
// separated by top-level commas; returns the index after the closing parenthesis.
size_t splitParenthesised(const Tokens &t, size_t open, std::vector<Tokens> &items) {
  int depth = 0;
  Tokens cur;
  size_t i = open;
  for (; i < t.size(); ++i) {
    if (t[i].isPunct('(')) {
      if (depth++ == 0) continue;
    } else if (t[i].isPunct(')')) {
      if (--depth == 0) {
        items.push_back(cur);
        return i + 1;
      }
    } else if (t[i].isPunct(',') && depth == 1) {
      items.push_back(cur);
      cur.clear();
      continue;
    }
    cur.push_back(t[i]);
  }
  if (!cur.empty()) items.push_back(cur);
  return i;
}

// The column names of "(a, b COLLATE nocase DESC)" starting at `open`.
std::vector<std::string> columnList(const Tokens &t, size_t open) {
  std::vector<Tokens> items;
  splitParenthesised(t, open, items);
  std::vector<std::string> cols;
  for (const auto &item : items)
    if (!item.empty() && item[0].isName()) cols.push_back(item[0].value);
  return cols;
}

size_t findPunct(const Tokens &t, size_t from, char c) {
  for (size_t i = from; i < t.size(); ++i)
    if (t[i].isPunct(c)) return i;
  return t.size();
}

// A table constraint ("CONSTRAINT n UNIQUE (a, b)") or a column definition with named
// column constraints ("email TEXT CONSTRAINT uq UNIQUE").
void readItem(const Tokens &item, std::vector<NamedConstraint> &out) {
  if (item.empty()) return;
  auto kindAt = [&](size_t i, NamedConstraint::Kind &k) {
    if (i >= item.size()) return false;
    if (item[i].isKeyword("PRIMARY"))
      k = NamedConstraint::Kind::PrimaryKey;
    else if (item[i].isKeyword("UNIQUE"))
      k = NamedConstraint::Kind::Unique;
    else if (item[i].isKeyword("FOREIGN") || item[i].isKeyword("REFERENCES"))
      k = NamedConstraint::Kind::ForeignKey;
    else if (item[i].isKeyword("CHECK"))
      k = NamedConstraint::Kind::Check;
    else
      return false;
    return true;
  };
  NamedConstraint::Kind kind;
  bool tableConstraint =
      item[0].isKeyword("CONSTRAINT") ||
      (item[0].kind == Token::Kind::Word && kindAt(0, kind) && !item[0].isKeyword("REFERENCES"));
  if (tableConstraint) {
    if (!item[0].isKeyword("CONSTRAINT") || item.size() < 3 || !item[1].isName()) return;
    NamedConstraint c;
    c.name = item[1].value;
    if (!kindAt(2, c.kind)) return;
    if (c.kind != NamedConstraint::Kind::Check) c.columns = columnList(item, findPunct(item, 2, '('));
    out.push_back(c);
    return;
  }
  if (!item[0].isName()) return;
  const std::string column = item[0].value;
  int depth = 0;
  for (size_t i = 1; i < item.size(); ++i) {
    if (item[i].isPunct('('))
      ++depth;
    else if (item[i].isPunct(')'))
      --depth;
    if (depth != 0 || !item[i].isKeyword("CONSTRAINT") || i + 1 >= item.size() || !item[i + 1].isName())
      continue;
    NamedConstraint c;
    c.name = item[i + 1].value;
    if (!kindAt(i + 2, c.kind)) continue;
    c.columns = {column};
    out.push_back(c);
  }
}
} // namespace

std::vector<NamedConstraint> namedConstraints(std::string_view sql) {
  Tokens t = tokenize(sql);
  std::vector<NamedConstraint> out;
  size_t open = findPunct(t, 0, '(');
  if (open >= t.size()) return out;
  std::vector<Tokens> items;
  splitParenthesised(t, open, items);
  for (const auto &item : items)
    readItem(item, out);
  return out;
}

std::string indexPredicate(std::string_view sql) {
  Tokens t = tokenize(sql);
  size_t open = findPunct(t, 0, '(');
  if (open >= t.size()) return "";
  std::vector<Tokens> items;
  size_t after = splitParenthesised(t, open, items);
  if (after < t.size() && t[after].isKeyword("WHERE") && after + 1 < t.size())
    return trim(sql.substr(t[after + 1].offset));
  return "";
}

} // namespace tether::sqlite
