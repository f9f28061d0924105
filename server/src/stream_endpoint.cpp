#include <cctype>

#include "access.hpp"
#include "api_error.hpp"
#include "endpoints.hpp"
#include "number_text.hpp"
#include "request_body.hpp"
#include "validation_error.hpp"

namespace aviso::server {

namespace {

bool blank(std::string_view text) {
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::uint64_t parse_sequence_cursor(const std::string& name, const std::string& value) {
  if (blank(value)) {
    throw ValidationError(name +
                          " cannot be empty. Provide a sequence number such as \"1\", or leave " +
                          name + " out.");
  }
  const auto sequence = parse_u64(value);
  if (!sequence) {
    throw ValidationError(name + " must be a valid positive integer. Got: '" + value +
                          "'. Use the sequence number after '@' in a notification id.");
  }
  return *sequence;
}

Instant parse_date_cursor(const std::string& name, const std::string& value) {
  if (blank(value)) {
    throw ValidationError(
        name + " cannot be empty. Provide a date such as \"2025-01-15T10:00:00Z\", or leave " +
        name + " out.");
  }
  const auto instant = parse_date_time(value);
  if (!instant) {
    throw ValidationError(
        name + " has an invalid date '" + value +
        "'. Expected RFC 3339 (2025-01-15T10:00:00Z), 'YYYY-MM-DD HH:MM:SS[.f][+HH:MM]', or Unix "
        "seconds/milliseconds (negative values are not supported).");
  }
  return *instant;
}

// Validation of protocol section 1.3 in the reference's order, then the to_id/to_date extension.
StreamPlan build_plan(const ApiContext& context, const RequestBody& body, const EventSchema& schema,
                      Operation operation, const std::string& request_id) {
  StreamPlan plan;
  plan.operation = operation;
  plan.request_id = request_id;
  plan.schema = &schema;
  plan.accepted_at = now();

  const auto& identifier = body.identifier;
  if (identifier.contains("polygon") && identifier.contains("point")) {
    throw ValidationError(
        "Cannot specify both identifier.polygon and identifier.point. Provide only one spatial "
        "filter.");
  }
  if (const auto point = identifier.find("point");
      point != identifier.end() && !point->is_string()) {
    throw ValidationError("Field 'point' must be a 'lat,lon' string, got " + point->dump());
  }
  if (body.from_id) plan.from_id = parse_sequence_cursor("from_id", *body.from_id);
  if (body.from_date) plan.from_date = parse_date_cursor("from_date", *body.from_date);
  if (body.from_id && body.from_date) {
    throw ValidationError(
        "Cannot specify both from_id and from_date. Use from_id for sequence-based replay or "
        "from_date for "
        "time-based replay.");
  }
  if (operation == Operation::Replay && !body.from_id && !body.from_date) {
    throw ValidationError(
        "Replay endpoint requires either from_id or from_date parameter. Use from_id for "
        "sequence-based replay or "
        "from_date for time-based replay.");
  }
  plan.replay = body.from_id || body.from_date;

  std::optional<std::uint64_t> to_id;
  std::optional<Instant> to_date;
  if (body.to_id) to_id = parse_sequence_cursor("to_id", *body.to_id);
  if (body.to_date) to_date = parse_date_cursor("to_date", *body.to_date);
  if (to_id && to_date)
    throw ValidationError("Cannot specify both to_id and to_date. Use only one end cursor.");
  if ((to_id || to_date) && !plan.replay) {
    throw ValidationError(
        "to_id and to_date need a start cursor: give from_id or from_date as well.");
  }
  if (to_id && plan.from_id && *to_id < *plan.from_id) {
    throw ValidationError("to_id (" + std::to_string(*to_id) +
                          ") must not be lower than from_id (" + std::to_string(*plan.from_id) +
                          ")");
  }

  plan.filter = build_watch_filter(schema, identifier, operation_name(operation));
  plan.topic = plan.filter.pattern.display();
  if (to_id) plan.end_sequence = *to_id;
  if (to_date) plan.end_sequence = context.store.newest_sequence(plan.filter, *to_date).value_or(0);
  return plan;
}

}  // namespace

std::variant<HttpResponse, StreamPlan> handle_stream_request(const ApiContext& context,
                                                             const HttpRequest& request,
                                                             Operation operation,
                                                             const std::string& request_id) {
  try {
    Credential credential;
    if (auto denied = verify_sent_credential(context, request, request_id, credential))
      return *denied;

    const RequestBody body = parse_request_body(request.body, operation, request_id);
    const EventSchema* schema = context.settings.schemas.find(body.event_type);
    if (!schema) return unknown_event_type(context, body.event_type, request_id);
    if (auto denied = check_stream_access(context, *schema, credential, false, request_id))
      return *denied;

    try {
      return build_plan(context, body, *schema, operation, request_id);
    } catch (const ValidationError& error) {
      return invalid_request(operation, error.what(), error.details(), request_id);
    }
  } catch (const ApiError& error) {
    return error.response();
  }
}

}  // namespace aviso::server
