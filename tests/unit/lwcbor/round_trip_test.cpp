// Every LwM2M data type through Lwm2mCborEncoder and back through
// Lwm2mCborDecoder and convert() to the resource's type.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "lwcbor_test_util.h"
#include "lwm2m/lwcbor/lwm2m_cbor_decoder.h"
#include "lwm2m/lwcbor/lwm2m_cbor_encoder.h"

namespace {

using lwcbor_test::record;
using lwm2m::DataType;
using lwm2m::DecodedRecord;
using lwm2m::Path;
using lwm2m::Record;
using lwm2m::Value;

const uint8_t kOpaque[] = {0x00, 0xff, 0x10};

TEST(Lwm2mCborRoundTrip, EveryDataType) {
  const std::vector<Record> records = {
      record(Path(9, 0, 0), Value::of_string("caf\xc3\xa9")),
      record(Path(9, 0, 1), Value::of_integer(INT64_MIN)),
      record(Path(9, 0, 2), Value::of_integer(INT64_MAX)),
      record(Path(9, 0, 3), Value::of_unsigned(UINT64_MAX)),
      record(Path(9, 0, 4), Value::of_float(-0.1)),
      record(Path(9, 0, 5), Value::of_float(3.0e38)),
      record(Path(9, 0, 6), Value::of_boolean(false)),
      record(Path(9, 0, 7), Value::of_opaque(kOpaque)),
      record(Path(9, 0, 8), Value::of_time(-86400)),
      record(Path(9, 0, 9), Value::of_objlnk(65534, 7)),
      record(Path(9, 0, 10), Value::of_corelnk("</1/0>;ssid=101")),
      record(Path(9, 0, 11, 0), Value::of_integer(-7)),
      record(Path(9, 0, 11, 65534), Value::of_unsigned(8)),
      record(Path(9, 65534, 65534, 65534), Value::of_string("")),
  };
  for (const Path& request : {Path(), Path(9), Path(9, 0)}) {
    std::vector<Record> selected;
    for (const Record& r : records)
      if (r.path.is_within(request)) selected.push_back(r);
    uint8_t buf[512];
    lwm2m::Lwm2mCborEncoder encoder(buf);
    ASSERT_TRUE(encoder.begin(request).ok());
    for (const Record& r : selected) ASSERT_TRUE(encoder.add(r).ok());
    lwm2m::Result<size_t> size = encoder.finish();
    ASSERT_TRUE(size.ok());

    lwm2m::Lwm2mCborDecoder decoder(std::span<const uint8_t>(buf, *size), request);
    size_t index = 0;
    DecodedRecord out;
    for (;;) {
      lwm2m::Result<bool> more = decoder.next(out);
      ASSERT_TRUE(more.ok()) << lwm2m::error_name(more.error());
      if (!*more) break;
      ASSERT_LT(index, selected.size());
      const Record& expected = selected[index++];
      EXPECT_EQ(out.path, expected.path);
      lwm2m::Result<Value> converted = lwm2m::convert(out.value, expected.value.type, {});
      ASSERT_TRUE(converted.ok()) << lwm2m::data_type_name(expected.value.type);
      EXPECT_EQ(*converted, expected.value) << lwm2m::data_type_name(expected.value.type);
    }
    EXPECT_EQ(index, selected.size());
  }
}

TEST(Lwm2mCborRoundTrip, FloatsKeepTheirExactValue) {
  for (double v : {0.0, -0.0, 1.0 / 3.0, 65504.0, 1e-310, -1e300, 0.1f * 1.0}) {
    uint8_t buf[32];
    lwm2m::Lwm2mCborEncoder encoder(buf);
    ASSERT_TRUE(encoder.begin(Path(4, 0, 1)).ok());
    ASSERT_TRUE(encoder.add(record(Path(4, 0, 1), Value::of_float(v))).ok());
    lwm2m::Result<size_t> size = encoder.finish();
    ASSERT_TRUE(size.ok());
    lwm2m::Lwm2mCborDecoder decoder(std::span<const uint8_t>(buf, *size), Path(4, 0, 1));
    DecodedRecord out;
    ASSERT_TRUE(*decoder.next(out));
    ASSERT_EQ(out.value.value.type, DataType::kFloat);
    EXPECT_EQ(out.value.value.floating, v);
    EXPECT_EQ(std::signbit(out.value.value.floating), std::signbit(v));
  }
}

}  // namespace
