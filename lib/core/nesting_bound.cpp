#include "core/nesting_bound.h"
#include <cctype>

namespace tether {

namespace {
// The end of a $tag$…$tag$ string starting at i, or npos when i does not open one.
size_t dollarQuoteEnd(const std::string &s, size_t i, size_t end) {
  size_t j = i + 1;
  while (j < end && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_'))
    ++j;
  if (j >= end || s[j] != '$') return std::string::npos;
  if (j > i + 1 && std::isdigit(static_cast<unsigned char>(s[i + 1]))) return std::string::npos; // $1
  std::string tag = s.substr(i, j - i + 1);
  size_t close = s.find(tag, j + 1);
  return close == std::string::npos || close >= end ? end : close + tag.size();
}
} // namespace

std::optional<NestingProblem> findExcessiveNesting(const std::string &sql, size_t begin, size_t end) {
  if (end > sql.size()) end = sql.size();
  size_t depth = 0, operators = 0;
  for (size_t i = begin; i < end; ++i) {
    char c = sql[i];
    char next = i + 1 < end ? sql[i + 1] : '\0';
    if (c == '\'' || c == '"' || c == '`') {
      size_t close = i + 1;
      while (close < end && sql[close] != c)
        ++close;
      i = close;
    } else if (c == '-' && next == '-') {
      while (i < end && sql[i] != '\n')
        ++i;
    } else if (c == '/' && next == '*') {
      size_t close = sql.find("*/", i + 2);
      i = close == std::string::npos || close >= end ? end : close + 1;
    } else if (c == '$') {
      size_t close = dollarQuoteEnd(sql, i, end);
      if (close != std::string::npos) i = close - 1;
    } else if (c == '(') {
      if (++depth > kMaxSqlNesting)
        return NestingProblem{i, "parentheses nested more than " + std::to_string(kMaxSqlNesting) + " deep"};
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (c == ';') {
      operators = 0;
      depth = 0;
    } else if (c == '+' || c == '-' || c == '*' || c == '/' || c == '%' || c == '^' ||
               (c == '|' && next == '|')) {
      if (c == '|') ++i;
      if (++operators > kMaxSqlOperatorChain)
        return NestingProblem{i, "more than " + std::to_string(kMaxSqlOperatorChain) +
                                     " operators in one statement (each one nests the expression deeper)"};
    }
  }
  return std::nullopt;
}

} // namespace tether
