#pragma once
#include "model/schema.h"
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace tether {

// Where `inspect` writes each CHECK: on its column when the database wrote it there (SQLite keeps
// the text) or when it reads exactly one column (PostgreSQL), else in the table's `checks:`. A
// name the database chose itself (`<table>_<column>_check`) is left out, so the model says what
// the DDL said.
bool checkOnColumn(const Table &t, const CheckConstraint &c, const std::string &column);
void emitColumnChecks(YAML::Emitter &out, const Table &t, const std::string &column);
void emitTableChecks(YAML::Emitter &out, const Table &t);

// A primary key whose name is not the one the database would choose (`<table>_pkey`), or that is
// DEFERRABLE, written as `primary_key: {name:, columns:, deferrable:, initially:}`.
bool namedPrimaryKey(const Table &t);
void emitNamedPrimaryKey(YAML::Emitter &out, const Table &t);

} // namespace tether
