#include "audit/n_plus_one.h"
#include "core/strings.h"
#include "querylog/repeat_detector.h"
#include <algorithm>
#include <cmath>

namespace tether {

namespace {

// The relationship a repeated lookup loads, when the models declare one.
struct Mapping {
  const ModelClass *owner = nullptr;
  const Relationship *rel = nullptr;
  const ForeignKey *fk = nullptr; // the FK the lookup follows, when it follows one
};

std::string mainTable(const ShapeInfo &info) {
  for (const auto &eq : info.equalities)
    if (!eq.table.empty()) return eq.table;
  return info.tables.empty() ? std::string() : info.tables[0];
}

std::vector<std::string> columnsOn(const ShapeInfo &info, const std::string &table) {
  std::vector<std::string> cols;
  for (const auto &eq : info.equalities)
    if ((eq.table == table || eq.table.empty()) &&
        std::find(cols.begin(), cols.end(), eq.column) == cols.end())
      cols.push_back(eq.column);
  return cols;
}

// Several relationships can follow the same FK or primary key; the one whose owner's rows were
// read just before the repetition is the one being walked.
const Mapping *prefer(const std::vector<Mapping> &candidates, const std::string &parentTable) {
  if (candidates.empty()) return nullptr;
  for (const auto &m : candidates)
    if (m.owner->table == parentTable) return &m;
  return &candidates.front();
}

bool isKey(const Table &t, const std::vector<std::string> &cols) {
  if (t.isUniqueSet(cols) || sameColumnSet(t.primaryKey, cols)) return true;
  for (const auto &fk : t.foreignKeys)
    if (sameColumnSet(fk.columns, cols)) return true;
  for (const auto &ix : t.indexes)
    if (!ix.columns.empty() && std::find(cols.begin(), cols.end(), ix.columns[0]) != cols.end()) return true;
  return false;
}

std::optional<Mapping> mapToModel(const Model &model, const ShapeInfo &info, const std::string &parentTable) {
  // Many-to-many: the lookup filters the secondary table by its FK to the owner.
  for (const auto &c : model.classes)
    for (const auto &r : c.relationships) {
      if (r.kind != RelationKind::ManyToMany || r.secondary.empty()) continue;
      const ForeignKey *fk = model.fk(r.fkTable.empty() ? r.secondary : r.fkTable, r.fkIndex);
      if (!fk) continue;
      std::vector<std::string> cols;
      for (const auto &eq : info.equalities)
        if (eq.table == r.secondary) cols.push_back(eq.column);
      if (!cols.empty() && sameColumnSet(cols, fk->columns)) return Mapping{&c, &r, fk};
    }
  std::string table = mainTable(info);
  const Table *t = model.schema.table(table);
  if (!t) return std::nullopt;
  std::vector<std::string> cols = columnsOn(info, table);
  std::vector<Mapping> candidates;
  // By a child's FK: the parent's one-to-many or one-to-one.
  for (size_t i = 0; i < t->foreignKeys.size(); ++i) {
    if (!sameColumnSet(t->foreignKeys[i].columns, cols)) continue;
    for (const auto &c : model.classes)
      for (const auto &r : c.relationships)
        if ((r.kind == RelationKind::OneToMany || r.kind == RelationKind::OneToOne) && r.fkTable == table &&
            r.fkIndex == static_cast<int>(i))
          candidates.push_back(Mapping{&c, &r, &t->foreignKeys[i]});
  }
  if (const Mapping *m = prefer(candidates, parentTable)) return *m;
  // By the parent's primary key: a child's many-to-one.
  if (!t->primaryKey.empty() && sameColumnSet(t->primaryKey, cols)) {
    for (const auto &c : model.classes)
      for (const auto &r : c.relationships) {
        if (r.kind != RelationKind::ManyToOne) continue;
        const ModelClass *target = model.cls(r.target);
        if (target && target->table == table)
          candidates.push_back(Mapping{&c, &r, model.fk(r.fkTable, r.fkIndex)});
      }
  }
  if (const Mapping *m = prefer(candidates, parentTable)) return *m;
  return Mapping{}; // a table the models know, but no relationship loads it this way
}

// "OrderItem" -> "order item"
std::string words(const std::string &className) {
  std::string out;
  for (size_t i = 0; i < className.size(); ++i) {
    char c = className[i];
    if (c >= 'A' && c <= 'Z') {
      if (i > 0 && !(className[i - 1] >= 'A' && className[i - 1] <= 'Z')) out += ' ';
      out += static_cast<char>(c + 32);
    } else {
      out += c == '_' ? ' ' : c;
    }
  }
  return out;
}

std::string batchedSql(const std::string &table, const std::vector<std::string> &cols) {
  if (cols.size() == 1) return "SELECT … FROM " + table + " WHERE " + cols[0] + " = ANY($1)";
  return "SELECT … FROM " + table + " WHERE (" + join(cols, ", ") + ") IN (…)";
}

std::string relationshipYaml(const Relationship &r, const std::string &lazy) {
  std::string y = r.name + ": {model: " + r.target;
  if (!r.backPopulates.empty()) y += ", back_populates: " + r.backPopulates;
  if (r.uselist && !*r.uselist) y += ", uselist: false";
  if (!r.secondary.empty()) y += ", secondary: " + r.secondary;
  return y + ", lazy: " + lazy + "}";
}

std::string plural(long long n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

Finding makeFinding(const RepeatedLookup &r, const RepeatDetector &det, const Mapping *map) {
  const ShapeEntry &shape = det.shape(r.shape);
  std::string parentTable;
  if (r.parentShape != UINT32_MAX && !det.shape(r.parentShape).info.tables.empty())
    parentTable = det.shape(r.parentShape).info.tables[0];
  Finding f;
  f.check = "n_plus_one";
  f.severity = Severity::Warning;
  f.table = mainTable(shape.info);
  f.columns = columnsOn(shape.info, f.table);
  f.count = r.worstCount;
  f.occurrences = r.occurrences;
  f.sessions = static_cast<long long>(r.sessions.size());
  if (r.timed) f.totalMs = std::round(r.totalMs * 1000.0) / 1000.0;
  f.fingerprint = shape.fingerprint;
  f.example = r.example;
  f.location = SourceLoc{r.file, static_cast<int>(r.line), 0};
  std::string burst =
      "(" + plural(r.worstCount, "query", "queries") + " in one request" +
      (r.occurrences > 1 ? ", " + plural(r.occurrences, "such request", "such requests") : "") + ")";
  std::string batched = batchedSql(f.table, f.columns);
  if (map && map->rel) {
    const Relationship &rel = *map->rel;
    std::string name = map->owner->name + "." + rel.name;
    bool collection = rel.isCollection();
    std::string loader = collection ? "selectinload" : "joinedload";
    std::string lazy = collection ? "selectin" : "joined";
    f.relationship = name;
    if (map->fk && rel.kind != RelationKind::ManyToOne) { // the lookup follows this FK to its parent
      f.refTable = map->fk->refTable;
      f.refColumns = map->fk->refColumns;
    }
    f.suggestion = loader + "(" + name + ")";
    f.message =
        name + " is loaded once per " + words(map->owner->name) + " " + burst + ": use " + f.suggestion;
    f.fix = "load it eagerly where the " + words(map->owner->name) + " rows are queried: .options(" +
            f.suggestion + "), or make it the default in the model: `" + relationshipYaml(rel, lazy) +
            "`; then one query serves every row: " + batched;
  } else {
    std::string cols = join(f.columns, ", ");
    f.message = f.table + " is queried by " + cols + " once per row" +
                (parentTable.empty() ? std::string(" of an earlier query") : " of " + parentTable) + " " +
                burst + ": load them in one query";
    f.suggestion = batched;
    f.fix = "fetch all the rows at once (" + batched + ") or eager-load the relationship that reads " +
            f.table + " by " + cols;
  }
  return f;
}

} // namespace

std::vector<Finding> detectNPlusOne(const std::vector<std::string> &files, const NPlusOneOptions &opts,
                                    const Model *model, NPlusOneStats *stats) {
  RepeatOptions ro;
  ro.threshold = opts.threshold > 0 ? opts.threshold : 5;
  ro.idleGapMs = (opts.idleGapSeconds > 0 ? opts.idleGapSeconds : 1.0) * 1000.0;
  RepeatDetector det(ro);
  LogReadOptions lo;
  lo.format = opts.format;
  lo.logPrefix = opts.logPrefix;
  NPlusOneStats local;
  for (const auto &file : files) {
    LogReadStats s = readQueryLog(file, lo, det);
    ++local.files;
    local.lines += s.lines;
    local.statements += s.statements;
    local.skipped += s.skipped;
    local.perFile.push_back(std::move(s));
  }
  det.finish();
  local.shapes = static_cast<long long>(det.shapeCount());

  std::vector<Finding> findings;
  for (const RepeatedLookup &r : det.results()) {
    const ShapeInfo &info = det.shape(r.shape).info;
    std::optional<Mapping> map;
    if (model) {
      std::string parentTable;
      if (r.parentShape != UINT32_MAX && !det.shape(r.parentShape).info.tables.empty())
        parentTable = det.shape(r.parentShape).info.tables[0];
      map = mapToModel(*model, info, parentTable);
      // A table the models know, filtered by something that is not a key: not a relationship load.
      if (map && !map->rel) {
        std::string table = mainTable(info);
        const Table *t = model->schema.table(table);
        if (t && !isKey(*t, columnsOn(info, table))) continue;
      }
    }
    findings.push_back(makeFinding(r, det, map && map->rel ? &*map : nullptr));
  }
  if (stats) *stats = std::move(local);
  return findings;
}

} // namespace tether
