#include "dialect/url.h"
#include "core/error.h"
#include "core/strings.h"
#include <cctype>

namespace tether {

namespace {
std::string percentDecode(const std::string &s) {
  std::string r;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      r += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      r += s[i];
    }
  }
  return r;
}

std::string conninfoQuote(const std::string &v) {
  std::string r = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') r += '\\';
    r += c;
  }
  return r + "'";
}
} // namespace

DbUrl parseDbUrl(const std::string &url) {
  DbUrl u;
  u.original = url;
  const std::string hint = "write it as sqlite:///path/to/file.db or postgresql://user@host:5432/dbname";
  auto sep = url.find("://");
  if (sep == std::string::npos) throw Error("'" + url + "' is not a database URL", {}, hint);
  std::string scheme = toLower(url.substr(0, sep));
  auto plus = scheme.find('+'); // driver suffix: postgresql+psycopg2
  if (plus != std::string::npos) scheme = scheme.substr(0, plus);
  std::string rest = url.substr(sep + 3);
  if (scheme == "sqlite") {
    u.scheme = "sqlite";
    if (rest.empty() || rest == "/" || rest == "/:memory:") {
      u.path = ":memory:";
    } else if (rest[0] == '/') {
      u.path = rest.substr(1); // sqlite:///rel -> rel ; sqlite:////abs -> /abs
      auto q = u.path.find('?');
      if (q != std::string::npos) u.path = u.path.substr(0, q);
    } else {
      throw Error("SQLite URL '" + url + "' has a host part", {},
                  "write sqlite:///relative.db or sqlite:////absolute.db");
    }
    return u;
  }
  if (scheme != "postgresql" && scheme != "postgres")
    throw Error("unsupported database '" + scheme + "' in URL", {},
                "tether speaks sqlite:// and postgresql://");
  u.scheme = "postgresql";
  auto q = rest.find('?');
  if (q != std::string::npos) {
    for (const auto &kv : split(rest.substr(q + 1), '&')) {
      if (kv.empty()) continue;
      auto eq = kv.find('=');
      u.query[percentDecode(kv.substr(0, eq))] =
          eq == std::string::npos ? "" : percentDecode(kv.substr(eq + 1));
    }
    rest = rest.substr(0, q);
  }
  auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) u.database = percentDecode(rest.substr(slash + 1));
  auto at = authority.rfind('@');
  std::string hostport = authority;
  if (at != std::string::npos) {
    std::string userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    auto colon = userinfo.find(':');
    u.user = percentDecode(userinfo.substr(0, colon));
    if (colon != std::string::npos) u.password = percentDecode(userinfo.substr(colon + 1));
  }
  if (!hostport.empty() && hostport[0] == '[') { // IPv6 literal
    auto close = hostport.find(']');
    if (close == std::string::npos) throw Error("bad IPv6 host in URL " + u.masked(), {}, hint);
    u.host = hostport.substr(1, close - 1);
    hostport = hostport.substr(close + 1);
    if (!hostport.empty() && hostport[0] == ':')
      hostport = hostport.substr(1);
    else
      hostport.clear();
    if (!hostport.empty()) {
      for (char c : hostport)
        if (!std::isdigit(static_cast<unsigned char>(c)))
          throw Error("bad port in URL " + u.masked(), {}, hint);
      u.port = std::stoi(hostport);
    }
  } else {
    auto colon = hostport.rfind(':');
    u.host = percentDecode(hostport.substr(0, colon));
    if (colon != std::string::npos) {
      std::string p = hostport.substr(colon + 1);
      if (p.empty() || p.size() > 5) throw Error("bad port '" + p + "' in URL " + u.masked(), {}, hint);
      for (char c : p)
        if (!std::isdigit(static_cast<unsigned char>(c)))
          throw Error("bad port '" + p + "' in URL " + u.masked(), {}, hint);
      u.port = std::stoi(p);
      if (u.port <= 0 || u.port > 65535)
        throw Error("port " + p + " out of range in URL " + u.masked(), {}, hint);
    }
  }
  return u;
}

std::string DbUrl::masked() const {
  if (scheme == "sqlite") return original;
  if (password.empty()) return original;
  // Rebuild rather than search-and-replace: the password may also appear elsewhere in the text.
  std::string s = scheme + "://";
  if (!user.empty()) s += user;
  s += ":***@";
  s += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port) s += ":" + std::to_string(port);
  s += "/" + database;
  if (!query.empty()) {
    std::vector<std::string> kv;
    for (const auto &[k, v] : query)
      kv.push_back(k + "=" + (k == "password" ? "***" : v));
    s += "?" + join(kv, "&");
  }
  return s;
}

std::string DbUrl::libpqConninfo() const {
  std::vector<std::string> parts;
  if (!host.empty()) parts.push_back("host=" + conninfoQuote(host));
  if (port) parts.push_back("port=" + std::to_string(port));
  if (!user.empty()) parts.push_back("user=" + conninfoQuote(user));
  if (!password.empty()) parts.push_back("password=" + conninfoQuote(password));
  if (!database.empty()) parts.push_back("dbname=" + conninfoQuote(database));
  for (const auto &[k, v] : query)
    parts.push_back(k + "=" + conninfoQuote(v));
  return join(parts, " ");
}

std::string maskSecrets(const std::string &text, const DbUrl &url) {
  std::string out = text;
  auto replaceAll = [&](const std::string &needle) {
    if (needle.empty()) return;
    size_t pos = 0;
    while ((pos = out.find(needle, pos)) != std::string::npos) {
      out.replace(pos, needle.size(), "***");
      pos += 3;
    }
  };
  replaceAll(url.password);
  auto it = url.query.find("password");
  if (it != url.query.end()) replaceAll(it->second);
  return out;
}

} // namespace tether
