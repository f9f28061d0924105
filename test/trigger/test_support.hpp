// Helpers shared by the trigger tests.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "support/temp_dir.hpp"
#include "trigger/dispatcher.hpp"

namespace aviso::trigger::test {

using TempDir = ::aviso::test::TempDir;

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Retries without sleeping, so retry tests are quick and deterministic.
inline Backoff no_backoff() {
  return [](std::uint32_t) { return std::chrono::nanoseconds(0); };
}

inline Notification mars(std::uint64_t sequence = 1) {
  return Notification("mars", sequence, nlohmann::json::object(), nullptr);
}

}  // namespace aviso::trigger::test
