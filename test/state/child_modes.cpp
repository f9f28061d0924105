#include "child_modes.hpp"

#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "aviso/state.hpp"
#include "temp_dir.hpp"

namespace aviso::test {
namespace {

namespace fs = std::filesystem;

ResumeKey kill_fuzz_key(int child) {
  return ResumeKey::compute("https://kill-fuzz/", "mars", {{"child", child}});
}

ResumeKey random_key(int n) { return ResumeKey::compute("https://random/", "mars", {{"n", n}}); }

int fail(const std::string& why) {
  std::fprintf(stderr, "child %d: %s\n", static_cast<int>(::getpid()), why.c_str());
  return 1;
}

const std::string& option(const std::map<std::string, std::string>& options,
                          const std::string& name) {
  static const std::string empty;
  const auto it = options.find(name);
  return it == options.end() ? empty : it->second;
}

// Kill-fuzz writer (spec 5.11): put 0, 1, 2, ... on its own key; after each successful put,
// append the sequence to its journal with one write(2), so what the journal says was acknowledged.
int writer(const std::map<std::string, std::string>& options) {
  const int child = std::stoi(option(options, "child"));
  const ResumeKey key = kill_fuzz_key(child);
  const int journal =
      ::open(option(options, "journal").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (journal < 0) return fail("cannot open journal: " + std::string(std::strerror(errno)));
  JsonFileStore store = JsonFileStore::open(option(options, "state"));
  for (std::uint64_t sequence = 0;; ++sequence) {
    store.put(key, Checkpoint{sequence, "mars@" + std::to_string(sequence)});
    const std::string line = std::to_string(sequence) + "\n";
    if (::write(journal, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
      return fail("journal write failed");
    }
  }
}

// Random puts on shared keys (every process) and owned keys (this process only), with sequences
// that go up and down. Reports per key the highest sequence it put, and checks on the way that
// its own view never moves backwards.
int random_writer(const std::map<std::string, std::string>& options) {
  const int index = std::stoi(option(options, "index"));
  const int operations = std::stoi(option(options, "ops"));
  std::mt19937_64 random(std::stoull(option(options, "seed")));
  JsonFileStore store = JsonFileStore::open(option(options, "state"));
  std::map<int, std::uint64_t> highest_put;
  std::map<int, std::uint64_t> highest_seen;
  for (int op = 0; op < operations; ++op) {
    const int n = random() % 2 == 0 ? static_cast<int>(random() % 2)
                                    : 100 + index * 10 + static_cast<int>(random() % 2);
    const std::uint64_t sequence = random() % 100;
    store.put(random_key(n), Checkpoint{sequence, std::nullopt});
    highest_put[n] = std::max(highest_put[n], sequence);
    for (const auto& [key, seen] : highest_seen) {
      const auto now = store.get(random_key(key));
      if (!now || now->last_committed_sequence < seen) return fail("a key moved backwards");
    }
    const auto now = store.get(random_key(n));
    if (!now || now->last_committed_sequence < highest_put[n]) {
      return fail("own put not visible");
    }
    highest_seen[n] = now->last_committed_sequence;
  }
  std::ofstream result(option(options, "result"));
  for (const auto& [n, sequence] : highest_put) result << n << ' ' << sequence << '\n';
  return result.good() ? 0 : fail("cannot write result");
}

int put_once(const std::map<std::string, std::string>& options) {
  JsonFileStore store = JsonFileStore::open(option(options, "state"));
  store.put(random_key(std::stoi(option(options, "n"))),
            Checkpoint{std::stoull(option(options, "seq")), std::nullopt});
  return 0;
}

// Shared by the disk-full scenarios: a put that the file system refuses must fail with Io and
// `expected`, leave the file byte-identical, leave no temporary file, and leave memory as it was.
int expect_refused_put(JsonFileStore& store, const fs::path& path, std::errc expected) {
  const ResumeKey key = random_key(1);
  const std::string before = read_file(path);
  const auto names_before = std::distance(fs::directory_iterator(path.parent_path()), {});
  try {
    store.put(key, Checkpoint{2, std::string(256 * 1024, 'x')});
    return fail("a put larger than the disk succeeded");
  } catch (const StoreError& error) {
    if (error.store_kind() != StoreErrorKind::Io || error.io_error() != expected) {
      return fail(std::string("unexpected error: ") + error.what());
    }
    if (std::string(error.what()).find(path.string()) == std::string::npos) {
      return fail(std::string("error does not name the file: ") + error.what());
    }
  }
  if (read_file(path) != before) return fail("the state file changed");
  if (std::distance(fs::directory_iterator(path.parent_path()), {}) != names_before) {
    return fail("a temporary file was left behind");
  }
  if (store.get(key) != Checkpoint{1, "mars@1"}) return fail("memory changed");
  return 0;
}

// RLIMIT_FSIZE makes the kernel refuse writes past a size with EFBIG (SIGXFSZ ignored).
int file_size_limited(const std::map<std::string, std::string>& options) {
  const fs::path path = option(options, "state");
  JsonFileStore store = JsonFileStore::open(path);
  store.put(random_key(1), Checkpoint{1, "mars@1"});
  ::signal(SIGXFSZ, SIG_IGN);
  const rlimit limit{4096, 4096};
  if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return fail("setrlimit failed");
  return expect_refused_put(store, path, std::errc::file_too_large);
}

// A 64 KiB tmpfs in a private mount namespace, filled up: a genuine ENOSPC. The mount vanishes
// with this process.
int disk_full(const std::map<std::string, std::string>& options) {
  const fs::path mount_point = option(options, "dir");
  if (::unshare(CLONE_NEWNS) != 0 ||
      ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
      ::mount("tmpfs", mount_point.c_str(), "tmpfs", 0, "size=64k,mode=0700") != 0) {
    std::fprintf(stderr, "cannot mount a tmpfs here: %s\n", std::strerror(errno));
    return kChildCannotRun;
  }
  const fs::path path = mount_point / "state.json";
  JsonFileStore store = JsonFileStore::open(path);
  store.put(random_key(1), Checkpoint{1, "mars@1"});
  {
    std::FILE* filler = std::fopen((mount_point / "filler").c_str(), "wb");
    const std::vector<char> block(4096, 'f');
    while (std::fwrite(block.data(), 1, block.size(), filler) == block.size() &&
           std::fflush(filler) == 0) {
    }
    std::fclose(filler);
  }
  if (const int status = expect_refused_put(store, path, std::errc::no_space_on_device)) {
    return status;
  }
  fs::remove(mount_point / "filler");
  store.put(random_key(1), Checkpoint{3, "mars@3"});
  if (JsonFileStore::open(path).get(random_key(1)) != Checkpoint{3, "mars@3"}) {
    return fail("put after freeing space did not land");
  }
  return 0;
}

// Drops every capability (root's CAP_DAC_OVERRIDE ignores directory permissions), then puts into a
// directory the parent made read-only.
int read_only_directory(const std::map<std::string, std::string>& options) {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2]{};
  if (::syscall(SYS_capset, &header, data) != 0) return fail("capset failed");
  const fs::path path = option(options, "state");
  JsonFileStore store = JsonFileStore::open(path);
  const std::string before = read_file(path);
  try {
    store.put(random_key(1), Checkpoint{9, "mars@9"});
    return fail("a put into a read-only directory succeeded");
  } catch (const StoreError& error) {
    if (error.store_kind() != StoreErrorKind::Io ||
        error.io_error() != std::errc::permission_denied) {
      return fail(std::string("unexpected error: ") + error.what());
    }
  }
  if (read_file(path) != before) return fail("the state file changed");
  if (store.get(random_key(1)) != Checkpoint{1, "mars@1"}) return fail("memory changed");
  return 0;
}

}  // namespace

std::string kill_fuzz_key_hex(int child) { return kill_fuzz_key(child).hex(); }

int run_child_mode(const std::string& mode, const std::map<std::string, std::string>& options) {
  try {
    if (mode == "writer") return writer(options);
    if (mode == "random") return random_writer(options);
    if (mode == "put") return put_once(options);
    if (mode == "file-size-limited") return file_size_limited(options);
    if (mode == "disk-full") return disk_full(options);
    if (mode == "read-only-directory") return read_only_directory(options);
  } catch (const std::exception& error) {
    return fail(std::string("unexpected exception: ") + error.what());
  }
  return fail("unknown child mode '" + mode + "'");
}

}  // namespace aviso::test
