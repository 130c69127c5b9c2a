#include "lwm2m/engine/bootstrap_client.h"

#include <algorithm>

namespace lwm2m {

namespace {

constexpr std::string_view kBootstrapPath[] = {"bs"};

uint64_t seconds(uint64_t s) { return s * 1000; }

// "name=value" into `text` at `used`; empty view when it does not fit.
std::string_view put(std::span<char> text, size_t& used, std::string_view name, std::string_view value) {
  if (name.size() + 1 + value.size() > text.size() - used) return {};
  char* start = text.data() + used;
  char* end = std::copy(name.begin(), name.end(), start);
  *end++ = '=';
  end = std::copy(value.begin(), value.end(), end);
  used += static_cast<size_t>(end - start);
  return std::string_view(start, static_cast<size_t>(end - start));
}

}  // namespace

const char* bootstrap_state_name(BootstrapState state) {
  switch (state) {
    case BootstrapState::kIdle: return "Idle";
    case BootstrapState::kHoldOff: return "HoldOff";
    case BootstrapState::kRequesting: return "Requesting";
    case BootstrapState::kBootstrapping: return "Bootstrapping";
    case BootstrapState::kFinished: return "Finished";
    case BootstrapState::kFailed: return "Failed";
  }
  return "?";
}

Status BootstrapClient::start() {
  ServerAccountConfig accounts[RegistrationClient::kMaxServers + 2];
  Result<size_t> count = collect_server_accounts(registry_, accounts);
  if (!count.ok()) return count.status();
  const ServerAccountConfig* found = nullptr;
  for (size_t i = 0; i < *count && found == nullptr; ++i)
    if (accounts[i].bootstrap && accounts[i].uri_size != 0) found = &accounts[i];
  if (found == nullptr) return Error::kNotFound;
  account_ = *found;
  if (open_) endpoint_.close(connection());
  open_ = false;
  LWM2M_TRY(endpoint_.open(connection(), account_.connection_settings()));
  open_ = true;
  attempt_ = 0;
  close_due_ = false;
  state_ = BootstrapState::kHoldOff;
  deadline_ms_ = clock_.now_ms() + seconds(account_.client_hold_off_s);
  return kOk;
}

void BootstrapClient::poll() {
  uint64_t now = clock_.now_ms();
  if (close_due_) {
    close_due_ = false;
    if (open_) endpoint_.close(connection());
    open_ = false;
  }
  if (pending_ || now < deadline_ms_) return;
  if (state_ == BootstrapState::kHoldOff) {
    send_request(now);
  } else if (state_ == BootstrapState::kBootstrapping) {
    // No Bootstrap-Finish in time (Core TS §6.1.5: the client considers the
    // bootstrap failed and may retry later).
    state_ = BootstrapState::kFailed;
    deadline_ms_ = kNever;
    close_due_ = true;
  }
}

uint64_t BootstrapClient::next_wakeup_ms() const {
  if (close_due_) return 0;
  return pending_ ? kNever : deadline_ms_;
}

void BootstrapClient::send_request(uint64_t now) {
  size_t used = 0;
  size_t count = 0;
  queries_[count++] = put(query_text_, used, "ep", options_.endpoint_name);
  if (options_.preferred_format) {
    char digits[6];
    size_t n = 0;
    uint16_t v = *options_.preferred_format;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v = static_cast<uint16_t>(v / 10);
    } while (v != 0);
    std::reverse(digits, digits + n);
    queries_[count++] = put(query_text_, used, "pct", std::string_view(digits, n));
  }
  coap::Request request;
  request.method = coap::Method::kPost;
  request.path = kBootstrapPath;
  request.query = std::span<const std::string_view>(queries_, count);
  state_ = BootstrapState::kRequesting;
  deadline_ms_ = kNever;
  pending_ = true;
  bool fits = !queries_[0].empty() && (count == 1 || !queries_[1].empty());
  Status sent = fits ? endpoint_.request(connection(), request, *this) : Status(Error::kBufferTooSmall);
  if (!sent.ok() && pending_) {
    pending_ = false;
    request_failed(now);
  }
}

void BootstrapClient::on_response(const coap::Response& response) {
  if (!pending_) return;
  pending_ = false;
  uint64_t now = clock_.now_ms();
  if (response.code != coap::kChanged) {
    request_failed(now);
    return;
  }
  // The server may have started writing before this answer arrived.
  if (state_ == BootstrapState::kRequesting) {
    state_ = BootstrapState::kBootstrapping;
    deadline_ms_ = now + seconds(options_.finish_timeout_s);
  }
}

void BootstrapClient::on_failure(Error) {
  if (!pending_) return;
  pending_ = false;
  request_failed(clock_.now_ms());
}

void BootstrapClient::request_failed(uint64_t now) {
  ++attempt_;
  if (attempt_ >= std::max<uint32_t>(options_.retry_count, 1)) {
    state_ = BootstrapState::kFailed;
    deadline_ms_ = kNever;
    close_due_ = true;
    return;
  }
  uint32_t shift = std::min<uint32_t>(attempt_ - 1, 20);
  state_ = BootstrapState::kHoldOff;
  deadline_ms_ = now + seconds(uint64_t{options_.retry_timer_s} << shift);
}

void BootstrapClient::on_bootstrap_operation() {
  if (state_ == BootstrapState::kFinished || state_ == BootstrapState::kFailed) return;
  state_ = BootstrapState::kBootstrapping;
  deadline_ms_ = clock_.now_ms() + seconds(options_.finish_timeout_s);
}

void BootstrapClient::on_bootstrap_finished() {
  state_ = BootstrapState::kFinished;
  deadline_ms_ = kNever;
  close_due_ = true;
}

}  // namespace lwm2m
