// The realtime protocol's dependencies taken from everything the server is made of.
#pragma once

#include "app/app_context.h"
#include "realtime/realtime_protocol.h"

namespace parley {

inline RealtimeProtocol::Deps realtimeDeps(AppContext& ctx) {
  Store& s = ctx.store;
  return {s,           s,          s,
          s,           s,          s,
          ctx.hub,     ctx.presence, ctx.events,
          ctx.messages, ctx.conversations, ctx.visitors,
          uploadsDir(ctx.config),
          &ctx.store};
}

}  // namespace parley
