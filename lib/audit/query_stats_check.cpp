#include "audit/query_stats_check.h"
#include "audit/relationship_map.h"
#include "core/strings.h"
#include "querylog/fingerprint.h"
#include "querylog/shape.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace tether {

namespace {

// One statement shape with its statistics summed over roles, and over the normalised texts that
// differ only in ways the fingerprint ignores (IN-list lengths, comments).
struct StatShape {
  std::string fingerprint;
  const StatementStat *first = nullptr;
  long long calls = 0;
  long long rows = 0;
  double totalMs = 0;
  ShapeInfo info;
};

std::vector<StatShape> shapesOf(const std::vector<StatementStat> &stats) {
  std::vector<StatShape> shapes;
  std::unordered_map<std::string, size_t> index;
  Fingerprint fp;
  for (const auto &s : stats) {
    fingerprintSql(s.query, fp);
    auto [it, added] = index.emplace(fp.text, shapes.size());
    if (added) {
      shapes.emplace_back();
      shapes.back().fingerprint = fp.text;
      shapes.back().first = &s;
    }
    StatShape &sh = shapes[it->second];
    sh.calls += s.calls;
    sh.rows += s.rows;
    sh.totalMs += s.totalMs;
  }
  for (auto &sh : shapes)
    sh.info = analyzeShape(sh.fingerprint);
  return shapes;
}

// A parent explains a lookup's calls when the lookup ran about once per row it returned: exactly
// so for a collection, fewer times for a many-to-one whose targets repeat (the session's identity
// map answers the repeats without a query).
bool explains(long long parentRows, long long calls) {
  return parentRows > 0 && parentRows * 5 >= calls * 4 && parentRows <= calls * 4;
}

double distance(long long parentRows, long long calls) {
  return std::fabs(std::log(static_cast<double>(parentRows) / static_cast<double>(calls)));
}

std::string ms(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f ms", v);
  return buf;
}

// The parent as people recognise it: its select list elided, at most a line long.
std::string shortSql(const std::string &fingerprint) {
  std::string s = displayFingerprint(fingerprint);
  size_t from = s.find(" from ");
  if (s.compare(0, 7, "select ") == 0 && from != std::string::npos) s = "select … " + s.substr(from + 1);
  return s.size() > 120 ? s.substr(0, 117) + "…" : s;
}

} // namespace

std::vector<Finding> detectNPlusOneInStats(const QueryStatsRead &stats, const Model &model,
                                           const QueryStatsOptions &opts) {
  std::vector<StatShape> shapes = shapesOf(stats.statements);
  // Parents by the table they read first, so each lookup looks only at its owner's statements.
  std::unordered_map<std::string, std::vector<const StatShape *>> readsOf;
  for (const auto &sh : shapes)
    if (sh.info.kind == ShapeInfo::Kind::Read && !sh.info.catalog && !sh.info.tables.empty() && sh.rows > 0)
      readsOf[sh.info.tables[0]].push_back(&sh);

  int threshold = opts.threshold > 0 ? opts.threshold : 5;
  std::vector<Finding> findings;
  for (const auto &child : shapes) {
    // `= ANY($1)` is a lookup only when bound to one element, which statistics do not keep.
    if (!child.info.lookup() || child.info.anyArray || child.calls < threshold) continue;
    std::vector<RelationshipMapping> candidates = relationshipsLoadedBy(model, child.info);
    if (candidates.empty()) continue;
    const RelationshipMapping *map = nullptr;
    const StatShape *parent = nullptr;
    for (const auto &m : candidates) {
      auto it = readsOf.find(m.owner->table);
      if (it == readsOf.end()) continue;
      for (const StatShape *p : it->second) {
        if (p == &child || !explains(p->rows, child.calls)) continue;
        if (!parent || distance(p->rows, child.calls) < distance(parent->rows, child.calls)) {
          parent = p;
          map = &m;
        }
      }
    }
    if (!map) map = preferOwner(candidates, "");
    const Relationship &rel = *map->rel;
    std::string name = map->owner->name + "." + rel.name;
    std::string owner = classWords(map->owner->name);
    bool collection = rel.isCollection();

    Finding f;
    f.check = "n_plus_one";
    f.severity = parent ? Severity::Warning : Severity::Info;
    f.table = lookupTable(child.info);
    f.columns = lookupColumns(child.info, f.table);
    if (map->fk && rel.kind != RelationKind::ManyToOne) {
      f.refTable = map->fk->refTable;
      f.refColumns = map->fk->refColumns;
    }
    f.relationship = name;
    f.count = child.calls;
    f.calls = child.calls;
    f.rows = child.rows;
    f.totalMs = std::round(child.totalMs * 1000.0) / 1000.0;
    f.fingerprint = child.fingerprint;
    f.example = child.first->query;
    f.location = SourceLoc{stats.source, static_cast<int>(child.first->line), 0};
    f.suggestion = std::string(collection ? "selectinload" : "joinedload") + "(" + name + ")";
    std::string numbers = countOf(child.calls, "call", "calls") + ", " + countOf(child.rows, "row", "rows") +
                          ", " + ms(child.totalMs) + " in total";
    if (parent) {
      f.parentFingerprint = parent->fingerprint;
      f.parentCalls = parent->calls;
      f.parentRows = parent->rows;
      f.message = name + " is loaded once per " + owner + " (" + numbers + ", following the " +
                  countOf(parent->rows, "row", "rows") + " of " + shortSql(parent->fingerprint) + "): use " +
                  f.suggestion;
    } else {
      f.message = name + " is loaded by one query at a time (" + numbers + ") and no statement over " +
                  map->owner->table + " returns that many rows: an N+1 if they come from loops over " +
                  owner + " rows, or one lookup per request: use " + f.suggestion +
                  " where rows are looped over";
    }
    f.fix = "load it eagerly where the " + owner + " rows are queried: .options(" + f.suggestion +
            "), or make it the default in the model: `" +
            relationshipYaml(rel, collection ? "selectin" : "joined") +
            "`; then one query serves every row: " + batchedSql(f.table, f.columns);
    f.limitation = "statement statistics sum every call since the last pg_stat_statements_reset(): they "
                   "cannot tell which request or code path made the calls, or whether they came in one "
                   "request or many; a statement log of one request (tether audit --log) shows the loop";
    findings.push_back(std::move(f));
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
    if (*a.totalMs != *b.totalMs) return *a.totalMs > *b.totalMs;
    return *a.calls > *b.calls;
  });
  return findings;
}

} // namespace tether
