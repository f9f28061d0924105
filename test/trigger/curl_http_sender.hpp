// A real HttpSender on libcurl's easy interface, for the trigger tests. The client layer has
// its own on the curl-multi event loop; this one exercises the same contract over real sockets.
#pragma once

#include "trigger/http_sender.hpp"

namespace aviso::trigger::test {

class CurlHttpSender final : public HttpSender {
 public:
  HttpSendResult send(const http::Request& request, std::size_t body_tail_limit) override;
};

}  // namespace aviso::trigger::test
