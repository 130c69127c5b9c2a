#include "codec_harness.h"

#include <algorithm>
#include <vector>

namespace bench {

lwm2m::Status check_round_trip(lwm2m::RecordDecoder& decoder, const Payload& p) {
  std::array<uint8_t, kScratchCapacity> convert_scratch{};
  lwm2m::DecodedRecord r;
  for (const lwm2m::Record& expected : p.records) {
    lwm2m::Result<bool> more = decoder.next(r);
    if (!more.ok()) return more.error();
    if (!*more) return lwm2m::Error::kInternal;  // records missing
    lwm2m::Result<lwm2m::Value> v = lwm2m::convert(r.value, resource_type(r.path), convert_scratch);
    if (!v.ok()) return v.error();
    if (!(r.path == expected.path) || !(*v == expected.value)) return lwm2m::Error::kInternal;
    if (p.timestamped && (!r.has_time || r.time != expected.time)) return lwm2m::Error::kInternal;
  }
  lwm2m::Result<bool> more = decoder.next(r);
  if (!more.ok()) return more.error();
  return *more ? lwm2m::Status(lwm2m::Error::kInternal) : lwm2m::kOk;  // extra records
}

void report(benchmark::State& state, size_t payload_bytes, uint64_t allocations) {
  const auto iterations = static_cast<int64_t>(state.iterations());
  state.SetBytesProcessed(iterations * static_cast<int64_t>(payload_bytes));
  state.counters["payload_bytes"] = benchmark::Counter(static_cast<double>(payload_bytes));
  state.counters["allocs_per_op"] =
      benchmark::Counter(iterations > 0 ? static_cast<double>(allocations) / static_cast<double>(iterations) : 0);
}

benchmark::internal::Benchmark* with_min(benchmark::internal::Benchmark* b) {
  return b->ComputeStatistics("min", [](const std::vector<double>& v) {
    return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end());
  });
}

}  // namespace bench
