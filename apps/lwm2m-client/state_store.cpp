#include "apps/lwm2m-client/state_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "lwm2m/formats/codecs.h"

namespace lwm2m::client {
namespace {

// Container: magic, object id, content format, instance count, then per
// instance its id, payload length and SenML CBOR payload; CRC-32 last.
constexpr char kMagic[8] = {'L', 'W', 'M', '2', 'M', 'S', 'T', 1};
constexpr ContentFormat kFormat = ContentFormat::kSenmlCbor;
constexpr size_t kMaxPayload = 1 << 20;
constexpr size_t kMaxResourceInstances = 64;
constexpr const char* kRegistrationsHeader = "lwm2m-client registrations 1";

uint32_t crc32(const uint8_t* data, size_t size) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put_u16(std::vector<uint8_t>& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v));
}
void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

// Reads big-endian fields, refusing to go past the end.
class Cursor {
 public:
  explicit Cursor(std::span<const uint8_t> bytes) : bytes_(bytes) {}
  std::optional<uint32_t> get(size_t width) {
    if (bytes_.size() - offset_ < width) return std::nullopt;
    uint32_t v = 0;
    for (size_t i = 0; i < width; ++i) v = (v << 8) | bytes_[offset_ + i];
    offset_ += width;
    return v;
  }
  std::optional<std::span<const uint8_t>> take(size_t n) {
    if (bytes_.size() - offset_ < n) return std::nullopt;
    auto part = bytes_.subspan(offset_, n);
    offset_ += n;
    return part;
  }
  bool at_end() const { return offset_ == bytes_.size(); }

 private:
  std::span<const uint8_t> bytes_;
  size_t offset_ = 0;
};

