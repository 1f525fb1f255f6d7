// The knowledge base on every backend (store/article_store.h): slugs and limits per workspace,
// drafts kept out of public reads, search (agents' all-words search and the bot's any-word search,
// best first), pages, views, one vote per voter, and categories.
#include <set>

#include "security/markdown_renderer.h"
#include "store/article_cursor.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

class ArticleStoreTest : public BackendStoreTest {
 protected:
  Article article(const std::string& title, const std::string& markdown, ArticleStatus status = ArticleStatus::Published,
                  Millis at = 10'000, Id workspace_id = 0, std::optional<Id> category = std::nullopt) {
    Article a;
    a.workspace_id = workspace_id ? workspace_id : ws.id;
    a.title = title;
    a.slug = slugify(title);
    a.body_markdown = markdown;
    const auto r = renderMarkdown(markdown);
    a.body_html = r.html;
    a.body_text = r.text;
    a.excerpt = excerptOf(r.text);
    a.status = status;
    a.category_id = category;
    a.created_at = a.updated_at = at;
    if (status == ArticleStatus::Published) a.published_at = at;
    return store->createArticle(a);
  }

  ArticleCategory category(const std::string& name, int position, Id workspace_id = 0) {
    ArticleCategory c;
    c.workspace_id = workspace_id ? workspace_id : ws.id;
    c.name = name;
    c.slug = slugify(name);
    c.position = position;
    return store->createArticleCategory(c);
  }

  static std::vector<std::string> titles(const std::vector<ArticleMatch>& ms) {
    std::vector<std::string> out;
    for (const auto& m : ms) out.push_back(m.article.title);
    return out;
  }
  static std::vector<std::string> titles(const std::vector<Article>& as) {
    std::vector<std::string> out;
    for (const auto& a : as) out.push_back(a.title);
    return out;
  }
};

