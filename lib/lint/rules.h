#pragma once
#include "core/diagnostic.h"
#include "dialect/dialect.h"
#include <string>
#include <vector>

namespace tether::lint {

enum class RuleCategory {
  Syntax,
  Destructive,
  DataDependent,
  LockUnsafe,
  BackwardIncompatible,
  SqliteRebuild,
  Robustness,
  Style // opt-in: tether.yaml `lint: {enable: [style]}`
};

// One lint rule: its stable name (the finding's `check`), default severity, why it matters and
// the safe way to write the same change.
struct RuleInfo {
  const char *name;
  Severity severity;
  RuleCategory category;
  const char *explanation;
  const char *safeRewrite;
  const Dialect &(*dialect)(); // the one dialect the rule is about; nullptr for every dialect
};

const std::vector<RuleInfo> &lintRules();
const RuleInfo *findRule(const std::string &name); // nullptr when unknown
const char *categoryName(RuleCategory c);

} // namespace tether::lint
