#pragma once
#include "support.h"
#include "yaml/loader.h"
#include <catch2/catch.hpp>

namespace tether::test {

// The example shop's models (examples/ecommerce), loaded once: the relationships every N+1 test
// expects its findings to name.
inline const Model &shop() {
  static LoadResult r = loadModels(sourceDir() + "/examples/ecommerce/models.yaml");
  REQUIRE(r.ok());
  return r.model;
}

} // namespace tether::test
