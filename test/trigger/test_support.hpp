// Helpers shared by the trigger tests.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "trigger/dispatcher.hpp"

namespace aviso::trigger::test {

// A fresh empty directory, removed with everything in it by the destructor.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "aviso-trig-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

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
