#include "aviso/state/resume_key.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <limits>

#include "aviso/error.hpp"
#include "aviso/state/store_error.hpp"

namespace aviso {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

std::string key(std::string_view url, std::string_view event_type, const json& filter,
                const std::optional<std::string>& fingerprint = std::nullopt) {
  return ResumeKey::compute(url, event_type, filter, fingerprint).hex();
}

// Spec watch-and-state 4.5, the three worked examples.
TEST(ResumeKey, MatchesTheWorkedExamples) {
  EXPECT_EQ(key("https://a/", "mars", json::object()),
            "5c98a414dad1cd421c9faf68ffee339a23ed7b37833e50570a1d0f41b4baa901");
  EXPECT_EQ(key("https://aviso.example/", "mars", {{"class", "od"}}),
            "230d1a6109702b449da8a9dd29cd81dfa7f62fc4a94cc64b8a1999b1dbc95e0d");
  EXPECT_EQ(key("http://localhost:8000/", "mars", {{"step", "0"}, {"class", "od"}}),
            "74950ea338fcdf8aee2cce201cf9621714d3ec10658fad3b9258ec1aa8b096dd");
}

// The documented hash input of row 1, hashed independently of the library's framing code.
TEST(ResumeKey, IsTheSha256OfTheDocumentedHashInput) {
  const std::string hex_input =
      "02000000"
      "0a00000000000000"
      "68747470733a2f2f612f"
      "0400000000000000"
      "6d617273"
      "0200000000000000"
      "7b7d"
      "00";
  std::string bytes;
  for (std::size_t i = 0; i < hex_input.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex_input.substr(i, 2), nullptr, 16)));
  }
  ResumeKey::Digest digest{};
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
  EXPECT_EQ(ResumeKey(digest, 2), ResumeKey::compute("https://a/", "mars", json::object()));
}

TEST(ResumeKey, HexIsSixtyFourLowercaseDigitsAndVersionIsTwo) {
  const ResumeKey k = ResumeKey::compute("https://a/", "mars", json::object());
  EXPECT_THAT(k.hex(), ::testing::MatchesRegex("[0-9a-f]{64}"));
  EXPECT_EQ(k.key_format_version(), 2u);
  EXPECT_EQ(ResumeKey::from_hex(k.hex()), k);
}

// Behaviour 47.
TEST(ResumeKey, IgnoresFilterKeyOrderAndEquivalentUrlSpellings) {
  const std::string base =
      key("https://aviso.example/", "mars", {{"a", "1"}, {"outer", {{"x", "1"}, {"y", "2"}}}});
  EXPECT_EQ(
      key("https://aviso.example/", "mars", json::parse(R"({"outer":{"y":"2","x":"1"},"a":"1"})")),
      base);
  const json filter = {{"a", "1"}, {"outer", {{"x", "1"}, {"y", "2"}}}};
  EXPECT_EQ(key("HTTPS://Aviso.EXAMPLE/", "mars", filter), base);
  EXPECT_EQ(key("https://aviso.example:443/", "mars", filter), base);
  EXPECT_EQ(key("https://user:secret@aviso.example/", "mars", filter), base);
  EXPECT_EQ(key("https://aviso.example", "mars", filter), base);
}

TEST(ResumeKey, ChangesWithPortPathEventTypeAndFilterValue) {
  const json filter = {{"class", "od"}};
  const std::string base = key("https://aviso.example/", "mars", filter);
  EXPECT_NE(key("https://aviso.example:8443/", "mars", filter), base);
  EXPECT_NE(key("https://aviso.example/v2/", "mars", filter), base);
  EXPECT_NE(key("https://other.example/", "mars", filter), base);
  EXPECT_NE(key("https://aviso.example/", "dissemination", filter), base);
  EXPECT_NE(key("https://aviso.example/", "mars", {{"class", "rd"}}), base);
  EXPECT_NE(key("https://aviso.example/", "mars", {{"class", 1}}), base);
  EXPECT_NE(key("http://aviso.example/", "mars", filter), base);
}

// Behaviour 48.
TEST(ResumeKey, TellsAbsentFingerprintFromEmptyAndComparesIpv6Forms) {
  EXPECT_NE(key("https://a/", "mars", json::object()),
            key("https://a/", "mars", json::object(), std::string()));
  EXPECT_NE(key("https://a/", "mars", json::object(), std::string("v1")),
            key("https://a/", "mars", json::object(), std::string("v2")));
  EXPECT_EQ(key("https://[::1]/", "mars", json::object()),
            key("https://[0:0:0:0:0:0:0:1]/", "mars", json::object()));
  EXPECT_NE(key("https://[::1]:8443/", "mars", json::object()),
            key("https://[::2]:8443/", "mars", json::object()));
}

TEST(ResumeKey, LengthPrefixesKeepFieldBoundariesApart) {
  EXPECT_NE(key("https://a/", std::string("a\0b", 3), json::object()),
            key("https://a/", "a", {{"_", "b"}}));
  EXPECT_NE(key("https://a/", "mars", json::object(),
                std::string("v\0"
                            "1",
                            3)),
            key("https://a/",
                std::string("marsfp:v\0"
                            "1",
                            10),
                json::object()));
}

TEST(ResumeKey, EqualityIncludesTheKeyFormatVersion) {
  const ResumeKey::Digest zeros{};
  EXPECT_NE(ResumeKey(zeros, 1), ResumeKey(zeros, 2));
  EXPECT_EQ(ResumeKey(zeros, 2), ResumeKey(zeros, 2));
}

TEST(ResumeKey, NonFiniteFilterIsAConfigErrorNamingTheValue) {
  try {
    ResumeKey::compute("https://a/", "mars", {{"step", std::numeric_limits<double>::infinity()}});
    FAIL() << "an infinite filter value produced a key";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
    EXPECT_THAT(error.what(), HasSubstr("config: compute resume key for watch request: filter "
                                        "canonicalisation failed: non-finite number at /step"));
  }
}

TEST(ResumeKey, UnparsableBaseUrlIsAConfigErrorQuotingIt) {
  try {
    ResumeKey::compute("not a url", "mars", json::object());
    FAIL() << "an invalid base URL produced a key";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
    EXPECT_THAT(error.what(), HasSubstr("base URL 'not a url' is not a valid URL"));
  }
}

TEST(ResumeKey, FromHexAcceptsEitherCaseAndRejectsWhatIsNotADigest) {
  const std::string upper(64, 'A');
  EXPECT_EQ(ResumeKey::from_hex(upper).hex(), std::string(64, 'a'));
  for (const char* bad : {"zzz", "deadbeef", "", "0g"}) {
    try {
      ResumeKey::from_hex(bad);
      FAIL() << bad << " was accepted";
    } catch (const StoreError& error) {
      EXPECT_EQ(error.store_kind(), StoreErrorKind::InvalidResumeKey) << bad;
      EXPECT_EQ(error.kind(), AvisoErrorKind_StateStore);
    }
  }
}

}  // namespace
}  // namespace aviso
