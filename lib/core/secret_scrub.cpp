#include "core/secret_scrub.h"
#include <cerrno>
#include <iostream>
#include <mutex>
#include <streambuf>
#include <vector>

namespace tether {

namespace {
std::mutex &secretsMutex() {
  static std::mutex m;
  return m;
}
std::vector<std::string> &secrets() {
  static std::vector<std::string> s;
  return s;
}

// Holds output until a line ends (or the stream is flushed, e.g. before a prompt), scrubs it,
// and passes it on. A failed write downstream is remembered so main can exit 2.
class ScrubbingBuf : public std::streambuf {
public:
  explicit ScrubbingBuf(std::streambuf *next) : next_(next) {}
  int failedErrno() const { return failed_ ? (errno_ ? errno_ : EIO) : 0; }

protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return sync() == 0 ? 0 : traits_type::eof();
    pending_ += traits_type::to_char_type(ch);
    if (ch == '\n' || pending_.size() >= 8192) forward();
    return ch;
  }
  std::streamsize xsputn(const char *s, std::streamsize n) override {
    pending_.append(s, static_cast<size_t>(n));
    if (pending_.find('\n') != std::string::npos || pending_.size() >= 8192) forward();
    return n;
  }
  int sync() override {
    forward();
    if (next_->pubsync() != 0) fail();
    return failed_ ? -1 : 0;
  }

private:
  void forward() {
    if (pending_.empty()) return;
    std::string out = scrubSecrets(std::move(pending_));
    pending_.clear();
    auto n = next_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
    if (n != static_cast<std::streamsize>(out.size())) fail();
  }
  void fail() {
    if (!failed_) errno_ = errno;
    failed_ = true;
  }
  std::streambuf *next_;
  std::string pending_;
  bool failed_ = false;
  int errno_ = 0;
};

ScrubbingBuf *outBuf = nullptr;
ScrubbingBuf *errBuf = nullptr;
} // namespace

void registerSecret(const std::string &secret) {
  // Very short secrets would turn ordinary words into ***; the URL masking still hides them.
  if (secret.size() < 4) return;
  std::lock_guard<std::mutex> lock(secretsMutex());
  for (const auto &s : secrets())
    if (s == secret) return;
  secrets().push_back(secret);
}

std::string scrubSecrets(std::string text) {
  std::lock_guard<std::mutex> lock(secretsMutex());
  for (const auto &s : secrets()) {
    size_t pos = 0;
    while ((pos = text.find(s, pos)) != std::string::npos) {
      text.replace(pos, s.size(), "***");
      pos += 3;
    }
  }
  return text;
}

void installSecretFilter() {
  if (outBuf) return;
  // Leaked on purpose: the streams are used until the very end of the process.
  outBuf = new ScrubbingBuf(std::cout.rdbuf());
  errBuf = new ScrubbingBuf(std::cerr.rdbuf());
  std::cout.rdbuf(outBuf);
  std::cerr.rdbuf(errBuf);
}

int flushFilteredOutput() {
  std::cerr.flush();
  errno = 0;
  std::cout.flush();
  if (outBuf && outBuf->failedErrno()) return outBuf->failedErrno();
  if (std::cout.fail()) return errno ? errno : EIO;
  return 0;
}

} // namespace tether
