// The message assembler byte by byte: fragments joined, text checked as UTF-8 only when whole,
// and every way a peer can break RFC 6455 5.4 answered with the right close code.
#include "http/websocket_message.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

WsFrame frame(WsOpcode op, std::string_view payload, bool fin = true) { return WsFrame{op, fin, payload}; }

TEST(WsMessageAssembler, AWholeTextFrameIsAMessage) {
  auto r = WsMessageAssembler::whole(frame(WsOpcode::Text, "{\"type\":\"ping\"}"), 100);
  ASSERT_EQ(r.kind, WsMessageResult::Message);
  EXPECT_EQ(r.data, "{\"type\":\"ping\"}");
  EXPECT_TRUE(r.is_text);
}

TEST(WsMessageAssembler, TextThatIsNotUtf8IsClosedWith1007) {
  for (std::string bad : {std::string("\xff"), std::string("caf\xc3"), std::string("\xed\xa0\x80"),  // surrogate
                          std::string("\xc0\xaf")}) {                                             // overlong '/'
    auto r = WsMessageAssembler::whole(frame(WsOpcode::Text, bad), 100);
    ASSERT_EQ(r.kind, WsMessageResult::Error) << bad.size();
    EXPECT_EQ(r.close_code, 1007);
  }
  auto binary = WsMessageAssembler::whole(frame(WsOpcode::Binary, "\xff\xfe"), 100);
  EXPECT_EQ(binary.kind, WsMessageResult::Message) << "binary payloads are not text";
  EXPECT_FALSE(binary.is_text);
}

TEST(WsMessageAssembler, FragmentsAreJoinedAndACodePointMaySpanThem) {
  WsMessageAssembler a(100);
  const std::string euro = "\xe2\x82\xac";  // one code point, split over two frames below
  EXPECT_EQ(a.onDataFrame(frame(WsOpcode::Text, "price " + euro.substr(0, 1), false)).kind, WsMessageResult::Pending);
  EXPECT_TRUE(a.midMessage());
  EXPECT_EQ(a.onDataFrame(frame(WsOpcode::Continuation, euro.substr(1), false)).kind, WsMessageResult::Pending);
  auto r = a.onDataFrame(frame(WsOpcode::Continuation, " 5"));
  ASSERT_EQ(r.kind, WsMessageResult::Message);
  EXPECT_EQ(r.data, "price " + euro + " 5");
  EXPECT_TRUE(r.is_text);
  EXPECT_FALSE(a.midMessage());
}

TEST(WsMessageAssembler, AJoinedTextThatIsNotUtf8Is1007) {
  WsMessageAssembler a(100);
  a.onDataFrame(frame(WsOpcode::Text, "ok", false));
  auto r = a.onDataFrame(frame(WsOpcode::Continuation, "\xe2\x82"));  // ends inside a code point
  ASSERT_EQ(r.kind, WsMessageResult::Error);
  EXPECT_EQ(r.close_code, 1007);
}

TEST(WsMessageAssembler, OutOfOrderFramesAreProtocolErrors) {
  WsMessageAssembler a(100);
  auto lone = a.onDataFrame(frame(WsOpcode::Continuation, "x"));
  EXPECT_EQ(lone.kind, WsMessageResult::Error);
  EXPECT_EQ(lone.close_code, 1002) << "a continuation with nothing to continue";

  WsMessageAssembler b(100);
  b.onDataFrame(frame(WsOpcode::Text, "a", false));
  auto interleaved = b.onDataFrame(frame(WsOpcode::Text, "b"));
  EXPECT_EQ(interleaved.kind, WsMessageResult::Error);
  EXPECT_EQ(interleaved.close_code, 1002) << "a new message before the last one ended";
}

TEST(WsMessageAssembler, AMessageOverTheLimitIs1009WhetherWholeOrInPieces) {
  EXPECT_EQ(WsMessageAssembler::whole(frame(WsOpcode::Text, std::string(11, 'a')), 10).close_code, 1009);
  WsMessageAssembler a(10);
  EXPECT_EQ(a.onDataFrame(frame(WsOpcode::Text, std::string(6, 'a'), false)).kind, WsMessageResult::Pending);
  auto r = a.onDataFrame(frame(WsOpcode::Continuation, std::string(5, 'a')));
  EXPECT_EQ(r.kind, WsMessageResult::Error);
  EXPECT_EQ(r.close_code, 1009);
}

}  // namespace
}  // namespace parley
