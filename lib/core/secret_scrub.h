#pragma once
#include <string>

namespace tether {

// The last line of defence against printing a credential: every secret the process learns (a
// database password from --db, DATABASE_URL or tether.yaml) is registered here, and everything
// written to stdout and stderr passes through a filter that replaces it with ***. The URL code
// masks what it prints on its own; this catches any path that echoes a secret it was handed
// (a driver's message, a source line quoted in a diagnostic).
void registerSecret(const std::string &secret);
// The text with every registered secret replaced by ***.
std::string scrubSecrets(std::string text);
// Puts the filter in front of std::cout and std::cerr (once, at start-up).
void installSecretFilter();
// Flushes the filtered streams; the errno of the first failed write to stdout (EPIPE when the
// reader went away, ENOSPC on a full disk, EBADF when closed), 0 when everything was written.
int flushFilteredOutput();

} // namespace tether
