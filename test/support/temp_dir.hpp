#pragma once
// aviso::test::TempDir: a fresh private directory under $TMPDIR (or /tmp), removed with
// everything in it when the object goes. Header-only; every test folder uses this one.
//
//   aviso::test::TempDir dir;
//   std::string config = dir.write("config.yaml", "base_url: http://127.0.0.1:1\n");
//   std::string missing = dir.file("not-there.json");      // a path inside, not created
//   std::filesystem::path state = dir / "state.json";

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace aviso::test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "aviso-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    // A test may have taken permissions away (state store refusals); give them back so the
    // removal below can see inside.
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // The full path of `name` inside the directory (the file is not created).
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes `text` to `name` inside the directory (replacing it) and returns the full path.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary | std::ios::trunc) << text;
    return file(name);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace aviso::test
