// A long-running consumer in the reference facade's style (C++17): watches operational ("od")
// "mars" notifications from the start of the server's history, prints each notification once as
// one JSON line, and keeps going through server restarts, dropped connections and 503s (the
// library reconnects and resumes by sequence). Stops after AVISO_EXAMPLE_COUNT notifications (default: run until killed).
//
//   consumer http://127.0.0.1:8000
#include <aviso/aviso.hpp>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

class Printer : public aviso::NotificationHandler {
 public:
  explicit Printer(unsigned long limit) : limit_(limit) {}

  bool on_notification(const aviso::Notification& notification) override {
    std::cout << notification.to_json() << std::endl;
    ++seen_;
    return limit_ == 0 || seen_ < limit_;
  }

  void on_end(const std::optional<aviso::ErrorInfo>& error) override {
    if (error) {
      std::cerr << "watch failed: " << error->message << '\n';
      failed_ = true;
    }
  }

  bool failed() const { return failed_; }

 private:
  unsigned long limit_;
  unsigned long seen_ = 0;
  bool failed_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  const std::string url = argc > 1 ? argv[1] : "http://127.0.0.1:8000";
  const char* count = std::getenv("AVISO_EXAMPLE_COUNT");
  try {
    aviso::Client client = aviso::ClientBuilder(url).build();
    aviso::WatchRequest request("mars");
    // The server requires the schema's required fields (here `class`) on a watch too.
    request.filter_json(R"({"class":"od"})").watch_from_sequence(0);  // all retained, then live
    Printer printer(count ? std::strtoul(count, nullptr, 10) : 0);
    aviso::Watch watch = client.watch(request, printer);
    watch.wait();
    return printer.failed() ? 1 : 0;
  } catch (const aviso::Error& error) {
    std::cerr << "error: " << error.what() << '\n';
    return 2;
  }
}
