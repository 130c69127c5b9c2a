#include "objects/firmware_update_object.h"

#include "objects/object_setup.h"

namespace lwm2m::objects {

namespace {
constexpr uint16_t kInstance = 0;

enum Resource : uint16_t {
  kPackage = 0,
  kPackageUri = 1,
  kUpdate = 2,
  kState = 3,
  kUpdateResult = 5,
  kPkgName = 6,
  kPkgVersion = 7,
  kProtocolSupport = 8,
  kDeliveryMethod = 9,
  kCancel = 10,
};

// Writing an empty Package, or one holding the single byte '\0', resets the
// state machine (Firmware Update object, State resource text).
bool is_reset_package(std::span<const uint8_t> package) {
  return package.empty() || (package.size() == 1 && package[0] == 0);
}

bool is_scheme_char(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return alpha;
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

Error error_for(UpdateResult failure) {
  if (failure == UpdateResult::kNotEnoughFlash || failure == UpdateResult::kOutOfRam) return Error::kCapacityExceeded;
  return Error::kBadRequest;
}

bool is_failure(UpdateResult r) {
  return r != UpdateResult::kInitial && r != UpdateResult::kSuccess && r != UpdateResult::kDeferred;
}
}  // namespace

std::optional<UpdateProtocol> protocol_for_scheme(std::string_view scheme) {
  struct Entry {
    std::string_view scheme;
    UpdateProtocol protocol;
  };
  // RFC 8323 §8 gives CoAP over TCP and TLS the "coap+tcp" and "coaps+tcp" schemes.
  constexpr Entry kSchemes[] = {{"coap", UpdateProtocol::kCoap},         {"coaps", UpdateProtocol::kCoaps},
                                {"http", UpdateProtocol::kHttp},         {"https", UpdateProtocol::kHttps},
                                {"coap+tcp", UpdateProtocol::kCoapTcp}, {"coaps+tcp", UpdateProtocol::kCoapTls}};
  for (const Entry& e : kSchemes)
    if (equals_ignoring_case(e.scheme, scheme)) return e.protocol;
  return std::nullopt;
}

FirmwareUpdateObject::FirmwareUpdateObject(FirmwareSink& sink, DeliveryMethod delivery,
                                           std::span<const UpdateProtocol> protocols)
    : StoredObject(kFirmwareUpdateObject), sink_(sink), delivery_(delivery) {
  (void)create_instance(kInstance);
  (void)set(kInstance, kPackageUri, Value::of_string(""));
  (void)set(kInstance, kDeliveryMethod, Value::of_integer(static_cast<int64_t>(delivery)));
  // Six protocols exist; the pool has room for all of them.
  uint16_t index = 0;
  for (UpdateProtocol p : protocols) {
    if (index == 6) break;
    (void)set(kInstance, kProtocolSupport, index++, Value::of_integer(static_cast<int64_t>(p)));
  }
}

Status FirmwareUpdateObject::set_package_info(std::string_view name, std::string_view version) {
  if (name.size() > 255 || version.size() > 255) return Error::kOutOfRange;  // the DDF's 0..255
  LWM2M_TRY(set(kInstance, kPkgName, Value::of_string(name)));
  return set(kInstance, kPkgVersion, Value::of_string(version));
}

bool FirmwareUpdateObject::supports(UpdateProtocol protocol) const {
  uint16_t ids[6];
  size_t count = resource_instances(kInstance, kProtocolSupport, ids);
  for (size_t i = 0; i < count && i < 6; ++i) {
    Value v;
    if (StoredObject::read(Path(kFirmwareUpdateObject.id, kInstance, kProtocolSupport, ids[i]), v).ok() &&
        v.integer == static_cast<int64_t>(protocol))
      return true;
  }
  return false;
}

UpdateResult FirmwareUpdateObject::check_uri(std::string_view uri) const {
  size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) return UpdateResult::kInvalidUri;
  for (size_t i = 0; i < colon; ++i)
    if (!is_scheme_char(uri[i], i == 0)) return UpdateResult::kInvalidUri;
  if (colon + 1 == uri.size()) return UpdateResult::kInvalidUri;  // a scheme and nothing to fetch
  std::optional<UpdateProtocol> protocol = protocol_for_scheme(uri.substr(0, colon));
  if (!protocol || !supports(*protocol)) return UpdateResult::kUnsupportedProtocol;
  return kSinkOk;
}

void FirmwareUpdateObject::reset(UpdateResult result) {
  state_ = FirmwareState::kIdle;
  result_ = result;
  pulling_ = false;
  received_ = 0;
}

void FirmwareUpdateObject::fail(UpdateResult reason) {
  sink_.abort();
  reset(reason);
}

void FirmwareUpdateObject::start_push() {
  state_ = FirmwareState::kDownloading;
  result_ = UpdateResult::kInitial;
  pulling_ = false;
  received_ = 0;
}

void FirmwareUpdateObject::complete_download() {
  UpdateResult finished = sink_.finish();
  if (finished != kSinkOk) return fail(finished);
  state_ = FirmwareState::kDownloaded;
}

Status FirmwareUpdateObject::write_package_block(size_t offset, std::span<const uint8_t> block, bool last) {
  if (delivery_ == DeliveryMethod::kPull || state_ == FirmwareState::kUpdating) return Error::kMethodNotAllowed;
  if (offset == 0) {
    if (last && is_reset_package(block)) return write_package(block);
    if (state_ != FirmwareState::kIdle) return Error::kMethodNotAllowed;
    UpdateResult begun = sink_.begin({});
    if (begun != kSinkOk) {
      reset(begun);
      return error_for(begun);
    }
    start_push();
  } else if (state_ != FirmwareState::kDownloading || pulling_ || offset != received_) {
    return Error::kBadRequest;  // out of sequence: the engine answers 4.08
  }
  UpdateResult written = sink_.write(block);
  if (written != kSinkOk) {
    fail(written);
    return error_for(written);
  }
  received_ += block.size();
  if (last) {
    complete_download();
    if (state_ != FirmwareState::kDownloaded) return error_for(result_);
  }
  return kOk;
}

Status FirmwareUpdateObject::write_package(std::span<const uint8_t> package) {
  if (is_reset_package(package)) {
    if (state_ == FirmwareState::kDownloading || state_ == FirmwareState::kDownloaded) sink_.abort();
    reset(UpdateResult::kInitial);
    return set(kInstance, kPackageUri, Value::of_string(""));
  }
  // A whole package in one Write: begin, write and finish at once. A sink
  // failure is the server's to read in Update Result; the Write itself succeeded.
  UpdateResult begun = sink_.begin({});
  if (begun != kSinkOk) {
    reset(begun);
    return kOk;
  }
  start_push();
  UpdateResult written = sink_.write(package);
  if (written != kSinkOk) {
    fail(written);
    return kOk;
  }
  received_ = package.size();
  complete_download();
  return kOk;
}

Status FirmwareUpdateObject::write_package_uri(std::string_view uri) {
  if (uri.empty()) {
    if (state_ == FirmwareState::kDownloading || state_ == FirmwareState::kDownloaded) sink_.abort();
    reset(UpdateResult::kInitial);
    return set(kInstance, kPackageUri, Value::of_string(""));
  }
  LWM2M_TRY(set(kInstance, kPackageUri, Value::of_string(uri)));
  UpdateResult usable = check_uri(uri);
  if (usable != kSinkOk) {
    reset(usable);
    return kOk;
  }
  UpdateResult begun = sink_.begin(uri);
  if (begun != kSinkOk) {
    reset(begun);
    return kOk;
  }
  state_ = FirmwareState::kDownloading;
  result_ = UpdateResult::kInitial;
  pulling_ = true;
  received_ = 0;
  return kOk;
}

Status FirmwareUpdateObject::download_chunk(std::span<const uint8_t> chunk) {
  if (state_ != FirmwareState::kDownloading || !pulling_) return Error::kMethodNotAllowed;
  UpdateResult written = sink_.write(chunk);
  if (written != kSinkOk) {
    fail(written);
    return error_for(written);
  }
  received_ += chunk.size();
  return kOk;
}

Status FirmwareUpdateObject::download_complete() {
  if (state_ != FirmwareState::kDownloading || !pulling_) return Error::kMethodNotAllowed;
  complete_download();
  return state_ == FirmwareState::kDownloaded ? kOk : error_for(result_);
}

Status FirmwareUpdateObject::download_failed(UpdateResult reason) {
  if (!is_failure(reason) || reason == UpdateResult::kCancelled) return Error::kBadRequest;
  if (state_ != FirmwareState::kDownloading || !pulling_) return Error::kMethodNotAllowed;
  fail(reason);
  return kOk;
}

Status FirmwareUpdateObject::update_finished(UpdateResult outcome) {
  if (outcome != UpdateResult::kSuccess && !is_failure(outcome)) return Error::kBadRequest;
  if (state_ != FirmwareState::kUpdating && state_ != FirmwareState::kIdle) return Error::kMethodNotAllowed;
  reset(outcome);
  return kOk;
}

bool FirmwareUpdateObject::has_resource(uint16_t instance, uint16_t resource) const {
  if (!has_instance(instance)) return false;
  switch (resource) {
    case kPackage:
    case kUpdate:
    case kState:
    case kUpdateResult:
    case kCancel: return true;
    default: return StoredObject::has_resource(instance, resource);
  }
}

Status FirmwareUpdateObject::read(const Path& path, Value& out) const {
  if (path.depth() == Path::kResource && has_instance(path.instance())) {
    if (path.resource() == kState) {
      out = Value::of_integer(static_cast<int64_t>(state_));
      return kOk;
    }
    if (path.resource() == kUpdateResult) {
      out = Value::of_integer(static_cast<int64_t>(result_));
      return kOk;
    }
  }
  return StoredObject::read(path, out);
}

Status FirmwareUpdateObject::validate(const Path& path, const Value& value) const {
  if (path.depth() < Path::kResource) return kOk;
  bool is_package = path.resource() == kPackage;
  if (!is_package && path.resource() != kPackageUri) return kOk;
  // Nothing may interrupt an install.
  if (state_ == FirmwareState::kUpdating) return Error::kMethodNotAllowed;
  bool resets = is_package ? is_reset_package(value.bytes) : value.bytes.empty();
  if (resets) return kOk;
  if (delivery_ == (is_package ? DeliveryMethod::kPull : DeliveryMethod::kPush)) return Error::kMethodNotAllowed;
  // A new image needs the previous one reset first (write an empty value).
  if (state_ != FirmwareState::kIdle) return Error::kMethodNotAllowed;
  return kOk;
}

Status FirmwareUpdateObject::write(const Path& path, const Value& value) {
  if (path.depth() == Path::kResource && path.instance() == kInstance) {
    if (path.resource() == kPackage || path.resource() == kPackageUri) {
      LWM2M_TRY(validate(path, value));
      return path.resource() == kPackage ? write_package(value.bytes) : write_package_uri(value.text());
    }
  }
  return StoredObject::write(path, value);
}

Status FirmwareUpdateObject::execute(uint16_t instance, uint16_t resource, std::span<const uint8_t>) {
  if (!has_instance(instance)) return Error::kNotFound;
  if (resource == kUpdate) {
    if (state_ != FirmwareState::kDownloaded) return Error::kMethodNotAllowed;  // 4.05
    state_ = FirmwareState::kUpdating;
    result_ = UpdateResult::kInitial;
    UpdateResult started = sink_.install();
    if (started != kSinkOk) reset(started);
    return kOk;
  }
  if (resource == kCancel) {
    // Cancel is possible until the install begins (Cancel resource text).
    if (state_ != FirmwareState::kDownloading && state_ != FirmwareState::kDownloaded) return Error::kMethodNotAllowed;
    fail(UpdateResult::kCancelled);
    return kOk;
  }
  return Error::kMethodNotAllowed;
}

}  // namespace lwm2m::objects
