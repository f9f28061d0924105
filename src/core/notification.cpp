#include "aviso/notification.hpp"

#include <atomic>
#include <mutex>
#include <string_view>

#include "core/json_reader.hpp"
#include "core/notification_access.hpp"

namespace aviso {

namespace {

// Runs a piece of work once, on whichever thread asks first; later askers wait for it. Unlike
// std::call_once (glibc's pthread_once), setting it does not end with a futex wake system call:
// that call cost the consumer of a replay more than the decoding it guarded. A throwing piece of
// work leaves the gate open for the next asker, as with call_once.
class OnceGate {
 public:
  template <class Work>
  void run(std::mutex& mutex, Work&& work) const {
    if (done_.load(std::memory_order_acquire)) return;
    std::lock_guard<std::mutex> lock(mutex);
    if (done_.load(std::memory_order_relaxed)) return;
    work();
    done_.store(true, std::memory_order_release);
  }
  void close() { done_.store(true, std::memory_order_relaxed); }  // before the body is shared

 private:
  mutable std::atomic<bool> done_{false};
};

}  // namespace

// For a received notification, `envelope_text` is the CloudEvent as the server sent it and the
// JSON values are built from it on first use; for a hand-built one they are given up front.
// Each gate guards the values below it, filled by whichever thread asks first.
struct Notification::Body {
  std::optional<std::string> envelope_text;
  detail::TextSpan identifier_span;
  std::optional<detail::TextSpan> payload_span;

  mutable std::mutex decode_mutex;  // for both gates: decoding is rare after the first time

  OnceGate fields_once;
  mutable nlohmann::json identifier;  // an object once decoded or given
  mutable nlohmann::json payload;

  OnceGate envelope_once;
  mutable std::optional<nlohmann::json> envelope;

  void decode_fields() const {
    fields_once.run(decode_mutex, [this] {
      // Checked by the stream decoder when it arrived, so it reads without error.
      const std::string_view text(*envelope_text);
      identifier = read_json(text.substr(identifier_span.offset, identifier_span.length));
      if (payload_span) {
        payload = read_json(text.substr(payload_span->offset, payload_span->length));
      }
    });
  }
};

namespace {

const nlohmann::json& empty_identifier() {
  static const nlohmann::json empty = nlohmann::json::object();
  return empty;
}

const nlohmann::json& null_payload() {
  static const nlohmann::json null;
  return null;
}

}  // namespace

Notification::Notification(std::string event_type, std::uint64_t sequence,
                           nlohmann::json identifier, nlohmann::json payload,
                           std::optional<nlohmann::json> cloudevent)
    : event_type_(std::move(event_type)), sequence_(sequence) {
  auto body = std::make_shared<Body>();
  body->identifier = std::move(identifier);
  body->payload = std::move(payload);
  body->fields_once.close();  // given, nothing to decode
  if (cloudevent) {
    body->envelope_text = cloudevent->dump();
    body->envelope = std::move(cloudevent);
    body->envelope_once.close();
  }
  body_ = std::move(body);
}

Notification detail::NotificationAccess::received(std::string event_type, std::uint64_t sequence,
                                                  std::string envelope_text, TextSpan identifier,
                                                  std::optional<TextSpan> payload) {
  Notification notification;
  notification.event_type_ = std::move(event_type);
  notification.sequence_ = sequence;
  auto body = std::make_shared<Notification::Body>();
  body->envelope_text = std::move(envelope_text);
  body->identifier_span = identifier;
  body->payload_span = payload;
  notification.body_ = std::move(body);
  return notification;
}

const nlohmann::json& Notification::identifier() const {
  if (!body_) return empty_identifier();
  body_->decode_fields();
  return body_->identifier;
}

const nlohmann::json& Notification::payload() const {
  if (!body_) return null_payload();
  body_->decode_fields();
  return body_->payload;
}

const std::optional<nlohmann::json>& Notification::cloudevent() const {
  static const std::optional<nlohmann::json> none;
  if (!body_ || !body_->envelope_text) return none;
  const Body& body = *body_;
  body.envelope_once.run(body.decode_mutex,
                         [&body] { body.envelope = read_json(*body.envelope_text); });
  return body.envelope;
}

std::optional<std::string_view> Notification::cloudevent_text() const noexcept {
  if (!body_ || !body_->envelope_text) return std::nullopt;
  return std::string_view(*body_->envelope_text);
}

std::string Notification::id() const { return event_type_ + "@" + std::to_string(sequence_); }

std::string Notification::identifier_json() const { return identifier().dump(); }

std::string Notification::payload_json() const { return payload().dump(); }

nlohmann::ordered_json Notification::to_ordered_json() const {
  nlohmann::ordered_json out;
  out["event_type"] = event_type_;
  out["sequence"] = sequence_;
  // nlohmann::json objects keep keys sorted, as the reference's ordered map does.
  out["identifier"] = nlohmann::ordered_json::parse(identifier().dump());
  out["payload"] = nlohmann::ordered_json::parse(payload().dump());
  return out;
}

std::string Notification::to_json() const { return to_ordered_json().dump(); }

std::string Notification::to_pretty_json() const { return to_ordered_json().dump(2); }

}  // namespace aviso
