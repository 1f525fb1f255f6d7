#pragma once

#include <chrono>

#include "domain/model.h"

namespace parley {

inline Millis nowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace parley
