#include "common.h"
#include "core/error.h"
#include "drivers/open.h"
#include "index_dialect_check.h"
#include "yaml/loader.h"
#include "json/diagnostics_json.h"
#include <iostream>

namespace tether::cli {

namespace {
struct CheckOptions {
  bool strict = false;
  std::string format = "text";
  std::string dialect; // the database the models are built on; "" checks only what every one accepts
};

} // namespace

void registerCheck(CLI::App &app) {
  static CheckOptions o;
  auto *sub =
      app.add_subcommand("check", "Load and validate the models; print every problem with file:line:column");
  addModelsOption(sub);
  sub->add_flag("--strict", o.strict, "treat warnings as errors (exit 1)");
  sub->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--dialect", o.dialect,
                  "also check what this database can build (index options, deferrable uniques, collations)")
      ->check([](const std::string &v) { return dialectNamed(v).empty() ? "unknown dialect " + v : ""; });
  sub->footer(
      "Example:\n  tether check --models examples/ecommerce\n"
      "Exit: 0 valid (warnings allowed unless --strict), 1 model errors, 2 unreadable or unparsable YAML.");
  setRunner(sub, []() -> int {
    std::string path = modelsPath();
    LoadResult r = loadModels(path);
    if (!o.dialect.empty() && !r.diags.unreadable())
      checkIndexesForDialect(r.model.schema, o.dialect, r.diags);
    if (o.format == "json") {
      std::cout << diagnosticsJson(r.diags);
    } else {
      for (const auto &d : r.diags.all())
        std::cout << formatDiagnostic(d, colorOut());
      if (!r.diags.unreadable()) {
        size_t rels = 0;
        for (const auto &c : r.model.classes)
          rels += c.relationships.size();
        std::cout << path << ": " << r.model.classes.size() << " models, " << r.model.schema.tables.size()
                  << " tables, " << rels << " relationships: " << r.diags.errorCount() << " error(s), "
                  << r.diags.warningCount() << " warning(s)\n";
      }
    }
    if (r.diags.unreadable()) return kExitFailed;
    if (r.diags.hasErrors() || (o.strict && r.diags.warningCount() > 0)) return kExitFound;
    return kExitOk;
  });
}

} // namespace tether::cli
