#pragma once
#include <string>
#include <vector>

namespace tether {

// tether.sum: the first line is the checksum of the whole directory (of the lines below, so a
// file added, removed, renamed or reordered changes it); then one line per file, sorted:
// "<file> <sha256>". Covers every *.sql file and the snapshot.
std::string computeSumFile(const std::string &dir);
// Writes tether.sum for the directory as it is now.
void writeSumFile(const std::string &dir);
// What does not match, one line each naming the file; empty when the sum file matches. A
// directory with no migrations and no sum file matches.
std::vector<std::string> verifySumFile(const std::string &dir);

} // namespace tether
