#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tether::sqlite {

// A token of SQLite's SQL, as far as reading stored DDL needs: names (bare or quoted with "..",
// `..` or [..]), string literals, numbers and single punctuation characters. Whitespace and
// comments (-- and /* */) are skipped.
struct Token {
  enum class Kind { Word, QuotedName, String, Number, Punct } kind = Kind::Punct;
  std::string text;  // the raw source text
  std::string value; // names and strings without quotes, escapes undone; words as written
  size_t offset = 0; // position in the source
  size_t end = 0;    // one past the last character

  bool isName() const { return kind == Kind::Word || kind == Kind::QuotedName; }
  bool isKeyword(std::string_view kw) const; // a bare word, case-insensitive
  bool isPunct(char c) const { return kind == Kind::Punct && text.size() == 1 && text[0] == c; }
};

// Never fails: an unterminated quote or comment runs to the end of the text.
std::vector<Token> tokenize(std::string_view sql);

} // namespace tether::sqlite
