// Content-format negotiation, Core TS 1.2 §7.1 (formats by target and
// operation; 4.06 for an unusable Accept, 4.15 for an unusable payload format).
#include <gtest/gtest.h>

#include "lwm2m/formats/negotiation.h"

using namespace lwm2m;

namespace {
const FormatTarget kSingleString{Path(3, 0, 0), false, DataType::kString};
const FormatTarget kSingleOpaque{Path(0, 0, 3), false, DataType::kOpaque};
const FormatTarget kMultiple{Path(3, 0, 7), true, DataType::kInteger};
const FormatTarget kInstance{Path(3, 0)};
const FormatTarget kRoot{Path()};
}  // namespace

TEST(Negotiation, TextAndOpaqueOnlyForSingleValues) {
  EXPECT_TRUE(format_allowed(ContentFormat::kTextPlain, Operation::kRead, kSingleString, Lwm2mVersion::k1_0));
  EXPECT_FALSE(format_allowed(ContentFormat::kTextPlain, Operation::kRead, kMultiple, Lwm2mVersion::k1_2));
  EXPECT_TRUE(format_allowed(ContentFormat::kTextPlain, Operation::kRead, FormatTarget{Path(3, 0, 7, 1), false, DataType::kInteger}, Lwm2mVersion::k1_2));
  EXPECT_FALSE(format_allowed(ContentFormat::kTextPlain, Operation::kRead, kInstance, Lwm2mVersion::k1_2));
  EXPECT_TRUE(format_allowed(ContentFormat::kOpaque, Operation::kWrite, kSingleOpaque, Lwm2mVersion::k1_2));
  EXPECT_FALSE(format_allowed(ContentFormat::kOpaque, Operation::kRead, kSingleString, Lwm2mVersion::k1_2));
}

TEST(Negotiation, CompositeOnlyInSenmlAndLwm2mCbor) {
  for (ContentFormat f : {ContentFormat::kSenmlJson, ContentFormat::kSenmlCbor, ContentFormat::kLwm2mCbor})
    EXPECT_TRUE(format_allowed(f, Operation::kReadComposite, kRoot, Lwm2mVersion::k1_2));
  for (ContentFormat f : {ContentFormat::kTlv, ContentFormat::kOmaJson, ContentFormat::kTextPlain})
    EXPECT_FALSE(format_allowed(f, Operation::kReadComposite, kRoot, Lwm2mVersion::k1_2));
}

TEST(Negotiation, VersionLimitsFormats) {
  EXPECT_FALSE(format_allowed(ContentFormat::kSenmlCbor, Operation::kRead, kInstance, Lwm2mVersion::k1_0));
  EXPECT_TRUE(format_allowed(ContentFormat::kSenmlCbor, Operation::kRead, kInstance, Lwm2mVersion::k1_1));
  EXPECT_FALSE(format_allowed(ContentFormat::kLwm2mCbor, Operation::kRead, kInstance, Lwm2mVersion::k1_1));
  EXPECT_TRUE(format_allowed(ContentFormat::kLwm2mCbor, Operation::kRead, kInstance, Lwm2mVersion::k1_2));
}

TEST(Negotiation, AcceptOptionDecidesOr406) {
  EXPECT_EQ(*choose_response_format(11542, Operation::kRead, kInstance, Lwm2mVersion::k1_2, ContentFormat::kSenmlCbor),
            ContentFormat::kTlv);
  EXPECT_EQ(*choose_response_format(1542, Operation::kRead, kInstance, Lwm2mVersion::k1_0, ContentFormat::kTlv),
            ContentFormat::kTlv);  // 1.0-era number
  EXPECT_EQ(choose_response_format(0, Operation::kRead, kInstance, Lwm2mVersion::k1_2, ContentFormat::kTlv).error(),
            Error::kNotAcceptable);
  EXPECT_EQ(choose_response_format(50, Operation::kRead, kInstance, Lwm2mVersion::k1_2, ContentFormat::kTlv).error(),
            Error::kNotAcceptable);  // application/json is not an LwM2M format
  EXPECT_EQ(choose_response_format(40, Operation::kRead, kInstance, Lwm2mVersion::k1_2, ContentFormat::kTlv).error(),
            Error::kNotAcceptable);
}

TEST(Negotiation, DefaultsWithoutAccept) {
  EXPECT_EQ(*choose_response_format(std::nullopt, Operation::kRead, kInstance, Lwm2mVersion::k1_2, ContentFormat::kSenmlCbor),
            ContentFormat::kSenmlCbor);
  EXPECT_EQ(*choose_response_format(std::nullopt, Operation::kRead, kInstance, Lwm2mVersion::k1_0, ContentFormat::kSenmlCbor),
            ContentFormat::kTlv);  // preferred format not in 1.0
  EXPECT_EQ(*choose_response_format(std::nullopt, Operation::kRead, kSingleOpaque, Lwm2mVersion::k1_2, ContentFormat::kTextPlain),
            ContentFormat::kOpaque);
  EXPECT_EQ(*choose_response_format(std::nullopt, Operation::kDiscover, kInstance, Lwm2mVersion::k1_2, ContentFormat::kTlv),
            ContentFormat::kLinkFormat);
}

TEST(Negotiation, RequestFormatOr415) {
  EXPECT_EQ(*check_request_format(112, Operation::kWriteComposite, kRoot, Lwm2mVersion::k1_2), ContentFormat::kSenmlCbor);
  EXPECT_EQ(check_request_format(11542, Operation::kWriteComposite, kRoot, Lwm2mVersion::k1_2).error(),
            Error::kUnsupportedFormat);
  EXPECT_EQ(check_request_format(60, Operation::kWrite, kSingleString, Lwm2mVersion::k1_2).error(),
            Error::kUnsupportedFormat);
  EXPECT_EQ(check_request_format(0, Operation::kWrite, kSingleString, Lwm2mVersion::k1_2).value(), ContentFormat::kTextPlain);
}
