// Runs a rendered command under the real /bin/sh for the end-to-end template tests.
#pragma once

#include <filesystem>
#include <string>

namespace aviso::templates::test {

struct ShRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// `/bin/sh -c command` in `dir`, stdin from /dev/null.
ShRun run_sh(const std::string& command, const std::filesystem::path& dir);

// A fresh empty directory under the system temp dir, removed by the destructor.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace aviso::templates::test
