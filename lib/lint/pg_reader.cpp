#include "lint/pg_reader.h"
#include "core/large_stack.h"
#include "core/nesting_bound.h"
#include "core/strings.h"
#include "lint/source_text.h"
#include "json/json_parse.h"
#include "json/json_view.h"
#include <algorithm>
#include <cctype>
#include <map>
#include <pg_query.h>
#include <set>
#include <stdexcept>

namespace tether::lint {

namespace {

// Functions whose value differs per row: a default calling one makes ADD COLUMN rewrite the
// table (now() and CURRENT_TIMESTAMP are STABLE and stored once, so they are not here).
const std::set<std::string> kVolatileFunctions = {
    "random",           "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
    "uuid_generate_v4", "clock_timestamp", "timeofday",        "nextval",
    "setseed",          "txid_current",    "gen_random_bytes"};

// Functions known STABLE or IMMUTABLE: a default calling only these is stored once, no rewrite. Any
// other function counts as volatile unless --db finds it non-volatile in pg_proc.
const std::set<std::string> kStableFunctions = {"now",
                                                "statement_timestamp",
                                                "transaction_timestamp",
                                                "current_setting",
                                                "lower",
                                                "upper",
                                                "length",
                                                "concat",
                                                "concat_ws",
                                                "format",
                                                "replace",
                                                "substring",
                                                "substr",
                                                "btrim",
                                                "ltrim",
                                                "rtrim",
                                                "trim",
                                                "md5",
                                                "abs",
                                                "round",
                                                "floor",
                                                "ceil",
                                                "to_char",
                                                "to_date",
                                                "to_timestamp",
                                                "to_jsonb",
                                                "to_json",
                                                "jsonb_build_object",
                                                "json_build_object",
                                                "jsonb_build_array",
                                                "json_build_array",
                                                "make_date",
                                                "make_timestamp",
                                                "make_timestamptz",
                                                "make_interval",
                                                "date_trunc",
                                                "array_fill",
                                                "timezone",
                                                "left",
                                                "right",
                                                "coalesce",
                                                "nullif",
                                                "greatest",
                                                "least",
                                                "age"};

std::string lastString(JsonView list) {
  std::string s;
  for (const auto &item : list.items())
    if (item["String"].isObject()) s = item["String"]["sval"].asString();
  return s;
}

// Every function called anywhere in an expression tree.
void functionCalls(JsonView node, std::vector<std::string> &out) {
  if (node.isObject()) {
    for (const auto &[key, value] : node.members()) {
      if (key == "FuncCall") out.push_back(toLower(lastString(value["funcname"])));
      functionCalls(value, out);
    }
  } else if (node.isArray()) {
    for (const auto &item : node.items())
      functionCalls(item, out);
  }
}

// The first function of `fns` that is (or may be) volatile: a known volatile one first, else the
// first one not known to be stable.
std::string volatileCall(const std::vector<std::string> &fns) {
  for (const auto &fn : fns)
    if (kVolatileFunctions.count(fn)) return fn;
  for (const auto &fn : fns)
    if (!kStableFunctions.count(fn)) return fn;
  return "";
}

void readType(JsonView typeName, Operation &op) {
  op.baseType = toLower(lastString(typeName["names"]));
  std::vector<std::string> mods;
  for (const auto &m : typeName["typmods"].items()) {
    JsonView c = m["A_Const"];
    if (c["ival"].isObject()) mods.push_back(std::to_string(c["ival"]["ival"].asInt(0)));
  }
  if (!mods.empty()) op.typeLength = std::stoll(mods[0]);
  static const std::set<std::string> kSerial = {"serial",  "bigserial", "smallserial",
                                                "serial4", "serial8",   "serial2"};
  if (kSerial.count(op.baseType)) {
    op.volatileDefault = true;
    op.hasDefault = true;
    op.defaultFunction = "nextval";
  }
  op.typeName = op.baseType + (mods.empty() ? "" : "(" + join(mods, ",") + ")");
}

void readRelation(JsonView rel, Operation &op) {
  op.schema = rel["schemaname"].asString();
  op.table = rel["relname"].asString();
}

std::vector<std::string> stringList(JsonView list) {
  std::vector<std::string> out;
  for (const auto &item : list.items())
    if (item["String"].isObject()) out.push_back(item["String"]["sval"].asString());
  return out;
}

void readColumnDef(JsonView def, Operation &op, size_t base) {
  op.column = def["colname"].asString();
  if (def["location"].asInt() >= 0) op.offset = base + size_t(def["location"].asInt());
  readType(def["typeName"], op);
  for (const auto &c : def["constraints"].items()) {
    JsonView con = c["Constraint"];
    const std::string &type = con["contype"].asString();
    if (type == "CONSTR_NOTNULL" || type == "CONSTR_PRIMARY") op.notNull = true;
    if (type == "CONSTR_DEFAULT") {
      op.hasDefault = true;
      functionCalls(con["raw_expr"], op.functions);
      std::string fn = volatileCall(op.functions);
      if (!fn.empty()) {
        op.volatileDefault = true;
        op.defaultFunction = fn;
      }
    }
    if (type == "CONSTR_IDENTITY" || type == "CONSTR_GENERATED") {
      // Filling an identity or stored generated column computes a value per row: a rewrite.
      op.hasDefault = true;
      op.volatileDefault = true;
      op.defaultFunction = type == "CONSTR_IDENTITY" ? "identity" : "generated";
    }
  }
}

void readConstraint(JsonView con, Operation &op) {
  const std::string &type = con["contype"].asString();
  op.constraintName = con["conname"].asString();
  op.notValid = con["skip_validation"].asBool();
  op.columns = stringList(con["keys"]);
  op.usingIndex = con.has("indexname");
  if (type == "CONSTR_UNIQUE")
    op.constraint = ConstraintKind::Unique;
  else if (type == "CONSTR_PRIMARY")
    op.constraint = ConstraintKind::PrimaryKey;
  else if (type == "CONSTR_FOREIGN") {
    op.constraint = ConstraintKind::ForeignKey;
    op.columns = stringList(con["fk_attrs"]);
    op.newName = con["pktable"]["relname"].asString(); // the referenced table and its columns
    op.sourceColumns = stringList(con["pk_attrs"]);
  } else if (type == "CONSTR_EXCLUSION") {
    op.constraint = ConstraintKind::Exclude;
  } else if (type == "CONSTR_CHECK") {
    op.constraint = ConstraintKind::Check;
    JsonView test = con["raw_expr"]["NullTest"];
    if (test.isObject() && test["nulltesttype"].asString() == "IS_NOT_NULL")
      op.checkNotNullOf = lastString(test["arg"]["ColumnRef"]["fields"]);
  } else
    op.constraint = ConstraintKind::Other;
}

const LockEntry *lockOf(const char *statement) {
  return &lockEntry(statement);
}

// The lock table's entry for one ALTER TABLE subcommand.
const LockEntry *alterTableLock(const std::string &sub, JsonView cmd, const Operation &op) {
  static const std::map<std::string, const char *> kSimple = {
      {"AT_AddColumn", "ALTER TABLE … ADD COLUMN"},
      {"AT_DropColumn", "ALTER TABLE … DROP COLUMN"},
      {"AT_AlterColumnType", "ALTER TABLE … ALTER COLUMN TYPE"},
      {"AT_SetNotNull", "ALTER TABLE … ALTER COLUMN SET NOT NULL"},
      {"AT_DropNotNull", "ALTER TABLE … ALTER COLUMN DROP NOT NULL"},
      {"AT_AddIdentity", "ALTER TABLE … ALTER COLUMN ADD GENERATED … AS IDENTITY"},
      {"AT_SetIdentity", "ALTER TABLE … ALTER COLUMN SET GENERATED / RESTART"},
      {"AT_DropIdentity", "ALTER TABLE … ALTER COLUMN DROP IDENTITY"},
      {"AT_DropExpression", "ALTER TABLE … ALTER COLUMN DROP EXPRESSION"},
      {"AT_SetStatistics", "ALTER TABLE … ALTER COLUMN SET STATISTICS"},
      {"AT_SetOptions", "ALTER TABLE … ALTER COLUMN SET ( attribute_option )"},
      {"AT_ResetOptions", "ALTER TABLE … ALTER COLUMN SET ( attribute_option )"},
      {"AT_SetStorage", "ALTER TABLE … ALTER COLUMN SET STORAGE"},
      {"AT_SetCompression", "ALTER TABLE … ALTER COLUMN SET COMPRESSION"},
      {"AT_ValidateConstraint", "ALTER TABLE … VALIDATE CONSTRAINT"},
      {"AT_DropConstraint", "ALTER TABLE … DROP CONSTRAINT"},
      {"AT_AlterConstraint", "ALTER TABLE … ALTER CONSTRAINT"},
      {"AT_EnableRule", "ALTER TABLE … ENABLE / DISABLE RULE"},
      {"AT_EnableAlwaysRule", "ALTER TABLE … ENABLE / DISABLE RULE"},
      {"AT_EnableReplicaRule", "ALTER TABLE … ENABLE / DISABLE RULE"},
      {"AT_DisableRule", "ALTER TABLE … ENABLE / DISABLE RULE"},
      {"AT_EnableRowSecurity", "ALTER TABLE … ENABLE / DISABLE / FORCE ROW LEVEL SECURITY"},
      {"AT_DisableRowSecurity", "ALTER TABLE … ENABLE / DISABLE / FORCE ROW LEVEL SECURITY"},
      {"AT_ForceRowSecurity", "ALTER TABLE … ENABLE / DISABLE / FORCE ROW LEVEL SECURITY"},
      {"AT_NoForceRowSecurity", "ALTER TABLE … ENABLE / DISABLE / FORCE ROW LEVEL SECURITY"},
      {"AT_ClusterOn", "ALTER TABLE … CLUSTER ON / SET WITHOUT CLUSTER"},
      {"AT_DropCluster", "ALTER TABLE … CLUSTER ON / SET WITHOUT CLUSTER"},
      {"AT_SetRelOptions", "ALTER TABLE … SET ( storage_parameter )"},
      {"AT_ResetRelOptions", "ALTER TABLE … SET ( storage_parameter )"},
      {"AT_SetTableSpace", "ALTER TABLE … SET TABLESPACE"},
      {"AT_SetAccessMethod", "ALTER TABLE … SET ACCESS METHOD"},
      {"AT_SetLogged", "ALTER TABLE … SET LOGGED / UNLOGGED"},
      {"AT_SetUnLogged", "ALTER TABLE … SET LOGGED / UNLOGGED"},
      {"AT_AddInherit", "ALTER TABLE … INHERIT / NO INHERIT"},
      {"AT_DropInherit", "ALTER TABLE … INHERIT / NO INHERIT"},
      {"AT_AddOf", "ALTER TABLE … OF / NOT OF"},
      {"AT_DropOf", "ALTER TABLE … OF / NOT OF"},
      {"AT_ChangeOwner", "ALTER TABLE … OWNER TO"},
      {"AT_ReplicaIdentity", "ALTER TABLE … REPLICA IDENTITY"},
      {"AT_AttachPartition", "ALTER TABLE … ATTACH PARTITION"},
  };
  auto it = kSimple.find(sub);
  if (it != kSimple.end()) return lockOf(it->second);
  if (sub == "AT_ColumnDefault")
    return lockOf(cmd.has("def") ? "ALTER TABLE … ALTER COLUMN SET DEFAULT"
                                 : "ALTER TABLE … ALTER COLUMN DROP DEFAULT");
  if (sub.compare(0, 12, "AT_EnableTri") == 0 || sub.compare(0, 13, "AT_DisableTri") == 0)
    return lockOf("ALTER TABLE … ENABLE / DISABLE TRIGGER");
  if (sub == "AT_DetachPartition")
    return lockOf(cmd["def"]["PartitionCmd"]["concurrent"].asBool()
                      ? "ALTER TABLE … DETACH PARTITION CONCURRENTLY"
                      : "ALTER TABLE … DETACH PARTITION");
  if (sub == "AT_AddConstraint") {
    if (op.usingIndex) return lockOf("ALTER TABLE … ADD CONSTRAINT … USING INDEX");
    switch (op.constraint) {
    case ConstraintKind::Unique:
      return lockOf("ALTER TABLE … ADD CONSTRAINT UNIQUE");
    case ConstraintKind::PrimaryKey:
      return lockOf("ALTER TABLE … ADD CONSTRAINT PRIMARY KEY");
    case ConstraintKind::Exclude:
      return lockOf("ALTER TABLE … ADD CONSTRAINT EXCLUDE");
    case ConstraintKind::Check:
      return lockOf(op.notValid ? "ALTER TABLE … ADD CONSTRAINT CHECK … NOT VALID"
                                : "ALTER TABLE … ADD CONSTRAINT CHECK");
    case ConstraintKind::ForeignKey:
      return lockOf(op.notValid ? "ALTER TABLE … ADD CONSTRAINT FOREIGN KEY … NOT VALID"
                                : "ALTER TABLE … ADD CONSTRAINT FOREIGN KEY");
    default:
      break;
    }
  }
  return lockOf("ALTER TABLE … (other subcommand)");
}

// UNIQUE, PRIMARY KEY, CHECK and REFERENCES written on a new column are constraints added to an
// existing table.
void inlineConstraints(JsonView def, const Operation &proto, const Operation &column,
                       std::vector<Operation> &ops) {
  for (const auto &c : def["constraints"].items()) {
    JsonView con = c["Constraint"];
    const std::string &type = con["contype"].asString();
    if (type != "CONSTR_FOREIGN" && type != "CONSTR_CHECK" && type != "CONSTR_UNIQUE" &&
        type != "CONSTR_PRIMARY")
      continue;
    Operation inlineOp = proto;
    inlineOp.kind = OpKind::AddConstraint;
    inlineOp.offset = column.offset;
    readConstraint(con, inlineOp);
    inlineOp.columns = {column.column};
    inlineOp.lock = alterTableLock("AT_AddConstraint", JsonView(), inlineOp);
    ops.push_back(inlineOp);
  }
}

void readAlterTable(JsonView stmt, size_t base, std::vector<Operation> &ops) {
  const std::string &objtype = stmt["objtype"].asString();
  Operation proto;
  proto.offset = base;
  readRelation(stmt["relation"], proto);
  if (objtype == "OBJECT_INDEX") {
    for (const auto &item : stmt["cmds"].items())
      if (item["AlterTableCmd"]["subtype"].asString() == "AT_SetTableSpace") {
        Operation op = proto;
        op.kind = OpKind::Other;
        op.lock = lockOf("ALTER INDEX … SET TABLESPACE");
        ops.push_back(op);
      }
    return;
  }
  if (objtype != "OBJECT_TABLE") return;
  for (const auto &item : stmt["cmds"].items()) {
    JsonView cmd = item["AlterTableCmd"];
    const std::string &sub = cmd["subtype"].asString();
    Operation op = proto;
    op.column = cmd["name"].asString();
    op.ifExists = cmd["missing_ok"].asBool();
    if (sub == "AT_AddColumn") {
      op.kind = OpKind::AddColumn;
      readColumnDef(cmd["def"]["ColumnDef"], op, base);
      op.lock = alterTableLock(sub, cmd, op);
      ops.push_back(op);
      inlineConstraints(cmd["def"]["ColumnDef"], proto, op, ops);
      continue;
    } else if (sub == "AT_DropColumn") {
      op.kind = OpKind::DropColumn;
    } else if (sub == "AT_AlterColumnType") {
      op.kind = OpKind::AlterColumnType;
      readType(cmd["def"]["ColumnDef"]["typeName"], op);
      op.volatileDefault = false; // a serial "type" here is not a default
      op.hasDefault = false;
      op.expression = cmd["def"]["ColumnDef"].has("raw_default") ? "USING" : "";
    } else if (sub == "AT_SetNotNull") {
      op.kind = OpKind::SetNotNull;
    } else if (sub == "AT_DropNotNull") {
      op.kind = OpKind::DropNotNull;
    } else if (sub == "AT_AddConstraint") {
      op.kind = OpKind::AddConstraint;
      readConstraint(cmd["def"]["Constraint"], op);
    } else if (sub == "AT_DropConstraint") {
      op.kind = OpKind::DropConstraint;
      op.constraintName = cmd["name"].asString();
    } else if (sub == "AT_ValidateConstraint") {
      op.kind = OpKind::ValidateConstraint;
      op.constraintName = cmd["name"].asString();
    } else {
      op.kind = OpKind::Other;
    }
    op.lock = alterTableLock(sub, cmd, op);
    ops.push_back(op);
  }
}

void readDrop(JsonView stmt, size_t base, std::vector<Operation> &ops) {
  const std::string &type = stmt["removeType"].asString();
  for (const auto &obj : stmt["objects"].items()) {
    std::vector<std::string> names = stringList(obj["List"]["items"]);
    if (names.empty() && obj["String"].isObject()) names = {obj["String"]["sval"].asString()};
    if (names.empty()) continue;
    Operation op;
    op.offset = base;
    op.table = names.back();
    if (names.size() > 1) op.schema = names[names.size() - 2];
    op.concurrently = stmt["concurrent"].asBool();
    op.ifExists = stmt["missing_ok"].asBool();
    if (type == "OBJECT_TABLE") {
      op.kind = OpKind::DropTable;
      op.lock = lockOf("DROP TABLE");
    } else if (type == "OBJECT_INDEX") {
      op.kind = OpKind::DropIndex;
      op.lock = lockOf(op.concurrently ? "DROP INDEX CONCURRENTLY" : "DROP INDEX");
    } else if (type == "OBJECT_SCHEMA") {
      op.kind = OpKind::DropSchema;
      op.newName = "schema";
      op.schema.clear();
    } else if (type == "OBJECT_TRIGGER" || type == "OBJECT_RULE" || type == "OBJECT_POLICY") {
      // [schema.]table.name: the lock is on the table.
      if (names.size() < 2) continue;
      op.kind = OpKind::Other;
      op.constraintName = names.back();
      op.table = names[names.size() - 2];
      op.schema = names.size() > 2 ? names[names.size() - 3] : "";
      op.lock = lockOf(type == "OBJECT_TRIGGER" ? "DROP TRIGGER"
                       : type == "OBJECT_RULE"  ? "CREATE RULE"
                                                : "CREATE POLICY / ALTER POLICY / DROP POLICY");
    } else {
      continue;
    }
    ops.push_back(op);
  }
}

void readSetting(JsonView stmt, std::vector<Operation> &ops) {
  std::string name = toLower(stmt["name"].asString());
  if (name != "lock_timeout" && name != "statement_timeout") return;
  Operation op;
  op.kind = name == "lock_timeout" ? OpKind::SetLockTimeout : OpKind::SetStatementTimeout;
  JsonView arg = stmt["args"].items().empty() ? JsonView() : stmt["args"].items()[0]["A_Const"];
  std::string value = arg["sval"].isObject()   ? arg["sval"]["sval"].asString()
                      : arg["ival"].isObject() ? std::to_string(arg["ival"]["ival"].asInt(0))
                                               : "0";
  op.enabled = stmt["kind"].asString() == "VAR_SET_VALUE" && !value.empty() && value != "0" &&
               value != "0s" && value != "0ms";
  ops.push_back(op);
}

bool hasDefElem(JsonView list, const char *name) {
  for (const auto &o : list.items())
    if (toLower(o["DefElem"]["defname"].asString()) == name) {
      JsonView arg = o["DefElem"]["arg"];
      // VACUUM (FULL false) names the option but switches it off.
      if (arg["Boolean"].isObject()) return arg["Boolean"]["boolval"].asBool();
      if (arg["String"].isObject()) {
        std::string v = toLower(arg["String"]["sval"].asString());
        return v != "false" && v != "off" && v != "0";
      }
      return true;
    }
  return false;
}

// The source text of an index's keys and WHERE clause, for messages about expression and partial
// indexes: from the `(` after ON table to the end of the statement.
std::string indexKeysText(const std::string &text) {
  std::string upper = toUpper(text);
  size_t on = upper.find(" ON ");
  size_t open = on == std::string::npos ? std::string::npos : text.find('(', on);
  if (open == std::string::npos) return "";
  std::string keys = trim(text.substr(open));
  while (!keys.empty() && (keys.back() == ';' || isspace(static_cast<unsigned char>(keys.back()))))
    keys.pop_back();
  return keys;
}

std::vector<Operation> readStatement(JsonView root, size_t base, const std::string &text);

// DO $$ … $$: the SQL statements its plpgsql body runs, read by libpg_query's plpgsql parser.
// `dynamic` is set when the body runs SQL built at run time (EXECUTE), which no reader can check.
void plpgsqlQueries(JsonView node, std::vector<std::string> &out, bool &dynamic) {
  if (node.isObject()) {
    for (const auto &[key, value] : node.members()) {
      if (key == "PLpgSQL_stmt_execsql") out.push_back(value["sqlstmt"]["PLpgSQL_expr"]["query"].asString());
      if (key == "PLpgSQL_stmt_dynexecute") dynamic = true;
      plpgsqlQueries(value, out, dynamic);
    }
  } else if (node.isArray()) {
    for (const auto &item : node.items())
      plpgsqlQueries(item, out, dynamic);
  }
}

void readDo(JsonView stmt, size_t base, std::vector<Operation> &ops) {
  std::string body, language = "plpgsql";
  for (const auto &a : stmt["args"].items()) {
    JsonView d = a["DefElem"];
    if (d["defname"].asString() == "as") body = d["arg"]["String"]["sval"].asString();
    if (d["defname"].asString() == "language") language = toLower(d["arg"]["String"]["sval"].asString());
  }
  Operation marker;
  marker.kind = OpKind::DoBlock;
  marker.offset = base;
  bool readable = language == "plpgsql";
  std::vector<std::string> queries;
  if (readable) {
    std::string fn = "CREATE FUNCTION tether_do_block() RETURNS void LANGUAGE plpgsql AS $tether_do$" + body +
                     "$tether_do$;";
    PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(fn.c_str());
    if (r.error || !r.plpgsql_funcs) {
      readable = false;
    } else {
      try {
        bool dynamic = false;
        JsonDoc tree = parseJson(r.plpgsql_funcs, "libpg_query");
        plpgsqlQueries(JsonView(tree), queries, dynamic);
        readable = !dynamic;
      } catch (const std::exception &) {
        readable = false;
      }
    }
    pg_query_free_plpgsql_parse_result(r);
  }
  marker.enabled = readable; // false: the body's SQL could not be checked
  ops.push_back(marker);
  for (const auto &q : queries) {
    PgQueryParseResult r = pg_query_parse(q.c_str());
    if (!r.error) {
      try {
        JsonDoc tree = parseJson(r.parse_tree, "libpg_query");
        for (auto &op : readStatement(JsonView(tree), base, q)) {
          op.offset = base;
          ops.push_back(op);
        }
      } catch (const std::exception &) {
      }
    }
    pg_query_free_parse_result(r);
  }
}

void lockOnly(JsonView rel, size_t base, const char *statement, std::vector<Operation> &ops) {
  Operation op;
  op.kind = OpKind::Other;
  op.offset = base;
  readRelation(rel, op);
  op.lock = lockOf(statement);
  ops.push_back(op);
}

std::vector<Operation> readStatement(JsonView root, size_t base, const std::string &text) {
  std::vector<Operation> ops;
  for (const auto &entry : root["stmts"].items()) {
    for (const auto &[type, stmt] : entry["stmt"].members()) {
      Operation op;
      op.offset = base;
      if (type == "CreateStmt") {
        op.kind = OpKind::CreateTable;
        readRelation(stmt["relation"], op);
        op.ifExists = stmt["if_not_exists"].asBool();
        for (const auto &elt : stmt["tableElts"].items()) {
          JsonView col = elt["ColumnDef"];
          if (!col.isObject()) continue;
          Operation c;
          readType(col["typeName"], c);
          op.tableColumns.push_back(col["colname"].asString());
          op.sourceColumns.push_back(c.typeName); // the column's type, for later type changes
        }
        ops.push_back(op);
      } else if (type == "CreateTableAsStmt") {
        op.kind = OpKind::CreateTable;
        readRelation(stmt["into"]["rel"], op);
        ops.push_back(op);
      } else if (type == "AlterTableStmt") {
        readAlterTable(stmt, base, ops);
      } else if (type == "DropStmt") {
        readDrop(stmt, base, ops);
      } else if (type == "DropdbStmt") {
        op.kind = OpKind::DropSchema;
        op.newName = "database";
        op.table = stmt["dbname"].asString();
        ops.push_back(op);
      } else if (type == "TruncateStmt") {
        for (const auto &rel : stmt["relations"].items()) {
          op.kind = OpKind::Truncate;
          readRelation(rel["RangeVar"], op);
          op.lock = lockOf("TRUNCATE");
          ops.push_back(op);
        }
      } else if (type == "DeleteStmt" && !stmt.has("whereClause")) {
        op.kind = OpKind::Truncate;
        readRelation(stmt["relation"], op);
        op.lock = lockOf("UPDATE / DELETE");
        ops.push_back(op);
      } else if (type == "UpdateStmt") {
        op.kind = OpKind::Update;
        readRelation(stmt["relation"], op);
        op.lock = lockOf("UPDATE / DELETE");
        for (const auto &target : stmt["targetList"].items())
          op.columns.push_back(target["ResTarget"]["name"].asString());
        ops.push_back(op);
      } else if (type == "RenameStmt") {
        const std::string &what = stmt["renameType"].asString();
        readRelation(stmt["relation"], op);
        if (what == "OBJECT_TABLE" || what == "OBJECT_COLUMN") {
          op.kind = what == "OBJECT_TABLE" ? OpKind::RenameTable : OpKind::RenameColumn;
          op.column = stmt["subname"].asString();
          op.newName = stmt["newname"].asString();
          op.lock =
              lockOf(what == "OBJECT_TABLE" ? "ALTER TABLE … RENAME TO" : "ALTER TABLE … RENAME COLUMN");
        } else if (what == "OBJECT_TABCONSTRAINT") {
          op.kind = OpKind::Other;
          op.lock = lockOf("ALTER TABLE … RENAME CONSTRAINT");
        } else if (what == "OBJECT_INDEX") {
          op.kind = OpKind::Other;
          op.lock = lockOf("ALTER INDEX … RENAME");
        } else {
          continue;
        }
        ops.push_back(op);
      } else if (type == "IndexStmt") {
        op.kind = OpKind::CreateIndex;
        readRelation(stmt["relation"], op);
        op.concurrently = stmt["concurrent"].asBool();
        op.unique = stmt["unique"].asBool();
        op.ifExists = stmt["if_not_exists"].asBool();
        op.constraintName = stmt["idxname"].asString();
        op.lock = lockOf(op.concurrently ? "CREATE INDEX CONCURRENTLY" : "CREATE INDEX");
        bool plainColumns = !stmt.has("whereClause"); // partial: rows outside don't count
        for (const auto &p : stmt["indexParams"].items()) {
          JsonView elem = p["IndexElem"];
          if (elem.has("name"))
            op.columns.push_back(elem["name"].asString());
          else
            plainColumns = false; // an expression: the keys are not columns
        }
        if (!plainColumns) {
          op.columns.clear();
          op.expression = indexKeysText(text);
        }
        ops.push_back(op);
      } else if (type == "ReindexStmt") {
        bool concurrently = hasDefElem(stmt["params"], "concurrently");
        lockOnly(stmt["relation"], base, concurrently ? "REINDEX CONCURRENTLY" : "REINDEX", ops);
        ops.back().concurrently = concurrently;
        ops.back().newName = stmt["kind"].asString() == "REINDEX_OBJECT_INDEX" ? "INDEX" : "TABLE";
      } else if (type == "VacuumStmt") {
        bool full = stmt["is_vacuumcmd"].asBool() && hasDefElem(stmt["options"], "full");
        const char *what = full ? "VACUUM FULL" : stmt["is_vacuumcmd"].asBool() ? "VACUUM" : "ANALYZE";
        for (const auto &rel : stmt["rels"].items())
          lockOnly(rel["VacuumRelation"]["relation"], base, what, ops);
      } else if (type == "ClusterStmt") {
        if (stmt.has("relation")) lockOnly(stmt["relation"], base, "CLUSTER", ops);
      } else if (type == "CreateTrigStmt") {
        lockOnly(stmt["relation"], base, "CREATE TRIGGER", ops);
        ops.back().constraintName = stmt["trigname"].asString();
      } else if (type == "RuleStmt") {
        lockOnly(stmt["relation"], base, "CREATE RULE", ops);
      } else if (type == "CreatePolicyStmt" || type == "AlterPolicyStmt") {
        lockOnly(stmt["table"], base, "CREATE POLICY / ALTER POLICY / DROP POLICY", ops);
      } else if (type == "RefreshMatViewStmt") {
        bool concurrently = stmt["concurrent"].asBool();
        lockOnly(stmt["relation"], base,
                 concurrently ? "REFRESH MATERIALIZED VIEW CONCURRENTLY" : "REFRESH MATERIALIZED VIEW", ops);
        ops.back().concurrently = concurrently;
      } else if (type == "LockStmt") {
        // Only ACCESS EXCLUSIVE (mode 8, the default) is in the table; weaker explicit locks are
        // the author's deliberate choice.
        if (stmt["mode"].asInt(8) == 8)
          for (const auto &rel : stmt["relations"].items())
            lockOnly(rel["RangeVar"], base, "LOCK TABLE", ops);
      } else if (type == "AlterEnumStmt") {
        op.table = lastString(stmt["typeName"]);
        if (stmt.has("oldVal")) {
          op.kind = OpKind::RenameEnumValue;
          op.column = stmt["oldVal"].asString();
          op.newName = stmt["newVal"].asString();
          op.lock = lockOf("ALTER TYPE … RENAME VALUE");
        } else {
          op.kind = OpKind::AddEnumValue;
          op.newName = stmt["newVal"].asString();
          op.column = stmt["newValNeighbor"].asString();
          op.enumPositioned = !op.column.empty();
          op.ifExists = stmt["skipIfNewValExists"].asBool();
          op.lock = lockOf("ALTER TYPE … ADD VALUE");
        }
        ops.push_back(op);
      } else if (type == "AlterDomainStmt") {
        // ADD CONSTRAINT checks every column of the domain, in every table, under SHARE locks.
        if (stmt["subtype"].asString() != "C" || stmt["def"]["Constraint"]["skip_validation"].asBool())
          continue;
        op.kind = OpKind::Other;
        op.table = lastString(stmt["typeName"]);
        op.newName = "domain";
        op.lock = lockOf("ALTER DOMAIN … ADD CONSTRAINT");
        ops.push_back(op);
      } else if (type == "ViewStmt") {
        op.kind = OpKind::CreateView;
        readRelation(stmt["view"], op);
        ops.push_back(op);
      } else if (type == "DoStmt") {
        readDo(stmt, base, ops);
      } else if (type == "VariableSetStmt") {
        readSetting(stmt, ops);
      } else if (type == "TransactionStmt") {
        const std::string &kind = stmt["kind"].asString();
        if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START")
          op.kind = OpKind::Begin;
        else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK")
          op.kind = OpKind::Commit;
        else
          continue;
        ops.push_back(op);
      }
    }
  }
  return ops;
}

// PostgreSQL reports error positions in characters, the rest of its positions in bytes.
size_t byteOffsetOfChar(const std::string &text, size_t chars) {
  size_t i = 0;
  while (i < text.size() && chars > 0) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
      ++i;
    --chars;
  }
  return i;
}

bool isWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (static_cast<unsigned char>(c) & 0x80);
}

