#include "trigger/cloudevent_body.hpp"

#include <nlohmann/json.hpp>

namespace aviso::trigger {

std::string cloudevent_body(const Notification& notification) {
  // Forwarded byte for byte as the server sent it.
  if (const auto text = notification.cloudevent_text()) return std::string(*text);
  nlohmann::ordered_json envelope;
  envelope["specversion"] = "1.0";
  envelope["type"] = "co.ecmwf.aviso.event";
  envelope["source"] = "aviso-client";
  envelope["id"] = notification.id();
  nlohmann::ordered_json data;
  data["identifier"] = nlohmann::ordered_json::parse(notification.identifier().dump());
  data["payload"] = nlohmann::ordered_json::parse(notification.payload().dump());
  envelope["data"] = data;
  return envelope.dump();
}

}  // namespace aviso::trigger
