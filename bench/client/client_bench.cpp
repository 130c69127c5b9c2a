// lwm2m-client-bench: measures the real lwm2m-client process against the
// project's TestServer on loopback (docs/performance.md, "LwM2M client
// (host)"). tools/measure-client.sh drives it; each mode prints
// `key value` lines for the script to collect.
//
//   rtt      Register (process start -> registered, 100 client starts),
//            Read /3/0 in TLV, and Write -> notification of /3/0/15: medians
//            of 100, in ms.
//   reads    Reads of /3/0 (TLV) inside a fixed window bracketed by
//            `callgrind_control --zero` and `--dump`, for a client that runs
//            under callgrind (--wrap). N=0 is the baseline.
//   observe  N observations of /3303/0/5700 with pmax=1; notifications
//            received per second of the client's CPU time over a window.
//
// Host program: heap, std::string and threads are fine here.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/server/test_server.h"

namespace {

using namespace lwm2m::test_server;
using Ms = std::chrono::duration<double, std::milli>;

constexpr uint16_t kTlv = 11542;
constexpr uint16_t kTextPlain = 0;
constexpr Milliseconds kWait{20000};

struct Settings {
  std::string mode;
  std::string client = "lwm2m-client";
  std::vector<std::string> wrap;  // e.g. valgrind --tool=callgrind ...
  int count = 100;
  int window_ms = 4000;
  int seconds = 10;
  std::string log = "/tmp/lwm2m-client-bench.log";
};

// The client child; SIGTERM then (bounded) SIGKILL when it goes away.
class Child {
 public:
  ~Child() { stop(); }
  bool start(const std::vector<std::string>& arguments, const std::string& log_path) {
    pid_ = fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      std::vector<std::string> args = arguments;
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (log >= 0) {
        dup2(log, STDERR_FILENO);
        dup2(log, STDOUT_FILENO);
      }
      execvp(argv[0], argv.data());
      _exit(127);
    }
    return true;
  }
  pid_t pid() const { return pid_; }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 600; ++i) {  // callgrind needs a while to write its output
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(Milliseconds(50));
    }
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// utime + stime of a process, in seconds (/proc/PID/stat fields 14 and 15).
double cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t close = text.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  unsigned long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stoul(field);
    if (i == 15) stime = std::stoul(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::vector<std::string> client_command(const Settings& s, const std::string& uri, const std::string& endpoint) {
  std::vector<std::string> args = s.wrap;
  args.insert(args.end(), {s.client, "-u", uri, "-e", endpoint, "-l", "600"});
  return args;
}

bool start_server(TestServer& server) {
  ServerConfig config;
  config.address = "127.0.0.1";
  std::string error;
  if (!server.start(config, &error)) {
    std::fprintf(stderr, "test server: %s\n", error.c_str());
    return false;
  }
  return true;
}

int run_rtt(const Settings& s) {
  TestServer server;
  if (!start_server(server)) return 1;
  std::vector<double> registers;
  for (int i = 0; i < s.count; ++i) {
    std::string endpoint = "bench-reg-" + std::to_string(i);
    Child child;
    auto t0 = Clock::now();
    if (!child.start(client_command(s, server.uri(Transport::kUdp), endpoint), s.log)) return 1;
    if (!server.wait_registered(endpoint, kWait)) {
      std::fprintf(stderr, "no Register from client %d\n", i);
      return 1;
    }
    registers.push_back(Ms(Clock::now() - t0).count());
  }

  const std::string endpoint = "bench-rtt";
  Child child;
  if (!child.start(client_command(s, server.uri(Transport::kUdp), endpoint), s.log)) return 1;
  if (!server.wait_registered(endpoint, kWait)) return 1;
  std::vector<double> reads;
  for (int i = 0; i < s.count; ++i) {
    auto t0 = Clock::now();
    Answer answer = server.read(endpoint, "/3/0", kTlv, kWait);
    if (answer.code_text() != "2.05") {
      std::fprintf(stderr, "read %d: %s\n", i, answer.code_text().c_str());
      return 1;
    }
    reads.push_back(Ms(answer.at - t0).count());
  }

  // A notification caused by a Write: latency from the Write leaving the
  // server to the notification arriving (/3/0/15 Timezone is writable).
  // The host client sets no Timezone; a first Write creates it.
  const std::string first_zone = "Etc/UTC";
  server.write(endpoint, "/3/0/15", kTextPlain, std::vector<uint8_t>(first_zone.begin(), first_zone.end()), true,
               kWait);
  TestServer::Observation observation = server.observe(endpoint, "/3/0/15", kTextPlain, {}, kWait);
  if (observation.id == 0 || observation.first.code_text() != "2.05") {
    std::fprintf(stderr, "observe /3/0/15: %s\n", observation.first.code_text().c_str());
    return 1;
  }
  std::vector<double> notifications;
  for (int i = 0; i < s.count; ++i) {
    std::string zone = i % 2 ? "Europe/Berlin" : "Europe/Paris";
    auto t0 = Clock::now();
    Answer written = server.write(endpoint, "/3/0/15", kTextPlain, std::vector<uint8_t>(zone.begin(), zone.end()),
                                  true, kWait);
    if (written.code_text() != "2.04" || !server.wait_notifications(observation.id, size_t(i) + 1, kWait)) {
      std::fprintf(stderr, "write/notify %d: %s\n", i, written.code_text().c_str());
      return 1;
    }
    notifications.push_back(Ms(server.notifications(observation.id)[size_t(i)].at - t0).count());
  }
  std::printf("register_ms %.3f\nread_3_0_tlv_ms %.3f\nnotify_after_write_ms %.3f\n", median(registers),
              median(reads), median(notifications));
  std::printf("register_ms_min_max %.3f %.3f\nread_ms_min_max %.3f %.3f\nnotify_ms_min_max %.3f %.3f\n",
              *std::min_element(registers.begin(), registers.end()),
              *std::max_element(registers.begin(), registers.end()), *std::min_element(reads.begin(), reads.end()),
              *std::max_element(reads.begin(), reads.end()),
              *std::min_element(notifications.begin(), notifications.end()),
              *std::max_element(notifications.begin(), notifications.end()));
  return 0;
}

bool callgrind_control(const char* option, pid_t pid) {
  std::string command = std::string("callgrind_control ") + option + " " + std::to_string(pid) + " >/dev/null";
  return std::system(command.c_str()) == 0;
}

int run_reads(const Settings& s) {
  TestServer server;
  if (!start_server(server)) return 1;
  const std::string endpoint = "bench-reads";
  Child child;
  if (!child.start(client_command(s, server.uri(Transport::kUdp), endpoint), s.log)) return 1;
  if (!server.wait_registered(endpoint, Milliseconds(60000))) return 1;
  std::this_thread::sleep_for(Milliseconds(2000));  // past start-up work
  if (!callgrind_control("--zero", child.pid())) return 1;
  auto window_end = Clock::now() + Milliseconds(s.window_ms);
  for (int i = 0; i < s.count; ++i) {
    Answer answer = server.read(endpoint, "/3/0", kTlv, kWait);
    if (answer.code_text() != "2.05") {
      std::fprintf(stderr, "read %d: %s\n", i, answer.code_text().c_str());
      return 1;
    }
  }
  if (Clock::now() > window_end) {
    std::fprintf(stderr, "the reads took longer than the window; raise --window-ms\n");
    return 1;
  }
  std::this_thread::sleep_until(window_end);
  if (!callgrind_control("--dump=window", child.pid())) return 1;
  std::printf("reads %d\nwindow_ms %d\n", s.count, s.window_ms);
  return 0;
}

int run_observe(const Settings& s) {
  TestServer server;
  if (!start_server(server)) return 1;
  const std::string endpoint = "bench-observe";
  Child child;
  if (!child.start(client_command(s, server.uri(Transport::kUdp), endpoint), s.log)) return 1;
  if (!server.wait_registered(endpoint, kWait)) return 1;
  std::vector<uint64_t> ids;
  for (int i = 0; i < s.count; ++i) {
    TestServer::Observation observation = server.observe(endpoint, "/3303/0/5700", kTextPlain, {"pmax=1"}, kWait);
    if (observation.id == 0 || observation.first.code_text() != "2.05") {
      std::fprintf(stderr, "observation %d refused: %s\n", i, observation.first.code_text().c_str());
      return 1;
    }
    ids.push_back(observation.id);
  }
  auto count_all = [&] {
    size_t total = 0;
    for (uint64_t id : ids) total += server.notifications(id).size();
    return total;
  };
  std::this_thread::sleep_for(Milliseconds(2000));  // settle into the steady state
  size_t before = count_all();
  double cpu_before = cpu_seconds(child.pid());
  auto t0 = Clock::now();
  std::this_thread::sleep_for(Milliseconds(s.seconds * 1000));
  size_t after = count_all();
  double cpu_after = cpu_seconds(child.pid());
  double wall = Ms(Clock::now() - t0).count() / 1000;
  double cpu = cpu_after - cpu_before;
  std::printf("observations %d\nnotifications %zu\nwall_s %.2f\nclient_cpu_s %.2f\n", s.count, after - before, wall,
              cpu);
  std::printf("notifications_per_wall_s %.0f\nnotifications_per_cpu_s %.0f\n",
              static_cast<double>(after - before) / wall,
              cpu > 0 ? static_cast<double>(after - before) / cpu : 0.0);
  return 0;
}

void usage() {
  std::fputs(
      "usage: lwm2m-client-bench rtt|reads|observe --client PATH [--wrap 'CMD ARGS'] [--count N]\n"
      "                          [--window-ms MS] [--seconds S] [--log FILE]\n",
      stderr);
}

}  // namespace

int main(int argc, char* argv[]) {
  if (argc < 2) {
    usage();
    return 2;
  }
  Settings s;
  s.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--client") s.client = value;
    else if (flag == "--wrap") {
      std::istringstream words(value);
      for (std::string w; words >> w;) s.wrap.push_back(w);
    } else if (flag == "--count") s.count = std::atoi(value.c_str());
    else if (flag == "--window-ms") s.window_ms = std::atoi(value.c_str());
    else if (flag == "--seconds") s.seconds = std::atoi(value.c_str());
    else if (flag == "--log") s.log = value;
    else {
      usage();
      return 2;
    }
  }
  std::signal(SIGPIPE, SIG_IGN);
  if (s.mode == "rtt") return run_rtt(s);
  if (s.mode == "reads") return run_reads(s);
  if (s.mode == "observe") return run_observe(s);
  usage();
  return 2;
}
