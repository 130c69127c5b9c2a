// Firmware Update (5): the state machine of the object's State and Update
// Result resources (OMA 5.xml text, Core TS 1.2 firmware update state
// machine), push and pull delivery, every failure result and cancellation.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "object_test_util.h"
#include "objects/firmware_update_object.h"

namespace lwm2m::objects {
namespace {

using testing::expect_mandatory_resources;
using testing::read_value;
using testing::server_execute;
using testing::server_write;
using testing::text;

// Records what the object asks of it; each step answers what the test sets.
struct FakeSink final : FirmwareSink {
  std::string log;
  std::string uri;
  std::vector<uint8_t> image;
  UpdateResult begin_answer = kSinkOk;
  UpdateResult write_answer = kSinkOk;
  UpdateResult finish_answer = kSinkOk;
  UpdateResult install_answer = kSinkOk;

  UpdateResult begin(std::string_view u) override {
    log += "b";
    uri = std::string(u);
    image.clear();
    return begin_answer;
  }
  UpdateResult write(std::span<const uint8_t> chunk) override {
    log += "w";
    image.insert(image.end(), chunk.begin(), chunk.end());
    return write_answer;
  }
  UpdateResult finish() override {
    log += "f";
    return finish_answer;
  }
  void abort() override {
    log += "a";
    image.clear();
  }
  UpdateResult install() override {
    log += "i";
    return install_answer;
  }
};

const std::vector<uint8_t> kImage = {0xDE, 0xAD, 0xBE, 0xEF, 0x01};

Value package(const std::vector<uint8_t>& bytes) { return Value::of_opaque(bytes); }

class FirmwareUpdate : public ::testing::Test {
 protected:
  FakeSink sink;
  FirmwareUpdateObject fw{sink};

  FirmwareState state() {
    int64_t s = read_value(fw, 0, 3).integer;
    EXPECT_EQ(s, static_cast<int64_t>(fw.state()));
    return static_cast<FirmwareState>(s);
  }
  UpdateResult result() {
    int64_t r = read_value(fw, 0, 5).integer;
    EXPECT_EQ(r, static_cast<int64_t>(fw.result()));
    return static_cast<UpdateResult>(r);
  }
  void push_whole_image() {
    ASSERT_TRUE(server_write(fw, Path(5, 0, 0), package(kImage)).ok());
    ASSERT_EQ(state(), FirmwareState::kDownloaded);
  }
  void start_pull(std::string_view uri = "coaps://127.0.0.1/fw.bin") {
    ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string(uri)).ok());
    ASSERT_EQ(state(), FirmwareState::kDownloading);
  }
};

TEST_F(FirmwareUpdate, FreshObjectIsIdleWithInitialResult) {
  expect_mandatory_resources(fw, 0);
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kInitial);
  EXPECT_EQ(text(read_value(fw, 0, 1)), "");
  EXPECT_EQ(read_value(fw, 0, 9).integer, 2);  // both delivery methods
  EXPECT_EQ(read_value(fw, 0, 8, 0).integer, 0);  // CoAP
  EXPECT_EQ(read_value(fw, 0, 8, 1).integer, 1);  // CoAPS
  EXPECT_TRUE(fw.has_resource(0, 2));
  EXPECT_TRUE(fw.has_resource(0, 10));
}

TEST_F(FirmwareUpdate, PushOfWholePackageThenUpdateSucceeds) {
  push_whole_image();
  EXPECT_EQ(sink.log, "bwf");
  EXPECT_EQ(sink.image, kImage);
  EXPECT_TRUE(sink.uri.empty());
  EXPECT_EQ(result(), UpdateResult::kInitial);
  ASSERT_TRUE(server_execute(fw, 0, 2).ok());
  EXPECT_EQ(state(), FirmwareState::kUpdating);
  EXPECT_EQ(sink.log, "bwfi");
  ASSERT_TRUE(fw.update_finished(UpdateResult::kSuccess).ok());
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kSuccess);
}

