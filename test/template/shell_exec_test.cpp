// End-to-end command vectors of spec 3.6: rendered commands run under the real /bin/sh and a
// marker file the hostile values try to create must never appear.
#include <gtest/gtest.h>

#include "sh_runner.hpp"
#include "template/render.hpp"
#include "template/shell_tracker.hpp"

namespace aviso::templates {
namespace {

using test::run_sh;
using test::ScratchDir;

Notification hostile() {
  return Notification("mars`touch M`", 42, nlohmann::json{{"country", "$(touch M)"}, {"step", 12}},
                      nlohmann::json{{"location", "south; touch M #"},
                                     {"closer", "x'; touch M ; echo '"},
                                     {"v", "(touch M)"}});
}

RenderResult render_shell(std::string_view source) {
  return render(Template::compile(source), RenderContext::Shell, TemplateInput(hostile()),
                process_env_lookup());
}

class ShellExec : public ::testing::Test {
 protected:
  std::string run(std::string_view source) {
    const RenderResult rendered = render_shell(source);
    if (const auto* error = std::get_if<TemplateError>(&rendered)) {
      ADD_FAILURE() << "refused: " << error->field << " for " << source;
      return {};
    }
    const test::ShRun result = run_sh(std::get<std::string>(rendered), dir_.path());
    EXPECT_EQ(result.exit_code, 0) << source << "\n" << result.out;
    return result.out;
  }
  void TearDown() override {
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "M")) << "the marker file was created";
  }
  ScratchDir dir_;
};

TEST_F(ShellExec, ValuesArriveLiterally) {
  EXPECT_EQ(run("printf '%s' {{ notification.payload.location }}"), "south; touch M #");
  EXPECT_EQ(run("printf '%s' \"{{ notification.identifier.country }}\""), "$(touch M)");
  EXPECT_EQ(run("printf '%s' -d '{{ notification.payload.closer }}'"), "-dx'; touch M ; echo '");
  EXPECT_EQ(run("printf '%s' {{ notification.event_type }}"), "mars`touch M`");
  EXPECT_EQ(
      run("printf '%s|%s|%s' {{ notification.identifier.step }} '{{ notification.sequence }}' "
          "\"{{ notification.sequence }}\""),
      "12|42|42");
}

TEST_F(ShellExec, WholePayloadIsValidJson) {
  const std::string out = run("printf '%s' {{ notification.payload }}");
  const nlohmann::json parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed["location"], "south; touch M #");
}

TEST_F(ShellExec, EnvValueIsTheOperators) {
  EXPECT_EQ(run("printf '%s' '{{ env.PATH }}'"), std::getenv("PATH"));
}

TEST_F(ShellExec, CommentsAndLineContinuations) {
  EXPECT_EQ(run("# don't run this twice\nprintf '%s' {{ notification.payload.location }}"),
            "south; touch M #");
  EXPECT_EQ(run("printf '%s' ok > FILE # {{ notification.payload.location }}"), "");
  std::string file_contents;
  {
    const test::ShRun cat = run_sh("cat FILE", dir_.path());
    file_contents = cat.out;
  }
  EXPECT_EQ(file_contents, "ok");
  EXPECT_EQ(run("printf '%s' ok \\\n# don't\nprintf '%s' {{ notification.payload.location }}"),
            "oksouth; touch M #");
}

TEST_F(ShellExec, UnsupportedSyntaxIsRefusedBeforeAnythingRuns) {
  const RenderResult heredoc = render_shell(
      "cat <<EOF >/dev/null\ncan't\nEOF\nprintf '%s' {{ notification.payload.location }}");
  ASSERT_TRUE(std::holds_alternative<TemplateError>(heredoc));
  EXPECT_EQ(std::get<TemplateError>(heredoc),
            (TemplateError{TemplateErrorKind::ValueAfterUnsupportedShellSyntax,
                           std::string(shell_refusal::kHereDocument)}));
  const RenderResult dollar = render_shell("printf '%s' \"${{ notification.payload.v }}\"");
  ASSERT_TRUE(std::holds_alternative<TemplateError>(dollar));
  EXPECT_EQ(std::get<TemplateError>(dollar).kind,
            TemplateErrorKind::ValueAfterUnsupportedShellSyntax);
}

}  // namespace
}  // namespace aviso::templates
