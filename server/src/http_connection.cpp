#include "http_connection.hpp"

#include <boost/asio/write.hpp>
#include <iostream>

#include "request_id.hpp"
#include "server.hpp"
#include "sse_stream.hpp"

namespace aviso::server {

namespace beast = boost::beast;
namespace http = boost::beast::http;

HttpConnection::HttpConnection(boost::asio::ip::tcp::socket socket, Server& server)
    : socket_(std::move(socket)), server_(server), delay_timer_(socket_.get_executor()) {}

void HttpConnection::start() { read_request(); }

void HttpConnection::read_request() {
  parser_.emplace();
  parser_->body_limit(kMaxBody);
  parser_->header_limit(64 * 1024);
  http::async_read(
      socket_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
}

void HttpConnection::on_read(beast::error_code error) {
  if (error == http::error::end_of_stream || error == boost::asio::error::eof ||
      error == boost::asio::error::connection_reset ||
      error == boost::asio::error::operation_aborted) {
    return close();
  }
  if (error == http::error::body_limit) {
    HttpResponse response;
    response.status = 413;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "Payload Too Large";
    response.request_id = new_request_id();
    return respond(std::move(response), 11, false);
  }
  if (error) {
    HttpResponse response;
    response.status = 400;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "Bad Request: " + error.message();
    response.request_id = new_request_id();
    return respond(std::move(response), 11, false);
  }

  auto message = parser_->release();
  HttpRequest request;
  request.method = std::string(message.method_string().data(), message.method_string().size());
  const std::string_view target(message.target().data(), message.target().size());
  request.path = std::string(target.substr(0, target.find('?')));
  for (const auto& field : message) {
    request.headers.emplace_back(
        std::string(field.name_string().data(), field.name_string().size()),
        std::string(field.value().data(), field.value().size()));
  }
  request.body = std::move(message.body());

  ApiOutcome outcome = server_.api().handle(request);
  if (auto* response = std::get_if<HttpResponse>(&outcome)) {
    return respond(std::move(*response), message.version(),
                   message.keep_alive() && !server_.shutting_down());
  }
  auto stream = std::make_shared<SseStream>(std::move(socket_),
                                            std::move(std::get<StreamPlan>(outcome)), server_);
  server_.add_stream(stream);
  stream->start();
}

void HttpConnection::respond(HttpResponse response, unsigned version, bool keep_alive) {
  auto message = std::make_shared<http::response<http::string_body>>(
      static_cast<http::status>(response.status), version);
  message->set(http::field::content_type, response.content_type);
  message->set("X-Request-ID", response.request_id);
  for (const auto& [name, value] : response.headers) message->insert(name, value);
  message->body() = std::move(response.body);
  message->keep_alive(keep_alive);
  message->prepare_payload();

  if (response.delay.count() > 0) {
    delay_timer_.expires_after(response.delay);
    delay_timer_.async_wait([self = shared_from_this(), message](beast::error_code error) {
      if (!error) self->write(message);
    });
    return;
  }
  write(message);
}

void HttpConnection::write(std::shared_ptr<http::response<http::string_body>> message) {
  http::async_write(socket_, *message,
                    [self = shared_from_this(), message](beast::error_code error, std::size_t) {
                      if (error || !message->keep_alive()) return self->close();
                      self->read_request();
                    });
}

void HttpConnection::close() {
  beast::error_code ignored;
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
  socket_.close(ignored);
}

}  // namespace aviso::server