// Whether sql[from, to) ends with the keyword END (a body's close), trailing space and `;` aside.
bool endsWithEndKeyword(const std::string &sql, size_t from, size_t to) {
  while (to > from && (std::isspace(static_cast<unsigned char>(sql[to - 1])) || sql[to - 1] == ';'))
    --to;
  if (to - from < 3) return false;
  if (toUpper(sql.substr(to - 3, 3)) != "END") return false;
  return to - 3 == from || !isWordByte(sql[to - 4]);
}

// Whether the statement at sql[begin, to) is a CREATE … with a BEGIN ATOMIC body.
bool startsCreateWithAtomicBody(const std::string &sql, size_t begin, size_t to) {
  std::string upper = toUpper(sql.substr(begin, to - begin));
  return upper.compare(0, 6, "CREATE") == 0 && upper.find("BEGIN ATOMIC") != std::string::npos;
}

Statement parseOne(const std::string &sql, size_t location, size_t length) {
  Statement st;
  std::string text = sql.substr(location, length);
  st.begin = skipSpaceAndComments(sql, location, location + length);
  st.end = location + length;
  if (auto deep = findExcessiveNesting(sql, location, location + length)) {
    st.syntaxError = true;
    st.errorMessage = "statement too deeply nested to parse: " + deep->message;
    st.errorOffset = deep->offset;
    return st;
  }
  // The parser, the tree's JSON reader, the walker and the tree's destructor all recurse once per
  // nesting level: all of them run on the large stack.
  runWithLargeStack([&] {
    PgQueryParseResult r = pg_query_parse(text.c_str());
    if (r.error) {
      st.syntaxError = true;
      st.errorMessage = r.error->message ? r.error->message : "syntax error";
      st.errorOffset = r.error->cursorpos > 0
                           ? location + byteOffsetOfChar(text, size_t(r.error->cursorpos - 1))
                           : st.begin;
    } else {
      try {
        JsonDoc tree = parseJson(r.parse_tree, "libpg_query");
        st.ops = readStatement(JsonView(tree), location, text);
        for (auto &op : st.ops)
          if (op.offset < st.begin) op.offset = st.begin;
      } catch (const std::exception &e) {
        st.syntaxError = true;
        st.errorMessage = std::string("unreadable parse tree: ") + e.what();
        st.errorOffset = st.begin;
      }
    }
    pg_query_free_parse_result(r);
  });
  return st;
}

