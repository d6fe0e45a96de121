// libFuzzer target for tether.yaml: any bytes end in a Config or an Error (exit 2), never a
// crash, a hang or a raw library exception.
#include "config/config.h"
#include "core/error.h"
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // loadConfig reads a path, as the CLI does: one scratch file per fuzzing process.
  static const std::string path = "/tmp/tether-config-fuzz-" + std::to_string(getpid()) + ".yaml";
  FILE *f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  try {
    tether::Config c = tether::loadConfig(path);
    (void)c;
  } catch (const tether::Error &e) {
    (void)e.what();
  }
  return 0;
}
