#include "apps/lwm2m-client/options.h"

#include <getopt.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <climits>

#include "apps/lwm2m-client/config_file.h"

namespace lwm2m::client {
namespace {

// Long-only options get codes above the character range.
enum LongOnly : int { kCert = 256, kPrivateKey, kServerCert, kVersion, kStateDir, kConfig };

const option kLongOptions[] = {
    {"endpoint", required_argument, nullptr, 'e'},
    {"server-uri", required_argument, nullptr, 'u'},
    {"bootstrap", no_argument, nullptr, 'b'},
    {"identity", required_argument, nullptr, 'i'},
    {"key", required_argument, nullptr, 'k'},
    {"cert", required_argument, nullptr, kCert},
    {"private-key", required_argument, nullptr, kPrivateKey},
    {"server-cert", required_argument, nullptr, kServerCert},
    {"lifetime", required_argument, nullptr, 'l'},
    {"queue-mode", no_argument, nullptr, 'q'},
    {"lwm2m-version", required_argument, nullptr, kVersion},
    {"state-dir", required_argument, nullptr, kStateDir},
    {"config", required_argument, nullptr, kConfig},
    {"verbose", no_argument, nullptr, 'v'},
    {"help", no_argument, nullptr, 'h'},
    {nullptr, 0, nullptr, 0},
};
const char kShortOptions[] = ":e:u:bi:k:l:qvh";

const option* find_long(const std::string& name) {
  for (const option* o = kLongOptions; o->name != nullptr; ++o) {
    if (name == o->name) return o;
  }
  return nullptr;
}

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

bool parse_bool(const std::string& text, bool& out) {
  if (text == "true" || text == "yes" || text == "1" || text == "on") return out = true, true;
  if (text == "false" || text == "no" || text == "0" || text == "off") return out = false, true;
  return false;
}

bool valid_server_uri(const std::string& uri) {
  for (const char* scheme : {"coap://", "coaps://", "coap+tcp://", "coaps+tcp://"}) {
    if (starts_with(uri, scheme)) return uri.size() > std::char_traits<char>::length(scheme);
  }
  return false;
}

// The endpoint name goes into the Register query: printable, no spaces, no '&'.
bool valid_endpoint(const std::string& name) {
  if (name.empty() || name.size() > 255) return false;
  for (char c : name) {
    if (c <= ' ' || c >= 127 || c == '&') return false;
  }
  return true;
}

// Applies one option (from the command line or the config file) to `options`.
// Returns an error message, empty when the value is good.
std::string apply(int code, const std::string& name, const std::string& value, ClientOptions& options) {
  auto bad = [&](const std::string& why) { return "--" + name + " " + (value.empty() ? "''" : value) + ": " + why; };
  switch (code) {
    case 'e':
      if (!valid_endpoint(value)) return bad("an endpoint name is 1-255 printable characters without spaces or '&'");
      options.endpoint = value;
      return {};
    case 'u':
      if (!valid_server_uri(value)) return bad("expected coap://, coaps://, coap+tcp:// or coaps+tcp:// and a host");
      options.server_uris.push_back(value);
      return {};
    case 'i':
      if (starts_with(value, "hex:")) {
        if (!parse_hex(value.substr(4), options.psk_identity) || options.psk_identity.empty())
          return bad("hex: must be followed by an even number of hex digits");
        return {};
      }
      if (value.empty()) return bad("the PSK identity is empty");
      options.psk_identity.assign(value.begin(), value.end());
      return {};
    case 'k':
      if (starts_with(value, "text:")) {
        if (value.size() == 5) return bad("the PSK key is empty");
        options.psk_key.assign(value.begin() + 5, value.end());
        return {};
      }
      if (!parse_hex(value, options.psk_key) || options.psk_key.empty())
        return bad("the PSK key is an even number of hex digits (or text:SECRET)");
      return {};
    case kCert:
      options.cert_file = value;
      return value.empty() ? bad("empty file name") : std::string{};
    case kPrivateKey:
      options.private_key_file = value;
      return value.empty() ? bad("empty file name") : std::string{};
    case kServerCert:
      options.server_cert_file = value;
      return value.empty() ? bad("empty file name") : std::string{};
    case 'l': {
      unsigned long long seconds = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
      if (ec != std::errc{} || end != value.data() + value.size() || seconds == 0 || seconds > INT32_MAX)
        return bad("the lifetime is a whole number of seconds from 1 to 2147483647");
      options.lifetime = static_cast<uint32_t>(seconds);
      return {};
    }
    case kVersion:
      if (value == "1.0") options.version = Lwm2mVersion::k1_0;
      else if (value == "1.1") options.version = Lwm2mVersion::k1_1;
      else if (value == "1.2") options.version = Lwm2mVersion::k1_2;
      else return bad("expected 1.0, 1.1 or 1.2");
      return {};
    case kStateDir:
      options.state_dir = value;
      return value.empty() ? bad("empty directory name") : std::string{};
    case kConfig:
      options.config_file = value;
      return {};
    case 'b':
    case 'q':
    case 'v': {
      // Only the config file gives these a value; on the command line they are "true".
      bool on = false;
      if (code == 'v') {
        int level = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), level);
        if (ec == std::errc{} && end == value.data() + value.size() && level >= 0) {
          options.verbosity = level;
          return {};
        }
      }
      if (!parse_bool(value, on)) return bad("expected true or false");
      if (code == 'b') options.bootstrap = on;
      else if (code == 'q') options.queue_mode = on;
      else options.verbosity = on ? 1 : 0;
      return {};
    }
    default:
      return "internal: unhandled option --" + name;
  }
}

