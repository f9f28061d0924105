#include "listener_request.hpp"

#include <string>

#include "command_error.hpp"
#include "trigger_conversion.hpp"

namespace aviso::cli {
namespace {

aviso::ResumeStart start_at(const Position& position) {
  return position.kind == Position::Kind::Sequence
             ? aviso::ResumeStart::after_sequence(position.sequence)
             : aviso::ResumeStart::at_date(position.date);
}

aviso::ReplayEnd end_at(const Position& position) {
  return position.kind == Position::Kind::Sequence
             ? aviso::ReplayEnd::through_sequence(position.sequence)
             : aviso::ReplayEnd::through_date(position.date);
}

}  // namespace

aviso::WatchRequest listen_request(const ListenerSpec& listener,
                                   std::chrono::milliseconds startup_timeout) {
  aviso::WatchRequest request =
      listener.from_id ? aviso::WatchRequest::watch_from(
                             listener.event, aviso::ResumeStart::after_sequence(*listener.from_id))
      : listener.from_date ? aviso::WatchRequest::watch_from(
                                 listener.event, aviso::ResumeStart::at_date(*listener.from_date))
                           : aviso::WatchRequest::watch(listener.event);
  request.filter(listener.identifiers);
  request.triggers(triggers_of(listener));
  if (startup_timeout.count() > 0) request.startup_timeout(startup_timeout);
  return request;
}

aviso::WatchRequest replay_request(const ListenerSpec& listener, const Position& from,
                                   const std::optional<Position>& until) {
  if (until && until->kind == Position::Kind::Sequence && from.kind == Position::Kind::Sequence &&
      until->sequence <= from.sequence) {
    throw CommandError::usage("--until " + std::to_string(until->sequence) +
                              " is not after --from " + std::to_string(from.sequence) +
                              ": the replay would deliver nothing")
        .suggest(
            "--from is exclusive and --until inclusive: `--from 1 --until 2` replays "
            "sequence 2 only");
  }
  aviso::WatchRequest request =
      until ? aviso::WatchRequest::replay_range(listener.event, start_at(from), end_at(*until))
            : aviso::WatchRequest::replay_only(listener.event, start_at(from));
  request.filter(listener.identifiers);
  request.triggers(triggers_of(listener));
  return request;
}

}  // namespace aviso::cli
