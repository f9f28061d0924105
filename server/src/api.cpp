#include "api.hpp"

#include "endpoints.hpp"
#include "request_id.hpp"

namespace aviso::server {

namespace {

HttpResponse framework_status(unsigned status, const std::string& text,
                              const std::string& request_id) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = text;
  response.request_id = request_id;
  return response;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

constexpr const char* kLandingPage =
    "<!doctype html><html><head><title>aviso-local-server</title></head><body>"
    "<h1>aviso-local-server</h1><p>An in-memory, aviso-server compatible notification server for "
    "development and tests.</p><ul><li>POST /api/v1/notification</li><li>POST /api/v1/watch</li>"
    "<li>POST /api/v1/replay</li><li>GET /api/v1/schema</li><li>GET "
    "/health</li></ul></body></html>";

nlohmann::json openapi_document() {
  const auto operation = [](const char* summary) { return nlohmann::json{{"summary", summary}}; };
  return {
      {"openapi", "3.0.3"},
      {"info", {{"title", "aviso-local-server"}, {"version", "1"}}},
      {"paths",
       {{"/api/v1/notification", {{"post", operation("Publish one notification")}}},
        {"/api/v1/watch", {{"post", operation("Watch notifications (SSE)")}}},
        {"/api/v1/replay", {{"post", operation("Replay stored notifications (SSE)")}}},
        {"/api/v1/schema", {{"get", operation("Schema catalogue")}}},
        {"/api/v1/schema/{event_type}", {{"get", operation("One schema")}}},
        {"/api/v1/admin/notification/{notification_id}",
         {{"delete", operation("Delete one notification")}}},
        {"/api/v1/admin/wipe/stream", {{"delete", operation("Delete all messages of a stream")}}},
        {"/api/v1/admin/wipe/all", {{"delete", operation("Delete all messages")}}},
        {"/health", {{"get", operation("Liveness")}}}}}};
}

}  // namespace

Api::Api(const Settings& settings, Store& store, std::optional<AuthTable> auth)
    : settings_(settings),
      store_(store),
      auth_(std::move(auth)),
      context_{settings_, store_, auth_} {}

ApiOutcome Api::handle(const HttpRequest& request) {
  const std::string request_id = new_request_id();
  if (settings_.test_hooks && starts_with(request.path, "/_test/")) {
    return hooks_.handle(request, streams_, request_id);
  }
  if (settings_.test_hooks) {
    hooks_.count(request.path);
    if (auto forced = hooks_.take_forced(request.path, request_id)) return *forced;
  }
  return dispatch(request, request_id);
}

ApiOutcome Api::dispatch(const HttpRequest& request, const std::string& request_id) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  const auto route = [&](const char* expected_method) -> std::optional<HttpResponse> {
    if (method != expected_method) return framework_status(405, "", request_id);
    return std::nullopt;
  };

  if (path == "/api/v1/notification" || path == "/api/v1/watch" || path == "/api/v1/replay") {
    if (auto wrong = route("POST")) return *wrong;
    if (request.body.size() > kMaxRequestBody)
      return framework_status(413, "Payload Too Large", request_id);
    if (path == "/api/v1/notification") return handle_notify(context_, request, request_id);
    const Operation operation = path == "/api/v1/watch" ? Operation::Watch : Operation::Replay;
    auto outcome = handle_stream_request(context_, request, operation, request_id);
    if (auto* response = std::get_if<HttpResponse>(&outcome)) return std::move(*response);
    return std::move(std::get<StreamPlan>(outcome));
  }
  if (path == "/health") {
    if (auto wrong = route("GET")) return *wrong;
    return json_response(200, {{"status", "ok"}}, request_id);
  }
  if (path == "/api/v1/schema") {
    if (auto wrong = route("GET")) return *wrong;
    return handle_schema_catalogue(context_, request_id);
  }
  if (starts_with(path, "/api/v1/schema/") && path.size() > 15 &&
      path.find('/', 15) == std::string::npos) {
    if (auto wrong = route("GET")) return *wrong;
    return handle_schema_of(context_, percent_decode(path.substr(15)), request_id);
  }
  if (starts_with(path, "/api/v1/admin/notification/") && path.size() > 27 &&
      path.find('/', 27) == std::string::npos) {
    if (auto wrong = route("DELETE")) return *wrong;
    return handle_delete_notification(context_, request, percent_decode(path.substr(27)),
                                      request_id);
  }
  if (path == "/api/v1/admin/wipe/stream") {
    if (auto wrong = route("DELETE")) return *wrong;
    return handle_wipe_stream(context_, request, request_id);
  }
  if (path == "/api/v1/admin/wipe/all") {
    if (auto wrong = route("DELETE")) return *wrong;
    return handle_wipe_all(context_, request, request_id);
  }
  if (path == "/") {
    if (auto wrong = route("GET")) return *wrong;
    HttpResponse page = framework_status(200, kLandingPage, request_id);
    page.content_type = "text/html; charset=utf-8";
    return page;
  }
  if (path == "/api-docs/openapi.json") {
    if (auto wrong = route("GET")) return *wrong;
    return json_response(200, openapi_document(), request_id);
  }
  return framework_status(404, "", request_id);
}

}  // namespace aviso::server
