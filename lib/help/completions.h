#pragma once
#include <string>
#include <vector>

namespace tether {

// One flag of one command, as the shells need it: its spellings, whether it takes a value, and
// the values it accepts when they are a fixed set.
struct CompletionFlag {
  std::vector<std::string> names; // "-o", "--output"
  std::string description;
  bool takesValue = false;
  std::vector<std::string> choices; // empty: any value (completed as a file name)
};

// One command of the CLI's own table: "" is tether itself, then "check", "migrate", "migrate apply".
struct CompletionCommand {
  std::string path;
  std::string description;
  std::vector<std::pair<std::string, std::string>> subcommands; // word, description
  std::vector<CompletionFlag> flags;
  std::vector<std::string> words; // fixed positional words (help topics, shell names)
};

const std::vector<std::string> &completionShells(); // bash, zsh, fish
// The completion script for `shell`, or "" when tether has none for it.
std::string renderCompletions(const std::string &shell, const std::string &version,
                              const std::vector<CompletionCommand> &commands);

} // namespace tether
