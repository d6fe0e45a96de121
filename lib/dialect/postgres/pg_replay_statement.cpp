#include "dialect/postgres/pg_replay_statement.h"
#include "core/strings.h"
#include "dialect/postgres/pg_replay_alter.h"
#include "dialect/postgres/pg_replay_drop.h"
#include "dialect/postgres/pg_replay_expr.h"
#include "dialect/postgres/pg_replay_objects.h"
#include "dialect/postgres/pg_replay_table.h"
#include <map>
#include <pg_query.h>
#include <set>

namespace tether::pg::replay {

namespace {
// Statements that change nothing introspection reads.
const std::set<std::string> kNoSchemaEffect = {"VariableShowStmt",
                                               "GrantStmt",
                                               "GrantRoleStmt",
                                               "AlterDefaultPrivilegesStmt",
                                               "NotifyStmt",
                                               "ListenStmt",
                                               "UnlistenStmt",
                                               "LockStmt",
                                               "CheckPointStmt",
                                               "DiscardStmt",
                                               "ClusterStmt",
                                               "CopyStmt",
                                               "TruncateStmt",
                                               "CreatePolicyStmt",
                                               "AlterPolicyStmt",
                                               "RuleStmt",
                                               "CreateStatsStmt",
                                               "AlterStatsStmt",
                                               "CreateRoleStmt",
                                               "AlterRoleStmt",
                                               "AlterRoleSetStmt",
                                               "DropRoleStmt",
                                               "CreatePublicationStmt",
                                               "AlterPublicationStmt",
                                               "CreateSubscriptionStmt",
                                               "AlterSubscriptionStmt",
                                               "DropSubscriptionStmt",
                                               "SecLabelStmt",
                                               "AlterOwnerStmt",
                                               "DeallocateStmt",
                                               "PrepareStmt",
                                               "CreateCastStmt",
                                               "CreateConversionStmt",
                                               "CreateOpClassStmt",
                                               "CreateOpFamilyStmt",
                                               "AlterOpFamilyStmt",
                                               "AlterCollationStmt",
                                               "AlterDatabaseSetStmt",
                                               "AlterDatabaseStmt",
                                               "CreateTableSpaceStmt",
                                               "DropTableSpaceStmt",
                                               "AlterTableSpaceOptionsStmt",
                                               "CreateFdwStmt",
                                               "AlterFdwStmt",
                                               "CreateForeignServerStmt",
                                               "AlterForeignServerStmt",
                                               "CreateUserMappingStmt",
                                               "AlterUserMappingStmt",
                                               "DropUserMappingStmt",
                                               "AlterFunctionStmt",
                                               "AlterExtensionStmt",
                                               "AlterTSConfigurationStmt",
                                               "AlterTSDictionaryStmt",
                                               "CreateTransformStmt",
                                               "CreatePLangStmt",
                                               "CreateAmStmt",
                                               "AlterSystemStmt",
                                               "LoadStmt",
                                               "ConstraintsSetStmt",
                                               "ReassignOwnedStmt",
                                               "RefreshMatViewStmt",
                                               "AlterOperatorStmt",
                                               "AlterTypeStmt",
                                               "CreatedbStmt",
                                               "DropdbStmt",
                                               "ExplainStmt",
                                               "ClosePortalStmt",
                                               "FetchStmt",
                                               "DeclareCursorStmt",
                                               "ImportForeignSchemaStmt"};

// Statements PostgreSQL refuses inside a transaction block.
const std::set<std::string> kOutsideTransaction = {"CreatedbStmt", "DropdbStmt", "CreateTableSpaceStmt",
                                                   "DropTableSpaceStmt", "AlterSystemStmt"};

// Extension functions known to change the schema when a SELECT calls them.
const std::set<std::string> kSchemaChangingCalls = {
    "create_hypertable", "create_distributed_table", "create_reference_table",
    "add_dimension",     "undistribute_table",       "create_distributed_hypertable"};

// The table a data statement writes must exist, or PostgreSQL stops the file there.
void requireRelation(const Json &rangeVar, ReplayState &s) {
  const std::string name = str(rangeVar, "relname");
  if (name.empty() || !isOwnSchema(str(rangeVar, "schemaname")) || s.findTable(name)) return;
  for (const char *kind : {"partition", "view", "materialized_view"})
    if (s.unmanaged(kind, name)) return;
  reject("relation \"" + name + "\" does not exist");
}

void checkDataStatement(const std::string &type, const Json &stmt, ReplayState &s) {
  if (type == "SelectStmt" && at(stmt, "intoClause").is_object())
    refuse("SELECT … INTO (it creates a table)");
  if (type != "SelectStmt") requireRelation(at(stmt, "relation"), s);
  std::set<std::string> calls;
  functionCalls(stmt, calls);
  for (const auto &f : calls)
    if (s.userFunctions.count(f) || kSchemaChangingCalls.count(f))
      refuse("a statement calling " + f + "(), which may change the schema");
  // set_config('search_path', …) moves where later names resolve.
  std::string text = toLower(s.statement);
  if (calls.count("set_config") && text.find("search_path") != std::string::npos)
    refuse("set_config('search_path', …)");
}

bool isDataStatement(const std::string &type) {
  return type == "SelectStmt" || type == "InsertStmt" || type == "UpdateStmt" || type == "DeleteStmt" ||
         type == "MergeStmt";
}

void collectPlpgsqlQueries(const Json &tree, std::vector<std::string> &out, bool &dynamic) {
  if (tree.is_object()) {
    for (auto it = tree.begin(); it != tree.end(); ++it) {
      if (it.key() == "PLpgSQL_stmt_dynexecute" || it.key() == "PLpgSQL_stmt_dynfors") dynamic = true;
      if (it.key() == "PLpgSQL_expr") out.push_back(str(it.value(), "query"));
      collectPlpgsqlQueries(it.value(), out, dynamic);
    }
  } else if (tree.is_array()) {
    for (const auto &item : tree)
      collectPlpgsqlQueries(item, out, dynamic);
  }
}

// A PL/pgSQL expression or statement as SQL: `x > 0` and `v := f()` read as SELECTs.
bool parseQuery(const std::string &query, Json &tree) {
  std::vector<std::string> tries = {query, "SELECT " + query};
  auto assign = query.find(":=");
  if (assign != std::string::npos) tries.push_back("SELECT " + query.substr(assign + 2));
  for (const auto &q : tries) {
    PgQueryParseResult r = pg_query_parse(q.c_str());
    bool ok = !r.error && r.parse_tree;
    if (ok) {
      try {
        tree = Json::parse(r.parse_tree);
      } catch (const std::exception &) {
        ok = false;
      }
    }
    pg_query_free_parse_result(r);
    if (ok) return true;
  }
  return false;
}

// A DO block is skipped when every statement in it only reads or writes rows; one that runs DDL,
// or SQL built at run time, cannot be replayed without a database.
void checkDoBlock(const Json &stmt, ReplayState &s) {
  std::string body, language = "plpgsql";
  for (const auto &a : at(stmt, "args")) {
    const Json &d = at(a, "DefElem");
    if (str(d, "defname") == "as") body = str(at(at(d, "arg"), "String"), "sval");
    if (str(d, "defname") == "language") language = toLower(str(at(at(d, "arg"), "String"), "sval"));
  }
  if (language != "plpgsql") refuse("a DO block in " + language);
  const std::string fn = "CREATE FUNCTION tether_do_block() RETURNS void LANGUAGE plpgsql AS $tether_do$" +
                         body + "$tether_do$;";
  PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(fn.c_str());
  Json tree;
  bool ok = !r.error && r.plpgsql_funcs;
  if (ok) {
    try {
      tree = Json::parse(r.plpgsql_funcs);
    } catch (const std::exception &) {
      ok = false;
    }
  }
  pg_query_free_plpgsql_parse_result(r);
  if (!ok) refuse("a DO block its PL/pgSQL parser cannot read");
  std::vector<std::string> queries;
  bool dynamic = false;
  collectPlpgsqlQueries(tree, queries, dynamic);
  if (dynamic) refuse("a DO block that runs EXECUTE (SQL built at run time)");
  for (const auto &q : queries) {
    Json parsed;
    if (!parseQuery(q, parsed)) refuse("a DO block with a statement its parser cannot read: " + q);
    for (const auto &entry : at(parsed, "stmts")) {
      auto [type, body] = node(at(entry, "stmt"));
      if (!isDataStatement(type))
        refuse("a DO block that runs " + statementKind(type, *body) + " (DDL inside PL/pgSQL)");
      checkDataStatement(type, *body, s);
    }
  }
}

void transactionControl(const Json &stmt, ReplayState &s) {
  const std::string kind = str(stmt, "kind");
  if (s.transactional)
    reject("transaction control (" + kind.substr(kind.rfind('_') + 1) +
           ") in a file that runs in one transaction (mark it -- tether:no-transaction to manage its own)");
  if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START")
    s.inTransaction = true;
  else if (kind == "TRANS_STMT_COMMIT")
    s.inTransaction = false;
  else
    refuse("transaction control other than BEGIN and COMMIT (what it undoes is not modelled)");
}

// Maintenance statements name a table (or index) that must exist.
void requireTargets(const std::string &type, const Json &stmt, ReplayState &s) {
  if (type == "VacuumStmt") {
    for (const auto &rel : at(stmt, "rels"))
      requireRelation(at(at(rel, "VacuumRelation"), "relation"), s);
  } else if (type == "LockStmt" || type == "TruncateStmt") {
    for (const auto &rel : at(stmt, "relations"))
      requireRelation(at(rel, "RangeVar"), s);
  } else if (type == "ClusterStmt" ||
             (type == "ReindexStmt" && str(stmt, "kind") == "REINDEX_OBJECT_TABLE")) {
    requireRelation(at(stmt, "relation"), s);
  } else if (type == "ReindexStmt" && str(stmt, "kind") == "REINDEX_OBJECT_INDEX") {
    const Json &rel = at(stmt, "relation");
    if (isOwnSchema(str(rel, "schemaname")) && !s.relationExists(str(rel, "relname")))
      reject("relation \"" + str(rel, "relname") + "\" does not exist");
  }
}
} // namespace

std::string statementKind(const std::string &type, const Json &stmt) {
  static const std::map<std::string, std::string> kNames = {
      {"CreateStmt", "CREATE TABLE"},
      {"AlterTableStmt", "ALTER TABLE"},
      {"IndexStmt", "CREATE INDEX"},
      {"DropStmt", "DROP"},
      {"RenameStmt", "ALTER … RENAME"},
      {"CreateEnumStmt", "CREATE TYPE … AS ENUM"},
      {"AlterEnumStmt", "ALTER TYPE"},
      {"CompositeTypeStmt", "CREATE TYPE"},
      {"CreateDomainStmt", "CREATE DOMAIN"},
      {"AlterDomainStmt", "ALTER DOMAIN"},
      {"ViewStmt", "CREATE VIEW"},
      {"CreateTableAsStmt", "CREATE … AS"},
      {"CreateFunctionStmt", "CREATE FUNCTION"},
      {"CreateTrigStmt", "CREATE TRIGGER"},
      {"CreateSeqStmt", "CREATE SEQUENCE"},
      {"AlterSeqStmt", "ALTER SEQUENCE"},
      {"CreateExtensionStmt", "CREATE EXTENSION"},
      {"CommentStmt", "COMMENT"},
      {"DoStmt", "DO"},
      {"SelectStmt", "SELECT"},
      {"InsertStmt", "INSERT"},
      {"UpdateStmt", "UPDATE"},
      {"DeleteStmt", "DELETE"},
      {"MergeStmt", "MERGE"},
      {"CallStmt", "CALL"},
      {"TransactionStmt", "transaction control"},
      {"VariableSetStmt", "SET"},
      {"VacuumStmt", "VACUUM / ANALYZE"},
      {"ReindexStmt", "REINDEX"},
      {"AlterObjectSchemaStmt", "ALTER … SET SCHEMA"},
      {"CreateEventTrigStmt", "CREATE EVENT TRIGGER"},
      {"DropOwnedStmt", "DROP OWNED"},
      {"AlterExtensionContentsStmt", "ALTER EXTENSION … ADD/DROP"}};
  auto it = kNames.find(type);
  std::string kind = it == kNames.end() ? type : it->second;
  if (type == "DropStmt") {
    std::string what = str(stmt, "removeType");
    if (what.size() > 7) kind += " " + what.substr(7);
  }
  return kind;
}

void replayStatement(const std::string &type, const Json &stmt, ReplayState &s) {
  if (kOutsideTransaction.count(type) && s.transactional)
    reject(statementKind(type, stmt) + " cannot run inside a transaction block");
  requireTargets(type, stmt, s);
  if (type == "CreateSchemaStmt") {
    s.schemas.insert(str(stmt, "schemaname"));
    return;
  }
  if (kNoSchemaEffect.count(type)) return;
  if (type == "CreateStmt") return createTable(stmt, s);
  if (type == "AlterTableStmt") return alterTable(stmt, s);
  if (type == "IndexStmt") return createIndex(stmt, s);
  if (type == "DropStmt") return dropObjects(stmt, s);
  if (type == "RenameStmt") return renameObject(stmt, s);
  if (type == "CreateEnumStmt") return createEnum(stmt, s);
  if (type == "AlterEnumStmt") return alterEnum(stmt, s);
  if (type == "CreateDomainStmt") return createDomain(stmt, s);
  if (type == "AlterDomainStmt") return alterDomain(stmt, s);
  if (type == "ViewStmt") return createView(stmt, s);
  if (type == "CreateTableAsStmt") return createTableAs(stmt, s);
  if (type == "CreateFunctionStmt") return createFunction(stmt, s);
  if (type == "CreateTrigStmt") return createTrigger(stmt, s);
  if (type == "CreateSeqStmt") return createSequence(stmt, s);
  if (type == "AlterSeqStmt") return alterSequence(stmt, s);
  if (type == "CreateExtensionStmt") return createExtension(stmt, s);
  if (type == "CommentStmt") return commentOn(stmt, s);
  if (type == "DoStmt") return checkDoBlock(stmt, s);
  if (isDataStatement(type)) return checkDataStatement(type, stmt, s);
  if (type == "TransactionStmt") return transactionControl(stmt, s);
  if (type == "CompositeTypeStmt" || type == "CreateRangeStmt" || type == "DefineStmt") {
    // Composite, range and base types are not introspected; their names stay taken.
    std::vector<std::string> names;
    if (type == "CompositeTypeStmt")
      names = {str(at(stmt, "typevar"), "relname")};
    else if (type == "CreateRangeStmt")
      names = strings(at(stmt, "typeName"));
    else if (str(stmt, "kind") == "OBJECT_TYPE")
      names = strings(at(stmt, "defnames"));
    if (!names.empty()) s.invisibleTypes.insert(names.back());
    if (type == "CompositeTypeStmt" && !names.empty()) s.otherRelations.insert(names.back());
    return;
  }
  if (type == "CreateForeignTableStmt") {
    s.otherRelations.insert(str(at(at(stmt, "base"), "relation"), "relname"));
    return;
  }
  if (type == "VariableSetStmt") {
    if (toLower(str(stmt, "name")) == "search_path")
      refuse("SET search_path (it moves where later names resolve)");
    return;
  }
  if (type == "VacuumStmt") {
    if (flag(stmt, "is_vacuumcmd") && s.transactional) reject("VACUUM cannot run inside a transaction block");
    return;
  }
  if (type == "ReindexStmt") {
    std::set<std::string> opts;
    for (const auto &p : at(stmt, "params"))
      opts.insert(toLower(str(at(p, "DefElem"), "defname")));
    if (opts.count("concurrently") && s.transactional)
      reject("REINDEX CONCURRENTLY cannot run inside a transaction block");
    return;
  }
  refuse(statementKind(type, stmt) + " (not modelled by the offline replay)");
}

} // namespace tether::pg::replay
