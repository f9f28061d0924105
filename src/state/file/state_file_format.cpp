#include "state/file/state_file_format.hpp"

#include <nlohmann/json.hpp>

#include "aviso/state/store_error.hpp"
#include "state/hex_digest.hpp"
#include "core/json_string.hpp"

namespace aviso::state {
namespace {

// nlohmann's messages start with "[json.exception.parse_error.101] "; the rest says where.
std::string without_exception_tag(const char* what) {
  std::string_view text(what);
  if (!text.empty() && text.front() == '[') {
    const std::size_t end = text.find("] ");
    if (end != std::string_view::npos) text.remove_prefix(end + 2);
  }
  return std::string(text);
}

// The value of a member that must be an unsigned integer no larger than `max`.
std::uint64_t unsigned_member(const nlohmann::json& object, const char* name, std::uint64_t max,
                              std::string_view where, std::string_view path) {
  const auto it = object.find(name);
  if (it == object.end()) {
    throw StoreError::decode(path,
                             std::string("missing field `") + name + "`" + std::string(where));
  }
  if (!it->is_number_unsigned() || it->get<std::uint64_t>() > max) {
    throw StoreError::decode(path, std::string("field `") + name + "`" + std::string(where) +
                                       " must be an integer from 0 to " + std::to_string(max) +
                                       ", found " + it->dump());
  }
  return it->get<std::uint64_t>();
}

Checkpoint decode_checkpoint(const std::string& key, const nlohmann::json& value,
                             std::string_view path) {
  const std::string where = " of checkpoint '" + key + "'";
  if (!value.is_object()) {
    throw StoreError::decode(path, "checkpoint '" + key + "' must be an object, found " +
                                       std::string(value.type_name()));
  }
  Checkpoint checkpoint;
  checkpoint.last_committed_sequence =
      unsigned_member(value, "last_committed_sequence", UINT64_MAX, where, path);
  const auto id = value.find("last_event_id");
  if (id != value.end() && !id->is_null()) {
    if (!id->is_string()) {
      throw StoreError::decode(
          path, "field `last_event_id`" + where + " must be a string or null, found " + id->dump());
    }
    checkpoint.last_event_id = id->get<std::string>();
  }
  return checkpoint;
}

void append_checkpoint(std::string& out, const std::string& hex, const Checkpoint& checkpoint) {
  out.append("    \"").append(hex).append("\": {\n      \"last_committed_sequence\": ");
  out.append(std::to_string(checkpoint.last_committed_sequence));
  out.append(",\n      \"last_event_id\": ");
  if (checkpoint.last_event_id) {
    append_json_string(out, *checkpoint.last_event_id);
  } else {
    out.append("null");
  }
  out.append("\n    }");
}

}  // namespace

CheckpointMap decode_state_file(std::string_view bytes, std::string_view path) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(bytes.begin(), bytes.end());
  } catch (const nlohmann::json::exception& error) {
    throw StoreError::decode(path, without_exception_tag(error.what()));
  }
  if (!document.is_object()) {
    throw StoreError::decode(path, "expected a JSON object at the top level, found " +
                                       std::string(document.type_name()));
  }
  const std::uint64_t version = unsigned_member(document, "version", UINT32_MAX, "", path);
  const std::uint64_t key_format_version =
      unsigned_member(document, "key_format_version", UINT32_MAX, "", path);
  const auto checkpoints = document.find("checkpoints");
  if (checkpoints == document.end()) throw StoreError::decode(path, "missing field `checkpoints`");
  if (!checkpoints->is_object()) {
    throw StoreError::decode(path, "field `checkpoints` must be an object, found " +
                                       std::string(checkpoints->type_name()));
  }
  std::vector<std::pair<const std::string*, Checkpoint>> entries;
  entries.reserve(checkpoints->size());
  for (auto it = checkpoints->begin(); it != checkpoints->end(); ++it) {
    entries.emplace_back(&it.key(), decode_checkpoint(it.key(), it.value(), path));
  }

  if (version != kFileFormatVersion) throw StoreError::unsupported_file_version(path, version);
  if (key_format_version != ResumeKey::kKeyFormatVersion) {
    throw StoreError::unsupported_key_format_version(path, key_format_version);
  }

  CheckpointMap map;
  for (auto& [key_text, checkpoint] : entries) {
    ResumeKey::Digest digest{};
    if (auto problem = parse_hex_digest(*key_text, digest)) {
      throw StoreError::invalid_resume_key(path, *problem);
    }
    map.insert_or_assign(ResumeKey(digest, ResumeKey::kKeyFormatVersion), std::move(checkpoint));
  }
  return map;
}

void encode_state_file(const CheckpointMap& checkpoints, std::string& out, std::string_view path) {
  out.clear();
  out.append("{\n  \"version\": ").append(std::to_string(kFileFormatVersion));
  out.append(",\n  \"key_format_version\": ").append(std::to_string(ResumeKey::kKeyFormatVersion));
  out.append(",\n  \"checkpoints\": ");
  if (checkpoints.empty()) {
    out.append("{}");
  } else {
    out.append("{\n");
    bool first = true;
    for (const auto& [key, checkpoint] : checkpoints) {
      if (!first) out.append(",\n");
      first = false;
      try {
        append_checkpoint(out, key.hex(), checkpoint);
      } catch (const InvalidUtf8& error) {
        throw StoreError::encode(
            path, "last_event_id of checkpoint '" + key.hex() + "': " + error.what());
      }
    }
    out.append("\n  }");
  }
  out.append("\n}");
}

}  // namespace aviso::state
