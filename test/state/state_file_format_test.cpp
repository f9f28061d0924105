#include "state/file/state_file_format.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aviso/state/store_error.hpp"

namespace aviso::state {
namespace {

using ::testing::HasSubstr;

constexpr const char* kPath = "/x/state.json";
const std::string kKey = "230d1a6109702b449da8a9dd29cd81dfa7f62fc4a94cc64b8a1999b1dbc95e0d";

// The example of spec watch-and-state 5.3, as serde_json's pretty printer writes it.
const std::string kReferenceFile =
    "{\n"
    "  \"version\": 1,\n"
    "  \"key_format_version\": 2,\n"
    "  \"checkpoints\": {\n"
    "    \"230d1a6109702b449da8a9dd29cd81dfa7f62fc4a94cc64b8a1999b1dbc95e0d\": {\n"
    "      \"last_committed_sequence\": 72,\n"
    "      \"last_event_id\": \"mars@72\"\n"
    "    }\n"
    "  }\n"
    "}";

StoreError decode_error(const std::string& text) {
  try {
    decode_state_file(text, kPath);
  } catch (const StoreError& error) {
    return error;
  }
  ADD_FAILURE() << "decoded without error: " << text;
  return StoreError::background_task_failed("no error");
}

std::string file_with(const std::string& version, const std::string& key_format,
                      const std::string& checkpoints = "{}") {
  return "{\"version\":" + version + ",\"key_format_version\":" + key_format +
         ",\"checkpoints\":" + checkpoints + "}";
}

TEST(StateFileFormat, EncodesTheReferenceFormatByteForByte) {
  const CheckpointMap map{{ResumeKey::from_hex(kKey), Checkpoint{72, "mars@72"}}};
  std::string out;
  encode_state_file(map, out, kPath);
  EXPECT_EQ(out, kReferenceFile);
}

TEST(StateFileFormat, EncodesEmptyMapsNullIdsAndSortedKeys) {
  std::string out;
  encode_state_file({}, out, kPath);
  EXPECT_EQ(out, "{\n  \"version\": 1,\n  \"key_format_version\": 2,\n  \"checkpoints\": {}\n}");

  const CheckpointMap map{{ResumeKey::from_hex(std::string(64, 'f')), Checkpoint{2, "a\"b"}},
                          {ResumeKey::from_hex(std::string(64, '0')), Checkpoint{1, {}}}};
  encode_state_file(map, out, kPath);
  EXPECT_EQ(out,
            "{\n  \"version\": 1,\n  \"key_format_version\": 2,\n  \"checkpoints\": {\n"
            "    \"" +
                std::string(64, '0') +
                "\": {\n"
                "      \"last_committed_sequence\": 1,\n      \"last_event_id\": null\n    },\n"
                "    \"" +
                std::string(64, 'f') +
                "\": {\n"
                "      \"last_committed_sequence\": 2,\n      \"last_event_id\": \"a\\\"b\"\n"
                "    }\n  }\n}");
}

TEST(StateFileFormat, RoundTripsTheLargestSequence) {
  const CheckpointMap map{{ResumeKey::from_hex(kKey), Checkpoint{UINT64_MAX, "mars@x"}}};
  std::string out;
  encode_state_file(map, out, kPath);
  EXPECT_EQ(decode_state_file(out, kPath), map);
}

TEST(StateFileFormat, DecodesTheReferenceFileAndCompactOrReorderedForms) {
  const CheckpointMap expected{{ResumeKey::from_hex(kKey), Checkpoint{72, "mars@72"}}};
  EXPECT_EQ(decode_state_file(kReferenceFile, kPath), expected);
  EXPECT_EQ(decode_state_file(
                "{\"checkpoints\":{\"" + kKey +
                    "\":{\"last_event_id\":\"mars@72\",\"last_committed_sequence\":72,\"x\":1}},"
                    "\"key_format_version\":2,\"extra\":[1,2],\"version\":1}",
                kPath),
            expected);
}

TEST(StateFileFormat, MissingOrNullEventIdReadsAsAbsent) {
  const CheckpointMap expected{{ResumeKey::from_hex(kKey), Checkpoint{3, std::nullopt}}};
  EXPECT_EQ(decode_state_file(
                file_with("1", "2", "{\"" + kKey + "\":{\"last_committed_sequence\":3}}"), kPath),
            expected);
  EXPECT_EQ(decode_state_file(file_with("1", "2",
                                        "{\"" + kKey +
                                            "\":{\"last_committed_sequence\":3,"
                                            "\"last_event_id\":null}}"),
                              kPath),
            expected);
}

// Behaviour 52, with the messages naming the file.
TEST(StateFileFormat, RejectsMalformedJsonAsDecode) {
  const StoreError error = decode_error("{not valid json");
  EXPECT_EQ(error.store_kind(), StoreErrorKind::Decode);
  EXPECT_EQ(error.kind(), AvisoErrorKind_StateStore);
  EXPECT_THAT(error.what(),
              HasSubstr("state store: state file /x/state.json: could not parse state file: "));
  EXPECT_THAT(error.what(), HasSubstr("parse error at line 1"));
}

TEST(StateFileFormat, RejectsWrongShapesAsDecodeNamingTheField) {
  EXPECT_THAT(decode_error("[]").what(), HasSubstr("expected a JSON object at the top level"));
  EXPECT_THAT(decode_error("{\"key_format_version\":2,\"checkpoints\":{}}").what(),
              HasSubstr("missing field `version`"));
  EXPECT_THAT(decode_error(file_with("\"1\"", "2")).what(), HasSubstr("field `version`"));
  EXPECT_THAT(decode_error(file_with("-1", "2")).what(), HasSubstr("field `version`"));
  EXPECT_THAT(decode_error(file_with("1.0", "2")).what(), HasSubstr("field `version`"));
  EXPECT_THAT(decode_error(file_with("4294967296", "2")).what(), HasSubstr("field `version`"));
  EXPECT_THAT(decode_error(file_with("1", "2", "[]")).what(), HasSubstr("field `checkpoints`"));
  EXPECT_THAT(decode_error(file_with("1", "2", "{\"" + kKey + "\":5}")).what(),
              HasSubstr("checkpoint '" + kKey + "' must be an object"));
  EXPECT_THAT(
      decode_error(file_with("1", "2", "{\"" + kKey + "\":{\"last_committed_sequence\":-1}}"))
          .what(),
      HasSubstr("field `last_committed_sequence` of checkpoint"));
  EXPECT_THAT(decode_error(file_with("1", "2",
                                     "{\"" + kKey +
                                         "\":{\"last_committed_sequence\":18446744073709551616}}"))
                  .what(),
              HasSubstr("field `last_committed_sequence`"));
  EXPECT_THAT(decode_error(file_with("1", "2",
                                     "{\"" + kKey +
                                         "\":{\"last_committed_sequence\":1,\"last_event_id\":7}}"))
                  .what(),
              HasSubstr("field `last_event_id`"));
  for (const std::string& text : {std::string("[]"), file_with("\"1\"", "2")}) {
    EXPECT_EQ(decode_error(text).store_kind(), StoreErrorKind::Decode);
  }
}

TEST(StateFileFormat, RejectsEveryFileVersionButOne) {
  for (const char* version : {"0", "2"}) {
    const StoreError error = decode_error(file_with(version, "2"));
    EXPECT_EQ(error.store_kind(), StoreErrorKind::UnsupportedFileVersion);
    EXPECT_EQ(error.found_version(), std::stoull(version));
    EXPECT_EQ(error.supported_version(), 1u);
    EXPECT_THAT(error.what(), HasSubstr("state file /x/state.json: state file format version " +
                                        std::string(version) +
                                        " does not match supported "
                                        "version 1"));
  }
}

TEST(StateFileFormat, RejectsEveryKeyFormatVersionButTwo) {
  for (const char* version : {"1", "3"}) {
    const StoreError error = decode_error(file_with("1", version));
    EXPECT_EQ(error.store_kind(), StoreErrorKind::UnsupportedKeyFormatVersion);
    EXPECT_EQ(error.found_version(), std::stoull(version));
    EXPECT_EQ(error.supported_version(), 2u);
    EXPECT_THAT(error.what(), HasSubstr("state file uses key_format_version " +
                                        std::string(version) + "; this client uses 2"));
  }
}

TEST(StateFileFormat, RejectsKeysThatAreNotThirtyTwoByteHexDigests) {
  const std::string entry = "{\"last_committed_sequence\":1,\"last_event_id\":null}";
  const StoreError not_hex = decode_error(file_with("1", "2", "{\"zzz\":" + entry + "}"));
  EXPECT_EQ(not_hex.store_kind(), StoreErrorKind::InvalidResumeKey);
  EXPECT_THAT(not_hex.what(),
              HasSubstr("invalid resume key in state file: 'zzz' is not valid hex"));
  const StoreError short_key = decode_error(file_with("1", "2", "{\"deadbeef\":" + entry + "}"));
  EXPECT_EQ(short_key.store_kind(), StoreErrorKind::InvalidResumeKey);
  EXPECT_THAT(short_key.what(), HasSubstr("expected 32-byte digest, got 4 bytes"));
}

TEST(StateFileFormat, ChecksVersionsBeforeKeys) {
  EXPECT_EQ(
      decode_error(file_with("2", "2", "{\"zzz\":{\"last_committed_sequence\":1}}")).store_kind(),
      StoreErrorKind::UnsupportedFileVersion);
}

TEST(StateFileFormat, RefusesToEncodeAnEventIdThatIsNotUtf8) {
  const CheckpointMap map{{ResumeKey::from_hex(kKey), Checkpoint{1, std::string("\xFF")}}};
  std::string out;
  try {
    encode_state_file(map, out, kPath);
    FAIL() << "invalid UTF-8 was encoded";
  } catch (const StoreError& error) {
    EXPECT_EQ(error.store_kind(), StoreErrorKind::Encode);
    EXPECT_THAT(error.what(), HasSubstr("could not serialise state to JSON"));
  }
}

}  // namespace
}  // namespace aviso::state
