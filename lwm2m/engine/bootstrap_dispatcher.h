// The Bootstrap-Server's operations on the client (Core TS 1.2 §6.1.7):
//
//   PUT    /o, /o/i, /o/i/r  Bootstrap-Write: creates missing instances, any
//                            resource may be written (Security included);
//                            resources the object does not define are skipped
//   GET    /1[/i], /2[/i]    Bootstrap-Read: the Server and Access Control
//                            objects only (others 4.05)
//   GET    / or /o, Accept 40 (or GET / alone)  Bootstrap-Discover:
//                            </>;lwm2m="1.2", </o>;ver=X.Y, </o/i>, with
//                            ssid and uri on Security instances, ssid on
//                            Server instances
//   DELETE /, /o, /o/i       Bootstrap-Delete: never the Bootstrap-Server's
//                            own Security instance nor the Device object
//                            ("/" and "/0" keep them; naming them is 4.00)
//   POST   /bs               Bootstrap-Finish: 2.04 when check_configuration
//                            accepts the result, else 4.06
//
// A failed Bootstrap-Write changes nothing: every record is decoded and
// checked before any is applied, instances it created are removed again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/engine/bootstrap_client.h"
#include "lwm2m/engine/coap_message.h"
#include "lwm2m/formats/codecs.h"
#include "lwm2m/model/registry.h"

namespace lwm2m {

class BootstrapDispatcher {
 public:
  static constexpr size_t kScratchBytes = 512;
  // Instances one Bootstrap-Write may create.
  static constexpr size_t kMaxNewInstances = 8;

  explicit BootstrapDispatcher(Registry& registry, BootstrapEvents* events = nullptr)
      : registry_(registry), events_(events) {}
  BootstrapDispatcher(const BootstrapDispatcher&) = delete;
  BootstrapDispatcher& operator=(const BootstrapDispatcher&) = delete;

  void set_events(BootstrapEvents* events) { events_ = events; }

  // Answers a request from the Bootstrap-Server; the payload lies in `payload_buffer`.
  void handle(const coap::Request& request, std::span<uint8_t> payload_buffer, coap::Response& response);

 private:
  Status dispatch(const coap::Request& request, std::span<uint8_t> buffer, coap::Response& response);
  Status write(const coap::Request& request, const Path& path);
  Status read(const coap::Request& request, const Path& path, std::span<uint8_t> buffer, coap::Response& response);
  Status discover(const Path& path, std::span<uint8_t> buffer, coap::Response& response);
  Status remove(const Path& path);
  Status finish();
  Status check_records(RecordDecoder& decoder, const Path& scope, Path (&new_instances)[kMaxNewInstances],
                       size_t& new_count);
  Status apply_records(RecordDecoder& decoder);
  bool is_bootstrap_account(uint16_t security_instance) const;

  Registry& registry_;
  BootstrapEvents* events_;
  AnyEncoder encoder_;
  AnyDecoder decoder_;
  uint8_t decode_scratch_[kScratchBytes] = {};
  uint8_t value_scratch_[kScratchBytes] = {};
};

}  // namespace lwm2m
