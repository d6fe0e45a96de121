#include "querylog/shape.h"
#include <algorithm>
#include <unordered_map>

namespace tether {

namespace {

std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t sp = s.find(' ', i);
    if (sp == std::string_view::npos) sp = s.size();
    if (sp > i) out.push_back(s.substr(i, sp - i));
    i = sp + 1;
  }
  return out;
}

bool isClauseKeyword(std::string_view t) {
  static const char *const kWords[] = {
      "where",   "join",      "inner",  "left",  "right",  "full",  "outer",     "cross",
      "natural", "on",        "using",  "group", "order",  "limit", "offset",    "having",
      "union",   "intersect", "except", "for",   "window", "fetch", "returning", "lateral",
      "as",      "and",       "or",     "set",   "values", "into",  "select",    "from"};
  for (const char *w : kWords)
    if (t == w) return true;
  return false;
}

bool isName(std::string_view t) {
  if (t.empty()) return false;
  unsigned char c = static_cast<unsigned char>(t[0]);
  return (c >= 'a' && c <= 'z') || c == '_' || c == '"' || c >= 0x80 || (c >= 'A' && c <= 'Z');
}

std::string unquote(std::string_view t) {
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"') return std::string(t.substr(1, t.size() - 2));
  return std::string(t);
}

// "public.orders" -> "orders"; remembers whether the schema is a catalog one.
std::string lastPart(std::string_view t) {
  size_t dot = t.rfind('.');
  return unquote(dot == std::string_view::npos ? t : t.substr(dot + 1));
}

bool catalogName(std::string_view t) {
  auto starts = [&](std::string_view p) { return t.compare(0, p.size(), p) == 0; };
  return starts("pg_") || starts("information_schema") || starts("sqlite_") || starts("\"pg_") ||
         t.find(".pg_") != std::string_view::npos;
}

bool isValue(const std::vector<std::string_view> &tk, size_t i) {
  if (i >= tk.size()) return false;
  if (tk[i] == "?") return true;
  return tk[i] == "-" && i + 1 < tk.size() && tk[i + 1] == "?";
}

class Analyzer {
public:
  explicit Analyzer(std::string_view fp) : tk_(tokens(fp)) {}

  ShapeInfo run() {
    if (tk_.empty()) return info_;
    classify();
    if (info_.kind != ShapeInfo::Kind::Read) return info_;
    size_t from = findTopLevel("from", 0);
    if (from == npos) return info_;
    size_t end = fromList(from + 1);
    size_t where = end < tk_.size() && tk_[end] == "where" ? end : npos;
    if (where != npos) conditions(where + 1, true);
    return info_;
  }

private:
  static constexpr size_t npos = static_cast<size_t>(-1);

  void classify() {
    std::string_view first = tk_[0];
    size_t k = 0;
    while (first == "(" && k + 1 < tk_.size())
      first = tk_[++k];
    using K = ShapeInfo::Kind;
    if (first == "select" || first == "values" || first == "table")
      info_.kind = K::Read;
    else if (first == "with") {
      info_.kind = K::Read;
      for (auto t : tk_)
        if (t == "insert" || t == "update" || t == "delete" || t == "merge") info_.kind = K::Write;
    } else if (first == "begin" || first == "start")
      info_.kind = K::Begin;
    else if (first == "commit" || first == "end" || first == "abort")
      info_.kind = K::End;
    else if (first == "rollback")
      info_.kind = (tk_.size() > 1 && tk_[1] == "to") ? K::Other : K::End;
    else if (first == "insert" || first == "update" || first == "delete" || first == "merge" ||
             first == "copy" || first == "create" || first == "alter" || first == "drop" ||
             first == "truncate" || first == "grant" || first == "revoke" || first == "upsert" ||
             first == "replace" || first == "comment")
      info_.kind = K::Write;
    if (info_.kind == K::Read)
      for (auto t : tk_)
        if (t == "into") {
          info_.kind = K::Write;
          break;
        } // SELECT … INTO creates a table
    for (auto t : tk_)
      if (t.compare(0, 11, "pg_catalog.") == 0 || t.compare(0, 19, "information_schema.") == 0 ||
          t == "sqlite_master" || t == "sqlite_schema")
        info_.catalog = true;
  }

  size_t findTopLevel(std::string_view word, size_t from) const {
    int depth = 0;
    for (size_t i = from; i < tk_.size(); ++i) {
      if (tk_[i] == "(" || tk_[i] == "[")
        ++depth;
      else if (tk_[i] == ")" || tk_[i] == "]")
        --depth;
      else if (depth == 0 && tk_[i] == word)
        return i;
    }
    return npos;
  }

  void addTable(std::string_view name, size_t &i) {
    if (catalogName(name)) info_.catalog = true;
    std::string table = lastPart(name);
    info_.tables.push_back(table);
    aliases_[table] = table;
    aliases_[std::string(name)] = table;
    ++i;
    if (i < tk_.size() && tk_[i] == "as") ++i;
    if (i < tk_.size() && isName(tk_[i]) && !isClauseKeyword(tk_[i])) {
      aliases_[unquote(tk_[i])] = table;
      ++i;
    }
  }

