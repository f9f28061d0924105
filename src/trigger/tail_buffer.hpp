// Keeps only the last N bytes of a stream: stderr of a command, the body of a webhook reply.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace aviso::trigger {

inline constexpr std::size_t kTailLimit = 4096;

class TailBuffer {
 public:
  explicit TailBuffer(std::size_t limit = kTailLimit) : limit_(limit) {}

  void append(std::string_view bytes) {
    total_ += bytes.size();
    if (bytes.size() >= limit_) {
      data_.assign(bytes.substr(bytes.size() - limit_));
      return;
    }
    data_.append(bytes);
    if (data_.size() > limit_) data_.erase(0, data_.size() - limit_);
  }

  const std::string& bytes() const noexcept { return data_; }
  std::size_t total() const noexcept { return total_; }  // everything ever appended

 private:
  std::size_t limit_;
  std::string data_;
  std::size_t total_ = 0;
};

// Bytes as text, each invalid UTF-8 sequence replaced by U+FFFD (a tail may start mid-char).
std::string lossy_utf8(std::string_view bytes);

}  // namespace aviso::trigger
