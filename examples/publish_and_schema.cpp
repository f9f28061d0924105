// Publish a notification, read the schema catalogue and handle errors, written the way code
// for the reference C++ facade is written. Builds as C++17 against the installed package.
//
//   publish_and_schema [BASE_URL]      (default: $AVISO_BASE_URL, then the config file)
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "aviso/aviso.hpp"

int main(int argc, char** argv) {
  try {
    aviso::Client client = argc > 1 ? aviso::ClientBuilder(argv[1]).build()
                                    : aviso::ClientBuilder::from_environment().build();
    std::cout << "aviso " << aviso::version() << " talking to " << client.base_url() << "\n";

    // The catalogue as compact JSON, exactly as the facade returns it.
    std::cout << "schema: " << client.schema() << "\n";

    // Publish one notification; the response converts to the facade's JSON text.
    const std::map<std::string, std::string> identifier = {
        {"class", "od"},  {"expver", "0001"}, {"domain", "g"}, {"date", "20260601"},
        {"time", "0000"}, {"stream", "oper"}, {"step", "12"}};
    const std::string response =
        client.notify("mars", identifier, std::string(R"({"location":"file:///data/f.grib"})"));
    std::cout << "notify: " << response << "\n";

    // A batch, sent 4 at a time; one result per item, in input order.
    const std::string batch = client.notify_many(
        R"([{"event_type":"mars","identifier":{"class":"od","expver":"0001","domain":"g",)"
        R"("date":"20260601","time":"0000","stream":"oper","step":"24"}},)"
        R"({"event_type":"no-such-event","identifier":{}}])",
        4);
    std::cout << "notify_many: " << batch << "\n";

    // The async form returns a std::future; get() rethrows aviso::Error.
    std::future<std::string> pending = client.schema_for_async("mars");
    std::cout << "schema_for: " << pending.get() << "\n";

    // Errors carry a kind, the HTTP status and the server's request id.
    try {
      client.schema_for("no-such-event");
    } catch (const aviso::Error& error) {
      std::cout << "expected failure: kind=" << aviso::kind_name(error.error().kind)
                << " status=" << error.error().http_status
                << " request_id=" << error.error().request_id.value_or("none") << "\n";
      if (error.error().kind != AvisoErrorKind_Http || error.error().http_status != 404) return 1;
    }
    return 0;
  } catch (const aviso::Error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  }
}
