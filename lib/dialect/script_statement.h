#pragma once
#include <cstddef>

namespace tether {

// One statement of a SQL script as a dialect splits it (Dialect::splitStatements), by position in
// the script so callers take the text they need: with its leading comments (a migration step
// runs them) or without (the linter points at the code).
struct ScriptStatement {
  size_t begin = 0; // the first non-blank character after the previous statement (comments included)
  size_t code = 0;  // the first character of the statement's own code
  size_t end = 0;   // one past the statement's text, before its ';'
  size_t next = 0;  // one past the ';' that ends it (the script's end for the last one)
  int line = 1;     // the line of `begin`, 1-based
};

} // namespace tether
