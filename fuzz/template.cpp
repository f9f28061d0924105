// libFuzzer target for the template engine: the parser, the renderer in every context and the
// shell tracker fed arbitrary bytes. Input layout: <template> 0x00 <value> (value optional).
#include "template/template.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/utf8.hpp"
#include "template/render.hpp"
#include "template/shell_tracker.hpp"
#include "template/url_context.hpp"

using namespace aviso::templates;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  const std::string_view source = input.substr(0, split);
  const std::string_view value =
      split == std::string_view::npos ? std::string_view() : input.substr(split + 1);

  const Template compiled = Template::compile(source);
  (void)compiled.env_names();

  nlohmann::json payload = nlohmann::json::object();
  if (aviso::is_valid_utf8(value)) payload["v"] = std::string(value);
  const aviso::Notification notification("mars", 42, nlohmann::json{{"country", "uk"}}, payload);
  const TemplateInput template_input(notification);
  const EnvLookup env = [value](const std::string& name) -> std::optional<std::string> {
    if (name == "UNSET") return std::nullopt;
    return std::string(value);  // may be invalid UTF-8: exercises EnvNotUnicode
  };
  for (RenderContext context :
       {RenderContext::Raw, RenderContext::Shell, RenderContext::Url, RenderContext::JsonString}) {
    const RenderResult result = render(compiled, context, template_input, env);
    if (!compiled.ok() && !std::holds_alternative<TemplateError>(result)) std::abort();
  }

  // The tracker on arbitrary bytes, then a value in whatever state it ended in.
  ShellTracker tracker;
  tracker.feed(source);
  (void)tracker.refusal();
  const std::string quoted = tracker.quote_value(value);
  tracker.feed_quoted_value(quoted);
  const std::string bare = quote_for_shell(ShellQuote::Bare, value);
  if (bare.size() < 2 || bare.front() != '\'' || bare.back() != '\'') std::abort();

  UrlTracker url;
  url.feed(source);
  const std::string encoded = percent_encode(value);
  if (encoded.size() < value.size()) std::abort();
  return 0;
}
