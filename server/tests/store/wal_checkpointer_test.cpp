// The background checkpointer copies the WAL into the database file without the writer's help.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/wal_checkpointer.h"

namespace parley::sqlite {
namespace {

TEST(WalCheckpointerTest, CopiesTheWalIntoTheDatabaseOncePastTheThreshold) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "parley-ckpt-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  const std::string path = tmpl + "/t.db";
  {
    Db db(path);
    WalCheckpointer checkpointer(path);
    // Whatever the application does, SQLite's own auto-checkpoint stays out of the way here.
    db.exec("PRAGMA wal_autocheckpoint=0; CREATE TABLE blobs (b BLOB)");
    const auto db_size_before = std::filesystem::file_size(path);
    checkpointer.committed(WalCheckpointer::kThresholdPages - 1);  // below: nothing to do
    for (int i = 0; i < 1200; ++i) db.query("INSERT INTO blobs VALUES (zeroblob(4000))").run();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(checkpointer.checkpoints(), 0u) << "no checkpoint below the threshold";
    EXPECT_EQ(std::filesystem::file_size(path), db_size_before) << "nothing copied yet";

    checkpointer.committed(WalCheckpointer::kThresholdPages + 200);
    for (int i = 0; i < 200 && checkpointer.checkpoints() == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(checkpointer.checkpoints(), 1u);
    EXPECT_GT(std::filesystem::file_size(path), db_size_before + 1200u * 4000u) << "the rows reached the database file";
  }
  std::filesystem::remove_all(tmpl);
}

}  // namespace
}  // namespace parley::sqlite
