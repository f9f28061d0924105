#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "http_response.hpp"

namespace aviso::server {

class Server;

// One client connection: reads requests (keep-alive), hands each to the Api and writes the answer.
// A watch/replay request hands the socket over to an SseStream and this object ends.
class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  // Bodies above this are refused with 413 before they are read (the API itself enforces the
  // 256 KiB limit of notify/watch/replay; this is the JSON extractor's 2 MiB).
  static constexpr std::uint64_t kMaxBody = 2 * 1024 * 1024;

  HttpConnection(boost::asio::ip::tcp::socket socket, Server& server);
  void start();

 private:
  void read_request();
  void on_read(boost::beast::error_code error);
  void respond(HttpResponse response, unsigned version, bool keep_alive);
  void write(
      std::shared_ptr<boost::beast::http::response<boost::beast::http::string_body>> message);
  void close();

  boost::asio::ip::tcp::socket socket_;
  Server& server_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::asio::steady_timer delay_timer_;
};

}  // namespace aviso::server
