#include "common.h"
#include "core/error.h"
#include "core/safe_file.h"
#include "core/secret_scrub.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "yaml/model_writer.h"
#include "yaml/schema_folders.h"
#include <filesystem>
#include <fstream>
#include <iostream>

namespace tether::cli {

namespace {
struct InspectFlags {
  std::string output;
  std::vector<std::string> schemas;
  bool allSchemas = false;
};

// Several schemas: one folder each under `dir`, said in the order they apply.
int inspectIntoFolders(const std::string &dir, const OpenOptions &open,
                       const std::vector<std::string> &names) {
  if (dir.empty() || dir == "-")
    throw Error("several schemas are written as one folder each: name the folder with -o DIR", {}, "",
                ErrorKind::Usage);
  const std::vector<InspectedSchema> found = inspectSchemas(dbUrl(), open, names);
  std::vector<std::string> order;
  for (const InspectedSchema &s : found) {
    const std::filesystem::path folder = std::filesystem::path(dir) / s.folder;
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw Error("cannot create " + folder.string() + ": " + ec.message(), {}, "", ErrorKind::Io);
    const std::string file = (folder / "models.yaml").string();
    writeFileAtomically(file, s.text);
    std::cerr << "tether: wrote " << file << " (schema " << s.name << ", " << s.tables
              << (s.tables == 1 ? " table" : " tables")
              << (s.references.empty() ? "" : "; its keys point into " + join(s.references, ", ")) << ")\n";
    order.push_back(s.name);
  }
  if (!found.empty())
    std::cerr << "tether: plan and apply each folder with its --schema (tether plan --models " << dir << "/"
              << found.front().folder << " --schema " << found.front().name
              << "), in this order: " << join(order, ", ") << "\n";
  return kExitOk;
}
} // namespace

void registerInspect(CLI::App &app) {
  static InspectFlags o;
  auto *sub =
      app.add_subcommand("inspect", "Write the live schema as a model file (relationships from the FKs)");
  addDbOption(sub);
  sub->add_option("-o,--output", o.output, "write to FILE instead of standard output");
  auto *schemaOption =
      sub->add_option("--schema", o.schemas,
                      "PostgreSQL schema (default: the first of the search path); repeat it for several, "
                      "written as one folder each under -o DIR");
  sub->add_flag("--all-schemas", o.allSchemas,
                "PostgreSQL: every schema holding tables, one folder each under -o DIR")
      ->excludes(schemaOption);
  sub->footer("Example:\n  tether inspect --db sqlite:///app.db -o models/app.yaml\n"
              "  tether inspect --db postgresql://app@db/shop --all-schemas -o models\n"
              "Exit: 0 written, 2 database unreachable, file not writable or bad flags.");
  setRunner(sub, []() -> int {
    OpenOptions open;
    open.readOnly = true;
    open.createIfMissing = false;
    if (o.allSchemas || o.schemas.size() > 1)
      return inspectIntoFolders(o.output, open, o.allSchemas ? std::vector<std::string>{} : o.schemas);
    open.schema = o.schemas.empty() ? config().schema : o.schemas.front();
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
                << join(others, ", ")
                << ": inspect each with --schema NAME, or all with --all-schemas -o DIR\n";
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
