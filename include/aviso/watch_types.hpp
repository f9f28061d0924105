// Value types that say where a watch starts and ends. Public header: C++17.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace aviso {

// Whether a watch goes live after its history (Watch) or ends with it (ReplayOnly). Fixed for
// the whole life of a watch.
enum class WatchMode { Watch, ReplayOnly };

// Where a watch starts.
class ResumeStart {
 public:
  enum class Kind { AfterSequence, Date };

  // Exclusive: "I already have everything up to and including `sequence`". The first request
  // asks the server for `sequence + 1`. after_sequence(0) means "all retained history".
  static ResumeStart after_sequence(std::uint64_t sequence) {
    return ResumeStart(Kind::AfterSequence, sequence, {});
  }
  // Everything stored at or after `date`, sent to the server verbatim as from_date (it accepts
  // RFC 3339, "YYYY-MM-DD HH:MM:SS" and Unix seconds or milliseconds). Used only until the
  // first notification arrives; later connections resume by sequence.
  static ResumeStart at_date(std::string date) {
    return ResumeStart(Kind::Date, 0, std::move(date));
  }

  Kind kind() const noexcept { return kind_; }
  std::optional<std::uint64_t> sequence() const {
    return kind_ == Kind::AfterSequence ? std::optional<std::uint64_t>(sequence_) : std::nullopt;
  }
  std::optional<std::string> date() const {
    return kind_ == Kind::Date ? std::optional<std::string>(date_) : std::nullopt;
  }

  friend bool operator==(const ResumeStart& a, const ResumeStart& b) {
    return a.kind_ == b.kind_ && a.sequence_ == b.sequence_ && a.date_ == b.date_;
  }
  friend bool operator!=(const ResumeStart& a, const ResumeStart& b) { return !(a == b); }

 private:
  ResumeStart(Kind kind, std::uint64_t sequence, std::string date)
      : kind_(kind), sequence_(sequence), date_(std::move(date)) {}

  Kind kind_;
  std::uint64_t sequence_;
  std::string date_;
};

// Where a replay ends (inclusive).
class ReplayEnd {
 public:
  enum class Kind { Sequence, Date };

  // The last sequence to deliver.
  static ReplayEnd through_sequence(std::uint64_t sequence) {
    return ReplayEnd(Kind::Sequence, sequence, {});
  }
  // The last notification stored at or before `date`. The server resolves it to a sequence
  // when the replay starts; that sequence then holds for the rest of the watch.
  static ReplayEnd through_date(std::string date) {
    return ReplayEnd(Kind::Date, 0, std::move(date));
  }

  Kind kind() const noexcept { return kind_; }
  std::optional<std::uint64_t> sequence() const {
    return kind_ == Kind::Sequence ? std::optional<std::uint64_t>(sequence_) : std::nullopt;
  }
  std::optional<std::string> date() const {
    return kind_ == Kind::Date ? std::optional<std::string>(date_) : std::nullopt;
  }

  friend bool operator==(const ReplayEnd& a, const ReplayEnd& b) {
    return a.kind_ == b.kind_ && a.sequence_ == b.sequence_ && a.date_ == b.date_;
  }
  friend bool operator!=(const ReplayEnd& a, const ReplayEnd& b) { return !(a == b); }

 private:
  ReplayEnd(Kind kind, std::uint64_t sequence, std::string date)
      : kind_(kind), sequence_(sequence), date_(std::move(date)) {}

  Kind kind_;
  std::uint64_t sequence_;
  std::string date_;
};

}  // namespace aviso
