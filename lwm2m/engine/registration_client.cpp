#include "lwm2m/engine/registration_client.h"

#include <algorithm>

#include "lwm2m/core/content_format.h"
#include "lwm2m/link/link_writer.h"
#include "lwm2m/link/object_links.h"

namespace lwm2m {

namespace {

constexpr std::string_view kRegisterPath[] = {"rd"};
constexpr uint64_t kMaxTransmitWaitS = 93;  // RFC 7252 §4.8.2

uint64_t seconds(uint64_t s) { return s * 1000; }

std::string_view version_text(Lwm2mVersion version) {
  switch (version) {
    case Lwm2mVersion::k1_0: return "1.0";
    case Lwm2mVersion::k1_1: return "1.1";
    case Lwm2mVersion::k1_2: return "1.2";
  }
  return "1.2";
}

// Appends Uri-Query texts into one buffer; views stay valid while it lives.
class QueryBuilder {
 public:
  QueryBuilder(std::span<char> text, std::span<std::string_view> queries) : text_(text), queries_(queries) {}

  void add(std::string_view name, std::string_view value) {
    size_t start = used_;
    append(name);
    if (!value.empty()) {
      append("=");
      append(value);
    }
    if (failed_ || count_ == queries_.size()) {
      failed_ = true;
      return;
    }
    queries_[count_++] = std::string_view(text_.data() + start, used_ - start);
  }
  void add_number(std::string_view name, uint64_t value) {
    char digits[20];
    size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    std::reverse(digits, digits + n);
    add(name, std::string_view(digits, n));
  }
  Result<std::span<const std::string_view>> finish() const {
    if (failed_) return Error::kBufferTooSmall;
    return std::span<const std::string_view>(queries_.data(), count_);
  }

