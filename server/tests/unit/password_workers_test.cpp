#include "security/password_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <vector>

namespace parley {
namespace {

TEST(PasswordWorkers, AFullQueueRefusesInsteadOfGrowing) {
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::atomic<int> done{0};
  {
    PasswordWorkers workers(1, 2);
    std::promise<void> started;
    ASSERT_TRUE(workers.trySubmit([&, gate] {
      started.set_value();
      gate.wait();
      ++done;
    }));
    started.get_future().wait();  // the one thread is busy now
    EXPECT_TRUE(workers.trySubmit([&] { ++done; }));
    EXPECT_TRUE(workers.trySubmit([&] { ++done; }));
    EXPECT_EQ(workers.waiting(), 2u);
    EXPECT_FALSE(workers.trySubmit([&] { ++done; })) << "two wait already: the third is refused";
    release.set_value();
  }  // the destructor finishes what was taken
  EXPECT_EQ(done.load(), 3);
}

TEST(PasswordWorkers, JobsRunInOrder) {
  std::vector<int> order;
  {
    PasswordWorkers workers(1, 100);
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(workers.trySubmit([&order, i] { order.push_back(i); }));
  }
  ASSERT_EQ(order.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(order[i], i);
}

}  // namespace
}  // namespace parley
