#pragma once
#include "dialect/dialect.h"
#include "lint/operation.h"
#include <string>
#include <vector>

namespace tether::lint {

// The part of the linter that is per database: how a dialect's migration is read into statements
// and operations. Dialects are told apart by their objects (lib/dialect), never by name.
std::vector<Statement> readStatements(const Dialect &dialect, const std::string &sql);
// The dialect the PostgreSQL rules (locks, CONCURRENTLY, NOT VALID…) are about.
bool isPostgres(const Dialect &dialect);

} // namespace tether::lint
