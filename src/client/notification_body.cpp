#include "client/notification_body.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/utf8.hpp"

namespace aviso::client {
namespace {

// nlohmann's own serializer writes through an output adapter bound to one string for its whole
// life; this one is pointed at each new body, so one serializer serves every body of a batch.
class RetargetableOutput : public nlohmann::detail::output_adapter_protocol<char> {
 public:
  void target(std::string* out) { out_ = out; }
  void write_character(char c) override { out_->push_back(c); }
  void write_characters(const char* s, std::size_t length) override { out_->append(s, length); }

 private:
  std::string* out_ = nullptr;
};

// Characters that dump() writes as they are inside a string: printable ASCII except the quote
// and the backslash. Event types are nearly always such names, so they skip the serializer (which
// would need a JSON value, i.e. a copy of the text).
bool needs_no_escaping(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}

bool strings_are_utf8(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return is_valid_utf8(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::object:
      for (auto member = value.begin(); member != value.end(); ++member) {
        if (!is_valid_utf8(member.key()) || !strings_are_utf8(member.value())) return false;
      }
      return true;
    case nlohmann::json::value_t::array:
      for (const nlohmann::json& element : value) {
        if (!strings_are_utf8(element)) return false;
      }
      return true;
    default:
      return true;
  }
}

// A typical body (seven identifier keys and a path) fits without growing.
constexpr std::size_t kInitialCapacity = 256;

}  // namespace

struct NotificationBodyWriter::Impl {
  std::shared_ptr<RetargetableOutput> output = std::make_shared<RetargetableOutput>();
  nlohmann::detail::serializer<nlohmann::json> serializer{
      output, ' ', nlohmann::detail::error_handler_t::strict};

  void dump(const nlohmann::json& value, const char* member) {
    try {
      serializer.dump(value, false, false, 0);
    } catch (const nlohmann::json::type_error& error) {
      throw Error::invalid_input(std::string("notification ") + member +
                                 " is not valid UTF-8: " + error.what());
    }
  }
};

NotificationBodyWriter::NotificationBodyWriter() : impl_(std::make_unique<Impl>()) {}
NotificationBodyWriter::~NotificationBodyWriter() = default;

bool NotificationBodyWriter::can_write(const NotificationRequest& request) {
  return is_valid_utf8(request.event_type) && strings_are_utf8(request.identifier) &&
         (!request.payload || strings_are_utf8(*request.payload));
}

std::string NotificationBodyWriter::write(const NotificationRequest& request) {
  std::string out;
  out.reserve(kInitialCapacity);
  impl_->output->target(&out);
  out += R"({"event_type":)";
  if (needs_no_escaping(request.event_type)) {
    out += '"';
    out += request.event_type;
    out += '"';
  } else {
    impl_->dump(nlohmann::json(request.event_type), "event_type");
  }
  out += R"(,"identifier":)";
  if (request.identifier.is_null()) {
    out += "{}";
  } else {
    impl_->dump(request.identifier, "identifier");
  }
  if (request.payload) {
    out += R"(,"payload":)";
    impl_->dump(*request.payload, "payload");
  }
  out += '}';
  impl_->output->target(nullptr);
  return out;
}

}  // namespace aviso::client
