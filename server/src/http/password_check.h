// Work that involves an agent's password runs on the password workers (Argon2 costs ~0.1 s and
// 64 MiB: never on an I/O thread), like the login route. Checking the current password is limited
// per agent like a failed login, so a stolen session cannot guess the password behind it.
#pragma once

#include <functional>
#include <string>

#include "domain/model.h"
#include "http/request.h"
#include "app/bounded_workers.h"
#include "security/rate_limiter.h"

namespace parley {

// The password workers and the failed-guess limiter that every password check goes through.
// Small and copied by value into a route group's dependencies and into queued jobs.
struct PasswordCheck {
  BoundedWorkers& workers;
  RateLimiter& failed_logins;
};

// Runs `then` on a password worker once `password` is the agent's current one; otherwise answers
// 403 wrong_password (field current_password). `then` answers through `reply` itself; what it
// throws is answered by errorFor. Throws 429 (too many wrong guesses) or 503 busy (queue full)
// right away, before anything is queued.
void withCurrentPassword(PasswordCheck check, const Agent& agent, std::string password, const Reply& reply,
                         std::function<void()> then);

// Runs `work` on a password worker (e.g. hashing a new password); errors are answered by errorFor.
// Throws 503 busy when the queue is full.
void onPasswordWorker(PasswordCheck check, const Reply& reply, std::function<void()> work);

// A new password: 8 to 200 bytes; 400 naming `field` otherwise.
void checkNewPassword(const std::string& password, const char* field);

}  // namespace parley
