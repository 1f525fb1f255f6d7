#include "app/bounded_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <vector>

namespace parley {
namespace {

TEST(BoundedWorkers, AFullQueueRefusesInsteadOfGrowing) {
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::atomic<int> done{0};
  {
    BoundedWorkers workers(1, 2);
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

TEST(BoundedWorkers, JobsRunInOrder) {
  std::vector<int> order;
  {
    BoundedWorkers workers(1, 100);
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(workers.trySubmit([&order, i] { order.push_back(i); }));
  }
  ASSERT_EQ(order.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(order[i], i);
}

// serve() stops the workers before the network server goes (a job owns its request's connection):
// after stop() every job taken has run and been destroyed, and no job is taken any more.
TEST(BoundedWorkers, StopFinishesWhatWasTakenAndRefusesTheRest) {
  BoundedWorkers workers(2, 10);
  auto owned = std::make_shared<int>(0);  // stands for the request's connection
  std::atomic<int> ran{0};
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(workers.trySubmit([owned, &ran] { ++ran; }));
  workers.stop();
  EXPECT_EQ(ran.load(), 6);
  EXPECT_EQ(owned.use_count(), 1) << "no job (and nothing it owns) outlives stop()";
  EXPECT_FALSE(workers.trySubmit([&ran] { ++ran; }));
  workers.stop();  // idempotent, and the destructor stops again
}

}  // namespace
}  // namespace parley
