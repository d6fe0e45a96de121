#include "dialect/sqlite/sqlite_expression_compare.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_tokenizer.h"

namespace tether::sqlite {

namespace {

std::vector<std::string> words(const std::string &expr) {
  std::vector<Token> toks = tokenize(expr);
  // Outer parentheses that enclose everything say nothing.
  while (toks.size() >= 2 && toks.front().isPunct('(') && toks.back().isPunct(')')) {
    int depth = 0;
    bool wraps = true;
    for (size_t i = 0; i + 1 < toks.size() && wraps; ++i) {
      depth += toks[i].isPunct('(') ? 1 : toks[i].isPunct(')') ? -1 : 0;
      wraps = depth > 0;
    }
    if (!wraps) break;
    toks = std::vector<Token>(toks.begin() + 1, toks.end() - 1);
  }
  std::vector<std::string> out;
  for (const auto &t : toks)
    out.push_back(t.isName()                      ? "n:" + toLower(t.value)
                  : t.kind == Token::Kind::String ? "s:" + t.value
                                                  : t.text);
  return out;
}

} // namespace

bool sameExpression(const std::string &a, const std::string &b) {
  return a == b || words(a) == words(b);
}

} // namespace tether::sqlite
