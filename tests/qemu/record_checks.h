// Checks for the content formats that implement RecordEncoder/RecordDecoder
// (core/record.h): encode records byte for byte, decode a payload back to
// typed records.
#pragma once

#include <cstdint>
#include <span>

#include "lwm2m/core/record.h"

namespace qemu {

lwm2m::Record record(lwm2m::Path path, lwm2m::Value value);
// A Float record at `path` with a timestamp.
lwm2m::Record timed(lwm2m::Path path, double value, double time);

// Read /3/0 cut to three resources of the Core TS Device object example, as
// every format's vectors use it: Manufacturer "Open Mobile Alliance",
// Available Power Sources [1, 5] (6/0, 6/1) and Battery Level 100 (9).
std::span<const lwm2m::Record> device_subset_records();
// Their data types: Manufacturer is a String, the rest Integers.
lwm2m::DataType device_subset_type(const lwm2m::Path& path);
// For payloads of Float values only.
lwm2m::DataType float_type(const lwm2m::Path& path);

// begin(request) + add(each) + finish(): the payload size or the first error.
lwm2m::Result<size_t> encode_all(lwm2m::RecordEncoder& encoder, const lwm2m::Path& request,
                                 std::span<const lwm2m::Record> records);

// begin(request) + add(each) + finish() on an encoder writing into `buffer`;
// the payload (the first bytes of `buffer`) is compared with `want`.
bool check_encode(lwm2m::RecordEncoder& encoder, std::span<const uint8_t> buffer, const lwm2m::Path& request,
                  std::span<const lwm2m::Record> records, std::span<const uint8_t> want, const char* what);

// Every record the decoder yields, converted with `type_of(path)`, compared
// with `want` (paths, values, and timestamps where `want` has them).
bool check_decode(lwm2m::RecordDecoder& decoder, std::span<const lwm2m::Record> want,
                  lwm2m::DataType (*type_of)(const lwm2m::Path&), const char* what);

// The error that stops the decoder (kOk when it reads to the end).
lwm2m::Error decode_error(lwm2m::RecordDecoder& decoder);

}  // namespace qemu
