#include "aviso/notification.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/notification_access.hpp"

namespace {

TEST(Notification, JsonHasReferenceKeyOrder) {
  const aviso::Notification n("mars", 1, nlohmann::json{{"step", "6"}, {"class", "od"}});
  EXPECT_EQ(
      n.to_json(),
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

// A received notification keeps the envelope as sent (key order, spacing, number spelling) and
// parses it only when asked, once, whichever thread asks first; copies share it.
TEST(Notification, ReceivedKeepsTheEnvelopeTextAndParsesItOnDemand) {
  const std::string text =
      R"({"specversion":"1.0", "id":"mars@7","type":"int.ecmwf.aviso.mars","size":1.50,)"
      R"("data":{"identifier":{"class":"od"},"payload":null}})";
  const std::size_t identifier_at = text.find(R"({"class")");
  const std::size_t payload_at = text.find("null}}");
  const aviso::Notification n = aviso::detail::NotificationAccess::received(
      "mars", 7, text, {identifier_at, 14}, aviso::detail::TextSpan{payload_at, 4});
  ASSERT_TRUE(n.cloudevent_text());
  EXPECT_EQ(*n.cloudevent_text(), text);
  const aviso::Notification copy = n;  // NOLINT(performance-unnecessary-copy-initialization)
  std::vector<std::thread> readers;
  std::vector<std::string> types(4);
  std::vector<std::string> classes(4);
  for (std::size_t i = 0; i < types.size(); ++i) {
    readers.emplace_back([&, i] {
      classes[i] = copy.identifier().at("class").get<std::string>();  // decoded on first use
      types[i] = copy.cloudevent()->at("type").get<std::string>();
    });
  }
  for (std::thread& reader : readers) reader.join();
  for (const std::string& type : types) EXPECT_EQ(type, "int.ecmwf.aviso.mars");
  for (const std::string& value : classes) EXPECT_EQ(value, "od");
  EXPECT_EQ(&n.identifier(), &copy.identifier());    // decoded once, shared
  EXPECT_EQ(&*n.cloudevent(), &*copy.cloudevent());  // one shared envelope
  EXPECT_EQ(n.to_json(),
            R"({"event_type":"mars","sequence":7,"identifier":{"class":"od"},"payload":null})");
}

TEST(Notification, HandBuiltHasNoEnvelopeUnlessGivenOne) {
  const aviso::Notification plain("mars", 1);
  EXPECT_FALSE(plain.cloudevent());
  EXPECT_FALSE(plain.cloudevent_text());
  const nlohmann::json envelope = {{"id", "mars@1"}, {"specversion", "1.0"}};
  const aviso::Notification given("mars", 1, nlohmann::json::object(), nullptr, envelope);
  EXPECT_EQ(given.cloudevent(), envelope);
  EXPECT_EQ(*given.cloudevent_text(), envelope.dump());
}

}  // namespace

namespace {

TEST(Notification, IdJoinsTheEventTypeAndTheFullSequence) {
  EXPECT_EQ(aviso::Notification("mars", 0).id(), "mars@0");
  EXPECT_EQ(aviso::Notification("mars", 42).id(), "mars@42");
  EXPECT_EQ(aviso::Notification("a.long.event.type.name", 18446744073709551615ULL).id(),
            "a.long.event.type.name@18446744073709551615");
}

}  // namespace
