// The seam between the data model and the content formats: a read produces a
// stream of (path, value) records that an encoder turns into a payload; a
// write consumes the records a decoder reads out of a payload.
#pragma once

#include <cstddef>
#include <span>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/core/value.h"

namespace lwm2m {

// One resource (instance) value at an absolute path. `time` (seconds since
// the epoch, may be fractional) is set for timestamped records (Send, notification history).
struct Record {
  Path path;
  Value value;
  double time = 0;
  bool has_time = false;
};

struct DecodedRecord {
  Path path;
  DecodedValue value;  // value.value.type == kNone for a name without a value (Read-Composite)
  double time = 0;
  bool has_time = false;
};

// Encoders write into a caller-provided buffer, no heap. The caller:
//   begin(request_path); add(record)... in ascending path order; finish().
// Records all lie within the request path (for composite encoders the
// request path is the root "/"). An encoder may refuse records its format
// cannot carry (kNotAcceptable) or that break the ordering (kInternal).
class RecordEncoder {
 public:
  virtual Status begin(const Path& request_path) = 0;
  virtual Status add(const Record& record) = 0;
  // Returns the payload size; the payload is the first bytes of the buffer.
  virtual Result<size_t> finish() = 0;

 protected:
  ~RecordEncoder() = default;  // not deleted through the interface: no operator delete on MCUs
};

// Decoders read a payload in place. Paths come out absolute (resolved against
// the request path or SenML base name). next() answers true with a record,
// false at the end of the payload, or an error. rewind() starts over, so the
// data model can validate every record before applying any (atomic writes).
class RecordDecoder {
 public:
  virtual Result<bool> next(DecodedRecord& out) = 0;
  virtual void rewind() = 0;

 protected:
  ~RecordDecoder() = default;
};

}  // namespace lwm2m
