#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace tether {

// A statement reduced to its shape: calls that differ only in values share it.
struct Fingerprint {
  std::string text;       // lower-cased tokens separated by single spaces, values as "?", lists as "(...)"
  uint64_t valueHash = 0; // the literal values that were removed, hashed (placeholders carry none)
  int literals = 0;       // how many literal values the text had (0: the raw text is its own shape)
};

// Literals (strings, numbers, dollar-quoted), placeholders of every style ($1, ?, %s, %(name)s,
// :name) and comments are removed; IN (...), ARRAY[...] and multi-row VALUES lists collapse.
// Reuses `out`'s storage, so a caller that keeps one Fingerprint allocates only while shapes grow.
void fingerprintSql(std::string_view sql, Fingerprint &out);

// The fingerprint as people read it: no space before "," and ")" or after "(".
std::string displayFingerprint(std::string_view fingerprint);

// A fast 64-bit hash (FNV-1a over 8-byte words) for shapes and values.
uint64_t hashBytes(std::string_view s, uint64_t seed = 0xcbf29ce484222325ULL);

} // namespace tether
