#pragma once
#include "dialect/dialect.h"
#include <string>
#include <vector>

namespace tether {

// The one marker that takes a migration file out of tether's transaction. The lint suggests it,
// `migrate new --online` writes it, and apply/down honour it: the file's statements then run one
// by one, in order, each committed on its own, with the version recorded as dirty until the last
// one has run.
constexpr const char *kNoTransactionMarker = "-- tether:no-transaction";

// True when a line of the file, outside any statement, is the marker comment.
bool hasNoTransactionMarker(const std::string &sql);

// The transaction-control keyword a statement starts with ("BEGIN", "COMMIT", "ROLLBACK", "END",
// "SAVEPOINT", "RELEASE", "START TRANSACTION", "ABORT"), or "" for any other statement. Only the
// statement's first words count, so a BEGIN inside a DO block, a function body, a trigger body or
// a string is not one.
std::string transactionControlKeyword(const std::string &statement);

// The line a statement's code starts on: comments the splitter keeps in front of it (a file's
// header, the marker itself) do not count.
int codeLine(const std::string &statement, int startLine);

// Throws Error (exit 2) at the first transaction-control statement of a file that runs inside
// tether's transaction: a COMMIT there would commit half a version and let tether record it as
// applied. `file` is the path shown in the message.
void refuseTransactionControl(const std::string &file, const std::string &sql, const Dialect &d);

} // namespace tether
