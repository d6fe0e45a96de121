// libFuzzer target: any bytes given to the model loader end in diagnostics, never a crash,
// a hang or a sanitizer report.
#include "yaml/loader.h"
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  tether::LoadResult r = tether::loadModelsFromString(text, "fuzz.yaml");
  (void)r;
  return 0;
}
