// How many command templates the engine renders per second, per context. The shell context is
// the one that matters (every command trigger dispatch renders once); raw is the floor it is
// measured against, and compiling shows what "compile once" saves.
#include <benchmark/benchmark.h>

#include "template/render.hpp"

namespace {

using namespace aviso::templates;

constexpr const char* kCommand =
    "/opt/ops/bin/fetch --class {{ notification.identifier.class }} "
    "--date '{{ notification.identifier.date }}' --step \"{{ notification.identifier.step }}\" "
    "--out /data/{{ notification.event_type }}/{{ notification.sequence }} "
    "--payload {{ notification.payload }} # from {{ env.USER }}";

aviso::Notification notification() {
  return aviso::Notification(
      "mars", 123456,
      nlohmann::json{{"class", "od"}, {"date", "20260501"}, {"step", "12"}, {"stream", "enfo"}},
      nlohmann::json{{"location", "s3://bucket/key with spaces; and 'quotes'"}, {"size", 1024}});
}

EnvLookup env() {
  return [](const std::string&) { return std::optional<std::string>("operator"); };
}

void render_in(benchmark::State& state, RenderContext context) {
  const Template compiled = Template::compile(kCommand);
  const aviso::Notification n = notification();
  const TemplateInput input(n);
  const EnvLookup lookup = env();
  for (auto _ : state) {
    RenderResult result = render(compiled, context, input, lookup);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RenderShellCommand(benchmark::State& state) { render_in(state, RenderContext::Shell); }
void BM_RenderRawSameTemplate(benchmark::State& state) { render_in(state, RenderContext::Raw); }

void BM_CompileCommandTemplate(benchmark::State& state) {
  for (auto _ : state) {
    Template compiled = Template::compile(kCommand);
    benchmark::DoNotOptimize(compiled);
  }
  state.SetItemsProcessed(state.iterations());
}

// What a dispatch pays once before rendering all of a trigger's templates.
void BM_SerialiseNotificationForTemplates(benchmark::State& state) {
  const aviso::Notification n = notification();
  for (auto _ : state) {
    TemplateInput input(n);
    benchmark::DoNotOptimize(input);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_RenderShellCommand);
BENCHMARK(BM_RenderRawSameTemplate);
BENCHMARK(BM_CompileCommandTemplate);
BENCHMARK(BM_SerialiseNotificationForTemplates);

}  // namespace
