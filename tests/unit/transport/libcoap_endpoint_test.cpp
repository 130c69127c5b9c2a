// The libcoap endpoint against libcoap's own coap-server-gnutls on loopback
// (RFC 7252 request/response, RFC 7959 block-wise, DTLS PSK, RFC 8323 TCP/TLS).
#include "transport/libcoap_endpoint.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "coap_server_process.h"
#include "test_support.h"

namespace lwm2m::transport::testing {
namespace {

constexpr std::string_view kExampleData[] = {"example_data"};
constexpr ConnectionId kServer = 1;

coap::Request get_example() {
  coap::Request request;
  request.method = coap::Method::kGet;
  request.path = kExampleData;
  return request;
}

coap::Request put_example(std::span<const uint8_t> payload) {
  coap::Request request;
  request.method = coap::Method::kPut;
  request.path = kExampleData;
  request.content_format = 0;
  request.payload = payload;
  return request;
}

ConnectionSettings settings(const std::string& uri, SecurityMode mode = SecurityMode::kNoSec) {
  ConnectionSettings s;
  s.uri = uri;
  s.mode = mode;
  s.security_instance = 0;
  return s;
}

// PUT then GET /example_data over `uri`, checking the body survives.
void put_then_get(LibcoapEndpoint& endpoint, std::string_view body) {
  RecordingResponse put;
  ASSERT_TRUE(endpoint.request(kServer, put_example(bytes_of(body)), put).ok());
  ASSERT_TRUE(run_until(endpoint, [&] { return put.done; }));
  ASSERT_EQ(put.error, Error::kOk) << error_name(put.error);
  // coap-server answers a PUT to its example resource with 2.01 Created.
  EXPECT_EQ(put.code, coap::kCreated);

  RecordingResponse get;
  ASSERT_TRUE(endpoint.request(kServer, get_example(), get).ok());
  ASSERT_TRUE(run_until(endpoint, [&] { return get.done; }));
  ASSERT_EQ(get.error, Error::kOk) << error_name(get.error);
  EXPECT_EQ(get.code, coap::kContent);
  EXPECT_EQ(get.payload_text(), body);
}

TEST(LibcoapEndpoint, UdpIpv4RequestResponseRfc7252) {
  CoapServerProcess server("127.0.0.1", {});
  ASSERT_TRUE(server.started());
  std::vector<std::string> lines;
  LibcoapEndpoint endpoint;
  endpoint.set_log([&](std::string_view line) { lines.emplace_back(line); });
  ASSERT_TRUE(endpoint.open(kServer, settings(server.uri("coap"))).ok());
  put_then_get(endpoint, "hello over udp");
  EXPECT_EQ(endpoint.pending_requests(), 0u);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "PUT /example_data (14 B) -> 2.01 (0 B)");
  EXPECT_EQ(lines[1], "GET /example_data (0 B) -> 2.05 (14 B)");
}

TEST(LibcoapEndpoint, UdpIpv6RequestResponse) {
  CoapServerProcess server("::1", {});
  ASSERT_TRUE(server.started());
  LibcoapEndpoint endpoint;
  ASSERT_TRUE(endpoint.open(kServer, settings(server.uri("coap"))).ok());
  put_then_get(endpoint, "hello over ipv6");
}

TEST(LibcoapEndpoint, HostNameResolves) {
  CoapServerProcess server("127.0.0.1", {});
  ASSERT_TRUE(server.started());
  LibcoapEndpoint endpoint;
  // "localhost" may resolve to ::1 first, where nothing listens; only check
  // that a name is accepted and resolved.
  EXPECT_TRUE(endpoint.open(kServer, settings("coap://localhost:" + std::to_string(server.port()))).ok());
  EXPECT_EQ(endpoint.open(kServer, settings("coap://no-such-host.invalid:5683")).error(), Error::kNotFound);
}

// RFC 7959 §2.5 (Block1) and §2.4 (Block2): a body larger than any PDU.
TEST(LibcoapEndpoint, BlockwiseUploadAndDownloadRfc7959) {
  CoapServerProcess server("127.0.0.1", {});
  ASSERT_TRUE(server.started());
  std::string body;
  for (int i = 0; body.size() < 5000; ++i) body += "block-" + std::to_string(i) + ";";
  LibcoapEndpoint endpoint;
  ASSERT_TRUE(endpoint.open(kServer, settings(server.uri("coap"))).ok());
  put_then_get(endpoint, body);
}

TEST(LibcoapEndpoint, DtlsPskRequestResponse) {
  CoapServerProcess server("127.0.0.1", {"-k", "secret-psk", "-h", "hint"});
  ASSERT_TRUE(server.started());
  FixedCredentials credentials("client-1", "secret-psk");
  LibcoapEndpoint endpoint(&credentials);
  ASSERT_TRUE(endpoint.open(kServer, settings(server.uri("coaps"), SecurityMode::kPsk)).ok());
  put_then_get(endpoint, "hello over dtls");
}

TEST(LibcoapEndpoint, DtlsPskWrongKeyFailsUnauthorized) {
  CoapServerProcess server("127.0.0.1", {"-k", "secret-psk", "-h", "hint"});
  ASSERT_TRUE(server.started());
  FixedCredentials credentials("client-1", "not-the-key");
  LibcoapEndpoint endpoint(&credentials);
  ASSERT_TRUE(endpoint.open(kServer, settings(server.uri("coaps"), SecurityMode::kPsk)).ok());
  RecordingResponse get;
  ASSERT_TRUE(endpoint.request(kServer, get_example(), get).ok());
  ASSERT_TRUE(run_until(endpoint, [&] { return get.done; }, 20000));
  EXPECT_EQ(get.error, Error::kUnauthorized);
  // The dead session refuses further requests instead of retrying.
  RecordingResponse again;
  EXPECT_EQ(endpoint.request(kServer, get_example(), again).error(), Error::kUnauthorized);
}

// A silent UDP socket stands in for the server: whatever the endpoint sends
// to a coaps:// URI must be a DTLS record, never a CoAP message.
TEST(LibcoapEndpoint, CoapsNeverSendsPlaintext) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  socklen_t length = sizeof(address);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);

  FixedCredentials credentials("client-1", "secret-psk");
  LibcoapEndpoint endpoint(&credentials);
  ASSERT_TRUE(endpoint
                  .open(kServer, settings("coaps://127.0.0.1:" + std::to_string(ntohs(address.sin_port)),
                                          SecurityMode::kPsk))
                  .ok());
  RecordingResponse get;
  ASSERT_TRUE(endpoint.request(kServer, get_example(), get).ok());
  uint8_t datagram[2048];
  ssize_t received = -1;
  run_until(
      [&] {
        endpoint.poll(10);
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 10) == 1) received = recv(fd, datagram, sizeof(datagram), 0);
      },
      [&] { return received >= 0; }, 5000);
  ::close(fd);
  ASSERT_GE(received, 3);
  EXPECT_EQ(datagram[0], 22);    // DTLS content type handshake (RFC 6347 §4.1)
  EXPECT_EQ(datagram[1], 0xFE);  // DTLS major version
}

