// Fills libcoap PDUs from the engine's coap::Request / coap::Response
// (options only; payloads go through libcoap's block-wise calls).
#pragma once

#include <coap3/coap.h>

#include "lwm2m/core/status.h"
#include "lwm2m/engine/coap_message.h"

namespace lwm2m::transport {

// Observe, Uri-Path, Content-Format, Uri-Query, Accept (ascending numbers).
Status add_request_options(coap_pdu_t* pdu, const coap::Request& request);

// Observe and Location-Path; Content-Format too unless `with_content_format`
// is false (coap_add_data_large_response adds it itself).
Status add_response_options(coap_pdu_t* pdu, const coap::Response& response, bool with_content_format);

// Copies `payload` to the heap for libcoap, which may still need it for
// later blocks after the call returns; `release_payload_copy` frees it.
uint8_t* copy_payload(std::span<const uint8_t> payload);
void release_payload_copy(coap_session_t* session, void* copy);

}  // namespace lwm2m::transport
