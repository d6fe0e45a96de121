#include "audit/schema_checks.h"
#include "audit/fk_finding.h"
#include "core/strings.h"
#include "dialect/dialect.h"
#include <algorithm>
#include <set>

namespace tether {

namespace {
bool coversAsPrefix(const std::vector<std::string> &key, const std::vector<std::string> &cols) {
  if (key.size() < cols.size()) return false;
  std::set<std::string> prefix(key.begin(), key.begin() + static_cast<long>(cols.size()));
  return prefix == std::set<std::string>(cols.begin(), cols.end());
}
} // namespace

SourceLoc modelLocation(const Model *model, const std::string &table,
                        const std::vector<std::string> &columns) {
  if (!model) return {};
  const Table *t = model->schema.table(table);
  if (!t) return {};
  if (columns.size() == 1)
    if (const Column *c = t->column(columns[0])) return c->loc;
  if (!columns.empty())
    for (const auto &fk : t->foreignKeys)
      if (sameColumnSet(fk.columns, columns)) return fk.loc;
  return t->loc;
}

namespace {
// A predicate that only leaves out rows whose key columns are NULL (`fk IS NOT NULL`, or
// several joined by AND): those rows reference nothing, so the index serves every lookup the
// foreign key makes. Quotes, parentheses and case are ignored, as PostgreSQL re-prints them.
bool onlyExcludesNulls(const std::string &predicate, const std::vector<std::string> &cols) {
  std::string flat;
  for (char c : toLower(predicate))
    if (c != '(' && c != ')' && c != '"' && c != '`' && c != '[' && c != ']') flat += c;
  std::vector<std::string> words;
  std::string w;
  for (char c : flat + " ") {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!w.empty()) words.push_back(w), w.clear();
    } else {
      w += c;
    }
  }
  if (words.empty()) return false;
  for (size_t i = 0; i < words.size(); i += 5) {
    if (i + 3 >= words.size() || words[i + 1] != "is" || words[i + 2] != "not" || words[i + 3] != "null")
      return false;
    std::string col = words[i];
    if (auto dot = col.rfind('.'); dot != std::string::npos) col = col.substr(dot + 1);
    if (std::none_of(cols.begin(), cols.end(), [&](const std::string &c) { return toLower(c) == col; }))
      return false;
    if (i + 4 < words.size() && words[i + 4] != "and") return false;
  }
  return true;
}
} // namespace

bool hasSupportingIndex(const Table &t, const std::vector<std::string> &cols) {
  if (coversAsPrefix(t.primaryKey, cols)) return true;
  for (const auto &u : t.uniques)
    if (coversAsPrefix(u.columns, cols)) return true;
  for (const auto &i : t.indexes) {
    // An INVALID index (an interrupted CREATE INDEX CONCURRENTLY) is never used by the planner.
    if (i.invalid) continue;
    bool btree = i.method.empty() || i.method == "btree";
    bool predicateOk = i.predicate.empty() || onlyExcludesNulls(i.predicate, cols);
    if (btree && predicateOk && !i.hasExpressions && coversAsPrefix(i.columns, cols)) return true;
  }
  return false;
}

std::vector<Finding> checkUnindexedForeignKeys(const Schema &db, const Model *model, const Dialect &d) {
  std::vector<Finding> out;
  // A partition's own keys want an index on the partition as much as a table's do.
  std::vector<const Table *> tables;
  for (const auto &t : db.tables)
    tables.push_back(&t);
  for (const auto &t : db.partitions)
    tables.push_back(&t);
  for (const Table *tp : tables) {
    const Table &t = *tp;
    std::set<std::vector<std::string>> seen;
    for (const auto &fk : t.foreignKeys) {
      if (!seen.insert(fk.columns).second || hasSupportingIndex(t, fk.columns)) continue;
      Finding f = foreignKeyFinding("unindexed_foreign_key", Severity::Warning, t.name, fk);
      f.message = "foreign key " + t.name + "(" + join(fk.columns, ", ") + ") -> " + fk.refTable +
                  " has no index: every delete or key update of " + fk.refTable + " scans " + t.name +
                  ", and joins from " + fk.refTable + " do too";
      f.fix = d.createIndexSql(db, t.name, "ix_" + t.name + "_" + join(fk.columns, "_"), fk.columns);
      f.location = modelLocation(model, t.name, fk.columns);
      out.push_back(f);
    }
  }
  return out;
}

