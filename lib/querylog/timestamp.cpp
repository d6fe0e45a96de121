#include "querylog/timestamp.h"
#include <cstring>

namespace tether {

namespace {
bool digits(std::string_view s, size_t at, size_t n, int &out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil idea).
long long daysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long long>(era) * 146097 + doe - 719468;
}

// 0.1, 0.1 / 10, … as the digit loop divided them: the same doubles, without a division a digit.
struct Scales {
  double v[24];
  constexpr Scales() : v() {
    double scale = 0.1;
    for (double &x : v) {
      x = scale;
      scale /= 10;
    }
  }
};
constexpr Scales kScales;

// The seconds of the last "YYYY-MM-DD HH:MM:SS" read on this thread: log lines come many a second.
struct LastSecond {
  char text[19] = {};
  bool valid = false;
  double secs = 0;
};
thread_local LastSecond tLast;
} // namespace

double parseTimestampMs(std::string_view s, size_t &used) {
  if (s.size() < 19) return -1;
  double whole;
  if (tLast.valid && std::memcmp(s.data(), tLast.text, 19) == 0) {
    whole = tLast.secs;
  } else {
    int y, mo, d, h, mi, sec;
    if (!digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' || !digits(s, 8, 2, d) ||
        (s[10] != ' ' && s[10] != 'T') || !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) ||
        s[16] != ':' || !digits(s, 17, 2, sec))
      return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 60) return -1;
    whole = static_cast<double>(daysFromCivil(y, mo, d)) * 86400.0 + h * 3600.0 + mi * 60.0 + sec;
    std::memcpy(tLast.text, s.data(), 19);
    tLast.secs = whole;
    tLast.valid = true;
  }
  size_t i = 19;
  double frac = 0;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    size_t j = i + 1;
    double tail = kScales.v[23];
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
      size_t k = j - i - 1;
      frac += (s[j] - '0') * (k < 24 ? kScales.v[k] : (tail /= 10));
      ++j;
    }
    if (j > i + 1) i = j;
  }
  used = i;
  return (whole + frac) * 1000.0;
}

} // namespace tether
