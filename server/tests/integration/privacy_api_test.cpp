// Issue 16, item 3 over the real server: a contact's export holds every message and attachment; an
// erased contact is gone from every REST endpoint, from search, from the uploads folder, and (on
// SQLite) from the bytes of the database file and its WAL.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

// The entries of a ZIP archive held in memory, by name.
std::map<std::string, std::string> privacyUnzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return out;
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    zip_source_free(src);
    return out;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    std::string data(st.size, '\0');
    if (f) {
      zip_fread(f, data.data(), st.size);
      zip_fclose(f);
    }
    out[st.name] = data;
  }
  zip_close(z);
  return out;
}

std::string privacyFileBytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class PrivacyApi : public ::testing::Test {
 protected:
  void SetUp() override { admin = server.login(); }

  // A visitor who sent a file and `word`, an agent's reply and a private note.
  struct Seeded {
    std::string token;
    std::int64_t contact_id = 0;
    std::int64_t conversation_id = 0;
    std::string upload_url;
    std::string file_bytes;
  };
  Seeded seed(const std::string& name, const std::string& word) {
    Seeded s;
    s.token = server.newVisitor().first;
    auto me = server.patch("/api/v1/widget/visitor", bj::object{{"name", name}}, s.token);
    s.contact_id = me.json().at("visitor").at("id").as_int64();
    s.file_bytes = std::string("\x89PNG\r\n\x1a\n", 8) + "pixels of " + word;
    auto up = httpRequest(server.port(), "POST", "/api/v1/widget/uploads", s.file_bytes, s.token, "image/png",
                          {{"X-Filename", "photo.png"}});
    EXPECT_EQ(up.status, 201) << up.body;
    s.upload_url = str(up.json().at("url"));
    WsClient ws(server.port());
    ws.hello(s.token);
    ws.send(bj::object{{"type", "message.send"},
                       {"client_id", "c-" + word},
                       {"body", "visitor says " + word},
                       {"attachments", bj::array{bj::object{{"url", s.upload_url}, {"name", "photo.png"}}}}});
    auto ack = ws.waitFor("message.ack");
    EXPECT_TRUE(ack);
    if (ack) s.conversation_id = ack->at("conversation_id").as_int64();
    auto path = "/api/v1/conversations/" + std::to_string(s.conversation_id) + "/messages";
    EXPECT_EQ(server.post(path, bj::object{{"body", "agent answers " + word}}, admin).status, 201);
    EXPECT_EQ(server.post(path, bj::object{{"body", "note about " + word}, {"private", true}}, admin).status, 201);
    return s;
  }

  TestServer server;
  std::string admin;
};

}  // namespace

TEST_F(PrivacyApi, TheExportHoldsEveryMessageAndAttachment) {
  auto s = seed("Export Person", "marmalade");
  auto r = server.get("/api/v1/contacts/" + std::to_string(s.contact_id) + "/export", admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/zip");
  EXPECT_NE(r.headers["content-disposition"].find("attachment; filename=\"contact-"), std::string::npos);
  auto files = privacyUnzip(r.body);
  ASSERT_TRUE(files.count("contact.json")) << r.body.size();
  ASSERT_TRUE(files.count("conversations.json"));
  ASSERT_TRUE(files.count("page_views.json"));
  ASSERT_TRUE(files.count("README.txt"));
  EXPECT_EQ(str(bj::parse(files["contact.json"]).at("contact").at("name")), "Export Person");
  auto conversations = bj::parse(files["conversations.json"]).as_array();
  ASSERT_EQ(conversations.size(), 1u);
  std::vector<std::string> bodies;
  std::string archived;
  for (const auto& m : conversations[0].at("messages").as_array()) {
    bodies.push_back(str(m.at("body")));
    for (const auto& a : m.at("attachments").as_array()) archived = str(a.at("file"));
  }
  EXPECT_EQ(bodies, (std::vector<std::string>{"visitor says marmalade", "agent answers marmalade",
                                              "note about marmalade"}));
  EXPECT_TRUE(conversations[0].at("messages").as_array()[2].at("private").as_bool()) << "the note is marked";
  ASSERT_FALSE(archived.empty());
  ASSERT_TRUE(files.count(archived)) << archived;
  EXPECT_EQ(files[archived], s.file_bytes);

  std::error_code ec;
  std::size_t left = 0;
  for (const auto& e : std::filesystem::directory_iterator(server.dataDir() + "/exports", ec)) (void)e, ++left;
  EXPECT_EQ(left, 0u) << "the archive's file is removed once sent";
  EXPECT_EQ(server.get("/api/v1/contacts/999999/export", admin).status, 404);
  EXPECT_EQ(server.get("/api/v1/contacts/" + std::to_string(s.contact_id) + "/export").status, 401);
}

// Exports are built on their own worker (one at a time, two waiting), not on the I/O thread: each of
// many exports asked at once gets its whole archive or a clear 503 "busy" with Retry-After, never a
// dropped connection or a mixed-up archive, and the server answers other requests meanwhile.
TEST_F(PrivacyApi, ExportsAskedAtOnceEachGetTheirArchiveOrBusy) {
  auto a = seed("First Person", "quince");
  auto b = seed("Second Person", "damson");
  constexpr int kRequests = 8;
  std::vector<HttpResult> results(kRequests);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i)
    threads.emplace_back([&, i] {
      const auto& s = i % 2 ? b : a;
      results[i] = server.get("/api/v1/contacts/" + std::to_string(s.contact_id) + "/export", admin);
    });
  EXPECT_EQ(server.get("/healthz").status, 200);
  for (auto& t : threads) t.join();
  int archives = 0;
  for (int i = 0; i < kRequests; ++i) {
    const auto& r = results[i];
    if (r.status == 503) {
      EXPECT_EQ(str(r.json().at("error").at("code")), "busy") << r.body;
      EXPECT_EQ(r.headers.at("retry-after"), "5");
      continue;
    }
    ASSERT_EQ(r.status, 200) << i << ": " << r.body;
    auto files = privacyUnzip(r.body);
    ASSERT_TRUE(files.count("contact.json")) << i;
    EXPECT_EQ(str(bj::parse(files["contact.json"]).at("contact").at("name")), i % 2 ? "Second Person" : "First Person");
    ++archives;
  }
  EXPECT_GE(archives, 2) << "the queue holds two, whatever the worker is doing";
}

