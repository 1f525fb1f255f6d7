#include "store/store_random.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace parley {

std::string storeRandomHex(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char b : buf) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

}  // namespace parley
