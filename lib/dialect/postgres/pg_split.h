#pragma once
#include "dialect/script_statement.h"
#include <string_view>
#include <vector>

namespace tether {

// Splits a PostgreSQL script on top-level ';'. Knows quoted strings and identifiers, -- and /* */
// comments, dollar quotes and BEGIN ATOMIC … END bodies, so a ';' inside any of them does not
// split. Comment-only pieces are dropped. (The linter reads PostgreSQL through libpg_query's own
// scanner, which also reports where a statement stops parsing.)
std::vector<ScriptStatement> splitPostgresScript(std::string_view script);

} // namespace tether
