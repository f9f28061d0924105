// URL sink: percent-encoding and the authority guard (spec 3.5, 3.6).
#include "template/url_context.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "template/render.hpp"

namespace aviso::templates {
namespace {

EnvLookup base_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (name == "BASE") return std::string("https://hooks.example");
    return std::nullopt;
  };
}

RenderResult render_url(std::string_view source, const Notification& n) {
  return render(Template::compile(source), RenderContext::Url, TemplateInput(n), base_env());
}

TEST(PercentEncode, SpecVectors) {
  EXPECT_EQ(percent_encode("mars-2.0_x~"), "mars-2.0_x~");
  EXPECT_EQ(percent_encode("a/b?c=1&d"), "a%2Fb%3Fc%3D1%26d");
  EXPECT_EQ(percent_encode("{\"a\":1}"), "%7B%22a%22%3A1%7D");
  EXPECT_EQ(percent_encode("\xc3\xa9"), "%C3%A9");
  EXPECT_EQ(percent_encode(std::string("\0 \xff", 3)), "%00%20%FF");
}

TEST(UrlTracker, InPathTable) {
  const std::pair<std::vector<std::string>, bool> vectors[] = {
      {{""}, false},
      {{"https://"}, false},
      {{"https://hooks.example"}, false},
      {{"https://user:pw@hooks.example:8443"}, false},
      {{"https://hooks.example/"}, true},
      {{"https://hooks.example?q=1"}, true},
      {{"https://hooks.example#f"}, true},
      {{"https:", "/", "/", "evil.example"}, false},
      {{"https:", "/", "/", "evil.example", "/hook"}, true},
      {{"/relative/path"}, false},
      {{"https:/x/y"}, false},
  };
  for (const auto& [pieces, expected] : vectors) {
    UrlTracker tracker;
    std::string joined;
    for (const auto& piece : pieces) {
      tracker.feed(piece);
      joined += piece + "|";
    }
    EXPECT_EQ(tracker.in_path(), expected) << joined;
  }
}

TEST(UrlRender, ValuesInThePathArePercentEncoded) {
  const std::string url = std::get<std::string>(
      render_url("https://h/{{ notification.event_type }}?p={{ notification.payload }}",
                 test::fixture_a("a/b")));
  EXPECT_EQ(url.rfind("https://h/a%2Fb?p=%7B", 0), 0u);
  EXPECT_EQ(url.find('"'), std::string::npos);
}

TEST(UrlRender, ValuesBeforeThePathAreRefused) {
  const std::pair<const char*, const char*> vectors[] = {
      {"https://{{ notification.event_type }}/hook", "notification.event_type"},
      {"https://h:{{ notification.sequence }}/hook", "notification.sequence"},
      {"{{ notification.identifier.country }}://h/hook", "notification.identifier.country"},
      {"{{ notification }}", "notification"},
      {"https://user:{{ notification.event_type }}@h/", "notification.event_type"},
  };
  for (const auto& [source, field] : vectors) {
    const RenderResult result = render_url(source, test::fixture_a());
    ASSERT_TRUE(std::holds_alternative<TemplateError>(result)) << source;
    EXPECT_EQ(std::get<TemplateError>(result),
              (TemplateError{TemplateErrorKind::ValueInUrlAuthority, field}));
  }
}

TEST(UrlRender, EnvBaseIsTheOperatorsAndNotEncoded) {
  EXPECT_EQ(std::get<std::string>(render_url(
                "{{ env.BASE }}/{{ notification.event_type }}?s={{ notification.sequence }}",
                test::fixture_a())),
            "https://hooks.example/mars?s=42");
  EXPECT_EQ(std::get<std::string>(
                render_url("{{ env.BASE }}?s={{ notification.sequence }}", test::fixture_a())),
            "https://hooks.example?s=42");
}

}  // namespace
}  // namespace aviso::templates