TEST_F(FirmwareUpdate, BlockwisePushStreamsIntoTheSink) {
  std::vector<uint8_t> first = {1, 2, 3, 4};
  std::vector<uint8_t> second = {5, 6};
  ASSERT_TRUE(fw.write_package_block(0, first, false).ok());
  EXPECT_EQ(state(), FirmwareState::kDownloading);
  // Out of sequence blocks are refused and change nothing.
  EXPECT_EQ(fw.write_package_block(2, second, true), Error::kBadRequest);
  EXPECT_EQ(fw.write_package_block(0, second, true), Error::kMethodNotAllowed);
  EXPECT_EQ(state(), FirmwareState::kDownloading);
  ASSERT_TRUE(fw.write_package_block(4, second, true).ok());
  EXPECT_EQ(state(), FirmwareState::kDownloaded);
  EXPECT_EQ(sink.image, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(sink.log, "bwwf");
}

TEST_F(FirmwareUpdate, BlockwiseSinkFailureStopsTransfer) {
  sink.write_answer = UpdateResult::kNotEnoughFlash;
  std::vector<uint8_t> block = {1, 2};
  EXPECT_EQ(fw.write_package_block(0, block, false), Error::kCapacityExceeded);
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kNotEnoughFlash);
  EXPECT_EQ(sink.log, "bwa");
  EXPECT_EQ(fw.write_package_block(2, block, true), Error::kBadRequest);  // the rest is refused
}

TEST_F(FirmwareUpdate, BlockwiseIntegrityFailureAtTheEnd) {
  sink.finish_answer = UpdateResult::kIntegrityCheckFailure;
  std::vector<uint8_t> block = {1, 2};
  EXPECT_EQ(fw.write_package_block(0, block, true), Error::kBadRequest);
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kIntegrityCheckFailure);
}

TEST_F(FirmwareUpdate, PullDownloadThenUpdate) {
  start_pull();
  EXPECT_EQ(sink.uri, "coaps://127.0.0.1/fw.bin");
  EXPECT_EQ(text(read_value(fw, 0, 1)), "coaps://127.0.0.1/fw.bin");
  std::vector<uint8_t> part = {9, 8, 7};
  ASSERT_TRUE(fw.download_chunk(part).ok());
  ASSERT_TRUE(fw.download_chunk(part).ok());
  ASSERT_TRUE(fw.download_complete().ok());
  EXPECT_EQ(state(), FirmwareState::kDownloaded);
  EXPECT_EQ(sink.image.size(), 6u);
  ASSERT_TRUE(server_execute(fw, 0, 2).ok());
  EXPECT_EQ(state(), FirmwareState::kUpdating);
  ASSERT_TRUE(fw.update_finished(UpdateResult::kSuccess).ok());
  EXPECT_EQ(result(), UpdateResult::kSuccess);
  EXPECT_EQ(sink.log, "bwwfi");
}

TEST_F(FirmwareUpdate, PullApiRefusedOutsideAPull) {
  std::vector<uint8_t> part = {1};
  EXPECT_EQ(fw.download_chunk(part), Error::kMethodNotAllowed);
  EXPECT_EQ(fw.download_complete(), Error::kMethodNotAllowed);
  EXPECT_EQ(fw.download_failed(UpdateResult::kConnectionLost), Error::kMethodNotAllowed);
  ASSERT_TRUE(fw.write_package_block(0, part, false).ok());  // a push is going on
  EXPECT_EQ(fw.download_chunk(part), Error::kMethodNotAllowed);
}

