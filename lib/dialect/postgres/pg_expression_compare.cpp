#include "dialect/postgres/pg_expression_compare.h"
#include "core/large_stack.h"
#include "core/nesting_bound.h"
#include <nlohmann/json.hpp>
#include <pg_query.h>

namespace tether::pg {

namespace {

using nlohmann::json;

// The casts PostgreSQL writes around what it stored with a type: a constant (`(0)::numeric`,
// `'a'::text`) or a column widened to the operator's type (`(email)::text`).
bool isPrintedCast(const json &cast) {
  const json *arg = cast.contains("arg") ? &cast["arg"] : nullptr;
  return arg && arg->is_object() && (arg->contains("A_Const") || arg->contains("ColumnRef"));
}

void normalise(json &node) {
  if (node.is_object()) {
    node.erase("location");
    // A TypeCast that is only PostgreSQL's printing becomes what it casts.
    while (node.is_object() && node.contains("TypeCast") && isPrintedCast(node["TypeCast"])) {
      json inner = node["TypeCast"]["arg"];
      node = std::move(inner);
      if (node.is_object()) node.erase("location");
    }
    for (auto &[key, value] : node.items())
      normalise(value);
  } else if (node.is_array()) {
    for (auto &item : node)
      normalise(item);
  }
}

std::string squeezeSpaces(const std::string &s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

} // namespace

std::string expressionKey(const std::string &expr) {
  if (findExcessiveNesting(expr)) return "";
  const std::string sql = "SELECT (" + expr + "\n)";
  std::string key;
  runWithLargeStack([&] {
    PgQueryParseResult r = pg_query_parse(sql.c_str());
    if (!r.error && r.parse_tree) {
      try {
        json tree = json::parse(r.parse_tree);
        json &stmts = tree["stmts"];
        if (stmts.is_array() && stmts.size() == 1) {
          json target = stmts[0]["stmt"]["SelectStmt"]["targetList"];
          normalise(target);
          key = target.dump();
        }
      } catch (const std::exception &) {
        key.clear();
      }
    }
    pg_query_free_parse_result(r);
  });
  return key;
}

bool sameExpression(const std::string &a, const std::string &b) {
  if (a == b) return true;
  std::string ka = expressionKey(a), kb = expressionKey(b);
  if (ka.empty() || kb.empty()) return squeezeSpaces(a) == squeezeSpaces(b);
  return ka == kb;
}

} // namespace tether::pg
