// Raw and JSON-string rendering, syntax errors and value resolution (spec 3.1, 3.2, 3.6).
#include "template/render.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

#include "fixtures.hpp"
#include "template/template.hpp"

namespace aviso::templates {
namespace {

using test::fixture_a;

EnvLookup map_env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

RenderResult render_raw(std::string_view source, const Notification& n,
                        const EnvLookup& env = map_env({})) {
  return render(Template::compile(source), RenderContext::Raw, TemplateInput(n), env);
}

std::string text_of(const RenderResult& result) {
  if (const auto* error = std::get_if<TemplateError>(&result)) {
    ADD_FAILURE() << "unexpected error " << template_error_kind_name(error->kind) << " at "
                  << error->field;
    return {};
  }
  return std::get<std::string>(result);
}

TemplateError error_of(const RenderResult& result) {
  if (const auto* error = std::get_if<TemplateError>(&result)) return *error;
  ADD_FAILURE() << "expected an error, rendered: " << std::get<std::string>(result);
  return {};
}

struct RawVector {
  const char* source;
  const char* expected;
};

TEST(RawRender, SpecVectorsRenderExactly) {
  const RawVector vectors[] = {
      {"", ""},
      {"hello world", "hello world"},
      {"punctuation, semicolons; and {single braces}",
       "punctuation, semicolons; and {single braces}"},
      {"event: {{ notification.event_type }}", "event: mars"},
      {"seq={{ notification.sequence }}", "seq=42"},
      {"country: {{ notification.identifier.country }}", "country: uk"},
      {"{{ notification.identifier.point_cloud }}", "[[46.0,8.0],[47.0,9.0]]"},
      {"loc:{{ notification.payload.location }}", "loc:south"},
      {"literal: \\{{ inside }}", "literal: {{ inside }}"},
      {"{{notification.event_type}}|{{   notification.sequence\t}}", "mars|42"},
      {"a \\{x and \\n and }} and { alone", "a \\{x and \\n and }} and { alone"},
  };
  for (const RawVector& v : vectors) {
    EXPECT_EQ(text_of(render_raw(v.source, fixture_a())), v.expected) << "template: " << v.source;
  }
}

TEST(RawRender, WholePayloadAndNotificationAreCompactJson) {
  const std::string body = text_of(render_raw("body={{ notification.payload }}", fixture_a()));
  EXPECT_EQ(body.rfind("body={", 0), 0u);
  EXPECT_NE(body.find("\"location\":\"south\""), std::string::npos);
  EXPECT_NE(body.find("\"qty\":7"), std::string::npos);

  const std::string whole = text_of(render_raw("{{ notification }}", fixture_a()));
  EXPECT_EQ(whole, fixture_a().to_json());
  EXPECT_EQ(whole.rfind("{\"event_type\":\"mars\"", 0), 0u);
}

TEST(RawRender, ScalarsRenderAsJsonText) {
  const Notification n(
      "e", 1,
      nlohmann::json{
          {"f", 46.0}, {"neg", -7}, {"pi", 3.14}, {"t", true}, {"n", nullptr}, {"fa", false}},
      nullptr);
  EXPECT_EQ(text_of(render_raw("{{ notification.identifier.f }}", n)), "46.0");
  EXPECT_EQ(text_of(render_raw("{{ notification.identifier.neg }}", n)), "-7");
  EXPECT_EQ(text_of(render_raw("{{ notification.identifier.pi }}", n)), "3.14");
  EXPECT_EQ(text_of(render_raw("{{ notification.identifier.t }}", n)), "true");
  EXPECT_EQ(text_of(render_raw("{{ notification.identifier.fa }}", n)), "false");
  EXPECT_EQ(text_of(render_raw("{{ notification.identifier.n }}", n)), "null");
  EXPECT_EQ(text_of(render_raw("{{ notification.payload }}", n)), "null");
}

TEST(RawRender, HostileEventTypeIsVerbatim) {
  EXPECT_EQ(text_of(render_raw("{{ notification.event_type }}", fixture_a("a/b'c\"d"))),
            "a/b'c\"d");
}

TEST(RawRender, EnvValuesAreVerbatimAndEmptyIsValid) {
  EXPECT_EQ(text_of(render_raw("env=\"{{ env.MY_TOKEN }}\"", fixture_a(),
                               map_env({{"MY_TOKEN", "hello"}}))),
            "env=\"hello\"");
  EXPECT_EQ(text_of(render_raw("[{{ env.EMPTY }}]", fixture_a(), map_env({{"EMPTY", ""}}))), "[]");
  EXPECT_EQ(text_of(render_raw("{{ env.  SPACED  }}", fixture_a(), map_env({{"SPACED", "s"}}))),
            "s");
}

TEST(RawRender, ProcessEnvironmentIsTheDefaultLookup) {
  ::setenv("AVISO_TEMPLATE_TEST_VAR", "from-process", 1);
  EXPECT_EQ(text_of(render(Template::compile("{{ env.AVISO_TEMPLATE_TEST_VAR }}"),
                           RenderContext::Raw, TemplateInput(fixture_a()), process_env_lookup())),
            "from-process");
  ::unsetenv("AVISO_TEMPLATE_TEST_VAR");
  EXPECT_EQ(error_of(render(Template::compile("{{ env.AVISO_TEMPLATE_TEST_VAR }}"),
                            RenderContext::Raw, TemplateInput(fixture_a()), process_env_lookup())),
            (TemplateError{TemplateErrorKind::EnvNotSet, "AVISO_TEMPLATE_TEST_VAR"}));
}

TEST(RawRender, RenderErrorsNameTheField) {
  EXPECT_EQ(error_of(render_raw("{{ env.NOT_SET_BY_TEST }}", fixture_a())),
            (TemplateError{TemplateErrorKind::EnvNotSet, "NOT_SET_BY_TEST"}));
  EXPECT_EQ(error_of(render_raw("{{ env.NOT_UTF8 }}", fixture_a(),
                                map_env({{"NOT_UTF8", std::string("caf\xe9", 4)}}))),
            (TemplateError{TemplateErrorKind::EnvNotUnicode, "NOT_UTF8"}));
  EXPECT_EQ(error_of(render_raw("{{ notification.payload.nope }}", fixture_a())),
            (TemplateError{TemplateErrorKind::Missing, "notification.payload.nope"}));
  // A path through a scalar is missing too.
  EXPECT_EQ(error_of(render_raw("{{ notification.event_type.x }}", fixture_a())),
            (TemplateError{TemplateErrorKind::Missing, "notification.event_type.x"}));
  EXPECT_EQ(error_of(render_raw("{{ notification.identifier.point_cloud.0 }}", fixture_a())),
            (TemplateError{TemplateErrorKind::Missing, "notification.identifier.point_cloud.0"}));
}

TEST(RawRender, NotificationThatIsNotUtf8FailsToEncode) {
  const Notification bad(std::string("ev\xff", 3), 1);
  EXPECT_EQ(error_of(render_raw("{{ notification.sequence }}", bad)),
            (TemplateError{TemplateErrorKind::NotificationEncode, "notification"}));
  const Notification bad_payload("ev", 1, nlohmann::json::object(),
                                 nlohmann::json(std::string("\xc3\x28", 2)));
  EXPECT_EQ(error_of(render_raw("{{ notification }}", bad_payload)).kind,
            TemplateErrorKind::NotificationEncode);
  // Text without placeholders never needs the notification.
  EXPECT_EQ(text_of(render_raw("static", bad)), "static");
}

struct SyntaxVector {
  const char* source;
  std::string_view label;
};

TEST(Compile, SyntaxErrorsCarryTheirLabel) {
  const SyntaxVector vectors[] = {
      {"hello {{ notification.foo", syntax::kUnclosedBraces},
      {"{{", syntax::kUnclosedBraces},
      {"ok }} then {{ env.X }", syntax::kUnclosedBraces},
      {"{{ notification.a..b }}", syntax::kEmptyPathSegment},
      {"{{ notification. }}", syntax::kEmptyPathSegment},
      {"{{ notification.a. }}", syntax::kEmptyPathSegment},
      {"{{ env. }}", syntax::kEmptyPathSegment},
      {"{{ unknown.field }}", syntax::kUnknownNamespace},
      {"{{ notificationX }}", syntax::kUnknownNamespace},
      {"{{ env }}", syntax::kUnknownNamespace},
      {"{{ }}", syntax::kUnknownNamespace},
      {"{{}}", syntax::kUnknownNamespace},
      {"{{ \\notification }}", syntax::kEscapeInsideExpr},
      {"{{ notification.a\\.b }}", syntax::kEscapeInsideExpr},
  };
  for (const SyntaxVector& v : vectors) {
    const Template compiled = Template::compile(v.source);
    ASSERT_FALSE(compiled.ok()) << v.source;
    EXPECT_EQ(*compiled.error(),
              (TemplateError{TemplateErrorKind::BadSyntax, std::string(v.label)}))
        << v.source;
    // The stored error is what every render reports.
    EXPECT_EQ(error_of(render_raw(v.source, fixture_a())).field, v.label);
  }
}

TEST(Compile, EnvNamesAreListedOnceInOrder) {
  const Template t = Template::compile("{{ env.B }} {{ env.A }} {{ env.B }} {{ notification }}");
  EXPECT_EQ(t.env_names(), (std::vector<std::string>{"B", "A"}));
}

TEST(JsonStringRender, ValuesAreEscapedAsStringContents) {
  const Notification n("ev\"il", 3, nlohmann::json{{"k", "line1\nline2\\ \"q\""}},
                       nlohmann::json{{"a", 1}});
  const std::string body =
      std::get<std::string>(render(Template::compile("{\"event\":\"{{ notification.event_type }}\","
                                                     "\"k\":\"{{ notification.identifier.k }}\","
                                                     "\"p\":\"{{ notification.payload }}\"}"),
                                   RenderContext::JsonString, TemplateInput(n), map_env({})));
  const nlohmann::json parsed = nlohmann::json::parse(body);
  EXPECT_EQ(parsed["event"], "ev\"il");
  EXPECT_EQ(parsed["k"], "line1\nline2\\ \"q\"");
  EXPECT_EQ(parsed["p"], "{\"a\":1}");
}

TEST(JsonStringRender, RawContextWouldBreakTheSameBody) {
  const Notification n("ev\"il", 3);
  const std::string body = std::get<std::string>(
      render(Template::compile("{\"event\":\"{{ notification.event_type }}\"}"), RenderContext::Raw,
             TemplateInput(n), map_env({})));
  EXPECT_FALSE(nlohmann::json::accept(body));
}

}  // namespace
}  // namespace aviso::templates
