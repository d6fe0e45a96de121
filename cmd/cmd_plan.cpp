#include "common.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "core/keep_until_exit.h"
#include "drivers/open.h"
#include "migrate/data_warnings.h"
#include "plan/plan.h"
#include "plan/plan_format.h"
#include "yaml/loader.h"
#include "json/plan_json.h"
#include <exception>
#include <future>
#include <iostream>
#include <memory>

namespace tether::cli {

namespace {
struct PlanFlags {
  bool exitCode = false;
  std::string format = "sql";
  bool allowDestructive = false;
  bool online = false;
  std::string schema;
  bool strict = false;
};
} // namespace

void registerPlan(CLI::App &app) {
  static PlanFlags o;
  auto *sub = app.add_subcommand("plan", "Show the SQL that would bring the live database to the models");
  addModelsOption(sub);
  addDbOption(sub);
  sub->add_flag("--exit-code", o.exitCode,
                "exit 1 when the database differs from the models (CI drift gate)");
  sub->add_option("--format", o.format, "sql (default) or json")->check(CLI::IsMember({"sql", "json"}));
  sub->add_flag("--allow-destructive", o.allowDestructive, "plan drops and narrowing type changes too");
  sub->add_flag("--online", o.online, "PostgreSQL: lock-safe DDL for big live tables");
  sub->add_option("--schema", o.schema, "PostgreSQL schema (default: the first of the search path)");
  sub->add_flag("--strict", o.strict, "model warnings block the plan as errors do");
  sub->footer("Example:\n  tether plan --models examples/ecommerce --db sqlite:///app.db --exit-code\n"
              "Exit: 0 done (with --exit-code: in sync), 1 drift (with --exit-code), 2 could not plan.");
  setRunner(sub, []() -> int {
    // The models load on the second core while the database is asked for its catalog: on a large
    // schema each takes about half the time. Model errors still win over database errors.
    std::future<LoadResult> loading =
        std::async(std::launch::async, [path = modelsPath()] { return loadModels(path); });
    OpenOptions open;
    open.readOnly = true;
    open.createIfMissing = false;
    open.schema = o.schema.empty() ? config().schema : o.schema;
    const std::string url = dbUrl();
    std::string shown = parseDbUrl(url).masked();
    std::unique_ptr<Connection> db;
    Schema live;
    std::exception_ptr dbError;
    try {
      if (databaseExists(url)) {
        db = openConnection(url, open);
        shown = db->displayName();
        live = db->introspect();
      }
    } catch (...) {
      dbError = std::current_exception();
    }
    LoadResult r = loading.get();
    if (!r.ok() || (o.strict && r.diags.warningCount() > 0)) {
      for (const auto &d : r.diags.all())
        std::cerr << formatDiagnostic(d, colorErr());
      std::cerr << "tether: the models have " << (r.ok() ? "warnings (--strict)" : "errors")
                << "; fix them before planning (see tether check)\n";
      return kExitFailed;
    }
    if (dbError) std::rethrow_exception(dbError);
    PlanOptions opts;
    opts.allowDestructive = o.allowDestructive;
    opts.render.online = o.online;
    Plan p;
    if (!db) {
      // A SQLite file not created yet: the plan is everything apply would create.
      std::cerr << "tether: " << shown << " does not exist yet; apply will create it\n";
      p = makePlan(r.model.schema, Schema{}, dialectForUrl(url), opts);
    } else {
      p = makePlan(r.model.schema, live, db->dialect(), opts);
      // Said before anyone runs it: what the live data will make fail.
      for (const auto &w : planRunWarnings(*db, p, live, true))
        std::cerr << "tether: warning: " << w << "\n";
    }
    if (o.format == "json") {
      std::cout << planToJson(p);
    } else {
      std::cout << planToSql(p);
      if (!p.drift()) std::cerr << "tether: " << shown << " matches the models; nothing to do\n";
    }
    const int code = o.exitCode && p.drift() ? kExitFound : kExitOk;
    keepUntilExit(std::move(r));
    keepUntilExit(std::move(live));
    keepUntilExit(std::move(p));
    return code;
  });
}

} // namespace tether::cli
