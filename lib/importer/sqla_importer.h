#pragma once
#include <string>

namespace tether {

// `tether import sqlalchemy`: the Python helper (share/tether/sqla_import.py) reads the
// application's own declarative metadata and mappers and writes the model file.

// Where the helper is: $TETHER_SQLA_IMPORTER, else share/tether/ next to the installed binary
// (`exePath` is /proc/self/exe), else the source tree the binary was built from. Throws Error.
std::string findSqlaImporter(const std::string &exePath);

// Runs the helper with the system python3 ($TETHER_PYTHON overrides), stdout/stderr passed
// through; returns its exit code (0 written, 2 could not). Throws Error when it cannot start.
int runSqlaImporter(const std::string &script, const std::string &target, const std::string &output);

} // namespace tether
