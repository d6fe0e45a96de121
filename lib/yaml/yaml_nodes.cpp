#include "yaml/yaml_nodes.h"
#include "core/strings.h"
#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace tether::yamlin {

SourceLoc locOf(const std::string &file, const YAML::Mark &m) {
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}
SourceLoc locOf(const std::string &file, const yamlin::Node &n) {
  return locOf(file, n.Mark());
}

namespace {
int parenBalance(const std::string &s) {
  int b = 0;
  for (char c : s) {
    if (c == '(')
      ++b;
    else if (c == ')')
      --b;
  }
  return b;
}
} // namespace

std::vector<Entry> entries(const std::string &file, const yamlin::Node &map, Diagnostics &diags,
                           const std::string &what) {
  std::vector<Entry> out;
  out.reserve(map.size());
  // A repeated key is looked for among the entries kept so far: by a scan in the small mappings
  // nearly all are, through a hash of the document's own key text in large ones (2,000 tables).
  const bool large = map.size() > 16;
  std::unordered_map<std::string_view, size_t> seen;
  auto earlier = [&](const std::string &key) -> const Entry * {
    if (large) {
      auto at = seen.find(key);
      return at == seen.end() ? nullptr : &out[at->second];
    }
    for (const Entry &e : out)
      if (e.key == key) return &e;
    return nullptr;
  };
  for (auto it = map.begin(); it != map.end(); ++it) {
    const yamlin::Node k = it->first;
    if (!k.IsScalar()) {
      diags.error(locOf(file, k), "bad-key", "a key in " + what + " must be a plain name");
      continue;
    }
    const std::string &key = k.Scalar(); // lives as long as the document
    yamlin::Node value = it->second;
    std::string text = value.IsScalar() ? value.Scalar() : std::string();
    // Re-join `Numeric(10` + `2)` that flow syntax split at the comma.
    if (value.IsScalar() && parenBalance(text) > 0) {
      std::string &joined = text;
      auto next = it;
      ++next;
      while (parenBalance(joined) > 0 && next != map.end()) {
        const yamlin::Node nk = next->first, nv = next->second;
        if (!nk.IsScalar() || !nv.IsNull()) break;
        joined += ", " + nk.Scalar();
        it = next;
        ++next;
      }
    }
    SourceLoc kl = locOf(file, k);
    if (const Entry *prev = earlier(key)) {
      diags.error(kl, "duplicate-key", "'" + key + "' appears twice in " + what,
                  "the first is at " + prev->keyLoc.str() + "; YAML keeps only one of them");
      continue;
    }
    if (large) seen.emplace(key, out.size());
    out.push_back({key, value, std::move(text), std::move(kl)});
  }
  return out;
}

void checkKeys(const std::string &, const std::vector<Entry> &es, const std::vector<std::string> &allowed,
               Diagnostics &diags, const std::string &where) {
  for (const auto &e : es) {
    if (std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
    diags.error(e.keyLoc, "unknown-key", "unknown key '" + e.key + "' in " + where,
                didYouMean(e.key, allowed, "allowed keys: " + join(allowed, ", ")));
  }
}

bool asString(const std::string &file, const yamlin::Node &n, std::string &out, Diagnostics &diags,
              const std::string &what) {
  if (!n.IsScalar()) {
    diags.error(locOf(file, n), "bad-value",
                what + " must be a single value, not a " +
                    (n.IsMap()        ? "mapping"
                     : n.IsSequence() ? "list"
                                      : "null"));
    return false;
  }
  out = n.Scalar();
  return true;
}

bool asBool(const std::string &file, const yamlin::Node &n, bool &out, Diagnostics &diags,
            const std::string &what) {
  if (n.IsScalar()) {
    std::string v = toLower(n.Scalar());
    if (v == "true" || v == "yes" || v == "on") {
      out = true;
      return true;
    }
    if (v == "false" || v == "no" || v == "off") {
      out = false;
      return true;
    }
  }
  diags.error(locOf(file, n), "bad-value", what + " must be true or false");
  return false;
}

bool asStringList(const std::string &file, const yamlin::Node &n, std::vector<std::string> &out,
                  Diagnostics &diags, const std::string &what) {
  out.clear();
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    return true;
  }
  if (!n.IsSequence()) {
    diags.error(locOf(file, n), "bad-value", what + " must be a list of names");
    return false;
  }
  for (const auto &item : n) {
    if (!item.IsScalar()) {
      diags.error(locOf(file, item), "bad-value", what + " must be a list of names");
      return false;
    }
    out.push_back(item.Scalar());
  }
  return true;
}

} // namespace tether::yamlin
