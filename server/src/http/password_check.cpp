#include "http/password_check.h"

#include "domain/clock.h"
#include "http/api_support.h"
#include "http/responses.h"
#include "http/worker_reply.h"
#include "security/password.h"

namespace parley {

namespace {

ApiError busy() {
  ApiError e(503, "busy", "the server is checking many passwords, try again in a second");
  e.retry_after_s = 1;
  return e;
}

std::string guessKey(Id agent_id) { return "pwcheck:" + std::to_string(agent_id); }

}  // namespace

void onPasswordWorker(PasswordCheck check, const Reply& reply, std::function<void()> work) {
  replyFromWorker(check.workers, reply, "password work", busy(), std::move(work));
}

void withCurrentPassword(PasswordCheck check, const Agent& agent, std::string password, const Reply& reply,
                         std::function<void()> then) {
  const auto now = nowMillis();
  const auto key = guessKey(agent.id);
  if (auto wait = check.failed_logins.retryAfter(key, now); wait > 0)
    throw rateLimited("too many wrong passwords", wait, "current_password");
  onPasswordWorker(check, reply, [check, hash = agent.password_hash, password = std::move(password), key, now,
                                then = std::move(then)] {
    if (!verifyPassword(hash, password)) {
      check.failed_logins.allow(key, now);
      throw ApiError(403, "wrong_password", "current_password is not your current password", "current_password");
    }
    then();
  });
}

void checkNewPassword(const std::string& password, const char* field) {
  if (password.size() < 8 || password.size() > 200)
    throw ApiError(400, "invalid", std::string(field) + " must be 8 to 200 characters", field);
}

}  // namespace parley
