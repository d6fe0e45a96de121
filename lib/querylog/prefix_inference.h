#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tether {

// Where the severity ("LOG:  ", "ERROR:  ", "FEHLER:  "…) of a PostgreSQL stderr line starts, that
// is where its log_line_prefix ends; npos when the line has none.
size_t pgSeverityStart(std::string_view line);

// log_line_prefix specs that could have written these stderr lines, read off the lines themselves
// (as pgBadger reads a prefix it was not told): what precedes each severity is split into the
// fields PostgreSQL writes (timestamps %t %m %n %s, process and session ids %p %c, line numbers
// %l, user@db, hosts %h %r, `key=value` and `key = "value"` pairs, Heroku's and Cloud SQL's
// among them) and the literals between them. The most frequent first, with "%q" variants that
// also fit background processes' shorter prefixes; the caller keeps the one that matches most.
std::vector<std::string> inferLogLinePrefixes(const std::vector<std::string> &lines);

} // namespace tether
