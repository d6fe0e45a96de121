#include "dialect/postgres/pg_sql_normalize.h"
#include "core/strings.h"
#include <nlohmann/json.hpp>
#include <pg_query.h>

namespace tether::pg {

namespace {
using Json = nlohmann::json;

std::string lastName(const Json &names) {
  if (!names.is_array() || names.empty()) return "";
  const Json &s = names.back().value("String", Json::object());
  return s.value("sval", "");
}

// Casts PostgreSQL writes around a column when a function or operator takes text and the
// column is varchar or char: the same expression as the bare column.
bool textualType(const Json &typeName) {
  std::string t = lastName(typeName.value("names", Json::array()));
  return (t == "text" || t == "varchar" || t == "bpchar") && !typeName.contains("arrayBounds");
}

bool isNode(const Json &j, const char *name) {
  return j.is_object() && j.size() == 1 && j.contains(name);
}

// A constant by its text: PostgreSQL prints -1 as '-1'::integer, which parses as a string.
Json constant(const Json &c) {
  std::string v;
  if (c.contains("ival"))
    v = std::to_string(c["ival"].value("ival", 0LL));
  else if (c.contains("fval"))
    v = c["fval"].value("fval", "");
  else if (c.contains("sval"))
    v = c["sval"].value("sval", "");
  else if (c.contains("boolval"))
    v = c["boolval"].value("boolval", false) ? "true" : "false";
  else if (c.contains("bsval"))
    v = c["bsval"].value("bsval", "");
  else if (c.value("isnull", false))
    return Json{{"A_Const", "NULL"}};
  return Json{{"A_Const", v}};
}

void normalise(Json &j) {
  if (j.is_array()) {
    for (auto &x : j)
      normalise(x);
    return;
  }
  if (!j.is_object()) return;
  j.erase("location");
  for (auto &[k, v] : j.items())
    normalise(v);
  if (isNode(j, "A_Const")) {
    j = constant(j["A_Const"]);
  } else if (isNode(j, "TypeCast")) {
    Json &c = j["TypeCast"];
    const Json &arg = c.value("arg", Json::object());
    const Json &type = c.value("typeName", Json::object());
    bool arrayLiteral = isNode(arg, "A_ArrayExpr");
    if (isNode(arg, "A_Const") || arrayLiteral || (isNode(arg, "ColumnRef") && textualType(type))) {
      Json inner = arg;
      j = inner;
    }
  } else if (isNode(j, "A_Expr")) {
    Json &e = j["A_Expr"];
    // `x IN (a, b)` is printed back as `x = ANY (ARRAY[a, b])`, NOT IN as `<> ALL`.
    if (e.value("kind", "") == "AEXPR_IN" && isNode(e.value("rexpr", Json()), "List")) {
      bool negated = lastName(e.value("name", Json::array())) == "<>";
      e["kind"] = negated ? "AEXPR_OP_ALL" : "AEXPR_OP_ANY";
      Json items = e["rexpr"]["List"].value("items", Json::array());
      e["rexpr"] = Json{{"A_ArrayExpr", Json{{"elements", items}}}};
    }
  }
}
} // namespace

std::string canonicalSql(const std::string &expr) {
  const std::string q = "SELECT " + expr;
  PgQueryParseResult r = pg_query_parse(q.c_str());
  std::string out;
  if (!r.error && r.parse_tree) {
    try {
      Json tree = Json::parse(r.parse_tree);
      const Json &stmts = tree.at("stmts");
      if (stmts.size() == 1) {
        const Json &sel = stmts[0].at("stmt").at("SelectStmt");
        const Json &targets = sel.at("targetList");
        if (targets.size() == 1 && !sel.contains("fromClause")) {
          Json val = targets[0].at("ResTarget").at("val");
          normalise(val);
          out = val.dump();
        }
      }
    } catch (const std::exception &) {
      out.clear();
    }
  }
  pg_query_free_parse_result(r);
  return out;
}

} // namespace tether::pg
