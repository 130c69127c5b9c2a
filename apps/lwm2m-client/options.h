// The lwm2m-client command line: flags in the style of other LwM2M client
// demos, optionally preceded by a --config file that uses the same long
// names (the command line wins over the file).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lwm2m::client {

enum class Lwm2mVersion : uint8_t { k1_0, k1_1, k1_2 };

struct ClientOptions {
  std::string endpoint;                 // default: the host name
  std::vector<std::string> server_uris; // one per server, in the order given
  bool bootstrap = false;               // the (first) URI is a bootstrap server
  std::vector<uint8_t> psk_identity;    // -i: text, or hex after "hex:"
  std::vector<uint8_t> psk_key;         // -k: hex, or text after "text:"
  std::string cert_file;
  std::string private_key_file;
  std::string server_cert_file;
  uint32_t lifetime = 300;              // seconds
  bool queue_mode = false;
  Lwm2mVersion version = Lwm2mVersion::k1_2;  // the highest to try
  std::string state_dir;                // empty: nothing persisted
  std::string config_file;
  int verbosity = 0;                    // one per -v
};

struct ParsedOptions {
  enum class Outcome : uint8_t { kRun, kHelp, kError };
  Outcome outcome = Outcome::kRun;
  ClientOptions options;
  std::string error;  // for kError: one line naming the flag and the problem
  // What the program exits with when it does not run: 0 after --help, 2 on errors.
  int exit_code() const { return outcome == Outcome::kError ? 2 : 0; }
};

// Parses argv (argv[0] is the program). `default_endpoint` is used when no
// -e is given (callers pass host_endpoint_name()). Does not print.
ParsedOptions parse_options(int argc, char* const argv[], const std::string& default_endpoint);

// The --help text, documenting every flag and the config file format.
std::string usage_text(const std::string& program);

// The host name, or "lwm2m-client" when it cannot be read.
std::string host_endpoint_name();

const char* version_text(Lwm2mVersion version);  // "1.0", "1.1", "1.2"

// Hex digits (an optional 0x prefix, even count) to bytes; false on bad input.
bool parse_hex(const std::string& text, std::vector<uint8_t>& out);

}  // namespace lwm2m::client
