#include "access.hpp"

#include "api_error.hpp"

namespace aviso::server {

namespace {

HttpResponse unauthorized(const ApiContext& context, const std::string& message,
                          const std::string& request_id) {
  return auth_error(401, message, request_id, context.auth->direct_mode);
}

bool is_admin(const ApiContext& context, const User& user) {
  return matches_roles(user, context.auth->admin_roles);
}

}  // namespace

std::optional<HttpResponse> verify_sent_credential(const ApiContext& context,
                                                   const HttpRequest& request,
                                                   const std::string& request_id,
                                                   Credential& credential) {
  credential = Credential{};
  if (!context.auth) return std::nullopt;
  credential = authenticate(*context.auth, request.header("authorization"));
  if (credential.state == Credential::State::Invalid)
    return unauthorized(context, credential.problem, request_id);
  if (credential.state == Credential::State::Malformed) credential = Credential{};
  return std::nullopt;
}

std::optional<HttpResponse> check_stream_access(const ApiContext& context,
                                                const EventSchema& schema,
                                                const Credential& credential, bool write,
                                                const std::string& request_id) {
  if (!context.auth || !schema.auth || !schema.auth->required) return std::nullopt;
  if (credential.state != Credential::State::Valid || !credential.user) {
    return unauthorized(context, "Authentication is required for this stream", request_id);
  }
  const User& user = *credential.user;
  if (is_admin(context, user)) return std::nullopt;
  if (write) {
    if (!schema.auth->write_roles) {
      return auth_error(403, "Only administrators can write to this stream", request_id, false);
    }
    if (!matches_roles(user, *schema.auth->write_roles)) {
      return auth_error(403, "User does not have required write role for this stream", request_id,
                        false);
    }
    return std::nullopt;
  }
  if (schema.auth->read_roles && !matches_roles(user, *schema.auth->read_roles)) {
    return auth_error(403, "User does not have required read role for this stream", request_id,
                      false);
  }
  return std::nullopt;
}

std::optional<HttpResponse> check_admin_access(const ApiContext& context,
                                               const HttpRequest& request,
                                               const std::string& request_id) {
  if (!context.auth) return std::nullopt;
  const auto header = request.header("authorization");
  if (!header) return unauthorized(context, "Authorization header is required", request_id);
  const Credential credential = authenticate(*context.auth, header);
  if (credential.state != Credential::State::Valid)
    return unauthorized(context, credential.problem, request_id);
  if (!is_admin(context, *credential.user)) {
    return auth_error(403, "User does not have required administrative role", request_id, false);
  }
  return std::nullopt;
}

}  // namespace aviso::server
