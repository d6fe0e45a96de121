#include "diff/sequence_diff.h"
#include <algorithm>
#include <set>

namespace tether {

namespace {
const Sequence *find(const std::vector<Sequence> &v, const std::string &qualified) {
  for (const auto &s : v)
    if (s.qualifiedName() == qualified) return &s;
  return nullptr;
}

// A column default still calling the sequence keeps it alive whatever the column's sequence: says.
bool defaultCalls(const Schema &s, const Sequence &seq) {
  for (const auto &t : s.tables)
    for (const auto &c : t.columns)
      if (c.defaultValue.kind == ColumnDefault::Kind::Sql &&
          c.defaultValue.value.find("nextval('" + seq.qualifiedName()) != std::string::npos)
        return true;
  return false;
}

} // namespace

std::string sequenceOptionsText(const Sequence &s) {
  std::string o;
  if (s.start) o += " start " + std::to_string(*s.start);
  if (s.increment) o += " increment " + std::to_string(*s.increment);
  return o;
}

std::vector<Sequence> columnSequences(const Schema &s) {
  std::vector<Sequence> out;
  for (const auto &t : s.tables)
    for (const auto &c : t.columns)
      if (c.sequence.present() && !find(out, c.sequence.qualifiedName())) out.push_back(c.sequence);
  return out;
}

void diffSequences(const Schema &desired, const Schema &current, std::vector<Change> &out) {
  const std::vector<Sequence> want = columnSequences(desired);
  const std::vector<Sequence> inUse = columnSequences(current);
  for (const Sequence &w : want) {
    if (const Sequence *have = find(current.sequences, w.qualifiedName())) {
      if (!have->sameOptions(w)) out.push_back(Change{step::AlterSequence{w, *have}, w.loc});
    } else if (w.schema.empty() && current.unmanagedObject("sequence", w.name)) {
      continue; // there, with options the model cannot state: not tether's to change
    } else {
      out.push_back(Change{step::CreateSequence{w}, w.loc});
    }
  }
  for (const Sequence &have : inUse) {
    if (find(want, have.qualifiedName()) || defaultCalls(desired, have)) continue;
    const Sequence *held = find(current.sequences, have.qualifiedName());
    // Destructive: its position is lost, a sequence made again starts over.
    out.push_back(Change{step::DropSequence{held ? *held : have}, {}, true});
  }
}

bool modelNamesSequence(const Schema &desired, const UnmanagedObject &u) {
  if (u.kind != "sequence") return false;
  for (const auto &t : desired.tables)
    for (const auto &c : t.columns)
      if (c.sequence.present() && c.sequence.schema.empty() && c.sequence.name == u.name) return true;
  return false;
}

} // namespace tether
