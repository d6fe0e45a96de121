#include "yaml/check_loader.h"
#include "core/strings.h"
#include "yaml/deferrable_loader.h"

namespace tether::yamlin {

namespace {

const std::vector<std::string> kCheckKeys = {"sql", "name"};
const std::vector<std::string> kNamedPkKeys = {"name", "columns", "deferrable", "initially"};

// One check, from a string or a {sql:, name:} mapping; false when it is not usable.
bool readCheck(const std::string &file, const yamlin::Node &n, const std::string &what, CheckConstraint &out,
               Diagnostics &diags) {
  out.loc = locOf(file, n);
  if (n.IsScalar()) {
    asString(file, n, out.sql, diags, what);
  } else if (n.IsMap()) {
    auto es = entries(file, n, diags, what);
    checkKeys(file, es, kCheckKeys, diags, what);
    bool hasSql = false;
    for (const auto &f : es) {
      if (f.key == "sql") {
        hasSql = true;
        asString(file, f.value, out.sql, diags, "'sql' of " + what);
      } else if (f.key == "name") {
        asString(file, f.value, out.name, diags, "'name' of " + what);
      }
    }
    if (!hasSql) {
      diags.error(out.loc, "missing-check-sql", what + " has no 'sql:'",
                  "{sql: \"price > 0\", name: ck_price}");
      return false;
    }
  } else {
    diags.error(out.loc, "bad-value", what + " must be an SQL expression or {sql:, name:}",
                "check: \"price > 0\"");
    return false;
  }
  out.sql = trim(out.sql);
  if (out.sql.empty()) {
    diags.error(out.loc, "empty-check", what + " has an empty SQL expression", "check: \"price > 0\"");
    return false;
  }
  return true;
}

void addUnique(Table &table, CheckConstraint c, Diagnostics &diags) {
  if (!c.name.empty())
    for (const auto &o : table.checks)
      if (o.name == c.name) {
        diags.error(c.loc, "duplicate-check",
                    "check constraint '" + c.name + "' is defined twice on " + table.name,
                    "the other definition is at " + o.loc.str());
        return;
      }
  table.checks.push_back(std::move(c));
}

} // namespace

void loadColumnCheck(const std::string &file, Table &table, const std::string &column, const Entry &e,
                     Diagnostics &diags) {
  CheckConstraint c;
  if (!readCheck(file, e.value, "'check' of column " + table.name + "." + column, c, diags)) return;
  c.column = column;
  c.columns = {column};
  addUnique(table, std::move(c), diags);
}

void loadTableChecks(const std::string &file, Table &table, const Entry &e, Diagnostics &diags) {
  if (!e.value.IsSequence()) {
    diags.error(locOf(file, e.value), "bad-value", "'checks' of " + table.name + " must be a list",
                "checks:\n    - {name: ck_dates, sql: \"starts_at < ends_at\"}");
    return;
  }
  for (const auto &n : e.value) {
    CheckConstraint c;
    if (readCheck(file, n, "a check of " + table.name, c, diags)) addUnique(table, std::move(c), diags);
  }
}

bool loadNamedPrimaryKey(const std::string &file, Table &table, const Entry &e, Diagnostics &diags,
                         std::vector<std::string> &columns) {
  if (!e.value.IsMap()) return false;
  const std::string what = "'primary_key' of " + table.name;
  auto es = entries(file, e.value, diags, what);
  checkKeys(file, es, kNamedPkKeys, diags, what);
  bool hasColumns = false;
  for (const auto &f : es) {
    if (f.key == "name")
      asString(file, f.value, table.primaryKeyName, diags, "'name' of " + what);
    else if (f.key == "columns")
      hasColumns = asStringList(file, f.value, columns, diags, "'columns' of " + what);
  }
  loadDeferrable(file, es, table.primaryKeyDeferral, diags, what);
  if (!hasColumns)
    diags.error(locOf(file, e.value), "missing-columns", what + " has no 'columns:'",
                "primary_key: {name: pk_users, columns: [id]}");
  return true;
}

} // namespace tether::yamlin
