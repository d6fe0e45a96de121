#pragma once
#include "core/diagnostic.h"
#include "core/source_loc.h"
#include "yaml/yaml_tree.h"
#include <string>
#include <vector>

namespace tether::yamlin {

SourceLoc locOf(const std::string &file, const yamlin::Node &n);
SourceLoc locOf(const std::string &file, const YAML::Mark &m);

struct Entry {
  std::string key;
  yamlin::Node value; // the original node, so its position is kept
  std::string text;   // the scalar's text (re-joined when a comma split it); empty for non-scalars
  SourceLoc keyLoc;
};

// The pairs of a mapping in document order, with duplicate keys reported (YAML parsers keep both
// silently) and flow-mapping scalars that a comma split re-joined: in `{type: Numeric(10, 2)}`
// YAML's flow syntax ends the scalar at the comma, which no model author means.
std::vector<Entry> entries(const std::string &file, const yamlin::Node &map, Diagnostics &diags,
                           const std::string &what);

// Reports every key not in `allowed`, with a "did you mean" hint.
void checkKeys(const std::string &file, const std::vector<Entry> &es, const std::vector<std::string> &allowed,
               Diagnostics &diags, const std::string &where);

// Scalar accessors that report a typed error at the node and return false on a wrong shape.
bool asString(const std::string &file, const yamlin::Node &n, std::string &out, Diagnostics &diags,
              const std::string &what);
bool asBool(const std::string &file, const yamlin::Node &n, bool &out, Diagnostics &diags,
            const std::string &what);
// A list of strings; a single scalar counts as a one-element list.
bool asStringList(const std::string &file, const yamlin::Node &n, std::vector<std::string> &out,
                  Diagnostics &diags, const std::string &what);

} // namespace tether::yamlin
