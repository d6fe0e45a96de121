#include "migrate/snapshot.h"
#include "core/error.h"
#include "migrate/migration_dir.h"
#include "yaml/loader.h"
#include "yaml/model_writer.h"
#include <filesystem>

namespace tether {

Schema asIntrospected(Schema schema, const Dialect &d) {
  for (auto &t : schema.tables) {
    t.renamedFrom.clear();
    for (auto &c : t.columns) {
      c.renamedFrom.clear();
      if (c.dbType.empty()) c.dbType = d.renderType(c);
    }
  }
  return schema;
}

Schema loadSnapshot(const std::string &dir, const Dialect &d) {
  const std::string path = dir + "/" + kSnapshotFile;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Schema{};
  LoadResult r = loadModels(path);
  if (!r.ok()) {
    std::string first = r.diags.all().empty() ? "" : r.diags.all().front().message;
    throw Error("the migration snapshot " + path + " does not load: " + first, SourceLoc{path, 0, 0},
                "it is written by tether migrate new; restore it from version control");
  }
  return asIntrospected(r.model.schema, d);
}

void writeSnapshot(const std::string &dir, const Schema &schema) {
  Schema clean = schema;
  for (auto &t : clean.tables) {
    t.renamedFrom.clear();
    for (auto &c : t.columns)
      c.renamedFrom.clear();
  }
  std::string text = writeModelFile(clean);
  // The writer's header speaks of inspect; say what this file is instead.
  const std::string header = "# Written by tether inspect from the live schema.\n";
  if (text.compare(0, header.size(), header) == 0) text = text.substr(header.size());
  writeTextFile(dir + "/" + kSnapshotFile,
                "# The schema the last migration of this folder reaches. Written by tether migrate new;\n"
                "# do not edit by hand (migrate check compares the models with it).\n" +
                    text);
}

} // namespace tether
