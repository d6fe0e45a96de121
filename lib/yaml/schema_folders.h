#pragma once
#include "dialect/open_options.h"
#include <string>
#include <vector>

namespace tether {

// Several PostgreSQL schemas of one database, inspected at once. A model file describes one schema
// (plan and apply work in one, --schema), so each schema becomes a folder of its own, its keys into
// the others written as foreign keys into another schema.
struct InspectedSchema {
  std::string name;
  std::string folder; // a path component: the schema's name
  std::string text;   // the model file
  size_t tables = 0;
  std::vector<std::string> references; // the other inspected schemas its foreign keys point into
};

// `names` empty: the connection's own schema (when it holds anything) and every other schema that
// holds tables. The result is in the order the folders apply to an empty database: a schema after
// the ones it references (a cycle keeps the order found). Throws Error (Usage) for a schema whose
// name cannot be a folder name, or (Connection) when the database cannot be reached.
std::vector<InspectedSchema> inspectSchemas(const std::string &url, const OpenOptions &open,
                                            std::vector<std::string> names);

} // namespace tether
