#include "importer/sqla_importer.h"
#include "core/error.h"
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace tether {

namespace fs = std::filesystem;

std::string findSqlaImporter(const std::string &exePath) {
  if (const char *env = std::getenv("TETHER_SQLA_IMPORTER"); env && *env) {
    if (!fs::exists(env))
      throw Error(std::string("TETHER_SQLA_IMPORTER points at ") + env + ", which does not exist");
    return env;
  }
  std::vector<fs::path> tried;
  std::error_code ec;
  fs::path exe = fs::weakly_canonical(exePath, ec);
  if (!ec && !exe.empty()) tried.push_back(exe.parent_path().parent_path() / "share/tether/sqla_import.py");
#ifdef TETHER_SOURCE_DIR
  tried.push_back(fs::path(TETHER_SOURCE_DIR) / "share/tether/sqla_import.py");
#endif
  for (const auto &p : tried)
    if (fs::exists(p, ec)) return p.string();
  std::string where;
  for (const auto &p : tried)
    where += (where.empty() ? "" : ", ") + p.string();
  throw Error("the SQLAlchemy import helper sqla_import.py is not installed (looked in " + where + ")", {},
              "reinstall tether (cmake --install), or set TETHER_SQLA_IMPORTER to the script");
}

int runSqlaImporter(const std::string &script, const std::string &target, const std::string &output) {
  // The system python3 carries Debian's python3-sqlalchemy; a virtualenv's python3 earlier in
  // PATH may not, so it is chosen only through TETHER_PYTHON.
  std::string python = "/usr/bin/python3";
  if (const char *env = std::getenv("TETHER_PYTHON"); env && *env)
    python = env;
  else if (!fs::exists(python))
    python = "python3";
  std::vector<std::string> args = {python, script, target};
  if (!output.empty()) {
    args.push_back("-o");
    args.push_back(output);
  }
  std::vector<char *> argv;
  for (auto &a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw Error(std::string("cannot start ") + python + ": " + std::strerror(errno));
  if (pid == 0) {
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw Error(std::string("waiting for ") + python + ": " + std::strerror(errno));
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    throw Error("cannot run " + python + " for the SQLAlchemy import", {},
                "install python3 and python3-sqlalchemy, or set TETHER_PYTHON");
  if (!WIFEXITED(status)) throw Error(python + " " + script + " was killed by a signal");
  return WEXITSTATUS(status) == 0 ? kExitOk : kExitFailed;
}

} // namespace tether
