#include "dialect/postgres/pg_split.h"
#include <cctype>
#include <string>

namespace tether {

namespace {
bool isWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The words of the statement so far, upper-cased, outside strings and comments: enough to know
// whether a ';' closes a body or a statement.
struct Words {
  std::vector<std::string> list;
  std::string current;
  void push(char c) {
    if (isWordChar(c))
      current += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    else
      flush();
  }
  void flush() {
    if (!current.empty()) list.push_back(current), current.clear();
  }
  // BEGIN ATOMIC … END holds statements of its own; CREATE TRIGGER … EXECUTE FUNCTION f() does not.
  bool opensBody() const {
    if (list.empty() || list[0] != "CREATE") return false;
    for (const auto &w : list)
      if (w == "BEGIN") return true;
    return false;
  }
  bool bodyClosed() const { return list.size() >= 2 && list.back() == "END" && list[list.size() - 2] == ";"; }
};

// The first character of code at or after `i`: whitespace and comments skipped. `end` when none.
size_t codeStart(std::string_view s, size_t i, size_t end) {
  while (i < end) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < end && s[i + 1] == '-') {
      size_t nl = s.find('\n', i);
      i = nl == std::string_view::npos || nl > end ? end : nl + 1;
    } else if (c == '/' && i + 1 < end && s[i + 1] == '*') {
      size_t close = s.find("*/", i + 2);
      i = close == std::string_view::npos || close + 2 > end ? end : close + 2;
    } else {
      return i;
    }
  }
  return end;
}
} // namespace

std::vector<ScriptStatement> splitPostgresScript(std::string_view script) {
  std::vector<ScriptStatement> out;
  Words words;
  int line = 1, startLine = 1;
  bool started = false;
  size_t i = 0, begin = 0;
  const size_t n = script.size();
  auto take = [&](size_t count) {
    for (size_t k = 0; k < count && i < n; ++k, ++i)
      if (script[i] == '\n') ++line;
  };
  auto finish = [&](size_t end, size_t next) {
    words.flush();
    if (started) {
      size_t code = codeStart(script, begin, end);
      if (code < end) {
        while (end > code && std::isspace(static_cast<unsigned char>(script[end - 1])))
          --end;
        out.push_back({begin, code, end, next, startLine});
      }
    }
    words = Words{};
    started = false;
  };
  while (i < n) {
    char c = script[i];
    if (!started && !std::isspace(static_cast<unsigned char>(c))) started = true, startLine = line, begin = i;
    if (c == '-' && i + 1 < n && script[i + 1] == '-') {
      size_t end = script.find('\n', i);
      words.flush();
      take(end == std::string_view::npos ? n - i : end - i);
      continue;
    }
    if (c == '/' && i + 1 < n && script[i + 1] == '*') {
      size_t end = script.find("*/", i + 2);
      words.flush();
      take(end == std::string_view::npos ? n - i : end + 2 - i);
      continue;
    }
    if (c == '\'' || c == '"') {
      words.flush();
      take(1);
      while (i < n) {
        if (script[i] == c) {
          if (i + 1 < n && script[i + 1] == c) {
            take(2);
            continue;
          }
          take(1);
          break;
        }
        take(1);
      }
      continue;
    }
    if (c == '$' && (i == begin || !isWordChar(script[i - 1]))) {
      size_t j = i + 1;
      while (j < n && isWordChar(script[j]) && !std::isdigit(static_cast<unsigned char>(script[j])))
        ++j;
      if (j < n && script[j] == '$') {
        std::string_view tag = script.substr(i, j + 1 - i);
        size_t end = script.find(tag, j + 1);
        words.flush();
        take(end == std::string_view::npos ? n - i : end + tag.size() - i);
        continue;
      }
    }
    if (c == ';') {
      words.flush();
      if (words.opensBody() && !words.bodyClosed()) {
        words.list.push_back(";");
        take(1); // a statement inside the body
        continue;
      }
      size_t at = i;
      ++i;
      finish(at, i);
      continue;
    }
    words.push(c);
    take(1);
  }
  finish(n, n);
  return out;
}

} // namespace tether
