#include "config/config.h"
#include "core/error.h"
#include "core/safe_file.h"
#include "core/strings.h"
#include "yaml/yaml_nodes.h"
#include <cstdlib>
#include <fstream>
#include <yaml-cpp/yaml.h>

namespace tether {

namespace {
// tether.yaml is read as strictly as a model file: yaml-cpp silently keeps one of two equal keys,
// and a setting that is not the one its author sees is worse than an error at the second one. Read
// from the document as the model loaders read it, which keeps every pair.
// Aliases share nodes, so a walk can visit far more nodes than the file holds (ten aliases of ten
// aliases…): past any real settings file's size it stops with an error instead of running on.
void rejectDuplicateKeys(const std::string &file, const yamlin::Node &n, size_t &visits) {
  if (++visits > 100000)
    throw Error("tether.yaml expands to too many values (aliases of aliases)", locOf(file, n), "",
                ErrorKind::Syntax);
  if (n.IsSequence()) {
    for (const auto &item : n)
      rejectDuplicateKeys(file, item, visits);
    return;
  }
  if (!n.IsMap()) return;
  Diagnostics diags;
  for (const auto &e : yamlin::entries(file, n, diags, "tether.yaml"))
    rejectDuplicateKeys(file, e.value, visits);
  for (const auto &d : diags.all())
    if (d.severity == Severity::Error) throw Error(d.message, d.where, d.hint, ErrorKind::Syntax);
}

SourceLoc at(const std::string &file, const YAML::Node &n) {
  auto m = n.Mark();
  return {file, m.line + 1, m.column + 1};
}

std::string scalar(const std::string &file, const YAML::Node &n, const std::string &key) {
  if (!n.IsScalar()) throw Error("'" + key + "' must be a single value", at(file, n));
  return n.as<std::string>();
}
} // namespace

std::string expandEnv(const std::string &text, const SourceLoc &where) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      auto close = text.find('}', i + 2);
      if (close == std::string::npos) throw Error("unclosed ${ in '" + text + "'", where);
      std::string expr = text.substr(i + 2, close - i - 2);
      std::string name = expr, def;
      bool hasDefault = false;
      auto dash = expr.find(":-");
      if (dash != std::string::npos) {
        name = expr.substr(0, dash);
        def = expr.substr(dash + 2);
        hasDefault = true;
      }
      const char *v = std::getenv(name.c_str());
      if (v && *v)
        out += v;
      else if (hasDefault)
        out += def;
      else
        throw Error("environment variable " + name + " is not set", where,
                    "export " + name + "=… or write ${" + name + ":-default}");
      i = close;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string resolveDb(const Config &c) {
  if (c.db.empty()) return "";
  try {
    return expandEnv(c.db, c.dbLoc);
  } catch (const Error &e) {
    throw Error(std::string(e.what()) + " (db: in " + c.file + ")", e.where(), e.hint());
  }
}

Config loadConfig(const std::string &path) {
  Config c;
  std::string file = path;
  if (file.empty()) {
    std::ifstream probe("tether.yaml");
    if (!probe) return c;
    file = "tether.yaml";
  }
  std::ifstream in(file);
  if (!in)
    throw Error("cannot read config file " + file, {}, "check the path given to --config", ErrorKind::Io);
  std::string text = readRegularFile(file, kMaxConfigFileBytes, "config file");
  c.file = file;
  YAML::Node root;
  yamlin::Node pairs; // every pair, duplicates included, for the strictness check below
  try {
    pairs = yamlin::parseYaml(text);
    root = YAML::Load(text);
  } catch (const YAML::Exception &e) {
    throw Error("invalid YAML: " + e.msg, {file, e.mark.line + 1, e.mark.column + 1}, {}, ErrorKind::Syntax);
  }
  if (root.IsNull()) return c;
  if (!root.IsMap()) throw Error("tether.yaml must be a mapping of settings", at(file, root));
  size_t visits = 0;
  rejectDuplicateKeys(file, pairs, visits);
  static const std::vector<std::string> keys = {"version", "models", "migrations", "db",
                                                "schema",  "audit",  "lint"};
  for (const auto &kv : root) {
    std::string key = kv.first.as<std::string>();
    const YAML::Node &v = kv.second;
    if (key == "version") continue;
    if (key == "models")
      c.models = expandEnv(scalar(file, v, key), at(file, v));
    else if (key == "migrations")
      c.migrations = expandEnv(scalar(file, v, key), at(file, v));
    else if (key == "db") {
      // Commands that need no database (check, erd, migrate check/lint, audit --log) must not
      // fail on a ${DATABASE_URL} that is only set where the database is.
      c.db = scalar(file, v, key);
      c.dbLoc = at(file, v);
    } else if (key == "schema")
      c.schema = expandEnv(scalar(file, v, key), at(file, v));
    else if (key == "audit") {
      if (!v.IsMap()) throw Error("'audit' must be a mapping", at(file, v));
      for (const auto &a : v) {
        std::string k = a.first.as<std::string>();
        try {
          if (k == "n_plus_one_threshold")
            c.nplusoneThreshold = a.second.as<int>();
          else if (k == "idle_gap_seconds")
            c.idleGapSeconds = a.second.as<double>();
          else if (k == "ignore") {
            if (a.second.IsNull()) continue; // an empty list written as comments only
            if (!a.second.IsSequence()) throw Error("'audit.ignore' must be a list", at(file, a.second));
            for (const auto &item : a.second) {
              if (!item.IsMap())
                throw Error("each ignore entry is a mapping {check, table, column, reason}", at(file, item));
              IgnoreRule r;
              r.loc = at(file, item);
              for (const auto &f : item) {
                std::string fk = f.first.as<std::string>();
                if (fk == "check")
                  r.check = f.second.as<std::string>();
                else if (fk == "table")
                  r.table = f.second.as<std::string>();
                else if (fk == "column")
                  r.column = f.second.as<std::string>();
                else if (fk == "reason")
                  r.reason = f.second.as<std::string>();
                else
                  throw Error("unknown key '" + fk + "' in an ignore entry", at(file, f.first),
                              "keys: check, table, column, reason");
              }
              if (r.check.empty()) throw Error("an ignore entry needs 'check'", r.loc);
              if (r.reason.empty())
                throw Error("an ignore entry needs a 'reason' saying why it is accepted", r.loc);
              c.ignore.push_back(r);
            }
          } else {
            throw Error("unknown audit setting '" + k + "'", at(file, a.first),
                        didYouMean(k, {"n_plus_one_threshold", "idle_gap_seconds", "ignore"},
                                   "settings: n_plus_one_threshold, idle_gap_seconds, ignore"));
          }
        } catch (const YAML::Exception &e) {
          throw Error("bad value for audit." + k + ": " + e.msg, at(file, a.second));
        }
      }
    } else if (key == "lint") {
      if (!v.IsMap()) throw Error("'lint' must be a mapping", at(file, v));
      for (const auto &a : v) {
        std::string k = a.first.as<std::string>();
        if (k == "ignore" && a.second.IsNull()) continue;
        if (k == "ignore" && a.second.IsSequence()) {
          for (const auto &item : a.second)
            c.lintIgnore.push_back(item.as<std::string>());
        } else if (k == "enable" && a.second.IsSequence()) {
          for (const auto &item : a.second) {
            std::string set = item.as<std::string>();
            if (set != "style")
              throw Error("unknown lint rule set '" + set + "'", at(file, item), "lint: {enable: [style]}");
            c.lintEnable.push_back(set);
          }
        } else {
          throw Error("unknown lint setting '" + k + "'", at(file, a.first),
                      "lint: {ignore: [rule-name, …], enable: [style]}");
        }
      }
    } else {
      throw Error("unknown setting '" + key + "' in " + file, at(file, kv.first),
                  didYouMean(key, keys, "settings: " + join(keys, ", ")));
    }
  }
  return c;
}

} // namespace tether
