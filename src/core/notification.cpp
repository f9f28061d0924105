#include "aviso/notification.hpp"

#include <atomic>
#include <charconv>
#include <cstring>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>

#include "core/json_reader.hpp"
#include "core/notification_access.hpp"

namespace aviso {

namespace {

void empty_outer_level(nlohmann::json& value) noexcept {
  if (value.is_object()) {
    value.get_ref<nlohmann::json::object_t&>().clear();
  } else if (value.is_array()) {
    value.get_ref<nlohmann::json::array_t&>().clear();
  }
}

// The decoded identifier and payload of the last notification that died on this thread, kept
// for the next one decoded here to be built in: read_json_string_object reuses their nodes and
// strings while the keys match, so a consumer reading a stream of similar notifications
// allocates and frees almost nothing for them (each identifier is otherwise some 15 allocations,
// more than glibc's per-thread cache holds for one size). One of each per thread, and only small
// objects of strings, so a thread never holds on to much memory.
struct SpareFields {
  nlohmann::json identifier;
  nlohmann::json payload;
  ~SpareFields();
};

constexpr std::size_t kMaxSpareMembers = 32;
constexpr std::size_t kMaxSpareStringBytes = 256;  // capacity of each key and value

// A notification can die while its thread's spare is being destroyed, or after (a static one at
// exit): the state, which needs no destruction, says whether the spare may still be touched.
enum class SpareState : unsigned char { Unused, Live, Destroyed };
constinit thread_local SpareState spare_state = SpareState::Unused;
thread_local SpareFields spare_fields;

SpareFields::~SpareFields() { spare_state = SpareState::Destroyed; }

SpareFields* spare_fields_here() {
  if (spare_state == SpareState::Destroyed) return nullptr;
  spare_state = SpareState::Live;
  return &spare_fields;
}

bool worth_keeping(const nlohmann::json& value) {
  const auto& members = value.get_ref<const nlohmann::json::object_t&>();
  if (members.size() > kMaxSpareMembers) return false;
  for (const auto& [key, member] : members) {
    if (key.capacity() > kMaxSpareStringBytes || !member.is_string() ||
        member.get_ref<const std::string&>().capacity() > kMaxSpareStringBytes) {
      return false;
    }
  }
  return true;
}

// Keeps `value` as this thread's spare when the slot is free and the value worth keeping.
void keep_as_spare(nlohmann::json& value, nlohmann::json SpareFields::*slot) noexcept {
  if (!value.is_object()) return;
  SpareFields* spare = spare_fields_here();
  if (spare == nullptr || !(spare->*slot).is_null() || !worth_keeping(value)) return;
  (spare->*slot).swap(value);
}

nlohmann::json take_spare(nlohmann::json SpareFields::*slot) {
  SpareFields* spare = spare_fields_here();
  nlohmann::json taken;
  if (spare != nullptr) taken.swap(spare->*slot);
  return taken;
}

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
  // Received: a view of the text stored right after the body, in the same allocation (see
  // NotificationAccess::received). Hand-built with an envelope: a view of `dumped_envelope`.
  std::optional<std::string_view> envelope_text;
  std::string dumped_envelope;
  detail::TextSpan identifier_span;
  std::optional<detail::TextSpan> payload_span;
  // Received: where the decoder's check found each member of these (kept in the body's
  // allocation, before the text); none for a field to be read from the text.
  std::optional<std::span<const PlainStringMember>> identifier_members;
  std::optional<std::span<const PlainStringMember>> payload_members;

  mutable std::mutex decode_mutex;  // for both gates: decoding is rare after the first time

  OnceGate fields_once;
  mutable nlohmann::json identifier;  // an object once decoded or given
  mutable nlohmann::json payload;

  OnceGate envelope_once;
  mutable std::optional<nlohmann::json> envelope;

  // nlohmann::json frees an object or array by moving its members into a std::vector it
  // allocates for the purpose (so that deep nesting cannot overflow the stack); emptying the
  // outer level first spares the consumer that allocation and the moves for every notification.
  // What the members hold is still freed by nlohmann's own loop.
  ~Body() {
    keep_as_spare(identifier, &SpareFields::identifier);
    keep_as_spare(payload, &SpareFields::payload);
    empty_outer_level(identifier);
    empty_outer_level(payload);
    if (envelope) empty_outer_level(*envelope);
  }

  static nlohmann::json build_field(std::string_view text, detail::TextSpan span,
                                    std::optional<std::span<const PlainStringMember>> members,
                                    nlohmann::json reusable) {
    if (members) return build_plain_string_object(text, *members, std::move(reusable));
    return read_json_string_object(text.substr(span.offset, span.length), std::move(reusable));
  }

