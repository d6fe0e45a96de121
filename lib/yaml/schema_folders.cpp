#include "yaml/schema_folders.h"
#include "core/error.h"
#include "drivers/open.h"
#include "yaml/model_writer.h"
#include <algorithm>
#include <set>

namespace tether {

namespace {
// A schema name is any identifier PostgreSQL accepts; a folder name must not climb out of the
// output folder or hide. Such a schema is inspected alone, into a file the user names.
[[noreturn]] void noSchemas() {
  throw Error("this database has no schemas to inspect one by one", {},
              "inspect it without --all-schemas, and with at most one --schema", ErrorKind::Usage);
}

void requireFolderName(const std::string &name) {
  const bool bad = name.empty() || name == "." || name == ".." || name.front() == '.' ||
                   name.find_first_of("/\\") != std::string::npos ||
                   std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20; });
  if (bad)
    throw Error("schema '" + name + "' cannot be a folder name", {},
                "inspect it alone: tether inspect --schema NAME -o FILE", ErrorKind::Usage);
}

std::vector<InspectedSchema> applyOrder(std::vector<InspectedSchema> found) {
  std::vector<InspectedSchema> out;
  std::set<std::string> placed;
  while (!found.empty()) {
    auto ready = std::find_if(found.begin(), found.end(), [&](const InspectedSchema &s) {
      return std::all_of(s.references.begin(), s.references.end(),
                         [&](const std::string &r) { return placed.count(r) > 0; });
    });
    if (ready == found.end()) ready = found.begin(); // a cycle: its keys need a second pass anyway
    placed.insert(ready->name);
    out.push_back(std::move(*ready));
    found.erase(ready);
  }
  return out;
}
} // namespace

std::vector<InspectedSchema> inspectSchemas(const std::string &url, const OpenOptions &open,
                                            std::vector<std::string> names) {
  if (names.empty()) {
    auto db = openConnection(url, open);
    const Schema own = db->introspect();
    if (own.name.empty()) noSchemas(); // SQLite
    if (!own.tables.empty() || !own.unmanaged.empty() || !own.enums.empty()) names.push_back(own.name);
    for (const OtherSchema &o : db->otherSchemas())
      names.push_back(o.name);
  }
  std::vector<InspectedSchema> found;
  for (const std::string &name : names) {
    requireFolderName(name);
    if (std::any_of(found.begin(), found.end(), [&](const InspectedSchema &s) { return s.name == name; }))
      continue;
    OpenOptions one = open;
    one.schema = name;
    const Schema s = openConnection(url, one)->introspect();
    if (s.name != name) noSchemas(); // the database ignored the schema asked for
    InspectedSchema out;
    out.name = out.folder = name;
    out.text = writeModelFile(s);
    out.tables = s.tables.size();
    for (const auto &t : s.tables)
      for (const auto &fk : t.foreignKeys)
        if (!fk.refSchema.empty() && fk.refSchema != name &&
            std::find(out.references.begin(), out.references.end(), fk.refSchema) == out.references.end())
          out.references.push_back(fk.refSchema);
    found.push_back(std::move(out));
  }
  // Only the inspected schemas order the folders; a key into one not inspected is the user's to create.
  for (auto &s : found)
    s.references.erase(std::remove_if(s.references.begin(), s.references.end(),
                                      [&](const std::string &r) {
                                        return std::none_of(
                                            found.begin(), found.end(),
                                            [&](const InspectedSchema &f) { return f.name == r; });
                                      }),
                       s.references.end());
  return applyOrder(std::move(found));
}

} // namespace tether