// Every download failure result returns the machine to Idle with that result.
TEST_F(FirmwareUpdate, EveryPullFailureResult) {
  for (UpdateResult r : {UpdateResult::kNotEnoughFlash, UpdateResult::kOutOfRam, UpdateResult::kConnectionLost,
                         UpdateResult::kIntegrityCheckFailure, UpdateResult::kUnsupportedPackageType,
                         UpdateResult::kInvalidUri, UpdateResult::kUpdateFailed, UpdateResult::kUnsupportedProtocol}) {
    SCOPED_TRACE(static_cast<int>(r));
    start_pull();
    ASSERT_TRUE(fw.download_failed(r).ok());
    EXPECT_EQ(state(), FirmwareState::kIdle);
    EXPECT_EQ(result(), r);
    EXPECT_EQ(sink.log.back(), 'a');  // the partial image is dropped
  }
  start_pull();
  EXPECT_EQ(fw.download_failed(UpdateResult::kSuccess), Error::kBadRequest);
  EXPECT_EQ(fw.download_failed(UpdateResult::kInitial), Error::kBadRequest);
  EXPECT_EQ(fw.download_failed(UpdateResult::kCancelled), Error::kBadRequest);
  EXPECT_EQ(state(), FirmwareState::kDownloading);
}

TEST_F(FirmwareUpdate, SinkFailuresDuringPushWriteAreReportedInUpdateResult) {
  // Each step of a one-write push can fail; the Write succeeds, the result tells.
  sink.begin_answer = UpdateResult::kNotEnoughFlash;
  ASSERT_TRUE(server_write(fw, Path(5, 0, 0), package(kImage)).ok());
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kNotEnoughFlash);
  sink.begin_answer = kSinkOk;
  sink.write_answer = UpdateResult::kOutOfRam;
  ASSERT_TRUE(server_write(fw, Path(5, 0, 0), package(kImage)).ok());
  EXPECT_EQ(result(), UpdateResult::kOutOfRam);
  sink.write_answer = kSinkOk;
  sink.finish_answer = UpdateResult::kUnsupportedPackageType;
  ASSERT_TRUE(server_write(fw, Path(5, 0, 0), package(kImage)).ok());
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kUnsupportedPackageType);
  EXPECT_EQ(sink.log, "b" "bwa" "bwfa");
}

TEST_F(FirmwareUpdate, PackageUriChecks) {
  // No scheme: Invalid URI (7). Unlisted scheme: Unsupported protocol (9).
  ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string("not a uri")).ok());
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kInvalidUri);
  ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string("coap:")).ok());
  EXPECT_EQ(result(), UpdateResult::kInvalidUri);
  ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string("1http://x")).ok());
  EXPECT_EQ(result(), UpdateResult::kInvalidUri);
  ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string("https://127.0.0.1/fw")).ok());
  EXPECT_EQ(result(), UpdateResult::kUnsupportedProtocol);  // only CoAP and CoAPS listed
  ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string("ftp://127.0.0.1/fw")).ok());
  EXPECT_EQ(result(), UpdateResult::kUnsupportedProtocol);
  EXPECT_TRUE(sink.log.empty());  // the sink never saw them
  // The sink may refuse a URI too.
  sink.begin_answer = UpdateResult::kInvalidUri;
  ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string("COAP://127.0.0.1/fw")).ok());
  EXPECT_EQ(sink.log, "b");
  EXPECT_EQ(result(), UpdateResult::kInvalidUri);
  EXPECT_EQ(state(), FirmwareState::kIdle);
  // Over 255 bytes is refused by the DDF range before anything happens.
  EXPECT_EQ(server_write(fw, Path(5, 0, 1), Value::of_string(std::string(256, 'a'))), Error::kOutOfRange);
}

TEST_F(FirmwareUpdate, SchemeTable) {
  EXPECT_EQ(protocol_for_scheme("coap"), UpdateProtocol::kCoap);
  EXPECT_EQ(protocol_for_scheme("CoAPs"), UpdateProtocol::kCoaps);
  EXPECT_EQ(protocol_for_scheme("http"), UpdateProtocol::kHttp);
  EXPECT_EQ(protocol_for_scheme("https"), UpdateProtocol::kHttps);
  EXPECT_EQ(protocol_for_scheme("coap+tcp"), UpdateProtocol::kCoapTcp);
  EXPECT_EQ(protocol_for_scheme("coaps+tcp"), UpdateProtocol::kCoapTls);
  EXPECT_FALSE(protocol_for_scheme("coap+ws").has_value());
  EXPECT_FALSE(protocol_for_scheme("").has_value());
}

