// JsonReader against the grammar of RFC 8259 and malformed inputs.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "lwm2m/json/json_reader.h"

using lwm2m::Error;
using lwm2m::JsonReader;
using lwm2m::JsonToken;

namespace {

std::span<const uint8_t> bytes(std::string_view s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

// Reads the whole input and renders the tokens compactly; returns the error name on failure.
std::string tokens(std::string_view json, size_t scratch_size = 256) {
  std::vector<uint8_t> scratch(scratch_size);
  JsonReader r(bytes(json), scratch);
  std::string out;
  for (int guard = 0; guard < 1000; ++guard) {
    auto t = r.next();
    if (!t.ok()) return std::string("error:") + lwm2m::error_name(t.error());
    switch (*t) {
      case JsonToken::kBeginObject: out += "{"; break;
      case JsonToken::kEndObject: out += "}"; break;
      case JsonToken::kBeginArray: out += "["; break;
      case JsonToken::kEndArray: out += "]"; break;
      case JsonToken::kKey: out += "K(" + std::string(r.text()) + ")"; break;
      case JsonToken::kString: out += "S(" + std::string(r.text()) + ")"; break;
      case JsonToken::kNumber: out += "N(" + std::string(r.text()) + ")"; break;
      case JsonToken::kTrue: out += "T"; break;
      case JsonToken::kFalse: out += "F"; break;
      case JsonToken::kNull: out += "Z"; break;
      case JsonToken::kEnd: return out;
    }
  }
  return "runaway";
}

Error error_of(std::string_view json, size_t scratch_size = 256) {
  std::vector<uint8_t> scratch(scratch_size);
  JsonReader r(bytes(json), scratch);
  for (int guard = 0; guard < 1000; ++guard) {
    auto t = r.next();
    if (!t.ok()) return t.error();
    if (*t == JsonToken::kEnd) return Error::kOk;
  }
  return Error::kInternal;
}

}  // namespace

// RFC 8259 §13, first example (abridged to keep the test readable but with every token kind).
TEST(JsonReader, Rfc8259Section13ObjectExample) {
  const char* json = R"({
      "Image": {
          "Width":  800,
          "Height": 600,
          "Title":  "View from 15th Floor",
          "Thumbnail": {
              "Url":    "http://www.example.com/image/481989943",
              "Height": 125,
              "Width":  100
          },
          "Animated" : false,
          "IDs": [116, 943, 234, 38793]
        }
    })";
  EXPECT_EQ(tokens(json),
            "{K(Image){K(Width)N(800)K(Height)N(600)K(Title)S(View from 15th Floor)K(Thumbnail){K(Url)"
            "S(http://www.example.com/image/481989943)K(Height)N(125)K(Width)N(100)}K(Animated)FK(IDs)"
            "[N(116)N(943)N(234)N(38793)]}}");
}

// RFC 8259 §13, second example: an array of two objects with fractional numbers.
TEST(JsonReader, Rfc8259Section13ArrayExample) {
  const char* json = R"([
        {
           "precision": "zip",
           "Latitude":  37.7668,
           "Longitude": -122.3959,
           "Address":   "",
           "City":      "SAN FRANCISCO",
           "State":     "CA",
           "Zip":       "94107",
           "Country":   "US"
        },
        {
           "precision": "zip",
           "Latitude":  37.371991,
           "Longitude": -122.026020,
           "Address":   "",
           "City":      "SUNNYVALE",
           "State":     "CA",
           "Zip":       "94085",
           "Country":   "US"
        }
      ])";
  EXPECT_EQ(tokens(json),
            "[{K(precision)S(zip)K(Latitude)N(37.7668)K(Longitude)N(-122.3959)K(Address)S()K(City)S(SAN "
            "FRANCISCO)K(State)S(CA)K(Zip)S(94107)K(Country)S(US)}{K(precision)S(zip)K(Latitude)N(37.371991)"
            "K(Longitude)N(-122.026020)K(Address)S()K(City)S(SUNNYVALE)K(State)S(CA)K(Zip)S(94085)K(Country)S(US)}]");
}

