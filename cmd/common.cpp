#include "common.h"
#include "core/error.h"
#include "core/safe_file.h"
#include "core/strings.h"
#include "drivers/url.h"
#include <cstdlib>
#include <map>
#include <unistd.h>

namespace tether::cli {

// tether.yaml's db: line may carry a password that a diagnostic quotes with its source line:
// register it before the file is parsed.
static void registerConfigSecrets(const std::string &explicitPath) {
  std::string text;
  try {
    text = readRegularFile(explicitPath.empty() ? "tether.yaml" : explicitPath, kMaxConfigFileBytes,
                           "config file");
  } catch (const Error &) {
    return; // loadConfig reports it
  }
  for (const auto &line : split(text, '\n'))
    if (line.find('@') != std::string::npos || line.find("password") != std::string::npos)
      registerUrlSecrets(line);
}

Globals &globals() {
  static Globals g;
  return g;
}

const Config &config() {
  Globals &g = globals();
  if (!g.cfgLoaded) {
    registerConfigSecrets(g.config);
    g.cfg = loadConfig(g.config);
    registerUrlSecrets(g.cfg.db);
    g.cfgLoaded = true;
  }
  return g.cfg;
}

std::string modelsPath() {
  if (!globals().models.empty()) return globals().models;
  if (!config().models.empty()) return config().models;
  return "models";
}

std::string dbUrl() {
  if (!globals().db.empty()) return globals().db;
  if (const char *e = std::getenv("DATABASE_URL"); e && *e) return e;
  if (!config().db.empty()) return resolveDb(config());
  throw Error("no database given", {},
              "pass --db URL (e.g. sqlite:///app.db), set DATABASE_URL, or set db: in tether.yaml");
}

static bool noColor() {
  return std::getenv("NO_COLOR") != nullptr;
}
bool colorOut() {
  return !noColor() && isatty(STDOUT_FILENO);
}
bool colorErr() {
  return !noColor() && isatty(STDERR_FILENO);
}
bool stderrIsTty() {
  return isatty(STDERR_FILENO);
}

void setRunner(CLI::App *sub, Runner run) {
  sub->callback([run]() { throw CLI::RuntimeError(run()); });
}

void addModelsOption(CLI::App *sub) {
  sub->add_option("--models", globals().models,
                  "model file or directory (default: models/, or models: in tether.yaml)");
}
void addDbOption(CLI::App *sub) {
  sub->add_option("--db", globals().db,
                  "database URL: sqlite:///file.db or postgresql://user@host/db (default: $DATABASE_URL, or "
                  "db: in tether.yaml)");
}

} // namespace tether::cli
