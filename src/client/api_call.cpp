#include "client/api_call.hpp"

#include <memory>

namespace aviso::client {
namespace {

struct Call {
  http::Request request;
  std::function<void(ApiOutcome)> done;
  bool retried = false;
};

void attempt(detail::ClientCore& core, const std::shared_ptr<Call>& call) {
  AuthSession::Credential credential;
  try {
    credential = core.auth->current();
  } catch (const Error& error) {
    call->done(error);
    return;
  }
  // Only a client with an auth provider can retry after a 401 and needs the original kept; the
  // others hand it over, saving a copy of the body and headers per request.
  const bool may_retry = core.auth->has_provider() && !call->retried;
  http::Request request = may_retry ? call->request : std::move(call->request);
  if (credential.header) request.headers.push_back({"Authorization", *credential.header});
  if (core.timeout) request.timeout = *core.timeout;
  core.loop->submit(
      std::move(request), {},
      [&core, call, generation = credential.generation](http::Result result) {
        if (!result.ok()) {
          call->done(Error::transport(result.error->message));
          return;
        }
        if (result.response->status == 401 && core.auth->has_provider() && !call->retried) {
          call->retried = true;
          try {
            core.auth->refresh_after_401(generation);
          } catch (const Error& error) {
            call->done(error);
            return;
          }
          attempt(core, call);
          return;
        }
        call->done(std::move(*result.response));
      });
}

}  // namespace

void send_api_request(detail::ClientCore& core, http::Request request,
                      std::function<void(ApiOutcome)> done) {
  auto call = std::make_shared<Call>();
  call->request = std::move(request);
  call->done = std::move(done);
  attempt(core, call);
}

}  // namespace aviso::client
