#include "client/response_decoding.hpp"

#include <limits>
#include <optional>

#include "core/json_reader.hpp"

namespace aviso::client {
namespace {

nlohmann::json parse_object(const http::Response& response, const char* what) {
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded()) {
    throw Error::decode(std::string(what) +
                        ": the body is not JSON: " + response.body.substr(0, 200));
  }
  if (!body.is_object()) throw Error::decode(std::string(what) + ": expected a JSON object");
  return body;
}

std::string string_field(const nlohmann::json& body, const char* key, const char* what) {
  const auto found = body.find(key);
  if (found == body.end() || !found->is_string()) {
    throw Error::decode(std::string(what) + ": missing string field '" + key + "'");
  }
  return found->get<std::string>();
}

StreamSchema decode_stream_schema(const nlohmann::json& value, const std::string& where) {
  if (!value.is_object()) throw Error::decode(where + " must be an object");
  StreamSchema schema;
  if (const auto payload = value.find("payload"); payload != value.end()) schema.payload = *payload;
  if (const auto identifier = value.find("identifier");
      identifier != value.end() && !identifier->is_null()) {
    if (!identifier->is_object()) throw Error::decode(where + ".identifier must be an object");
    schema.identifier = *identifier;
  }
  return schema;
}

}  // namespace

const char* kind_label(ErrorKind kind) {
  switch (kind) {
    case AvisoErrorKind_Transport:
      return "transport";
    case AvisoErrorKind_Http:
      return "http";
    case AvisoErrorKind_Auth:
      return "auth";
    case AvisoErrorKind_Decode:
      return "decode";
    case AvisoErrorKind_MalformedEvent:
      return "malformed_event";
    case AvisoErrorKind_HistoryGap:
      return "history_gap";
    case AvisoErrorKind_StreamProtocol:
      return "stream_protocol";
    case AvisoErrorKind_Config:
      return "config";
    case AvisoErrorKind_StateStore:
      return "state_store";
    case AvisoErrorKind_Trigger:
      return "trigger";
    case AvisoErrorKind_InvalidInput:
      return "invalid_input";
    case AvisoErrorKind_InvalidUsage:
      return "invalid_usage";
    case AvisoErrorKind_Internal:
      return "internal";
    case AvisoErrorKind_Panic:
      return "panic";
    case AvisoErrorKind_Unknown:
      break;
  }
  return "unknown";
}

Error http_error(const http::Response& response) {
  const long status = response.status;
  const auto code = static_cast<std::uint16_t>(
      status > 0 && status <= std::numeric_limits<std::uint16_t>::max() ? status : 0);
  return Error::http(code, response.body, response.header("X-Request-ID"));
}

// Every publish of notify_many decodes one of these: read member by member, building only the
// three strings kept, with the same verdicts and messages as the whole-document decoders.
NotifyResponse decode_notify_response(const http::Response& response) {
  const char* const what = "notify response";
  std::optional<std::string> status, request_id, processed_at;
  try {
    JsonReader reader(response.body);
    if (!reader.enter_object()) {
      reader.skip_value();
      reader.finish();
      throw Error::decode(std::string(what) + ": expected a JSON object");
    }
    while (const auto key = reader.next_key()) {
      std::optional<std::string>* field = *key == "status"         ? &status
                                          : *key == "request_id"   ? &request_id
                                          : *key == "processed_at" ? &processed_at
                                                                   : nullptr;
      if (field == nullptr) {
        reader.skip_value();
        continue;
      }
      nlohmann::json value = reader.read_value();  // the last of repeated keys counts
      *field = value.is_string() ? std::optional(std::move(value.get_ref<std::string&>()))
                                 : std::nullopt;
    }
    reader.finish();
  } catch (const JsonSyntaxError&) {
    throw Error::decode(std::string(what) +
                        ": the body is not JSON: " + response.body.substr(0, 200));
  }
  const auto required = [what](std::optional<std::string>& field, const char* key) {
    if (!field) throw Error::decode(std::string(what) + ": missing string field '" + key + "'");
    return std::move(*field);
  };
  NotifyResponse out;
  out.status = required(status, "status");
  out.request_id = required(request_id, "request_id");
  out.processed_at = required(processed_at, "processed_at");
  return out;
}

SchemaCatalog decode_schema_catalog(const http::Response& response) {
  const nlohmann::json body = parse_object(response, "schema catalog");
  SchemaCatalog out;
  out.status = string_field(body, "status", "schema catalog");
  const auto schema = body.find("schema");
  if (schema == body.end() || !schema->is_object()) {
    throw Error::decode("schema catalog: missing object field 'schema'");
  }
  for (const auto& [name, value] : schema->items()) {
    out.schema[name] = decode_stream_schema(value, "schema catalog: schema." + name);
  }
  const auto types = body.find("event_types");
  if (types == body.end() || !types->is_array()) {
    throw Error::decode("schema catalog: missing array field 'event_types'");
  }
  for (const auto& type : *types) {
    if (!type.is_string()) throw Error::decode("schema catalog: event_types must hold strings");
    out.event_types.push_back(type.get<std::string>());
  }
  const auto total = body.find("total_schemas");
  if (total == body.end() || !total->is_number_unsigned()) {
    throw Error::decode("schema catalog: missing unsigned field 'total_schemas'");
  }
  out.total_schemas = total->get<std::uint32_t>();
  return out;
}

SchemaResponse decode_schema_response(const http::Response& response) {
  const nlohmann::json body = parse_object(response, "schema response");
  SchemaResponse out;
  out.status = string_field(body, "status", "schema response");
  out.event_type = string_field(body, "event_type", "schema response");
  const auto schema = body.find("schema");
  if (schema == body.end()) throw Error::decode("schema response: missing field 'schema'");
  out.schema = decode_stream_schema(*schema, "schema response: schema");
  return out;
}

}  // namespace aviso::client
