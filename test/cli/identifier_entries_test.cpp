#include "identifier_entries.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "command_error.hpp"
#include "exit_code.hpp"

namespace aviso::cli {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;

json parsed(const std::vector<std::string>& entries) {
  json out = json::object();
  merge_identifier_entries(out, parse_identifier_entries(entries), "PARAMETERS");
  return out;
}

TEST(IdentifierEntries, PlainValuesAreTheExactTextAfterTheFirstEquals) {
  for (const std::string value : {"", " a,b ", "\"quoted\"", "'quoted'", "a=b:=c", "[]", "{}", "12",
                                  "true", "null", "\\path/$HOME/$(false)"}) {
    EXPECT_EQ(parsed({" label =" + value})["label"], json(value)) << value;
  }
  EXPECT_EQ(parsed({"a:b=x"}), (json{{"a:b", "x"}}));
}

TEST(IdentifierEntries, TypedValuesCoverEveryJsonType) {
  EXPECT_EQ(parsed({"int:=12", "float:=1.25", "bool:=true", "null:=null", "array:=[1,\"a\"]",
                    "object:={\"gte\":5}", "string:=\"a=b:=c\""}),
            json::parse(R"({"int":12,"float":1.25,"bool":true,"null":null,"array":[1,"a"],
                            "object":{"gte":5},"string":"a=b:=c"})"));
}

TEST(IdentifierEntries, BadEntriesAreUsageErrors) {
  const std::vector<std::vector<std::string>> cases = {
      {"missing"},       {"=x"},          {" :=1"},       {"x:="},
      {"x:=NaN"},        {"x:=01"},       {"x:=bad"},     {"x:=true trailing"},
      {"x=a", " x :=1"}, {"x:=1", "x=b"}, {"x=1", "x:=2"}};
  for (const auto& entries : cases) {
    try {
      parse_identifier_entries(entries);
      ADD_FAILURE() << "accepted " << entries.front();
    } catch (const CommandError& error) {
      EXPECT_EQ(error.exit_code(), kExitUsageError);
    }
  }
}

TEST(IdentifierEntries, MessagesNameTheProblem) {
  auto message_of = [](const std::vector<std::string>& entries) {
    try {
      parse_identifier_entries(entries);
    } catch (const CommandError& error) {
      return error.summary();
    }
    return std::string("accepted");
  };
  EXPECT_THAT(message_of({"missing"}), HasSubstr("`missing` has no '='"));
  EXPECT_THAT(message_of({"=value"}), HasSubstr("empty key"));
  EXPECT_THAT(message_of({"x:=bad"}), HasSubstr("x:="));
  EXPECT_THAT(message_of({"x=1", "x:=2"}), HasSubstr("duplicate identifier key `x`"));
}

TEST(IdentifierEntries, AKeyAlreadyPresentNamesTheOtherSource) {
  json identifiers = {{"class", "od"}};
  try {
    merge_identifier_entries(identifiers, parse_identifier_entries({"class:=1"}), "PARAMETERS");
    ADD_FAILURE() << "merged a duplicate key";
  } catch (const CommandError& error) {
    EXPECT_THAT(error.summary(), HasSubstr("`class` is set in both PARAMETERS and --identifier"));
  }
}

}  // namespace
}  // namespace aviso::cli
