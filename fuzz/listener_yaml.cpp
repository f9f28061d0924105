// libFuzzer target for listener YAML files (the `listeners:` documents of `aviso listen`):
// arbitrary bytes must either give listeners or be refused with the CLI's error naming the file;
// any other exception, or a crash, is a bug. What is accepted must hold the shape the watch
// request needs: a filter that is a JSON object and an origin inside the file.
#include "listener_yaml.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "command_error.hpp"

namespace {
constexpr std::string_view kName = "/fuzz/listeners.yaml";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<aviso::cli::ListenerSpec> listeners;
  try {
    listeners = aviso::cli::parse_listener_document(text, std::string(kName));
  } catch (const aviso::cli::CommandError& error) {
    if (std::string_view(error.summary()).find(kName) == std::string_view::npos &&
        (error.locations().empty() || error.locations().front() != kName)) {
      std::abort();  // a refusal must say which file
    }
    return 0;
  }
  for (const auto& listener : listeners) {
    if (!listener.identifiers.is_object()) std::abort();
    if (listener.origin.rfind(kName, 0) != 0) std::abort();
    if (listener.from_id && listener.from_date) std::abort();
  }
  return 0;
}
