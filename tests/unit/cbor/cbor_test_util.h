// Test helpers: hex conversion, RFC 8949 diagnostic notation of an item, and
// a transcoder that reads an item and writes it back with CborWriter.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lwm2m/cbor/cbor_reader.h"
#include "lwm2m/cbor/cbor_writer.h"

namespace cbor_test {

std::vector<uint8_t> from_hex(const std::string& hex);  // spaces ignored
std::string to_hex(const std::vector<uint8_t>& bytes);

// Diagnostic notation (RFC 8949 §8) of the item at the reader's position.
lwm2m::Status diagnose(lwm2m::cbor::CborReader& reader, std::string& out);
// Diagnostic notation of a whole buffer holding one item; "error:<name>" on failure.
std::string diagnose(const std::vector<uint8_t>& bytes);

// Reads one item and writes the same data model item (keeping indefinite
// lengths; floats in their preferred width). Returns the written bytes.
lwm2m::Status transcode(lwm2m::cbor::CborReader& reader, lwm2m::cbor::CborWriter& writer);
std::vector<uint8_t> transcode(const std::vector<uint8_t>& bytes);

}  // namespace cbor_test
