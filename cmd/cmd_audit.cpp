#include "audit/auditor.h"
#include "audit/n_plus_one.h"
#include "audit/query_stats_check.h"
#include "audit/query_stats_csv.h"
#include "audit/report.h"
#include "audit/suppression.h"
#include "common.h"
#include "core/error.h"
#include "core/safe_file.h"
#include "core/secret_scrub.h"
#include "drivers/open.h"
#include "yaml/loader.h"
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace tether::cli {

namespace {
struct AuditOptions {
  std::vector<std::string> logs;
  std::string logFormat;
  std::string logPrefix;
  std::string format = "text";
  std::string failOn = "error";
  std::string output;
  std::string baseline, writeBaselineTo;
  std::string schema;
  double timeoutSeconds = 30;
  int threshold = 0;
  double idleGap = 0;
  std::string queryStats; // a snapshot file; empty with the flag alone: the live database's
  CLI::Option *queryStatsFlag = nullptr;
  bool strict = false;
};

// Models are optional for an audit: explicit --models must load; the default path only if present.
std::optional<Model> auditModels(bool strict) {
  bool explicitPath = !globals().models.empty() || !config().models.empty();
  std::string path = modelsPath();
  if (!explicitPath && !std::filesystem::exists(path)) return std::nullopt;
  LoadResult r = loadModels(path);
  bool blocked = strict && r.diags.warningCount() > 0;
  if (r.diags.hasErrors() || blocked) {
    for (const auto &d : r.diags.all())
      if (d.severity == Severity::Error || (blocked && d.severity == Severity::Warning))
        std::cerr << formatDiagnostic(d, colorErr());
    throw Error("the models in " + path + " have " + (r.diags.hasErrors() ? "errors" : "warnings (--strict)"),
                {}, "run `tether check --models " + path + "` and fix them first");
  }
  return std::move(r.model);
}

// Where a finding with no place of its own is accepted or ignored; SARIF points it there.
std::string settingsFile() {
  return globals().config.empty() ? "tether.yaml" : globals().config;
}

int exitFor(const std::vector<Finding> &fs, const std::string &failOn) {
  if (failOn == "never") return kExitOk;
  for (const auto &f : fs) {
    if (f.severity == Severity::Error) return kExitFound;
    if (failOn == "warning" && f.severity == Severity::Warning) return kExitFound;
  }
  return kExitOk;
}
} // namespace

void registerAudit(CLI::App &app) {
  static AuditOptions o;
  auto *sub =
      app.add_subcommand("audit", "Audit a live database (orphans, missing indexes and constraints, drift) "
                                  "and query logs (N+1 patterns), read-only");
  addModelsOption(sub);
  addDbOption(sub);
  sub->add_option("--log", o.logs, "query log file(s) to scan for N+1 patterns (.gz read transparently)");
  sub->add_option("--log-format", o.logFormat,
                  "postgres, postgres-csv, postgres-json, sqlalchemy or sql (default: detected)")
      ->check(CLI::IsMember({"postgres", "postgres-csv", "postgres-json", "sqlalchemy", "sql"}));
  sub->add_option("--log-prefix", o.logPrefix,
                  "PostgreSQL log_line_prefix, when detection cannot tell (e.g. '%m [%p] ')");
  o.queryStatsFlag =
      sub->add_option("--query-stats", o.queryStats,
                      "N+1 from statement statistics: pg_stat_statements of --db, or FILE, a snapshot saved "
                      "with \\copy (SELECT * FROM pg_stat_statements) TO FILE CSV HEADER")
          ->expected(0, 1);
  sub->add_option("--format", o.format, "text, json, sarif or junit")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit"}));
  sub->add_option("--fail-on", o.failOn, "exit 1 on findings at or above: error (default), warning, never")
      ->check(CLI::IsMember({"error", "warning", "never"}));
  sub->add_option("-o,--output", o.output, "write the report to FILE instead of stdout");
  sub->add_option("--baseline", o.baseline, "report only findings not in this baseline file");
  sub->add_option("--write-baseline", o.writeBaselineTo, "record the current findings as accepted, in FILE");
  sub->add_option("--schema", o.schema, "PostgreSQL schema (default: the first of the search path)");
  sub->add_option("--timeout", o.timeoutSeconds, "statement timeout in seconds for each check (default 30)");
  sub->add_option("--threshold", o.threshold,
                  "N+1: repetitions in one unit of work that make a pattern (default 5)");
  sub->add_flag("--strict", o.strict, "model warnings stop the audit as errors do");
  sub->add_option("--idle-gap", o.idleGap, "N+1: seconds of silence that end a unit of work (default 1)");
  sub->footer("Examples:\n"
              "  tether audit --models models/ --db sqlite:///app.db\n"
              "  tether audit --models models/ --db \"$DATABASE_URL\" --format sarif -o tether.sarif\n"
              "  tether audit --models models/ --log /var/log/postgresql/postgresql-15-main.log\n"
              "  tether audit --models models/ --db \"$DATABASE_URL\" --query-stats\n"
              "Exit: 0 nothing at or above --fail-on, 1 findings, 2 could not audit.");
  setRunner(sub, []() -> int {
    bool haveDb = !globals().db.empty() || std::getenv("DATABASE_URL") || !config().db.empty();
    bool wantStats = o.queryStatsFlag->count() > 0;
    bool statsFile = wantStats && !o.queryStats.empty();
    if (!haveDb && o.logs.empty() && !statsFile)
      throw Error(
          "nothing to audit", {},
          wantStats ? "--query-stats reads pg_stat_statements of --db URL, or a snapshot: --query-stats FILE"
                    : "give --db URL for the database checks and/or --log FILE for N+1 detection");
    std::optional<Model> model = auditModels(o.strict);
    if (wantStats && !model)
      throw Error("--query-stats names the relationships behind repeated lookups: it needs the models", {},
                  "give --models DIR");
    const Model *m = model ? &*model : nullptr;
    std::vector<Finding> findings;
    std::vector<std::string> checksRun;
    auto progress = [](const std::string &what) {
      if (stderrIsTty()) std::cerr << "\r\033[K" << what << std::flush;
    };
    std::unique_ptr<Connection> conn;
    if (haveDb) {
      OpenOptions opts;
      opts.readOnly = true;
      opts.createIfMissing = false;
      opts.schema = !o.schema.empty() ? o.schema : config().schema;
      opts.statementTimeoutMs = static_cast<int>(o.timeoutSeconds * 1000);
      conn = openConnection(dbUrl(), opts);
      AuditRun run = auditDatabase(*conn, m, progress);
      findings = std::move(run.findings);
      checksRun = std::move(run.checksRun);
    }
    if (!o.logs.empty()) {
      NPlusOneOptions no;
      if (!o.logFormat.empty()) no.format = *parseLogFormat(o.logFormat);
      no.logPrefix = o.logPrefix;
      no.threshold = o.threshold > 0                  ? o.threshold
                     : config().nplusoneThreshold > 0 ? config().nplusoneThreshold
                                                      : no.threshold;
      no.idleGapSeconds = o.idleGap > 0                 ? o.idleGap
                          : config().idleGapSeconds > 0 ? config().idleGapSeconds
                                                        : no.idleGapSeconds;
      // Tuning and test knobs, not flags: a log's findings are the same however it is read.
      if (const char *e = std::getenv("TETHER_LOG_THREADS"); e && *e) no.threads = std::atoi(e);
      if (const char *e = std::getenv("TETHER_LOG_CHUNK_BYTES"); e && *e)
        no.chunkBytes = static_cast<size_t>(std::strtoull(e, nullptr, 10));
      if (stderrIsTty())
        no.progress = [&](const std::string &file, long long lines) {
          progress("reading " + file + ": " + std::to_string(lines / 1000000) + " million lines");
        };
      NPlusOneStats stats;
      for (auto &f : detectNPlusOne(o.logs, no, m, &stats))
        findings.push_back(std::move(f));
      checksRun.push_back("n_plus_one");
      if (stats.skipped > 0)
        std::cerr << "tether: skipped " << stats.skipped << " malformed or truncated log line(s) of "
                  << stats.lines << "\n";
      // "No findings" means something only when statements were read: say how many, per file.
      for (const auto &f : stats.perFile) {
        if (stderrIsTty()) std::cerr << "\r\033[K";
        std::cerr << "tether: " << f.file << ": " << f.statements << " statement(s) read ("
                  << logFormatName(f.format)
                  << (f.logPrefix.empty() ? std::string() : ", log_line_prefix '" + f.logPrefix + "'")
                  << ")\n";
        if (f.truncatedGzip)
          std::cerr << "tether: warning: " << f.file << " is a truncated gzip file: read up to line "
                    << f.lines << ", the rest of the log is missing\n";
      }
      if (stats.statements == 0)
        throw Error(
            "no statement was read from " + std::to_string(stats.files) +
                " log file(s): N+1 detection "
                "cannot tell anything",
            {},
            "log statements with log_statement = 'all' (or log_min_duration_statement = 0), or SQLAlchemy's "
            "echo; name the format with --log-format and the prefix with --log-prefix when detection "
            "cannot tell");
    }
    if (wantStats) {
      progress("reading statement statistics");
      QueryStatsRead stats = statsFile ? readQueryStatsCsv(o.queryStats) : conn->queryStats();
      if (stderrIsTty()) std::cerr << "\r\033[K";
      if (!stats.available) {
        std::cerr << "tether: " << stats.unavailable << "\n";
      } else {
        if (stats.hidden > 0)
          std::cerr << "tether: " << stats.hidden << " statement(s) of " << stats.source
                    << " hide their text from "
                    << (stats.role.empty() ? std::string("the role that saved them") : "role " + stats.role)
                    << ": GRANT pg_read_all_stats TO it to audit them\n";
        QueryStatsOptions qo;
        qo.threshold = o.threshold > 0 ? o.threshold : config().nplusoneThreshold;
        for (auto &f : detectNPlusOneInStats(stats, *m, qo))
          findings.push_back(std::move(f));
        if (std::find(checksRun.begin(), checksRun.end(), "n_plus_one") == checksRun.end())
          checksRun.push_back("n_plus_one");
      }
    }
    if (stderrIsTty()) std::cerr << "\r\033[K";
    findings = applyIgnoreRules(std::move(findings), config().ignore);
    if (!o.writeBaselineTo.empty()) {
      writeBaseline(o.writeBaselineTo, findings);
      std::cerr << "tether: wrote " << findings.size() << " finding(s) to baseline " << o.writeBaselineTo
                << "\n";
    }
    if (!o.baseline.empty()) findings = subtractBaseline(std::move(findings), o.baseline);
    std::string report = o.format == "json"    ? renderAuditJson(findings)
                         : o.format == "sarif" ? renderAuditSarif(findings, settingsFile())
                         : o.format == "junit" ? renderAuditJunit(findings, checksRun)
                                               : renderAuditText(findings, o.output.empty() && colorOut());
    if (o.output.empty()) {
      std::cout << report;
    } else {
      writeFileAtomically(o.output, scrubSecrets(report));
    }
    return exitFor(findings, o.failOn);
  });
}

} // namespace tether::cli
