#include "migrate/sum_file.h"
#include "core/strings.h"
#include "migrate/migration_dir.h"
#include "migrate/sha256.h"
#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace tether {

namespace {
bool signedFile(const std::string &name) {
  return endsWith(name, ".sql") || name == kSnapshotFile;
}

std::map<std::string, std::string> fileSums(const std::string &dir) {
  std::map<std::string, std::string> sums;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return sums;
  for (const auto &entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && signedFile(name))
      sums[name] = sha256Hex(readTextFile(entry.path().string()));
  }
  return sums;
}

std::string body(const std::map<std::string, std::string> &sums, const std::vector<std::string> &meta) {
  std::string out;
  for (const auto &m : meta)
    if (m.rfind("@dialect ", 0) == 0) out += m + "\n";
  for (const auto &[file, sum] : sums)
    out += file + " " + sum + "\n";
  for (const auto &m : meta)
    if (m.rfind("@dialect ", 0) != 0) out += m + "\n";
  return out;
}

std::vector<std::string> metaLines(const SumMeta &meta) {
  std::vector<std::string> out;
  if (!meta.dialect.empty()) out.push_back("@dialect " + meta.dialect);
  for (const auto &[version, r] : meta.versions)
    out.push_back("@snapshot " + version + " " + (r.name.empty() ? "-" : r.name) + " " + r.snapshotSha);
  return out;
}

// The sum file's lines: files with their sums, and the @ lines as written.
struct ParsedSum {
  std::string first;
  std::map<std::string, std::string> files;
  std::vector<std::string> meta;
  std::vector<std::string> malformed;
};

ParsedSum parseSum(const std::string &text) {
  ParsedSum p;
  std::istringstream in(text);
  std::string line;
  std::getline(in, p.first);
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty()) continue;
    if (line[0] == '@') {
      p.meta.push_back(line);
      continue;
    }
    size_t sp = line.rfind(' ');
    if (sp == std::string::npos) {
      p.malformed.push_back(line);
      continue;
    }
    p.files[line.substr(0, sp)] = line.substr(sp + 1);
  }
  return p;
}
} // namespace

std::string computeSumFile(const std::string &dir, const SumMeta &meta) {
  std::string lines = body(fileSums(dir), metaLines(meta));
  return "h1:" + sha256Hex(lines) + "\n" + lines;
}

SumMeta readSumMeta(const std::string &dir) {
  SumMeta meta;
  std::error_code ec;
  if (!fs::exists(dir + "/" + kSumFile, ec)) return meta;
  for (const auto &line : parseSum(readTextFile(dir + "/" + kSumFile)).meta) {
    std::istringstream in(line);
    std::string key, a, b, c;
    in >> key >> a >> b >> c;
    if (key == "@dialect")
      meta.dialect = a;
    else if (key == "@snapshot" && !c.empty())
      meta.versions[a] = SumRecord{b == "-" ? "" : b, c};
  }
  return meta;
}

void writeSumFile(const std::string &dir, const SumMeta &meta) {
  writeTextFile(dir + "/" + kSumFile, computeSumFile(dir, meta));
}

void writeSumFile(const std::string &dir) {
  writeSumFile(dir, readSumMeta(dir));
}

std::vector<std::string> resignSumFile(const std::string &dir, const std::string &dialect) {
  SumMeta meta = readSumMeta(dir);
  if (meta.dialect.empty()) meta.dialect = dialect;
  std::vector<std::string> warnings;
  std::map<std::string, std::string> signedUp; // version -> name, from the files the old sum listed
  std::error_code ec;
  if (fs::exists(dir + "/" + kSumFile, ec))
    for (const auto &[file, sum] : parseSum(readTextFile(dir + "/" + kSumFile)).files)
      if (endsWith(file, ".up.sql")) {
        std::string stem = file.substr(0, file.size() - 7);
        size_t us = stem.find('_');
        signedUp[stem.substr(0, us)] = us == std::string::npos ? "" : stem.substr(us + 1);
      }
  MigrationDir now = readMigrationDir(dir);
  for (const auto &[version, name] : signedUp)
    if (!now.find(version))
      warnings.push_back(
          "version " + version + (name.empty() ? "" : "_" + name) + " was signed in " + dir + "/" + kSumFile +
          " and is gone now; a database that applied it keeps its effect, and " + kSnapshotFile +
          " may still describe the schema after it (tether migrate check tells)");
  for (auto it = meta.versions.begin(); it != meta.versions.end();)
    it = now.find(it->first) ? std::next(it) : meta.versions.erase(it);
  writeSumFile(dir, meta);
  return warnings;
}

std::vector<std::string> verifySumFile(const std::string &dir) {
  std::vector<std::string> problems;
  auto actual = fileSums(dir);
  const std::string sumPath = dir + "/" + kSumFile;
  std::error_code ec;
  if (!fs::exists(sumPath, ec)) {
    if (!actual.empty()) problems.push_back(sumPath + ": missing (run tether migrate hash to create it)");
    return problems;
  }
  ParsedSum parsed = parseSum(readTextFile(sumPath));
  const std::string &first = parsed.first;
  const std::map<std::string, std::string> &recorded = parsed.files;
  for (const auto &line : parsed.malformed)
    problems.push_back(sumPath + ": malformed line '" + line + "'");
  for (const auto &[file, sum] : actual) {
    auto it = recorded.find(file);
    if (it == recorded.end())
      problems.push_back(dir + "/" + file + ": not in " + kSumFile + " (added after signing)");
    else if (it->second != sum)
      problems.push_back(dir + "/" + file + ": changed since it was signed in " + kSumFile);
  }
  for (const auto &[file, sum] : recorded)
    if (!actual.count(file))
      problems.push_back(dir + "/" + file + ": listed in " + kSumFile + " but missing");
  if (problems.empty() && trim(first) != "h1:" + sha256Hex(body(recorded, parsed.meta)))
    problems.push_back(sumPath + ": the directory checksum on its first line does not match its lines");
  return problems;
}

} // namespace tether
