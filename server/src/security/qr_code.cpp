#include "security/qr_code.h"

#include <qrencode.h>

#include <memory>

namespace parley {

std::optional<QrMatrix> encodeQr(std::string_view text) {
  if (text.empty() || text.size() > 2000) return std::nullopt;
  const std::string s(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString(s.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                      &QRcode_free);
  if (!code) return std::nullopt;
  QrMatrix m;
  m.width = code->width;
  m.dark.resize(static_cast<std::size_t>(m.width) * static_cast<std::size_t>(m.width));
  for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) != 0;
  return m;
}

std::string qrSvg(const QrMatrix& m, int quiet) {
  const int size = m.width + 2 * quiet;
  const std::string n = std::to_string(size);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
                    "\" shape-rendering=\"crispEdges\"><rect width=\"" + n + "\" height=\"" + n +
                    "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < m.width; ++y)
    for (int x = 0; x < m.width; ++x)
      if (m.dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(m.width) + static_cast<std::size_t>(x)])
        out += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
  out += "\"/></svg>";
  return out;
}

}  // namespace parley
