#include "http/static_delivery.h"

#include <cctype>
#include <optional>

#include "domain/ascii.h"

namespace parley {

namespace {

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths; nullopt when malformed.
std::optional<int> parseQ(std::string_view v) {
  v = trimOws(v);
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return std::nullopt;
  int whole = v[0] - '0';
  int frac = 0, digits = 0;
  if (v.size() > 1) {
    if (v[1] != '.' || v.size() > 5) return std::nullopt;
    for (std::size_t i = 2; i < v.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(v[i]))) return std::nullopt;
      frac = frac * 10 + (v[i] - '0');
      ++digits;
    }
  }
  while (digits++ < 3) frac *= 10;
  int q = whole * 1000 + frac;
  return q > 1000 ? std::nullopt : std::optional<int>(q);
}

}  // namespace

ContentCoding chooseContentCoding(std::string_view header, bool have_br, bool have_gzip) {
  std::optional<int> br, gzip, identity, star;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = trimOws(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    if (item.empty()) continue;
    auto semi = item.find(';');
    auto coding = trimOws(item.substr(0, semi));
    std::optional<int> q = 1000;
    while (semi != std::string_view::npos) {  // parameters: only q counts
      auto rest = item.substr(semi + 1);
      semi = rest.find(';');
      auto param = trimOws(rest.substr(0, semi));
      auto eq = param.find('=');
      if (eq != std::string_view::npos && asciiIEquals(trimOws(param.substr(0, eq)), "q")) q = parseQ(param.substr(eq + 1));
      item = rest;
    }
    if (!q) continue;  // a malformed weight: the entry is ignored
    if (asciiIEquals(coding, "br")) br = q;
    else if (asciiIEquals(coding, "gzip") || asciiIEquals(coding, "x-gzip")) gzip = q;
    else if (asciiIEquals(coding, "identity")) identity = q;
    else if (coding == "*") star = q;
  }
  int qBr = have_br ? br.value_or(star.value_or(0)) : 0;
  int qGzip = have_gzip ? gzip.value_or(star.value_or(0)) : 0;
  // Identity is always acceptable as the last resort (unless refused, and even then: nothing else is left);
  // it only outweighs a compressed copy when the client ranked it, by name or by "*".
  int qIdentity = identity.value_or(star.value_or(0));
  if (qBr > 0 && qBr >= qGzip && qBr >= qIdentity) return ContentCoding::br;
  if (qGzip > 0 && qGzip >= qIdentity) return ContentCoding::gzip;
  return ContentCoding::identity;
}

std::string_view codingToken(ContentCoding c) {
  switch (c) {
    case ContentCoding::br: return "br";
    case ContentCoding::gzip: return "gzip";
    default: return "identity";
  }
}

std::string_view codingSuffix(ContentCoding c) {
  switch (c) {
    case ContentCoding::br: return ".br";
    case ContentCoding::gzip: return ".gz";
    default: return "";
  }
}

bool ifNoneMatchHits(std::string_view header, std::string_view etag) {
  auto opaque = [](std::string_view t) {
    t = trimOws(t);
    if (t.size() >= 2 && t[0] == 'W' && t[1] == '/') t.remove_prefix(2);
    return t;
  };
  if (trimOws(header) == "*") return !etag.empty();
  auto want = opaque(etag);
  if (want.empty()) return false;
  while (!header.empty()) {
    auto comma = header.find(',');
    if (opaque(header.substr(0, comma)) == want) return true;
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
  }
  return false;
}

}  // namespace parley
