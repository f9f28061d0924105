#include "client/notification_body.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/json_string.hpp"
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

  // Strings, objects and arrays are written here, a run of plain characters at a time;
  // nlohmann's serializer, which writes a string character by character through a virtual
  // call, is left the numbers, booleans and null. Members come in the object's own (sorted)
  // order, as dump() writes them.
  void write_value(const nlohmann::json& value, std::string& out, const char* member) {
    switch (value.type()) {
      case nlohmann::json::value_t::string:
        write_string(value.get_ref<const std::string&>(), out, member);
        return;
      case nlohmann::json::value_t::object: {
        out += '{';
        for (auto entry = value.begin(); entry != value.end(); ++entry) {
          if (entry != value.begin()) out += ',';
          write_string(entry.key(), out, member);
          out += ':';
          write_value(entry.value(), out, member);
        }
        out += '}';
        return;
      }
      case nlohmann::json::value_t::array: {
        out += '[';
        for (auto element = value.begin(); element != value.end(); ++element) {
          if (element != value.begin()) out += ',';
          write_value(*element, out, member);
        }
        out += ']';
        return;
      }
      default:
        serializer.dump(value, false, false, 0);
        return;
    }
  }

  static void write_string(std::string_view text, std::string& out, const char* member) {
    try {
      append_json_string(out, text);
    } catch (const InvalidUtf8& error) {
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
  Impl::write_string(request.event_type, out, "event_type");
  out += R"(,"identifier":)";
  if (request.identifier.is_null()) {
    out += "{}";
  } else {
    impl_->write_value(request.identifier, out, "identifier");
  }
  if (request.payload) {
    out += R"(,"payload":)";
    impl_->write_value(*request.payload, out, "payload");
  }
  out += '}';
  impl_->output->target(nullptr);
  return out;
}

}  // namespace aviso::client
