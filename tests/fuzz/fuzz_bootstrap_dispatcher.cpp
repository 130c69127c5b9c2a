// Fuzzes the Bootstrap-Server's side of the client: a sequence of requests
// (method, Uri-Path, Content-Format, Accept, payload from the input) against
// Security, Server, Access Control and Device objects built afresh for every
// input. Checks that each answer code is a CoAP response code, that payloads
// lie inside the buffer, that the Bootstrap-Server account survives every
// Bootstrap-Delete, and that Bootstrap-Finish answers 2.04 exactly when
// check_configuration() accepts the result.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lwm2m/engine/bootstrap_dispatcher.h"
#include "lwm2m/engine/server_accounts.h"
#include "objects/access_control_object.h"
#include "objects/device_object.h"
#include "objects/security_object.h"
#include "objects/server_object.h"

namespace {

using namespace lwm2m;

class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool empty() const { return pos_ >= size_; }
  uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::span<const uint8_t> bytes(size_t max) {
    size_t n = (size_t{byte()} << 8 | byte()) % (max + 1);
    if (n > size_ - pos_) n = size_ - pos_;
    std::span<const uint8_t> s(data_ + pos_, n);
    pos_ += n;
    return s;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

constexpr std::string_view kSegments[] = {"0", "1", "2", "3", "4", "5", "7", "10", "bs", "x", "", "65535"};
constexpr uint16_t kFormats[] = {0, 40, 42, 60, 110, 112, 11542, 11543, 11544, 1542, 1543};
constexpr coap::Method kMethods[] = {coap::Method::kGet, coap::Method::kPut, coap::Method::kPost,
                                     coap::Method::kDelete, coap::Method::kFetch};

bool valid_response_code(uint8_t code) { return (code >> 5) == 2 || (code >> 5) == 4 || (code >> 5) == 5; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  objects::SecurityObject security;
  objects::ServerObject server;
  objects::AccessControlObject access;
  objects::DeviceObject device;
  FixedRegistry<4> registry;
  if (!registry.add(security).ok() || !registry.add(server).ok() || !registry.add(access).ok() ||
      !registry.add(device).ok())
    abort();
  objects::SecurityAccount bs;
  bs.server_uri = "coap://127.0.0.1:5783";
  bs.bootstrap_server = true;
  if (!security.add_account(0, bs).ok()) abort();

  BootstrapDispatcher dispatcher(registry);
  static uint8_t buffer[1024];
  Input in(data, size);
  for (int step = 0; step < 8 && !in.empty(); ++step) {
    std::string_view path[4];
    size_t depth = in.byte() % 5;
    for (size_t i = 0; i < depth; ++i) path[i] = kSegments[in.byte() % std::size(kSegments)];
    coap::Request request;
    request.method = kMethods[in.byte() % std::size(kMethods)];
    request.path = std::span<const std::string_view>(path, depth);
    uint8_t flags = in.byte();
    if (flags & 1) request.content_format = kFormats[in.byte() % std::size(kFormats)];
    if (flags & 2) request.accept = kFormats[in.byte() % std::size(kFormats)];
    request.payload = in.bytes(512);

    bool finishing = request.method == coap::Method::kPost && depth == 1 && path[0] == "bs";
    bool consistent = check_configuration(registry).ok();
    // A Bootstrap-Write may turn the account into an ordinary one; only a
    // Bootstrap-Server account is protected.
    Value flag;
    bool protected_account = security.has_instance(0) && security.read(Path(0, 0, 1), flag).ok() &&
                             flag.type == DataType::kBoolean && flag.boolean;
    coap::Response response;
    dispatcher.handle(request, buffer, response);
    if (!valid_response_code(response.code)) abort();
    if (!response.payload.empty() &&
        (response.payload.data() < buffer || response.payload.data() + response.payload.size() > buffer + sizeof(buffer)))
      abort();
    if (finishing && (response.code == coap::kChanged) != consistent) abort();
    if (protected_account && !security.has_instance(0)) abort();
    if (device.instance_count() != 1) abort();
  }
  return 0;
}
