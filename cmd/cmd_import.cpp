#include "common.h"
#include "core/error.h"
#include "importer/sqla_importer.h"

namespace tether::cli {

void registerImport(CLI::App &app) {
  static std::string target, output;
  auto *imp = app.add_subcommand("import", "Write a model file from an application's own ORM declarations");
  imp->require_subcommand(1);
  auto *sub = imp->add_subcommand(
      "sqlalchemy",
      "Read MODULE:Base's declarative metadata and mappers (system python3, SQLAlchemy 1.4/2.0)");
  sub->add_option("target", target, "MODULE:Base, e.g. myapp.models:Base, or path/to/models.py:Base")
      ->required();
  sub->add_option("-o,--output", output, "write the model file to FILE instead of stdout");
  sub->footer("Example:\n  tether import sqlalchemy myapp.models:Base -o models/models.yaml && tether check\n"
              "Exit: 0 written, 2 could not (the import failed, or a construct the model format cannot say,\n"
              "named with its Python source line).");
  setRunner(sub, []() -> int { return runSqlaImporter(findSqlaImporter("/proc/self/exe"), target, output); });
}

} // namespace tether::cli
