#include "wire/chat_completions_json.h"

#include <boost/json.hpp>

namespace parley::json {

namespace bj = boost::json;

std::string chatCompletionsRequest(std::string_view model, const std::vector<ChatTurn>& turns, int max_tokens) {
  bj::array messages;
  for (const auto& t : turns) messages.push_back(bj::object{{"role", t.role}, {"content", t.content}});
  bj::object o{{"model", model}, {"messages", std::move(messages)}, {"temperature", 0.2},
               {"max_tokens", max_tokens}, {"stream", false}};
  return bj::serialize(o);
}

ChatCompletion parseChatCompletion(std::string_view body) {
  ChatCompletion out;
  bj::parse_options opts;
  opts.max_depth = 32;
  boost::system::error_code ec;
  const bj::value v = bj::parse(body, ec, {}, opts);
  if (ec || !v.is_object()) {
    out.text = "the answer is not JSON";
    return out;
  }
  const auto& o = v.get_object();
  if (const auto* err = o.if_contains("error")) {
    const auto* msg = err->is_object() ? err->get_object().if_contains("message") : nullptr;
    out.text = std::string("error: ") + (msg && msg->is_string() ? std::string(msg->get_string()) : "unnamed");
    return out;
  }
  const auto* choices = o.if_contains("choices");
  if (!choices || !choices->is_array() || choices->get_array().empty() || !choices->get_array()[0].is_object()) {
    out.text = "no choices";
    return out;
  }
  const auto& choice = choices->get_array()[0].get_object();
  const auto* finish = choice.if_contains("finish_reason");
  const auto* message = choice.if_contains("message");
  if (message && message->is_object()) {
    const auto& m = message->get_object();
    if (const auto* refusal = m.if_contains("refusal"); refusal && refusal->is_string() && !refusal->get_string().empty()) {
      out.kind = ChatCompletion::Kind::Refusal;
      out.text = std::string(refusal->get_string());
      return out;
    }
  }
  if (finish && finish->is_string() && finish->get_string() == "content_filter") {
    out.kind = ChatCompletion::Kind::Refusal;
    return out;
  }
  const auto* content = message && message->is_object() ? message->get_object().if_contains("content") : nullptr;
  if (!content || !content->is_string()) {
    out.text = "no message content";
    return out;
  }
  out.kind = ChatCompletion::Kind::Content;
  out.text = std::string(content->get_string());
  return out;
}

}  // namespace parley::json
