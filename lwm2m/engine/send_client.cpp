#include "lwm2m/engine/send_client.h"

#include <algorithm>
#include <string_view>

#include "lwm2m/link/object_links.h"
#include "lwm2m/model/operations.h"

namespace lwm2m {
namespace {

constexpr uint16_t kLwm2mServerObject = 1;
constexpr uint16_t kShortServerIdResource = 0;
constexpr uint16_t kMuteSendResource = 23;
constexpr size_t kMaxSendPaths = 16;

// Uri-Path of the Send request: /dp (Core TS §6.4.4).
constexpr std::string_view kDataPushPath[] = {"dp"};

bool sendable_format(ContentFormat format) {
  return format == ContentFormat::kSenmlCbor || format == ContentFormat::kSenmlJson ||
         format == ContentFormat::kLwm2mCbor;
}

bool same_short_server_id(const Value& id, uint16_t short_server_id) {
  return (id.type == DataType::kInteger && id.integer == short_server_id) ||
         (id.type == DataType::kUnsignedInteger && id.unsigned_integer == short_server_id);
}

}  // namespace

bool SendClient::muted(uint16_t short_server_id) const {
  const Object* server = registry_.find(kLwm2mServerObject);
  if (server == nullptr) return false;
  for (size_t i = 0; i < server->instance_count(); ++i) {
    uint16_t instance = server->instance_id(i);
    Value id;
    if (!server->read(Path(kLwm2mServerObject, instance, kShortServerIdResource), id).ok() ||
        !same_short_server_id(id, short_server_id))
      continue;
    Value mute;
    if (!server->has_resource(instance, kMuteSendResource) ||
        !server->read(Path(kLwm2mServerObject, instance, kMuteSendResource), mute).ok())
      return false;
    return mute.type == DataType::kBoolean && mute.boolean;
  }
  return false;
}

Result<size_t> SendClient::encode(std::span<const Path> paths, ContentFormat format) {
  if (paths.size() > kMaxSendPaths) return Error::kCapacityExceeded;
  // Records go out in ascending path order; a path inside another listed one adds nothing.
  Path sorted[kMaxSendPaths];
  std::copy(paths.begin(), paths.end(), sorted);
  std::sort(sorted, sorted + paths.size());
  Result<RecordEncoder*> encoder = encoder_.open(format, payload_buffer_);
  if (!encoder.ok()) return encoder.status();
  LWM2M_TRY((*encoder)->begin(Path()));
  for (size_t i = 0; i < paths.size(); ++i) {
    bool nested = false;
    for (size_t j = 0; j < paths.size() && !nested; ++j)
      nested = (j < i && sorted[i] == sorted[j]) || (sorted[i] != sorted[j] && sorted[i].is_within(sorted[j]));
    if (nested) continue;
    LWM2M_TRY(read_into(registry_, sorted[i], **encoder));
  }
  return (*encoder)->finish();
}

Status SendClient::send(ConnectionId connection, uint16_t short_server_id, std::span<const Path> paths,
                        ContentFormat format, SendObserver* observer) {
  if (busy_) return Error::kCapacityExceeded;
  if (muted(short_server_id)) return Error::kMethodNotAllowed;
  if (!sendable_format(format)) return Error::kUnsupportedFormat;
  if (paths.empty()) return Error::kBadRequest;
  for (const Path& path : paths) {
    if (path.is_root()) return Error::kBadRequest;
    // Credentials never leave through Send, as they never do through Read.
    if (path.object() == kSecurityObjectId || path.object() == kOscoreObjectId) return Error::kMethodNotAllowed;
  }
  Result<size_t> size = encode(paths, format);
  if (!size.ok()) {
    payload_size_ = 0;
    return size.status();
  }
  payload_size_ = *size;

  coap::Request request;
  request.method = coap::Method::kPost;
  request.path = kDataPushPath;
  request.content_format = static_cast<uint16_t>(format);
  request.confirmable = true;
  request.payload = payload_buffer_.first(payload_size_);
  observer_ = observer;
  busy_ = true;
  Status sent = endpoint_.request(connection, request, *this);
  if (!sent.ok()) {
    busy_ = false;
    observer_ = nullptr;
  }
  return sent;
}

void SendClient::on_response(const coap::Response& response) {
  SendOutcome outcome;
  outcome.code = response.code;
  if (response.code == coap::kChanged) {
    outcome.status = kOk;
  } else if (coap::is_success(response.code)) {
    outcome.status = kOk;  // a 2.xx other than 2.04 still means the data arrived
  } else if (response.code == coap::kNotFound) {
    outcome.status = Error::kNotFound;  // a server without /dp
  } else if (response.code == coap::kUnauthorized || response.code == coap::kForbidden) {
    outcome.status = Error::kUnauthorized;
  } else if (response.code == coap::kUnsupportedContentFormat) {
    outcome.status = Error::kUnsupportedFormat;
  } else {
    outcome.status = Error::kBadRequest;
  }
  finish(outcome);
}

void SendClient::on_failure(Error error) {
  SendOutcome outcome;
  outcome.status = error;
  finish(outcome);
}

void SendClient::finish(const SendOutcome& outcome) {
  SendObserver* observer = observer_;
  busy_ = false;
  observer_ = nullptr;
  // The observer may start the next Send from inside this call.
  if (observer != nullptr) observer->send_finished(outcome);
}

}  // namespace lwm2m
