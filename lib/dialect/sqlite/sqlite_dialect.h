#pragma once
#include "dialect/dialect.h"

namespace tether::sqlite {

class SqliteDialect : public Dialect {
public:
  std::string name() const override { return "sqlite"; }
  std::string quoteIdent(const std::string &ident) const override;
  std::string quoteLiteral(const std::string &value) const override;
  std::string renderType(const Column &c) const override;
  bool sameType(const Column &model, const Column &db) const override;
  bool sameDefault(const Column &model, const Column &db) const override;
  bool supportsNativeEnums() const override { return false; }
  bool supportsNativeBooleans() const override { return false; }
  bool sameSqlExpression(const std::string &model, const std::string &db) const override;
  std::vector<std::string> unsupportedIndexOptions(const Index &ix) const override;
  std::string unsupportedForeignKey(const ForeignKey &fk) const override;
  bool sameComputed(const Column &model, const Column &db) const override;
  bool supportsIdentity() const override { return false; }
  bool sameCollation(const Column &model, const Column &db) const override;
  std::vector<std::pair<SourceLoc, std::string>> unsupportedTableOptions(const Table &t) const override;
  std::vector<SqlStep> render(const std::vector<Change> &changes, const Schema &current,
                              const Schema &desired, const RenderOptions &opts) const override;
  ColumnType modelTypeOf(const Column &db) const override;
  std::vector<ScriptStatement> splitStatements(std::string_view script) const override;
  std::string parameter(int n) const override;
  const RevisionTableSql &revisionTable() const override;
  const CatalogQueries &catalog() const override;
  std::string scratchUrl() const override { return "sqlite://"; }
};

} // namespace tether::sqlite
