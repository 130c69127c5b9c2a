// Encode and decode benchmarks for any record format, written once.
//
// A codec is described by a small struct:
//   struct TlvCodec {
//     static constexpr const char* kName = "TLV";
//     static bool supports(const Payload& p);
//     static TlvEncoder encoder(std::span<uint8_t> out);
//     static TlvDecoder decoder(std::span<const uint8_t> in, const Path& request, std::span<uint8_t> scratch);
//   };
// register_codec<Codec>(payloads) then adds "encode/<name>/<payload>" and
// "decode/<name>/<payload>" for every payload the codec supports.
//
// Both benchmarks first check the round trip (encode, decode, convert, compare
// with the source records) so a figure is never reported for a codec that
// does not do the job. Each reports ns/op, bytes_per_second (payload bytes),
// payload_bytes and allocs_per_op (heap allocations per iteration, measured
// over the timed loop).
#pragma once

#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "alloc_counter.h"
#include "lwm2m/core/record.h"
#include "lwm2m/core/status.h"
#include "lwm2m/core/value.h"
#include "payloads.h"

namespace bench {

inline constexpr size_t kOutputCapacity = 16384;
inline constexpr size_t kScratchCapacity = 512;

// Runs one request through an encoder; the payload size or the first error.
inline lwm2m::Result<size_t> encode_payload(lwm2m::RecordEncoder& encoder, const Payload& p) {
  LWM2M_TRY(encoder.begin(p.request));
  for (const lwm2m::Record& r : p.records) LWM2M_TRY(encoder.add(r));
  return encoder.finish();
}

// What the data model does with each decoded record: convert the wire value
// to the resource's type. Returns the number of records.
inline lwm2m::Result<size_t> decode_payload(lwm2m::RecordDecoder& decoder, std::span<uint8_t> convert_scratch) {
  size_t count = 0;
  lwm2m::DecodedRecord r;
  while (true) {
    lwm2m::Result<bool> more = decoder.next(r);
    if (!more.ok()) return more.error();
    if (!*more) return count;
    lwm2m::Result<lwm2m::Value> v = lwm2m::convert(r.value, resource_type(r.path), convert_scratch);
    if (!v.ok()) return v.error();
    benchmark::DoNotOptimize(v);
    ++count;
  }
}

// Reads every record out of `decoder` and compares it, converted, with the
// source records of `p`; kOk, the decoder's error, or kInternal on a mismatch.
lwm2m::Status check_round_trip(lwm2m::RecordDecoder& decoder, const Payload& p);

void report(benchmark::State& state, size_t payload_bytes, uint64_t allocations);

// Adds the "min" aggregate over repetitions: on a machine shared with other
// work the fastest repetition is the best estimate of the code's own cost.
benchmark::internal::Benchmark* with_min(benchmark::internal::Benchmark* b);

template <typename Codec>
struct CodecBench {
  // The encoded payload, produced once per benchmark outside the timed loop.
  struct Encoded {
    std::array<uint8_t, kOutputCapacity> bytes{};
    size_t size = 0;
    lwm2m::Status status;
  };

  static Encoded encode_once(const Payload& p) {
    Encoded e;
    auto encoder = Codec::encoder(e.bytes);
    lwm2m::Result<size_t> n = encode_payload(encoder, p);
    e.status = n.status();
    if (n.ok()) e.size = *n;
    if (e.status.ok()) {
      std::array<uint8_t, kScratchCapacity> scratch{};
      std::span<const uint8_t> in(e.bytes.data(), e.size);
      auto decoder = Codec::decoder(in, p.request, scratch);
      e.status = check_round_trip(decoder, p);
    }
    return e;
  }

  static void encode(benchmark::State& state, const Payload* p) {
    const Encoded checked = encode_once(*p);
    if (!checked.status.ok()) {
      state.SkipWithError(lwm2m::error_name(checked.status.error()));
      return;
    }
    std::array<uint8_t, kOutputCapacity> out{};
    size_t size = 0;
    uint64_t before = allocation_count();
    for (auto _ : state) {
      auto encoder = Codec::encoder(out);
      lwm2m::Result<size_t> n = encode_payload(encoder, *p);
      if (!n.ok()) {
        state.SkipWithError(lwm2m::error_name(n.error()));
        break;
      }
      size = *n;
      benchmark::DoNotOptimize(out.data());
      benchmark::ClobberMemory();
    }
    report(state, size, allocation_count() - before);
  }

  static void decode(benchmark::State& state, const Payload* p) {
    const Encoded encoded = encode_once(*p);
    if (!encoded.status.ok()) {
      state.SkipWithError(lwm2m::error_name(encoded.status.error()));
      return;
    }
    std::span<const uint8_t> in(encoded.bytes.data(), encoded.size);
    std::array<uint8_t, kScratchCapacity> scratch{};
    std::array<uint8_t, kScratchCapacity> convert_scratch{};
    uint64_t before = allocation_count();
    for (auto _ : state) {
      benchmark::DoNotOptimize(in.data());
      auto decoder = Codec::decoder(in, p->request, scratch);
      lwm2m::Result<size_t> n = decode_payload(decoder, convert_scratch);
      if (!n.ok() || *n != p->records.size()) {
        state.SkipWithError(n.ok() ? "record count differs" : lwm2m::error_name(n.error()));
        break;
      }
    }
    report(state, encoded.size, allocation_count() - before);
  }
};

template <typename Codec>
void register_codec(std::span<const Payload* const> payloads) {
  for (const Payload* p : payloads) {
    if (!Codec::supports(*p)) continue;
    with_min(benchmark::RegisterBenchmark((std::string("encode/") + Codec::kName + "/" + p->name).c_str(),
                                          CodecBench<Codec>::encode, p));
    with_min(benchmark::RegisterBenchmark((std::string("decode/") + Codec::kName + "/" + p->name).c_str(),
                                          CodecBench<Codec>::decode, p));
  }
}

}  // namespace bench
