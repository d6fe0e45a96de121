#include "dialect/sqlite/sqlite_split.h"
#include <cctype>

namespace tether::sqlite {

namespace {
bool startsTrigger(const std::vector<Token> &t, size_t i) {
  if (i >= t.size() || !t[i].isKeyword("CREATE")) return false;
  ++i;
  if (i < t.size() && (t[i].isKeyword("TEMP") || t[i].isKeyword("TEMPORARY"))) ++i;
  return i < t.size() && t[i].isKeyword("TRIGGER");
}
} // namespace

std::vector<std::pair<size_t, size_t>> statementRanges(const std::vector<Token> &tokens) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t start = 0;
  bool trigger = false;
  for (size_t i = 0; i <= tokens.size(); ++i) {
    bool atEnd = i == tokens.size();
    if (!atEnd && i == start) trigger = startsTrigger(tokens, i);
    if (!atEnd && !tokens[i].isPunct(';')) continue;
    bool bodyClosed = i >= start + 2 && tokens[i - 1].isKeyword("END") && tokens[i - 2].isPunct(';');
    if (!atEnd && trigger && !bodyClosed) continue;
    if (i > start) out.emplace_back(start, i);
    start = i + 1;
  }
  return out;
}

std::vector<ScriptStatement> splitScript(std::string_view script) {
  std::vector<Token> tokens = tokenize(script);
  std::vector<ScriptStatement> out;
  size_t lineAt = 0;
  int line = 1;
  for (const auto &[from, to] : statementRanges(tokens)) {
    ScriptStatement s;
    s.begin = from > 0 ? tokens[from - 1].end : 0; // after the ';' before it

    while (s.begin < script.size() && std::isspace(static_cast<unsigned char>(script[s.begin])))
      ++s.begin;
    for (; lineAt < s.begin; ++lineAt)
      if (script[lineAt] == '\n') ++line;
    s.line = line;
    s.code = tokens[from].offset;
    s.end = tokens[to - 1].end;
    s.next = to < tokens.size() ? tokens[to].end : script.size();
    out.push_back(s);
  }
  return out;
}

} // namespace tether::sqlite
