#include "common.h"
#include "core/error.h"
#include "project/init.h"
#include <iostream>

namespace tether::cli {

void registerInit(CLI::App &app) {
  static std::string dir = ".";
  static bool force = false;
  auto *sub = app.add_subcommand("init", "Write a commented tether.yaml and a models/ example to start from");
  sub->add_option("--dir", dir, "where to write (default: the working directory)");
  sub->add_flag("--force", force, "replace files that already exist");
  sub->footer("Example:\n  tether init && tether check");
  setRunner(sub, []() -> int {
    const bool own = hasOwnModels(dir);
    for (const auto &f : initProject(dir, force))
      std::cout << "wrote " << f << "\n";
    if (own) std::cout << "models/ already holds models: no example added\n";
    std::cout
        << "next: edit models/models.yaml, then run `tether check` and `tether plan --db sqlite:///app.db`\n";
    return kExitOk;
  });
}

} // namespace tether::cli
