#include "common.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "core/strings.h"
#include <iostream>

using namespace tether;

int main(int argc, char **argv) {
  CLI::App app{"tether keeps a database honest about its relationships: it checks SQLAlchemy-style YAML\n"
               "models, plans and applies migrations to SQLite and PostgreSQL, keeps versioned\n"
               "migrations, and audits live databases and query logs (orphans, missing indexes, N+1)."};
  app.set_version_flag("--version", std::string("tether ") + TETHER_VERSION);
  app.add_option("--config", cli::globals().config, "settings file (default: ./tether.yaml when present)");
  app.require_subcommand(1);
  app.footer("Examples:\n"
             "  tether check --models models/\n"
             "  tether plan --models models/ --db sqlite:///app.db\n"
             "  tether audit --db \"$DATABASE_URL\" --log /var/log/postgresql/postgresql.log\n"
             "Exit codes: 0 ok, 1 found something (model errors, drift, findings), 2 could not do the job.\n"
             "More: tether help models | urls | exit-codes | logs");
  cli::registerCheck(app);
  cli::registerErd(app);
  cli::registerPlan(app);
  cli::registerApply(app);
  cli::registerInspect(app);
  cli::registerMigrate(app);
  cli::registerMigrateLint(*app.get_subcommand("migrate"));
  cli::registerAudit(app);
  cli::registerInit(app);
  cli::registerHelpTopics(app);
  // CLI11 would only say "a subcommand is required"; name the word it did not know instead.
  std::vector<std::string> names;
  bool known = false;
  for (const CLI::App *sub : app.get_subcommands({})) {
    names.push_back(sub->get_name());
    known = known || (argc > 1 && sub->check_name(argv[1]));
  }
  if (argc > 1 && argv[1][0] != '-' && !known) {
    std::cerr << "tether: error: unknown command '" << argv[1]
              << "'\n  hint: " << didYouMean(argv[1], names, "commands: " + join(names, ", ")) << "\n";
    return kExitFailed;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError &e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError &e) {
    int rc = app.exit(e);
    // The contract: bad flags are exit 2; --help and --version stay 0.
    return rc == 0 ? 0 : kExitFailed;
  } catch (const Error &e) {
    Diagnostic d{Severity::Error, e.where(), e.what(), e.hint(), ""};
    std::cerr << "tether: " << formatDiagnostic(d, cli::colorErr());
    return e.exitCode();
  } catch (const std::exception &e) {
    std::cerr << "tether: error: " << e.what() << "\n";
    return kExitFailed;
  }
  return 0;
}
