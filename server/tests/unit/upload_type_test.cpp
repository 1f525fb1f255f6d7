#include "security/upload_type.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s.push_back(static_cast<char>(c));
  return s;
}

// The first bytes of real files as written by common tools.
TEST(UploadTypeTest, MagicBytes) {
  EXPECT_EQ(sniffContentType(bytes({0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'})),
            "image/png");
  EXPECT_EQ(sniffContentType(bytes({0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0})), "image/jpeg");
  EXPECT_EQ(sniffContentType(bytes({0xff, 0xd8, 0xff, 0xe1, 0x2f, 0xfe, 'E', 'x', 'i', 'f'})), "image/jpeg");
  EXPECT_EQ(sniffContentType("GIF89a\x01\x00\x01\x00\x80\x00\x00"), "image/gif");
  EXPECT_EQ(sniffContentType("GIF87a\x0a\x00\x0a\x00"), "image/gif");
  EXPECT_EQ(sniffContentType(bytes({'R', 'I', 'F', 'F', 0x24, 0x08, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '})),
            "image/webp");
  EXPECT_EQ(sniffContentType("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "application/pdf");
  EXPECT_EQ(sniffContentType(bytes({'P', 'K', 3, 4, 0x14, 0, 0, 0, 8, 0})), "application/zip");
  EXPECT_EQ(sniffContentType(bytes({'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})),
            "application/zip");
}

TEST(UploadTypeTest, NearMissesAreNotImages) {
  // A WAV file is RIFF too, but not WEBP.
  EXPECT_EQ(sniffContentType(bytes({'R', 'I', 'F', 'F', 0x24, 0x08, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' '})),
            std::nullopt);
  EXPECT_EQ(sniffContentType(bytes({0x89, 'P', 'N', 'G'})), std::nullopt);  // truncated signature
  EXPECT_EQ(sniffContentType(bytes({0x7f, 'E', 'L', 'F', 2, 1, 1, 0})), std::nullopt);
  EXPECT_EQ(sniffContentType(bytes({'M', 'Z', 0x90, 0, 3, 0, 0, 0})), std::nullopt);  // Windows .exe
  EXPECT_EQ(sniffContentType(""), std::nullopt);
}

TEST(UploadTypeTest, PlainText) {
  EXPECT_EQ(sniffContentType("Order #1234 never arrived.\r\nPlease help!\n"), "text/plain");
  EXPECT_EQ(sniffContentType("name,qty\nÄpfel,3\nБорщ,1\n寿司,2\n"), "text/plain");
  EXPECT_EQ(sniffContentType("\xEF\xBB\xBFwith BOM"), "text/plain");
  // HTML is text: it is served back as text/plain with nosniff, never rendered.
  EXPECT_EQ(sniffContentType("<html><script>alert(1)</script></html>"), "text/plain");
}

TEST(UploadTypeTest, BinaryThatIsNotTextIsRefused) {
  EXPECT_EQ(sniffContentType(std::string("abc\0def", 7)), std::nullopt);
  EXPECT_EQ(sniffContentType("caf\xe9 latin-1"), std::nullopt);  // not UTF-8
  EXPECT_EQ(sniffContentType("\x01\x02\x03\x04\x05 mostly control"), std::nullopt);
  std::string log(1000, 'a');
  log[10] = '\x1b';  // one ANSI escape in a log file is fine
  EXPECT_EQ(sniffContentType(log), "text/plain");
}

TEST(UploadTypeTest, SanitizeStripsPathsAndOddCharacters) {
  EXPECT_EQ(sanitizeFilename("invoice 2024-03.pdf"), "invoice 2024-03.pdf");
  EXPECT_EQ(sanitizeFilename("../../etc/passwd"), "passwd");
  EXPECT_EQ(sanitizeFilename("C:\\Users\\ann\\Desktop\\photo.JPG"), "photo.JPG");
  EXPECT_EQ(sanitizeFilename("report (final)*?.docx"), "report _final_.docx");
  EXPECT_EQ(sanitizeFilename("a\r\nX-Injected: 1.txt"), "a_X-Injected_ 1.txt");
  EXPECT_EQ(sanitizeFilename("\"quoted\";.txt"), "quoted_.txt");
  EXPECT_EQ(sanitizeFilename("many     spaces.txt"), "many spaces.txt");
}

TEST(UploadTypeTest, SanitizeKeepsLettersOfOtherScriptsButNotBidiTricks) {
  EXPECT_EQ(sanitizeFilename("Grüße aus Köln.png"), "Grüße aus Köln.png");
  EXPECT_EQ(sanitizeFilename("счёт.pdf"), "счёт.pdf");
  EXPECT_EQ(sanitizeFilename("請求書.pdf"), "請求書.pdf");
  // U+202E RIGHT-TO-LEFT OVERRIDE would display "invoice\u202Efdp.exe" as "invoiceexe.pdf".
  EXPECT_EQ(sanitizeFilename("invoice\u202Efdp.exe"), "invoice_fdp.exe");
  EXPECT_EQ(sanitizeFilename("zero\u200Bwidth.txt"), "zero_width.txt");
  EXPECT_EQ(sanitizeFilename("bad\xff\xfe.txt"), "bad_.txt");
}

TEST(UploadTypeTest, SanitizeNeverEmptyNeverHidden) {
  EXPECT_EQ(sanitizeFilename(""), "file");
  EXPECT_EQ(sanitizeFilename(".."), "file");
  EXPECT_EQ(sanitizeFilename("/"), "file");
  EXPECT_EQ(sanitizeFilename("dir/"), "file");
  EXPECT_EQ(sanitizeFilename("***"), "file");
  EXPECT_EQ(sanitizeFilename(".htaccess"), "htaccess");
  EXPECT_EQ(sanitizeFilename("  name.txt. . "), "name.txt");
}

TEST(UploadTypeTest, SanitizeLimitsLengthAndKeepsExtension) {
  std::string longName(300, 'x');
  auto s = sanitizeFilename(longName + ".pdf");
  EXPECT_EQ(s.size(), 120u);
  EXPECT_TRUE(s.ends_with("xxx.pdf")) << s;

  auto noExt = sanitizeFilename(longName);
  EXPECT_EQ(noExt, std::string(120, 'x'));

  // Counted in characters, and never cut inside one.
  std::string umlauts;
  for (int i = 0; i < 200; ++i) umlauts += "ü";
  auto u = sanitizeFilename(umlauts + ".txt");
  EXPECT_EQ(u.size(), 116u * 2 + 4);
  EXPECT_TRUE(u.ends_with("ü.txt"));
}

}  // namespace
}  // namespace parley
