#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stored_message.hpp"
#include "time_text.hpp"
#include "watch_filter.hpp"

namespace aviso::server {

enum class SequenceMode {
  Global,     // one counter for the process, as the reference in-memory backend
  PerStream,  // one counter per topic base, as JetStream
};

struct RetentionLimits {
  std::size_t max_history_per_topic = 1;
  std::size_t max_topics = 10000;
};

// The in-memory backend of protocol section 6: topics with bounded history, sequence numbers that
// are never reused, and synchronous fan-out to live subscribers in storage order.
// Not thread-safe: the server touches it only from its I/O thread.
class Store {
 public:
  using Subscriber = std::function<void(const MessagePtr&)>;
  using SubscriptionId = std::uint64_t;

  Store(RetentionLimits limits, SequenceMode mode);

  // Numbers the draft, keeps it, applies the limits, then tells every subscriber.
  MessagePtr store(NotificationDraft draft);

  SubscriptionId subscribe(Subscriber subscriber);
  // Safe to call from inside a subscriber.
  void unsubscribe(SubscriptionId id);
  std::size_t subscriber_count() const;

  // One replay batch: retained messages whose topic matches `filter`'s pattern, with
  // sequence >= from_sequence, stored at or after `from_time` (if set) and sequence <= to_sequence
  // (if set), ascending, at most `limit`. Constraints and spatial rules are not applied here.
  std::vector<MessagePtr> replay_batch(const WatchFilter& filter, std::uint64_t from_sequence,
                                       std::optional<Instant> from_time,
                                       std::optional<std::uint64_t> to_sequence,
                                       std::size_t limit) const;

  // The newest retained sequence on `filter`'s topics stored at or before `at` (or at all).
  std::optional<std::uint64_t> newest_sequence(const WatchFilter& filter,
                                               std::optional<Instant> at) const;

  // Removes `sequence` from the topics of stream `name` (the topic key equals the lower-cased,
  // encoded name or starts with it followed by '.'). False when no such message is retained.
  bool remove(std::string_view name, std::uint64_t sequence);
  // Removes every topic of stream `name` (topic key starts with "<name>."), case-insensitive.
  void wipe_stream(std::string_view name);
  void wipe_all();

  std::size_t topic_count() const { return topics_.size(); }
  std::size_t message_count() const;
  // Every retained message, topic by topic (not by sequence): read from the topics themselves,
  // not from the sequence index, so a test can hold one against the other.
  std::vector<MessagePtr> retained_messages() const;

 private:
  struct Topic {
    std::vector<std::string> tokens;
    std::vector<MessagePtr> messages;  // ascending sequence, bounded by max_history_per_topic
    std::list<std::string>::iterator recency;
  };

  std::uint64_t next_sequence(const std::string& base);
  void forget(const MessagePtr& message);
  void evict_oldest_topic();
  void erase_topic(std::unordered_map<std::string, Topic>::iterator it);
  template <typename Visit>
  void for_each_stream_topic(std::string_view name, bool include_exact, Visit visit);

  RetentionLimits limits_;
  SequenceMode mode_;
  std::uint64_t global_sequence_ = 0;
  std::map<std::string, std::uint64_t> stream_sequences_;
  std::unordered_map<std::string, Topic> topics_;
  std::list<std::string> recency_;  // least recently written topic first
  // Every retained message by sequence, so a replay batch starts where the previous one ended
  // instead of collecting and sorting the whole store: replaying N messages in batches of B then
  // costs O(N log N) in all, not O(N * N / B). Equal sequences (per-stream mode, two streams)
  // keep their storage order.
  std::multimap<std::uint64_t, MessagePtr> by_sequence_;

  std::vector<std::pair<SubscriptionId, Subscriber>> subscribers_;
  SubscriptionId next_subscription_ = 1;
  bool publishing_ = false;
  bool subscribers_removed_ = false;
};

}  // namespace aviso::server