TEST_P(ArticleStoreTest, CreateReadUpdateDeleteWithSlugsPerWorkspace) {
  const auto a = article("Reset your password", "Open **Settings**.");
  EXPECT_GT(a.id, 0);
  EXPECT_EQ(a.slug, "reset-your-password");
  EXPECT_EQ(a.body_html, "<p>Open <strong>Settings</strong>.</p>\n");
  EXPECT_EQ(a.excerpt, "Open Settings.");
  EXPECT_EQ(a.views, 0);
  EXPECT_EQ(store->articleBySlug(ws.id, "reset-your-password")->id, a.id);
  EXPECT_EQ(store->articleById(ws.id, a.id)->title, "Reset your password");

  try {
    article("Reset your password", "again");
    ADD_FAILURE() << "a second article with the slug";
  } catch (const StoreConflict& e) {
    EXPECT_EQ(e.field, "slug");
  }
  const auto other = workspace("Other");
  EXPECT_NO_THROW(article("Reset your password", "theirs", ArticleStatus::Published, 10'000, other.id))
      << "slugs are unique per workspace only";
  EXPECT_FALSE(store->articleById(other.id, a.id)) << "another workspace cannot read it by id";
  EXPECT_NE(store->articleBySlug(other.id, "reset-your-password")->id, a.id);

  Article edit = *store->articleById(ws.id, a.id);
  edit.title = "Change your password";
  edit.slug = "change-password";
  edit.status = ArticleStatus::Draft;
  edit.updated_at = 20'000;
  const auto updated = store->updateArticle(edit);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->slug, "change-password");
  EXPECT_EQ(updated->status, ArticleStatus::Draft);
  EXPECT_EQ(updated->created_at, 10'000);
  EXPECT_EQ(updated->updated_at, 20'000);
  EXPECT_FALSE(store->articleBySlug(ws.id, "reset-your-password"));

  const auto b = article("Billing", "x");
  edit = *store->articleById(ws.id, b.id);
  edit.slug = "change-password";
  EXPECT_THROW(store->updateArticle(edit), StoreConflict);
  edit.workspace_id = other.id;
  EXPECT_FALSE(store->updateArticle(edit)) << "not found in another workspace";

  EXPECT_FALSE(store->deleteArticle(other.id, a.id));
  EXPECT_TRUE(store->deleteArticle(ws.id, a.id));
  EXPECT_FALSE(store->articleById(ws.id, a.id));
  EXPECT_FALSE(store->deleteArticle(ws.id, a.id));
}

TEST_P(ArticleStoreTest, AgentSearchMatchesAllWordsOverTitleAndBodyBestFirst) {
  article("Shipping times", "We ship within two days. Refunds take a week.");
  article("Refund policy", "How to get a refund for an order.");
  article("Draft notes", "A refund draft.", ArticleStatus::Draft);
  article("Passwords", "Resetting your password is easy.");
  // bm25 gives a word found in most documents no weight: a corpus where "refund" is rare.
  for (const char* filler : {"Opening hours", "Gift cards", "Our team", "Careers", "Press"})
    article(filler, "Nothing about money back.");

  ArticleQuery q;
  q.q = "refund";
  auto page = store->listArticles(ws.id, q);
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.items[0].title, "Refund policy") << "a title match ranks first";
  q.status = ArticleStatus::Published;
  EXPECT_EQ(store->listArticles(ws.id, q).items.size(), 2u);

  q = {};
  q.q = "refund order";
  page = store->listArticles(ws.id, q);
  ASSERT_EQ(page.items.size(), 1u) << "all words must match";
  EXPECT_EQ(page.items[0].title, "Refund policy");

  q.q = "pass";
  EXPECT_EQ(titles(store->listArticles(ws.id, q).items), std::vector<std::string>{"Passwords"}) << "the last word as a prefix";
  q.q = "reset";
  EXPECT_EQ(titles(store->listArticles(ws.id, q).items), std::vector<std::string>{"Passwords"}) << "stemmed: resetting";
  q.q = "\"refund\" OR NEAR(x) * - : ' \\";
  EXPECT_NO_THROW(store->listArticles(ws.id, q)) << "query syntax is plain words";
  q.q = "?!";
  EXPECT_EQ(store->listArticles(ws.id, q).items.size(), 9u) << "no words: the plain list";
}

TEST_P(ArticleStoreTest, BotSearchFindsPublishedArticlesByAnyWordWithScores) {
  const auto other = workspace("Other");
  article("How to reset your password", "Go to Settings and press Reset password.");
  article("Shipping", "Parcels leave in two days.");
  article("Secret draft on passwords", "password password", ArticleStatus::Draft);
  article("Password of theirs", "password", ArticleStatus::Published, 10'000, other.id);

  const auto hits = store->searchPublishedArticles(ws.id, "how do i reset my password?", 3);
  ASSERT_EQ(hits.size(), 1u) << "drafts and other workspaces are not found";
  EXPECT_EQ(hits[0].article.title, "How to reset your password");
  EXPECT_GT(hits[0].score, 0);

  article("Password rules", "At least 12 characters.");
  const auto two = store->searchPublishedArticles(ws.id, "reset password", 5);
  ASSERT_EQ(two.size(), 2u) << "any word matches";
  EXPECT_EQ(two[0].article.title, "How to reset your password") << "more words matched rank higher";
  EXPECT_GT(two[0].score, two[1].score);
  EXPECT_EQ(store->searchPublishedArticles(ws.id, "ship", 5).size(), 1u) << "prefix of the last word";
  EXPECT_EQ(store->searchPublishedArticles(ws.id, "shipp", 5).size(), 1u) << "a prefix longer than the stem (ship)";
  EXPECT_TRUE(store->searchPublishedArticles(ws.id, "   ", 5).empty());
  EXPECT_TRUE(store->searchPublishedArticles(ws.id, "zebra", 5).empty());
  EXPECT_EQ(store->searchPublishedArticles(ws.id, "password", 1).size(), 1u) << "the limit holds";
}

TEST_P(ArticleStoreTest, ListPagesByUpdateAndFilters) {
  const auto help = category("Help", 1);
  for (int i = 0; i < 7; ++i)
    article("Article " + std::to_string(i), "body", i % 2 ? ArticleStatus::Draft : ArticleStatus::Published,
            10'000 + i * 10, 0, i < 3 ? std::optional(help.id) : std::nullopt);
  ArticleQuery q;
  q.limit = 3;
  std::vector<std::string> seen;
  for (int pages = 0; pages < 5; ++pages) {
    auto page = store->listArticles(ws.id, q);
    for (auto& a : page.items) seen.push_back(a.title);
    if (!page.next_cursor) break;
    q.cursor = *page.next_cursor;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"Article 6", "Article 5", "Article 4", "Article 3", "Article 2",
                                            "Article 1", "Article 0"}));
  q = {};
  q.category_id = help.id;
  EXPECT_EQ(store->listArticles(ws.id, q).items.size(), 3u);
  q.status = ArticleStatus::Published;
  EXPECT_EQ(titles(store->listArticles(ws.id, q).items), (std::vector<std::string>{"Article 2", "Article 0"}));
  q = {};
  q.cursor = "garbage";
  EXPECT_THROW(store->listArticles(ws.id, q), std::invalid_argument);
  q.cursor = encodeArticleSearchCursor(3);
  EXPECT_THROW(store->listArticles(ws.id, q), std::invalid_argument) << "a search cursor on the plain list";
}

TEST_P(ArticleStoreTest, ViewsCountPublishedOnlyAndPopularIsMostViewed) {
  const auto a = article("A", "x");
  const auto b = article("B", "x");
  const auto d = article("D", "x", ArticleStatus::Draft);
  EXPECT_TRUE(store->countArticleView(ws.id, b.id));
  EXPECT_TRUE(store->countArticleView(ws.id, b.id));
  EXPECT_TRUE(store->countArticleView(ws.id, a.id));
  EXPECT_FALSE(store->countArticleView(ws.id, d.id)) << "a draft has no public views";
  EXPECT_FALSE(store->countArticleView(workspace("Other").id, a.id));
  EXPECT_EQ(store->articleById(ws.id, b.id)->views, 2);
  EXPECT_EQ(titles(store->popularArticles(ws.id, 10)), (std::vector<std::string>{"B", "A"}));
  EXPECT_EQ(store->popularArticles(ws.id, 1).size(), 1u);
}

TEST_P(ArticleStoreTest, OneVotePerVoterPerArticle) {
  const auto a = article("A", "x");
  const auto d = article("D", "x", ArticleStatus::Draft);
  EXPECT_EQ(store->voteArticle(ws.id, a.id, "c:1", true, 1), ArticleVote::Counted);
  EXPECT_EQ(store->voteArticle(ws.id, a.id, "c:1", true, 2), ArticleVote::Unchanged);
  EXPECT_EQ(store->voteArticle(ws.id, a.id, "c:2", true, 3), ArticleVote::Counted);
  EXPECT_EQ(store->voteArticle(ws.id, a.id, "h:abc", false, 4), ArticleVote::Counted);
  auto now = *store->articleById(ws.id, a.id);
  EXPECT_EQ(now.helpful_yes, 2);
  EXPECT_EQ(now.helpful_no, 1);
  EXPECT_EQ(store->voteArticle(ws.id, a.id, "c:1", false, 5), ArticleVote::Changed) << "a voter changes their mind";
  now = *store->articleById(ws.id, a.id);
  EXPECT_EQ(now.helpful_yes, 1);
  EXPECT_EQ(now.helpful_no, 2);
  EXPECT_EQ(store->voteArticle(ws.id, d.id, "c:1", true, 6), ArticleVote::NotFound) << "drafts take no votes";
  EXPECT_EQ(store->voteArticle(workspace("Other").id, a.id, "c:1", true, 6), ArticleVote::NotFound);
  EXPECT_TRUE(store->deleteArticle(ws.id, a.id)) << "its votes go with it";
}

TEST_P(ArticleStoreTest, CategoriesByPositionWithCountsAndDeletionUncategorises) {
  const auto billing = category("Billing", 2);
  const auto start = category("Getting started", 1);
  article("Invoices", "x", ArticleStatus::Published, 10'000, 0, billing.id);
  const auto draft = article("Refunds", "x", ArticleStatus::Draft, 10'000, 0, billing.id);
  auto list = store->listArticleCategories(ws.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "Getting started");
  EXPECT_EQ(list[1].slug, "billing");
  EXPECT_EQ(list[1].article_count, 2);
  EXPECT_EQ(list[1].published_count, 1);
  EXPECT_EQ(store->articleCategoryBySlug(ws.id, "getting-started")->id, start.id);

  try {
    category("Billing", 3);
    ADD_FAILURE() << "a second category with the slug";
  } catch (const StoreConflict& e) {
    EXPECT_EQ(e.field, "slug");
  }
  const auto other = workspace("Other");
  EXPECT_FALSE(store->articleCategoryById(other.id, billing.id));
  EXPECT_THROW(article("Theirs", "x", ArticleStatus::Published, 10'000, other.id, billing.id), std::invalid_argument)
      << "an article cannot be put in another workspace's category";

  ArticleCategory edit = billing;
  edit.name = "Payments";
  edit.description = "Money";
  edit.position = 0;
  auto updated = store->updateArticleCategory(edit);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->name, "Payments");
  EXPECT_EQ(updated->slug, "billing") << "the URL stays";
  EXPECT_EQ(store->listArticleCategories(ws.id)[0].id, billing.id);
  edit.workspace_id = other.id;
  EXPECT_FALSE(store->updateArticleCategory(edit));

  EXPECT_FALSE(store->deleteArticleCategory(other.id, billing.id));
  EXPECT_TRUE(store->deleteArticleCategory(ws.id, billing.id));
  EXPECT_EQ(store->articleById(ws.id, draft.id)->category_id, std::nullopt) << "its articles stay, uncategorised";
  EXPECT_EQ(store->listArticleCategories(ws.id).size(), 1u);
}

TEST_P(ArticleStoreTest, LimitsPerWorkspace) {
  for (std::size_t i = 0; i < kMaxArticleCategoriesPerWorkspace; ++i) category("C" + std::to_string(i), 0);
  try {
    category("One too many", 0);
    ADD_FAILURE() << "past the category limit";
  } catch (const StoreConflict& e) {
    EXPECT_EQ(e.field, "limit");
  }
  EXPECT_NO_THROW(category("Elsewhere", 0, workspace("Other").id)) << "the limit is per workspace";
}

TEST_P(ArticleStoreTest, AHelpDomainFindsItsWorkspace) {
  auto w = *store->workspaceById(ws.id);
  w.settings_json = R"({"color":"#112233","help_center_domain":"help.acme.test"})";
  store->updateWorkspace(w);
  EXPECT_EQ(store->workspaceWithHelpDomain("help.acme.test"), ws.id);
  EXPECT_FALSE(store->workspaceWithHelpDomain("acme.test"));
  EXPECT_FALSE(store->workspaceWithHelpDomain(""));
}

}  // namespace

PARLEY_ON_EVERY_STORE_BACKEND(ArticleStoreTest);

}  // namespace parley::test
