#include "common.h"
#include "core/error.h"
#include "core/safe_file.h"
#include "core/secret_scrub.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "yaml/model_writer.h"
#include <fstream>
#include <iostream>

namespace tether::cli {

namespace {
struct InspectFlags {
  std::string output;
  std::string schema;
};
} // namespace

void registerInspect(CLI::App &app) {
  static InspectFlags o;
  auto *sub =
      app.add_subcommand("inspect", "Write the live schema as a model file (relationships from the FKs)");
  addDbOption(sub);
  sub->add_option("-o,--output", o.output, "write to FILE instead of standard output");
  sub->add_option("--schema", o.schema, "PostgreSQL schema (default: the first of the search path)");
  sub->footer("Example:\n  tether inspect --db sqlite:///app.db -o models/app.yaml\n"
              "Exit: 0 written, 2 database unreachable or file not writable.");
  setRunner(sub, []() -> int {
    OpenOptions open;
    open.readOnly = true;
    open.createIfMissing = false;
    open.schema = o.schema.empty() ? config().schema : o.schema;
    auto db = openConnection(dbUrl(), open);
    const Schema live = db->introspect();
    std::string text = writeModelFile(live);
    // The file holds one schema: say what else the database holds rather than let a user take
    // the file for the whole database.
    std::vector<std::string> others;
    for (const OtherSchema &o : db->otherSchemas())
      others.push_back(o.name + " (" + std::to_string(o.tables) + (o.tables == 1 ? " table)" : " tables)"));
    if (!others.empty())
      std::cerr << "tether: this file holds schema " << live.name << " only; the database also has "
                << join(others, ", ") << ": inspect each with --schema NAME\n";
    if (o.output.empty() || o.output == "-") {
      std::cout << text;
      return kExitOk;
    }
    writeFileAtomically(o.output, text);
    std::cerr << "tether: wrote " << o.output << "\n";
    return kExitOk;
  });
}

} // namespace tether::cli