namespace {
// Ascending columns with the default operator classes and nothing included: what a key or
// another plain index can stand in for.
bool plainElements(const Index &ix) {
  for (size_t i = 0; i < ix.columns.size(); ++i)
    if (indexKeyAt(ix, i) != IndexKey{}) return false;
  return ix.include.empty();
}

// `other` sorts and compares `ix`'s elements the same way, element by element.
bool sameLeadingKeys(const Index &ix, const Index &other) {
  for (size_t i = 0; i < ix.columns.size(); ++i)
    if (indexKeyAt(ix, i) != indexKeyAt(other, i)) return false;
  return ix.include.empty() && ix.nullsNotDistinct == other.nullsNotDistinct;
}
} // namespace

std::vector<Finding> checkRedundantIndexes(const Schema &db, const Model *model, const Dialect &d) {
  std::vector<Finding> out;
  for (const auto &t : db.tables) {
    for (size_t i = 0; i < t.indexes.size(); ++i) {
      const Index &ix = t.indexes[i];
      if (ix.hasExpressions || ix.invalid) continue; // invalid_index reports those
      std::string coveredBy;
      const bool keyCovers = plainElements(ix) && !ix.nullsNotDistinct;
      if (ix.unique) {
        // A unique index enforces something; it is only redundant when it duplicates a key exactly.
        if (keyCovers && !t.primaryKey.empty() && t.primaryKey == ix.columns && ix.predicate.empty())
          coveredBy = "the primary key";
        for (const auto &u : t.uniques)
          if (keyCovers && coveredBy.empty() && u.columns == ix.columns && ix.predicate.empty())
            coveredBy = "unique constraint " + (u.name.empty() ? "(" + join(u.columns, ", ") + ")" : u.name);
        for (size_t j = 0; j < t.indexes.size() && coveredBy.empty(); ++j) {
          const Index &o = t.indexes[j];
          if (j < i && !o.invalid && o.unique && o.columns == ix.columns && o.predicate == ix.predicate &&
              o.method == ix.method && !o.hasExpressions && sameLeadingKeys(ix, o))
            coveredBy = "index " + o.name;
        }
      } else {
        auto isPrefix = [&](const std::vector<std::string> &other) {
          return other.size() >= ix.columns.size() &&
                 std::equal(ix.columns.begin(), ix.columns.end(), other.begin());
        };
        if (keyCovers && ix.predicate.empty() && (ix.method.empty() || ix.method == "btree")) {
          if (isPrefix(t.primaryKey)) coveredBy = "the primary key";
          for (const auto &u : t.uniques)
            if (coveredBy.empty() && isPrefix(u.columns))
              coveredBy =
                  "unique constraint " + (u.name.empty() ? "(" + join(u.columns, ", ") + ")" : u.name);
        }
        for (size_t j = 0; j < t.indexes.size() && coveredBy.empty(); ++j) {
          const Index &o = t.indexes[j];
          if (j == i || o.invalid || o.hasExpressions || o.predicate != ix.predicate || o.method != ix.method)
            continue;
          if (!isPrefix(o.columns) || !sameLeadingKeys(ix, o)) continue;
          // Two identical plain indexes: report the later one only.
          if (o.columns.size() == ix.columns.size() && !o.unique && j > i) continue;
          coveredBy = "index " + o.name + " (" + join(o.columns, ", ") + ")";
        }
      }
      if (coveredBy.empty()) continue;
      Finding f;
      f.check = "redundant_index";
      f.severity = Severity::Warning;
      f.table = t.name;
      f.columns = ix.columns;
      f.message = "index " + ix.name + " on " + t.name + "(" + join(ix.columns, ", ") +
                  ") is redundant: " + coveredBy + " already serves its lookups; it only slows writes";
      f.fix = std::string("DROP INDEX ") + (d.concurrentIndexes() ? "CONCURRENTLY " : "") +
              d.quoteIdent(ix.name) + ";";
      f.location = modelLocation(model, t.name, ix.columns);
      if (model)
        if (const Table *mt = model->schema.table(t.name))
          for (const auto &mi : mt->indexes)
            if (mi.name == ix.name) f.location = mi.loc;
      out.push_back(f);
    }
  }
  return out;
}

std::vector<Finding> checkTablesWithoutPrimaryKey(const Schema &db, const Model *model) {
  std::vector<Finding> out;
  for (const auto &t : db.tables) {
    if (!t.primaryKey.empty()) continue;
    Finding f;
    f.check = "table_without_primary_key";
    f.severity = Severity::Warning;
    f.table = t.name;
    f.message = "table " + t.name +
                " has no primary key: rows cannot be addressed one by one, and ORMs and "
                "logical replication need one";
    f.fix = "add a primary key (for an association table, the pair of foreign key columns)";
    f.location = modelLocation(model, t.name);
    out.push_back(f);
  }
  return out;
}

} // namespace tether