TEST_F(PrivacyApi, AnErasedContactIsGoneFromEveryEndpointSearchAndTheDatabaseFile) {
  auto gone = seed("Gone Person", "xylophoneqq");
  auto kept = seed("Kept Person", "trumpetqq");
  const auto id = std::to_string(gone.contact_id);
  WsClient visitor_socket(server.port());
  visitor_socket.hello(gone.token);

  auto refused = server.post("/api/v1/contacts/" + id + "/erase", bj::object{}, admin);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(str(refused.json().at("error").at("field")), "confirm");
  EXPECT_EQ(server.post("/api/v1/contacts/" + id + "/erase", bj::object{{"confirm", "erase"}}).status, 401);
  auto erased = server.post("/api/v1/contacts/" + id + "/erase", bj::object{{"confirm", "erase"}}, admin);
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_EQ(erased.json().at("erased").at("messages").as_int64(), 3);

  EXPECT_EQ(server.get("/api/v1/contacts/" + id, admin).status, 404);
  EXPECT_EQ(server.get("/api/v1/contacts/" + id + "/conversations", admin).status, 404);
  EXPECT_EQ(server.get("/api/v1/contacts/" + id + "/pageviews", admin).status, 404);
  EXPECT_EQ(server.get("/api/v1/conversations/" + std::to_string(gone.conversation_id), admin).status, 404);
  EXPECT_EQ(server.get("/api/v1/conversations/" + std::to_string(gone.conversation_id) + "/messages", admin).status, 404);
  auto contacts = server.get("/api/v1/contacts?q=Gone", admin).json().at("contacts").as_array();
  EXPECT_TRUE(contacts.empty());
  auto inbox = server.get("/api/v1/conversations", admin).body;
  EXPECT_EQ(inbox.find("xylophoneqq"), std::string::npos);
  EXPECT_NE(inbox.find("trumpetqq"), std::string::npos);
  auto search = server.get("/api/v1/search?q=xylophoneqq", admin).json();
  EXPECT_TRUE(search.at("messages").as_array().empty());
  EXPECT_EQ(server.get("/api/v1/search?q=trumpetqq", admin).json().at("messages").as_array().size(), 3u);
  EXPECT_EQ(httpRequest(server.port(), "GET", gone.upload_url).status, 404) << "the attachment's file is removed";
  EXPECT_EQ(httpRequest(server.port(), "GET", kept.upload_url).status, 200);
  EXPECT_EQ(server.get("/api/v1/widget/conversations/" + std::to_string(gone.conversation_id) + "/messages", gone.token).status,
            401)
      << "the visitor token is gone";
  for (int i = 0; i < 30 && !visitor_socket.closed(); ++i) visitor_socket.next(std::chrono::milliseconds(100));
  EXPECT_TRUE(visitor_socket.closed()) << "the visitor's socket is closed";
  EXPECT_EQ(visitor_socket.closeCode(), 4003) << "closed as erased (the widget starts afresh)";
  EXPECT_EQ(server.post("/api/v1/contacts/" + id + "/erase", bj::object{{"confirm", "erase"}}, admin).status, 404);

  // The bytes: neither the database file nor its WAL holds the text any more.
  for (const char* file : {"/parley.db", "/parley.db-wal"}) {
    auto bytes = privacyFileBytes(server.dataDir() + file);
    EXPECT_EQ(bytes.find("xylophoneqq"), std::string::npos) << file;
    EXPECT_EQ(bytes.find("Gone Person"), std::string::npos) << file;
  }
}