 private:
  void append(std::string_view s) {
    if (s.size() > text_.size() - used_) {
      failed_ = true;
      return;
    }
    std::copy(s.begin(), s.end(), text_.data() + used_);
    used_ += s.size();
  }
  std::span<char> text_;
  std::span<std::string_view> queries_;
  size_t used_ = 0;
  size_t count_ = 0;
  bool failed_ = false;
};

// The binding letters the version allows: "Q" is a binding mode only in 1.0.
size_t binding_for_version(std::string_view binding, Lwm2mVersion version, bool queue_mode, char (&out)[9]) {
  size_t n = 0;
  for (char c : binding)
    if (c != 'Q' && n < 8) out[n++] = c;
  bool queued = queue_mode || binding.find('Q') != std::string_view::npos;
  if (version == Lwm2mVersion::k1_0 && queued && n < 8) out[n++] = 'Q';
  return n;
}

Lwm2mVersion older(Lwm2mVersion version) {
  return version == Lwm2mVersion::k1_2 ? Lwm2mVersion::k1_1 : Lwm2mVersion::k1_0;
}

}  // namespace

const char* registration_state_name(RegistrationState state) {
  switch (state) {
    case RegistrationState::kIdle: return "Idle";
    case RegistrationState::kWaiting: return "Waiting";
    case RegistrationState::kRegistering: return "Registering";
    case RegistrationState::kRegistered: return "Registered";
    case RegistrationState::kUpdating: return "Updating";
    case RegistrationState::kDeregistering: return "Deregistering";
    case RegistrationState::kDisabled: return "Disabled";
    case RegistrationState::kFailed: return "Failed";
  }
  return "?";
}

// ---------------------------------------------------------------- session

void RegistrationSession::begin(RegistrationClient& client, const ServerAccountConfig& account, uint64_t now) {
  client_ = &client;
  account_ = account;
  version_ = client.options_.version;
  attempt_ = sequence_ = 0;
  objects_changed_ = update_requested_ = disable_requested_ = stop_requested_ = false;
  pending_ = Pending::kNone;
  location_count_ = 0;
  state_ = RegistrationState::kWaiting;
  deadline_ms_ = now + seconds(account.initial_registration_delay_s);
}

bool RegistrationSession::settings_changed() const {
  return account_.lifetime_s != sent_lifetime_s_ ||
         account_.binding() != std::string_view(sent_binding_, sent_binding_size_);
}

void RegistrationSession::poll(uint64_t now) {
  if (pending_ != Pending::kNone) return;  // one exchange at a time
  if (disable_requested_) {
    disable_requested_ = false;
    if (state_ == RegistrationState::kRegistered) {
      send_deregister(AfterDeregister::kDisable);
    } else {
      finish_silently();
      state_ = RegistrationState::kDisabled;
      deadline_ms_ = now + seconds(account_.disable_timeout_s);
    }
    return;
  }
  switch (state_) {
    case RegistrationState::kWaiting:
    case RegistrationState::kDisabled:
      if (now >= deadline_ms_) {
        if (state_ == RegistrationState::kDisabled) attempt_ = sequence_ = 0;
        send_register(now);
      }
      break;
    case RegistrationState::kRegistered:
      if (now >= deadline_ms_ || wants_update()) send_update(now);
      break;
    default: break;
  }
}

void RegistrationSession::send_register(uint64_t now) {
  if (!open_) {
    if (!client_->endpoint_.open(connection(), account_.connection_settings()).ok()) {
      register_failed(now);
      return;
    }
    open_ = true;
  }
  state_ = RegistrationState::kRegistering;
  pending_ = Pending::kRegister;
  deadline_ms_ = kNever;
  Status sent = client_->send_register(*this);
  if (!sent.ok() && pending_ == Pending::kRegister) {
    pending_ = Pending::kNone;
    register_failed(now);
  }
}

void RegistrationSession::send_update(uint64_t now) {
  bool with_objects = objects_changed_;
  objects_changed_ = update_requested_ = false;
  state_ = RegistrationState::kUpdating;
  pending_ = Pending::kUpdate;
  deadline_ms_ = kNever;
  Status sent = client_->send_update(*this, with_objects);
  if (!sent.ok() && pending_ == Pending::kUpdate) {
    pending_ = Pending::kNone;
    update_failed(now);
  }
}

void RegistrationSession::send_deregister(AfterDeregister after) {
  after_deregister_ = after;
  state_ = RegistrationState::kDeregistering;
  pending_ = Pending::kDeregister;
  deadline_ms_ = kNever;
  Status sent = client_->send_deregister(*this);
  if (!sent.ok() && pending_ == Pending::kDeregister) {
    pending_ = Pending::kNone;
    deregistered(client_->now());
  }
}

void RegistrationSession::on_response(const coap::Response& response) {
  uint64_t now = client_->now();
  Pending was = pending_;
  pending_ = Pending::kNone;
  switch (was) {
    case Pending::kRegister:
      if (response.code == coap::kCreated && store_location(response.location_path).ok()) {
        registered(response, now);
      } else if ((response.code == coap::kPreconditionFailed || response.code == coap::kBadRequest) &&
                 version_ != Lwm2mVersion::k1_0) {
        // An older server: the same attempt again with the older version.
        version_ = older(version_);
        send_register(now);
      } else {
        register_failed(now);
      }
      break;
    case Pending::kUpdate:
      if (response.code == coap::kChanged) {
        registered(response, now);
      } else {
        update_failed(now);  // 4.04: the server forgot us; anything else alike
      }
      break;
    case Pending::kDeregister: deregistered(now); break;
    case Pending::kNone: break;  // a late answer to an exchange given up on
  }
}

void RegistrationSession::on_failure(Error) {
  uint64_t now = client_->now();
  Pending was = pending_;
  pending_ = Pending::kNone;
  switch (was) {
    case Pending::kRegister: register_failed(now); break;
    case Pending::kUpdate: update_failed(now); break;
    case Pending::kDeregister: deregistered(now); break;
    case Pending::kNone: break;
  }
}

void RegistrationSession::registered(const coap::Response&, uint64_t now) {
  bool first = state_ == RegistrationState::kRegistering;
  state_ = RegistrationState::kRegistered;
  attempt_ = sequence_ = 0;
  sent_lifetime_s_ = account_.lifetime_s;
  std::copy(account_.binding_text, account_.binding_text + account_.binding_size, sent_binding_);
  sent_binding_size_ = account_.binding_size;
  schedule_update(now);
  if (first && client_->listener_ != nullptr) client_->listener_->on_registered(short_server_id(), version_);
  if (stop_requested_) {
    send_deregister(AfterDeregister::kIdle);
  } else if (disable_requested_) {
    disable_requested_ = false;
    send_deregister(AfterDeregister::kDisable);
  }
}

// The registration is gone: Register again from the first attempt (or stop).
void RegistrationSession::update_failed(uint64_t now) {
  location_count_ = 0;
  if (client_->listener_ != nullptr) client_->listener_->on_deregistered(short_server_id());
  if (stop_requested_) {
    finish_silently();
    state_ = RegistrationState::kIdle;
    return;
  }
  attempt_ = sequence_ = 0;
  send_register(now);
}

void RegistrationSession::schedule_update(uint64_t now) {
  uint64_t lifetime = account_.lifetime_s;
  if (lifetime == 0) {
    deadline_ms_ = kNever;
    return;
  }
  uint64_t margin = std::min(lifetime / 2, std::max(lifetime / 10, kMaxTransmitWaitS));
  deadline_ms_ = now + seconds(lifetime - margin);
}

void RegistrationSession::register_failed(uint64_t now) {
  if (stop_requested_) {
    finish_silently();
    state_ = RegistrationState::kIdle;
    return;
  }
  const CommunicationRetry& retry = account_.retry;
  ++attempt_;
  if (attempt_ < std::max<uint32_t>(retry.retry_count, 1)) {
    uint32_t shift = std::min<uint32_t>(attempt_ - 1, 20);  // bounded doubling
    state_ = RegistrationState::kWaiting;
    deadline_ms_ = now + seconds(uint64_t{retry.retry_timer_s} << shift);
    return;
  }
  attempt_ = 0;
  ++sequence_;
  if (sequence_ < std::max<uint32_t>(retry.sequence_retry_count, 1)) {
    state_ = RegistrationState::kWaiting;
    deadline_ms_ = now + seconds(retry.sequence_delay_s);
    return;
  }
  finish_silently();
  state_ = RegistrationState::kFailed;
}

void RegistrationSession::deregistered(uint64_t now) {
  location_count_ = 0;
  finish_silently();
  if (client_->listener_ != nullptr) client_->listener_->on_deregistered(short_server_id());
  if (after_deregister_ == AfterDeregister::kDisable && !stop_requested_) {
    state_ = RegistrationState::kDisabled;
    deadline_ms_ = now + seconds(account_.disable_timeout_s);
  } else {
    state_ = RegistrationState::kIdle;
  }
}

void RegistrationSession::finish_silently() {
  deadline_ms_ = kNever;
  if (open_) client_->endpoint_.close(connection());
  open_ = false;
}

Status RegistrationSession::store_location(std::span<const std::string_view> location) {
  if (location.empty() || location.size() > coap::kMaxPathSegments) return Error::kBadRequest;
  size_t used = 0;
  for (size_t i = 0; i < location.size(); ++i) {
    if (location[i].size() > sizeof(location_text_) - used) return Error::kCapacityExceeded;
    std::copy(location[i].begin(), location[i].end(), location_text_ + used);
    location_[i] = std::string_view(location_text_ + used, location[i].size());
    used += location[i].size();
  }
  location_count_ = location.size();
  return kOk;
}

// ---------------------------------------------------------------- client

Status RegistrationClient::start() {
  ServerAccountConfig accounts[kMaxServers + 2];
  Result<size_t> count = collect_server_accounts(registry_, accounts);
  if (!count.ok()) return count.status();
  // Registration Priority Order: lower values first, unset ones last.
  std::span<ServerAccountConfig> all(accounts, *count);
  std::stable_sort(all.begin(), all.end(), [](const ServerAccountConfig& a, const ServerAccountConfig& b) {
    return a.registration_priority.value_or(UINT32_MAX) < b.registration_priority.value_or(UINT32_MAX);
  });
  uint64_t t = now();
  session_count_ = 0;
  for (const ServerAccountConfig& account : all) {
    if (!is_usable_server_account(account) || session_count_ == kMaxServers) continue;
    sessions_[session_count_++].begin(*this, account, t);
  }
  started_ = true;
  no_usable_account_ = session_count_ == 0;
  return no_usable_account_ ? Status(Error::kNotFound) : kOk;
}

void RegistrationClient::stop() {
  for (size_t i = 0; i < session_count_; ++i) {
    RegistrationSession& s = sessions_[i];
    s.stop_requested_ = true;
    if (s.pending_ != RegistrationSession::Pending::kNone) continue;  // acts on the answer
    if (s.state_ == RegistrationState::kRegistered) {
      s.send_deregister(RegistrationSession::AfterDeregister::kIdle);
    } else {
      s.finish_silently();
      s.state_ = RegistrationState::kIdle;
    }
  }
  started_ = false;
}

void RegistrationClient::poll() {
  if (!started_) return;
  uint64_t t = now();
  for (size_t i = 0; i < session_count_; ++i) sessions_[i].poll(t);
}

uint64_t RegistrationClient::next_wakeup_ms() const {
  if (!started_) return kNever;
  uint64_t next = kNever;
  for (size_t i = 0; i < session_count_; ++i) {
    const RegistrationSession& s = sessions_[i];
    if (s.pending_ != RegistrationSession::Pending::kNone) continue;
    bool due_now = s.disable_requested_ || (s.state_ == RegistrationState::kRegistered && s.wants_update());
    next = std::min(next, due_now ? uint64_t{0} : s.deadline_ms_);
  }
  return next;
}

void RegistrationClient::object_list_changed() {
  for (size_t i = 0; i < session_count_; ++i) sessions_[i].objects_changed_ = true;
}

void RegistrationClient::server_settings_changed() {
  ServerAccountConfig accounts[kMaxServers + 2];
  Result<size_t> count = collect_server_accounts(registry_, accounts);
  if (!count.ok()) return;
  for (size_t i = 0; i < session_count_; ++i) {
    RegistrationSession& s = sessions_[i];
    for (size_t j = 0; j < *count; ++j) {
      if (accounts[j].bootstrap || accounts[j].short_server_id != s.short_server_id()) continue;
      if (!is_usable_server_account(accounts[j])) break;
      s.account_ = accounts[j];
      break;
    }
  }
}

bool RegistrationClient::needs_bootstrap() const {
  if (bootstrap_requested_ || (started_ && no_usable_account_)) return true;
  if (session_count_ == 0) return false;
  bool fallback = false;
  for (size_t i = 0; i < session_count_; ++i) {
    if (sessions_[i].state_ != RegistrationState::kFailed) return false;
    fallback = fallback || sessions_[i].account_.bootstrap_on_registration_failure;
  }
  return fallback;
}

const RegistrationSession* RegistrationClient::find(uint16_t short_server_id) const {
  for (size_t i = 0; i < session_count_; ++i)
    if (sessions_[i].short_server_id() == short_server_id) return &sessions_[i];
  return nullptr;
}

RegistrationSession* RegistrationClient::find_mutable(uint16_t short_server_id) {
  return const_cast<RegistrationSession*>(find(short_server_id));
}

RegistrationState RegistrationClient::state(uint16_t short_server_id) const {
  const RegistrationSession* s = find(short_server_id);
  return s != nullptr ? s->state() : RegistrationState::kIdle;
}

Status RegistrationClient::disable(uint16_t short_server_id) {
  RegistrationSession* s = find_mutable(short_server_id);
  if (s == nullptr) return Error::kNotFound;
  s->disable_requested_ = true;
  return kOk;
}

Status RegistrationClient::trigger_registration_update(uint16_t short_server_id) {
  RegistrationSession* s = find_mutable(short_server_id);
  if (s == nullptr) return Error::kNotFound;
  s->update_requested_ = true;
  return kOk;
}

Status RegistrationClient::trigger_bootstrap_request(uint16_t) {
  bootstrap_requested_ = true;
  return kOk;
}

Result<size_t> RegistrationClient::write_object_list_payload(Lwm2mVersion version) {
  ObjectListOptions list;
  list.version = version;
  list.alternate_path = options_.alternate_path;
  list.content_formats = options_.content_formats;
  LinkWriter writer(payload_);
  LWM2M_TRY(write_object_list(registry_, list, writer));
  return writer.finish();
}

Status RegistrationClient::send_register(RegistrationSession& session) {
  const ServerAccountConfig& account = session.account_;
  Lwm2mVersion version = session.version_;
  QueryBuilder q(query_text_, queries_);
  q.add("ep", options_.endpoint_name);
  q.add_number("lt", account.lifetime_s);
  q.add("lwm2m", version_text(version));
  char binding[9];
  size_t binding_size = binding_for_version(account.binding(), version, options_.queue_mode, binding);
  q.add("b", std::string_view(binding, binding_size));
  if (version != Lwm2mVersion::k1_0 && options_.queue_mode) q.add("Q", {});
  Result<std::span<const std::string_view>> queries = q.finish();
  if (!queries.ok()) return queries.status();
  Result<size_t> size = write_object_list_payload(version);
  if (!size.ok()) return size.status();

  coap::Request request;
  request.method = coap::Method::kPost;
  request.path = kRegisterPath;
  request.query = *queries;
  request.content_format = static_cast<uint16_t>(ContentFormat::kLinkFormat);
  request.payload = std::span<const uint8_t>(payload_, *size);
  return endpoint_.request(session.connection(), request, session);
}

Status RegistrationClient::send_update(RegistrationSession& session, bool with_objects) {
  const ServerAccountConfig& account = session.account_;
  QueryBuilder q(query_text_, queries_);
  if (account.lifetime_s != session.sent_lifetime_s_) q.add_number("lt", account.lifetime_s);
  if (account.binding() != std::string_view(session.sent_binding_, session.sent_binding_size_)) {
    char binding[9];
    size_t binding_size = binding_for_version(account.binding(), session.version_, options_.queue_mode, binding);
    q.add("b", std::string_view(binding, binding_size));
  }
  Result<std::span<const std::string_view>> queries = q.finish();
  if (!queries.ok()) return queries.status();

  coap::Request request;
  request.method = coap::Method::kPost;
  request.path = session.location();
  request.query = *queries;
  if (with_objects) {
    Result<size_t> size = write_object_list_payload(session.version_);
    if (!size.ok()) return size.status();
    request.content_format = static_cast<uint16_t>(ContentFormat::kLinkFormat);
    request.payload = std::span<const uint8_t>(payload_, *size);
  }
  return endpoint_.request(session.connection(), request, session);
}

Status RegistrationClient::send_deregister(RegistrationSession& session) {
  coap::Request request;
  request.method = coap::Method::kDelete;
  request.path = session.location();
  return endpoint_.request(session.connection(), request, session);
}

}  // namespace lwm2m
