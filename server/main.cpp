// aviso-local-server: see docs/local-server.md and --help.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>

#include "auth.hpp"
#include "command_line.hpp"
#include "server.hpp"

int main(int argc, char** argv) {
  using namespace aviso::server;
  CommandLine command_line = parse_command_line(argc, argv);
  if (!command_line.settings) {
    (command_line.exit_code == 0 ? std::cout : std::cerr) << command_line.output;
    return command_line.exit_code;
  }
  Settings& settings = *command_line.settings;
  std::signal(SIGPIPE, SIG_IGN);

  try {
    std::optional<AuthTable> auth;
    if (settings.auth_file) auth = load_auth_file(*settings.auth_file);
    if (settings.schema_strict && !*settings.schema_strict) {
      std::cerr << "aviso-local-server: notification_schema_strict: false is ignored; unknown "
                   "event types are "
                   "always rejected (generic mode cannot stream)\n";
    }

    boost::asio::io_context io(1);
    Server server(io, settings, std::move(auth));
    const std::uint16_t port = server.listen();
    server.start_accepting();

    boost::asio::signal_set signals(io, SIGTERM, SIGINT);
    signals.async_wait([&](const boost::system::error_code& error, int signal_number) {
      if (error) return;
      std::cerr << "aviso-local-server: signal " << signal_number << ", closing open streams\n";
      server.shutdown([&io] { io.stop(); });
    });

    std::string host = settings.bind_address;
    if (host == "0.0.0.0") host = "127.0.0.1";
    if (host == "::") host = "::1";
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    std::cout << "http://" << host << ":" << port << std::endl;
    std::cerr << "aviso-local-server: listening on " << settings.bind_address << ":" << port
              << " with " << settings.schemas.all().size() << " event types"
              << (settings.auth_file ? ", auth enabled" : "")
              << (settings.test_hooks ? ", test hooks on" : "") << "\n";
    io.run();
    std::cerr << "aviso-local-server: stopped\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "aviso-local-server: " << error.what() << "\n";
    return 1;
  }
}
