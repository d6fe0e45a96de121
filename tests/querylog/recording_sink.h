#pragma once
#include "querylog/statement_event.h"
#include <string>
#include <vector>

namespace tether::test {

// Every event a reader hands its sink, each as one line of all its fields, so two reads of the same
// log (one thread against two, whole against chunked) compare as two lists of strings.
struct Record : StatementSink {
  std::vector<std::string> events;
  void onEvent(const StatementEvent &e) override {
    events.push_back(std::to_string(static_cast<int>(e.kind)) + "|" + std::string(e.session) + "|" +
                     std::to_string(e.timestampMs) + "|" + std::to_string(e.durationMs) + "|" +
                     std::string(e.text) + "|" + std::string(e.params) + "|" + std::string(e.file) + "|" +
                     std::to_string(e.line) + "|" + (e.fromPlan ? "plan" : ""));
  }
};

} // namespace tether::test
