// Placeholder: the command is registered but not built yet.
#include "common.h"
#include "core/error.h"

namespace tether::cli {
void registerErd(CLI::App &app) {
  auto *sub = app.add_subcommand("erd", "(not built yet)");
  setRunner(sub, []() -> int { throw Error("this command is not built yet"); });
}
} // namespace tether::cli
