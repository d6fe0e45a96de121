#include "dialect/postgres/pg_quote.h"
#include "core/error.h"
#include "core/strings.h"

namespace tether::pg {

namespace {
constexpr size_t kMaxIdentifierBytes = 63; // NAMEDATALEN - 1

void refuseNul(const std::string &s, const char *what) {
  if (s.find('\0') != std::string::npos)
    throw Error(std::string("PostgreSQL cannot store a NUL character in ") + what, {},
                "remove the NUL byte from the model");
}

// Cuts at most `bytes` bytes without splitting a UTF-8 sequence.
std::string clipUtf8(const std::string &s, size_t bytes) {
  if (s.size() <= bytes) return s;
  size_t n = bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
    --n;
  return s.substr(0, n);
}
} // namespace

std::string quoteIdent(const std::string &ident) {
  refuseNul(ident, "an identifier");
  return sqlQuoted(ident, '"');
}

std::string quoteLiteral(const std::string &value) {
  refuseNul(value, "a string literal");
  return sqlQuoted(value, '\'');
}

std::string quoteIdentList(const std::vector<std::string> &idents) {
  std::string r;
  for (size_t i = 0; i < idents.size(); ++i) {
    if (i) r += ", ";
    r += quoteIdent(idents[i]);
  }
  return r;
}

std::string defaultConstraintName(const std::string &table, const std::vector<std::string> &columns,
                                  const std::string &label) {
  // The server joins the column names with "_", then shortens the longer of table and columns
  // one byte at a time until "<table>_<cols>_<label>" fits.
  std::string cols;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) cols += "_";
    cols += columns[i];
    if (cols.size() >= kMaxIdentifierBytes) break;
  }
  size_t overhead = label.size() + 1 + (cols.empty() ? 0 : 1);
  size_t avail = kMaxIdentifierBytes > overhead ? kMaxIdentifierBytes - overhead : 0;
  size_t n1 = table.size(), n2 = cols.size();
  while (n1 + n2 > avail) {
    if (n1 > n2)
      --n1;
    else
      --n2;
  }
  std::string name = clipUtf8(table, n1);
  if (!cols.empty()) name += "_" + clipUtf8(cols, n2);
  return name + "_" + label;
}

} // namespace tether::pg