// psql input that is not SQL: meta-command lines (\set, \connect, \i …) and the data lines after
// COPY … FROM stdin up to "\.". Blanked out in `sql` (offsets kept), one note each.
std::vector<Statement> blankPsqlInput(std::string &sql) {
  std::vector<Statement> notes;
  bool inCopyData = false;
  size_t copyStart = 0, copyLines = 0;
  auto blank = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i)
      if (sql[i] != '\n') sql[i] = ' ';
  };
  auto note = [&](size_t at, const std::string &what) {
    Statement st;
    st.begin = st.end = at;
    Operation op;
    op.kind = OpKind::PsqlMeta;
    op.offset = at;
    op.expression = what;
    st.ops.push_back(op);
    notes.push_back(st);
  };
  for (size_t lineStart = 0; lineStart < sql.size();) {
    size_t nl = sql.find('\n', lineStart);
    size_t lineEnd = nl == std::string::npos ? sql.size() : nl;
    std::string line = sql.substr(lineStart, lineEnd - lineStart);
    std::string trimmed = trim(line);
    if (inCopyData) {
      if (trimmed == "\\.") {
        note(copyStart, "COPY … FROM stdin data (" + std::to_string(copyLines) + " line" +
                            (copyLines == 1 ? "" : "s") + ")");
        inCopyData = false;
      } else {
        ++copyLines;
      }
      blank(lineStart, lineEnd);
    } else if (!trimmed.empty() && trimmed[0] == '\\') {
      note(lineStart + line.find('\\'), "psql meta-command " + trimmed.substr(0, trimmed.find(' ')));
      blank(lineStart, lineEnd);
    } else {
      // COPY … FROM stdin; ending on this line (no std::regex: it recurses per character and a long
      // data line would exhaust the stack).
      std::string upper = toUpper(trimmed);
      if (upper.compare(0, 5, "COPY ") == 0 && upper.find("FROM STDIN") != std::string::npos &&
          upper.back() == ';') {
        inCopyData = true;
        copyStart = std::min(lineEnd + 1, sql.size());
        copyLines = 0;
      }
    }
    lineStart = lineEnd + 1;
  }
  if (inCopyData) note(copyStart, "COPY … FROM stdin data without its closing \\. line");
  return notes;
}

} // namespace