std::string name_of(int code) {
  for (const option* o = kLongOptions; o->name != nullptr; ++o) {
    if (o->val == code) return o->name;
  }
  return std::string(1, static_cast<char>(code));
}

// Settings that only make sense together.
std::string check_combination(const ClientOptions& options) {
  if (options.psk_identity.empty() != options.psk_key.empty())
    return "--identity and --key go together (PSK needs both)";
  if (!options.private_key_file.empty() && options.cert_file.empty())
    return "--private-key needs --cert (the certificate or raw public key it belongs to)";
  if (!options.cert_file.empty() && options.private_key_file.empty())
    return "--cert needs --private-key";
  if (!options.psk_key.empty() && !options.cert_file.empty())
    return "choose PSK (--identity/--key) or a certificate (--cert/--private-key), not both";
  return {};
}

}  // namespace

bool parse_hex(const std::string& text, std::vector<uint8_t>& out) {
  std::string digits = starts_with(text, "0x") || starts_with(text, "0X") ? text.substr(2) : text;
  if (digits.size() % 2 != 0) return false;
  std::vector<uint8_t> bytes;
  bytes.reserve(digits.size() / 2);
  for (size_t i = 0; i < digits.size(); i += 2) {
    uint8_t byte = 0;
    auto [end, ec] = std::from_chars(digits.data() + i, digits.data() + i + 2, byte, 16);
    if (ec != std::errc{} || end != digits.data() + i + 2) return false;
    bytes.push_back(byte);
  }
  out = std::move(bytes);
  return true;
}

const char* version_text(Lwm2mVersion version) {
  switch (version) {
    case Lwm2mVersion::k1_0: return "1.0";
    case Lwm2mVersion::k1_1: return "1.1";
    case Lwm2mVersion::k1_2: return "1.2";
  }
  return "1.2";
}

std::string host_endpoint_name() {
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "lwm2m-client";
  return name;
}

