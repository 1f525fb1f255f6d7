#include "security/upload_url.h"

#include <gtest/gtest.h>

#include <vector>

namespace parley {
namespace {

const std::string kName = "0123456789abcdef0123456789abcdef";

TEST(UploadUrl, OnlyTheShapeTheUploadEndpointGives) {
  EXPECT_TRUE(isUploadUrl("/uploads/" + kName + ".png"));
  EXPECT_EQ(uploadContentType("/uploads/" + kName + ".pdf"), "application/pdf");
  EXPECT_EQ(uploadContentType("/uploads/" + kName + ".txt"), "text/plain");
  for (std::string bad : std::vector<std::string>{"/uploads/%2e%2e/app", "/uploads/../app", "/uploads/" + kName + ".html",
                          "/uploads/" + kName + ".png?x", "/uploads/" + kName + ".png/..", "/uploads/" + kName,
                          "/uploads/0123456789ABCDEF0123456789abcdef.png", "https://evil.example/x.png",
                          "javascript:alert(1)", "/uploads/" + kName.substr(1) + ".png", ""})
    EXPECT_FALSE(isUploadUrl(bad)) << bad;
}

TEST(UploadUrl, ExtensionsMatchTheSniffedTypes) {
  for (std::string type : std::vector<std::string>{"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "application/zip",
                           "text/plain"})
    EXPECT_EQ(uploadContentType("/uploads/" + kName + uploadExtensionFor(type)), type);
}

}  // namespace
}  // namespace parley
