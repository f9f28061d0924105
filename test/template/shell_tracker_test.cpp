// Shell quoting, the tracker's state table and its refusal table (spec 3.4, 3.6).
#include "template/shell_tracker.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "template/render.hpp"

namespace aviso::templates {
namespace {

const std::string kHostile = "a'b$(x)`y` \"z\" \\ ; &";

TEST(ShellQuoting, HostileValuePerContext) {
  EXPECT_EQ(quote_for_shell(ShellQuote::Bare, kHostile), "'a'\\''b$(x)`y` \"z\" \\ ; &'");
  EXPECT_EQ(quote_for_shell(ShellQuote::SingleQuoted, kHostile), "a'\\''b$(x)`y` \"z\" \\ ; &");
  EXPECT_EQ(quote_for_shell(ShellQuote::DoubleQuoted, kHostile),
            "a'b\\$(x)\\`y\\` \\\"z\\\" \\\\ ; &");
  EXPECT_EQ(quote_for_shell(ShellQuote::Comment, "x\ny"), "x y");
}

TEST(ShellQuoting, PlainValues) {
  EXPECT_EQ(quote_for_shell(ShellQuote::Bare, "12"), "'12'");
  EXPECT_EQ(quote_for_shell(ShellQuote::SingleQuoted, "mars"), "mars");
  EXPECT_EQ(quote_for_shell(ShellQuote::DoubleQuoted, "20260101"), "20260101");
}

TEST(ShellQuoting, TrailingBackslashGetsALineContinuation) {
  ShellTracker bare;
  bare.feed("run C:\\dir\\");
  EXPECT_EQ(bare.quote_value("a'b$(x)"), "\n'a'\\''b$(x)'");
  ShellTracker dq;
  dq.feed("run \"x\\");
  EXPECT_EQ(dq.quote_value("$(y)"), "\n\\$(y)");
  ShellTracker single;
  single.feed("run 'x\\");
  EXPECT_EQ(single.quote_value("v"), "v");  // no escapes inside single quotes
}

// Feeds the pieces in order; a piece list models text split across template placeholders.
ShellTracker tracker_after(const std::vector<std::string>& pieces) {
  ShellTracker tracker;
  for (const std::string& piece : pieces) tracker.feed(piece);
  return tracker;
}

struct StateVector {
  std::vector<std::string> pieces;
  ShellQuote expected;
};

TEST(ShellTracker, StateTable) {
  const StateVector vectors[] = {
      {{"echo "}, ShellQuote::Bare},
      {{"echo '"}, ShellQuote::SingleQuoted},
      {{"echo \""}, ShellQuote::DoubleQuoted},
      {{"echo \\\""}, ShellQuote::Bare},
      {{"echo 'a\"b' "}, ShellQuote::Bare},
      {{"echo \"a'b\" "}, ShellQuote::Bare},
      {{"'\\'"}, ShellQuote::Bare},
      {{"\"\\\""}, ShellQuote::DoubleQuoted},
      {{"# don't\n"}, ShellQuote::Bare},
      {{"# don't"}, ShellQuote::Comment},
      {{"run x # it's\n"}, ShellQuote::Bare},
      {{"run;# it's\n"}, ShellQuote::Bare},
      {{"run a#b'"}, ShellQuote::SingleQuoted},
      {{"run 'x'#it's"}, ShellQuote::SingleQuoted},
      {{"echo '#' '"}, ShellQuote::SingleQuoted},
      {{"$(printf x)# don't"}, ShellQuote::SingleQuoted},
      {{"$(a $(b))# don't"}, ShellQuote::SingleQuoted},
      {{"(printf x)# don't"}, ShellQuote::Comment},
      {{"$(# it's\nprintf x) '"}, ShellQuote::SingleQuoted},
      {{"printf '%s' $# '"}, ShellQuote::SingleQuoted},
      {{"echo $( (printf x) )# don't"}, ShellQuote::SingleQuoted},
      {{"(a; (b))# don't"}, ShellQuote::Comment},
      {{"echo \"$(printf '%s' ${x:-foo)}'a')\""}, ShellQuote::Bare},
      {{"echo ${x:-a)b}'"}, ShellQuote::SingleQuoted},
      {{"printf ok > /dev/null; printf '"}, ShellQuote::SingleQuoted},
      {{"printf ok 2>&1 >out '"}, ShellQuote::SingleQuoted},
      {{"echo \"$(printf '%s' 'a\"b')\" "}, ShellQuote::Bare},
      {{"echo \"$(printf '%s' 'a\"b')"}, ShellQuote::DoubleQuoted},
      {{"echo foo \\\n# don't\n'"}, ShellQuote::SingleQuoted},
      {{"echo foo\\\n#don't"}, ShellQuote::SingleQuoted},
      {{"echo foo\\\n#dont"}, ShellQuote::Bare},
      {{"run $", "(printf '%s' 'a\"b')# don't"}, ShellQuote::SingleQuoted},
      {{"x=$\\\n(echo a)# don't"}, ShellQuote::SingleQuoted},
  };
  for (const StateVector& v : vectors) {
    std::string joined;
    for (const auto& p : v.pieces) joined += p + "|";
    EXPECT_EQ(shell_quote_name(tracker_after(v.pieces).quote()), shell_quote_name(v.expected))
        << "text: " << joined;
  }
}

struct RefusalVector {
  std::vector<std::string> pieces;
  std::optional<std::string_view> reason;  // nothing = allowed
};

TEST(ShellTracker, RefusalTable) {
  using namespace shell_refusal;
  const std::optional<std::string_view> allowed;
  const RefusalVector vectors[] = {
      {{"cat <<EOF\ncan't\nEOF\n"}, kHereDocument},
      {{"cat <", "<EOF\n"}, kHereDocument},
      {{"cat <\\\n<EOF\n"}, kHereDocument},
      {{"echo $((1))# "}, kArithmetic},
      {{"echo \"$((1))\" "}, kArithmetic},
      {{"run $", "((1))"}, kArithmetic},
      {{"run $(", "(1))"}, kArithmetic},
      {{"case x in a) echo;; esac"}, kCaseStatement},
      {{"echo case "}, kCaseStatement},
      {{"$(if :; then case x in a) :;; esac; fi)# "}, kCaseStatement},
      {{"showcase; echo 'case' \"case\" "}, allowed},
      {{"x=`date`"}, kBackticks},
      {{"echo \"`date`\""}, kBackticks},
      {{"echo $(date) '<<' '$((' \"<<\" "}, allowed},
      {{"printf '%s' \"$"}, kDollarBefore},
      {{"run $"}, kDollarBefore},
      {{"run '$"}, allowed},
      {{"run $", "x "}, allowed},
      {{""}, kCommandWord},
      {{"run x; "}, kCommandWord},
      {{"echo $(printf x; "}, kCommandWord},
      {{"MODE=prod "}, kCommandWord},
      {{"! "}, kCommandWord},
      {{"if "}, kCommandWord},
      {{"while "}, kCommandWord},
      {{"{ "}, kCommandWord},
      {{"A=1 B=2 "}, kCommandWord},
      {{"if ! "}, kCommandWord},
      {{"command "}, kCommandWord},
      {{"exec "}, kCommandWord},
      {{"nohup "}, kCommandWord},
      {{"env -i "}, kCommandWord},
      {{"timeout 5 "}, kCommandWord},
      {{"sudo "}, kCommandWord},
      {{"xargs -0 "}, kCommandWord},
      {{"VERY_LONG_NAME=prod "}, kCommandWord},
      {{"> /tmp/out "}, kCommandWord},
      {{"printf ok # note\n"}, kCommandWord},
      {{"$(true)"}, kCommandWord},
      {{"${CMD}"}, kCommandWord},
      {{"(true)"}, kCommandWord},
      {{"MODE=prod run "}, allowed},
      {{"if run "}, allowed},
      {{"exec run "}, allowed},
      {{"timeout 5 run "}, allowed},
      {{"run $(true)"}, allowed},
      {{"run "}, allowed},
      {{"run '"}, allowed},
      {{"echo $(printf "}, allowed},
      {{"# "}, allowed},
      {{"x=${y:-"}, kOpenBrace},
      {{"printf '%s' \"${UNSET:-x}\" "}, kBraceInDoubleQuotes},
      {{"printf ok > "}, kRedirection},
      {{"printf ok >"}, kRedirection},
      {{"printf ok >> "}, kRedirection},
      {{"printf ok 2> "}, kRedirection},
      {{"cat < "}, kRedirection},
      {{"> /safe/"}, kRedirection},
      {{"2>/var/log/x."}, kRedirection},
      {{"printf ok > /dev/null "}, allowed},
      {{"printf ok >/dev/null; printf "}, allowed},
      {{"eval '"}, kReparsed},
      {{"trap '"}, kReparsed},
      {{"trap \""}, kReparsed},
      {{"sh -c '"}, kReparsed},
      {{"/bin/bash -c \""}, kReparsed},
      {{"exec sh -c '"}, kReparsed},
      {{"x=$(sh -c '"}, kReparsed},
      {{"eval 'x'; run "}, allowed},
      {{"trap 'x' EXIT\nrun "}, allowed},
      {{"sh -c \"$(run "}, allowed},
      {{"run sh "}, allowed},
      // Our own additions.
      {{"sudo -u root sh -c '"}, kReparsed},
      {{"$HOME/bin/sh -c '"}, kReparsed},
      {{"watch -n 1 'echo "}, kReparsed},
      {{"ssh host run "}, kReparsed},
      {{"su root -c '"}, kReparsed},
      {{"find . -exec sh -c '"}, kReparsed},
      {{"find . -name "}, allowed},
      {{"flock /tmp/lock -c '"}, kReparsed},
      {{"flock /tmp/lock run "}, allowed},
      {{"timeout 5 gzip -c "}, allowed},
      {{"\"\""}, kCommandWord},
      {{"$CMD"}, kCommandWord},
      {{"run $( "}, kCommandWord},
      {{"run $("}, kDollarBefore},
      {{"> '/tmp/"}, kRedirection},
      {{"echo ${x:-$(printf "}, kOpenBrace},
      {{"echo `x` # "}, kBackticks},
      {{"cat <<EOF\n# "}, kHereDocument},
      {{"run x # comment"}, allowed},
      {{"run\\\n"}, allowed},
  };
  for (const RefusalVector& v : vectors) {
    std::string joined;
    for (const auto& p : v.pieces) joined += p + "|";
    const std::optional<std::string_view> got = tracker_after(v.pieces).refusal();
    EXPECT_EQ(got.value_or("<allowed>"), v.reason.value_or("<allowed>")) << "text: " << joined;
  }
}

TEST(ShellTracker, ValueAfterOperatorTextInNextCommandIsStillAllowed) {
  ShellTracker tracker;
  tracker.feed("run ");
  ASSERT_FALSE(tracker.refusal());
  tracker.feed_quoted_value(tracker.quote_value("v"));
  tracker.feed("; printf ");
  EXPECT_FALSE(tracker.refusal());
}

TEST(ShellTracker, AQuotedValueMakesTheCommandWordNonEmpty) {
  ShellTracker tracker;
  tracker.feed("run");
  ASSERT_FALSE(tracker.refusal());
  tracker.feed_quoted_value(tracker.quote_value("x"));
  EXPECT_FALSE(tracker.refusal());
}

// Rendering in the shell context: the vectors of spec 3.6 with identifier country = a'b$(x).
TEST(ShellRender, SpecCommandVectors) {
  const Notification n("mars", 1, nlohmann::json{{"country", "a'b$(x)"}});
  const TemplateInput input(n);
  const EnvLookup no_env = [](const std::string&) { return std::optional<std::string>(); };
  const std::pair<const char*, const char*> vectors[] = {
      {"run {{ notification.identifier.country }}", "run 'a'\\''b$(x)'"},
      {"run '{{ notification.identifier.country }}'", "run 'a'\\''b$(x)'"},
      {"run \"{{ notification.identifier.country }}\"", "run \"a'b\\$(x)\""},
      {"run {{ notification.sequence }} {{ notification.event_type }}", "run '1' 'mars'"},
  };
  for (const auto& [source, expected] : vectors) {
    const RenderResult result =
        render(Template::compile(source), RenderContext::Shell, input, no_env);
    ASSERT_TRUE(std::holds_alternative<std::string>(result)) << source;
    EXPECT_EQ(std::get<std::string>(result), expected) << source;
  }
}

TEST(ShellRender, RefusalIsATemplateErrorWithTheReason) {
  const Notification n("mars", 1);
  const RenderResult result = render(Template::compile("eval {{ notification.event_type }}"),
                                     RenderContext::Shell, TemplateInput(n), {});
  ASSERT_TRUE(std::holds_alternative<TemplateError>(result));
  EXPECT_EQ(std::get<TemplateError>(result),
            (TemplateError{TemplateErrorKind::ValueAfterUnsupportedShellSyntax,
                           std::string(shell_refusal::kReparsed)}));
}

TEST(ShellRender, EnvValuesAreVerbatimButTracked) {
  const Notification n("mars", 1);
  const EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "PREFIX") return std::string("echo '");
    return std::nullopt;
  };
  // The env value opened a single quote, so the value is quoted for that context.
  const RenderResult result =
      render(Template::compile("{{ env.PREFIX }}{{ notification.event_type }}'"),
             RenderContext::Shell, TemplateInput(n), env);
  ASSERT_TRUE(std::holds_alternative<std::string>(result));
  EXPECT_EQ(std::get<std::string>(result), "echo 'mars'");
}

}  // namespace
}  // namespace aviso::templates
