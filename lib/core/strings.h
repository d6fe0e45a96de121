#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tether {

std::string toLower(std::string_view s);
std::string toUpper(std::string_view s);
std::string trim(std::string_view s);
// Runs of white space as one space, none at the ends: text compared without its layout.
std::string collapseSpace(std::string_view s);
bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);
bool iequals(std::string_view a, std::string_view b);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string> &parts, std::string_view sep);
// Levenshtein distance, for "did you mean" hints.
size_t editDistance(std::string_view a, std::string_view b);
// The candidate closest to `word`, or "" when none is close enough to be a plausible typo.
std::string closestMatch(std::string_view word, const std::vector<std::string> &candidates);
// "did you mean 'x'?" for the closest candidate, or `fallback` when none is close.
std::string didYouMean(std::string_view word, const std::vector<std::string> &candidates,
                       const std::string &fallback);
// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF)?
bool isValidUtf8(std::string_view s);
// `s` with each byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD.
std::string replaceInvalidUtf8(std::string_view s);
std::string xmlEscape(std::string_view s);
// `s` between two `quote` characters, each one inside doubled: how SQL quotes an identifier (")
// and a string literal (').
std::string sqlQuoted(std::string_view s, char quote);
// "1 row", "3 rows": a count with the word that agrees with it.
std::string countOf(long long n, const char *one, const char *many);

} // namespace tether
