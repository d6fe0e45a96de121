#include "audit/n_plus_one.h"
#include "audit/relationship_map.h"
#include "core/strings.h"
#include "querylog/repeat_detector.h"
#include <algorithm>
#include <cmath>

namespace tether {

namespace {

using Mapping = RelationshipMapping;

void addLimitation(Finding &f, const std::string &note) {
  f.limitation += (f.limitation.empty() ? "" : " ") + note + (note.back() == '.' ? "" : ".");
}

Finding makeFinding(const RepeatedLookup &r, const RepeatDetector &det, const Mapping *map) {
  const ShapeEntry &shape = det.shape(r.shape);
  std::string parentTable;
  if (r.parentShape != UINT32_MAX && !det.shape(r.parentShape).info.tables.empty())
    parentTable = det.shape(r.parentShape).info.tables[0];
  Finding f;
  f.check = "n_plus_one";
  f.severity = Severity::Warning;
  f.table = lookupTable(shape.info);
  f.columns = lookupColumns(shape.info, f.table);
  f.count = r.worstCount;
  f.occurrences = r.occurrences;
  f.sessions = static_cast<long long>(r.sessions.size());
  if (r.timed) f.totalMs = std::round(r.totalMs * 1000.0) / 1000.0;
  f.fingerprint = shape.fingerprint;
  f.example = r.example;
  f.location = SourceLoc{r.file, static_cast<int>(r.line), 0};
  std::string burst =
      "(" + countOf(r.worstCount, "query", "queries") + " in one request" +
      (r.occurrences > 1 ? ", " + countOf(r.occurrences, "such request", "such requests") : "") + ")";
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
        name + " is loaded once per " + classWords(map->owner->name) + " " + burst + ": use " + f.suggestion;
    f.fix = "load it eagerly where the " + classWords(map->owner->name) + " rows are queried: .options(" +
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
  lo.threads = opts.threads;
  lo.chunkBytes = opts.chunkBytes;
  NPlusOneStats local;
  for (const auto &file : files) {
    std::function<void(long long)> progress;
    if (opts.progress) progress = [&](long long lines) { opts.progress(file, lines); };
    LogReadStats s = readQueryLog(file, lo, det, progress);
    s.file = file;
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
      std::vector<Mapping> candidates = relationshipsLoadedBy(*model, info);
      if (const Mapping *m = preferOwner(candidates, parentTable)) {
        map = *m;
      } else if (const Table *t = model->schema.table(lookupTable(info))) {
        // A table the models know, filtered by something that is not a key: not a relationship load.
        if (!isKeyLike(*t, lookupColumns(info, t->name))) continue;
      }
    }
    Finding f = makeFinding(r, det, map && map->rel ? &*map : nullptr);
    // SQLAlchemy's default echo format names no thread: concurrent requests share one stream, so
    // a burst may be two requests' lookups together. Say so rather than guess.
    LogFormat format = LogFormat::Auto;
    for (const auto &pf : local.perFile)
      if (pf.file == r.file) format = pf.format;
    if (format == LogFormat::SqlAlchemy && r.sessions.size() == 1 && r.sessions.begin()->empty())
      addLimitation(f,
                    "SQLAlchemy's default log format names no thread, so statements of concurrent requests "
                    "merge into one stream and this count may span several requests; log with "
                    "logging.Formatter(\"%(asctime)s [%(threadName)s] %(levelname)s %(name)s %(message)s\") "
                    "to tell them apart");
    bool serverLog = format == LogFormat::Postgres || format == LogFormat::PostgresCsv ||
                     format == LogFormat::PostgresJson;
    // A server log keys sessions by backend; a transaction pooler hands one backend to many
    // clients, but only between transactions.
    if (serverLog && r.spansTransactions)
      addLimitation(
          f, "these statements were not one transaction (they ran outside one, or in one-statement "
             "transactions), so they were grouped by server process; behind a pooler in transaction "
             "mode (pgbouncer pool_mode = transaction) one server process serves many clients in turn, "
             "and this count may span several of them");
    if (serverLog && det.reusedSessionKeys() > 0)
      addLimitation(f,
                    countOf(det.reusedSessionKeys(), "process id", "process ids") +
                        " connected again without a disconnection line (log_disconnections = off): a new "
                        "session was started at each connection line, but a reused process id without one "
                        "cannot be told from its earlier client; set log_disconnections = on, or add %c to "
                        "log_line_prefix");
    findings.push_back(std::move(f));
  }
  if (stats) *stats = std::move(local);
  return findings;
}

} // namespace tether
