#include "domain/bot_flow.h"

#include <algorithm>

#include "domain/text_limits.h"

namespace parley {

namespace {

std::string trimmed(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool sameLabel(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::vector<QuickReply> quickReplies(const BotSettings& s) {
  std::vector<QuickReply> out;
  for (const auto& o : s.options) out.push_back({o.id, o.label});
  return out;
}

BotAction say(std::string text, std::vector<QuickReply> replies = {}) {
  BotAction a;
  a.kind = BotAction::Kind::Say;
  a.text = std::move(text);
  a.quick_replies = std::move(replies);
  return a;
}

void keepQuestion(BotState& st, std::string_view text) {
  auto t = trimmed(text);
  if (t.empty() || st.questions.size() >= kMaxBotQuestionsKept) return;
  st.questions.push_back(truncateUtf8(t, kMaxBotQuestionKeptChars));
}

bool knows(const BotState& st, BotField f) {
  return std::any_of(st.learned.begin(), st.learned.end(), [&](const auto& p) { return p.first == f; });
}

void askEmailWhileAway(BotState& st, std::vector<BotAction>& out, const BotSettings& s, const BotAvailability& a,
                       bool handed_off) {
  out.push_back(say(offlineNotice(s, a)));
  if (knows(st, BotField::Email)) return;
  st.stage = BotStage::AskingField;
  st.asking = BotField::Email;
  st.field_attempts = 0;
  st.handed_off = handed_off;
  st.asked.push_back("email (nobody online)");
}

void handoff(BotState& st, std::vector<BotAction>& out, const BotSettings& s, const BotEvent& e,
             std::string_view reason) {
  st.stage = BotStage::HandedOff;
  st.asking.reset();
  st.handed_off = true;
  out.push_back(say(s.handoff_text));
  BotAction h;
  h.kind = BotAction::Kind::Handoff;
  h.note = botHandoffSummary(st, reason);
  out.push_back(std::move(h));
  if (!e.availability.team_available) askEmailWhileAway(st, out, s, e.availability, true);
}

void choose(BotState& st, std::vector<BotAction>& out, const BotSettings& s, const BotEvent& e, const BotOption& o) {
  if (st.choices.size() < kMaxBotChoicesKept) st.choices.push_back(o.label);
  st.asking.reset();
  st.field_attempts = 0;
  st.stage = BotStage::Choosing;
  switch (o.action) {
    case BotOptionAction::Answer: out.push_back(say(o.text, quickReplies(s))); break;
    case BotOptionAction::Article: {
      BotAction a;
      a.kind = BotAction::Kind::SayArticle;
      a.text = o.text;
      a.article_id = o.article_id;
      out.push_back(std::move(a));
      break;
    }
    case BotOptionAction::Ask:
      st.stage = BotStage::AskingField;
      st.asking = o.field;
      st.asked.push_back(o.question);
      out.push_back(say(o.question));
      break;
    case BotOptionAction::Human: handoff(st, out, s, e, "the visitor asked for a human"); break;
  }
}

void answerFreeText(BotState& st, std::vector<BotAction>& out, const BotSettings& s, const BotEvent& e) {
  keepQuestion(st, e.text);
  st.stage = BotStage::Choosing;
  st.asking.reset();
  if (!e.matches.empty()) {
    BotAction a;
    a.kind = BotAction::Kind::SayArticles;
    a.text = e.matches.size() == 1 ? "This article may help:" : "These articles may help:";
    a.articles = e.matches;
    out.push_back(std::move(a));
    return;
  }
  if (++st.misses >= kBotMissesBeforeHandoff) {
    handoff(st, out, s, e, "two questions the bot could not answer");
    return;
  }
  out.push_back(say("Sorry, I couldn't find an answer to that. Could you put it another way, or pick one of these?",
                    quickReplies(s)));
}

// While a field is asked, a sentence that is not the field is a question (the visitor moved on), answered as such.
bool looksLikeQuestion(const BotState& st, const BotEvent& e) {
  if (st.stage != BotStage::AskingField || st.handed_off) return false;
  const auto t = trimmed(e.text);
  return t.find_first_of(" \t\n") != std::string::npos && !normalizeBotField(st.asking.value_or(BotField::Email), t);
}

const char* fieldWord(BotField f) {
  switch (f) {
    case BotField::Email: return "email address";
    case BotField::Name: return "name";
    case BotField::OrderNumber: return "order number";
  }
  return "answer";
}

}  // namespace

const BotOption* chosenOption(const BotSettings& s, const BotState& st, const BotEvent& e) {
  if (e.kind != BotEvent::Kind::VisitorMessage) return nullptr;
  const bool offering = st.stage == BotStage::Choosing || (st.stage == BotStage::AskingField && !st.handed_off);
  if (!offering) return nullptr;
  if (e.option_id)
    for (const auto& o : s.options)
      if (o.id == *e.option_id) return &o;
  const auto text = trimmed(e.text);
  for (const auto& o : s.options)
    if (sameLabel(o.label, text)) return &o;
  return nullptr;
}

bool wantsArticleSearch(const BotSettings& s, const BotState& st, const BotEvent& e) {
  if (e.kind != BotEvent::Kind::VisitorMessage || chosenOption(s, st, e) != nullptr) return false;
  return (st.stage == BotStage::Choosing && !trimmed(e.text).empty()) || looksLikeQuestion(st, e);
}

BotStep botStep(const BotSettings& s, BotState st, const BotEvent& e) {
  std::vector<BotAction> out;
  if (e.kind == BotEvent::Kind::AgentReplied) {
    st.stage = BotStage::Silent;
    st.asking.reset();
    return {std::move(st), {}};
  }
  switch (st.stage) {
    case BotStage::Silent:
    case BotStage::HandedOff: break;
    case BotStage::New:
      keepQuestion(st, e.text);
      st.stage = BotStage::Choosing;
      out.push_back(say(s.greeting, quickReplies(s)));
      if (!e.availability.team_available) askEmailWhileAway(st, out, s, e.availability, false);
      break;
    case BotStage::Choosing:
      if (const auto* o = chosenOption(s, st, e))
        choose(st, out, s, e, *o);
      else
        answerFreeText(st, out, s, e);
      break;
    case BotStage::AskingField: {
      if (const auto* o = chosenOption(s, st, e)) {
        choose(st, out, s, e, *o);
        break;
      }
      if (looksLikeQuestion(st, e)) {
        answerFreeText(st, out, s, e);
        break;
      }
      const BotField f = st.asking.value_or(BotField::Email);
      if (auto v = normalizeBotField(f, e.text)) {
        st.learned.emplace_back(f, *v);
        out.push_back(BotAction{.kind = BotAction::Kind::SaveField, .field = f, .value = *v});
        st.asking.reset();
        st.field_attempts = 0;
        if (st.handed_off) {
          st.stage = BotStage::HandedOff;
          out.push_back(say("Thanks! We'll reply to " + *v + " as soon as we're back."));
        } else {
          st.stage = BotStage::Choosing;
          out.push_back(say(f == BotField::Email && !e.availability.team_available
                                ? "Thanks! We'll reply to " + *v + " as soon as we're back. Anything else?"
                                : "Thanks! Anything else I can help with?",
                            quickReplies(s)));
        }
        break;
      }
      if (++st.field_attempts < kBotFieldAttempts) {
        out.push_back(say(std::string("That doesn't look like a valid ") + fieldWord(f) + ". Could you check it?"));
        break;
      }
      // Two answers that are not the field: it was a question after all.
      st.asking.reset();
      st.field_attempts = 0;
      if (st.handed_off) {
        st.stage = BotStage::HandedOff;
        keepQuestion(st, e.text);
      } else {
        answerFreeText(st, out, s, e);
      }
      break;
    }
  }
  return {std::move(st), std::move(out)};
}

std::optional<std::string> normalizeBotField(BotField f, std::string_view value) {
  auto v = trimmed(value);
  if (v.empty() || !isValidUtf8(v)) return std::nullopt;
  switch (f) {
    case BotField::Email: {
      if (v.size() > 254 || v.find_first_of(" \t\r\n<>,;\"") != std::string::npos) return std::nullopt;
      auto at = v.find('@');
      if (at == std::string::npos || at == 0 || v.find('@', at + 1) != std::string::npos) return std::nullopt;
      auto dot = v.find('.', at + 1);
      if (dot == std::string::npos || dot == at + 1 || v.back() == '.') return std::nullopt;
      return v;
    }
    case BotField::Name:
      if (countCodePoints(v) > 100 || isBlank(v)) return std::nullopt;
      return v;
    case BotField::OrderNumber:
      if (v.size() > 64) return std::nullopt;
      if (v[0] == '#') v.erase(0, 1);
      if (v.empty()) return std::nullopt;
      for (char c : v)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '/'))
          return std::nullopt;
      return v;
  }
  return std::nullopt;
}

std::string botHandoffSummary(const BotState& st, std::string_view reason) {
  std::string out = "Bot handoff: ";
  out += reason;
  out += ".";
  auto list = [&](std::string_view title, const std::vector<std::string>& items, bool quote) {
    if (items.empty()) return;
    out += "\n";
    out += title;
    out += ": ";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out += quote ? "; " : ", ";
      if (quote) out += "\"";
      out += items[i];
      if (quote) out += "\"";
    }
  };
  list("Visitor asked", st.questions, true);
  list("Visitor chose", st.choices, false);
  list("Bot asked", st.asked, false);
  std::vector<std::string> learned;
  for (const auto& [f, v] : st.learned) learned.push_back(std::string(toString(f)) + " " + v);
  list("Learned", learned, false);
  if (st.learned.empty()) out += "\nLearned: nothing yet.";
  return out;
}

std::string offlineNotice(const BotSettings& s, const BotAvailability& a) {
  std::string out = s.offline_text;
  const std::string back = a.back_at.empty() ? "soon" : a.back_at;
  for (auto pos = out.find("{back}"); pos != std::string::npos; pos = out.find("{back}", pos + back.size()))
    out.replace(pos, 6, back);
  return out;
}

}  // namespace parley