  // The FROM list up to WHERE (or the end of the top-level clause); returns where it stopped.
  size_t fromList(size_t i) {
    while (i < tk_.size()) {
      std::string_view t = tk_[i];
      if (t == "(") { // a subquery or parenthesized join: skip it, it is not a table we look up
        int depth = 0;
        do {
          if (tk_[i] == "(")
            ++depth;
          else if (tk_[i] == ")")
            --depth;
          ++i;
        } while (i < tk_.size() && depth > 0);
        if (i < tk_.size() && tk_[i] == "as") ++i;
        if (i < tk_.size() && isName(tk_[i]) && !isClauseKeyword(tk_[i])) ++i;
        continue;
      }
      if (t == "," || t == "join" || t == "inner" || t == "left" || t == "right" || t == "full" ||
          t == "outer" || t == "cross" || t == "natural" || t == "lateral") {
        ++i;
        continue;
      }
      if (t == "on") {
        i = conditions(i + 1, false);
        continue;
      }
      if (t == "using") { // USING (a, b)
        ++i;
        if (i < tk_.size() && tk_[i] == "(") {
          while (i < tk_.size() && tk_[i] != ")")
            ++i;
          ++i;
        }
        continue;
      }
      if (t == "where" || t == "group" || t == "order" || t == "limit" || t == "offset" || t == "having" ||
          t == "union" || t == "intersect" || t == "except" || t == "for" || t == "window" || t == "fetch" ||
          t == ")" || t == ";")
        return i;
      if (isName(t) && !isClauseKeyword(t)) {
        addTable(t, i);
        continue;
      }
      ++i;
    }
    return i;
  }

  ColumnRef column(std::string_view t) const {
    ColumnRef r;
    size_t dot = t.rfind('.');
    if (dot == std::string_view::npos) {
      r.column = unquote(t);
      if (info_.tables.size() == 1) r.table = info_.tables[0];
      return r;
    }
    r.column = unquote(t.substr(dot + 1));
    std::string_view qual = t.substr(0, dot);
    auto it = aliases_.find(std::string(qual));
    if (it == aliases_.end()) it = aliases_.find(lastPart(qual));
    r.table = it != aliases_.end() ? it->second : lastPart(qual);
    return r;
  }

  bool columnToken(size_t i) const {
    return i < tk_.size() && isName(tk_[i]) && !isClauseKeyword(tk_[i]) && tk_[i] != "not" &&
           tk_[i] != "null" && tk_[i] != "true" && tk_[i] != "false" && tk_[i] != "any" && tk_[i] != "all";
  }

  // Conditions at one nesting level; in WHERE they end at the clause's end, in ON at the next join.
  size_t conditions(size_t i, bool where) {
    int depth = 0;
    for (; i < tk_.size(); ++i) {
      std::string_view t = tk_[i];
      if (t == "(") {
        ++depth;
        continue;
      }
      if (t == ")") {
        if (depth == 0) return i;
        --depth;
        continue;
      }
      if (depth > 0) continue;
      if (!where && (t == "join" || t == "inner" || t == "left" || t == "right" || t == "full" ||
                     t == "cross" || t == "natural" || t == "where" || t == "," || t == "lateral"))
        return i;
      if (t == "group" || t == "order" || t == "limit" || t == "offset" || t == "having" || t == "union" ||
          t == "intersect" || t == "except" || t == "for" || t == "window" || t == "fetch" ||
          t == "returning" || (!where && t == "where"))
        return i;
      if (t != "=" || i == 0) continue;
      bool lhsCol = columnToken(i - 1) && !(i >= 2 && tk_[i - 2] == "::");
      bool rhsCol = columnToken(i + 1) && !(i + 2 < tk_.size() && tk_[i + 2] == "(");
      bool lhsVal = tk_[i - 1] == "?" || (i >= 3 && tk_[i - 2] == "::" && tk_[i - 3] == "?");
      bool rhsVal = isValue(tk_, i + 1);
      if (where && lhsCol && rhsVal) {
        info_.equalities.push_back(column(tk_[i - 1]));
      } else if (where && lhsCol && i + 2 < tk_.size() && tk_[i + 1] == "any" && tk_[i + 2] == "(...)") {
        info_.equalities.push_back(column(tk_[i - 1]));
        info_.anyArray = true;
      } else if (where && lhsVal && rhsCol)
        info_.equalities.push_back(column(tk_[i + 1]));
      else if (lhsCol && rhsCol)
        info_.joins.emplace_back(column(tk_[i - 1]), column(tk_[i + 1]));
    }
    return i;
  }

  std::vector<std::string_view> tk_;
  ShapeInfo info_;
  std::unordered_map<std::string, std::string> aliases_;
};

} // namespace

ShapeInfo analyzeShape(std::string_view fingerprint) {
  return Analyzer(fingerprint).run();
}

} // namespace tether