TEST(LibcoapEndpoint, SchemeAndSecurityModeMustAgree) {
  FixedCredentials credentials("client-1", "secret-psk");
  LibcoapEndpoint endpoint(&credentials);
  EXPECT_EQ(endpoint.open(kServer, settings("coap://127.0.0.1:5683", SecurityMode::kPsk)).error(), Error::kBadRequest);
  EXPECT_EQ(endpoint.open(kServer, settings("coaps://127.0.0.1:5684")).error(), Error::kBadRequest);
  EXPECT_EQ(endpoint.open(kServer, settings("http://127.0.0.1:80")).error(), Error::kMalformed);
  EXPECT_EQ(endpoint.open(kServer, settings("not a uri")).error(), Error::kMalformed);
  LibcoapEndpoint without_credentials;
  EXPECT_EQ(without_credentials.open(kServer, settings("coaps://127.0.0.1:5684", SecurityMode::kPsk)).error(),
            Error::kUnauthorized);
  RecordingResponse get;
  EXPECT_EQ(endpoint.request(7, get_example(), get).error(), Error::kNotFound);
}

// RFC 7252 §4.2: a CON request that is never acknowledged fails after
// MAX_RETRANSMIT retransmissions.
TEST(LibcoapEndpoint, UnansweredConfirmableRequestTimesOut) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  socklen_t length = sizeof(address);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);

  LibcoapEndpointOptions options;
  options.ack_timeout_ms = 1000;  // libcoap 4.3.1 takes no less than 1 s
  options.max_retransmit = 1;
  LibcoapEndpoint endpoint(nullptr, options);
  ASSERT_TRUE(endpoint.open(kServer, settings("coap://127.0.0.1:" + std::to_string(ntohs(address.sin_port)))).ok());
  RecordingResponse get;
  ASSERT_TRUE(endpoint.request(kServer, get_example(), get).ok());
  // ACK_TIMEOUT 1 s, factor up to 1.5: gives up after at most 1.5 + 3 s.
  ASSERT_TRUE(run_until(endpoint, [&] { return get.done; }, 10000));
  EXPECT_EQ(get.error, Error::kTimeout);
  // The initial transmission and one retransmission reached the socket.
  int datagrams = 0;
  uint8_t buffer[512];
  while (recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT) > 0) ++datagrams;
  EXPECT_EQ(datagrams, 2);
  ::close(fd);
}

