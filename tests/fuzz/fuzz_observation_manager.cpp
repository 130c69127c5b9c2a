// Fuzzes the Information Reporting interface: a stream of Observe and
// Observe-Composite requests (paths, queries, formats and FETCH payloads from
// the input), cancellations, RSTs, value changes, clock steps, queue-mode
// sleep and wake, and Sends. Checks the answers and every notification the
// endpoint sees: valid codes, the Observe option exactly on 2.05 and within
// 24 bits, the table and queue within their bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lwm2m/engine/dm_dispatcher.h"
#include "lwm2m/engine/observation_manager.h"
#include "lwm2m/engine/send_client.h"
#include "objects/server_object.h"

namespace {

using namespace lwm2m;

constexpr ResourceDef kResources[] = {
    {0, "Name", Operations::kReadWrite, false, true, DataType::kString, {}, ""},
    {1, "Level", Operations::kReadWrite, false, false, DataType::kInteger, {}, ""},
    {2, "Levels", Operations::kReadWrite, true, false, DataType::kInteger, {}, ""},
    {5, "Ratio", Operations::kReadWrite, false, false, DataType::kFloat, {}, ""},
    {6, "Switch", Operations::kReadWrite, false, false, DataType::kBoolean, {}, ""},
};
constexpr ObjectDef kObjectDef{1024, "Fuzz", {1, 0}, true, false, kResources};

class FuzzObject final : public StoredObject<4, 24, 128> {
 public:
  FuzzObject() : StoredObject(kObjectDef) {}
};

class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool done() const { return pos_ >= size_; }
  uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::span<const uint8_t> bytes(size_t max) {
    size_t n = byte() % (max + 1);
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

void check(bool condition) {
  if (!condition) std::abort();
}

bool valid_code(uint8_t code) { return (code >> 5) == 2 || (code >> 5) == 4 || (code >> 5) == 5; }

class CheckingEndpoint final : public Endpoint {
 public:
  Status open(ConnectionId, const ConnectionSettings&) override { return kOk; }
  void close(ConnectionId) override {}
  Status request(ConnectionId, const coap::Request& request, ResponseHandler& handler) override {
    check(request.method == coap::Method::kPost && request.content_format.has_value());
    pending = &handler;
    return refuse ? Status(Error::kUnreachable) : kOk;
  }
  Status notify(ConnectionId, const coap::Token&, const coap::Response& n, bool) override {
    if (refuse) return Error::kUnreachable;
    check(valid_code(n.code));
    check(coap::is_success(n.code) == n.observe.has_value());
    if (n.observe) {
      check(*n.observe <= kObserveSequenceMask);
      check(n.content_format.has_value());
      ++notified;
    }
    return kOk;
  }
  bool refuse = false;
  ResponseHandler* pending = nullptr;
  size_t notified = 0;
};

class FuzzClock final : public Clock {
 public:
  uint64_t now_ms() const override { return now; }
  uint64_t now = 0;
};

class OneServer final : public ServerConnections {
 public:
  std::optional<ConnectionId> connection_of(uint16_t ssid) const override {
    if (ssid == 1) return ConnectionId{3};
    return std::nullopt;
  }
};

constexpr std::string_view kSegments[] = {"1024", "0", "1", "2", "5", "6", "3", "9", "x", ""};
constexpr std::string_view kQueries[] = {"pmin=1", "pmax=2", "gt=3.5", "lt=1", "st=1", "pmin", "con=1",
                                         "edge=1", "epmin=2", "epmax=1", "hqmax=2", "bogus", "pmin=x"};
constexpr uint16_t kFormats[] = {0, 42, 60, 110, 112, 11542, 11543, 11544, 9999};
constexpr ContentFormat kSendFormats[] = {ContentFormat::kSenmlCbor, ContentFormat::kSenmlJson,
                                          ContentFormat::kLwm2mCbor, ContentFormat::kTlv};

}  // namespace

namespace {

struct World {
  World() {
    objects::ServerAccount account;
    check(server.add_server(0, account).ok());
    check(object.create_instance(0).ok() && object.set(0, 1, Value::of_integer(1)).ok());
    check(object.create_instance(1).ok() && object.set(1, 6, Value::of_boolean(false)).ok());
    check(registry.add(server).ok() && registry.add(object).ok());
  }
  FixedRegistry<4> registry;
  objects::ServerObject server;
  FuzzObject object;
  FixedAttributeStore<8> attributes;
  CheckingEndpoint endpoint;
  FuzzClock clock;
  OneServer connections;
  FixedNotificationQueue<3, 96> queue;
  FixedQueueMode<1> queue_mode;
  FixedObservationManager<4, 256> manager{
      ObservationPorts{registry, attributes, dispatcher, queue, queue_mode, endpoint, clock, connections}};
  DmDispatcher dispatcher{registry, attributes, &manager};
  uint8_t send_buffer[128] = {};
  SendClient sender{registry, endpoint, send_buffer};
};

Path fuzz_path(Input& in) {
  Path p;
  uint8_t depth = in.byte() % 5;
  if (depth >= 1) p = Path(1024);
  if (depth >= 2) p = Path(1024, in.byte() % 3);
  if (depth >= 3) p = Path(1024, p.instance(), static_cast<uint16_t>(in.byte() % 8));
  if (depth >= 4) p = Path(1024, p.instance(), p.resource(), static_cast<uint16_t>(in.byte() % 3));
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  World w;
  RequestContext context{1, Lwm2mVersion::k1_2, ContentFormat::kSenmlCbor, false};
  uint8_t buffer[256];
  for (int step = 0; step < 64 && !in.done(); ++step) {
    uint8_t op = in.byte();
    switch (op % 8) {
      case 0:
      case 1: {  // Observe (GET) or Observe-Composite (FETCH), register or cancel
        std::string_view path[4];
        size_t segments = op % 2 == 0 ? in.byte() % 5 : 0;
        for (size_t i = 0; i < segments; ++i) path[i] = kSegments[in.byte() % std::size(kSegments)];
        std::string_view query[3];
        size_t queries = in.byte() % 4;
        for (size_t i = 0; i < queries; ++i) query[i] = kQueries[in.byte() % std::size(kQueries)];
        coap::Request request;
        request.method = op % 2 == 0 ? coap::Method::kGet : coap::Method::kFetch;
        request.path = std::span<const std::string_view>(path, segments);
        request.query = std::span<const std::string_view>(query, queries);
        uint8_t flags = in.byte();
        if (flags & 1) request.accept = kFormats[in.byte() % std::size(kFormats)];
        if (flags & 2) request.content_format = kFormats[in.byte() % std::size(kFormats)];
        request.observe = (flags & 4) ? 1u : 0u;
        request.token.size = static_cast<uint8_t>(in.byte() % 3);
        for (uint8_t i = 0; i < request.token.size; ++i) request.token.bytes[i] = in.byte() % 4;
        if (request.method == coap::Method::kFetch) request.payload = in.bytes(64);
        coap::Response response;
        w.dispatcher.handle(context, request, buffer, response);
        check(valid_code(response.code));
        if (!response.payload.empty())
          check(response.payload.data() >= buffer && response.payload.data() + response.payload.size() <= buffer + sizeof buffer);
        if (response.observe) check(coap::is_success(response.code) && *request.observe == 0);
        break;
      }
      case 2: {  // the application changes a value
        uint16_t instance = in.byte() % 2;
        uint8_t which = in.byte();
        Status s = (which % 3 == 0)   ? w.object.set(instance, 1, Value::of_integer(static_cast<int8_t>(in.byte())))
                   : (which % 3 == 1) ? w.object.set(instance, 6, Value::of_boolean(in.byte() & 1))
                                      : w.object.set(instance, 5, Value::of_float(in.byte() / 7.0));
        (void)s;
        w.manager.value_changed(fuzz_path(in));
        break;
      }
      case 3:  // time passes
        w.clock.now += uint64_t{in.byte()} * 500;
        w.manager.poll(w.clock.now);
        check(w.manager.next_wakeup() == kNever || w.manager.next_wakeup() > w.clock.now ||
              w.manager.next_wakeup() == 0);
        break;
      case 4: {  // RST to a notification
        coap::Token token;
        token.size = static_cast<uint8_t>(in.byte() % 3);
        for (uint8_t i = 0; i < token.size; ++i) token.bytes[i] = in.byte() % 4;
        w.manager.on_reset(3, token);
        break;
      }
      case 5:  // queue mode on, off, back online
        if (in.byte() & 1) {
          (void)w.queue_mode.enable(3, w.clock.now, in.byte() * 100u);
        } else {
          w.queue_mode.exchanged(3, w.clock.now);
          w.manager.server_online(3);
        }
        break;
      case 6: {  // an instance appears or goes
        uint16_t instance = in.byte() % 3;
        if (w.object.has_instance(instance)) (void)w.object.delete_instance(instance);
        else (void)w.object.create_instance(instance);
        w.manager.value_changed(Path(1024, instance));
        break;
      }
      case 7: {  // Send, answered or failed
        Path paths[3];
        size_t count = in.byte() % 4;
        for (size_t i = 0; i < count; ++i) paths[i] = fuzz_path(in);
        w.endpoint.refuse = in.byte() & 1;
        Status sent = w.sender.send(3, 1, std::span<const Path>(paths, count),
                                    kSendFormats[in.byte() % std::size(kSendFormats)]);
        if (sent.ok() && w.endpoint.pending != nullptr) {
          coap::Response answer;
          answer.code = in.byte();
          if (answer.code & 1) w.endpoint.pending->on_response(answer);
          else w.endpoint.pending->on_failure(Error::kTimeout);
          check(!w.sender.busy());
        }
        w.endpoint.refuse = false;
        break;
      }
    }
    check(w.manager.table().size() <= 4);
    check(w.queue.size() <= 3);
  }
  return 0;
}
