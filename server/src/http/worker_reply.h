// Work too slow for an I/O thread, answered from a worker (app/bounded_workers.h): password checks
// (http/password_check.cpp) and contact exports (http/privacy_routes.cpp). `work` runs on one of
// `workers` and answers through `reply` itself; whatever it throws is answered by errorFor, so the
// request always gets exactly one answer. When the queue is full, `busy` is thrown at once, on the
// caller's thread, and the router answers it.
#pragma once

#include <exception>
#include <functional>
#include <utility>

#include "app/bounded_workers.h"
#include "http/api_support.h"
#include "http/request.h"

namespace parley {

inline void replyFromWorker(BoundedWorkers& workers, const Reply& reply, const char* context, const ApiError& busy,
                            std::function<void()> work) {
  auto job = [reply, context, work = std::move(work)] {
    try {
      work();
    } catch (...) {
      reply(errorFor(std::current_exception(), context));
    }
  };
  if (!workers.trySubmit(std::move(job))) throw busy;
}

}  // namespace parley
