// lwm2m-test-server: the project's LwM2M test server as a program. Binds the
// transports asked for, prints their URIs, then runs a script (a file, or
// standard input) against whatever client registers. See README.md.
#include <fstream>
#include <iostream>

#include "tests/server/script_runner.h"
#include "tests/server/test_server.h"

using namespace lwm2m::test_server;

namespace {

void usage() {
  std::cerr << "usage: lwm2m-test-server [--address A] [--udp PORT] [--dtls PORT] [--tcp PORT] [--tls PORT]\n"
               "         [--psk IDENTITY:HEXKEY]... [--cert FILE --key FILE [--ca FILE] [--rpk]]\n"
               "         [--refuse-1.2 CODE] [--refuse-quoted-ct] [--delay MS] [--drop N] [--script FILE]\n"
               "PORT 0 picks a free port. Without a transport option, UDP on a free port.\n";
}

std::optional<std::vector<uint8_t>> from_hex(const std::string& text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::vector<uint8_t> out;
  for (size_t i = 0; i < text.size(); i += 2) {
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    int high = nibble(text[i]), low = nibble(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<uint8_t>(high << 4 | low));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  ServerConfig config;
  config.udp = false;
  Behaviour behaviour;
  std::string script_file;
  for (int i = 1; i < argc; ++i) {
    std::string option = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (option == "--address") {
      config.address = value();
    } else if (option == "--udp") {
      config.udp = true;
      config.udp_port = static_cast<uint16_t>(std::stoi(value()));
    } else if (option == "--dtls") {
      config.dtls = true;
      config.dtls_port = static_cast<uint16_t>(std::stoi(value()));
    } else if (option == "--tcp") {
      config.tcp = true;
      config.tcp_port = static_cast<uint16_t>(std::stoi(value()));
    } else if (option == "--tls") {
      config.tls = true;
      config.tls_port = static_cast<uint16_t>(std::stoi(value()));
    } else if (option == "--psk") {
      std::string entry = value();
      size_t colon = entry.rfind(':');
      std::optional<std::vector<uint8_t>> key;
      if (colon == std::string::npos || !(key = from_hex(entry.substr(colon + 1)))) {
        std::cerr << "--psk wants IDENTITY:HEXKEY\n";
        return 2;
      }
      config.psk.push_back({entry.substr(0, colon), *key});
    } else if (option == "--cert") {
      config.certificate_file = value();
    } else if (option == "--key") {
      config.private_key_file = value();
    } else if (option == "--ca") {
      config.ca_file = value();
    } else if (option == "--rpk") {
      config.raw_public_key = true;
    } else if (option == "--refuse-1.2") {
      behaviour.refuse_lwm2m_1_2 = parse_code(value());
    } else if (option == "--refuse-quoted-ct") {
      behaviour.refuse_quoted_ct = true;
    } else if (option == "--delay") {
      behaviour.response_delay_ms = static_cast<uint32_t>(std::stoul(value()));
    } else if (option == "--drop") {
      behaviour.drop_responses = std::stoi(value());
    } else if (option == "--script") {
      script_file = value();
    } else {
      usage();
      return 2;
    }
  }
  if (!config.udp && !config.dtls && !config.tcp && !config.tls) config.udp = true;

  TestServer server;
  std::string error;
  if (!server.start(config, &error)) {
    std::cerr << "lwm2m-test-server: " << error << "\n";
    return 2;
  }
  server.set_behaviour(behaviour);
  const std::pair<bool, Transport> transports[] = {
      {config.udp, Transport::kUdp}, {config.dtls, Transport::kDtls}, {config.tcp, Transport::kTcp},
      {config.tls, Transport::kTls}};
  for (const auto& [enabled, transport] : transports) {
    if (enabled) std::cout << "listening " << server.uri(transport) << std::endl;
  }

  ScriptRunner runner(server, std::cout);
  int code = 0;
  if (script_file.empty()) {
    code = runner.run(std::cin);
  } else {
    std::ifstream script(script_file);
    if (!script) {
      std::cerr << "cannot read " << script_file << "\n";
      return 2;
    }
    code = runner.run(script);
  }
  server.stop();
  return code;
}
