#include "common.h"
#include "core/error.h"
#include "erd/erd_graph.h"
#include "yaml/loader.h"
#include <iostream>

namespace tether::cli {

void registerErd(CLI::App &app) {
  static std::string format = "mermaid";
  auto *sub = app.add_subcommand(
      "erd", "Draw the models as an entity-relationship diagram (crow's-foot cardinalities)");
  addModelsOption(sub);
  sub->add_option("--format", format, "mermaid (Markdown-friendly) or dot (Graphviz)")
      ->check(CLI::IsMember({"mermaid", "dot"}));
  sub->footer("Examples:\n  tether erd --models examples/ecommerce > erd.mmd\n"
              "  tether erd --models examples/ecommerce --format dot | dot -Tsvg > erd.svg");
  setRunner(sub, []() -> int {
    LoadResult r = loadModels(modelsPath());
    if (r.diags.hasErrors()) {
      for (const auto &d : r.diags.all())
        std::cerr << formatDiagnostic(d, colorErr());
      std::cerr << "tether: the models have errors; run `tether check` and fix them first\n";
      return r.diags.unreadable() ? kExitFailed : kExitFound;
    }
    ErdGraph g = buildErdGraph(r.model);
    std::cout << (format == "dot" ? renderDot(g) : renderMermaid(g));
    return kExitOk;
  });
}

} // namespace tether::cli