TEST(LibcoapEndpoint, CloseForgetsOutstandingRequests) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  socklen_t length = sizeof(address);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  LibcoapEndpoint endpoint;
  ASSERT_TRUE(endpoint.open(kServer, settings("coap://127.0.0.1:" + std::to_string(ntohs(address.sin_port)))).ok());
  RecordingResponse get;
  std::string body(3000, 'x');  // block-wise, so libcoap holds a payload copy
  ASSERT_TRUE(endpoint.request(kServer, put_example(bytes_of(body)), get).ok());
  endpoint.poll(10);
  EXPECT_EQ(endpoint.pending_requests(), 1u);
  endpoint.close(kServer);
  EXPECT_EQ(endpoint.pending_requests(), 0u);
  for (int i = 0; i < 5; ++i) endpoint.poll(10);
  EXPECT_FALSE(get.done);
  ::close(fd);
}

TEST(LibcoapEndpoint, TcpRequestResponseRfc8323) {
  CoapServerProcess server("127.0.0.1", {});
  ASSERT_TRUE(server.started());
  LibcoapEndpoint endpoint;
  ASSERT_TRUE(endpoint.open(kServer, settings(server.uri("coap+tcp"))).ok());
  put_then_get(endpoint, "hello over tcp");
}

TEST(LibcoapEndpoint, TlsPskRequestResponseRfc8323) {
  CoapServerProcess server("::1", {"-k", "secret-psk"});
  ASSERT_TRUE(server.started());
  FixedCredentials credentials("client-1", "secret-psk");
  LibcoapEndpoint endpoint(&credentials);
  ASSERT_TRUE(endpoint.open(kServer, settings(server.uri("coaps+tcp"), SecurityMode::kPsk)).ok());
  put_then_get(endpoint, "hello over tls");
}

TEST(LibcoapEndpoint, TcpConnectionRefusedFails) {
  uint16_t port = free_port_pair("127.0.0.1");
  ASSERT_NE(port, 0);
  LibcoapEndpoint endpoint;
  Status opened = endpoint.open(kServer, settings("coap+tcp://127.0.0.1:" + std::to_string(port)));
  if (!opened.ok()) {
    EXPECT_EQ(opened.error(), Error::kUnreachable);  // refused while connecting
    return;
  }
  RecordingResponse get;
  Status sent = endpoint.request(kServer, get_example(), get);
  if (sent.ok()) {
    ASSERT_TRUE(run_until(endpoint, [&] { return get.done; }));
    EXPECT_EQ(get.error, Error::kUnreachable);
  } else {
    EXPECT_EQ(sent.error(), Error::kUnreachable);
  }
}

TEST(LibcoapEndpoint, ExposesDescriptorForSelect) {
  LibcoapEndpoint endpoint;
  EXPECT_GE(endpoint.file_descriptor(), 0);
}

}  // namespace
}  // namespace lwm2m::transport::testing
