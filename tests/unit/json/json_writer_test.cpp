// JsonWriter: separators, RFC 8259 §7 escaping, numbers, misuse, and a
// cross-check of its output against Python's json module.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "lwm2m/json/json_reader.h"
#include "lwm2m/json/json_writer.h"

using lwm2m::ByteWriter;
using lwm2m::Error;
using lwm2m::JsonWriter;

namespace {

struct Output {
  uint8_t buf[512];
  ByteWriter bytes{buf};
  JsonWriter json{bytes};
  std::string text() const {
    auto w = bytes.written();
    return std::string(reinterpret_cast<const char*>(w.data()), w.size());
  }
};

}  // namespace

TEST(JsonWriter, InsertsCommasAndColons) {
  Output o;
  o.json.begin_array();
  o.json.begin_object();
  o.json.key("bn");
  o.json.string("/3/0/");
  o.json.key("n");
  o.json.string("0");
  o.json.key("v");
  o.json.number_int(-5);
  o.json.end_object();
  o.json.begin_object();
  o.json.key("vb");
  o.json.boolean(true);
  o.json.key("x");
  o.json.null();
  o.json.key("e");
  o.json.begin_array();
  o.json.end_array();
  o.json.end_object();
  o.json.number_uint(18446744073709551615u);
  o.json.number_double(1.5);
  o.json.boolean(false);
  o.json.end_array();
  ASSERT_TRUE(o.json.status().ok());
  EXPECT_TRUE(o.json.complete());
  EXPECT_EQ(o.text(),
            R"([{"bn":"/3/0/","n":"0","v":-5},{"vb":true,"x":null,"e":[]},18446744073709551615,1.5,false])");
}

// RFC 8259 §7: quote, reverse solidus and control characters must be escaped.
TEST(JsonWriter, EscapesStrings) {
  Output o;
  o.json.string(std::string_view("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f\xC3\xA9", 16));
  ASSERT_TRUE(o.json.status().ok());
  EXPECT_EQ(o.text(), "\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xC3\xA9\"");
}

TEST(JsonWriter, StringInPieces) {
  Output o;
  o.json.begin_string();
  o.json.append_string("ab");
  o.json.append_string("\"c");
  o.json.end_string();
  ASSERT_TRUE(o.json.status().ok());
  EXPECT_EQ(o.text(), R"("ab\"c")");
}

TEST(JsonWriter, RejectsBadValues) {
  {
    Output o;
    o.json.string("\xC3");
    EXPECT_EQ(o.json.status().error(), Error::kInvalidUtf8);
  }
  {
    Output o;
    o.json.number_double(std::nan(""));
    EXPECT_EQ(o.json.status().error(), Error::kOutOfRange);
  }
  {
    Output o;
    o.json.number_double(INFINITY);
    EXPECT_EQ(o.json.status().error(), Error::kOutOfRange);
  }
}

TEST(JsonWriter, RejectsMisuse) {
  {
    Output o;  // value in an object without a key
    o.json.begin_object();
    o.json.number_int(1);
    EXPECT_EQ(o.json.status().error(), Error::kInternal);
  }
  {
    Output o;  // key in an array
    o.json.begin_array();
    o.json.key("a");
    EXPECT_EQ(o.json.status().error(), Error::kInternal);
  }
  {
    Output o;  // mismatched close
    o.json.begin_array();
    o.json.end_object();
    EXPECT_EQ(o.json.status().error(), Error::kInternal);
  }
  {
    Output o;  // key without a value
    o.json.begin_object();
    o.json.key("a");
    o.json.end_object();
    EXPECT_EQ(o.json.status().error(), Error::kInternal);
  }
  {
    Output o;  // two top-level values
    o.json.number_int(1);
    o.json.number_int(2);
    EXPECT_EQ(o.json.status().error(), Error::kInternal);
  }
  {
    Output o;
    for (int i = 0; i <= JsonWriter::kMaxDepth; ++i) o.json.begin_array();
    EXPECT_EQ(o.json.status().error(), Error::kTooDeep);
  }
}

TEST(JsonWriter, ReportsFullBuffer) {
  uint8_t buf[8];
  ByteWriter bytes(buf);
  JsonWriter json(bytes);
  json.string("0123456789");
  EXPECT_EQ(json.status().error(), Error::kBufferTooSmall);
}

// What the writer produces, Python's json module must read back to the same
// values (an independent parser), and our reader must accept too.
TEST(JsonWriter, OutputParsesWithPythonJson) {
  Output o;
  o.json.begin_object();
  o.json.key("s");
  o.json.string(std::string_view("tab\tquote\"back\\nul\0ctl\x1f" "e\xC3\xA9 clef\xF0\x9D\x84\x9E", 35));
  o.json.key("i");
  o.json.number_int(-9223372036854775807 - 1);
  o.json.key("u");
  o.json.number_uint(18446744073709551615u);
  o.json.key("d");
  o.json.begin_array();
  o.json.number_double(0.1);
  o.json.number_double(-2.5e-300);
  o.json.number_double(1e300);
  o.json.number_double(21.0);
  o.json.end_array();
  o.json.key("b");
  o.json.boolean(true);
  o.json.key("z");
  o.json.null();
  o.json.key("k\"ey");
  o.json.begin_object();
  o.json.end_object();
  o.json.end_object();
  ASSERT_TRUE(o.json.status().ok());

  std::string path = testing::TempDir() + "json_writer_python_check.json";
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::string text = o.text();
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);

  std::string script =
      "import json,sys\n"
      "v=json.load(open(sys.argv[1],encoding='utf-8'))\n"
      "want={'s':'tab\\tquote\"back\\\\nul\\x00ctl\\x1fe\\u00e9 clef\\U0001d11e',"
      "'i':-9223372036854775808,'u':18446744073709551615,'d':[0.1,-2.5e-300,1e300,21],"
      "'b':True,'z':None,'k\"ey':{}}\n"
      "sys.exit(0 if v==want and type(v['d'][3]) is int else 3)\n";
  std::string script_path = testing::TempDir() + "json_writer_python_check.py";
  f = std::fopen(script_path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(script.data(), 1, script.size(), f);
  std::fclose(f);
  std::string cmd = "/usr/bin/python3 " + script_path + " " + path;
  int rc = std::system(cmd.c_str());
  EXPECT_EQ(rc, 0) << text;

  // Our reader agrees with the writer too.
  uint8_t scratch[128];
  lwm2m::JsonReader r(o.bytes.written(), scratch);
  int tokens = 0;
  for (;;) {
    auto t = r.next();
    ASSERT_TRUE(t.ok());
    if (*t == lwm2m::JsonToken::kEnd) break;
    ++tokens;
  }
  EXPECT_EQ(tokens, 22);
}
