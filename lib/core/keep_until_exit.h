#pragma once
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace tether {

// Hands a command's large results (a 2,000-table schema, its models, the plan) to the end of the
// process instead of freeing them one string at a time: freeing them took as long as planning,
// and exit returns all memory at once. Still reachable, so leak checkers stay quiet. Main thread
// only.
template <class T> void keepUntilExit(T &&value) {
  static auto *kept = new std::vector<std::shared_ptr<void>>(); // never destroyed, on purpose
  kept->push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

} // namespace tether
