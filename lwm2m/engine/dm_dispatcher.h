// The Device Management and Service Enablement interface (Core TS 1.2 §6.3):
// turns a CoAP request from an LwM2M Server into a data-model operation and
// its CoAP answer.
//
//   GET                     Read; Accept 40 (link format): Discover; Observe: the ObservationHook
//   PUT   with payload      Write (replace)
//   PUT   query, no payload Write-Attributes
//   POST  /o                Create (2.01, Location-Path /o/i)
//   POST  /o/i, /o/i/r/ri   Write (partial update)
//   POST  /o/i/r            Execute (executable resource, or no Content-Format),
//                           else Write (partial update)
//   DELETE /o/i             Delete (2.02)
//   FETCH                   Read-Composite (Observe: the ObservationHook)
//   iPATCH                  Write-Composite
//
// The Security (0) and OSCORE (21) objects are never exposed to an LwM2M
// Server: the objects' definitions say they "MUST NOT be accessible by any
// other LwM2M Server" than the Bootstrap-Server, and the Register object list
// leaves them out (Core TS §6.2.1), so the client answers as if they were
// absent: 4.04 Not Found. Bootstrap operations are a separate interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lwm2m/core/content_format.h"
#include "lwm2m/core/path.h"
#include "lwm2m/core/version.h"
#include "lwm2m/engine/access_control.h"
#include "lwm2m/engine/attribute_store.h"
#include "lwm2m/engine/coap_message.h"
#include "lwm2m/formats/codecs.h"
#include "lwm2m/model/operations.h"
#include "lwm2m/model/registry.h"

namespace lwm2m {

// What the engine knows of the server a request came from.
struct RequestContext {
  uint16_t short_server_id = 0;
  Lwm2mVersion version = Lwm2mVersion::k1_2;  // negotiated at Register
  ContentFormat preferred_format = ContentFormat::kSenmlCbor;
  // True when more than one LwM2M Server is configured (Core TS §7.3: only then
  // does the Access Control object apply).
  bool access_control = false;
};

// Observe and Observe-Composite (Core TS §6.4) belong to the observation
// helper; the dispatcher hands it every GET or FETCH that carries Observe,
// once the target was checked (exists, not hidden, readable by this server).
// The hook answers fully; it may call DmDispatcher::read to fill the content.
class ObservationHook {
 public:
  // Observe: 0: register the observation and answer the current value.
  virtual void start(const RequestContext& context, const coap::Request& request, const Path& target,
                     std::span<uint8_t> payload_buffer, coap::Response& response) = 0;
  // Observe: 1: cancel the observation with this token and answer as a Read.
  virtual void stop(const RequestContext& context, const coap::Request& request, const Path& target,
                    std::span<uint8_t> payload_buffer, coap::Response& response) = 0;

 protected:
  ~ObservationHook() = default;
};

class DmDispatcher {
 public:
  // Room for decoded strings of a request payload, and for values converted on a write.
  static constexpr size_t kScratchBytes = 512;
  // Paths one Read-Composite may name.
  static constexpr size_t kMaxCompositePaths = 16;

  DmDispatcher(Registry& registry, AttributeStore& attributes, ObservationHook* observation = nullptr)
      : registry_(registry), attributes_(attributes), observation_(observation) {}
  DmDispatcher(const DmDispatcher&) = delete;
  DmDispatcher& operator=(const DmDispatcher&) = delete;

  // Answers `request` into `response`; the payload lies in `payload_buffer`
  // and the Location-Path in this dispatcher (valid until the next call).
  void handle(const RequestContext& context, const coap::Request& request, std::span<uint8_t> payload_buffer,
              coap::Response& response);

  // A Read of `path` answered in the Accept format (or the negotiated
  // default): the content of a Read, an Observe answer or a notification.
  void read(const RequestContext& context, const Path& path, std::optional<uint16_t> accept,
            std::span<uint8_t> payload_buffer, coap::Response& response);

 private:
  Status dispatch(const RequestContext& context, const coap::Request& request, const Path& path,
                  std::span<uint8_t> buffer, coap::Response& response);
  Status observe(const RequestContext& context, const coap::Request& request, const Path& path,
                 std::span<uint8_t> buffer, coap::Response& response);
  Status post(const RequestContext& context, const coap::Request& request, const Path& path,
              coap::Response& response);

  Status read_content(const RequestContext& context, const Path& path, std::optional<uint16_t> accept,
                      std::span<uint8_t> buffer, coap::Response& response);
  Status discover(const RequestContext& context, const coap::Request& request, const Path& path,
                  std::span<uint8_t> buffer, coap::Response& response);
  Status execute(const RequestContext& context, const coap::Request& request, const Path& path);
  Status remove(const RequestContext& context, const Path& path);
  Status write(const RequestContext& context, const coap::Request& request, const Path& path, WriteMode mode);
  Status write_attributes(const RequestContext& context, const coap::Request& request, const Path& path);
  Status create(const RequestContext& context, const coap::Request& request, const Path& path,
                coap::Response& response);
  Status read_composite(const RequestContext& context, const coap::Request& request, const Path& path,
                        std::span<uint8_t> buffer, coap::Response& response);
  Status write_composite(const RequestContext& context, const coap::Request& request, const Path& path);
  Result<size_t> collect_composite_paths(RecordDecoder& decoder);
  Status read_filtered(const RequestContext& context, const Path& path, RecordEncoder& encoder);
  Status allowed(const RequestContext& context, AccessOperation operation, const Path& path) const;
  Status check_exists(const Path& path) const;

  Registry& registry_;
  AttributeStore& attributes_;
  ObservationHook* observation_;
  AnyEncoder encoder_;
  AnyDecoder decoder_;
  uint8_t decode_scratch_[kScratchBytes] = {};
  uint8_t value_scratch_[kScratchBytes] = {};
  Path composite_paths_[kMaxCompositePaths];
  char location_text_[2][6] = {};
  std::string_view location_[2];
};

}  // namespace lwm2m
