// What a log cannot tell about sessions, said in the finding: a process id that a new connection
// took without a disconnection line in between.
#include "audit/n_plus_one.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether;

namespace {
std::string line(int ms, const std::string &message) {
  char ts[64];
  std::snprintf(ts, sizeof ts, "2024-05-01 10:00:%02d.%03d UTC [42] ", ms / 1000, ms % 1000);
  return ts + std::string("app@shop LOG:  ") + message + "\n";
}

std::string client(int &ms, int firstUser, int users, bool parent) {
  std::string out = line(ms += 5, "connection received: host=10.0.0.7 port=5000" + std::to_string(firstUser));
  if (parent) out += line(ms += 5, "statement: SELECT id, email FROM users ORDER BY id");
  for (int u = firstUser; u < firstUser + users; ++u)
    out += line(ms += 5, "statement: SELECT id FROM orders WHERE user_id = " + std::to_string(u));
  return out;
}
} // namespace

TEST_CASE("a process id reused without a disconnection line starts a new session, and the finding says so",
          "[nplusone][sessions]") {
  test::TempDir dir;
  // Two clients on process 42, log_disconnections off: three lookups each. Taken as one session
  // they would be six lookups after one read, an N+1 that no client ran.
  int ms = 0;
  dir.write("split.log", client(ms, 1, 3, true) + client(ms, 4, 3, false));
  NPlusOneStats stats;
  CHECK(detectNPlusOne({dir.file("split.log")}, {}, nullptr, &stats).empty());
  CHECK(stats.statements == 7);

  // The second client runs an N+1 of its own: found, with the note on what the log cannot show.
  ms = 0;
  dir.write("reused.log", client(ms, 1, 2, true) + client(ms, 10, 6, true));
  auto fs = detectNPlusOne({dir.file("reused.log")}, {}, nullptr);
  REQUIRE(fs.size() == 1);
  CHECK(*fs[0].count == 6);
  CHECK(fs[0].limitation.find("1 process id connected again without a disconnection line") !=
        std::string::npos);
  CHECK(fs[0].limitation.find("log_disconnections = on") != std::string::npos);

  // With disconnection lines the process id is not reused unseen: no note.
  ms = 0;
  std::string closed = client(ms, 1, 2, true) + line(ms += 5, "disconnection: session time: 0:00:00.010") +
                       client(ms, 10, 6, true);
  dir.write("closed.log", closed);
  fs = detectNPlusOne({dir.file("closed.log")}, {}, nullptr);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].limitation.find("process id") == std::string::npos);
}
