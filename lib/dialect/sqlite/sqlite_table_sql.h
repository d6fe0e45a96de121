#pragma once
#include "model/schema.h"
#include <string>

namespace tether::sqlite {

// "name" TYPE [NOT NULL] [DEFAULT …]
std::string columnDefinition(const Column &c);
// CREATE TABLE with the primary key, unique constraints and foreign keys inline, under `name`
// (a rebuild creates the new table under a temporary name).
std::string createTableSql(const Table &t, const std::string &name);
std::string foreignKeyClause(const ForeignKey &fk);
std::string createIndexSql(const std::string &table, const Index &i);

} // namespace tether::sqlite
