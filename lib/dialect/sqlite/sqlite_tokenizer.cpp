#include "dialect/sqlite/sqlite_tokenizer.h"
#include "core/strings.h"
#include <cctype>

namespace tether::sqlite {

bool Token::isKeyword(std::string_view kw) const {
  return kind == Kind::Word && iequals(text, kw);
}

namespace {
bool isWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Reads a quoted run starting at `i` (on the opening quote); a doubled closing quote is an
// escaped one, except for [..] which has no escape.
size_t readQuoted(std::string_view s, size_t i, char close, bool doubling, std::string &value) {
  ++i;
  while (i < s.size()) {
    if (s[i] == close) {
      if (doubling && i + 1 < s.size() && s[i + 1] == close) {
        value += close;
        i += 2;
        continue;
      }
      return i + 1;
    }
    value += s[i++];
  }
  return i;
}
} // namespace

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n')
        ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t close = s.find("*/", i + 2);
      i = close == std::string_view::npos ? s.size() : close + 2;
      continue;
    }
    Token t;
    t.offset = i;
    if (c == '"' || c == '`' || c == '[' || c == '\'') {
      char close = c == '[' ? ']' : c;
      t.kind = c == '\'' ? Token::Kind::String : Token::Kind::QuotedName;
      i = readQuoted(s, i, close, c != '[', t.value);
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      t.kind = Token::Kind::Number;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.' ||
                              ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E'))))
        ++i;
    } else if (isWordChar(c)) {
      t.kind = Token::Kind::Word;
      while (i < s.size() && isWordChar(s[i]))
        ++i;
    } else {
      t.kind = Token::Kind::Punct;
      ++i;
    }
    t.end = i;
    t.text = std::string(s.substr(t.offset, i - t.offset));
    if (t.kind == Token::Kind::Word || t.kind == Token::Kind::Number || t.kind == Token::Kind::Punct)
      t.value = t.text;
    out.push_back(std::move(t));
  }
  return out;
}

} // namespace tether::sqlite