std::string system_error(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

// ------------------------------------------------------------ encoding an instance

Status emit_instance(const Object& object, uint16_t instance, RecordEncoder& encoder) {
  LWM2M_TRY(encoder.begin(Path(object.id(), instance)));
  for (const ResourceDef& def : object.def().resources) {
    if (allows_execute(def.operations) || !object.has_resource(instance, def.id)) continue;
    Path path(object.id(), instance, def.id);
    if (!def.multiple) {
      Record record{path, {}};
      LWM2M_TRY(object.read(path, record.value));
      LWM2M_TRY(encoder.add(record));
      continue;
    }
    uint16_t ids[kMaxResourceInstances];
    size_t count = object.resource_instances(instance, def.id, ids);
    if (count > kMaxResourceInstances) return Error::kCapacityExceeded;
    for (size_t i = 0; i < count; ++i) {
      Record record{Path(object.id(), instance, def.id, ids[i]), {}};
      LWM2M_TRY(object.read(record.path, record.value));
      LWM2M_TRY(encoder.add(record));
    }
  }
  return kOk;
}

Result<std::vector<uint8_t>> encode_instance(const Object& object, uint16_t instance) {
  for (size_t size = 1024; size <= kMaxPayload; size *= 2) {
    std::vector<uint8_t> buffer(size);
    AnyEncoder any;
    Result<RecordEncoder*> encoder = any.open(kFormat, buffer);
    if (!encoder.ok()) return encoder.status();
    Status emitted = emit_instance(object, instance, **encoder);
    if (emitted.error() == Error::kBufferTooSmall) continue;
    if (!emitted.ok()) return emitted;
    Result<size_t> used = (*encoder)->finish();
    if (used.error() == Error::kBufferTooSmall) continue;
    if (!used.ok()) return used.status();
    buffer.resize(*used);
    return buffer;
  }
  return Error::kCapacityExceeded;
}

// ------------------------------------------------------------ restoring an instance

// Decodes every record of one instance's payload and checks it against the
// object; with `apply`, also writes it (the instance must exist then).
Status apply_instance(Object& object, uint16_t instance, std::span<const uint8_t> payload, bool apply) {
  std::vector<uint8_t> scratch(payload.size() + 64);
  std::vector<uint8_t> convert_scratch(payload.size() + 64);
  AnyDecoder any;
  Path scope(object.id(), instance);
  Result<RecordDecoder*> decoder = any.open(kFormat, payload, scope, scratch);
  if (!decoder.ok()) return decoder.status();
  DecodedRecord record;
  for (;;) {
    Result<bool> more = (*decoder)->next(record);
    if (!more.ok()) return more.status();
    if (!*more) return kOk;
    if (record.path.depth() < Path::kResource || !record.path.is_within(scope)) return Error::kBadRequest;
    const ResourceDef* def = object.def().find(record.path.resource());
    if (def == nullptr || allows_execute(def->operations)) return Error::kNotFound;
    if ((record.path.depth() == Path::kResourceInstance) != def->multiple) return Error::kBadRequest;
    Result<Value> value = convert(record.value, def->type, convert_scratch);
    if (!value.ok()) return value.status();
    LWM2M_TRY(object.validate(record.path, *value));
    if (apply) LWM2M_TRY(object.write(record.path, *value));
  }
}

struct StoredInstance {
  uint16_t id = 0;
  std::vector<uint8_t> payload;
};

Status replace_instances(Object& object, const std::vector<StoredInstance>& instances) {
  while (object.instance_count() > 0) LWM2M_TRY(object.delete_instance(object.instance_id(0)));
  for (const StoredInstance& stored : instances) {
    LWM2M_TRY(object.create_instance(stored.id));
    LWM2M_TRY(apply_instance(object, stored.id, stored.payload, true));
    // An instance without its mandatory values would pass for a usable account.
    for (const ResourceDef& def : object.def().resources) {
      if (def.mandatory && !allows_execute(def.operations) && !object.has_resource(stored.id, def.id))
        return Error::kBadRequest;
    }
  }
  return kOk;
}

std::string describe(Status status) { return error_name(status.error()); }

// ------------------------------------------------------------ files

StoreResult read_file(const std::string& path, std::vector<uint8_t>& out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    if (errno == ENOENT) return StoreResult::absent();
    return StoreResult::error(system_error("cannot read", path));
  }
  out.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  if (file.bad()) return StoreResult::error(system_error("cannot read", path));
  return StoreResult::success();
}

bool valid_token(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c <= ' ' || c == 127) return false;
  }
  return true;
}

}  // namespace

StoreResult write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::string temp = path + ".tmp." + std::to_string(getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return StoreResult::error(system_error("cannot create", temp));
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      StoreResult failed = StoreResult::error(system_error("cannot write", temp));
      ::close(fd);
      ::unlink(temp.c_str());
      return failed;
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    StoreResult failed = StoreResult::error(system_error("cannot fsync", temp));
    ::close(fd);
    ::unlink(temp.c_str());
    return failed;
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    StoreResult failed = StoreResult::error(system_error("cannot rename onto", path));
    ::unlink(temp.c_str());
    return failed;
  }
  // The rename is durable only once the directory entry is.
  size_t slash = path.rfind('/');
  std::string directory = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return StoreResult::error(system_error("cannot open directory", directory));
  int synced = ::fsync(dir_fd);
  ::close(dir_fd);
  if (synced != 0) return StoreResult::error(system_error("cannot fsync directory", directory));
  return StoreResult::success();
}

StoreResult StateStore::open() const {
  if (::mkdir(directory_.c_str(), 0700) != 0 && errno != EEXIST)
    return StoreResult::error(system_error("cannot create state directory", directory_));
  struct stat info {};
  if (::stat(directory_.c_str(), &info) != 0) return StoreResult::error(system_error("cannot stat", directory_));
  if (!S_ISDIR(info.st_mode)) return StoreResult::error("state directory " + directory_ + " is not a directory");
  // Keys live here: nobody else may look.
  if ((info.st_mode & 0777) != 0700 && ::chmod(directory_.c_str(), 0700) != 0)
    return StoreResult::error(system_error("cannot chmod 0700", directory_));
  return StoreResult::success();
}

