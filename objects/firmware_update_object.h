// Firmware Update object (5, version 1.2) with the state machine of its
// Core TS definition: Idle -> Downloading -> Downloaded -> Updating -> Idle.
// Image bytes stream straight into the application's FirmwareSink (flash or
// the PSA Firmware Update API); the object never buffers a whole image.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/firmware_update.h"

namespace lwm2m::objects {

enum class FirmwareState : uint8_t { kIdle = 0, kDownloading = 1, kDownloaded = 2, kUpdating = 3 };

// Update Result (/5/0/5) values, as the Firmware Update object defines them.
enum class UpdateResult : uint8_t {
  kInitial = 0,
  kSuccess = 1,
  kNotEnoughFlash = 2,
  kOutOfRam = 3,
  kConnectionLost = 4,
  kIntegrityCheckFailure = 5,
  kUnsupportedPackageType = 6,
  kInvalidUri = 7,
  kUpdateFailed = 8,
  kUnsupportedProtocol = 9,
  kCancelled = 10,
  kDeferred = 11,
};

// A sink step that went well answers kSinkOk; anything else is the failure
// the server will read in Update Result.
inline constexpr UpdateResult kSinkOk = UpdateResult::kInitial;

// Firmware Update Delivery Method (/5/0/9).
enum class DeliveryMethod : uint8_t { kPull = 0, kPush = 1, kBoth = 2 };

// Firmware Update Protocol Support (/5/0/8) values; also the URI schemes a pull accepts.
enum class UpdateProtocol : uint8_t { kCoap = 0, kCoaps = 1, kHttp = 2, kHttps = 3, kCoapTcp = 4, kCoapTls = 5 };

// The application's side of an update.
class FirmwareSink {
 public:
  // A new image starts. For a pull `uri` names it and the application fetches
  // it, handing the bytes back through FirmwareUpdateObject::download_chunk
  // and download_complete (or download_failed). For a push `uri` is empty.
  virtual UpdateResult begin(std::string_view uri) = 0;
  // The next bytes of the image, in order.
  virtual UpdateResult write(std::span<const uint8_t> chunk) = 0;
  // Every byte arrived: check the image (integrity, type) and keep it ready.
  virtual UpdateResult finish() = 0;
  // Forget a partial or downloaded image.
  virtual void abort() = 0;
  // Start installing the downloaded image. The outcome is reported later
  // through FirmwareUpdateObject::update_finished (often after a reboot).
  virtual UpdateResult install() = 0;

 protected:
  ~FirmwareSink() = default;
};

// Pools: the single instance, 16 values (Package URI, names, protocol list
// and the writable optional values), 640 bytes: a 255-byte URI twice (a
// replacement is copied before the old value is freed) and package names.
class FirmwareUpdateObject final : public StoredObject<1, 16, 640> {
 public:
  static constexpr UpdateProtocol kDefaultProtocols[] = {UpdateProtocol::kCoap, UpdateProtocol::kCoaps};

  explicit FirmwareUpdateObject(FirmwareSink& sink, DeliveryMethod delivery = DeliveryMethod::kBoth,
                                std::span<const UpdateProtocol> protocols = kDefaultProtocols);

  FirmwareState state() const { return state_; }
  UpdateResult result() const { return result_; }

  // PkgName (/5/0/6) and PkgVersion (/5/0/7) of the image, once known.
  Status set_package_info(std::string_view name, std::string_view version);

  // For the engine: one block of a block-wise Write of Package (/5/0/0).
  // Blocks come in order; `offset` must be where the previous one ended.
  // A sink failure ends the download (state Idle, Update Result set) and is
  // returned as an error so the transfer stops.
  Status write_package_block(size_t offset, std::span<const uint8_t> block, bool last);

  // For the application during a pull started by a Package URI write.
  Status download_chunk(std::span<const uint8_t> chunk);
  Status download_complete();
  Status download_failed(UpdateResult reason);

  // For the application when an install ends: kSuccess or a failure code.
  // Accepted in Updating, and in Idle to report the outcome after a reboot.
  Status update_finished(UpdateResult outcome);

  bool has_resource(uint16_t instance, uint16_t resource) const override;
  Status read(const Path& path, Value& out) const override;
  Status validate(const Path& path, const Value& value) const override;
  Status write(const Path& path, const Value& value) override;
  Status execute(uint16_t instance, uint16_t resource, std::span<const uint8_t> arguments) override;

 private:
  bool supports(UpdateProtocol protocol) const;
  // kSinkOk, kInvalidUri (no RFC 3986 scheme) or kUnsupportedProtocol.
  UpdateResult check_uri(std::string_view uri) const;
  void reset(UpdateResult result);
  // Ends the current download with a failure: the sink forgets the image.
  void fail(UpdateResult reason);
  void start_push();
  Status write_package(std::span<const uint8_t> package);
  Status write_package_uri(std::string_view uri);
  // Runs the sink's finish: Downloaded on success, failure otherwise.
  void complete_download();

  FirmwareSink& sink_;
  DeliveryMethod delivery_;
  FirmwareState state_ = FirmwareState::kIdle;
  UpdateResult result_ = UpdateResult::kInitial;
  bool pulling_ = false;         // the current download came from a Package URI
  size_t received_ = 0;          // bytes of a pushed package so far
};

// The Protocol Support value a URI scheme names ("coaps" -> kCoaps), if any.
std::optional<UpdateProtocol> protocol_for_scheme(std::string_view scheme);

}  // namespace lwm2m::objects
