// Whether a contact changed in what a webhook subscriber cares about (contact.updated): the name,
// email, the site's user id and attributes; not the last-seen time, page or browser, which change
// on every page view.
#pragma once

#include "domain/model.h"

namespace parley {

inline bool contactDetailsChanged(const Contact& before, const Contact& after) {
  return before.name != after.name || before.email != after.email || before.external_id != after.external_id ||
         before.attributes_json != after.attributes_json;
}

}  // namespace parley
