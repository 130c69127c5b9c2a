// Views of a received libcoap PDU as the engine's coap::Request or
// coap::Response. The views point into the PDU, so they live only as long as
// the libcoap callback that handed the PDU over.
#pragma once

#include <coap3/coap.h>

#include <array>
#include <string_view>

#include "lwm2m/core/status.h"
#include "lwm2m/engine/coap_message.h"

namespace lwm2m::transport {

struct ReceivedRequest {
  std::array<std::string_view, coap::kMaxPathSegments> path_storage;
  std::array<std::string_view, coap::kMaxQueries> query_storage;
  coap::Request request;
};

struct ReceivedResponse {
  std::array<std::string_view, coap::kMaxPathSegments> location_storage;
  coap::Response response;
};

// kCapacityExceeded when the PDU carries more Uri-Path/Uri-Query options than
// the engine's bounds, kMethodNotAllowed for a code that is no known method.
Status read_request(const coap_pdu_t* pdu, ReceivedRequest& out);
Status read_response(const coap_pdu_t* pdu, ReceivedResponse& out);

coap::Token token_of(const coap_pdu_t* pdu);

}  // namespace lwm2m::transport
