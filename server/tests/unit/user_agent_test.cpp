#include "domain/user_agent.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

struct UaCase {
  const char* ua;
  const char* browser;
  const char* os;
  bool bot;
};

// Real User-Agent strings as sent by the browsers and crawlers named.
const UaCase kCases[] = {
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
     "Safari/537.36",
     "Chrome 120", "Windows 10", false},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
     "Safari/537.36 Edg/120.0.2210.91",
     "Edge 120", "Windows 10", false},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 "
     "Safari/537.36 Edge/18.19041",
     "Edge 18", "Windows 10", false},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 "
     "Safari/537.36 OPR/105.0.0.0",
     "Opera 105", "Windows 10", false},
    {"Opera/9.80 (Windows NT 6.1; WOW64) Presto/2.12.388 Version/12.18", "Opera 12", "Windows 7", false},
    {"Mozilla/5.0 (Windows NT 6.3; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 "
     "Safari/537.36",
     "Chrome 109", "Windows 8.1", false},
    {"Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko", "IE 11", "Windows 7", false},
    {"Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)", "IE 10", "Windows 8", false},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox 121",
     "Windows 10", false},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox 121",
     "macOS 10.15", false},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 "
     "Safari/605.1.15",
     "Safari 17", "macOS 10.15", false},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
     "Safari/537.36",
     "Chrome 120", "macOS 10.15", false},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.2 Mobile/15E148 Safari/604.1",
     "Safari 17", "iOS 17.2", false},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
     "Chrome 120", "iOS 17.2", false},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_2_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "FxiOS/121.0 Mobile/15E148 Safari/605.1.15",
     "Firefox 121", "iOS 17.2", false},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "EdgiOS/120.0.2210.126 Version/17.0 Mobile/15E148 Safari/604.1",
     "Edge 120", "iOS 17.1", false},
    {"Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 "
     "Mobile/15E148 Safari/604.1",
     "Safari 16", "iPadOS 16.6", false},
    // Facebook's in-app browser on iOS: WebKit without a Version/ token.
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.1.2;FBSS/3;FBID/phone;FBLC/en_US;"
     "FBOP/5]",
     "Safari", "iOS 17.1", false},
    {"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile "
     "Safari/537.36",
     "Chrome 120", "Android 10", false},
    {"Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
     "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
     "Samsung Internet 23", "Android 13", false},
    {"Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile "
     "Safari/537.36 EdgA/120.0.2210.84",
     "Edge 120", "Android 10", false},
    {"Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0", "Firefox 121", "Android 14", false},
    {"Mozilla/5.0 (Linux; Android 8.1.0; SM-J710F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.104 "
     "Mobile Safari/537.36",
     "Chrome 96", "Android 8.1", false},
    {"Mozilla/5.0 (Linux; Android 9; CUBOT_P30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 "
     "Mobile Safari/537.36",
     "Chrome 114", "Android 9", false},
    {"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox 121", "Linux",
     false},
    {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
     "Chrome 120", "Linux", false},
    {"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
     "Safari/537.36",
     "Chrome 120", "ChromeOS", false},
    // Headless Chromium (our end-to-end tests): a browser, not a bot.
    {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.224 "
     "Safari/537.36",
     "Chrome Headless 120", "Linux", false},

    // Crawlers and link-preview fetchers.
    {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "", "", true},
    {"Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0.6099.71 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
     "Chrome 120", "Android 6.0", true},
    {"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "", "", true},
    {"Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "", "", true},
    {"Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", "", "", true},
    {"Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)", "", "", true},
    {"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "", "", true},
    {"Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "", "", true},
    {"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)", "",
     "", true},
    {"Twitterbot/1.0", "", "", true},
    {"Screaming Frog SEO Spider/19.4", "", "", true},
    {"WhatsApp/2.23.20.0 A", "", "", true},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
     "Safari/537.36 Chrome-Lighthouse",
     "Chrome 120", "macOS 10.15", true},
};

class UserAgentTest : public ::testing::TestWithParam<UaCase> {};

TEST_P(UserAgentTest, Parses) {
  const auto& c = GetParam();
  auto info = parseUserAgent(c.ua);
  EXPECT_EQ(info.browser, c.browser) << c.ua;
  EXPECT_EQ(info.os, c.os) << c.ua;
  EXPECT_EQ(info.is_bot, c.bot) << c.ua;
}

INSTANTIATE_TEST_SUITE_P(RealStrings, UserAgentTest, ::testing::ValuesIn(kCases));

TEST(UserAgentEdgeCases, EmptyAndUnknown) {
  auto empty = parseUserAgent("");
  EXPECT_EQ(empty.browser, "");
  EXPECT_EQ(empty.os, "");
  EXPECT_FALSE(empty.is_bot);

  auto curl = parseUserAgent("curl/8.4.0");
  EXPECT_EQ(curl.browser, "");
  EXPECT_FALSE(curl.is_bot);
}

}  // namespace
}  // namespace parley
