#include "migrate/transaction_marker.h"
#include "core/error.h"
#include "core/strings.h"
#include "migrate/sql_split.h"
#include <cctype>
#include <sstream>

namespace tether {

bool hasNoTransactionMarker(const std::string &sql) {
  std::istringstream in(sql);
  std::string line;
  const std::string marker = kNoTransactionMarker;
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (t.compare(0, marker.size(), marker) != 0) continue;
    // "-- tether:no-transaction" alone, or followed by a remark ("-- tether:no-transaction (why)").
    if (t.size() == marker.size() || !std::isalnum(static_cast<unsigned char>(t[marker.size()]))) return true;
  }
  return false;
}

namespace {
// The statement's first two words, upper-cased, skipping leading comments.
std::vector<std::string> leadingWords(const std::string &sql) {
  std::vector<std::string> words;
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n && words.size() < 2) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      i = end == std::string::npos ? n : end + 1;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string::npos ? n : end + 2;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::string w;
      while (i < n && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_'))
        w += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
      words.push_back(w);
    } else {
      break; // punctuation: no keyword statement starts like this
    }
  }
  return words;
}
} // namespace

int codeLine(const std::string &sql, int startLine) {
  int line = startLine;
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      i = end == std::string::npos ? n : end;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      end = end == std::string::npos ? n : end + 2;
      for (size_t k = i; k < end; ++k)
        line += sql[k] == '\n';
      i = end;
    } else {
      break;
    }
  }
  return line;
}

std::string transactionControlKeyword(const std::string &statement) {
  auto w = leadingWords(statement);
  if (w.empty()) return "";
  const std::string &first = w[0];
  if (first == "START") return w.size() > 1 && w[1] == "TRANSACTION" ? "START TRANSACTION" : "";
  for (const char *k : {"BEGIN", "COMMIT", "ROLLBACK", "END", "SAVEPOINT", "RELEASE", "ABORT"})
    if (first == k) return first;
  return "";
}

void refuseTransactionControl(const std::string &file, const std::string &sql, const Dialect &d) {
  if (hasNoTransactionMarker(sql)) return;
  for (const auto &s : splitSqlScript(sql, d)) {
    std::string k = transactionControlKeyword(s.sql);
    if (k.empty()) continue;
    throw Error(
        k + " in a migration that tether runs inside its own transaction: it would commit or undo "
            "part of the version behind tether's back, and the version would be recorded as applied "
            "whatever happened after it",
        SourceLoc{file, codeLine(s.sql, s.line), 1},
        std::string("remove it (tether already wraps the file in one transaction), or mark the file ") +
            kNoTransactionMarker + " so its statements run one by one as written");
  }
}

} // namespace tether
