#include "yaml/sequence_loader.h"
#include "yaml/generated_value_loader.h"
#include <algorithm>
#include <map>

namespace tether::yamlin {

namespace {
bool setName(const std::string &file, const yamlin::Node &n, std::string &out, Diagnostics &diags,
             const std::string &what) {
  std::string name;
  if (!asString(file, n, name, diags, what)) return false;
  if (name.find_first_not_of(" \t\r\n") == std::string::npos) {
    diags.error(locOf(file, n), "bad-value", what + " must be a name");
    return false;
  }
  out = name;
  return true;
}
} // namespace

void loadSequence(const std::string &file, const Entry &e, Column &col, Diagnostics &diags,
                  const std::string &what) {
  Sequence seq;
  seq.loc = e.keyLoc;
  if (e.value.IsScalar()) {
    if (!setName(file, e.value, seq.name, diags, what)) return;
    col.sequence = seq;
    return;
  }
  if (!e.value.IsMap()) {
    diags.error(locOf(file, e.value), "bad-value", what + " must be a sequence name or a mapping",
                "sequence: {name: ab_permission_id_seq, start: 1, increment: 1}");
    return;
  }
  auto es = entries(file, e.value, diags, what);
  checkKeys(file, es, {"name", "start", "increment", "schema"}, diags, what);
  bool named = false;
  for (const auto &k : es) {
    if (k.key == "name")
      named = setName(file, k.value, seq.name, diags, "'name' of " + what) || named;
    else if (k.key == "schema")
      setName(file, k.value, seq.schema, diags, "'schema' of " + what);
    else if (k.key == "start")
      asInteger(file, k.value, seq.start, diags, "'start' of " + what);
    else if (k.key == "increment" &&
             asInteger(file, k.value, seq.increment, diags, "'increment' of " + what) && *seq.increment == 0)
      diags.error(locOf(file, k.value), "bad-value", "'increment' of " + what + " cannot be zero");
  }
  if (!named) {
    if (std::none_of(es.begin(), es.end(), [](const Entry &k) { return k.key == "name"; }))
      diags.error(e.keyLoc, "bad-value",
                  what + " needs name:", "sequence: {name: ab_permission_id_seq, start: 1, increment: 1}");
    return;
  }
  col.sequence = seq;
}

void checkSequence(const Column &col, const std::string &qualifiedName, Diagnostics &diags) {
  if (!col.sequence.present()) return;
  const SourceLoc &at = col.sequence.loc;
  if (col.identity.present)
    diags.error(at, "sequence-with-identity",
                "column " + qualifiedName + " cannot have both a sequence and an identity",
                "keep one: an identity owns its own sequence");
  if (col.computed.present())
    diags.error(at, "sequence-with-computed",
                "column " + qualifiedName + " is computed and cannot also draw from a sequence");
  if (!col.type.isInteger())
    diags.error(at, "bad-sequence",
                "column " + qualifiedName + " draws from a sequence and needs an integer type",
                "make the column Integer, BigInteger or SmallInteger");
}

void checkSharedSequences(const Schema &schema, Diagnostics &diags) {
  std::map<std::string, const Sequence *> first;
  for (const auto &t : schema.tables)
    for (const auto &c : t.columns) {
      if (!c.sequence.present()) continue;
      auto [it, added] = first.emplace(c.sequence.qualifiedName(), &c.sequence);
      if (added || it->second->sameOptions(c.sequence)) continue;
      diags.error(c.sequence.loc, "sequence-options-differ",
                  "sequence " + c.sequence.qualifiedName() + " is declared with other start/increment at " +
                      it->second->loc.str(),
                  "columns sharing a sequence must give it the same options");
    }
}

} // namespace tether::yamlin
