// libFuzzer target for the state file loader: arbitrary bytes must either decode or fail with a
// StoreError, never crash; whatever decodes must survive an encode/decode round trip unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "aviso/state/store_error.hpp"
#include "state/file/state_file_format.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  aviso::state::CheckpointMap decoded;
  try {
    decoded = aviso::state::decode_state_file(bytes, "/fuzz/state.json");
  } catch (const aviso::StoreError& error) {
    // A clean refusal must say which file and why.
    if (std::string_view(error.what()).find("/fuzz/state.json") == std::string_view::npos) {
      std::abort();
    }
    return 0;
  }
  std::string encoded;
  aviso::state::encode_state_file(decoded, encoded, "/fuzz/state.json");
  if (aviso::state::decode_state_file(encoded, "/fuzz/state.json") != decoded) std::abort();
  return 0;
}
