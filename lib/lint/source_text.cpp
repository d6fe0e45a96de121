#include "lint/source_text.h"
#include <algorithm>

namespace tether::lint {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

int LineIndex::line(size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return int(it - starts_.begin());
}

int LineIndex::column(size_t offset) const {
  // Editors count characters: UTF-8 continuation bytes do not start a new column.
  int col = 1;
  for (size_t i = starts_[size_t(line(offset) - 1)]; i < offset && i < text_.size(); ++i)
    col += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
  return col;
}

namespace {
bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Calls `onComment(text)` for each comment in [from, to) and returns where the non-comment text starts.
template <class F> size_t scanComments(std::string_view sql, size_t from, size_t to, F onComment) {
  size_t i = from;
  while (i < to) {
    if (isSpace(sql[i])) {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      size_t e = sql.find('\n', i);
      if (e == std::string_view::npos || e > to) e = to;
      onComment(sql.substr(i + 2, e - i - 2));
      i = e;
    } else if (sql.compare(i, 2, "/*") == 0) {
      size_t e = sql.find("*/", i + 2);
      size_t stop = e == std::string_view::npos || e + 2 > to ? to : e + 2;
      onComment(sql.substr(i + 2, (e == std::string_view::npos ? to : e) - i - 2));
      i = stop;
    } else {
      break;
    }
  }
  return std::min(i, to);
}

void readNolint(std::string_view comment, std::vector<std::string> &out, bool *noReason) {
  constexpr std::string_view kMarker = "tether:nolint";
  size_t p = comment.find(kMarker);
  if (p == std::string_view::npos) return;
  p += kMarker.size();
  while (p < comment.size() && (comment[p] == ' ' || comment[p] == '\t'))
    ++p;
  std::string current;
  for (; p < comment.size(); ++p) {
    char c = comment[p];
    bool nameChar =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (nameChar) {
      current += c;
    } else if (c == ',') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      break;
    }
  }
  if (!current.empty()) out.push_back(current);
  std::string_view rest = comment.substr(std::min(p, comment.size()));
  bool reason = rest.find_first_not_of(" \t\r*/") != std::string_view::npos;
  if (!reason && noReason) *noReason = true;
}
} // namespace

size_t skipSpaceAndComments(std::string_view sql, size_t from, size_t to) {
  return scanComments(sql, from, std::min(to, sql.size()), [](std::string_view) {});
}

std::vector<std::string> nolintRules(std::string_view sql, size_t leadFrom, size_t begin, size_t end,
                                     bool *noReason) {
  std::vector<std::string> rules;
  begin = std::min(begin, sql.size());
  size_t lead = leadFrom;
  if (leadFrom > 0) {
    // What follows the previous statement on its own line is that statement's trailing comment.
    size_t nl = sql.find('\n', leadFrom);
    lead = nl == std::string_view::npos || nl > begin ? begin : nl + 1;
  }
  scanComments(sql, lead, begin, [&](std::string_view c) { readNolint(c, rules, noReason); });
  size_t i = std::min(end, sql.size());
  while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\t'))
    ++i;
  if (i < sql.size() && sql[i] == ';') ++i;
  while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\t'))
    ++i;
  if (sql.compare(i, 2, "--") == 0 || sql.compare(i, 2, "/*") == 0) {
    size_t nl = sql.find('\n', i);
    scanComments(sql, i, nl == std::string_view::npos ? sql.size() : nl,
                 [&](std::string_view c) { readNolint(c, rules, noReason); });
  }
  return rules;
}

bool followedByOutsideTransactionMarker(std::string_view sql, size_t end) {
  size_t i = std::min(end, sql.size());
  while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\t'))
    ++i;
  if (i < sql.size() && sql[i] == ';') ++i;
  while (i < sql.size() && isSpace(sql[i]))
    ++i;
  constexpr std::string_view kMarker = "-- (runs outside the transaction)";
  return sql.compare(i, kMarker.size(), kMarker) == 0;
}

bool hasNoTransactionMarker(std::string_view sql) {
  return sql.find("tether:no-transaction") != std::string_view::npos;
}

} // namespace tether::lint
