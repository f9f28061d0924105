#include "listener_banner.hpp"

#include <nlohmann/json.hpp>

#include "text.hpp"

namespace aviso::cli {
namespace {

std::string describe_from(const aviso::ResumeStart& start) {
  if (const auto sequence = start.sequence()) return "after sequence " + std::to_string(*sequence);
  return "at " + start.date().value_or("");
}

std::string describe_until(const std::optional<aviso::ReplayEnd>& end) {
  if (!end) return "the end of the history retained now";
  if (const auto sequence = end->sequence()) return "sequence " + std::to_string(*sequence);
  return "the last notification stored at or before " + end->date().value_or("");
}

std::string trigger_list(const ListenerSpec& listener) {
  if (listener.triggers.empty()) return "no triggers";
  std::vector<std::string> names;
  for (const auto& trigger : listener.triggers) names.emplace_back(trigger_type_name(trigger));
  return "triggers " + join(names, ", ");
}

}  // namespace

std::string describe_start(const aviso::WatchRequest& request, const CursorStore& cursor) {
  if (request.mode() == aviso::WatchMode::ReplayOnly) {
    return "replays " +
           describe_from(request.from().value_or(aviso::ResumeStart::after_sequence(0))) +
           " through " + describe_until(request.until());
  }
  const std::string where = cursor.description.empty() ? "" : " (" + cursor.description + ")";
  if (request.from()) {
    std::string text = "starts " + describe_from(*request.from());
    if (cursor.stored_sequence) {
      // The store never moves backwards, so an older --from replays without losing the cursor.
      text += "; the stored sequence " + std::to_string(*cursor.stored_sequence) +
              " is kept until passed" + where;
    }
    return text;
  }
  if (cursor.stored_sequence) {
    return "resumes after stored sequence " + std::to_string(*cursor.stored_sequence) + where;
  }
  return "starts live: no stored position" + where;
}

LogRecord listener_banner(const ListenerSpec& listener, const aviso::WatchRequest& request,
                          const CursorStore& cursor) {
  const std::string start = describe_start(request, cursor);
  LogRecord record;
  record.level = LogLevel::Info;
  record.event_name = "cli.listener.started";
  record.body = "listener `" + listener.display_name() + "`: event " + listener.event +
                ", filter " + listener.identifiers.dump() + ", " + trigger_list(listener) + "; " +
                start;
  record.fields = {{"listener", listener.display_name()},
                   {"event_type", listener.event},
                   {"filter", listener.identifiers},
                   {"start", start},
                   {"origin", listener.origin}};
  return record;
}

}  // namespace aviso::cli
