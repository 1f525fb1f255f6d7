// QR codes for the otpauth:// URI an authenticator app scans: encoded by libqrencode (Debian's
// libqrencode-dev) and drawn as a small SVG string the dashboard shows as an image, so the
// dashboard needs no QR library and the secret never leaves the server to be drawn.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

struct QrMatrix {
  int width = 0;           // modules per side
  std::vector<bool> dark;  // width * width, row by row
};

// Error correction level M; nullopt when the text does not fit a QR code (or is empty).
std::optional<QrMatrix> encodeQr(std::string_view text);

// The matrix as an SVG document: one path of 1x1 squares for the dark modules, a white background
// and a quiet zone of `quiet` modules on each side; it scales to any size (viewBox, crisp edges).
std::string qrSvg(const QrMatrix& m, int quiet = 4);

}  // namespace parley
