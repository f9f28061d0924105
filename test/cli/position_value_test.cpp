#include "position_value.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "command_error.hpp"
#include "exit_code.hpp"

namespace aviso::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string date_of(const std::string& value) {
  const Position position = parse_position(value, "--from");
  EXPECT_EQ(position.kind, Position::Kind::Date) << value;
  return position.date;
}

// Returns the usage error's message; fails the test when the value parses.
std::string rejection_of(const std::string& value, const std::string& flag = "--from") {
  try {
    parse_position(value, flag);
  } catch (const CommandError& error) {
    EXPECT_EQ(error.exit_code(), kExitUsageError);
    return error.summary();
  }
  ADD_FAILURE() << "`" << value << "` was accepted";
  return {};
}

TEST(PositionValue, DigitsAreAlwaysASequence) {
  EXPECT_EQ(parse_position("0", "--from"), Position::of_sequence(0));
  EXPECT_EQ(parse_position("42", "--from"), Position::of_sequence(42));
  EXPECT_EQ(parse_position("20260601", "--from"), Position::of_sequence(20260601));
  EXPECT_EQ(parse_position("18446744073709551615", "--until"),
            Position::of_sequence(18446744073709551615ULL));
}

TEST(PositionValue, DigitOverflowSaysItDoesNotFitIn64Bits) {
  const std::string message = rejection_of("18446744073709551616");
  EXPECT_THAT(message, AllOf(HasSubstr("18446744073709551616"), HasSubstr("does not fit"),
                             HasSubstr("64-bit unsigned integer"), HasSubstr("--from")));
  EXPECT_THAT(message, Not(HasSubstr("did not match")));
}

TEST(PositionValue, EveryDateFormNormalisesToSixFractionDigits) {
  EXPECT_EQ(date_of("2024-01-15"), "2024-01-15T00:00:00.000000Z");
  EXPECT_EQ(date_of("2024-01-15 14:30"), "2024-01-15T14:30:00.000000Z");
  EXPECT_EQ(date_of("2024-01-15 14:30:45"), "2024-01-15T14:30:45.000000Z");
  EXPECT_EQ(date_of("2024-01-15T14:30:45"), "2024-01-15T14:30:45.000000Z");
  EXPECT_EQ(date_of("2024-01-15T14:30:45Z"), "2024-01-15T14:30:45.000000Z");
  EXPECT_EQ(date_of("2024-01-15T14:30:45.123456Z"), "2024-01-15T14:30:45.123456Z");
}

TEST(PositionValue, ShortFractionsArePaddedAndLongOnesTruncated) {
  EXPECT_EQ(date_of("2024-01-15T14:30:45.1Z"), "2024-01-15T14:30:45.100000Z");
  EXPECT_EQ(date_of("2024-01-15T14:30:45.123Z"), "2024-01-15T14:30:45.123000Z");
  EXPECT_EQ(date_of("2024-01-15T14:30:45.123456789Z"), "2024-01-15T14:30:45.123456Z");
}

TEST(PositionValue, LeapSecondClampsToTheLastMicrosecond) {
  EXPECT_EQ(date_of("2016-12-31T23:59:60Z"), "2016-12-31T23:59:59.999999Z");
  EXPECT_EQ(date_of("2016-12-31T23:59:60.5Z"), "2016-12-31T23:59:59.999999Z");
}

TEST(PositionValue, SignsAndBlanksAreNotDigits) {
  EXPECT_THAT(rejection_of("+42"), AllOf(HasSubstr("`+42`"), HasSubstr("accepted forms: ")));
  EXPECT_THAT(rejection_of(" 42"), HasSubstr("accepted forms: "));
  EXPECT_THAT(rejection_of("42 "), HasSubstr("accepted forms: "));
  EXPECT_THAT(rejection_of("-1"), HasSubstr("accepted forms: "));
  EXPECT_THAT(rejection_of(""), HasSubstr("accepted forms: "));
}

