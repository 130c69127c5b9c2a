// Fuzzes the CBOR reader: the well-formedness check, skip() and the typed
// readers must never crash or read past the input; whatever check_well_formed
// accepts is re-encoded item by item and must be well-formed again.
#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/cbor/cbor_reader.h"
#include "lwm2m/cbor/cbor_writer.h"

namespace {

using lwm2m::Result;
using lwm2m::Status;
using lwm2m::cbor::CborHead;
using lwm2m::cbor::CborReader;
using lwm2m::cbor::CborWriter;
using lwm2m::cbor::MajorType;

// Copies one item from reader to writer (recursion bounded by the depth the
// well-formedness check already enforced).
Status copy_item(CborReader& reader, CborWriter& writer, int depth) {
  if (depth > lwm2m::cbor::kDefaultMaxDepth + 1) return lwm2m::Error::kTooDeep;
  Result<CborHead> head = reader.peek_head();
  if (!head.ok()) return head.status();
  switch (head->major) {
    case MajorType::kUnsigned:
    case MajorType::kNegative:
      (void)reader.read_head();
      writer.write_head(head->major, head->argument);
      return lwm2m::kOk;
    case MajorType::kTag:
      (void)reader.read_head();
      writer.write_tag(head->argument);
      return copy_item(reader, writer, depth);
    case MajorType::kBytes:
    case MajorType::kText: {
      uint8_t scratch[256];
      Result<size_t> n = head->major == MajorType::kBytes ? reader.read_bytes_into(scratch)
                                                          : reader.read_text_into(scratch);
      if (!n.ok()) {
        // Too long for scratch: stand in a null so the enclosing structure
        // (or a lone top-level item) stays one well-formed item.
        writer.write_null();
        return reader.skip();
      }
      if (head->major == MajorType::kBytes) writer.write_bytes(std::span<const uint8_t>(scratch, *n));
      else writer.write_text({reinterpret_cast<const char*>(scratch), *n});
      return lwm2m::kOk;
    }
    case MajorType::kArray:
    case MajorType::kMap: {
      const bool map = head->major == MajorType::kMap;
      Result<lwm2m::cbor::ContainerHeader> c = map ? reader.read_map() : reader.read_array();
      if (!c.ok()) return c.status();
      if (c->indefinite) map ? writer.begin_indefinite_map() : writer.begin_indefinite_array();
      else map ? writer.begin_map(c->count) : writer.begin_array(c->count);
      for (uint64_t i = 0; c->indefinite || i < c->count; ++i) {
        if (c->indefinite && reader.at_break()) {
          writer.write_break();
          return reader.read_break();
        }
        LWM2M_TRY(copy_item(reader, writer, depth + 1));
        if (map) LWM2M_TRY(copy_item(reader, writer, depth + 1));
      }
      return lwm2m::kOk;
    }
    case MajorType::kSimple:
      if (head->is_float()) {
        writer.write_float(*reader.read_float());
        return lwm2m::kOk;
      }
      (void)reader.read_head();
      writer.write_simple(static_cast<uint8_t>(head->argument));
      return lwm2m::kOk;
  }
  return lwm2m::Error::kInternal;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> input(data, size);
  const Status well_formed = lwm2m::cbor::check_well_formed(input);

  // Typed readers in sequence, whatever the input.
  CborReader probe(input);
  for (int i = 0; i < 64 && !probe.at_end(); ++i) {
    const size_t before = probe.offset();
    (void)probe.read_int();
    (void)probe.read_float();
    (void)probe.read_text();
    (void)probe.read_bytes();
    (void)probe.read_bool();
    if (probe.offset() == before && !probe.skip().ok()) break;
  }

  if (!well_formed.ok()) return 0;
  CborReader reader(input);
  uint8_t out[4096];
  CborWriter writer{std::span<uint8_t>(out)};
  Status copied = copy_item(reader, writer, 0);
  if (!copied.ok() || !writer.status().ok()) return 0;
  // A well-formed item written back (strings that fit scratch, floats narrowed) is well-formed.
  if (!lwm2m::cbor::check_well_formed(std::span<const uint8_t>(out, writer.size())).ok()) __builtin_trap();
  return 0;
}
