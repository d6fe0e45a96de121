#include "yaml/check_writer.h"
#include "yaml/deferrable_writer.h"

namespace tether {

namespace {
// PostgreSQL's own name for an unnamed check (it truncates past 63 bytes, which is kept as is).
std::string chosenName(const Table &t, const CheckConstraint &c) {
  if (!c.column.empty()) return c.name; // SQLite: a name in the text was written by someone
  std::string n = t.name + (c.columns.size() == 1 ? "_" + c.columns[0] : "") + "_check";
  return c.name == n && n.size() <= 63 ? "" : c.name;
}

void emitCheck(YAML::Emitter &out, const Table &t, const CheckConstraint &c) {
  const std::string name = chosenName(t, c);
  if (name.empty()) {
    out << YAML::DoubleQuoted << c.sql;
    return;
  }
  out << YAML::Flow << YAML::BeginMap << YAML::Key << "sql" << YAML::Value << YAML::DoubleQuoted << c.sql
      << YAML::Key << "name" << YAML::Value << name << YAML::EndMap;
}
} // namespace

bool checkOnColumn(const Table &t, const CheckConstraint &c, const std::string &column) {
  if (!c.column.empty()) return c.column == column;
  return c.columns.size() == 1 && c.columns[0] == column && t.column(column);
}

void emitColumnChecks(YAML::Emitter &out, const Table &t, const std::string &column) {
  // One `check:` per column: further ones go to the table's list.
  for (const auto &c : t.checks)
    if (checkOnColumn(t, c, column)) {
      out << YAML::Key << "check" << YAML::Value;
      emitCheck(out, t, c);
      return;
    }
}

void emitTableChecks(YAML::Emitter &out, const Table &t) {
  std::vector<const CheckConstraint *> rest;
  std::vector<std::string> columnsUsed;
  for (const auto &c : t.checks) {
    bool onColumn = false;
    for (const auto &col : t.columns)
      if (checkOnColumn(t, c, col.name)) {
        bool first = true;
        for (const auto &u : columnsUsed)
          first = first && u != col.name;
        if (first) {
          columnsUsed.push_back(col.name);
          onColumn = true;
        }
        break;
      }
    if (!onColumn) rest.push_back(&c);
  }
  if (rest.empty()) return;
  out << YAML::Key << "checks" << YAML::Value << YAML::BeginSeq;
  for (const CheckConstraint *c : rest) {
    const std::string name = c->column.empty() ? chosenName(t, *c) : c->name;
    out << YAML::Flow << YAML::BeginMap;
    if (!name.empty()) out << YAML::Key << "name" << YAML::Value << name;
    out << YAML::Key << "sql" << YAML::Value << YAML::DoubleQuoted << c->sql << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

bool namedPrimaryKey(const Table &t) {
  return !t.primaryKey.empty() && ((!t.primaryKeyName.empty() && t.primaryKeyName != t.name + "_pkey") ||
                                   t.primaryKeyDeferral.present());
}

void emitNamedPrimaryKey(YAML::Emitter &out, const Table &t) {
  out << YAML::Key << "primary_key" << YAML::Value << YAML::Flow << YAML::BeginMap;
  if (!t.primaryKeyName.empty() && t.primaryKeyName != t.name + "_pkey")
    out << YAML::Key << "name" << YAML::Value << t.primaryKeyName;
  out << YAML::Key << "columns" << YAML::Value << YAML::Flow << t.primaryKey;
  yamlout::emitDeferrable(out, t.primaryKeyDeferral);
  out << YAML::EndMap;
}

} // namespace tether
