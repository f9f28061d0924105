#include "store.hpp"

#include <algorithm>

#include "schema.hpp"
#include "topic.hpp"

namespace aviso::server {

Store::Store(RetentionLimits limits, SequenceMode mode) : limits_(limits), mode_(mode) {
  limits_.max_history_per_topic = std::max<std::size_t>(1, limits_.max_history_per_topic);
  limits_.max_topics = std::max<std::size_t>(1, limits_.max_topics);
}

std::uint64_t Store::next_sequence(const std::string& base) {
  if (mode_ == SequenceMode::Global) return ++global_sequence_;
  return ++stream_sequences_[to_lower_ascii(base)];
}

MessagePtr Store::store(NotificationDraft draft) {
  auto message = std::make_shared<StoredMessage>();
  message->topic_key = encode_topic(draft.topic_tokens);
  message->sequence = next_sequence(draft.topic_tokens.front());
  message->stored_at = now();
  message->content = std::move(draft);

  auto it = topics_.find(message->topic_key);
  if (it == topics_.end()) {
    if (topics_.size() >= limits_.max_topics) evict_oldest_topic();
    Topic topic;
    topic.tokens = message->content.topic_tokens;
    topic.recency = recency_.insert(recency_.end(), message->topic_key);
    it = topics_.emplace(message->topic_key, std::move(topic)).first;
  } else {
    recency_.splice(recency_.end(), recency_, it->second.recency);
  }
  auto& messages = it->second.messages;
  messages.push_back(message);
  by_sequence_.emplace_hint(by_sequence_.end(), message->sequence, message);
  if (messages.size() > limits_.max_history_per_topic) {
    const auto excess =
        static_cast<std::ptrdiff_t>(messages.size() - limits_.max_history_per_topic);
    std::for_each(messages.begin(), messages.begin() + excess,
                  [this](const MessagePtr& old) { forget(old); });
    messages.erase(messages.begin(), messages.begin() + excess);
  }

  // Subscribers may unsubscribe (a dropped slow reader) while being told; they are removed after.
  publishing_ = true;
  const std::size_t count = subscribers_.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (subscribers_[i].second) subscribers_[i].second(message);
  }
  publishing_ = false;
  if (subscribers_removed_) {
    subscribers_.erase(std::remove_if(subscribers_.begin(), subscribers_.end(),
                                      [](const auto& entry) { return !entry.second; }),
                       subscribers_.end());
    subscribers_removed_ = false;
  }
  return message;
}

void Store::forget(const MessagePtr& message) {
  auto [first, last] = by_sequence_.equal_range(message->sequence);
  for (auto entry = first; entry != last; ++entry) {
    if (entry->second == message) {
      by_sequence_.erase(entry);
      return;
    }
  }
}

void Store::evict_oldest_topic() {
  if (recency_.empty()) return;
  erase_topic(topics_.find(recency_.front()));
}

void Store::erase_topic(std::unordered_map<std::string, Topic>::iterator it) {
  if (it == topics_.end()) return;
  for (const MessagePtr& message : it->second.messages) forget(message);
  recency_.erase(it->second.recency);
  topics_.erase(it);
}

Store::SubscriptionId Store::subscribe(Subscriber subscriber) {
  const SubscriptionId id = next_subscription_++;
  subscribers_.emplace_back(id, std::move(subscriber));
  return id;
}

void Store::unsubscribe(SubscriptionId id) {
  for (auto& entry : subscribers_) {
    if (entry.first == id) entry.second = nullptr;
  }
  if (publishing_) {
    subscribers_removed_ = true;
  } else {
    subscribers_.erase(std::remove_if(subscribers_.begin(), subscribers_.end(),
                                      [](const auto& entry) { return !entry.second; }),
                       subscribers_.end());
  }
}

std::size_t Store::subscriber_count() const {
  return static_cast<std::size_t>(
      std::count_if(subscribers_.begin(), subscribers_.end(),
                    [](const auto& entry) { return bool(entry.second); }));
}

std::vector<MessagePtr> Store::replay_batch(const WatchFilter& filter, std::uint64_t from_sequence,
                                            std::optional<Instant> from_time,
                                            std::optional<std::uint64_t> to_sequence,
                                            std::size_t limit) const {
  std::vector<MessagePtr> batch;
  for (auto entry = by_sequence_.lower_bound(from_sequence);
       entry != by_sequence_.end() && batch.size() < limit; ++entry) {
    const MessagePtr& message = entry->second;
    if (to_sequence && message->sequence > *to_sequence) break;
    if (from_time && message->stored_at < *from_time) continue;
    if (!filter.pattern.matches(message->content.topic_tokens)) continue;
    batch.push_back(message);
  }
  return batch;
}

std::optional<std::uint64_t> Store::newest_sequence(const WatchFilter& filter,
                                                    std::optional<Instant> at) const {
  for (auto entry = by_sequence_.rbegin(); entry != by_sequence_.rend(); ++entry) {
    const MessagePtr& message = entry->second;
    if (at && message->stored_at > *at) continue;
    if (filter.pattern.matches(message->content.topic_tokens)) return message->sequence;
  }
  return std::nullopt;
}

template <typename Visit>
void Store::for_each_stream_topic(std::string_view name, bool include_exact, Visit visit) {
  const std::string prefix = to_lower_ascii(encode_token(name));
  for (auto it = topics_.begin(); it != topics_.end();) {
    const auto current = it++;
    const std::string key = to_lower_ascii(current->first);
    const bool exact = include_exact && key == prefix;
    const bool below = key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0 &&
                       key[prefix.size()] == '.';
    if (exact || below) visit(current);
  }
}

bool Store::remove(std::string_view name, std::uint64_t sequence) {
  bool removed = false;
  for_each_stream_topic(name, true, [&](auto it) {
    auto& messages = it->second.messages;
    const auto found = std::find_if(messages.begin(), messages.end(),
                                    [&](const MessagePtr& m) { return m->sequence == sequence; });
    if (found == messages.end()) return;
    forget(*found);
    messages.erase(found);
    removed = true;
    if (messages.empty()) erase_topic(it);
  });
  return removed;
}

void Store::wipe_stream(std::string_view name) {
  for_each_stream_topic(name, false, [&](auto it) { erase_topic(it); });
}

void Store::wipe_all() {
  by_sequence_.clear();
  topics_.clear();
  recency_.clear();
}

std::size_t Store::message_count() const { return by_sequence_.size(); }

std::vector<MessagePtr> Store::retained_messages() const {
  std::vector<MessagePtr> all;
  for (const auto& [key, topic] : topics_) {
    all.insert(all.end(), topic.messages.begin(), topic.messages.end());
  }
  return all;
}

}  // namespace aviso::server
