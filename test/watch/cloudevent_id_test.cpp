#include "aviso/cloudevent_id.hpp"

#include <gtest/gtest.h>

#include <string>

#include "aviso/error.hpp"

namespace {

std::string malformed_message(const std::string& id) {
  try {
    aviso::parse_cloudevent_id(id);
  } catch (const aviso::Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_MalformedEvent) << id;
    return error.what();
  }
  ADD_FAILURE() << "accepted " << id;
  return {};
}

TEST(CloudEventId, SplitsAtTheLastAt) {
  EXPECT_EQ(aviso::parse_cloudevent_id("mars@42"), (aviso::CloudEventId{"mars", 42}));
  EXPECT_EQ(aviso::parse_cloudevent_id("a@b@7"), (aviso::CloudEventId{"a@b", 7}));
  EXPECT_EQ(aviso::parse_cloudevent_id("mars@18446744073709551615").sequence,
            18446744073709551615ULL);
}

TEST(CloudEventId, AcceptsRustIntegerForms) {
  EXPECT_EQ(aviso::parse_cloudevent_id("mars@+5").sequence, 5u);
  EXPECT_EQ(aviso::parse_cloudevent_id("mars@007").sequence, 7u);
}

TEST(CloudEventId, RejectsWithMessagesQuotingTheId) {
  EXPECT_EQ(malformed_message("mars"),
            "malformed event: CloudEvent id \"mars\": missing '@' separator");
  EXPECT_EQ(malformed_message("@5"), "malformed event: CloudEvent id \"@5\": empty event_type");
  EXPECT_EQ(malformed_message("mars@x"),
            "malformed event: CloudEvent id \"mars@x\": sequence not a u64");
  EXPECT_EQ(malformed_message("mars@0"),
            "malformed event: CloudEvent id \"mars@0\": sequence must be greater than zero");
}

TEST(CloudEventId, RejectsEverythingRustWouldNotParse) {
  for (const char* id : {"mars@", "mars@+", "mars@ 5", "mars@5 ", "mars@-5", "mars@5.0",
                         "mars@18446744073709551616", "mars@++5", "mars@0x5", "mars@5@"}) {
    EXPECT_NE(malformed_message(id).find("sequence not a u64"), std::string::npos) << id;
  }
}

}  // namespace
