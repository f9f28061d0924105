#include "aviso/error.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Error, HttpCarriesStatusRequestIdAndBody) {
  const aviso::Error error = aviso::Error::http(404, "not here", std::string("abc"));
  EXPECT_EQ(error.kind(), AvisoErrorKind_Http);
  EXPECT_EQ(error.error().http_status, 404);
  EXPECT_EQ(error.error().request_id, "abc");
  EXPECT_STREQ(error.what(), "http 404 (request_id=abc): not here");
}

TEST(Error, PrefixesNameTheKind) {
  EXPECT_STREQ(aviso::Error::config("bad").what(), "config: bad");
  EXPECT_STREQ(aviso::Error::auth("no").what(), "auth: no");
  EXPECT_STREQ(aviso::Error::state_store("io").what(), "state store: io");
  EXPECT_STREQ(aviso::Error::history_gap("jump").what(), "history gap: jump");
}

TEST(Error, TriggerFailureNamesKindAndInnerKind) {
  const aviso::Error error = aviso::Error::trigger_failed("command", "timeout", "too slow");
  EXPECT_EQ(error.kind(), AvisoErrorKind_Trigger);
  EXPECT_EQ(error.error().trigger_kind, "command");
  EXPECT_EQ(error.error().error_kind, "timeout");
}

TEST(Error, KindNames) {
  EXPECT_EQ(aviso::kind_name(AvisoErrorKind_StreamProtocol), "stream protocol");
  EXPECT_EQ(aviso::kind_name(AvisoErrorKind_Unknown), "unknown");
}

}  // namespace
