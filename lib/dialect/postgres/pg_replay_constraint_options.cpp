#include "dialect/postgres/pg_replay_constraint_options.h"

namespace tether::pg::replay {

Deferrability readDeferrability(const Json &con) {
  const bool deferred = flag(con, "initdeferred");
  return {flag(con, "deferrable") || deferred, deferred};
}

bool applyConstraintAttribute(const std::string &type, Json &con) {
  if (type == "CONSTR_ATTR_DEFERRABLE")
    con["deferrable"] = true;
  else if (type == "CONSTR_ATTR_NOT_DEFERRABLE")
    con["deferrable"] = false;
  else if (type == "CONSTR_ATTR_DEFERRED")
    con["initdeferred"] = true;
  else if (type == "CONSTR_ATTR_IMMEDIATE")
    con["initdeferred"] = false;
  else
    return false;
  const std::string target = str(con, "contype");
  if (target != "CONSTR_FOREIGN" && target != "CONSTR_UNIQUE" && target != "CONSTR_PRIMARY" &&
      target != "CONSTR_EXCLUSION")
    reject("misplaced DEFERRABLE, NOT DEFERRABLE or INITIALLY clause");
  if (flag(con, "initdeferred") && con.contains("deferrable") && !flag(con, "deferrable"))
    reject("constraint declared INITIALLY DEFERRED must be DEFERRABLE");
  return true;
}

void alterConstraint(Table &t, const Json &con) {
  const std::string name = str(con, "conname");
  for (auto &fk : t.foreignKeys)
    if (fk.name == name) {
      fk.deferral = readDeferrability(con);
      return;
    }
  for (const auto &u : t.uniques)
    if (u.name == name)
      reject("constraint \"" + name + "\" of relation \"" + t.name + "\" is not a foreign key constraint");
  if (t.primaryKeyName == name && !t.primaryKey.empty())
    reject("constraint \"" + name + "\" of relation \"" + t.name + "\" is not a foreign key constraint");
  refuse("ALTER CONSTRAINT on \"" + name + "\" (not a foreign key tether models)");
}

std::string readCollation(const Json &def, const Column &c, ReplayState &s) {
  const Json *clause = &at(def, "collClause");
  if (at(*clause, "CollateClause").is_object()) clause = &at(*clause, "CollateClause");
  if (!clause->is_object()) return "";
  std::vector<std::string> parts = strings(at(*clause, "collname"));
  if (parts.empty()) return "";
  if (parts.size() > 2 || (parts.size() == 2 && parts[0] != "pg_catalog" && parts[0] != "public"))
    refuse("a collation of another schema");
  const std::string name = parts.back();
  if (c.type.kind != TypeKind::String && c.type.kind != TypeKind::Text)
    refuse("COLLATE on a column of type " + c.dbType +
           " (whether the type takes a collation, only the "
           "server knows)");
  if (name == "default") return "";
  if (name != "C" && name != "POSIX" && name != "ucs_basic" && !s.unmanaged("collation", name))
    refuse("collation \"" + name + "\" (whether the server has it, only the server knows)");
  return name;
}

} // namespace tether::pg::replay
