#pragma once
#include "core/error.h"
#include "dialect/capabilities.h"
#include "dialect/script_statement.h"
#include "model/schema.h"
#include "plan/plan_target.h"
#include <string>
#include <string_view>
#include <vector>

namespace tether {

// One migration file, for a replay that reads its DDL instead of running it.
struct ReplayFile {
  std::string path; // for messages: file:line
  std::string sql;
  bool transactional = true; // runs in one transaction (no -- tether:no-transaction marker)
};

// What a dialect knows without a connection: how to spell types and defaults, how to compare a
// model column with a database column, how to render changes. No neutral code includes a
// dialect's own header; everything goes through this interface.
class Dialect : public PlanTarget {
public:
  virtual std::string quoteIdent(const std::string &ident) const = 0;
  // The table a foreign key references, schema-qualified when it lives in another schema.
  std::string quoteReference(const ForeignKey &fk) const {
    return fk.refSchema.empty() ? quoteIdent(fk.refTable)
                                : quoteIdent(fk.refSchema) + "." + quoteIdent(fk.refTableName());
  }
  virtual std::string quoteLiteral(const std::string &value) const = 0;
  virtual std::string renderType(const Column &c) const = 0;
  // Maps a database type back to a model type, for `inspect`.
  virtual ColumnType modelTypeOf(const Column &db) const = 0;
  // True when the dialect can tell, with no database at all, which schema its migration files
  // produce (PostgreSQL: the DDL read with libpg_query and applied to a Schema).
  virtual bool replaysOffline() const { return false; }
  // That schema, as introspect() would read it back from a database the files ran on. Throws Error
  // naming file:line: ErrorKind::Unsupported for a statement the replay cannot model exactly (never
  // a guess), ErrorKind::Syntax for SQL that does not parse, ErrorKind::Database for a statement
  // the database would reject.
  virtual Schema replayOffline(const std::vector<ReplayFile> &) const {
    throw Error(name() + " migrations cannot be replayed without a database", {}, "", ErrorKind::Unsupported);
  }

  // The statements of a SQL script by this database's rules (its quotes, comments and bodies that
  // hold statements of their own): the linter and the migrator both split scripts here.
  virtual std::vector<ScriptStatement> splitStatements(std::string_view script) const = 0;

  // Capabilities: what differs per database, asked here instead of comparing names.
  // CREATE/DROP INDEX CONCURRENTLY: an index built or dropped without blocking writes.
  virtual bool concurrentIndexes() const { return false; }
  // The statements, one per line, that index `columns` of `table` as `name` blocking writes as
  // little as the database allows; `db` (introspected) says how the table is partitioned. The
  // audit suggests them as a fix, so each must run as written.
  virtual std::string createIndexSql(const Schema &db, const std::string &table, const std::string &name,
                                     const std::vector<std::string> &columns) const;
  // Lock-safe DDL for live tables, which `--online` renders.
  virtual bool onlineDdl() const { return false; }
  // The n-th (1-based) bound parameter of Connection::query as the database spells it.
  virtual std::string parameter(int n) const = 0;
  virtual const RevisionTableSql &revisionTable() const = 0;
  virtual const CatalogQueries &catalog() const = 0;
  // A lock the database holds for a session; nullopt where there is none (tether then locks a
  // file beside the database).
  virtual std::optional<AdvisoryLockSql> advisoryLock() const { return std::nullopt; }
  // What an index of the model asks that this database cannot build (an access method, INCLUDE,
  // an operator class…), one phrase each; `check --dialect` reports them at the index.
  virtual std::vector<std::string> unsupportedIndexOptions(const Index &) const { return {}; }
  // The same for the rest of a table (a deferrable UNIQUE, a collation), each at its element.
  virtual std::vector<std::pair<SourceLoc, std::string>> unsupportedTableOptions(const Table &) const {
    return {};
  }
  // Why this database cannot build a foreign key of the model (a table of another schema); "" when
  // it can. `check --dialect` reports it at the key.
  virtual std::string unsupportedForeignKey(const ForeignKey &) const { return ""; }
  // A throwaway in-process database of this dialect to replay migrations on; "" where none.
  virtual std::string scratchUrl() const { return ""; }
};

} // namespace tether
