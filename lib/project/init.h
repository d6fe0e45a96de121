#pragma once
#include <string>
#include <vector>

namespace tether {

// `tether init`: a commented tether.yaml and a models/ folder with the e-commerce example, in
// `dir`. Never overwrites an existing file unless `force`; returns the files written. Throws
// Error (exit 2) naming the file that is in the way. A models/ folder that already holds model files
// gets no example.
std::vector<std::string> initProject(const std::string &dir, bool force);
bool hasOwnModels(const std::string &dir);
const char *starterConfig();
const char *starterModels();

} // namespace tether
