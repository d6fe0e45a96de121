#include "common.h"
#include "completion_table.h"
#include "core/error.h"
#include "core/strings.h"
#include "help/topics.h"
#include <iostream>

namespace tether::cli {

namespace {
// Gathers every command's flags from the parser itself, so the man page cannot drift from --help.
void collect(const CLI::App *app, const std::string &prefix, std::vector<CommandDoc> &out) {
  for (const CLI::App *sub : app->get_subcommands({})) {
    if (sub->get_group().empty() || sub->get_name() == "help") continue;
    CommandDoc d;
    d.name = prefix + sub->get_name();
    d.description = sub->get_description();
    d.footer = sub->get_footer();
    for (const CLI::Option *opt : sub->get_options()) {
      if (opt->get_name() == "--help" || opt->get_name() == "-h,--help") continue;
      d.options.emplace_back(opt->get_name(), opt->get_description());
    }
    out.push_back(d);
    collect(sub, d.name + " ", out);
  }
}
} // namespace

void registerHelpTopics(CLI::App &app) {
  static std::string topic, shell;
  auto *sub = app.add_subcommand(
      "help", "Explain a topic: models, urls, exit-codes, logs, config (or `man` for the man page)");
  sub->add_option("topic", topic, "the topic");
  // `tether help completions bash|zsh|fish`: for packagers, so kept out of the help text.
  sub->add_option("shell", shell, "the shell, after `completions`")->group("");
  sub->footer("Examples:\n  tether help models\n  tether help man > tether.1");
  CLI::App *root = &app;
  setRunner(sub, [root]() -> int {
    if (topic.empty()) {
      std::cout << root->help();
      std::cout << "\nTopics:\n";
      for (const auto &t : helpTopics())
        std::cout << "  " << t.name << std::string(12 - std::string(t.name).size(), ' ') << t.summary << "\n";
      return kExitOk;
    }
    if (topic == "man") {
      std::vector<CommandDoc> docs;
      collect(root, "", docs);
      std::cout << renderManPage(TETHER_VERSION, docs);
      return kExitOk;
    }
    if (topic == "completions") {
      std::string script = renderCompletions(shell, TETHER_VERSION, completionTable(*root));
      if (script.empty())
        throw Error(shell.empty() ? "which shell?" : "no completions for shell '" + shell + "'", {},
                    "tether help completions " + join(completionShells(), "|"));
      std::cout << script;
      return kExitOk;
    }
    if (!shell.empty()) throw Error("help takes one topic, not '" + shell + "' too");
    if (const HelpTopic *t = findHelpTopic(topic)) {
      std::cout << t->text;
      return kExitOk;
    }
    throw Error("no help topic '" + topic + "'", {}, "topics: models, urls, exit-codes, logs, config, man");
  });
}

} // namespace tether::cli
