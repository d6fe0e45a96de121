#pragma once
#include "model/schema.h"
#include <string>
#include <vector>

namespace tether::pg {

// "name" with embedded quotes doubled; always quoted, so reserved words and mixed case survive.
std::string quoteIdent(const std::string &ident);
// 'value' with embedded quotes doubled (standard_conforming_strings is on since 9.1: backslashes
// are ordinary characters, so E'' is never needed).
std::string quoteLiteral(const std::string &value);
// A quoted, comma-separated column list: "a", "b".
std::string quoteIdentList(const std::vector<std::string> &idents);

// The name PostgreSQL itself gives an unnamed constraint (`<table>_<cols>_fkey`, `_key`, `_pkey`),
// truncated to 63 bytes the way the server truncates it. Used to address objects the model leaves
// unnamed (online steps need a name to validate or attach).
std::string defaultConstraintName(const std::string &table, const std::vector<std::string> &columns,
                                  const std::string &label);

} // namespace tether::pg
