#include "aviso/notification.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/json_reader.hpp"
#include "core/notification_access.hpp"
#include "support/recorded_members.hpp"

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

namespace {

// Whether the decoder recorded the members of the fields it could (objects of plain strings), or
// left them to be read from the text.
enum class Fields { FromText, Recorded };

// A notification as the stream decoder makes it: the envelope text, the spans of its fields and,
// for `Fields::Recorded`, the members of those it could record.
aviso::Notification received(std::uint64_t sequence, const std::string& identifier,
                             const std::string& payload, Fields fields = Fields::FromText) {
  const std::string prefix = R"({"data":{"identifier":)";
  const std::string text = prefix + identifier + R"(,"payload":)" + payload + "}}";
  const aviso::detail::TextSpan identifier_span{prefix.size(), identifier.size()};
  const aviso::detail::TextSpan payload_span{text.size() - 2 - payload.size(), payload.size()};
  std::optional<std::vector<aviso::PlainStringMember>> identifier_members;
  std::optional<std::vector<aviso::PlainStringMember>> payload_members;
  aviso::detail::RecordedFields recorded;
  if (fields == Fields::Recorded) {
    identifier_members =
        aviso::test::recorded_members(text, identifier_span.offset, identifier_span.length);
    payload_members = aviso::test::recorded_members(text, payload_span.offset, payload_span.length);
    if (identifier_members) recorded.identifier = *identifier_members;
    if (payload_members) recorded.payload = *payload_members;
  }
  // The notification keeps copies: the recording may go at once.
  return aviso::detail::NotificationAccess::received("mars", sequence, text, identifier_span,
                                                     payload_span, recorded);
}

// Runs `work` on a thread of its own, whose spare fields start empty and go with it.
template <class Work>
void on_fresh_thread(Work work) {
  std::thread thread(work);
  thread.join();
}

std::size_t capacity_of(const nlohmann::json& object, const std::string& key) {
  return object.at(key).get_ref<const std::string&>().capacity();
}

// A consumer's thread keeps the fields of the notification that died last and builds the next
// one's in them: whatever the previous fields held, each notification's values must be exactly
// what the readers build from its own text.
TEST(Notification, FieldsBuiltOneAfterAnotherOnOneThreadAreThoseOfTheirOwnText) {
  const std::string long_value(300, 'L');
  const std::vector<std::pair<std::string, std::string>> fields = {
      {R"({"class":"od","date":"20260601","step":"0"})", R"({"path":"/data/od/0"})"},
      {R"({"class":"rd","date":"20260602","step":"12"})", R"({"path":"/data/rd/12"})"},
      {R"({"class":"od","date":"20260601"})", R"({"path":"/x","size":"12"})"},
      {R"({"class":"od","date":"1","expver":"2","step":"3","time":"4"})", R"({"size":"1"})"},
      {R"({"time":"4","class":"od","step":"3"})", R"({"b":"1","a":"2"})"},
      {R"({"class":"od","class":"rd"})", R"({"a":"1","a":"2"})"},
      {R"({"class":"o\"d","date":"caf\u00e9"})", R"({"path":"tab\tand\\"})"},
      {R"({"class":"od"})", R"(42)"},
      {R"({"class":"od"})", R"({"path":"/data","sizes":[1,2],"meta":{"k":"v"}})"},
      {R"({"class":"od"})", R"({"path":"/data"})"},
      {R"({"class":")" + long_value + R"("})", R"({"path":")" + long_value + R"("})"},
      {R"({"class":"od"})", R"({"path":"/data"})"},
      {R"({})", R"(null)"},
      {R"({"class":"od"})", R"("just a string")"},
      {R"({ "class" : "od" , "date" : "1" })", R"({ "path" : "/p" })"},
  };
  // Fields from the text, recorded, and the two in turn (the spare passes between the paths).
  const std::vector<std::vector<Fields>> orders = {
      {Fields::FromText}, {Fields::Recorded}, {Fields::Recorded, Fields::FromText}};
  for (const std::vector<Fields>& order : orders) {
    on_fresh_thread([&] {
      std::uint64_t sequence = 0;
      const auto next_fields = [&order, &sequence] { return order[sequence % order.size()]; };
      for (const auto& [identifier, payload] : fields) {
        const aviso::Notification n = received(++sequence, identifier, payload, next_fields());
        EXPECT_EQ(n.identifier(), aviso::read_json(identifier)) << identifier;
        EXPECT_EQ(n.payload(), aviso::read_json(payload)) << payload;
      }
      // As a pull stream's consumer: the next is taken before the previous dies.
      std::optional<aviso::Notification> current;
      for (const auto& [identifier, payload] : fields) {
        current = received(++sequence, identifier, payload, next_fields());
        EXPECT_EQ(current->identifier(), aviso::read_json(identifier)) << identifier;
        EXPECT_EQ(current->payload(), aviso::read_json(payload)) << payload;
      }
    });
  }
}

