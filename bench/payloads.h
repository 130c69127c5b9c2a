// The record streams the codec benchmarks encode and decode: what the data
// model would hand an encoder for a few realistic requests.
#pragma once

#include <cstddef>
#include <span>

#include "lwm2m/core/path.h"
#include "lwm2m/core/record.h"
#include "lwm2m/core/value.h"

namespace bench {

struct Payload {
  const char* name;                       // benchmark name part
  lwm2m::Path request;                    // the path the encoder begins with
  std::span<const lwm2m::Record> records;  // ascending, within `request`
  bool timestamped = false;               // formats without time skip it
};

// (a) Read /3/0: the Device object's readable resources.
const Payload& device_read();
// (b) Read /3303: 20 temperature sensor instances, 7 resources each.
const Payload& temperature_object_read();
// (c) Send of 50 timestamped readings of /3303/0/5700 (request path "/").
const Payload& temperature_pack();
// (d) Read /3303/0/5700: one float, the case text/plain is for.
const Payload& single_resource_read();

// The data type the data model would give the resource at `path`: decoders
// hand out wire values and the caller converts them with lwm2m::convert.
lwm2m::DataType resource_type(const lwm2m::Path& path);

}  // namespace bench