TEST(PositionValue, UnknownFormsNameTheFlagTheValueAndTheForms) {
  const std::string message = rejection_of("tomorrow", "--until");
  EXPECT_THAT(message, AllOf(HasSubstr("--until value `tomorrow`"),
                             HasSubstr("accepted forms: pure-digit sequence id (e.g. 42)"),
                             HasSubstr("YYYY-MM-DDTHH:MM:SS.ffffffZ")));
  EXPECT_THAT(message, Not(HasSubstr("--from")));
}

TEST(PositionValue, NearMissShapesAreRejected) {
  for (const char* value :
       {"2024-1-15", "2024-01-5", "24-01-15", "2024/01/15", "2024-01-15T14:30", "2024-01-15 14:30Z",
        "2024-01-15 14:30:45Z", "2024-01-15T14:30:45.Z", "2024-01-15T14:30:45.123",
        "2024-01-15T14:30:45+00:00", "2024-01-15T14:30:45z", "2024-01-15t14:30:45",
        "2024-01-15T14:30:45.12a4Z", "2024-01-15  14:30", "x2024-01-15"}) {
    EXPECT_THAT(rejection_of(value), HasSubstr("accepted forms")) << value;
  }
}

TEST(PositionValue, CalendarIsValidatedStrictly) {
  EXPECT_THAT(rejection_of("2023-02-29"), HasSubstr("day 29 does not exist in 2023-02"));
  EXPECT_EQ(date_of("2024-02-29"), "2024-02-29T00:00:00.000000Z");
  EXPECT_EQ(date_of("2000-02-29"), "2000-02-29T00:00:00.000000Z");
  EXPECT_THAT(rejection_of("1900-02-29"), HasSubstr("day 29"));
  EXPECT_THAT(rejection_of("2024-13-01"), HasSubstr("month 13"));
  EXPECT_THAT(rejection_of("2024-00-01"), HasSubstr("month 00"));
  EXPECT_THAT(rejection_of("2024-04-31"), HasSubstr("day 31"));
  EXPECT_THAT(rejection_of("2024-01-00"), HasSubstr("day 00"));
  EXPECT_THAT(rejection_of("2024-01-15 24:00"), HasSubstr("hour 24"));
  EXPECT_THAT(rejection_of("2024-01-15 12:60"), HasSubstr("minute 60"));
  EXPECT_THAT(rejection_of("2024-01-15T12:00:61Z"), HasSubstr("second 61"));
}

TEST(PositionValue, EveryListedFormParsesForBothFlags) {
  // The help text and the error list the same forms the parser accepts: fill each listed form
  // with concrete values and parse it.
  std::string forms(accepted_position_forms());
  forms = forms.substr(std::string("accepted forms: ").size());
  std::vector<std::string> listed;
  for (std::size_t start = 0;;) {
    const auto end = forms.find("; ", start);
    listed.push_back(forms.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  ASSERT_EQ(listed.size(), 7U);
  EXPECT_EQ(listed[0], "pure-digit sequence id (e.g. 42)");
  for (std::size_t i = 1; i < listed.size(); ++i) {
    std::string form = listed[i];
    const std::string quotes_note = " (quotes required)";
    if (form.size() > quotes_note.size() &&
        form.compare(form.size() - quotes_note.size(), quotes_note.size(), quotes_note) == 0) {
      form = form.substr(1, form.size() - quotes_note.size() - 2);
    }
    auto replace = [&form](const std::string& from, const std::string& to) {
      const auto at = form.find(from);
      if (at != std::string::npos) form.replace(at, from.size(), to);
    };
    replace("YYYY-MM-DD", "2026-05-01");
    replace("HH", "14");
    replace("MM", "30");
    replace("SS", "15");
    replace("ffffff", "123456");
    EXPECT_EQ(parse_position(form, "--from").kind, Position::Kind::Date) << form;
    EXPECT_EQ(parse_position(form, "--until").kind, Position::Kind::Date) << form;
  }
}

}  // namespace
}  // namespace aviso::cli
