// Notifications of spec section 3.6 shared by the template tests.
#pragma once

#include <nlohmann/json.hpp>

#include "aviso/notification.hpp"

namespace aviso::templates::test {

// Fixture A.
inline Notification fixture_a(std::string event_type = "mars") {
  return Notification(
      std::move(event_type), 42,
      nlohmann::json{{"country", "uk"},
                     {"point_cloud", nlohmann::json::parse("[[46.0,8.0],[47.0,9.0]]")}},
      nlohmann::json{{"location", "south"}, {"qty", 7}});
}

}  // namespace aviso::templates::test
