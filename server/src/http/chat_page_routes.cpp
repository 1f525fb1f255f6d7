// /chat/{public id} (issue 15, item 2): the page an email's link opens. A plain server-rendered
// page with the workspace's name and the widget (the same /widget.js snippet as the help center)
// opened at full height, so a visitor on any device is back in the conversation in one click.
//
// The email's link is /chat/{id}?resume=TOKEN. The page answers it with a redirect to
// ?parley_resume=TOKEN, the parameter the loader reads on any site (it trades it for the session
// and takes it out of the address bar), so the loader has one way in, not two.
#include <string>

#include "domain/html_escape.h"
#include "http/responses.h"
#include "http/routes.h"
#include "http/widget_settings.h"

namespace parley {

namespace {

// No inline script and nothing from elsewhere: the loader (same origin) draws the chat in a frame
// of this origin. Inline styles only for this page's own sheet and the loader's shadow root.
constexpr const char* kChatPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

constexpr const char* kChatPageStyle =
    "body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2937;background:#f3f4f6}"
    "header{background:var(--accent);color:#fff;padding:1rem 1.25rem}"
    "h1{margin:0;font-size:1.25rem}p{margin:.25rem 0 0;opacity:.9}"
    "noscript p{padding:1.25rem;opacity:1}";

HttpResponse chatPageResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Content-Security-Policy", kChatPagePolicy);
  r.headers.emplace_back("Cache-Control", "no-store");
  // The URL may still carry the link's token until the loader removes it.
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

std::string chatPageHtml(const std::string& title, const std::string& heading, const std::string& color,
                         const std::string& body) {
  std::string h = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name=\"robots\" content=\"noindex\">\n";
  h += "<title>" + escapeHtml(title) + "</title>\n";
  h += "<style>" + std::string(kChatPageStyle) + ":root{--accent:" + escapeHtml(color) + "}</style>\n</head>\n<body>\n";
  h += "<header><h1>" + escapeHtml(heading) + "</h1></header>\n" + body + "</body>\n</html>\n";
  return h;
}

}  // namespace

void registerChatPageRoutes(Router& r, ChatPageRouteDeps deps) {
  r.add("GET", "/chat/{pid}", [deps](HttpRequest& req, const Reply& reply) {
    auto ws = deps.workspaces.workspaceByPublicId(req.params["pid"]);
    if (!ws)
      return reply(chatPageResponse(
          404, chatPageHtml("Chat not found", "Chat not found", "#4b5563",
                            "<main><p>This chat does not exist. Check the link, or ask the site that sent it.</p></main>\n")));
    if (auto resume = req.queryParam("resume"); resume && !resume->empty()) {
      HttpResponse to = chatPageResponse(303, "");
      to.headers.emplace_back("Location", "/chat/" + urlEncode(ws->public_id) + "?parley_resume=" + urlEncode(*resume));
      return reply(std::move(to));
    }
    std::string color = "#4f46e5";
    const auto settings = widgetSettings(*ws);
    if (auto* c = settings.if_contains("color"); c && c->is_string()) color = std::string(c->get_string());
    const std::string heading = "Chat with " + ws->name;
    // data-page: the loader opens the chat at once, at the page's full height, without a launcher.
    std::string body = "<noscript><p>The chat needs JavaScript.</p></noscript>\n";
    body += "<script async src=\"/widget.js\" data-workspace=\"" + escapeHtml(ws->public_id) + "\" data-page=\"1\"></script>\n";
    reply(chatPageResponse(200, chatPageHtml(heading, heading, color, body)));
  });
}

}  // namespace parley