// RFC 8259 §13: bare scalars are JSON texts too.
TEST(JsonReader, Rfc8259Section13Scalars) {
  EXPECT_EQ(tokens(R"("Hello world!")"), "S(Hello world!)");
  EXPECT_EQ(tokens("42"), "N(42)");
  EXPECT_EQ(tokens("true"), "T");
  EXPECT_EQ(tokens(" null "), "Z");
  EXPECT_EQ(tokens("[]"), "[]");
  EXPECT_EQ(tokens("{}"), "{}");
  EXPECT_EQ(tokens("[[],{},[1]]"), "[[]{}[N(1)]]");
}

// RFC 8259 §6 number grammar.
TEST(JsonReader, NumberGrammar) {
  EXPECT_EQ(tokens("[0,-0,1.5,-2e10,3E+2,4e-3,0.25]"), "[N(0)N(-0)N(1.5)N(-2e10)N(3E+2)N(4e-3)N(0.25)]");
  EXPECT_EQ(error_of("01"), Error::kMalformed);
  EXPECT_EQ(error_of("+1"), Error::kMalformed);
  EXPECT_EQ(error_of(".5"), Error::kMalformed);
  EXPECT_EQ(error_of("[1.]"), Error::kMalformed);
  EXPECT_EQ(error_of("[1e]"), Error::kMalformed);
  EXPECT_EQ(error_of("[-]"), Error::kMalformed);
  EXPECT_EQ(error_of("[1x]"), Error::kMalformed);
  EXPECT_EQ(error_of("[NaN]"), Error::kMalformed);
  EXPECT_EQ(error_of("[Infinity]"), Error::kMalformed);
  EXPECT_EQ(error_of("[0x10]"), Error::kMalformed);
  EXPECT_EQ(error_of("1."), Error::kTruncated);
  EXPECT_EQ(error_of("-"), Error::kTruncated);
}

