// Injection test of the shell context: a few hundred generated hostile values (seeded) placed
// in many command shapes. Each rendered command either runs with the value arriving as exactly
// the argument the template author meant (checked by printf '%s\0' under the real /bin/sh) or
// is refused; a canary file the values try to create never appears.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>

#include "core/utf8.hpp"
#include "sh_runner.hpp"
#include "template/render.hpp"

namespace aviso::templates {
namespace {

constexpr std::uint32_t kSeed = 20260501;
constexpr int kValueCount = 300;

std::vector<std::string> hostile_values() {
  const std::vector<std::string> parts = {"'",
                                          "\"",
                                          "$(touch CANARY)",
                                          "`touch CANARY`",
                                          "\n",
                                          ";",
                                          "&&",
                                          "||",
                                          "|",
                                          "*",
                                          "?",
                                          "[a]",
                                          "\\",
                                          "\\\\",
                                          "${IFS}",
                                          "$((1+1))",
                                          "#",
                                          " ",
                                          "\t",
                                          "<",
                                          ">",
                                          ">>",
                                          "touch CANARY",
                                          "~",
                                          "\xff",
                                          "\xc3",
                                          "\xc3\xa9",
                                          std::string(1, '\0'),
                                          "{",
                                          "}",
                                          "(",
                                          ")",
                                          "!",
                                          "%s",
                                          "-n",
                                          "--",
                                          "=",
                                          "\r",
                                          "$HOME",
                                          "'\\''",
                                          "\\\n",
                                          "<<EOF",
                                          "x",
                                          "mars",
                                          "$",
                                          "${",
                                          "$(",
                                          "*.txt"};
  std::mt19937 random(kSeed);
  std::uniform_int_distribution<std::size_t> pick(0, parts.size() - 1);
  std::uniform_int_distribution<int> length(1, 6);
  std::vector<std::string> values = {"", "plain", "a b", "'", "\"", "\\", "\n"};
  while (values.size() < static_cast<std::size_t>(kValueCount)) {
    std::string value;
    for (int n = length(random); n > 0; --n) value += parts[pick(random)];
    values.push_back(std::move(value));
  }
  return values;
}

std::string strip_trailing_newlines(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

struct Shape {
  std::string source;  // {{ V }} is the hostile value
  // The printf '%s\0' output expected for value v.
  std::string (*expected)(const std::string& v);
};

const std::string V = "{{ notification.payload.v }}";

std::string one(const std::string& v) { return v + '\0'; }

std::vector<Shape> accepted_shapes() {
  return {
      {"printf '%s\\0' " + V, one},
      {"printf '%s\\0' '" + V + "'", one},
      {"printf '%s\\0' \"" + V + "\"", one},
      {"printf '%s\\0' pre-" + V + "-post",
       [](const std::string& v) { return "pre-" + v + "-post" + '\0'; }},
      {"printf '%s\\0' 'a'" + V + "\"b\"",
       [](const std::string& v) { return "a" + v + "b" + '\0'; }},
      // A dangling backslash can only come from an env value (`\{{` is an escape).
      {"printf '%s\\0' x{{ env.BACKSLASH }}" + V,
       [](const std::string& v) { return "x" + v + '\0'; }},
      {"printf '%s\\0' \"x{{ env.BACKSLASH }}" + V + "\"",
       [](const std::string& v) { return "x" + v + '\0'; }},
      {"printf '%s\\0' \"$(printf '%s' " + V + ")\"",
       [](const std::string& v) { return strip_trailing_newlines(v) + '\0'; }},
      {"printf '%s\\0' ok # " + V, [](const std::string&) { return std::string("ok") + '\0'; }},
      {"MODE=" + V + "; printf '%s\\0' \"$MODE\"", one},
      {"printf '%s\\0' " + V + "; printf '%s\\0' " + V,
       [](const std::string& v) { return one(v) + one(v); }},
      {"printf '%s\\0' " + V + " >/dev/null; printf '%s\\0' done",
       [](const std::string&) { return std::string("done") + '\0'; }},
      {"printf '%s\\0' " + V + " 2>&1", one},
      {"( printf '%s\\0' " + V + " )", one},
      {"{ printf '%s\\0' " + V + "; }", one},
      {"if true; then printf '%s\\0' " + V + "; fi", one},
      {"timeout 5 printf '%s\\0' " + V, one},
  };
}

std::vector<std::string> refused_shapes() {
  return {
      "eval printf '%s\\0' " + V,
      "sh -c 'printf %s " + V + "'",
      "bash -c \"" + V + "\"",
      "sudo -u root sh -c '" + V + "'",
      "cat <<EOF\nx\nEOF\nprintf '%s\\0' " + V,
      "echo $((1)); printf '%s\\0' " + V,
      "echo `true`; printf '%s\\0' " + V,
      "case x in x) printf '%s\\0' " + V + ";; esac",
      "printf '%s' \"${X:-" + V + "}\"",
      "printf '%s' $" + V,
      "printf ok > " + V,
      V,
      "x=${y:-" + V,
      "trap '" + V + "' EXIT",
      "$(true)" + V,
      "watch -n 1 'printf %s " + V + "'",
      "find . -maxdepth 0 -exec sh -c 'printf %s " + V + "' \\;",
      "flock /tmp/lock -c 'printf %s " + V + "'",
  };
}

class ShellInjection : public ::testing::Test {
 protected:
  // Each value's notification is serialised once and shared by every shape.
  static const TemplateInput& input_for(const std::string& value) {
    static std::map<std::string, std::unique_ptr<TemplateInput>> inputs;
    auto& input = inputs[value];
    if (!input) {
      const Notification n("mars", 1, nlohmann::json::object(), nlohmann::json{{"v", value}});
      input = std::make_unique<TemplateInput>(n);
    }
    return *input;
  }
  static RenderResult render_value(const Template& compiled, const std::string& value) {
    static const EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
      if (name == "BACKSLASH") return std::string("\\");
      return std::nullopt;
    };
    return render(compiled, RenderContext::Shell, input_for(value), env);
  }
  void SetUp() override {
    // Something for stray globs to match, so an unquoted * would change the output.
    std::FILE* f = std::fopen((dir_.path() / "glob.txt").c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fclose(f);
  }
  void TearDown() override {
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "CANARY")) << "a value ran as code";
  }
  test::ScratchDir dir_;
};

TEST_F(ShellInjection, AcceptedShapesPassTheValueAsLiteralData) {
  const std::vector<std::string> values = hostile_values();
  constexpr char kSeparator = '\001';
  for (const Shape& shape : accepted_shapes()) {
    // One /bin/sh per shape keeps the test quick: the rendered commands run one after another,
    // each followed by a separator byte no value contains.
    std::string script;
    std::vector<std::string> expected;
    const Template compiled = Template::compile(shape.source);
    for (const std::string& value : values) {
      const RenderResult rendered = render_value(compiled, value);
      if (!is_valid_utf8(value)) {
        // A notification that is not UTF-8 cannot be serialised: nothing renders, nothing runs.
        ASSERT_TRUE(std::holds_alternative<TemplateError>(rendered)) << shape.source;
        EXPECT_EQ(std::get<TemplateError>(rendered).kind, TemplateErrorKind::NotificationEncode);
        continue;
      }
      ASSERT_TRUE(std::holds_alternative<std::string>(rendered))
          << "refused " << std::get<TemplateError>(rendered).field << " in " << shape.source;
      const std::string& command = std::get<std::string>(rendered);
      if (value.find('\0') != std::string::npos) {
        // sh cannot receive a NUL; the command trigger rejects such a command before spawning.
        EXPECT_NE(command.find('\0'), std::string::npos) << shape.source;
        continue;
      }
      script += command + "\nprintf '\\001'\n";
      expected.push_back(shape.expected(value));
    }
    const test::ShRun run = test::run_sh(script, dir_.path());
    std::vector<std::string> outputs;
    std::string current;
    for (char c : run.out) {
      if (c == kSeparator) {
        outputs.push_back(std::move(current));
        current.clear();
      } else {
        current.push_back(c);
      }
    }
    ASSERT_EQ(outputs.size(), expected.size()) << shape.source << "\n" << run.out;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(outputs[i], expected[i]) << "shape: " << shape.source << " value #" << i;
    }
  }
}

TEST_F(ShellInjection, UnsupportedShapesAreRefusedForEveryValue) {
  const std::vector<std::string> values = hostile_values();
  for (const std::string& shape : refused_shapes()) {
    const Template compiled = Template::compile(shape);
    for (const std::string& value : values) {
      const RenderResult rendered = render_value(compiled, value);
      ASSERT_TRUE(std::holds_alternative<TemplateError>(rendered)) << "accepted: " << shape;
      EXPECT_EQ(std::get<TemplateError>(rendered).kind,
                is_valid_utf8(value) ? TemplateErrorKind::ValueAfterUnsupportedShellSyntax
                                     : TemplateErrorKind::NotificationEncode);
    }
  }
}

}  // namespace
}  // namespace aviso::templates