// A recorded field is built from its recording, without reading the field's text again: given a
// recording of only the second member, the notification has only that one.
TEST(Notification, ARecordedFieldIsBuiltFromItsRecording) {
  const std::string text = R"({"data":{"identifier":{"class":"od","step":"12"}}})";
  const std::size_t identifier_at = text.find(R"({"class")");
  const std::size_t step_at = text.find(R"("step")");
  const std::vector<aviso::PlainStringMember> second_only = {
      {static_cast<std::uint32_t>(step_at + 1), 4, static_cast<std::uint32_t>(step_at + 8), 2}};
  aviso::detail::RecordedFields recorded;
  recorded.identifier = second_only;
  const aviso::Notification n = aviso::detail::NotificationAccess::received(
      "mars", 1, text, {identifier_at, text.size() - 2 - identifier_at}, std::nullopt, recorded);
  EXPECT_EQ(n.identifier(), nlohmann::json({{"step", "12"}}));
  EXPECT_TRUE(n.payload().is_null());
}

// The reuse is real: a value read into the previous notification's string keeps its storage,
// where a fresh string is built at the value's own size.
TEST(Notification, AThreadBuildsTheNextFieldsInThoseOfTheLastNotificationThatDiedThere) {
  const std::string long_path = "/data/od/enfo/20260601/1200/" + std::string(60, '7');
  on_fresh_thread([&] {
    std::size_t identifier_capacity = 0;
    std::size_t payload_capacity = 0;
    {
      const aviso::Notification first =
          received(1, R"({"class":")" + long_path + R"("})", R"({"path":")" + long_path + R"("})");
      identifier_capacity = capacity_of(first.identifier(), "class");
      payload_capacity = capacity_of(first.payload(), "path");
    }
    const aviso::Notification second =
        received(2, R"({"class":"a longer value than SSO"})", R"({"path":"/data/od/enfo/1"})");
    EXPECT_EQ(second.identifier(), nlohmann::json({{"class", "a longer value than SSO"}}));
    EXPECT_EQ(second.payload(), nlohmann::json({{"path", "/data/od/enfo/1"}}));
    EXPECT_EQ(capacity_of(second.identifier(), "class"), identifier_capacity);
    EXPECT_EQ(capacity_of(second.payload(), "path"), payload_capacity);
  });
}

// Large fields are freed, not kept: a thread never holds on to much memory.
TEST(Notification, AThreadKeepsNoLargeFieldsForReuse) {
  const std::string huge_value(1000, 'H');
  std::string many_members = "{";
  for (int member = 0; member < 40; ++member) {
    many_members += (member > 0 ? ",\"k" : "\"k") + std::to_string(100 + member) + "\":\"" +
                    std::string(100, 'm') + "\"";
  }
  many_members += "}";
  on_fresh_thread([&] {
    {
      const aviso::Notification large =
          received(1, many_members, R"({"path":")" + huge_value + R"("})");
      EXPECT_EQ(large.identifier().size(), 40U);
      EXPECT_EQ(capacity_of(large.payload(), "path"), huge_value.size());
    }
    const aviso::Notification next =
        received(2, R"({"k100":"twenty-one characters"})", R"({"path":"twenty-one characters"})");
    EXPECT_LT(capacity_of(next.identifier(), "k100"), 100U);
    EXPECT_LT(capacity_of(next.payload(), "path"), huge_value.size());
  });
}

// A notification decoded on one thread and destroyed on another leaves its fields to the other
// thread, which builds its own next notification in them; the first thread builds afresh.
TEST(Notification, ANotificationDestroyedOnAnotherThreadLeavesItsFieldsThere) {
  const std::string long_path = "/data/od/enfo/20260601/1200/" + std::string(60, '7');
  on_fresh_thread([&] {
    auto first = std::make_unique<aviso::Notification>(
        received(1, R"({"class":"od"})", R"({"path":")" + long_path + R"("})"));
    const std::size_t long_capacity = capacity_of(first->payload(), "path");
    on_fresh_thread([&] {
      first.reset();
      const aviso::Notification there = received(2, R"({"class":"rd"})", R"({"path":"/p/1"})");
      EXPECT_EQ(there.payload(), nlohmann::json({{"path", "/p/1"}}));
      EXPECT_EQ(capacity_of(there.payload(), "path"), long_capacity);
    });
    const aviso::Notification here =
        received(3, R"({"class":"e"})", R"({"path":"/data/od/enfo/2"})");
    EXPECT_EQ(here.identifier(), nlohmann::json({{"class", "e"}}));
    EXPECT_EQ(here.payload(), nlohmann::json({{"path", "/data/od/enfo/2"}}));
    EXPECT_LT(capacity_of(here.payload(), "path"), long_capacity);
  });
}

// Notifications that outlive their thread's spare (thread_local ones, destroyed after it at the
// thread's exit) are freed as usual: nothing is kept in a spare that is gone (the sanitizer build
// reports the leak or the use after destruction this would otherwise be).
TEST(Notification, NotificationsDestroyedAfterTheThreadsSpareAreFreed) {
  on_fresh_thread([] {
    thread_local std::vector<aviso::Notification> kept_until_exit;
    kept_until_exit.push_back(received(1, R"({"class":"od"})", R"({"path":"/p/1"})"));
    kept_until_exit.push_back(received(2, R"({"class":"rd"})", R"({"path":"/p/2"})"));
    // Decoding touches the spare after the vector exists, so the spare is destroyed first.
    EXPECT_EQ(kept_until_exit[0].identifier(), nlohmann::json({{"class", "od"}}));
    EXPECT_EQ(kept_until_exit[1].payload(), nlohmann::json({{"path", "/p/2"}}));
    { const aviso::Notification dies_now = received(3, R"({"class":"e"})", R"({"p":"q"})"); }
  });
}

}  // namespace