  void decode_fields() const {
    fields_once.run(decode_mutex, [this] {
      // Checked by the stream decoder when it arrived, so it reads without error.
      const std::string_view text(*envelope_text);
      identifier = build_field(text, identifier_span, identifier_members,
                               take_spare(&SpareFields::identifier));
      if (payload_span) {
        // Any JSON value; usually a small object of strings, like the identifier.
        payload =
            build_field(text, *payload_span, payload_members, take_spare(&SpareFields::payload));
      }
    });
  }
};

namespace {

// An allocator for std::allocate_shared that allocates `extra` more bytes after the object and
// its reference counts, and says where they start: a received notification's body, text and
// recorded members are then one allocation, made on the I/O thread and freed by the consumer.
// The extra bytes start at an address aligned for the object.
template <class T>
class TrailingBytesAllocator {
 public:
  using value_type = T;

  TrailingBytesAllocator(std::size_t extra, char** extra_at) : extra_(extra), extra_at_(extra_at) {}
  template <class U>
  TrailingBytesAllocator(const TrailingBytesAllocator<U>& other)  // NOLINT: rebinding
      : extra_(other.extra()), extra_at_(other.extra_at()) {}

  T* allocate(std::size_t count) {
    const std::size_t object_bytes = count * sizeof(T);
    void* base = ::operator new(object_bytes + extra_);
    *extra_at_ = static_cast<char*>(base) + object_bytes;
    return static_cast<T*>(base);
  }
  void deallocate(T* object, std::size_t) noexcept { ::operator delete(object); }

  std::size_t extra() const noexcept { return extra_; }
  char** extra_at() const noexcept { return extra_at_; }
  template <class U>
  bool operator==(const TrailingBytesAllocator<U>&) const noexcept {
    return true;  // any instance frees what another allocated
  }

 private:
  std::size_t extra_;
  char** extra_at_;  // written by allocate(), which allocate_shared calls exactly once
};

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
    body->dumped_envelope = cloudevent->dump();
    body->envelope_text = body->dumped_envelope;
    body->envelope = std::move(cloudevent);
    body->envelope_once.close();
  }
  body_ = std::move(body);
}

Notification detail::NotificationAccess::received(std::string event_type, std::uint64_t sequence,
                                                  std::string_view envelope_text,
                                                  TextSpan identifier,
                                                  std::optional<TextSpan> payload,
                                                  const RecordedFields& recorded) {
  Notification notification;
  notification.event_type_ = std::move(event_type);
  notification.sequence_ = sequence;
  // The trailing bytes: the recorded members (aligned, as the body is), then the text.
  const std::size_t identifier_members = recorded.identifier ? recorded.identifier->size() : 0;
  const std::size_t payload_members = recorded.payload ? recorded.payload->size() : 0;
  const std::size_t member_bytes =
      (identifier_members + payload_members) * sizeof(PlainStringMember);
  static_assert(alignof(Notification::Body) >= alignof(PlainStringMember));
  char* trailing = nullptr;
  auto body = std::allocate_shared<Notification::Body>(
      TrailingBytesAllocator<Notification::Body>(member_bytes + envelope_text.size(), &trailing));
  auto* members = reinterpret_cast<PlainStringMember*>(trailing);  // NOLINT: storage for them
  const auto keep = [&members](std::span<const PlainStringMember> given) {
    PlainStringMember* const first = members;
    members = std::uninitialized_copy(given.begin(), given.end(), first);
    return std::span<const PlainStringMember>(first, given.size());
  };
  if (recorded.identifier) body->identifier_members = keep(*recorded.identifier);
  if (recorded.payload) body->payload_members = keep(*recorded.payload);
  char* const text = trailing + member_bytes;
  if (!envelope_text.empty()) std::memcpy(text, envelope_text.data(), envelope_text.size());
  body->envelope_text = std::string_view(text, envelope_text.size());
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

// The session asks for it once per delivered notification (its checkpoint), so it is built in
// one allocation at most instead of through three temporaries.
std::string Notification::id() const {
  char digits[std::numeric_limits<std::uint64_t>::digits10 + 1];
  const char* const digits_end = std::to_chars(std::begin(digits), std::end(digits), sequence_).ptr;
  std::string id;
  const std::size_t digit_count = static_cast<std::size_t>(digits_end - digits);
  id.reserve(event_type_.size() + 1 + digit_count);
  id.append(event_type_).append(1, '@').append(digits, digit_count);
  return id;
}

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