std::string StateStore::object_file(uint16_t object_id) const {
  return directory_ + "/object-" + std::to_string(object_id) + ".state";
}

std::string StateStore::registrations_file() const { return directory_ + "/registrations.state"; }

StoreResult StateStore::save_object(const Registry& registry, uint16_t object_id) const {
  const Object* object = registry.find(object_id);
  if (object == nullptr) return StoreResult::error("object " + std::to_string(object_id) + " is not in the registry");
  std::vector<uint8_t> file(std::begin(kMagic), std::end(kMagic));
  put_u16(file, object_id);
  put_u16(file, static_cast<uint16_t>(kFormat));
  put_u16(file, static_cast<uint16_t>(object->instance_count()));
  for (size_t i = 0; i < object->instance_count(); ++i) {
    uint16_t instance = object->instance_id(i);
    Result<std::vector<uint8_t>> payload = encode_instance(*object, instance);
    if (!payload.ok())
      return StoreResult::error("cannot encode /" + std::to_string(object_id) + "/" + std::to_string(instance) + ": " +
                                describe(payload.status()));
    put_u16(file, instance);
    put_u32(file, static_cast<uint32_t>(payload->size()));
    file.insert(file.end(), payload->begin(), payload->end());
  }
  put_u32(file, crc32(file.data(), file.size()));
  return write_file_atomically(object_file(object_id), file);
}

StoreResult StateStore::load_object(Registry& registry, uint16_t object_id) const {
  Object* object = registry.find(object_id);
  if (object == nullptr) return StoreResult::error("object " + std::to_string(object_id) + " is not in the registry");
  std::string path = object_file(object_id);
  std::vector<uint8_t> bytes;
  StoreResult read = read_file(path, bytes);
  if (!read.ok()) return read;
  auto corrupt = [&](const std::string& why) { return StoreResult::error("state file " + path + " is unusable: " + why); };

  // Check the whole file before touching the object.
  if (bytes.size() < sizeof kMagic + 6 + 4) return corrupt("truncated");
  if (!std::equal(std::begin(kMagic), std::end(kMagic), bytes.begin())) return corrupt("not a state file (bad magic)");
  uint32_t stored_crc = 0;
  for (size_t i = bytes.size() - 4; i < bytes.size(); ++i) stored_crc = (stored_crc << 8) | bytes[i];
  if (crc32(bytes.data(), bytes.size() - 4) != stored_crc) return corrupt("checksum mismatch (truncated or damaged)");
  Cursor cursor(std::span<const uint8_t>(bytes).subspan(sizeof kMagic, bytes.size() - sizeof kMagic - 4));
  uint32_t id = *cursor.get(2), format = *cursor.get(2), count = *cursor.get(2);
  if (id != object_id) return corrupt("holds object " + std::to_string(id));
  if (format != static_cast<uint16_t>(kFormat)) return corrupt("unknown content format " + std::to_string(format));
  std::vector<StoredInstance> instances;
  for (uint32_t i = 0; i < count; ++i) {
    std::optional<uint32_t> instance = cursor.get(2), length = cursor.get(4);
    if (!instance || !length) return corrupt("truncated instance header");
    std::optional<std::span<const uint8_t>> payload = cursor.take(*length);
    if (!payload) return corrupt("instance payload runs past the end");
    for (const StoredInstance& seen : instances) {
      if (seen.id == *instance) return corrupt("instance " + std::to_string(*instance) + " twice");
    }
    Status valid = apply_instance(*object, static_cast<uint16_t>(*instance), *payload, false);
    if (!valid.ok()) return corrupt("instance " + std::to_string(*instance) + ": " + describe(valid));
    instances.push_back({static_cast<uint16_t>(*instance), {payload->begin(), payload->end()}});
  }
  if (!cursor.at_end()) return corrupt("trailing bytes");

  // Keep what the object holds now, so a failure half-way can be undone.
  std::vector<StoredInstance> before;
  for (size_t i = 0; i < object->instance_count(); ++i) {
    uint16_t instance = object->instance_id(i);
    Result<std::vector<uint8_t>> payload = encode_instance(*object, instance);
    if (!payload.ok()) return StoreResult::error("cannot snapshot /" + std::to_string(object_id) + ": " + describe(payload.status()));
    before.push_back({instance, std::move(*payload)});
  }
  Status replaced = replace_instances(*object, instances);
  if (replaced.ok()) return StoreResult::success();
  Status restored = replace_instances(*object, before);
  std::string message = "state file " + path + " does not fit object " + std::to_string(object_id) +
                        " (an instance lacks a mandatory resource or exceeds the object's capacity): " + describe(replaced);
  if (!restored.ok()) message += " (and restoring the previous instances failed: " + describe(restored) + ")";
  return StoreResult::error(message);
}

