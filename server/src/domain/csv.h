// CSV for spreadsheets (RFC 4180): one cell and one row. A cell that a spreadsheet would run as a
// formula (starting with = + - @, or a tab or carriage return that some strip first) is prefixed
// with an apostrophe: an exported name like "=HYPERLINK(...)" stays text (OWASP "CSV injection").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley {

std::string csvCell(std::string_view value);
// The cells joined by commas, ended by CRLF.
std::string csvRow(const std::vector<std::string>& cells);

}  // namespace parley
