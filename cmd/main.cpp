#include "common.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "core/secret_scrub.h"
#include "core/strings.h"
#include "drivers/url.h"
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <new>

using namespace tether;

namespace {
// Every credential on the command line or in the environment is known before anything prints.
void registerSecretsFrom(int argc, char **argv) {
  for (int i = 1; i < argc; ++i)
    registerUrlSecrets(argv[i]);
  if (const char *e = std::getenv("DATABASE_URL")) registerUrlSecrets(e);
}

// A library's exception text ("stoi", "std::bad_alloc") says nothing to a user: say what failed.
std::string describe(const std::exception &e) {
  if (dynamic_cast<const std::bad_alloc *>(&e)) return "out of memory: the input is too large to process";
  if (dynamic_cast<const std::invalid_argument *>(&e) || dynamic_cast<const std::out_of_range *>(&e))
    return "a number in the input is malformed or out of range";
  std::string what = e.what();
  if (what.find(' ') == std::string::npos)
    return "internal error; please report it with the command that failed";
  return what;
}

int runCli(int argc, char **argv);
} // namespace

int main(int argc, char **argv) {
  // A reader that goes away (`tether plan | head -1`) is not a failure worth a signal: writes then
  // fail with EPIPE and the command ends quietly.
  std::signal(SIGPIPE, SIG_IGN);
  installSecretFilter();
  registerSecretsFrom(argc, argv);
  int rc = runCli(argc, argv);
  int err = flushFilteredOutput();
  if (err == EPIPE) return rc;
  if (err != 0) {
    std::cerr << "tether: error: cannot write to standard output: " << std::strerror(err) << "\n";
    std::cerr.flush();
    return kExitFailed;
  }
  return rc;
}

namespace {
int runCli(int argc, char **argv) {
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
  cli::registerImport(app);
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
  // The same one level down (tether migrate aply).
  if (argc > 2 && known && argv[2][0] != '-') {
    CLI::App *cmd = app.get_subcommand(argv[1]);
    std::vector<std::string> subs;
    bool subKnown = false;
    for (const CLI::App *sub : cmd->get_subcommands({})) {
      subs.push_back(sub->get_name());
      subKnown = subKnown || sub->check_name(argv[2]);
    }
    if (!subs.empty() && !subKnown && cmd->get_require_subcommand_min() > 0) {
      std::cerr << "tether: error: unknown command '" << argv[1] << " " << argv[2] << "'\n  hint: "
                << didYouMean(argv[2], subs, std::string(argv[1]) + " commands: " + join(subs, ", ")) << "\n";
      return kExitFailed;
    }
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
    std::cerr << "tether: error: " << describe(e) << "\n";
    return kExitFailed;
  }
  return 0;
}
} // namespace