// RFC 8259 §7 escapes, including a surrogate pair (the G clef example of §7).
TEST(JsonReader, StringEscapes) {
  EXPECT_EQ(tokens(R"("a\"b\\c\/d\b\f\n\r\t")"), "S(a\"b\\c/d\b\f\n\r\t)");
  EXPECT_EQ(tokens(R"("\u00e9\u20AC")"), "S(\xC3\xA9\xE2\x82\xAC)");
  EXPECT_EQ(tokens(R"("\ud834\udd1e")"), "S(\xF0\x9D\x84\x9E)");
  EXPECT_EQ(tokens(R"("\u0000")"), std::string("S(") + std::string(1, '\0') + ")");
  // Raw UTF-8 passes through unchanged, with or without escapes nearby.
  EXPECT_EQ(tokens("\"\xC3\xA9\\n\xE2\x82\xAC\""), "S(\xC3\xA9\n\xE2\x82\xAC)");
}

TEST(JsonReader, RejectsBadStrings) {
  EXPECT_EQ(error_of(R"("\x")"), Error::kMalformed);          // unknown escape
  EXPECT_EQ(error_of(R"("\u12G4")"), Error::kMalformed);      // bad hex
  EXPECT_EQ(error_of(R"("\ud834")"), Error::kInvalidUtf8);    // unpaired high surrogate
  EXPECT_EQ(error_of(R"("\ud834x")"), Error::kInvalidUtf8);   // high surrogate then text
  EXPECT_EQ(error_of(R"("\ud834\u0041")"), Error::kInvalidUtf8);  // high then non-low
  EXPECT_EQ(error_of(R"("\udd1e")"), Error::kInvalidUtf8);    // low surrogate alone
  EXPECT_EQ(error_of("\"a\tb\""), Error::kMalformed);         // raw control character
  EXPECT_EQ(error_of("\"a\nb\\n\""), Error::kMalformed);      // raw control with escapes present
  EXPECT_EQ(error_of("\"\xC3\""), Error::kInvalidUtf8);       // cut sequence
  EXPECT_EQ(error_of("\"\xC0\xAF\""), Error::kInvalidUtf8);   // overlong '/'
  EXPECT_EQ(error_of("\"\xED\xA0\x80\""), Error::kInvalidUtf8);  // encoded surrogate
  EXPECT_EQ(error_of("\"\xF4\x90\x80\x80\""), Error::kInvalidUtf8);  // above U+10FFFF
  EXPECT_EQ(error_of("\"\xC3\\n\xA9\""), Error::kInvalidUtf8);  // sequence split by an escape
  EXPECT_EQ(error_of("\"\xFF\""), Error::kInvalidUtf8);
  EXPECT_EQ(error_of(R"("abc)"), Error::kTruncated);
  EXPECT_EQ(error_of(R"("abc\)"), Error::kTruncated);
  EXPECT_EQ(error_of(R"("\u12)"), Error::kTruncated);
  EXPECT_EQ(error_of(R"("\ud834\u)"), Error::kTruncated);
}

TEST(JsonReader, UnescapedStringsNeedScratchRoom) {
  EXPECT_EQ(error_of(R"("\n\n\n\n")", 3), Error::kBufferTooSmall);
  EXPECT_EQ(error_of(R"("\n\n\n")", 3), Error::kOk);
  // Strings without escapes are views into the input and need no scratch.
  EXPECT_EQ(error_of(R"("a long string without escapes")", 0), Error::kOk);
}

TEST(JsonReader, ScratchStringsStayValidUntilReleased) {
  std::string json = R"(["\u0041","\u0042"])";
  uint8_t scratch[8];
  JsonReader r(bytes(json), scratch);
  ASSERT_EQ(*r.next(), JsonToken::kBeginArray);
  ASSERT_EQ(*r.next(), JsonToken::kString);
  std::string_view first = r.text();
  ASSERT_EQ(*r.next(), JsonToken::kString);
  EXPECT_EQ(first, "A");
  EXPECT_EQ(r.text(), "B");
  EXPECT_EQ(r.free_scratch().size(), 6u);
  r.release_scratch();
  EXPECT_EQ(r.free_scratch().size(), 8u);
}

TEST(JsonReader, RejectsStructuralErrors) {
  EXPECT_EQ(error_of(""), Error::kTruncated);
  EXPECT_EQ(error_of("   "), Error::kTruncated);
  EXPECT_EQ(error_of("[1,]"), Error::kMalformed);       // trailing comma
  EXPECT_EQ(error_of("{\"a\":1,}"), Error::kMalformed);
  EXPECT_EQ(error_of("[,1]"), Error::kMalformed);
  EXPECT_EQ(error_of("[1 2]"), Error::kMalformed);      // missing comma
  EXPECT_EQ(error_of("{\"a\" 1}"), Error::kMalformed);  // missing colon
  EXPECT_EQ(error_of("{\"a\":}"), Error::kMalformed);
  EXPECT_EQ(error_of("{1:2}"), Error::kMalformed);      // key must be a string
  EXPECT_EQ(error_of("[1}"), Error::kMalformed);        // mismatched close
  EXPECT_EQ(error_of("{\"a\":1]"), Error::kMalformed);
  EXPECT_EQ(error_of("]"), Error::kMalformed);
  EXPECT_EQ(error_of("[1]]"), Error::kMalformed);       // trailing garbage
  EXPECT_EQ(error_of("[1] x"), Error::kMalformed);
  EXPECT_EQ(error_of("1 2"), Error::kMalformed);
  EXPECT_EQ(error_of("[1"), Error::kTruncated);
  EXPECT_EQ(error_of("{\"a\""), Error::kTruncated);
  EXPECT_EQ(error_of("{\"a\":"), Error::kTruncated);
  EXPECT_EQ(error_of("[tru"), Error::kTruncated);
  EXPECT_EQ(error_of("[trux]"), Error::kMalformed);
  EXPECT_EQ(error_of("[nul]"), Error::kMalformed);
  EXPECT_EQ(error_of("[True]"), Error::kMalformed);
  EXPECT_EQ(error_of("// comment\n1"), Error::kMalformed);
  EXPECT_EQ(error_of("'a'"), Error::kMalformed);
  EXPECT_EQ(error_of("\xEF\xBB\xBF[]"), Error::kMalformed);  // no byte order mark (RFC 8259 §8.1)
}

TEST(JsonReader, DepthIsBounded) {
  std::string ok(JsonReader::kMaxDepth, '[');
  ok += std::string(JsonReader::kMaxDepth, ']');
  EXPECT_EQ(error_of(ok), Error::kOk);
  std::string deep(JsonReader::kMaxDepth + 1, '[');
  deep += std::string(JsonReader::kMaxDepth + 1, ']');
  EXPECT_EQ(error_of(deep), Error::kTooDeep);
  std::string very_deep(100000, '[');
  EXPECT_EQ(error_of(very_deep), Error::kTooDeep);
}

TEST(JsonReader, ErrorsAreSticky) {
  std::string json = "[1,,2]";
  JsonReader r(bytes(json), {});
  ASSERT_EQ(*r.next(), JsonToken::kBeginArray);
  ASSERT_EQ(*r.next(), JsonToken::kNumber);
  EXPECT_EQ(r.next().error(), Error::kMalformed);
  EXPECT_EQ(r.next().error(), Error::kMalformed);
  r.reset();
  EXPECT_EQ(*r.next(), JsonToken::kBeginArray);
}

TEST(JsonReader, SkipValueSkipsScalarsAndContainers) {
  std::string json = R"({"a":{"x":[1,{"y":"\n"}],"z":null},"b":"\u0041\u0042","c":true,"d":7})";
  JsonReader r(bytes(json), {});  // no scratch: skipped strings are only checked
  ASSERT_EQ(*r.next(), JsonToken::kBeginObject);
  ASSERT_EQ(*r.next(), JsonToken::kKey);
  EXPECT_EQ(r.text(), "a");
  ASSERT_TRUE(r.skip_value().ok());
  ASSERT_EQ(*r.next(), JsonToken::kKey);
  EXPECT_EQ(r.text(), "b");
  ASSERT_TRUE(r.skip_value().ok());
  ASSERT_EQ(*r.next(), JsonToken::kKey);
  ASSERT_TRUE(r.skip_value().ok());
  ASSERT_EQ(*r.next(), JsonToken::kKey);
  EXPECT_EQ(r.text(), "d");
  ASSERT_EQ(*r.next(), JsonToken::kNumber);
  EXPECT_EQ(r.text(), "7");
  ASSERT_EQ(*r.next(), JsonToken::kEndObject);
  ASSERT_EQ(*r.next(), JsonToken::kEnd);
}

TEST(JsonReader, SkipValueChecksWhatItSkips) {
  std::string json = R"({"a":[1,"\ud800"],"b":1})";
  JsonReader r(bytes(json), {});
  ASSERT_EQ(*r.next(), JsonToken::kBeginObject);
  ASSERT_EQ(*r.next(), JsonToken::kKey);
  EXPECT_EQ(r.skip_value().error(), Error::kInvalidUtf8);
}

TEST(JsonReader, SkipValueRefusesWhereNoValueComes) {
  std::string json = R"({"a":1})";
  JsonReader r(bytes(json), {});
  ASSERT_EQ(*r.next(), JsonToken::kBeginObject);
  EXPECT_FALSE(r.skip_value().ok());  // a key comes next, not a value
}
