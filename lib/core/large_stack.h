#pragma once
#include <functional>

namespace tether {

// Runs work on a thread with a 256 MiB stack and waits for it, rethrowing what it threw.
// Third-party parsers (libpg_query's tree output, yaml-cpp) recurse once per nesting level of
// their input; the input is bounded before it gets there, and this gives the bound a wide margin.
// The stack is only address space until it is touched.
void runWithLargeStack(const std::function<void()> &work);

} // namespace tether
