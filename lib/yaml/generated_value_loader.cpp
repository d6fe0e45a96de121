#include "yaml/generated_value_loader.h"
#include "core/nesting_bound.h"
#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace tether::yamlin {

bool asInteger(const std::string &file, const yamlin::Node &n, std::optional<long long> &out,
               Diagnostics &diags, const std::string &what) {
  std::string text = n.IsScalar() ? n.Scalar() : "";
  char *end = nullptr;
  errno = 0;
  long long v = text.empty() ? 0 : std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || errno == ERANGE || *end != '\0') {
    diags.error(locOf(file, n), "bad-value", what + " must be a whole number");
    return false;
  }
  out = v;
  return true;
}

namespace {

bool setSql(const std::string &file, const yamlin::Node &n, std::string &out, Diagnostics &diags,
            const std::string &what) {
  std::string sql;
  if (!asString(file, n, sql, diags, what)) return false;
  if (sql.find_first_not_of(" \t\r\n") == std::string::npos) {
    diags.error(locOf(file, n), "bad-value", what + " must be a SQL expression");
    return false;
  }
  // Every dialect's normaliser walks the expression; refuse a depth bomb here, with its place.
  if (auto deep = findExcessiveNesting(sql)) {
    diags.fatal(locOf(file, n), "bad-value", what + " is too deeply nested: " + deep->message);
    return false;
  }
  out = sql;
  return true;
}

} // namespace

void loadComputed(const std::string &file, const Entry &e, Column &col, Diagnostics &diags,
                  const std::string &what) {
  if (!e.value.IsMap()) {
    setSql(file, e.value, col.computed.sql, diags, what);
    return;
  }
  auto es = entries(file, e.value, diags, what);
  checkKeys(file, es, {"sql", "stored"}, diags, what);
  bool hasSql = false;
  for (const auto &k : es) {
    if (k.key == "sql") {
      hasSql = setSql(file, k.value, col.computed.sql, diags, "'sql' of " + what);
    } else if (k.key == "stored") {
      bool b;
      if (asBool(file, k.value, b, diags, "'stored' of " + what)) col.computed.stored = b;
    }
  }
  if (!hasSql && !std::any_of(es.begin(), es.end(), [](const Entry &k) { return k.key == "sql"; }))
    diags.error(e.keyLoc, "bad-value",
                what + " needs sql:", "computed: {sql: \"price * quantity\", stored: true}");
}

void loadIdentity(const std::string &file, const Entry &e, Column &col, Diagnostics &diags,
                  const std::string &what) {
  if (!e.value.IsMap()) {
    bool b;
    if (asBool(file, e.value, b, diags, what)) col.identity.present = b;
  } else {
    auto es = entries(file, e.value, diags, what);
    checkKeys(file, es, {"always", "start", "increment"}, diags, what);
    col.identity.present = true;
    for (const auto &k : es) {
      if (k.key == "always")
        asBool(file, k.value, col.identity.always, diags, "'always' of " + what);
      else if (k.key == "start")
        asInteger(file, k.value, col.identity.start, diags, "'start' of " + what);
      else if (k.key == "increment" &&
               asInteger(file, k.value, col.identity.increment, diags, "'increment' of " + what) &&
               *col.identity.increment == 0)
        diags.error(locOf(file, k.value), "bad-value", "'increment' of " + what + " cannot be zero");
    }
  }
  if (col.identity.present) col.autoincrement = true;
}

void checkGeneratedValue(const Column &col, const std::string &qualifiedName, Diagnostics &diags) {
  if (col.computed.present()) {
    if (col.defaultValue.present())
      diags.error(col.loc, "computed-with-default",
                  "column " + qualifiedName + " is computed and cannot also have a server default",
                  "drop server_default: the database computes the value");
    if (col.identity.present)
      diags.error(col.loc, "computed-with-identity",
                  "column " + qualifiedName + " cannot be both computed and an identity");
  }
  if (col.identity.present) {
    if (col.defaultValue.present())
      diags.error(col.loc, "identity-with-default",
                  "column " + qualifiedName + " is an identity and cannot also have a server default",
                  "drop server_default: the identity numbers the rows");
    if (!col.type.isInteger())
      diags.error(col.loc, "bad-identity", "identity column " + qualifiedName + " needs an integer type",
                  "make the column Integer, BigInteger or SmallInteger");
  }
}

} // namespace tether::yamlin
