#pragma once
#include "dialect/script_statement.h"
#include "dialect/sqlite/sqlite_tokenizer.h"
#include <string_view>
#include <utility>
#include <vector>

namespace tether::sqlite {

// The statements of a token stream as [from, to) token ranges, the terminating ';' excluded.
// A ';' ends a statement unless it is inside a CREATE [TEMP] TRIGGER body, which ends at
// "; END ;" exactly as sqlite3_complete() decides (so a CASE … END inside the body does not end
// it, and BEGIN [TRANSACTION] on its own is an ordinary statement).
std::vector<std::pair<size_t, size_t>> statementRanges(const std::vector<Token> &tokens);

// The one SQLite script splitter: the linter and the migrator both read scripts through it.
std::vector<ScriptStatement> splitScript(std::string_view script);

} // namespace tether::sqlite
