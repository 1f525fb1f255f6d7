// What the GMime users of mail/ share: the one initialisation and owning pointers for GObjects.
// Included only by mail/*.cpp files that use GMime (glib's macros stay out of the other headers;
// server/CMakeLists.txt compiles these files outside the unity batches for the same reason).
#pragma once

#include <gmime/gmime.h>

#include <memory>

namespace parley {

// g_mime_init, once per process (std::call_once): GMime's charset tables and type registrations are
// global. Safe to call from any thread; parsing and building afterwards use only their own objects.
void ensureGmimeInitialized();

struct GObjectUnref {
  void operator()(gpointer object) const {
    if (object) g_object_unref(object);
  }
};
template <class T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFreeString {
  void operator()(char* s) const { g_free(s); }
};
using GCharPtr = std::unique_ptr<char, GFreeString>;

}  // namespace parley
