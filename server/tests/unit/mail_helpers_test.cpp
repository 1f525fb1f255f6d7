// The small pure parts of mail/: IMAP response reading, CRLF line ends for SMTP, mail server URLs
// and the text of an HTML body.
#include <gtest/gtest.h>

#include "mail/html_text.h"
#include "mail/imap_responses.h"
#include "mail/mail_server_url.h"
#include "mail/smtp_sender.h"

namespace parley {
namespace {

TEST(ImapResponses, SearchUids) {
  EXPECT_EQ(parseImapSearchUids("* SEARCH 4 2 17\r\n"), (std::vector<std::uint64_t>{2, 4, 17}));
  EXPECT_EQ(parseImapSearchUids("* SEARCH\r\n"), std::vector<std::uint64_t>{});
  EXPECT_EQ(parseImapSearchUids(""), std::vector<std::uint64_t>{});
  EXPECT_EQ(parseImapSearchUids("* search 3\r\n* SEARCH 3 1\r\n"), (std::vector<std::uint64_t>{1, 3}));
  EXPECT_EQ(parseImapSearchUids("* SEARCH 5 9 (MODSEQ 1234)\r\n"), (std::vector<std::uint64_t>{5, 9}));
  // Not numbers, zero, past 32 bits, overflow: not UIDs.
  EXPECT_EQ(parseImapSearchUids("* SEARCH 12abc 0 4294967296 99999999999999999999999 7\r\n"),
            std::vector<std::uint64_t>{});
  EXPECT_EQ(parseImapSearchUids("* SEARCH 0 4294967295 7\r\n"), (std::vector<std::uint64_t>{7, 4294967295u}));
  EXPECT_EQ(parseImapSearchUids("* 3 EXISTS\r\n* SEARCH 8\r\n"), (std::vector<std::uint64_t>{8}));
}

TEST(ImapResponses, FlagsIncludeSeen) {
  EXPECT_TRUE(imapFlagsIncludeSeen("* 1 FETCH (UID 5 FLAGS (\\Seen \\Answered))\r\n"));
  EXPECT_TRUE(imapFlagsIncludeSeen("* 1 FETCH (FLAGS (\\Answered \\seen) UID 5)\r\n"));
  EXPECT_FALSE(imapFlagsIncludeSeen("* 1 FETCH (UID 5 FLAGS ())\r\n"));
  EXPECT_FALSE(imapFlagsIncludeSeen("* 1 FETCH (UID 5 FLAGS (\\Recent $Seen))\r\n"));
  EXPECT_FALSE(imapFlagsIncludeSeen(""));
  EXPECT_FALSE(imapFlagsIncludeSeen("* 1 FETCH (UID 5 FLAGS (\\Seen"));  // cut off: still no crash
}

TEST(SmtpLineEnds, BareLfAndCrBecomeCrlf) {
  EXPECT_EQ(withCrlfLineEnds("a\nb\r\nc\rd\n"), "a\r\nb\r\nc\r\nd\r\n");
  EXPECT_EQ(withCrlfLineEnds("\n.\n"), "\r\n.\r\n");
  EXPECT_EQ(withCrlfLineEnds(""), "");
  EXPECT_EQ(withCrlfLineEnds("\r"), "\r\n");
}

TEST(MailServerUrl, CredentialsComeOutDecoded) {
  const MailServerUrl url = parseMailServerUrl("smtp://us%40er:p%3Ass%2Fw@mail.example.com:587", {"smtp", "smtps"});
  EXPECT_EQ(url.scheme, "smtp");
  EXPECT_EQ(url.user, "us@er");
  EXPECT_EQ(url.password, "p:ss/w");
  EXPECT_EQ(url.host, "mail.example.com");
  EXPECT_EQ(url.url.find("p%3Ass"), std::string::npos);
  EXPECT_EQ(url.url.find("us%40er"), std::string::npos);
  EXPECT_EQ(url.url.rfind("smtp://mail.example.com:587", 0), 0u) << url.url;

  const MailServerUrl imap = parseMailServerUrl("IMAPS://jo:secret@127.0.0.1:993/INBOX", {"imap", "imaps"});
  EXPECT_EQ(imap.scheme, "imaps");
  EXPECT_EQ(imap.path, "/INBOX");
  EXPECT_EQ(parseMailServerUrl("imap://h", {"imap"}).user, "");
}

TEST(MailServerUrl, RefusesOtherSchemesAndNonsense) {
  EXPECT_THROW(parseMailServerUrl("http://example.com", {"smtp", "smtps"}), std::invalid_argument);
  EXPECT_THROW(parseMailServerUrl("not a url", {"smtp"}), std::invalid_argument);
  EXPECT_THROW(parseMailServerUrl("", {"smtp"}), std::invalid_argument);
  try {
    parseMailServerUrl("ftp://u:hunter2@h", {"smtp"});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos);
  }
  EXPECT_THROW(SmtpSender(SmtpSettings{"imap://h"}), std::invalid_argument);
}

TEST(HtmlText, TagsEntitiesAndBlocks) {
  EXPECT_EQ(htmlToText("<p>a</p><p>b</p>"), "a\n\nb");  // at most one blank line between blocks
  EXPECT_EQ(htmlToText("x &lt;y&gt; &amp;amp; &#0; &#99999999; &bogus;"), "x <y> &amp; \xEF\xBF\xBD \xEF\xBF\xBD &bogus;");
  EXPECT_EQ(htmlToText("<STYLE>b{}</STYLE>seen<SCRIPT>no</script>"), "seen");
  EXPECT_EQ(htmlToText("a   b\n\n c"), "a b c");
  EXPECT_EQ(htmlToText("<table><tr><td>1</td><td>2</td></tr></table>"), "1 2");
  // Cut off anywhere: no crash, no text from inside a tag.
  EXPECT_EQ(htmlToText("ok <a href=\"x"), "ok");
  EXPECT_EQ(htmlToText("<script>never closed"), "");
  EXPECT_EQ(htmlToText("<!-- never closed"), "");
  EXPECT_EQ(htmlToText(""), "");
}

}  // namespace
}  // namespace parley
