#include "trigger/teams_card.hpp"

#include <nlohmann/json.hpp>

namespace aviso::trigger {
namespace {

using Json = nlohmann::ordered_json;

// Teams shows fact values as text: strings as themselves, anything else as compact JSON.
std::string fact_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

Json fact(const std::string& title, const std::string& value) {
  Json entry;
  entry["title"] = title;
  entry["value"] = value;
  return entry;
}

}  // namespace

std::string teams_card(const Notification& notification, const std::string& title) {
  Json body = Json::array();

  Json heading;
  heading["type"] = "TextBlock";
  heading["text"] = title;
  heading["weight"] = "Bolder";
  heading["size"] = "Medium";
  heading["color"] = "Accent";
  heading["wrap"] = true;
  body.push_back(heading);

  Json facts = Json::array();
  facts.push_back(fact("Event", notification.event_type()));
  facts.push_back(fact("Sequence", std::to_string(notification.sequence())));
  if (notification.identifier().is_object()) {
    for (const auto& [key, value] : notification.identifier().items()) {
      facts.push_back(fact(key, fact_text(value)));
    }
  }
  Json fact_set;
  fact_set["type"] = "FactSet";
  fact_set["facts"] = facts;
  body.push_back(fact_set);

  const nlohmann::json& payload = notification.payload();
  if (payload.is_object() && !payload.empty()) {
    Json label;
    label["type"] = "TextBlock";
    label["text"] = "Payload";
    label["weight"] = "Bolder";
    label["spacing"] = "Medium";
    body.push_back(label);
    Json payload_facts = Json::array();
    for (const auto& [key, value] : payload.items()) {
      payload_facts.push_back(fact(key, fact_text(value)));
    }
    Json payload_set;
    payload_set["type"] = "FactSet";
    payload_set["facts"] = payload_facts;
    body.push_back(payload_set);
  } else if (!payload.is_null()) {
    Json text;
    text["type"] = "TextBlock";
    text["text"] = "Payload: " + payload.dump();
    text["fontType"] = "Monospace";
    text["wrap"] = true;
    text["spacing"] = "Medium";
    body.push_back(text);
  }

  Json content;
  content["type"] = "AdaptiveCard";
  content["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json";
  content["version"] = "1.4";
  content["body"] = body;
  Json attachment;
  attachment["contentType"] = "application/vnd.microsoft.card.adaptive";
  attachment["content"] = content;
  Json message;
  message["type"] = "message";
  message["attachments"] = Json::array({attachment});
  return message.dump();
}

}  // namespace aviso::trigger
