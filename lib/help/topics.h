#pragma once
#include <string>
#include <vector>

namespace tether {

struct HelpTopic {
  const char *name;
  const char *summary;
  const char *text;
};
const std::vector<HelpTopic> &helpTopics();
const HelpTopic *findHelpTopic(const std::string &name);

// What a man page needs to know about a command, gathered by the CLI from its own parser.
struct CommandDoc {
  std::string name; // "plan", "migrate apply"
  std::string description;
  std::vector<std::pair<std::string, std::string>> options; // flags, description
  std::string footer;
};
// troff man(7) source for tether(1): synopsis, every command with its flags, the help topics.
std::string renderManPage(const std::string &version, const std::vector<CommandDoc> &commands);

} // namespace tether
