#include "dialect/postgres/pg_replay_sequence.h"
#include "dialect/postgres/pg_introspect_sequences.h"
#include "dialect/postgres/pg_replay_number.h"
#include <algorithm>
#include <limits>
#include <regex>

namespace tether::pg::replay {

namespace {
struct Options {
  std::string type = "bigint";
  std::optional<long long> increment, start, min, max;
  long long cache = 1;
  bool cycle = false;
};

std::string typeOf(const Json &typeName) {
  auto names = strings(at(typeName, "names"));
  std::string n = names.empty() ? "" : names.back();
  if (n == "int8" || n == "bigint") return "bigint";
  return n.empty() ? "?" : n;
}
} // namespace

void recordSequence(const std::string &name, const Json &options, ReplayState &s) {
  Options o;
  for (const auto &item : options) {
    const Json &d = at(item, "DefElem");
    const std::string opt = str(d, "defname");
    const Json &arg = at(d, "arg");
    if (opt == "as")
      o.type = typeOf(at(arg, "TypeName"));
    else if (opt == "increment")
      o.increment = defElemNumber(d, s);
    else if (opt == "start")
      o.start = defElemNumber(d, s);
    else if (opt == "minvalue")
      o.min = defElemNumber(d, s);
    else if (opt == "maxvalue")
      o.max = defElemNumber(d, s);
    else if (opt == "cache")
      o.cache = defElemNumber(d, s).value_or(1);
    else if (opt == "cycle")
      o.cycle = at(arg, "Boolean").is_object() ? flag(at(arg, "Boolean"), "boolval")
                                               : num(at(arg, "Integer"), "ival") != 0;
    else if (opt != "owned_by") {
      s.freeSequences.erase(name); // an option not followed (SEQUENCE NAME, RESTART…)
      return;
    }
  }
  constexpr long long lo = std::numeric_limits<long long>::min(), hi = std::numeric_limits<long long>::max();
  const long long inc = o.increment.value_or(1);
  if (inc == 0) reject("INCREMENT must not be zero");
  const long long min = o.min.value_or(inc > 0 ? 1 : lo), max = o.max.value_or(inc > 0 ? hi : -1);
  if (!plainSequenceOptions(o.type, inc, min, max, o.cache, o.cycle)) {
    s.freeSequences[name] = std::nullopt;
    return;
  }
  Sequence seq;
  seq.name = name;
  const long long start = o.start.value_or(inc > 0 ? min : max);
  if (start < min || start > max) reject("START value (" + std::to_string(start) + ") is out of bounds");
  if (start != 1) seq.start = start;
  if (inc != 1) seq.increment = inc;
  s.freeSequences[name] = seq;
}

void forgetSequenceOptions(const std::string &name, const Json &options, ReplayState &s) {
  for (const auto &item : options)
    if (str(at(item, "DefElem"), "defname") != "owned_by") s.freeSequences.erase(name);
}

namespace {
// The sequence `nextval('name'::regclass)` calls, as the replay writes every nextval() default.
std::optional<std::string> nextvalOf(const Column &c) {
  const std::string &def = c.defaultValue.value;
  const std::string head = "nextval('", tail = "'::regclass)";
  if (c.defaultValue.kind != ColumnDefault::Kind::Sql || def.size() < head.size() + tail.size() ||
      def.compare(0, head.size(), head) != 0 || def.compare(def.size() - tail.size(), tail.size(), tail) != 0)
    return std::nullopt;
  return def.substr(head.size(), def.size() - head.size() - tail.size());
}

bool owned(const std::string &name, const ReplayState &s) {
  return std::any_of(s.ownedSequences.begin(), s.ownedSequences.end(),
                     [&](const ReplayState::OwnedSequence &q) { return q.name == name; });
}
} // namespace

bool freeSequenceDefault(const Column &c, const ReplayState &s) {
  auto name = nextvalOf(c);
  return name && !owned(*name, s);
}

void finishSequences(ReplayState &s) {
  for (auto &t : s.schema.tables)
    for (auto &c : t.columns) {
      auto seqName = nextvalOf(c);
      if (!seqName || owned(*seqName, s)) continue; // a serial's: read as autoincrement
      const std::string &name = *seqName;
      auto known = s.freeSequences.find(name);
      if (known == s.freeSequences.end() || !s.unmanaged("sequence", name))
        refuse("the default of " + t.name + "." + c.name + " calls nextval() on sequence " + name +
               ", whose options the replay did not follow");
      if (!known->second) continue; // options a model cannot state: the sequence stays unmanaged
      c.sequence = *known->second;
    }
  for (const auto &[name, seq] : s.freeSequences) {
    if (!seq || !s.unmanaged("sequence", name)) continue;
    s.schema.sequences.push_back(*seq);
    bool used = false;
    for (const auto &t : s.schema.tables)
      for (const auto &c : t.columns)
        used = used || c.sequence.name == name;
    if (used) s.removeUnmanaged("sequence", name);
  }
}

} // namespace tether::pg::replay