TEST_F(FirmwareUpdate, EmptyPackageOrUriResetsToIdleWithResultZero) {
  // From Downloading (pull), with an empty URI.
  start_pull();
  ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string("")).ok());
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kInitial);
  EXPECT_EQ(sink.log, "ba");
  // From Downloaded, with an empty package.
  push_whole_image();
  ASSERT_TRUE(server_write(fw, Path(5, 0, 0), package({})).ok());
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(sink.log, "ba" "bwf" "a");
  // With the single NUL byte, after a failure: the result returns to 0.
  ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string("ftp://x")).ok());
  EXPECT_EQ(result(), UpdateResult::kUnsupportedProtocol);
  ASSERT_TRUE(server_write(fw, Path(5, 0, 0), package({0})).ok());
  EXPECT_EQ(result(), UpdateResult::kInitial);
  EXPECT_EQ(text(read_value(fw, 0, 1)), "");
  // A blockwise reset (a single empty last block).
  ASSERT_TRUE(fw.write_package_block(0, {}, true).ok());
  EXPECT_EQ(state(), FirmwareState::kIdle);
}

TEST_F(FirmwareUpdate, UpdateOutsideDownloadedIsMethodNotAllowed) {
  EXPECT_EQ(server_execute(fw, 0, 2), Error::kMethodNotAllowed);  // Idle
  EXPECT_EQ(coap_code_for(Error::kMethodNotAllowed), 0x85);       // 4.05
  start_pull();
  EXPECT_EQ(server_execute(fw, 0, 2), Error::kMethodNotAllowed);  // Downloading
  ASSERT_TRUE(fw.download_complete().ok());
  ASSERT_TRUE(server_execute(fw, 0, 2).ok());
  EXPECT_EQ(server_execute(fw, 0, 2), Error::kMethodNotAllowed);  // Updating
  EXPECT_EQ(sink.log, "bfi");
}

TEST_F(FirmwareUpdate, InstallFailures) {
  // The install refuses to start: Idle with its result.
  push_whole_image();
  sink.install_answer = UpdateResult::kUpdateFailed;
  ASSERT_TRUE(server_execute(fw, 0, 2).ok());
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kUpdateFailed);
  // The install starts and fails later, with each failure code.
  sink.install_answer = kSinkOk;
  for (UpdateResult r : {UpdateResult::kNotEnoughFlash, UpdateResult::kOutOfRam, UpdateResult::kIntegrityCheckFailure,
                         UpdateResult::kUnsupportedPackageType, UpdateResult::kUpdateFailed}) {
    SCOPED_TRACE(static_cast<int>(r));
    ASSERT_TRUE(server_write(fw, Path(5, 0, 0), package(kImage)).ok());
    ASSERT_TRUE(server_execute(fw, 0, 2).ok());
    ASSERT_EQ(state(), FirmwareState::kUpdating);
    EXPECT_EQ(result(), UpdateResult::kInitial);  // reset when the update starts
    ASSERT_TRUE(fw.update_finished(r).ok());
    EXPECT_EQ(state(), FirmwareState::kIdle);
    EXPECT_EQ(result(), r);
  }
  EXPECT_EQ(fw.update_finished(UpdateResult::kInitial), Error::kBadRequest);
}

TEST_F(FirmwareUpdate, OutcomeReportedAfterRebootInIdle) {
  ASSERT_TRUE(fw.update_finished(UpdateResult::kSuccess).ok());
  EXPECT_EQ(result(), UpdateResult::kSuccess);
  push_whole_image();
  EXPECT_EQ(fw.update_finished(UpdateResult::kSuccess), Error::kMethodNotAllowed);  // nothing installing
}

