// Command line and --config parsing of lwm2m-client.
#include "apps/lwm2m-client/options.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

using lwm2m::client::ClientOptions;
using lwm2m::client::Lwm2mVersion;
using lwm2m::client::ParsedOptions;
using Outcome = ParsedOptions::Outcome;

namespace {

ParsedOptions parse(std::initializer_list<const char*> args) {
  std::vector<std::string> storage{"lwm2m-client"};
  for (const char* a : args) storage.emplace_back(a);
  std::vector<char*> argv;
  for (std::string& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  return lwm2m::client::parse_options(static_cast<int>(storage.size()), argv.data(), "host-default");
}

std::vector<uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

std::string write_temp(const std::string& content) {
  char name[] = "/tmp/client_host_config_XXXXXX";
  int fd = mkstemp(name);
  EXPECT_GE(fd, 0);
  close(fd);
  std::ofstream(name) << content;
  return name;
}

}  // namespace

TEST(Options, DefaultsNeedOnlyAServer) {
  ParsedOptions p = parse({"-u", "coap://127.0.0.1:5683"});
  ASSERT_EQ(p.outcome, Outcome::kRun) << p.error;
  const ClientOptions& o = p.options;
  EXPECT_EQ(o.endpoint, "host-default");
  EXPECT_EQ(o.server_uris, std::vector<std::string>{"coap://127.0.0.1:5683"});
  EXPECT_EQ(o.lifetime, 300u);
  EXPECT_EQ(o.version, Lwm2mVersion::k1_2);
  EXPECT_FALSE(o.bootstrap);
  EXPECT_FALSE(o.queue_mode);
  EXPECT_EQ(o.verbosity, 0);
  EXPECT_TRUE(o.state_dir.empty());
}

TEST(Options, EveryShortFlag) {
  ParsedOptions p = parse({"-e", "dev1", "-u", "coaps://a:5684", "-u", "coaps+tcp://b", "-b", "-i", "client1", "-k",
                           "0a0B", "-l", "60", "-q", "-v", "-v"});
  ASSERT_EQ(p.outcome, Outcome::kRun) << p.error;
  const ClientOptions& o = p.options;
  EXPECT_EQ(o.endpoint, "dev1");
  EXPECT_EQ(o.server_uris, (std::vector<std::string>{"coaps://a:5684", "coaps+tcp://b"}));
  EXPECT_TRUE(o.bootstrap);
  EXPECT_EQ(o.psk_identity, bytes("client1"));
  EXPECT_EQ(o.psk_key, (std::vector<uint8_t>{0x0a, 0x0b}));
  EXPECT_EQ(o.lifetime, 60u);
  EXPECT_TRUE(o.queue_mode);
  EXPECT_EQ(o.verbosity, 2);
}

TEST(Options, EveryLongFlag) {
  ParsedOptions p = parse({"--endpoint=dev2", "--server-uri", "coap+tcp://h", "--bootstrap", "--cert", "c.pem",
                           "--private-key", "k.pem", "--server-cert", "s.pem", "--lifetime=86400", "--queue-mode",
                           "--lwm2m-version", "1.1", "--state-dir", "/tmp/st", "--verbose"});
  ASSERT_EQ(p.outcome, Outcome::kRun) << p.error;
  const ClientOptions& o = p.options;
  EXPECT_EQ(o.endpoint, "dev2");
  EXPECT_EQ(o.server_uris, std::vector<std::string>{"coap+tcp://h"});
  EXPECT_TRUE(o.bootstrap);
  EXPECT_EQ(o.cert_file, "c.pem");
  EXPECT_EQ(o.private_key_file, "k.pem");
  EXPECT_EQ(o.server_cert_file, "s.pem");
  EXPECT_EQ(o.lifetime, 86400u);
  EXPECT_TRUE(o.queue_mode);
  EXPECT_EQ(o.version, Lwm2mVersion::k1_1);
  EXPECT_EQ(o.state_dir, "/tmp/st");
  EXPECT_EQ(o.verbosity, 1);
}

TEST(Options, PskForms) {  // INTEROP-NOTES: identity as text, key as hex; both other forms too
  ParsedOptions p = parse({"-u", "coaps://h", "--identity", "hex:6964", "--key", "text:secret"});
  ASSERT_EQ(p.outcome, Outcome::kRun) << p.error;
  EXPECT_EQ(p.options.psk_identity, bytes("id"));
  EXPECT_EQ(p.options.psk_key, bytes("secret"));
  p = parse({"-u", "coaps://h", "-i", "x", "-k", "0xDEADbeef"});
  ASSERT_EQ(p.outcome, Outcome::kRun) << p.error;
  EXPECT_EQ(p.options.psk_key, (std::vector<uint8_t>{0xde, 0xad, 0xbe, 0xef}));
}

TEST(Options, VersionsAccepted) {
  EXPECT_EQ(parse({"-u", "coap://h", "--lwm2m-version", "1.0"}).options.version, Lwm2mVersion::k1_0);
  EXPECT_EQ(parse({"-u", "coap://h", "--lwm2m-version", "1.2"}).options.version, Lwm2mVersion::k1_2);
  EXPECT_STREQ(lwm2m::client::version_text(Lwm2mVersion::k1_1), "1.1");
}

TEST(Options, HelpExitsZero) {
  for (const char* flag : {"-h", "--help"}) {
    ParsedOptions p = parse({flag});
    EXPECT_EQ(p.outcome, Outcome::kHelp);
    EXPECT_EQ(p.exit_code(), 0);
  }
  // Help wins even over an otherwise bad command line.
  EXPECT_EQ(parse({"-l", "abc", "--help"}).outcome, Outcome::kHelp);
}

TEST(Options, HelpDocumentsEveryFlag) {
  std::string help = lwm2m::client::usage_text("lwm2m-client");
  for (const char* flag : {"-e, --endpoint", "-u, --server-uri", "-b, --bootstrap", "-i, --identity", "-k, --key",
                           "--cert", "--private-key", "--server-cert", "-l, --lifetime", "-q, --queue-mode",
                           "--lwm2m-version", "--state-dir", "--config", "-v, --verbose", "-h, --help", "key = value"}) {
    EXPECT_NE(help.find(flag), std::string::npos) << flag;
  }
}

struct BadCase {
  std::vector<const char*> args;
  const char* message_part;
};

TEST(Options, ErrorsExitTwoWithAClearMessage) {
  const BadCase cases[] = {
      {{"-u", "coap://h", "-l", "0"}, "--lifetime 0"},
      {{"-u", "coap://h", "-l", "12x"}, "whole number"},
      {{"-u", "coap://h", "-l", "99999999999"}, "2147483647"},
      {{"-u", "coap://h", "-l", "-5"}, "--lifetime -5"},
      {{"-u", "http://h"}, "coap://"},
      {{"-u", "coap://"}, "--server-uri"},
      {{"-u", "coap://h", "--lwm2m-version", "1.3"}, "1.0, 1.1 or 1.2"},
      {{"-u", "coap://h", "-k", "abc", "-i", "x"}, "hex digits"},
      {{"-u", "coap://h", "-k", "zz", "-i", "x"}, "hex digits"},
      {{"-u", "coap://h", "-i", "hex:1", "-k", "00"}, "hex:"},
      {{"-u", "coap://h", "-i", "x"}, "--identity and --key"},
      {{"-u", "coap://h", "-k", "00"}, "--identity and --key"},
      {{"-u", "coap://h", "--private-key", "k"}, "--private-key needs --cert"},
      {{"-u", "coap://h", "--cert", "c"}, "--cert needs --private-key"},
      {{"-u", "coap://h", "--cert", "c", "--private-key", "k", "-i", "x", "-k", "00"}, "not both"},
      {{"-u", "coap://h", "-e", "a b"}, "endpoint"},
      {{"-u", "coap://h", "-e", "a&b"}, "endpoint"},
      {{"-u", "coap://h", "--nope"}, "unknown option --nope"},
      {{"-u", "coap://h", "-x"}, "unknown option -x"},
      {{"-u"}, "needs a value"},
      {{"-u", "coap://h", "--lifetime"}, "needs a value"},
      {{"-u", "coap://h", "extra"}, "unexpected argument 'extra'"},
      {{}, "no server"},
      {{"-u", "coap://h", "--config", "/nonexistent/dir/file.conf"}, "cannot read config file"},
  };
  for (const BadCase& c : cases) {
    std::vector<std::string> storage{"lwm2m-client"};
    for (const char* a : c.args) storage.emplace_back(a);
    std::vector<char*> argv;
    for (std::string& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);
    ParsedOptions p = lwm2m::client::parse_options(static_cast<int>(storage.size()), argv.data(), "h");
    std::string joined;
    for (const char* a : c.args) joined += std::string(a) + " ";
    EXPECT_EQ(p.outcome, Outcome::kError) << joined;
    EXPECT_EQ(p.exit_code(), 2) << joined;
    EXPECT_NE(p.error.find(c.message_part), std::string::npos) << joined << "-> " << p.error;
  }
}

TEST(Options, ConfigFileSetsEverythingAndFlagsOverride) {
  std::string path = write_temp(
      "# comment\n"
      "\n"
      "endpoint = from-file\n"
      "server-uri = coaps://file-1\n"
      "server-uri = coaps://file-2\n"
      "bootstrap = true\n"
      "identity = file-id\n"
      "key = 00ff\n"
      "lifetime = 120\n"
      "queue-mode = yes\n"
      "lwm2m-version = 1.0\n"
      "state-dir = /var/lib/x\n"
      "verbose = 2\n");
  ParsedOptions p = parse({"--config", path.c_str()});
  ASSERT_EQ(p.outcome, Outcome::kRun) << p.error;
  EXPECT_EQ(p.options.endpoint, "from-file");
  EXPECT_EQ(p.options.server_uris, (std::vector<std::string>{"coaps://file-1", "coaps://file-2"}));
  EXPECT_TRUE(p.options.bootstrap);
  EXPECT_EQ(p.options.psk_identity, bytes("file-id"));
  EXPECT_EQ(p.options.psk_key, (std::vector<uint8_t>{0x00, 0xff}));
  EXPECT_EQ(p.options.lifetime, 120u);
  EXPECT_TRUE(p.options.queue_mode);
  EXPECT_EQ(p.options.version, Lwm2mVersion::k1_0);
  EXPECT_EQ(p.options.state_dir, "/var/lib/x");
  EXPECT_EQ(p.options.verbosity, 2);
  EXPECT_EQ(p.options.config_file, path);

  // Flags win, wherever they stand relative to --config; -u replaces the file's list.
  p = parse({"-e", "flag-ep", "-l", "30", "--config", path.c_str(), "-u", "coap://flag", "--lwm2m-version", "1.2"});
  ASSERT_EQ(p.outcome, Outcome::kRun) << p.error;
  EXPECT_EQ(p.options.endpoint, "flag-ep");
  EXPECT_EQ(p.options.lifetime, 30u);
  EXPECT_EQ(p.options.server_uris, std::vector<std::string>{"coap://flag"});
  EXPECT_EQ(p.options.version, Lwm2mVersion::k1_2);
  EXPECT_EQ(p.options.state_dir, "/var/lib/x");  // not overridden: from the file
  std::remove(path.c_str());
}

TEST(Options, ConfigFileErrorsNameFileAndLine) {
  struct Case {
    const char* content;
    const char* message_part;
  };
  const Case cases[] = {
      {"server-uri = coap://h\nno equals sign\n", ":2: expected `key = value`"},
      {"server-uri = coap://h\nwhatever = 1\n", ":2: unknown key 'whatever'"},
      {"server-uri = coap://h\nhelp = true\n", ":2: unknown key 'help'"},
      {"lifetime = soon\nserver-uri = coap://h\n", ":1: --lifetime soon"},
      {"server-uri = coap://h\nqueue-mode = maybe\n", ":2: --queue-mode maybe: expected true or false"},
      {"= value\n", ":1: missing key"},
  };
  for (const Case& c : cases) {
    std::string path = write_temp(c.content);
    ParsedOptions p = parse({"--config", path.c_str()});
    EXPECT_EQ(p.outcome, Outcome::kError) << c.content;
    EXPECT_NE(p.error.find(path + c.message_part), std::string::npos) << c.content << " -> " << p.error;
    std::remove(path.c_str());
  }
}

TEST(Options, HexParser) {
  std::vector<uint8_t> out;
  EXPECT_TRUE(lwm2m::client::parse_hex("", out));
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(lwm2m::client::parse_hex("A0b1", out));
  EXPECT_EQ(out, (std::vector<uint8_t>{0xa0, 0xb1}));
  EXPECT_FALSE(lwm2m::client::parse_hex("a0b", out));
  EXPECT_FALSE(lwm2m::client::parse_hex("g0", out));
  EXPECT_FALSE(lwm2m::client::parse_hex("+1", out));
  EXPECT_EQ(out, (std::vector<uint8_t>{0xa0, 0xb1}));  // failures leave it alone
}

TEST(Options, HostEndpointName) { EXPECT_FALSE(lwm2m::client::host_endpoint_name().empty()); }
