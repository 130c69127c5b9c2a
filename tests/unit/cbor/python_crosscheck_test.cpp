// Cross-check with an independent decoder: CBOR written by CborWriter is read
// by Debian's python3-cbor2, which must see the intended values and, for
// definite-length items, re-encode them canonically to the very same bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

#include "lwm2m/cbor/cbor_writer.h"

namespace {

using lwm2m::cbor::CborWriter;

bool cbor2_available() {
  return std::system("/usr/bin/python3 -c 'import cbor2' >/dev/null 2>&1") == 0;
}

std::string write_temp(const uint8_t* data, size_t size) {
  char path[] = "/tmp/cbor_crosscheck_XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return "";
  bool ok = write(fd, data, size) == static_cast<ssize_t>(size);
  close(fd);
  return ok ? path : "";
}

// Runs python with the file path as argv[1]; the script exits non-zero on mismatch.
int run_python(const std::string& path, const std::string& script) {
  std::string command = "/usr/bin/python3 -c '" + script + "' " + path;
  return std::system(command.c_str());
}

TEST(CborPythonCrossCheck, Cbor2DecodesWriterOutput) {
  if (!cbor2_available()) GTEST_SKIP() << "/usr/bin/python3 cannot import cbor2";
  uint8_t buf[512];
  CborWriter w{std::span<uint8_t>(buf)};
  w.begin_array(16);  // every value below must re-encode identically in cbor2's canonical mode
  w.write_int(0);
  w.write_int(-1);
  w.write_int(INT64_MIN);
  w.write_unsigned(UINT64_MAX);
  w.write_negative(UINT64_MAX);
  w.write_float(1.5);
  w.write_float(100000.0);
  w.write_float(1.1);
  w.write_float(-0.0);
  w.write_text("\xc3\xbc\xe6\xb0\xb4");
  const uint8_t bytes[] = {0, 1, 0xff};
  w.write_bytes(bytes);
  w.write_bool(true);
  w.write_null();
  w.begin_map(2);
  w.write_unsigned(1);
  w.write_text("a");
  w.write_int(-5);
  w.begin_array(0);
  w.write_tag(1);
  w.write_int(1363896240);
  w.write_float(0.00006103515625);
  ASSERT_TRUE(w.status().ok());
  std::string path = write_temp(buf, w.size());
  ASSERT_FALSE(path.empty());
  const std::string script =
      "import sys, cbor2, datetime, math\n"
      "data = open(sys.argv[1], \"rb\").read()\n"
      "v = cbor2.loads(data)\n"
      "expected = [0, -1, -2**63, 2**64 - 1, -2**64, 1.5, 100000.0, 1.1, -0.0, \"\\u00fc\\u6c34\",\n"
      "            b\"\\x00\\x01\\xff\", True, None, {1: \"a\", -5: []},\n"
      "            datetime.datetime(2013, 3, 21, 20, 4, tzinfo=datetime.timezone.utc), 0.00006103515625]\n"
      "ok = v == expected and math.copysign(1, v[8]) < 0\n"
      "ok = ok and cbor2.dumps(v, canonical=True, datetime_as_timestamp=True) == data\n"
      "sys.exit(0 if ok else print(repr(v), cbor2.dumps(v, canonical=True, datetime_as_timestamp=True).hex(), data.hex()) or 1)\n";
  EXPECT_EQ(run_python(path, script), 0);
  std::remove(path.c_str());
}

TEST(CborPythonCrossCheck, Cbor2DecodesIndefiniteItemsAndNaN) {
  if (!cbor2_available()) GTEST_SKIP() << "/usr/bin/python3 cannot import cbor2";
  uint8_t buf[64];
  CborWriter w{std::span<uint8_t>(buf)};
  w.begin_indefinite_map();
  w.write_text("s");
  w.begin_indefinite_text();
  w.write_text("strea");
  w.write_text("ming");
  w.write_break();
  w.write_text("b");
  w.begin_indefinite_bytes();
  w.write_bytes(std::vector<uint8_t>{1, 2});
  w.write_break();
  w.write_text("l");
  w.begin_indefinite_array();
  w.write_float(NAN);
  w.write_float(INFINITY);
  w.write_break();
  w.write_break();
  ASSERT_TRUE(w.status().ok());
  std::string path = write_temp(buf, w.size());
  ASSERT_FALSE(path.empty());
  const std::string script =
      "import sys, cbor2, math\n"
      "v = cbor2.loads(open(sys.argv[1], \"rb\").read())\n"
      "ok = v[\"s\"] == \"streaming\" and v[\"b\"] == b\"\\x01\\x02\"\n"
      "ok = ok and math.isnan(v[\"l\"][0]) and v[\"l\"][1] == math.inf and len(v) == 3\n"
      "sys.exit(0 if ok else print(repr(v)) or 1)\n";
  EXPECT_EQ(run_python(path, script), 0);
  std::remove(path.c_str());
}

}  // namespace
