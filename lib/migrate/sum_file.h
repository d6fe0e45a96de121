#pragma once
#include <map>
#include <string>
#include <vector>

namespace tether {

// tether.sum: the first line is the checksum of the whole directory (of the lines below, so a
// file added, removed, renamed or reordered changes it); then one line per file, sorted:
// "<file> <sha256>". Covers every *.sql file and the snapshot. Lines starting with '@' record
// what the folder is, covered by the same checksum:
//   @dialect sqlite                     the dialect the folder is for
//   @snapshot 0003 post_titles <sha256> the snapshot version 0003 reached when migrate new wrote it
// The @snapshot lines survive `migrate hash`, so re-signing cannot hide a deleted or reordered
// version: the snapshot then no longer is what the last version reached.
struct SumRecord {
  std::string name, snapshotSha;
};
struct SumMeta {
  std::string dialect;                       // "" when not recorded (an older folder)
  std::map<std::string, SumRecord> versions; // by version as written ("0003")
};

std::string computeSumFile(const std::string &dir, const SumMeta &meta);
// The @ lines of the folder's sum file; empty when there is none.
SumMeta readSumMeta(const std::string &dir);
// Writes tether.sum for the directory as it is now, with `meta`.
void writeSumFile(const std::string &dir, const SumMeta &meta);
// The same, keeping the @ lines the sum file has now.
void writeSumFile(const std::string &dir);
// Re-signs (migrate hash), keeping the recorded dialect (or `dialect` when none is) and the
// @snapshot lines of the versions still present. Returns a warning per version that was signed
// before and is gone now.
std::vector<std::string> resignSumFile(const std::string &dir, const std::string &dialect);
// What does not match, one line each naming the file; empty when the sum file matches. A
// directory with no migrations and no sum file matches.
std::vector<std::string> verifySumFile(const std::string &dir);

} // namespace tether
