#include "outbound/mail_in_client.h"

#include "outbound/http_post.h"
#include "wire/json_codec.h"

namespace parley {

MailInResult postInboundEmail(const std::string& server_url, const std::string& token, const std::string& raw) {
  std::string base = server_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  HttpPostRequest req;
  req.url = base + "/api/v1/inbound-email";
  req.headers = {"Content-Type: message/rfc822", "Authorization: Bearer " + token};
  req.body = raw;
  req.timeout = std::chrono::milliseconds(120'000);
  req.max_response_bytes = 64 * 1024;
  auto r = httpPost(req);
  if (r.outcome != HttpPostResult::Outcome::Answered)
    return {kMailInTempFail, "the server did not answer: " + (r.error.empty() ? std::string("timeout") : r.error)};
  if (r.status == 401 || r.status == 403) return {kMailInNoPermission, "the server refused the token"};
  if (r.status == 413) return {kMailInDataError, "the email is larger than the server takes"};
  if (r.status != 200) return {kMailInTempFail, "the server answered " + std::to_string(r.status)};
  std::string outcome = "?", reason;
  auto v = json::parseOr(r.body, boost::json::object{});
  if (v.is_object()) {
    const auto& o = v.get_object();
    if (auto it = o.find("outcome"); it != o.end() && it->value().is_string()) outcome = std::string(it->value().get_string());
    if (auto it = o.find("reason"); it != o.end() && it->value().is_string()) reason = std::string(it->value().get_string());
  }
  return {kMailInTaken, outcome + (reason.empty() ? "" : ": " + reason)};
}

}  // namespace parley