TEST_F(FirmwareUpdate, NothingInterruptsAnInstall) {
  push_whole_image();
  ASSERT_TRUE(server_execute(fw, 0, 2).ok());
  EXPECT_EQ(server_write(fw, Path(5, 0, 0), package({})), Error::kMethodNotAllowed);
  EXPECT_EQ(server_write(fw, Path(5, 0, 1), Value::of_string("")), Error::kMethodNotAllowed);
  EXPECT_EQ(server_execute(fw, 0, 10), Error::kMethodNotAllowed);
  EXPECT_EQ(fw.write_package_block(0, {}, true), Error::kMethodNotAllowed);
  EXPECT_EQ(state(), FirmwareState::kUpdating);
}

TEST_F(FirmwareUpdate, NewImageNeedsAResetFirst) {
  start_pull();
  EXPECT_EQ(server_write(fw, Path(5, 0, 0), package(kImage)), Error::kMethodNotAllowed);
  EXPECT_EQ(server_write(fw, Path(5, 0, 1), Value::of_string("coap://127.0.0.1/b")), Error::kMethodNotAllowed);
  EXPECT_EQ(text(read_value(fw, 0, 1)), "coaps://127.0.0.1/fw.bin");
}

TEST_F(FirmwareUpdate, CancelInDownloadingAndDownloaded) {
  start_pull();
  ASSERT_TRUE(server_execute(fw, 0, 10).ok());
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kCancelled);
  push_whole_image();
  ASSERT_TRUE(server_execute(fw, 0, 10).ok());
  EXPECT_EQ(state(), FirmwareState::kIdle);
  EXPECT_EQ(result(), UpdateResult::kCancelled);
  EXPECT_EQ(sink.log, "ba" "bwfa");
  EXPECT_EQ(server_execute(fw, 0, 10), Error::kMethodNotAllowed);  // nothing to cancel
}

TEST(FirmwareUpdateDelivery, PullOnlyRefusesPackageAndPushOnlyRefusesUri) {
  FakeSink sink;
  FirmwareUpdateObject pull_only(sink, DeliveryMethod::kPull);
  EXPECT_EQ(read_value(pull_only, 0, 9).integer, 0);
  EXPECT_EQ(server_write(pull_only, Path(5, 0, 0), Value::of_opaque(kImage)), Error::kMethodNotAllowed);
  EXPECT_EQ(pull_only.write_package_block(0, kImage, true), Error::kMethodNotAllowed);
  FirmwareUpdateObject push_only(sink, DeliveryMethod::kPush);
  EXPECT_EQ(server_write(push_only, Path(5, 0, 1), Value::of_string("coap://127.0.0.1/x")), Error::kMethodNotAllowed);
  EXPECT_TRUE(server_write(push_only, Path(5, 0, 1), Value::of_string("")).ok());  // a reset is always fine
  EXPECT_TRUE(sink.log.empty());
}

TEST(FirmwareUpdateDelivery, ProtocolSupportListsWhatTheClientGives) {
  FakeSink sink;
  const UpdateProtocol protocols[] = {UpdateProtocol::kHttps};
  FirmwareUpdateObject fw(sink, DeliveryMethod::kBoth, protocols);
  uint16_t ids[8];
  ASSERT_EQ(fw.resource_instances(0, 8, ids), 1u);
  EXPECT_EQ(read_value(fw, 0, 8, 0).integer, 3);
  ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string("coap://127.0.0.1/x")).ok());
  EXPECT_EQ(fw.result(), UpdateResult::kUnsupportedProtocol);
  ASSERT_TRUE(server_write(fw, Path(5, 0, 1), Value::of_string("https://127.0.0.1/x")).ok());
  EXPECT_EQ(fw.state(), FirmwareState::kDownloading);
}

TEST(FirmwareUpdateDelivery, PackageInfo) {
  FakeSink sink;
  FirmwareUpdateObject fw(sink);
  ASSERT_TRUE(fw.set_package_info("app", "2.0.1").ok());
  EXPECT_EQ(text(read_value(fw, 0, 6)), "app");
  EXPECT_EQ(text(read_value(fw, 0, 7)), "2.0.1");
  EXPECT_EQ(fw.set_package_info(std::string(256, 'x'), "1"), Error::kOutOfRange);
}

}  // namespace
}  // namespace lwm2m::objects
