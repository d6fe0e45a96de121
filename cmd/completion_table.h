#pragma once
#include "help/completions.h"
#include <CLI/CLI.hpp>

namespace tether::cli {

// Every command tether's parser knows, with its flags and their fixed values, read from the
// parser itself so that the shell completions cannot drift from --help.
std::vector<CompletionCommand> completionTable(const CLI::App &root);

} // namespace tether::cli
