#pragma once
#include "dialect/dialect.h"

namespace tether::pg {

class PostgresDialect final : public Dialect {
public:
  std::string name() const override { return "postgresql"; }
  std::string quoteIdent(const std::string &ident) const override;
  std::string quoteLiteral(const std::string &value) const override;
  std::string renderType(const Column &c) const override;
  bool sameType(const Column &model, const Column &db) const override;
  bool sameDefault(const Column &model, const Column &db) const override;
  bool supportsNativeEnums() const override { return true; }
  bool supportsNativeBooleans() const override { return true; }
  bool sameSqlExpression(const std::string &model, const std::string &db) const override;
  std::vector<std::string> unsupportedIndexOptions(const Index &ix) const override;
  bool sameComputed(const Column &model, const Column &db) const override;
  bool supportsIdentity() const override { return true; }
  bool supportsSequences() const override { return true; }
  bool keysDependOnPrimaryKey() const override { return true; }
  std::vector<SqlStep> render(const std::vector<Change> &changes, const Schema &current,
                              const Schema &desired, const RenderOptions &opts) const override;
  ColumnType modelTypeOf(const Column &db) const override;
  bool replaysOffline() const override { return true; }
  Schema replayOffline(const std::vector<ReplayFile> &files) const override;
  std::vector<ScriptStatement> splitStatements(std::string_view script) const override;
  std::string parameter(int n) const override;
  const RevisionTableSql &revisionTable() const override;
  const CatalogQueries &catalog() const override;
  bool concurrentIndexes() const override { return true; }
  std::string createIndexSql(const Schema &db, const std::string &table, const std::string &name,
                             const std::vector<std::string> &columns) const override;
  bool onlineDdl() const override { return true; }
  std::optional<AdvisoryLockSql> advisoryLock() const override;
};

} // namespace tether::pg
