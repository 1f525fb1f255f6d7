// The readable text of an HTML email body, for an inbound email that has no text/plain part.
// Not a renderer: tags are dropped, block ends become line breaks, <script>/<style> contents and
// comments vanish, the common entities are decoded. Linear in the input, never throws on any bytes.
#pragma once

#include <string>
#include <string_view>

namespace parley {

std::string htmlToText(std::string_view html);

}  // namespace parley
