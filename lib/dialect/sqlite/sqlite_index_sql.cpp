#include "dialect/sqlite/sqlite_index_sql.h"
#include "core/error.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_quote.h"
#include "dialect/sqlite/sqlite_tokenizer.h"

namespace tether::sqlite {

namespace {
using Tokens = std::vector<Token>;

// The element's text as stored: SQLite keeps CREATE INDEX verbatim, so it goes back verbatim.
std::string sourceText(std::string_view sql, const Tokens &t) {
  return std::string(sql.substr(t.front().offset, t.back().end - t.front().offset));
}
} // namespace

std::string indexElementsSql(const Index &ix) {
  std::string s = "(";
  for (size_t i = 0; i < ix.columns.size(); ++i) {
    IndexKey k = indexKeyAt(ix, i);
    if (!k.opclass.empty() || !k.nulls.empty() || indexMethod(ix) != "btree" || !ix.include.empty() ||
        ix.nullsNotDistinct)
      throw Error("index " + ix.name + " asks for what SQLite cannot build (" +
                      (indexMethod(ix) != "btree" ? "using " + ix.method : std::string("an option")) + ")",
                  ix.loc, "run `tether check --dialect sqlite` for the details", ErrorKind::Unsupported);
    // SQLite takes any expression as an element, so the text goes in as written.
    s += (i ? ", " : "") + (k.expression ? ix.columns[i] : quoteIdent(ix.columns[i]));
    if (k.order == "desc") s += " DESC";
  }
  return s + ")";
}

bool readIndexSql(std::string_view sql, Index &into) {
  Index ix = into;
  Tokens t = tokenize(sql);
  size_t open = 0;
  while (open < t.size() && !t[open].isPunct('('))
    ++open;
  if (open >= t.size()) return false;
  std::vector<Tokens> items;
  Tokens cur;
  int depth = 0;
  size_t i = open;
  for (; i < t.size(); ++i) {
    if (t[i].isPunct('(') && depth++ == 0) continue;
    if (t[i].isPunct(')') && --depth == 0) {
      items.push_back(cur);
      break;
    }
    if (t[i].isPunct(',') && depth == 1) {
      items.push_back(cur);
      cur.clear();
      continue;
    }
    cur.push_back(t[i]);
  }
  if (i >= t.size()) return false;
  ix.columns.clear();
  ix.keys.clear();
  for (Tokens item : items) {
    IndexKey k;
    if (!item.empty() && (item.back().isKeyword("DESC") || item.back().isKeyword("ASC"))) {
      if (item.back().isKeyword("DESC")) k.order = "desc";
      item.pop_back();
    }
    for (const auto &tok : item)
      if (tok.isKeyword("COLLATE")) return false;
    if (item.empty()) return false;
    if (item.size() == 1 && item[0].isName()) {
      ix.columns.push_back(item[0].value);
    } else {
      k.expression = true;
      ix.columns.push_back(sourceText(sql, item));
    }
    ix.keys.push_back(k);
  }
  ++i;
  ix.predicate.clear();
  if (i < t.size() && t[i].isKeyword("WHERE") && i + 1 < t.size())
    ix.predicate = trim(sql.substr(t[i + 1].offset));
  normaliseIndexKeys(ix);
  into = ix;
  return true;
}

} // namespace tether::sqlite
