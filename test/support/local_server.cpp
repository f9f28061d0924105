#include "support/local_server.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace aviso::test {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* user) {
  std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    static_cast<std::multimap<std::string, std::string>*>(user)->emplace(
        lower(line.substr(0, colon)), value);
  }
  return size * count;
}

// Reads one line from `fd` within `timeout_ms`; false on EOF or timeout.
bool read_line(int fd, std::string& line, int timeout_ms) {
  line.clear();
  while (true) {
    pollfd poll_fd{fd, POLLIN, 0};
    if (::poll(&poll_fd, 1, timeout_ms) <= 0) return false;
    char c = 0;
    const ssize_t n = ::read(fd, &c, 1);
    if (n <= 0) return false;
    if (c == '\n') return true;
    line.push_back(c);
  }
}

}  // namespace

std::string HttpReply::header(const std::string& name) const {
  const auto it = headers.find(lower(name));
  return it == headers.end() ? "" : it->second;
}

LocalServer::LocalServer(std::vector<std::string> args) : args_(std::move(args)) {
  static std::once_flag curl_ready;
  std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::vector<std::string> full = args_;
  if (std::find(full.begin(), full.end(), "--port") == full.end()) {
    full.insert(full.begin(), {"--port", "0"});
  }
  if (std::find(full.begin(), full.end(), "--test-hooks") == full.end())
    full.push_back("--test-hooks");
  start(full);
}

LocalServer::~LocalServer() {
  if (pid_ > 0) kill();
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

void LocalServer::start(const std::vector<std::string>& args) {
  const std::string binary = std::string(AVISO_TEST_BIN_DIR) + "/aviso-local-server";
  std::vector<std::string> argv_storage{binary};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("LocalServer: pipe failed");
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("LocalServer: fork failed");
  if (child == 0) {
    // Only async-signal-safe calls between fork and exec.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  stdout_fd_ = pipe_fds[0];
  pid_ = child;

  std::string line;
  if (!read_line(stdout_fd_, line, 10000) || line.rfind("http://", 0) != 0) {
    const int status = wait_for_exit();
    throw std::runtime_error("LocalServer: " + binary + " did not print its URL (exit status " +
                             std::to_string(status) + ", first line '" + line + "')");
  }
  url_ = line;
  port_ = std::stoi(url_.substr(url_.rfind(':') + 1));
}

int LocalServer::wait_for_exit() {
  if (pid_ <= 0) return -1;
  if (::kill(pid_, 0) == 0) ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int LocalServer::terminate() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void LocalServer::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void LocalServer::restart() {
  if (pid_ > 0) terminate();
  std::vector<std::string> full = args_;
  const auto port = std::find(full.begin(), full.end(), "--port");
  if (port != full.end() && port + 1 != full.end()) {
    *(port + 1) = std::to_string(port_);
  } else {
    full.insert(full.begin(), {"--port", std::to_string(port_)});
  }
  if (std::find(full.begin(), full.end(), "--test-hooks") == full.end())
    full.push_back("--test-hooks");
  start(full);
}

HttpReply LocalServer::request(const std::string& method, const std::string& path,
                               const std::string& body,
                               const std::vector<std::string>& headers) const {
  HttpReply reply;
  CURL* curl = curl_easy_init();
  if (!curl) return reply;
  const std::string target = url_ + path;
  curl_slist* header_list = nullptr;
  for (const auto& header : headers) header_list = curl_slist_append(header_list, header.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, target.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (!body.empty() || method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (curl_easy_perform(curl) == CURLE_OK)
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_slist_free_all(header_list);
  curl_easy_cleanup(curl);
  return reply;
}

HttpReply LocalServer::get(const std::string& path) const { return request("GET", path, "", {}); }

HttpReply LocalServer::post(const std::string& path, const std::string& json_body) const {
  return request("POST", path, json_body, {"Content-Type: application/json"});
}

HttpReply LocalServer::del(const std::string& path, const std::string& json_body) const {
  return request("DELETE", path, json_body,
                 json_body.empty() ? std::vector<std::string>{}
                                   : std::vector<std::string>{"Content-Type: application/json"});
}

HttpReply LocalServer::hook(const std::string& name, const std::string& json_body) const {
  return post("/_test/" + name, json_body);
}

long LocalServer::request_count(const std::string& path) const {
  const HttpReply reply = get("/_test/requests");
  if (reply.status != 200)
    throw std::runtime_error("LocalServer: /_test/requests answered " +
                             std::to_string(reply.status));
  const auto counts = nlohmann::json::parse(reply.body).at("counts");
  return counts.contains(path) ? counts.at(path).get<long>() : 0;
}

}  // namespace aviso::test
