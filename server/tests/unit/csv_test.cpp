// domain/csv.h: RFC 4180 quoting and the spreadsheet formula guard of every CSV export.
#include "domain/csv.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(CsvTest, PlainCellsStayAsTheyAre) {
  EXPECT_EQ(csvCell(""), "");
  EXPECT_EQ(csvCell("agent.login"), "agent.login");
  EXPECT_EQ(csvCell("Zoë 🙂"), "Zoë 🙂");
  EXPECT_EQ(csvCell("203.0.113.7"), "203.0.113.7");
}

TEST(CsvTest, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(csvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(csvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csvCell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csvCell("cr\rlf"), "\"cr\rlf\"");
  EXPECT_EQ(csvCell("\""), "\"\"\"\"");
  EXPECT_EQ(csvCell(R"({"keys":["name","settings.color"]})"), R"("{""keys"":[""name"",""settings.color""]}")");
}

TEST(CsvTest, FormulasAreText) {
  EXPECT_EQ(csvCell("=1+1"), "'=1+1");
  EXPECT_EQ(csvCell("+33 1 23"), "'+33 1 23");
  EXPECT_EQ(csvCell("-2"), "'-2");
  EXPECT_EQ(csvCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csvCell("\t=cmd"), "'\t=cmd");
  EXPECT_EQ(csvCell("\r=cmd"), "\"'\r=cmd\"");
  EXPECT_EQ(csvCell("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csvCell("=a,b"), "\"'=a,b\"");
  // Only the first character counts.
  EXPECT_EQ(csvCell("a=b"), "a=b");
  EXPECT_EQ(csvCell("ok-then"), "ok-then");
}

TEST(CsvTest, ARowEndsWithCrlf) {
  EXPECT_EQ(csvRow({"a", "b,c", "=d"}), "a,\"b,c\",'=d\r\n");
  EXPECT_EQ(csvRow({}), "\r\n");
  EXPECT_EQ(csvRow({""}), "\r\n");
  EXPECT_EQ(csvRow({"", ""}), ",\r\n");
}

}  // namespace
}  // namespace parley
