#include "yaml/inflection.h"
#include "core/strings.h"
#include <array>
#include <cctype>
#include <utility>

namespace tether {

namespace {

// (singular, plural) pairs the suffix rules get wrong in one direction or the other.
constexpr std::array<std::pair<const char *, const char *>, 38> kIrregular = {{
    {"person", "people"},
    {"child", "children"},
    {"man", "men"},
    {"woman", "women"},
    {"mouse", "mice"},
    {"goose", "geese"},
    {"foot", "feet"},
    {"tooth", "teeth"},
    {"ox", "oxen"},
    {"criterion", "criteria"},
    {"phenomenon", "phenomena"},
    {"cactus", "cacti"},
    {"analysis", "analyses"},
    {"basis", "bases"},
    {"crisis", "crises"},
    {"thesis", "theses"},
    {"axis", "axes"},
    {"diagnosis", "diagnoses"},
    {"matrix", "matrices"},
    {"vertex", "vertices"},
    {"index", "indexes"},
    {"quiz", "quizzes"},
    {"leaf", "leaves"},
    {"half", "halves"},
    {"shelf", "shelves"},
    {"wolf", "wolves"},
    {"knife", "knives"},
    {"life", "lives"},
    {"wife", "wives"},
    {"movie", "movies"},
    {"cookie", "cookies"},
    {"tie", "ties"},
    {"pie", "pies"},
    {"zombie", "zombies"},
    {"hero", "heroes"},
    {"potato", "potatoes"},
    {"echo", "echoes"},
    {"alias", "aliases"},
}};

// Words whose singular and plural are one spelling.
constexpr std::array<const char *, 17> kInvariable = {
    "series",      "species",  "news",      "sheep", "fish",     "deer",  "data",     "metadata", "equipment",
    "information", "feedback", "analytics", "media", "software", "staff", "aircraft", "moose"};

// Singular words ending in s that the plural rules must not strip.
constexpr std::array<const char *, 12> kSingularInS = {"status", "alias",   "bus",    "campus",
                                                       "virus",  "bonus",   "census", "address",
                                                       "access", "process", "canvas", "gas"};

// The word's last letters replaced by `ending`, keeping the case of what stays.
std::string swapEnding(const std::string &word, size_t drop, const std::string &ending) {
  bool upper = !word.empty() && std::isupper(static_cast<unsigned char>(word.back()));
  return word.substr(0, word.size() - drop) + (upper ? toUpper(ending) : ending);
}

// A table word matched against the end of `word` ("order_people" ends in "people").
bool endsWithWord(const std::string &lower, const std::string &w) {
  return endsWith(lower, w) &&
         (lower.size() == w.size() ||
          !std::isalpha(static_cast<unsigned char>(lower[lower.size() - w.size() - 1])) || w.size() >= 5);
}

} // namespace

std::string singular(const std::string &word) {
  const std::string lower = toLower(word);
  for (const char *w : kInvariable)
    if (endsWithWord(lower, w)) return word;
  for (const char *w : kSingularInS)
    if (endsWithWord(lower, w)) return word;
  for (const auto &[one, many] : kIrregular) {
    std::string m = many;
    if (endsWithWord(lower, m)) return swapEnding(word, m.size(), one);
  }
  auto ends = [&](const char *s) { return endsWith(lower, s); };
  if (ends("statuses") || ends("aliases") || ends("addresses") || ends("buses"))
    return word.substr(0, word.size() - 2);
  if (ends("ies") && word.size() > 3) return swapEnding(word, 3, "y");
  if (ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("zes"))
    return word.substr(0, word.size() - 2);
  if (ends("ss") || ends("us") || ends("is")) return word;
  if (ends("s") && word.size() > 1) return word.substr(0, word.size() - 1);
  return word;
}

std::string plural(const std::string &word) {
  const std::string lower = toLower(word);
  for (const char *w : kInvariable)
    if (endsWithWord(lower, w)) return word;
  for (const auto &[one, many] : kIrregular) {
    std::string o = one;
    if (endsWithWord(lower, o)) return swapEnding(word, o.size(), many);
    if (endsWithWord(lower, many)) return word; // already plural
  }
  auto ends = [&](const char *s) { return endsWith(lower, s); };
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh")) {
    // Already a plural ("orders") unless it is one of the singulars that end in s.
    bool singularS = ends("ss") || ends("us") || ends("is");
    for (const char *w : kSingularInS)
      singularS = singularS || endsWithWord(lower, w);
    if (ends("s") && !singularS) return word;
    return swapEnding(word, 0, "es");
  }
  if (ends("y") && word.size() > 1 && !vowel(lower[lower.size() - 2])) return swapEnding(word, 1, "ies");
  return swapEnding(word, 0, "s");
}

} // namespace tether