StoreResult StateStore::save_registrations(const std::vector<RegistrationState>& registrations) const {
  std::string text = std::string(kRegistrationsHeader) + "\n";
  for (const RegistrationState& r : registrations) {
    if (!valid_token(r.server_uri)) return StoreResult::error("server URI '" + r.server_uri + "' cannot be stored");
    std::string location;
    for (const std::string& segment : r.location) {
      if (!valid_token(segment) || segment.find('/') != std::string::npos)
        return StoreResult::error("location segment '" + segment + "' cannot be stored");
      location += "/" + segment;
    }
    text += std::to_string(r.short_server_id) + " " + r.server_uri + " " + (location.empty() ? "/" : location) + "\n";
  }
  char crc[16];
  std::snprintf(crc, sizeof crc, "%08x", crc32(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  text += std::string("crc ") + crc + "\n";
  return write_file_atomically(registrations_file(), std::vector<uint8_t>(text.begin(), text.end()));
}

StoreResult StateStore::load_registrations(std::vector<RegistrationState>& out) const {
  std::string path = registrations_file();
  std::vector<uint8_t> bytes;
  StoreResult read = read_file(path, bytes);
  if (!read.ok()) return read;
  auto corrupt = [&](const std::string& why) { return StoreResult::error("state file " + path + " is unusable: " + why); };
  std::string text(bytes.begin(), bytes.end());
  size_t crc_at = text.rfind("crc ");
  if (crc_at == std::string::npos || (crc_at > 0 && text[crc_at - 1] != '\n')) return corrupt("no checksum line (truncated)");
  std::string body = text.substr(0, crc_at);
  char expected[16];
  std::snprintf(expected, sizeof expected, "%08x", crc32(reinterpret_cast<const uint8_t*>(body.data()), body.size()));
  if (text.substr(crc_at) != std::string("crc ") + expected + "\n") return corrupt("checksum mismatch");

  std::istringstream lines(body);
  std::string line;
  if (!std::getline(lines, line) || line != kRegistrationsHeader) return corrupt("unknown header");
  std::vector<RegistrationState> parsed;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    RegistrationState r;
    unsigned long ssid = 0;
    std::string location, extra;
    if (!(fields >> ssid >> r.server_uri >> location) || (fields >> extra) || ssid > 65535 || location[0] != '/')
      return corrupt("bad line '" + line + "'");
    r.short_server_id = static_cast<uint16_t>(ssid);
    for (size_t start = 1; start < location.size();) {
      size_t end = location.find('/', start);
      if (end == std::string::npos) end = location.size();
      if (end == start) return corrupt("empty location segment in '" + line + "'");
      r.location.push_back(location.substr(start, end - start));
      start = end + 1;
    }
    parsed.push_back(std::move(r));
  }
  out = std::move(parsed);
  return StoreResult::success();
}

}  // namespace lwm2m::client
