#include "dialect/postgres/pg_check_expr.h"
#include "core/large_stack.h"
#include "core/nesting_bound.h"
#include "core/strings.h"
#include <cctype>
#include <nlohmann/json.hpp>
#include <pg_query.h>

namespace tether::pg {

namespace {
using Json = nlohmann::json;

const std::string kPrefix = "SELECT (";

bool isNumericType(const Json &typeName) {
  const Json &names = typeName.value("names", Json::array());
  if (names.empty()) return false;
  std::string n = names.back().value("String", Json::object()).value("sval", "");
  for (const char *t : {"int2", "int4", "int8", "integer", "bigint", "smallint", "numeric", "decimal",
                        "float4", "float8", "real", "double precision"})
    if (n == t) return true;
  return false;
}

bool isNumberText(const std::string &v) {
  size_t i = 0, digits = 0;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])))
    ++i, ++digits;
  if (i < v.size() && v[i] == '.') ++i;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])))
    ++i, ++digits;
  return digits > 0 && i == v.size();
}

Json number(std::string text) {
  if (!text.empty() && text[0] == '+') text.erase(0, 1);
  return Json{{"A_Const", {{"num", text}}}};
}

// libpg_query's JSON prints a negative integer constant as zero: the number is read back from the
// source text at the constant's location ("-1", "- 1").
std::string integerAt(const std::string &src, long long at) {
  std::string out;
  size_t i = at < 0 ? src.size() : static_cast<size_t>(at);
  if (i < src.size() && src[i] == '-') {
    out += '-';
    ++i;
    while (i < src.size() && std::isspace(static_cast<unsigned char>(src[i])))
      ++i;
  }
  while (i < src.size() && std::isdigit(static_cast<unsigned char>(src[i])))
    out += src[i++];
  return out == "-" ? "" : out;
}

Json canon(const Json &j, const std::string &src);

Json canonChildren(const Json &j, const std::string &src) {
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto &x : j)
      out.push_back(canon(x, src));
    return out;
  }
  if (!j.is_object()) return j;
  Json out = Json::object();
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "location") out[it.key()] = canon(it.value(), src);
  return out;
}

