// libFuzzer target for the query-log readers, the fingerprinter and the N+1 detector: bad input
// must never crash, hang or grow memory beyond the input.
#include "core/error.h"
#include "querylog/auto_explain.h"
#include "querylog/fingerprint.h"
#include "querylog/log_prefix.h"
#include "querylog/log_reader.h"
#include "querylog/prefix_inference.h"
#include "querylog/repeat_detector.h"
#include "querylog/shape.h"
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the format (or detection) and a threshold; the rest is the log.
  static const tether::LogFormat kFormats[] = {
      tether::LogFormat::Auto,         tether::LogFormat::Postgres,   tether::LogFormat::PostgresCsv,
      tether::LogFormat::PostgresJson, tether::LogFormat::SqlAlchemy, tether::LogFormat::Sql};
  tether::LogReadOptions opts;
  opts.format = kFormats[data[0] % 6];
  if ((data[0] >> 3) & 1) opts.logPrefix = "%m [%p] %q%u@%d ";
  std::string text(reinterpret_cast<const char *>(data + 1), size - 1);

  tether::Fingerprint fp;
  tether::fingerprintSql(text, fp);
  (void)tether::analyzeShape(fp.text);

  // An auto_explain plan, text or JSON, as the message after "plan:" holds it.
  std::string query;
  (void)tether::autoExplainQueryText(text, query);

  // Prefix inference on the lines as they are, and every spec it proposes compiled and matched.
  std::vector<std::string> lines;
  for (size_t at = 0; at <= text.size() && lines.size() < 64;) {
    size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  for (const auto &spec : tether::inferLogLinePrefixes(lines)) {
    try {
      tether::LogLinePrefix prefix(spec);
      tether::PrefixFields f;
      std::string_view severity;
      for (const auto &l : lines)
        (void)prefix.match(l, f, severity);
    } catch (const tether::Error &) {
      // no process or session id in it: refused, as it should be
    }
  }

  tether::RepeatOptions ro;
  ro.threshold = 2 + (data[0] >> 4);
  ro.maxSessions = 8;
  tether::RepeatDetector detector(ro);
  try {
    tether::readQueryLogText(text, "fuzz.log", opts, detector);
  } catch (const tether::Error &) {
    // not a log: a clean refusal is fine
  }
  detector.finish();
  for (const auto &r : detector.results())
    (void)detector.shape(r.shape);
  return 0;
}