ParsedOptions parse_options(int argc, char* const argv[], const std::string& default_endpoint) {
  ParsedOptions parsed;
  ClientOptions& options = parsed.options;
  auto fail = [&](std::string message) {
    parsed.outcome = ParsedOptions::Outcome::kError;
    parsed.error = std::move(message);
    return parsed;
  };

  // Two passes: the first finds --config and --help, the second applies the
  // flags on top of what the file set. optind = 0 makes glibc start afresh.
  opterr = 0;
  std::vector<std::pair<int, std::string>> given;
  optind = 0;
  for (;;) {
    int long_index = -1;
    int code = getopt_long(argc, argv, kShortOptions, kLongOptions, &long_index);
    if (code == -1) break;
    if (code == 'h') {
      parsed.outcome = ParsedOptions::Outcome::kHelp;
      return parsed;
    }
    if (code == '?') {
      std::string offending = optopt != 0 ? std::string("-") + static_cast<char>(optopt) : argv[optind - 1];
      return fail("unknown option " + offending + " (see --help)");
    }
    if (code == ':') {
      std::string offending = optopt != 0 ? std::string("-") + static_cast<char>(optopt) : argv[optind - 1];
      return fail("option " + offending + " needs a value (see --help)");
    }
    given.emplace_back(code, optarg != nullptr ? optarg : "");
  }
  if (optind < argc) return fail(std::string("unexpected argument '") + argv[optind] + "' (see --help)");

  for (const auto& [code, value] : given) {
    if (code == kConfig) options.config_file = value;
  }
  if (!options.config_file.empty()) {
    ConfigFile config = load_config_file(options.config_file);
    if (!config.error.empty()) return fail(config.error);
    for (const ConfigEntry& entry : config.entries) {
      const option* o = find_long(entry.key);
      std::string where = options.config_file + ":" + std::to_string(entry.line) + ": ";
      if (o == nullptr || o->val == 'h' || o->val == kConfig) return fail(where + "unknown key '" + entry.key + "'");
      std::string error = apply(o->val, entry.key, entry.value, options);
      if (!error.empty()) return fail(where + error);
    }
  }

  // Command-line servers replace the file's list rather than adding to it.
  bool uris_from_flags = false;
  for (const auto& [code, value] : given) {
    if (code == kConfig) continue;
    if (code == 'u' && !uris_from_flags) {
      options.server_uris.clear();
      uris_from_flags = true;
    }
    if (code == 'v') {
      ++options.verbosity;
      continue;
    }
    if (code == 'b' || code == 'q') {
      (code == 'b' ? options.bootstrap : options.queue_mode) = true;
      continue;
    }
    std::string error = apply(code, name_of(code), value, options);
    if (!error.empty()) return fail(error);
  }

  if (options.endpoint.empty()) options.endpoint = default_endpoint;
  if (!valid_endpoint(options.endpoint)) return fail("endpoint name '" + options.endpoint + "' is not usable; give -e NAME");
  if (options.server_uris.empty()) return fail("no server given: use -u URI (or server-uri in --config)");
  std::string combination = check_combination(options);
  if (!combination.empty()) return fail(combination);
  return parsed;
}

std::string usage_text(const std::string& program) {
  return "Usage: " + program + " [OPTIONS]\n"
         "An LwM2M 1.2 client serving this host's device data and simulated IPSO sensors.\n"
         "\n"
         "  -e, --endpoint NAME        endpoint client name (default: the host name)\n"
         "  -u, --server-uri URI       LwM2M server, coap://, coaps://, coap+tcp:// or coaps+tcp://;\n"
         "                             repeat for several servers (required)\n"
         "  -b, --bootstrap            the server URI is a bootstrap server\n"
         "  -i, --identity ID          PSK identity as text, or hex:HEXDIGITS\n"
         "  -k, --key HEX              PSK key as hex digits (0x optional), or text:SECRET\n"
         "      --cert FILE            own certificate (X.509) or raw public key, PEM or DER\n"
         "      --private-key FILE     private key for --cert\n"
         "      --server-cert FILE     server certificate or trust anchor to validate against\n"
         "  -l, --lifetime SECONDS     registration lifetime, 1..2147483647 (default 300)\n"
         "  -q, --queue-mode           queue mode: stop listening between exchanges (binding UQ)\n"
         "      --lwm2m-version V      highest LwM2M version to try: 1.0, 1.1 or 1.2 (default 1.2)\n"
         "      --state-dir DIR        keep the Security and Server objects in DIR across\n"
         "                             restarts (created with mode 0700). They are saved after\n"
         "                             each registration, after a server changes them, and at\n"
         "                             exit. At start the saved objects win over -u, -l, -i, -k\n"
         "                             if every -u URI is among the saved servers; if a -u URI\n"
         "                             is not, or a file is damaged, the flags win (and are\n"
         "                             saved over DIR)\n"
         "      --config FILE          read settings from FILE first; flags override them\n"
         "  -v, --verbose              more logging; with -v one line per CoAP exchange\n"
         "  -h, --help                 print this help and exit\n"
         "\n"
         "Config file: one `key = value` per line, keys are the long option names\n"
         "(endpoint, server-uri, bootstrap, identity, key, cert, private-key, server-cert,\n"
         "lifetime, queue-mode, lwm2m-version, state-dir, verbose). Lines starting with #\n"
         "are comments; bootstrap and queue-mode take true/false; verbose takes a level;\n"
         "server-uri may repeat. Server URIs on the command line replace the file's.\n"
         "\n"
         "Exit status: 0 after a clean shutdown (SIGINT/SIGTERM de-register first) or --help,\n"
         "2 for a bad command line.\n";
}

}  // namespace lwm2m::client