Json canon(const Json &j, const std::string &src) {
  if (!j.is_object() || j.size() != 1) return canonChildren(j, src);
  const std::string kind = j.begin().key();
  const Json &body = j.begin().value();
  if (kind == "A_Const") {
    if (body.contains("ival")) {
      std::string n = integerAt(src, body.value("location", -1LL));
      if (!n.empty()) return number(n);
    }
    if (body.contains("fval")) return number(body["fval"].value("fval", ""));
    return canonChildren(j, src);
  }
  if (kind == "TypeCast") {
    const Json &arg = body.value("arg", Json::object());
    Json inner = canon(arg, src);
    const std::string argKind = inner.is_object() && inner.size() == 1 ? inner.begin().key() : "";
    if (argKind == "A_Const") {
      const Json &c = inner.begin().value();
      if (c.contains("sval") && isNumericType(body.value("typeName", Json::object()))) {
        std::string v = c["sval"].value("sval", "");
        if (isNumberText(v)) return number(v);
      }
      return inner;
    }
    if (argKind == "ColumnRef" || argKind == "A_ArrayExpr") return inner;
    return canonChildren(j, src);
  }
  if (kind == "A_Expr") {
    const std::string k = body.value("kind", "");
    Json e = body;
    if ((k == "AEXPR_IN") && body.contains("rexpr") && body["rexpr"].contains("List")) {
      // `x IN (a, b)` is stored as `x = ANY (ARRAY[a, b])`, `NOT IN` as `<> ALL (…)`.
      const std::string op = body["name"][0]["String"].value("sval", "");
      const Json &items = body["rexpr"]["List"].value("items", Json::array());
      if (items.size() == 1) {
        // A one-element list is stored as the plain comparison.
        e["kind"] = "AEXPR_OP";
        e["rexpr"] = items[0];
        return canon(Json{{"A_Expr", e}}, src);
      }
      e["kind"] = op == "<>" ? "AEXPR_OP_ALL" : "AEXPR_OP_ANY";
      e["rexpr"] = Json{{"A_ArrayExpr", {{"elements", body["rexpr"]["List"].value("items", Json::array())}}}};
      return canon(Json{{"A_Expr", e}}, src);
    }
    if (k == "AEXPR_LIKE" || k == "AEXPR_ILIKE") {
      e["kind"] = "AEXPR_OP";
      return canon(Json{{"A_Expr", e}}, src);
    }
    if (k == "AEXPR_BETWEEN" && body.contains("rexpr") && body["rexpr"].contains("List")) {
      const Json &items = body["rexpr"]["List"]["items"];
      auto cmp = [&](const char *op, const Json &rhs) {
        return Json{{"A_Expr",
                     {{"kind", "AEXPR_OP"},
                      {"name", Json::array({Json{{"String", {{"sval", op}}}}})},
                      {"lexpr", body["lexpr"]},
                      {"rexpr", rhs}}}};
      };
      if (items.size() == 2)
        return canon(Json{{"BoolExpr",
                           {{"boolop", "AND_EXPR"},
                            {"args", Json::array({cmp(">=", items[0]), cmp("<=", items[1])})}}}},
                     src);
    }
  }
  if (kind == "FuncCall") {
    // `position('@' in email)` is pg_catalog.position in SQL syntax; PostgreSQL prints it as a
    // plain call.
    Json out = canonChildren(j, src);
    Json &f = out["FuncCall"];
    f.erase("funcformat");
    Json &names = f["funcname"];
    if (names.is_array() && names.size() == 2 &&
        names[0].value("String", Json::object()).value("sval", "") == "pg_catalog")
      names.erase(names.begin());
    return out;
  }
  if (kind == "BoolExpr") {
    // AND and OR are associative: ((a AND b) AND c) is a AND b AND c.
    Json out = canonChildren(j, src);
    Json &b = out["BoolExpr"];
    const std::string op = b.value("boolop", "");
    if (op == "AND_EXPR" || op == "OR_EXPR") {
      Json flat = Json::array();
      for (const auto &a : b.value("args", Json::array())) {
        if (a.contains("BoolExpr") && a["BoolExpr"].value("boolop", "") == op)
          for (const auto &x : a["BoolExpr"]["args"])
            flat.push_back(x);
        else
          flat.push_back(a);
      }
      b["args"] = flat;
    }
    return out;
  }
  return canonChildren(j, src);
}

// Does the parenthesis at `open` close at the very end of `s` (quotes respected)?
bool enclosesAll(const std::string &s, size_t open) {
  int depth = 0;
  char quote = 0;
  for (size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return i + 1 == s.size();
    }
  }
  return false;
}
} // namespace

std::optional<std::string> canonicalCheck(const std::string &expr) {
  if (findExcessiveNesting(expr)) return std::nullopt;
  const std::string src = kPrefix + expr + "\n)";
  std::optional<std::string> out;
  runWithLargeStack([&] {
    PgQueryParseResult r = pg_query_parse(src.c_str());
    if (!r.error && r.parse_tree) {
      try {
        Json tree = Json::parse(r.parse_tree);
        const Json &stmts = tree.value("stmts", Json::array());
        if (stmts.size() == 1) {
          const Json &targets = stmts[0]["stmt"]["SelectStmt"].value("targetList", Json::array());
          if (targets.size() == 1 && !stmts[0]["stmt"]["SelectStmt"].contains("fromClause"))
            out = canon(targets[0]["ResTarget"]["val"], src).dump();
        }
      } catch (const std::exception &) {
        out.reset();
      }
    }
    pg_query_free_parse_result(r);
  });
  return out;
}

bool sameCheckExpression(const std::string &model, const std::string &db) {
  if (collapseSpace(model) == collapseSpace(db)) return true;
  auto a = canonicalCheck(model), b = canonicalCheck(db);
  return a && b && *a == *b;
}

std::string checkExpressionOf(const std::string &def) {
  std::string s = trim(def);
  for (const char *suffix : {" NOT VALID", " NO INHERIT"})
    if (endsWith(s, suffix)) s = trim(s.substr(0, s.size() - std::string(suffix).size()));
  if (startsWith(s, "CHECK ")) s = trim(s.substr(6));
  for (int i = 0; i < 2 && !s.empty() && s[0] == '(' && enclosesAll(s, 0); ++i)
    s = trim(s.substr(1, s.size() - 2));
  return s;
}

} // namespace tether::pg
