#pragma once
#include <cstddef>
#include <optional>
#include <string>

namespace tether {

// Parsers recurse once per nesting level: "((((…" and "1+1+1+…" (a left-deep tree of 100k
// operators) would exhaust the stack. Every SQL text is measured before it reaches a parser.
constexpr size_t kMaxSqlNesting = 1000;       // parentheses
constexpr size_t kMaxSqlOperatorChain = 5000; // arithmetic/concatenation operators in one statement

struct NestingProblem {
  size_t offset = 0;   // byte offset where the limit was passed
  std::string message; // what was too deep, for an error that names the position
};

// Skips quoted strings, quoted identifiers, dollar quotes and comments.
std::optional<NestingProblem> findExcessiveNesting(const std::string &sql, size_t begin = 0,
                                                   size_t end = std::string::npos);

} // namespace tether
