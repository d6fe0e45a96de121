#include "migrate/sha256.h"
#include <openssl/evp.h>
#include <stdexcept>

namespace tether {

std::string sha256Hex(std::string_view data) {
  // OpenSSL's EVP one-shot digest: the vetted implementation every Debian system already has,
  // rather than a hand-written compression function of our own.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed in libcrypto");
  static const char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xf];
  }
  return out;
}

} // namespace tether
