#include "listen_state_store.hpp"

#include <filesystem>
#include <system_error>

#include "aviso/error.hpp"
#include "aviso/state/json_file_store.hpp"
#include "aviso/state/memory_store.hpp"
#include "command_error.hpp"

namespace aviso::cli {

ListenStateStore open_listen_state_store(const ResolvedConfig& config, bool no_state_store) {
  if (no_state_store) {
    return {std::make_shared<aviso::MemoryStore>(), "memory only (--no-state-store)"};
  }
  const std::filesystem::path path(config.state_file.value);
  if (config.state_file.origin.source == ValueOrigin::Source::Default) {
    std::error_code ignored;  // a failure shows up, better worded, when the store opens
    std::filesystem::create_directories(path.parent_path(), ignored);
  }
  try {
    return {std::make_shared<aviso::JsonFileStore>(aviso::JsonFileStore::open(path)),
            "state file " + path.string()};
  } catch (const aviso::Error& error) {
    throw CommandError::runtime("cannot open the state file")
        .at(path.string() + " (" + config.state_file.origin.describe() + ")")
        .caused_by(error.what())
        .suggest(
            "fix or move the file, point --state-file / AVISO_STATE_FILE elsewhere, or run with "
            "--no-state-store to keep positions in memory only");
  }
}

}  // namespace aviso::cli
