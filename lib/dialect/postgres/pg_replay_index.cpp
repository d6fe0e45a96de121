#include "dialect/postgres/pg_replay_index.h"
#include "core/strings.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_replay_expr.h"
#include "dialect/postgres/pg_replay_state.h"
#include <cctype>
#include <pg_query.h>

namespace tether::pg::replay {

namespace {
// Operator classes that are never their type's default: naming one changes the index. Any other
// name may be the default PostgreSQL reports as none, which the replay cannot tell offline.
const char *const kNonDefaultOpclasses[] = {"text_pattern_ops", "varchar_pattern_ops", "bpchar_pattern_ops",
                                            "jsonb_path_ops",   "gin_trgm_ops",        "gist_trgm_ops"};

// A position-keeping scan of the statement's text: quotes, comments and nesting skipped.
struct Scanner {
  const std::string &s;
  size_t i = 0;
  // Moves past a quoted string, quoted name or comment at i; false when none starts there.
  bool skipQuoted() {
    if (s[i] == '\'' || s[i] == '"') {
      char q = s[i++];
      while (i < s.size() && !(s[i] == q && (i + 1 >= s.size() || s[i + 1] != q)))
        i += s[i] == q ? 2 : 1;
      ++i;
      return true;
    }
    if (s.compare(i, 2, "--") == 0) {
      while (i < s.size() && s[i] != '\n')
        ++i;
      return true;
    }
    if (s.compare(i, 2, "/*") == 0) {
      size_t e = s.find("*/", i + 2);
      i = e == std::string::npos ? s.size() : e + 2;
      return true;
    }
    return false;
  }
};

bool wordAt(const std::string &s, size_t i, const char *w) {
  size_t n = std::char_traits<char>::length(w);
  if (i + n > s.size()) return false;
  for (size_t k = 0; k < n; ++k)
    if (std::toupper(static_cast<unsigned char>(s[i + k])) != w[k]) return false;
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  return (i == 0 || !ident(s[i - 1])) && (i + n >= s.size() || !ident(s[i + n]));
}

// The texts of the elements between the first top-level parentheses, and the WHERE clause after.
bool splitStatement(const std::string &stmt, std::vector<std::string> &elements, std::string &where) {
  Scanner sc{stmt};
  int depth = 0;
  size_t start = std::string::npos;
  bool listDone = false;
  while (sc.i < stmt.size()) {
    if (sc.skipQuoted()) continue;
    char c = stmt[sc.i];
    if (!listDone) {
      if (c == '(') {
        if (depth++ == 0) start = sc.i + 1;
      } else if (c == ')' && depth > 0) {
        if (--depth == 0) {
          elements.push_back(trim(stmt.substr(start, sc.i - start)));
          listDone = true;
        }
      } else if (c == ',' && depth == 1) {
        elements.push_back(trim(stmt.substr(start, sc.i - start)));
        start = sc.i + 1;
      }
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (depth == 0 && wordAt(stmt, sc.i, "WHERE")) {
      where = trim(stmt.substr(sc.i + 5));
      while (!where.empty() && where.back() == ';')
        where = trim(where.substr(0, where.size() - 1));
      return true;
    }
    ++sc.i;
  }
  return listDone;
}

// An expression element's SQL: `(a + b) DESC` gives `a + b`, `lower(x) text_pattern_ops` gives
// `lower(x)`: the grammar ends the expression with its first parenthesised group.
std::string expressionText(const std::string &element) {
  Scanner sc{element};
  int depth = 0;
  while (sc.i < element.size()) {
    if (sc.skipQuoted()) continue;
    if (element[sc.i] == '(') ++depth;
    if (element[sc.i] == ')' && --depth == 0) break;
    ++sc.i;
  }
  std::string e = trim(element.substr(0, sc.i + 1));
  if (!e.empty() && e.front() == '(' && e.back() == ')') e = trim(e.substr(1, e.size() - 2));
  return e;
}
} // namespace

bool readIndexOptions(const Json &stmt, const std::string &statement, Index &ix) {
  std::vector<std::string> texts;
  std::string where;
  if (!splitStatement(statement, texts, where)) refuse("a CREATE INDEX whose text the replay cannot read");
  bool modelled = !at(stmt, "options").is_array();
  const Json &params = at(stmt, "indexParams");
  if (texts.size() != params.size()) refuse("a CREATE INDEX whose elements the replay cannot read");
  ix.columns.clear();
  ix.keys.clear();
  for (size_t i = 0; i < params.size(); ++i) {
    const Json &e = at(params[i], "IndexElem");
    IndexKey k;
    std::string col = str(e, "name");
    k.expression = col.empty();
    ix.columns.push_back(k.expression ? expressionText(texts[i]) : col);
    const std::string ordering = str(e, "ordering");
    if (ordering == "SORTBY_DESC") k.order = "desc";
    if (ordering == "SORTBY_USING") refuse("an index element ordered USING an operator");
    const std::string nulls = str(e, "nulls_ordering");
    if (nulls == "SORTBY_NULLS_FIRST") k.nulls = "first";
    if (nulls == "SORTBY_NULLS_LAST") k.nulls = "last";
    if (at(e, "opclass").is_array()) {
      std::vector<std::string> names = strings(at(e, "opclass"));
      std::string opc = names.empty() ? "" : names.back();
      bool known = false;
      for (const char *n : kNonDefaultOpclasses)
        known = known || opc == n;
      if (!known)
        refuse("an index with operator class " + opc + " (the replay cannot tell whether it is the default)");
      k.opclass = opc;
    }
    if (at(e, "collation").is_array() || at(e, "opclassopts").is_array()) modelled = false;
    ix.keys.push_back(k);
  }
  ix.include.clear();
  for (const auto &p : at(stmt, "indexIncludingParams"))
    ix.include.push_back(str(at(p, "IndexElem"), "name"));
  ix.method = str(stmt, "accessMethod").empty() ? "btree" : toLower(str(stmt, "accessMethod"));
  if (ix.method != "btree")
    for (auto &k : ix.keys)
      if (!k.nulls.empty() || !k.order.empty()) refuse("an ordered element in an index using " + ix.method);
  ix.nullsNotDistinct = flag(stmt, "nulls_not_distinct");
  ix.predicate = at(stmt, "whereClause").is_object() ? where : "";
  if (at(stmt, "whereClause").is_object() && where.empty()) refuse("a WHERE clause the replay cannot read");
  normaliseIndexKeys(ix);
  return modelled;
}

std::set<std::string> indexExpressionColumns(const Index &ix) {
  std::set<std::string> out;
  std::vector<std::string> texts;
  for (size_t i = 0; i < ix.columns.size(); ++i)
    if (indexKeyAt(ix, i).expression) texts.push_back(ix.columns[i]);
  if (!ix.predicate.empty()) texts.push_back(ix.predicate);
  for (const auto &t : texts) {
    const std::string q = "SELECT " + t;
    PgQueryParseResult r = pg_query_parse(q.c_str());
    bool ok = !r.error && r.parse_tree;
    if (ok) {
      try {
        columnRefs(Json::parse(r.parse_tree), out);
      } catch (const std::exception &) {
        ok = false;
      }
    }
    pg_query_free_parse_result(r);
    if (!ok) refuse("an index expression the replay cannot read back: " + t);
  }
  return out;
}

namespace {
// Every column reference `from` in an expression's text (bare, or quoted) spelt as `to`; a name
// followed by `(` (a function), after `::` (a type) or after `.` is left alone.
std::string renamedText(const std::string &text, const std::string &from, const std::string &to) {
  std::string out;
  Scanner sc{text};
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  while (sc.i < text.size()) {
    size_t start = sc.i;
    std::string word;
    if (text[start] == '"') {
      sc.skipQuoted();
      word = text.substr(start + 1, sc.i - start - 2);
    } else if (sc.skipQuoted()) {
      out += text.substr(start, sc.i - start);
      continue;
    } else if (ident(text[start]) && !std::isdigit(static_cast<unsigned char>(text[start]))) {
      while (sc.i < text.size() && ident(text[sc.i]))
        ++sc.i;
      word = toLower(text.substr(start, sc.i - start));
    } else {
      out += text[sc.i++];
      continue;
    }
    size_t next = text.find_first_not_of(" \t\n", sc.i);
    bool call = next != std::string::npos && text[next] == '(';
    std::string before = trim(out);
    bool typed = before.size() >= 2 && before.compare(before.size() - 2, 2, "::") == 0;
    bool qualified = !before.empty() && before.back() == '.';
    out += word == from && !call && !typed && !qualified ? quoteIdent(to) : text.substr(start, sc.i - start);
  }
  return out;
}
} // namespace

void renameIndexColumn(Index &ix, const std::string &from, const std::string &to) {
  std::set<std::string> before = indexExpressionColumns(ix);
  for (size_t i = 0; i < ix.columns.size(); ++i) {
    if (!indexKeyAt(ix, i).expression) {
      if (ix.columns[i] == from) ix.columns[i] = to;
      continue;
    }
    ix.columns[i] = renamedText(ix.columns[i], from, to);
  }
  for (auto &c : ix.include)
    if (c == from) c = to;
  if (!ix.predicate.empty()) ix.predicate = renamedText(ix.predicate, from, to);
  // The rewrite is exact when the expressions read the same columns, `from` now called `to`.
  if (before.erase(from)) before.insert(to);
  if (indexExpressionColumns(ix) != before)
    refuse("renaming a column index " + ix.name + " reads in an expression the replay cannot rewrite");
}

} // namespace tether::pg::replay
