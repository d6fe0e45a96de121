#pragma once
#include "config/config.h"
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace tether::cli {

// Options every command shares; filled by CLI11, resolved against tether.yaml and the environment.
struct Globals {
  std::string config;
  std::string models;
  std::string db;
  std::string format;
  Config cfg;
  bool cfgLoaded = false;
};

Globals &globals();
const Config &config();
// --models, else tether.yaml's models:, else models/ (else the embedded example when asked).
std::string modelsPath();
// --db, else $DATABASE_URL, else tether.yaml's db:; throws Error when none is given.
std::string dbUrl();
bool colorOut(); // stdout is a TTY and NO_COLOR is unset
bool colorErr();
bool stderrIsTty();

// Each command file registers its subcommand; the callback returns the exit code.
using Runner = std::function<int()>;
void setRunner(CLI::App *sub, Runner run);

void addModelsOption(CLI::App *sub);
void addDbOption(CLI::App *sub);

void registerCheck(CLI::App &app);
void registerErd(CLI::App &app);
void registerPlan(CLI::App &app);
void registerApply(CLI::App &app);
void registerInspect(CLI::App &app);
void registerMigrate(CLI::App &app);
// Adds `lint` under the `migrate` command.
void registerMigrateLint(CLI::App &migrate);
void registerAudit(CLI::App &app);
void registerInit(CLI::App &app);
void registerImport(CLI::App &app);
void registerHelpTopics(CLI::App &app);

} // namespace tether::cli
