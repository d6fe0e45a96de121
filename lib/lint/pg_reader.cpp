#include "lint/pg_reader.h"
#include "core/large_stack.h"
#include "core/nesting_bound.h"
#include "core/strings.h"
#include "lint/json_value.h"
#include "lint/source_text.h"
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

std::string lastString(const JsonValue &list) {
  std::string s;
  for (const auto &item : list.items())
    if (item["String"].isObject()) s = item["String"]["sval"].asString();
  return s;
}

// Finds a volatile function call anywhere in an expression tree.
std::string volatileCall(const JsonValue &node) {
  if (node.isObject()) {
    for (const auto &[key, value] : node.members()) {
      if (key == "FuncCall") {
        std::string fn = toLower(lastString(value["funcname"]));
        if (kVolatileFunctions.count(fn)) return fn;
      }
      std::string inner = volatileCall(value);
      if (!inner.empty()) return inner;
    }
  } else if (node.isArray()) {
    for (const auto &item : node.items()) {
      std::string inner = volatileCall(item);
      if (!inner.empty()) return inner;
    }
  }
  return "";
}

void readType(const JsonValue &typeName, Operation &op) {
  op.baseType = toLower(lastString(typeName["names"]));
  std::vector<std::string> mods;
  for (const auto &m : typeName["typmods"].items()) {
    const JsonValue &c = m["A_Const"];
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

void readRelation(const JsonValue &rel, Operation &op) {
  op.schema = rel["schemaname"].asString();
  op.table = rel["relname"].asString();
}

std::vector<std::string> stringList(const JsonValue &list) {
  std::vector<std::string> out;
  for (const auto &item : list.items())
    if (item["String"].isObject()) out.push_back(item["String"]["sval"].asString());
  return out;
}

void readColumnDef(const JsonValue &def, Operation &op, size_t base) {
  op.column = def["colname"].asString();
  if (def["location"].asInt() >= 0) op.offset = base + size_t(def["location"].asInt());
  readType(def["typeName"], op);
  for (const auto &c : def["constraints"].items()) {
    const JsonValue &con = c["Constraint"];
    const std::string &type = con["contype"].asString();
    if (type == "CONSTR_NOTNULL" || type == "CONSTR_PRIMARY") op.notNull = true;
    if (type == "CONSTR_DEFAULT") {
      op.hasDefault = true;
      std::string fn = volatileCall(con["raw_expr"]);
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

void readConstraint(const JsonValue &con, Operation &op) {
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
  } else if (type == "CONSTR_CHECK") {
    op.constraint = ConstraintKind::Check;
    const JsonValue &test = con["raw_expr"]["NullTest"];
    if (test.isObject() && test["nulltesttype"].asString() == "IS_NOT_NULL")
      op.checkNotNullOf = lastString(test["arg"]["ColumnRef"]["fields"]);
  } else
    op.constraint = ConstraintKind::Other;
}

void readAlterTable(const JsonValue &stmt, size_t base, std::vector<Operation> &ops) {
  if (stmt["objtype"].asString() != "OBJECT_TABLE") return;
  Operation proto;
  proto.offset = base;
  readRelation(stmt["relation"], proto);
  for (const auto &item : stmt["cmds"].items()) {
    const JsonValue &cmd = item["AlterTableCmd"];
    const std::string &sub = cmd["subtype"].asString();
    Operation op = proto;
    op.column = cmd["name"].asString();
    if (sub == "AT_AddColumn") {
      op.kind = OpKind::AddColumn;
      readColumnDef(cmd["def"]["ColumnDef"], op, base);
      ops.push_back(op);
      // REFERENCES and CHECK written on the new column are constraints added to an existing table.
      for (const auto &c : cmd["def"]["ColumnDef"]["constraints"].items()) {
        const JsonValue &con = c["Constraint"];
        const std::string &type = con["contype"].asString();
        if (type != "CONSTR_FOREIGN" && type != "CONSTR_CHECK") continue;
        Operation inlineOp = proto;
        inlineOp.kind = OpKind::AddConstraint;
        inlineOp.offset = op.offset;
        readConstraint(con, inlineOp);
        inlineOp.columns = {op.column};
        ops.push_back(inlineOp);
      }
      continue;
    } else if (sub == "AT_DropColumn") {
      op.kind = OpKind::DropColumn;
    } else if (sub == "AT_AlterColumnType") {
      op.kind = OpKind::AlterColumnType;
      readType(cmd["def"]["ColumnDef"]["typeName"], op);
      op.volatileDefault = false; // a serial "type" here is not a default
    } else if (sub == "AT_SetNotNull") {
      op.kind = OpKind::SetNotNull;
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
      continue;
    }
    ops.push_back(op);
  }
}

void readDrop(const JsonValue &stmt, size_t base, std::vector<Operation> &ops) {
  const std::string &type = stmt["removeType"].asString();
  for (const auto &obj : stmt["objects"].items()) {
    std::vector<std::string> names = stringList(obj["List"]["items"]);
    if (names.empty()) continue;
    Operation op;
    op.offset = base;
    op.table = names.back();
    if (names.size() > 1) op.schema = names[names.size() - 2];
    op.concurrently = stmt["concurrent"].asBool();
    if (type == "OBJECT_TABLE")
      op.kind = OpKind::DropTable;
    else if (type == "OBJECT_INDEX")
      op.kind = OpKind::DropIndex;
    else
      continue;
    ops.push_back(op);
  }
}

void readSetting(const JsonValue &stmt, std::vector<Operation> &ops) {
  if (toLower(stmt["name"].asString()) != "lock_timeout") return;
  Operation op;
  op.kind = OpKind::SetLockTimeout;
  const JsonValue &arg = stmt["args"].items().empty() ? JsonValue() : stmt["args"].items()[0]["A_Const"];
  std::string value = arg["sval"].isObject()   ? arg["sval"]["sval"].asString()
                      : arg["ival"].isObject() ? std::to_string(arg["ival"]["ival"].asInt(0))
                                               : "0";
  op.enabled = stmt["kind"].asString() == "VAR_SET_VALUE" && !value.empty() && value != "0" &&
               value != "0s" && value != "0ms";
  ops.push_back(op);
}

std::vector<Operation> readStatement(const JsonValue &root, size_t base) {
  std::vector<Operation> ops;
  for (const auto &entry : root["stmts"].items()) {
    for (const auto &[type, stmt] : entry["stmt"].members()) {
      Operation op;
      op.offset = base;
      if (type == "CreateStmt") {
        op.kind = OpKind::CreateTable;
        readRelation(stmt["relation"], op);
        ops.push_back(op);
      } else if (type == "CreateTableAsStmt") {
        op.kind = OpKind::CreateTable;
        readRelation(stmt["into"]["rel"], op);
        ops.push_back(op);
      } else if (type == "AlterTableStmt") {
        readAlterTable(stmt, base, ops);
      } else if (type == "DropStmt") {
        readDrop(stmt, base, ops);
      } else if (type == "TruncateStmt") {
        for (const auto &rel : stmt["relations"].items()) {
          op.kind = OpKind::Truncate;
          readRelation(rel["RangeVar"], op);
          ops.push_back(op);
        }
      } else if (type == "DeleteStmt" && !stmt.has("whereClause")) {
        op.kind = OpKind::Truncate;
        readRelation(stmt["relation"], op);
        ops.push_back(op);
      } else if (type == "UpdateStmt") {
        op.kind = OpKind::Update;
        readRelation(stmt["relation"], op);
        for (const auto &target : stmt["targetList"].items())
          op.columns.push_back(target["ResTarget"]["name"].asString());
        ops.push_back(op);
      } else if (type == "RenameStmt") {
        const std::string &what = stmt["renameType"].asString();
        if (what != "OBJECT_TABLE" && what != "OBJECT_COLUMN") continue;
        op.kind = what == "OBJECT_TABLE" ? OpKind::RenameTable : OpKind::RenameColumn;
        readRelation(stmt["relation"], op);
        op.column = stmt["subname"].asString();
        op.newName = stmt["newname"].asString();
        ops.push_back(op);
      } else if (type == "IndexStmt") {
        op.kind = OpKind::CreateIndex;
        readRelation(stmt["relation"], op);
        op.concurrently = stmt["concurrent"].asBool();
        op.unique = stmt["unique"].asBool();
        op.constraintName = stmt["idxname"].asString();
        bool plainColumns = !stmt.has("whereClause"); // partial: rows outside don't count
        for (const auto &p : stmt["indexParams"].items()) {
          const JsonValue &elem = p["IndexElem"];
          if (elem.has("name"))
            op.columns.push_back(elem["name"].asString());
          else
            plainColumns = false; // an expression: the keys are not columns
        }
        if (!plainColumns) op.columns.clear();
        ops.push_back(op);
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
        st.ops = readStatement(JsonValue::parse(r.parse_tree), location);
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

} // namespace

std::vector<Statement> readPostgresStatements(const std::string &sql) {
  std::vector<Statement> out;
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
  size_t previousEnd = 0;
  for (int i = 0; i < split.n_stmts; ++i) {
    size_t location = size_t(split.stmts[i]->stmt_location), length = size_t(split.stmts[i]->stmt_len);
    if (location > sql.size() || location + length > sql.size()) break;
    if (skipSpaceAndComments(sql, location, location + length) >= location + length) continue;
    Statement st = parseOne(sql, location, length);
    st.nolint = nolintRules(sql, previousEnd, st.begin, st.end);
    st.outsideTransaction = followedByOutsideTransactionMarker(sql, st.end);
    previousEnd = st.end;
    out.push_back(std::move(st));
  }
  pg_query_free_split_result(split);
  return out;
}

} // namespace tether::lint
