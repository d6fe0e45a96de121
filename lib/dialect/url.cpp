#include "dialect/url.h"
#include "core/error.h"
#include "core/secret_scrub.h"
#include "core/strings.h"
#include <algorithm>
#include <cctype>
#include <vector>

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

namespace {
bool isSecretKey(const std::string &key) {
  std::string k = toLower(key);
  return k == "password" || k == "sslpassword";
}

// Where the userinfo of a URL-like text starts (after the scheme's // or, for a typo like
// postgresql:/u:pw@h, after the scheme's colon) and ends (its last @): npos when it has none.
std::pair<size_t, size_t> userinfoSpan(const std::string &text) {
  size_t start = text.find("//");
  if (start != std::string::npos) {
    start += 2;
  } else {
    start = text.find(':');
    if (start == std::string::npos) return {std::string::npos, std::string::npos};
    ++start;
    while (start < text.size() && text[start] == '/')
      ++start;
  }
  size_t at = text.rfind('@');
  if (at == std::string::npos || at < start) return {std::string::npos, std::string::npos};
  return {start, at};
}

// The value spans of password= and sslpassword= parameters, wherever they appear.
std::vector<std::pair<size_t, size_t>> secretParamSpans(const std::string &text) {
  std::vector<std::pair<size_t, size_t>> spans;
  std::string lower = toLower(text);
  for (const std::string key : {"sslpassword=", "password="}) {
    size_t pos = 0;
    while ((pos = lower.find(key, pos)) != std::string::npos) {
      bool boundary = pos == 0 || lower[pos - 1] == '?' || lower[pos - 1] == '&' ||
                      std::isspace(static_cast<unsigned char>(lower[pos - 1]));
      size_t begin = pos + key.size();
      size_t end = text.find('&', begin);
      if (end == std::string::npos) end = text.size();
      if (boundary) spans.push_back({begin, end});
      pos = begin;
    }
  }
  return spans;
}
} // namespace

std::string maskUrl(const std::string &text) {
  std::string out = text;
  // Query secrets first, from the right, so earlier positions stay valid.
  auto spans = secretParamSpans(out);
  std::sort(spans.begin(), spans.end());
  spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
  for (auto it = spans.rbegin(); it != spans.rend(); ++it)
    if (it->second > it->first) out.replace(it->first, it->second - it->first, "***");
  auto [start, at] = userinfoSpan(out);
  if (start != std::string::npos) {
    std::string userinfo = out.substr(start, at - start);
    auto colon = userinfo.find(':');
    // user:password@ keeps the user when the user part is plain; anything odd is masked whole.
    if (colon != std::string::npos && userinfo.find_first_of("/?#", 0) > colon)
      out.replace(start + colon + 1, at - start - colon - 1, "***");
    else if (colon != std::string::npos || userinfo.find_first_of("/?#") != std::string::npos)
      out.replace(start, at - start, "***");
  }
  return out;
}

void registerUrlSecrets(const std::string &text) {
  auto add = [](const std::string &secret) {
    registerSecret(secret);
    registerSecret(percentDecode(secret));
  };
  for (auto [b, e] : secretParamSpans(text))
    add(text.substr(b, e - b));
  auto [start, at] = userinfoSpan(text);
  if (start != std::string::npos) {
    std::string userinfo = text.substr(start, at - start);
    auto colon = userinfo.find(':');
    if (colon != std::string::npos) add(userinfo.substr(colon + 1));
  }
}

DbUrl parseDbUrl(const std::string &url) {
  registerUrlSecrets(url);
  DbUrl u;
  u.original = url;
  const std::string hint = "write it as sqlite:///path/to/file.db or postgresql://user@host:5432/dbname";
  auto sep = url.find("://");
  if (sep == std::string::npos) throw Error("'" + maskUrl(url) + "' is not a database URL", {}, hint);
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
      throw Error("SQLite URL '" + maskUrl(url) + "' has a host part", {},
                  "write sqlite:///relative.db or sqlite:////absolute.db");
    }
    return u;
  }
  if (scheme != "postgresql" && scheme != "postgres")
    throw Error("unsupported database '" + scheme + "' in URL", {},
                "tether speaks sqlite:// and postgresql://");
  u.scheme = "postgresql";
  // The userinfo ends at the last @: an unencoded password may hold '/', '?' or '@'.
  std::string userinfo;
  bool hasUserinfo = false;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    hasUserinfo = true;
  }
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
  std::string hostport = authority;
  if (hasUserinfo) {
    auto colon = userinfo.find(':');
    u.user = percentDecode(userinfo.substr(0, colon));
    if (colon != std::string::npos) u.password = percentDecode(userinfo.substr(colon + 1));
  }
  if (!hostport.empty() && hostport[0] == '[') { // IPv6 literal
    auto close = hostport.find(']');
    if (close == std::string::npos) throw Error("bad IPv6 host in URL " + maskUrl(url), {}, hint);
    u.host = hostport.substr(1, close - 1);
    hostport = hostport.substr(close + 1);
    if (!hostport.empty() && hostport[0] == ':')
      hostport = hostport.substr(1);
    else
      hostport.clear();
    if (!hostport.empty()) {
      if (hostport.size() > 5) throw Error("bad port in URL " + maskUrl(url), {}, hint);
      for (char c : hostport)
        if (!std::isdigit(static_cast<unsigned char>(c)))
          throw Error("bad port in URL " + maskUrl(url), {}, hint);
      u.port = std::stoi(hostport);
      if (u.port <= 0 || u.port > 65535) throw Error("port out of range in URL " + maskUrl(url), {}, hint);
    }
  } else {
    auto colon = hostport.rfind(':');
    u.host = percentDecode(hostport.substr(0, colon));
    if (colon != std::string::npos) {
      std::string p = hostport.substr(colon + 1);
      if (p.empty() || p.size() > 5) throw Error("bad port '" + p + "' in URL " + maskUrl(url), {}, hint);
      for (char c : p)
        if (!std::isdigit(static_cast<unsigned char>(c)))
          throw Error("bad port '" + p + "' in URL " + maskUrl(url), {}, hint);
      u.port = std::stoi(p);
      if (u.port <= 0 || u.port > 65535)
        throw Error("port " + p + " out of range in URL " + maskUrl(url), {}, hint);
    }
  }
  return u;
}

std::string DbUrl::masked() const {
  if (scheme == "sqlite") return maskUrl(original);
  bool querySecret = false;
  for (const auto &kv : query)
    querySecret = querySecret || isSecretKey(kv.first);
  if (password.empty() && !querySecret) return maskUrl(original);
  // Rebuild rather than search-and-replace: the password may also appear elsewhere in the text.
  std::string s = scheme + "://";
  if (!user.empty()) s += user;
  if (!password.empty()) s += ":***";
  if (!user.empty() || !password.empty()) s += "@";
  s += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port) s += ":" + std::to_string(port);
  s += "/" + database;
  if (!query.empty()) {
    std::vector<std::string> kv;
    for (const auto &[k, v] : query)
      kv.push_back(k + "=" + (isSecretKey(k) ? "***" : v));
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
  for (const auto &[k, v] : url.query)
    if (isSecretKey(k)) replaceAll(v);
  return out;
}

} // namespace tether
