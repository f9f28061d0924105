#include "client/api_call.hpp"

#include <memory>

namespace aviso::client {
namespace {

struct Call {
  http::Request request;
  std::function<void(ApiOutcome)> done;
  bool retried = false;
};

ApiOutcome outcome_of(http::Result& result) {
  if (!result.ok()) return Error::transport(result.error->message);
  return std::move(*result.response);
}

void attempt(detail::ClientCore& core, const std::shared_ptr<Call>& call) {
  AuthSession::Credential credential;
  try {
    credential = core.auth->current();
  } catch (const Error& error) {
    call->done(error);
    return;
  }
  // The first attempt keeps the original for the retry after a 401; the retry hands it over.
  const bool may_retry = !call->retried;
  http::Request request = may_retry ? call->request : std::move(call->request);
  if (credential.header) request.headers.push_back({"Authorization", *credential.header});
  core.loop->submit(std::move(request), {},
                    [&core, call, generation = credential.generation](http::Result result) {
                      if (result.ok() && result.response->status == 401 && !call->retried) {
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
                      call->done(outcome_of(result));
                    });
}

}  // namespace

void send_api_request(detail::ClientCore& core, http::Request request,
                      std::function<void(ApiOutcome)> done) {
  if (core.timeout) request.timeout = *core.timeout;
  if (!core.auth->has_provider()) {
    // No credential, so no 401 to refresh after: one submission, without a call record.
    core.loop->submit(std::move(request), {},
                      [done = std::move(done)](http::Result result) { done(outcome_of(result)); });
    return;
  }
  auto call = std::make_shared<Call>();
  call->request = std::move(request);
  call->done = std::move(done);
  attempt(core, call);
}

}  // namespace aviso::client
