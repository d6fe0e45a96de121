#include "migrate/sql_split.h"
#include "core/strings.h"
#include <cctype>

namespace tether {

namespace {
bool isWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The words of the statement so far, upper-cased, outside strings and comments: enough to know
// whether a ';' closes a trigger body or a statement.
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
  // SQLite's CREATE TRIGGER … BEGIN … END and PostgreSQL's BEGIN ATOMIC … END hold statements
  // of their own; PostgreSQL's CREATE TRIGGER … EXECUTE FUNCTION f() does not.
  bool opensBody() const {
    if (list.empty() || list[0] != "CREATE") return false;
    for (const auto &w : list)
      if (w == "BEGIN") return true;
    return false;
  }
  // As sqlite3_complete() decides: the body ends at "; END" (a CASE … END inside does not).
  bool bodyClosed() const { return list.size() >= 2 && list.back() == "END" && list[list.size() - 2] == ";"; }
};

bool hasCode(const std::string &sql) {
  // Anything but whitespace and comments?
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n')
        ++i;
      continue;
    }
    if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      if (end == std::string::npos) return false;
      i = end + 1;
      continue;
    }
    return true;
  }
  return false;
}
} // namespace

std::vector<SqlStatement> splitSqlScript(const std::string &script) {
  std::vector<SqlStatement> out;
  std::string cur;
  Words words;
  int line = 1, startLine = 1;
  bool started = false;
  size_t i = 0;
  const size_t n = script.size();
  auto take = [&](size_t count) {
    for (size_t k = 0; k < count && i < n; ++k, ++i) {
      if (script[i] == '\n') ++line;
      cur += script[i];
    }
  };
  auto finish = [&]() {
    words.flush();
    if (hasCode(cur)) out.push_back({trim(cur), startLine, true});
    cur.clear();
    words = Words{};
    started = false;
  };
  while (i < n) {
    char c = script[i];
    if (!started && !std::isspace(static_cast<unsigned char>(c))) started = true, startLine = line;
    if (c == '-' && i + 1 < n && script[i + 1] == '-') {
      size_t end = script.find('\n', i);
      std::string comment = script.substr(i, end == std::string::npos ? n - i : end - i);
      // A marker comment right after a statement belongs to the statement before it.
      if (trim(cur).empty() && !out.empty() && trim(comment) == "-- (runs outside the transaction)")
        out.back().transactional = false;
      words.flush();
      take(end == std::string::npos ? n - i : end - i);
      continue;
    }
    if (c == '/' && i + 1 < n && script[i + 1] == '*') {
      size_t end = script.find("*/", i + 2);
      words.flush();
      take(end == std::string::npos ? n - i : end + 2 - i);
      continue;
    }
    if (c == '\'' || c == '"' || c == '`' || c == '[') {
      char close = c == '[' ? ']' : c;
      words.flush();
      take(1);
      while (i < n) {
        if (script[i] == close) {
          if (close != ']' && i + 1 < n && script[i + 1] == close) {
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
    if (c == '$' && (cur.empty() || !isWordChar(cur.back()))) {
      size_t j = i + 1;
      while (j < n && isWordChar(script[j]) && !std::isdigit(static_cast<unsigned char>(script[j])))
        ++j;
      if (j < n && script[j] == '$') {
        std::string tag = script.substr(i, j + 1 - i);
        size_t end = script.find(tag, j + 1);
        words.flush();
        take(end == std::string::npos ? n - i : end + tag.size() - i);
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
      ++i;
      finish();
      continue;
    }
    words.push(c);
    take(1);
  }
  finish();
  return out;
}

} // namespace tether
