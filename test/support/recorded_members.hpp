// What the stream decoder's check records of an object of plain strings (aviso::PlainStringMember),
// made here from the text by a different route, for tests of the code that builds from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/json_reader.hpp"

namespace aviso::test {

// The members of the object at [offset, offset + length) of `text`, in text order, when it is an
// object whose keys and values are all strings of plain bytes (printable ASCII but '"' and '\\');
// nullopt otherwise. In such an object every '"' opens or closes a key or a value, in turn.
inline std::optional<std::vector<PlainStringMember>> recorded_members(std::string_view text,
                                                                      std::size_t offset,
                                                                      std::size_t length) {
  const std::string_view object = text.substr(offset, length);
  nlohmann::json value;
  try {
    value = read_json(object);
  } catch (const JsonSyntaxError&) {
    return std::nullopt;
  }
  if (!value.is_object()) return std::nullopt;
  for (const auto& [key, member] : value.items()) {
    if (!member.is_string()) return std::nullopt;
  }
  for (const char c : object) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || byte >= 0x80 ||
        (byte < 0x20 && c != ' ' && c != '\t' && c != '\n' && c != '\r')) {
      return std::nullopt;
    }
  }
  std::vector<std::uint32_t> quotes;
  for (std::size_t at = 0; at < object.size(); ++at) {
    if (object[at] == '"') quotes.push_back(static_cast<std::uint32_t>(offset + at));
  }
  std::vector<PlainStringMember> members;
  for (std::size_t q = 0; q + 3 < quotes.size(); q += 4) {
    members.push_back(PlainStringMember{quotes[q] + 1, quotes[q + 1] - quotes[q] - 1,
                                        quotes[q + 2] + 1, quotes[q + 3] - quotes[q + 2] - 1});
  }
  return members;
}

}  // namespace aviso::test
