#pragma once
// Pieces shared by the renderer's files; not an interface outside lib/dialect/postgres.
#include "dialect/dialect.h"
#include <string>
#include <vector>

namespace tether::pg {

// Collects the steps of one change.
struct StepSink {
  std::vector<SqlStep> &steps;
  int change;
  std::string description;
  void add(std::string sql, bool transactional = true) {
    steps.push_back(SqlStep{std::move(sql), description, change, transactional});
  }
};

struct RenderContext {
  const Schema &current;
  const Schema &desired;
  const RenderOptions &opts;
  // Online DDL matters only for tables that exist and may be big; a table this plan creates is
  // empty, so its indexes and constraints are built the plain way.
  bool onlineFor(const std::string &table) const { return opts.online && current.table(table) != nullptr; }
};

std::string alterTable(const std::string &table);
std::string columnDefinition(const Column &c);
std::string foreignKeyClause(const ForeignKey &fk);
std::string commentOnColumn(const std::string &table, const Column &c);

void renderCreateTable(const step::CreateTable &ch, const RenderContext &ctx, StepSink &out);
void renderAlterColumn(const step::AlterColumn &ch, StepSink &out);
void renderCreateIndex(const std::string &table, const Index &ix, bool online, StepSink &out);
void renderDropIndex(const step::DropIndex &ch, const RenderContext &ctx, StepSink &out);
void renderAddForeignKey(const step::AddForeignKey &ch, const RenderContext &ctx, StepSink &out);
void renderAddUnique(const step::AddUnique &ch, const RenderContext &ctx, StepSink &out);
void renderAlterForeignKey(const step::AlterForeignKey &ch, StepSink &out);
// pg_collation.cpp: ` COLLATE "C"`, or "" for the type's default collation
std::string collateClause(const Column &c);
void renderDropPrimaryKey(const step::DropPrimaryKey &ch, const RenderContext &ctx, StepSink &out);
void renderDropForeignKey(const step::DropForeignKey &ch, const RenderContext &ctx, StepSink &out);
void renderDropUnique(const step::DropUnique &ch, const RenderContext &ctx, StepSink &out);
void renderAddEnumValue(const step::AddEnumValue &ch, const RenderContext &ctx, StepSink &out);
// pg_render_checks.cpp
std::string checkClause(const CheckConstraint &c);
std::string columnChecks(const Table &t, const std::string &column);
void renderAddCheck(const step::AddCheck &ch, const RenderContext &ctx, StepSink &out);
void renderDropCheck(const step::DropCheck &ch, StepSink &out);

} // namespace tether::pg
