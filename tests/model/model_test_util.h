#pragma once
#include "yaml/loader.h"
#include <catch2/catch.hpp>
#include <string>

namespace tether::test {

inline LoadResult load(const std::string &yaml) {
  return loadModelsFromString(yaml, "m.yaml");
}

// The diagnostic with this code, or nullptr; the test then checks its position and text.
inline const Diagnostic *find(const LoadResult &r, const std::string &code) {
  for (const auto &d : r.diags.all())
    if (d.code == code) return &d;
  return nullptr;
}

inline std::string dump(const LoadResult &r) {
  std::string s;
  for (const auto &d : r.diags.all())
    s += formatDiagnostic(d, false, false);
  return s;
}

} // namespace tether::test

#define REQUIRE_DIAG(result, code, atLine, atCol)                                                            \
  do {                                                                                                       \
    const tether::LoadResult &r_ = (result); /* keeps a temporary alive for the checks */                    \
    INFO(tether::test::dump(r_));                                                                            \
    const tether::Diagnostic *d_ = tether::test::find(r_, code);                                             \
    REQUIRE(d_ != nullptr);                                                                                  \
    CHECK(d_->where.line == (atLine));                                                                       \
    CHECK(d_->where.column == (atCol));                                                                      \
  } while (0)
