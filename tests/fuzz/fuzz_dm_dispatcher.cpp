// Fuzzes the Device Management dispatcher: method, Uri-Path, Uri-Query,
// Content-Format, Accept, Observe and payload all come from the input, over a
// registry of real objects that is built afresh for every input. Checks that
// the answer code is a CoAP response code, that its payload lies inside the
// buffer, and that a 2.05 record answer decodes again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lwm2m/engine/dm_dispatcher.h"
#include "objects/access_control_object.h"
#include "objects/device_object.h"
#include "objects/security_object.h"

namespace {

using namespace lwm2m;

constexpr ResourceDef kResources[] = {
    {0, "Name", Operations::kReadWrite, false, true, DataType::kString, {}, ""},
    {1, "Level", Operations::kReadWrite, false, false, DataType::kInteger, {true, 0, 100}, ""},
    {2, "Levels", Operations::kReadWrite, true, false, DataType::kInteger, {}, ""},
    {3, "Trigger", Operations::kExecute, false, false, DataType::kNone, {}, ""},
    {4, "Blob", Operations::kReadWrite, false, false, DataType::kOpaque, {}, ""},
    {5, "Ratio", Operations::kReadWrite, false, false, DataType::kFloat, {}, ""},
};
constexpr ObjectDef kObjectDef{1024, "Fuzz", {1, 0}, true, false, kResources};

class FuzzObject final : public StoredObject<4, 24, 128> {
 public:
  FuzzObject() : StoredObject(kObjectDef) {}
};

class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::string_view text(size_t max) {
    size_t n = byte() % (max + 1);
    if (n > size_ - pos_) n = size_ - pos_;
    std::string_view s(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return s;
  }
  std::span<const uint8_t> rest() { return {data_ + pos_, size_ - pos_}; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

constexpr std::string_view kSegments[] = {"0", "1", "2", "3", "4", "5", "1024", "21", "65535", "x", "", "00", "9"};
constexpr std::string_view kQueries[] = {"depth=0", "depth=1", "depth=2", "depth=3", "depth=9", "pmin=10",
                                         "pmax=5",  "gt=3.5",  "lt=1",    "st=1",    "pmin",    "con=1",
                                         "edge=1",  "epmin=2", "epmax=1", "hqmax=3", "bogus"};
constexpr uint16_t kFormats[] = {0, 40, 42, 60, 110, 112, 11542, 11543, 11544, 1542, 1543, 9999};

bool valid_response_code(uint8_t code) {
  uint8_t cls = code >> 5;
  return (cls == 2 || cls == 4 || cls == 5) && code != lwm2m::coap::code(2, 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  objects::SecurityObject security;
  objects::AccessControlObject access;
  objects::DeviceObject device;
  FuzzObject fuzz_object;
  FixedRegistry<6> registry;
  if (!registry.add(security).ok() || !registry.add(access).ok() || !registry.add(device).ok() ||
      !registry.add(fuzz_object).ok())
    std::abort();
  objects::SecurityAccount account;
  account.server_uri = "coap://127.0.0.1";
  account.short_server_id = 1;
  if (!security.add_account(0, account).ok()) std::abort();
  if (!fuzz_object.create_instance(0).ok() || !fuzz_object.set(0, 0, Value::of_string("n")).ok()) std::abort();
  if (!access.add_control(0, 1024, 0, 1).ok() || !access.set_acl(0, 0, objects::kAclRead).ok()) std::abort();
  FixedAttributeStore<4> attributes;
  DmDispatcher dispatcher(registry, attributes);

  Input in(data, size);
  // Two requests per input, so that a write can be followed by a read.
  for (int round = 0; round < 2; ++round) {
    coap::Request request;
    request.method = static_cast<coap::Method>(1 + in.byte() % 7);
    uint8_t flags = in.byte();
    RequestContext context;
    context.short_server_id = static_cast<uint16_t>(1 + (flags >> 6));
    context.access_control = (flags & 0x20) != 0;
    context.version = static_cast<Lwm2mVersion>(in.byte() % 3);
    context.preferred_format = static_cast<ContentFormat>(kFormats[in.byte() % std::size(kFormats)]);
    if (flags & 1) request.content_format = kFormats[in.byte() % std::size(kFormats)];
    if (flags & 2) request.accept = kFormats[in.byte() % std::size(kFormats)];
    if (flags & 4) request.observe = in.byte() % 3;

    std::string_view segments[coap::kMaxPathSegments];
    size_t segment_count = in.byte() % 6;
    for (size_t i = 0; i < segment_count; ++i) {
      uint8_t pick = in.byte();
      segments[i] = pick < 240 ? kSegments[pick % std::size(kSegments)] : in.text(6);
    }
    std::string_view queries[coap::kMaxQueries];
    size_t query_count = (flags & 8) ? in.byte() % 4 : 0;
    for (size_t i = 0; i < query_count; ++i) {
      uint8_t pick = in.byte();
      queries[i] = pick < 240 ? kQueries[pick % std::size(kQueries)] : in.text(10);
    }
    request.path = {segments, segment_count};
    request.query = {queries, query_count};
    std::span<const uint8_t> rest = in.rest();
    size_t payload_size = round == 0 && (flags & 0x10) ? rest.size() / 2 : rest.size();
    request.payload = rest.first(payload_size);
    for (size_t i = 0; i < payload_size; ++i) (void)in.byte();

    static uint8_t buffer[512];
    coap::Response response;
    dispatcher.handle(context, request, buffer, response);
    if (!valid_response_code(response.code)) std::abort();
    if (!response.payload.empty() && (response.payload.data() < buffer ||
                                      response.payload.data() + response.payload.size() > buffer + sizeof(buffer)))
      std::abort();
    if (!coap::is_success(response.code) && !response.payload.empty()) std::abort();

    // A record answer must decode again.
    // (SenML and LwM2M CBOR carry absolute names, so the root resolves them.)
    if (response.code == coap::kContent && response.content_format &&
        (*response.content_format == 110 || *response.content_format == 112 || *response.content_format == 11544)) {
      AnyDecoder any;
      static uint8_t scratch[512];
      Result<RecordDecoder*> decoder =
          any.open(static_cast<ContentFormat>(*response.content_format), response.payload, Path(), scratch);
      if (decoder.ok()) {
        DecodedRecord record;
        for (int guard = 0; guard < 1000; ++guard) {
          Result<bool> more = (*decoder)->next(record);
          if (!more.ok()) std::abort();
          if (!*more) break;
        }
      }
    }
  }
  return 0;
}
