#pragma once
#include <string>

namespace tether::sqlite {

// SQLite keeps an expression as it was written in CREATE TABLE. Two expressions are the same when
// their tokens are: white space, comments, the case of bare words and the quoting of names aside,
// and parentheses around the whole expression dropped.
bool sameExpression(const std::string &a, const std::string &b);

} // namespace tether::sqlite
