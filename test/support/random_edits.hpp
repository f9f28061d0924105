// Seeded random edits of a text, for tests that hold two readers of the same input to each other:
// one to three single bytes replaced, inserted or deleted, or the text cut short.
#pragma once

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

namespace aviso::test {

// `text` with 1-3 edits; every inserted or replacing byte is drawn from `alphabet`.
inline std::string randomly_edited(std::string text, std::string_view alphabet,
                                   std::mt19937& random) {
  const int changes = 1 + static_cast<int>(random() % 3);
  for (int change = 0; change < changes && !text.empty(); ++change) {
    const std::size_t at = random() % text.size();
    const char byte = alphabet[random() % alphabet.size()];
    switch (random() % 4) {
      case 0:
        text[at] = byte;
        break;
      case 1:
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), byte);
        break;
      case 2:
        text.erase(at, 1);
        break;
      default:
        text.resize(at);
        break;
    }
  }
  return text;
}

}  // namespace aviso::test
