#include "store/contact_list_query.h"

#include <charconv>
#include <stdexcept>

namespace parley {

const char* contactSegmentCondition(ContactSegment segment) {
  switch (segment) {
    case ContactSegment::All: return "";
    case ContactSegment::Known: return " AND (ct.name IS NOT NULL OR ct.email IS NOT NULL OR ct.external_id IS NOT NULL)";
    case ContactSegment::Chatted: return " AND EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = ct.id)";
  }
  throw std::invalid_argument("segment");  // only a cast makes another value
}

std::string_view trimContactSearch(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string encodeContactCursor(const Contact& c) {
  return "l" + std::to_string(c.last_seen_at) + "." + std::to_string(c.id);
}

std::pair<std::int64_t, std::int64_t> decodeContactCursor(const std::string& cursor) {
  std::int64_t seen = 0, id = 0;
  if (cursor.size() < 4 || cursor[0] != 'l') throw std::invalid_argument("cursor");
  const char* end = cursor.data() + cursor.size();
  auto [dot, ec1] = std::from_chars(cursor.data() + 1, end, seen);
  if (ec1 != std::errc() || dot == end || *dot != '.') throw std::invalid_argument("cursor");
  auto [last, ec2] = std::from_chars(dot + 1, end, id);
  if (ec2 != std::errc() || last != end || id <= 0) throw std::invalid_argument("cursor");
  return {seen, id};
}

}  // namespace parley
