#include "core/error.h"
#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char **argv) {
  CLI::App app{"tether: keeps a database honest about its relationships"};
  app.set_version_flag("--version", std::string("tether ") + TETHER_VERSION);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
