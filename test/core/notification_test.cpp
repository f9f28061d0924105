#include "aviso/notification.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Notification, JsonHasReferenceKeyOrder) {
  const aviso::Notification n("mars", 1, nlohmann::json{{"step", "6"}, {"class", "od"}});
  EXPECT_EQ(n.to_json(),
            R"({"event_type":"mars","sequence":1,"identifier":{"class":"od","step":"6"},"payload":null})");
  EXPECT_EQ(n.id(), "mars@1");
  EXPECT_EQ(n.payload_json(), "null");
}

TEST(Notification, PrettyFormKeepsNullPayload) {
  const aviso::Notification n("mars", 1);
  EXPECT_EQ(n.to_pretty_json(),
            "{\n  \"event_type\": \"mars\",\n  \"sequence\": 1,\n  \"identifier\": {},\n"
            "  \"payload\": null\n}");
}

}  // namespace
