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

std::string body(const std::map<std::string, std::string> &sums) {
  std::string out;
  for (const auto &[file, sum] : sums)
    out += file + " " + sum + "\n";
  return out;
}
} // namespace

std::string computeSumFile(const std::string &dir) {
  std::string lines = body(fileSums(dir));
  return "h1:" + sha256Hex(lines) + "\n" + lines;
}

void writeSumFile(const std::string &dir) {
  writeTextFile(dir + "/" + kSumFile, computeSumFile(dir));
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
  std::istringstream in(readTextFile(sumPath));
  std::string first, line;
  std::getline(in, first);
  std::map<std::string, std::string> recorded;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty()) continue;
    size_t sp = line.rfind(' ');
    if (sp == std::string::npos) {
      problems.push_back(sumPath + ": malformed line '" + line + "'");
      continue;
    }
    recorded[line.substr(0, sp)] = line.substr(sp + 1);
  }
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
  if (problems.empty() && trim(first) != "h1:" + sha256Hex(body(recorded)))
    problems.push_back(sumPath + ": the directory checksum on its first line does not match its lines");
  return problems;
}

} // namespace tether
