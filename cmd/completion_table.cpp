#include "completion_table.h"
#include "core/strings.h"
#include "help/topics.h"

namespace tether::cli {

namespace {
// CLI11 spells a fixed set of values into the option's type name, e.g. "TEXT:{text,json}".
std::vector<std::string> choicesOf(const CLI::Option &opt) {
  std::string type = opt.get_type_name();
  size_t open = type.find(":{"), close = type.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return split(type.substr(open + 2, close - open - 2), ',');
}

void walk(const CLI::App &app, const std::string &path, std::vector<CompletionCommand> &out) {
  CompletionCommand c;
  c.path = path;
  c.description = app.get_description();
  for (const CLI::Option *opt : app.get_options()) {
    if (!opt->nonpositional() || opt->get_group().empty()) continue;
    CompletionFlag f;
    for (const auto &s : opt->get_snames())
      f.names.push_back("-" + s);
    for (const auto &l : opt->get_lnames())
      f.names.push_back("--" + l);
    f.description = opt->get_description();
    f.takesValue = opt->get_expected_max() != 0; // flags expect no value
    if (f.takesValue) f.choices = choicesOf(*opt);
    c.flags.push_back(f);
  }
  std::vector<const CLI::App *> subs;
  for (const CLI::App *sub : app.get_subcommands({})) {
    if (sub->get_group().empty()) continue; // hidden
    c.subcommands.emplace_back(sub->get_name(), sub->get_description());
    subs.push_back(sub);
  }
  // `help` takes a topic word rather than a subcommand; `help completions` then takes a shell.
  if (path == "help") {
    for (const auto &t : helpTopics())
      c.words.push_back(t.name);
    c.words.push_back("man");
    c.subcommands.emplace_back("completions", "shell completion script: bash, zsh or fish");
  }
  out.push_back(c);
  for (const CLI::App *sub : subs)
    walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
  if (path == "help") {
    CompletionCommand shells;
    shells.path = "help completions";
    shells.description = "shell completion script";
    shells.words = completionShells();
    out.push_back(shells);
  }
}
} // namespace

std::vector<CompletionCommand> completionTable(const CLI::App &root) {
  std::vector<CompletionCommand> out;
  walk(root, "", out);
  return out;
}

} // namespace tether::cli