std::vector<Statement> readPostgresStatements(const std::string &source) {
  std::string sql = source;
  std::vector<Statement> out = blankPsqlInput(sql);
  PgQuerySplitResult split = pg_query_split_with_scanner(sql.c_str());
  if (split.error) {
    Statement st;
    st.syntaxError = true;
    st.errorMessage = split.error->message ? split.error->message : "unreadable SQL";
    st.begin = skipSpaceAndComments(sql, 0, sql.size());
    st.end = sql.size();
    st.errorOffset =
        split.error->cursorpos > 0 ? byteOffsetOfChar(sql, size_t(split.error->cursorpos - 1)) : st.begin;
    pg_query_free_split_result(split);
    out.push_back(st);
    return out;
  }
  std::vector<Statement> notes = std::move(out);
  out.clear();
  size_t previousEnd = 0;
  for (int i = 0; i < split.n_stmts; ++i) {
    size_t location = size_t(split.stmts[i]->stmt_location), length = size_t(split.stmts[i]->stmt_len);
    if (location > sql.size() || location + length > sql.size()) break;
    if (skipSpaceAndComments(sql, location, location + length) >= location + length) continue;
    Statement st = parseOne(sql, location, length);
    // The scanner splits a SQL-standard body (BEGIN ATOMIC … END) at its inner `;`: join the pieces
    // that follow until the whole function parses. Only a piece ending in END can close the body, so
    // only those are tried, and only a few: trying every piece made a file of broken bodies
    // quadratic (3,000 of them took 10 s).
    if (st.syntaxError && startsCreateWithAtomicBody(sql, st.begin, location + length)) {
      int attempts = 0;
      for (int k = i + 1; k < split.n_stmts && k < i + 200 && attempts < 16; ++k) {
        size_t end = size_t(split.stmts[k]->stmt_location + split.stmts[k]->stmt_len);
        if (end > sql.size()) break;
        if (!endsWithEndKeyword(sql, location, end)) continue;
        ++attempts;
        Statement joined = parseOne(sql, location, end - location);
        if (!joined.syntaxError) {
          st = std::move(joined);
          i = k;
          break;
        }
      }
    }
    st.nolint = nolintRules(sql, previousEnd, st.begin, st.end, &st.nolintWithoutReason);
    st.outsideTransaction = followedByOutsideTransactionMarker(sql, st.end);
    previousEnd = st.end;
    out.push_back(std::move(st));
  }
  pg_query_free_split_result(split);
  out.insert(out.end(), notes.begin(), notes.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const Statement &a, const Statement &b) { return a.begin < b.begin; });
  return out;
}

} // namespace tether::lint
