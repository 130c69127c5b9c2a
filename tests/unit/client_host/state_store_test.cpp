// Persisted Security, Server and registration state: round trips, atomic
// files, and damaged files that are refused without touching the objects.
#include "apps/lwm2m-client/state_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "objects/object_setup.h"
#include "objects/security_object.h"
#include "objects/server_object.h"

using lwm2m::Path;
using lwm2m::Value;
using lwm2m::client::RegistrationState;
using lwm2m::client::StateStore;
using lwm2m::client::StoreResult;
using Kind = StoreResult::Kind;

namespace {

struct Client {
  lwm2m::objects::SecurityObject security;
  lwm2m::objects::ServerObject server;
  lwm2m::FixedRegistry<4> registry;
  Client() {
    EXPECT_TRUE(registry.add(security).ok());
    EXPECT_TRUE(registry.add(server).ok());
  }
  void fill_accounts() {
    static const uint8_t identity[] = {'d', 'e', 'v', '1'};
    static const uint8_t key[] = {0x00, 0x11, 0x22, 0xff};
    lwm2m::objects::SecurityAccount bootstrap{"coaps://bs.example:5684", true,
                                              lwm2m::objects::SecurityMode::kPreSharedKey, identity, {}, key, 0};
    lwm2m::objects::SecurityAccount dm{"coap://dm.example:5683", false, lwm2m::objects::SecurityMode::kNoSec, {}, {}, {}, 101};
    ASSERT_TRUE(security.add_account(0, bootstrap).ok());
    ASSERT_TRUE(security.add_account(3, dm).ok());
    lwm2m::objects::ServerAccount account;
    account.short_server_id = 101;
    account.lifetime = 600;
    account.binding = "UQ";
    account.default_max_period = 60;
    ASSERT_TRUE(server.add_server(7, account).ok());
  }
};

class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/client_host_state_XXXXXX";
    path = mkdtemp(name);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string path;
};

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}
void write_bytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// What an object holds, as the store itself would write it.
std::vector<uint8_t> snapshot(Client& client, uint16_t object) {
  TempDir dir;
  StateStore store(dir.path);
  EXPECT_TRUE(store.save_object(client.registry, object).ok());
  return read_bytes(store.object_file(object));
}

}  // namespace

TEST(StateStore, OpenCreatesAPrivateDirectory) {
  TempDir dir;
  std::string nested = dir.path + "/state";
  ASSERT_TRUE(StateStore(nested).open().ok());
  struct stat info {};
  ASSERT_EQ(stat(nested.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
  chmod(nested.c_str(), 0755);  // an existing, too open directory is tightened
  ASSERT_TRUE(StateStore(nested).open().ok());
  ASSERT_EQ(stat(nested.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);

  write_bytes(dir.path + "/file", {1});
  StoreResult not_dir = StateStore(dir.path + "/file").open();
  EXPECT_EQ(not_dir.kind, Kind::kError);
  EXPECT_NE(not_dir.message.find("not a directory"), std::string::npos) << not_dir.message;
}

TEST(StateStore, SecurityAndServerRoundTrip) {
  TempDir dir;
  StateStore store(dir.path);
  ASSERT_TRUE(store.open().ok());
  Client before;
  before.fill_accounts();
  ASSERT_TRUE(store.save_object(before.registry, 0).ok());
  ASSERT_TRUE(store.save_object(before.registry, 1).ok());

  Client after;
  StoreResult loaded = store.load_object(after.registry, 0);
  ASSERT_TRUE(loaded.ok()) << loaded.message;
  loaded = store.load_object(after.registry, 1);
  ASSERT_TRUE(loaded.ok()) << loaded.message;

  ASSERT_EQ(after.security.instance_count(), 2u);
  Value v;
  ASSERT_TRUE(after.security.read(Path(0, 0, 0), v).ok());
  EXPECT_EQ(v.text(), "coaps://bs.example:5684");
  ASSERT_TRUE(after.security.read(Path(0, 0, 1), v).ok());
  EXPECT_TRUE(v.boolean);
  ASSERT_TRUE(after.security.read(Path(0, 0, 5), v).ok());
  EXPECT_EQ(std::vector<uint8_t>(v.bytes.begin(), v.bytes.end()), (std::vector<uint8_t>{0x00, 0x11, 0x22, 0xff}));
  ASSERT_TRUE(after.security.read(Path(0, 3, 10), v).ok());
  EXPECT_EQ(v.integer, 101);
  ASSERT_TRUE(after.server.read(Path(1, 7, 1), v).ok());
  EXPECT_EQ(v.integer, 600);
  ASSERT_TRUE(after.server.read(Path(1, 7, 7), v).ok());
  EXPECT_EQ(v.text(), "UQ");
  // Everything else too: the restored objects save to the same bytes.
  EXPECT_EQ(snapshot(after, 0), snapshot(before, 0));
  EXPECT_EQ(snapshot(after, 1), snapshot(before, 1));
}

TEST(StateStore, LoadReplacesExistingInstances) {
  TempDir dir;
  StateStore store(dir.path);
  Client saved;
  saved.fill_accounts();
  ASSERT_TRUE(store.save_object(saved.registry, 1).ok());
  Client target;
  lwm2m::objects::ServerAccount other;
  other.short_server_id = 5;
  ASSERT_TRUE(target.server.add_server(0, other).ok());
  ASSERT_TRUE(store.load_object(target.registry, 1).ok());
  ASSERT_EQ(target.server.instance_count(), 1u);
  EXPECT_EQ(target.server.instance_id(0), 7);
}

TEST(StateStore, EmptyObjectRoundTrips) {
  TempDir dir;
  StateStore store(dir.path);
  Client empty, target;
  ASSERT_TRUE(store.save_object(empty.registry, 0).ok());
  target.fill_accounts();
  ASSERT_TRUE(store.load_object(target.registry, 0).ok());
  EXPECT_EQ(target.security.instance_count(), 0u);
}

TEST(StateStore, MissingFileIsAbsent) {
  TempDir dir;
  Client client;
  client.fill_accounts();
  std::vector<uint8_t> before = snapshot(client, 0);
  EXPECT_EQ(StateStore(dir.path).load_object(client.registry, 0).kind, Kind::kAbsent);
  std::vector<RegistrationState> registrations;
  EXPECT_EQ(StateStore(dir.path).load_registrations(registrations).kind, Kind::kAbsent);
  EXPECT_EQ(snapshot(client, 0), before);
}

TEST(StateStore, UnknownObjectIsAnError) {
  TempDir dir;
  Client client;
  EXPECT_EQ(StateStore(dir.path).save_object(client.registry, 3).kind, Kind::kError);
  EXPECT_EQ(StateStore(dir.path).load_object(client.registry, 3).kind, Kind::kError);
}

TEST(StateStore, EveryTruncationIsRefusedAndChangesNothing) {
  TempDir dir;
  StateStore store(dir.path);
  Client saved;
  saved.fill_accounts();
  ASSERT_TRUE(store.save_object(saved.registry, 0).ok());
  std::vector<uint8_t> good = read_bytes(store.object_file(0));

  Client target;  // holds something else, which must survive
  static const uint8_t key[] = {9};
  ASSERT_TRUE(target.security.add_account(1, {"coap://keep.example", false, lwm2m::objects::SecurityMode::kNoSec, {}, {}, key, 9}).ok());
  std::vector<uint8_t> before = snapshot(target, 0);
  for (size_t size = 0; size < good.size(); ++size) {
    write_bytes(store.object_file(0), std::vector<uint8_t>(good.begin(), good.begin() + static_cast<long>(size)));
    StoreResult result = store.load_object(target.registry, 0);
    ASSERT_EQ(result.kind, Kind::kError) << size;
    EXPECT_NE(result.message.find(store.object_file(0)), std::string::npos) << result.message;
    EXPECT_NE(result.message.find("unusable"), std::string::npos) << result.message;
  }
  EXPECT_EQ(snapshot(target, 0), before);
}

TEST(StateStore, EveryFlippedByteIsRefused) {
  TempDir dir;
  StateStore store(dir.path);
  Client saved;
  saved.fill_accounts();
  ASSERT_TRUE(store.save_object(saved.registry, 1).ok());
  std::vector<uint8_t> good = read_bytes(store.object_file(1));
  Client target;
  for (size_t i = 0; i < good.size(); ++i) {
    std::vector<uint8_t> bad = good;
    bad[i] ^= 0x40;
    write_bytes(store.object_file(1), bad);
    ASSERT_EQ(store.load_object(target.registry, 1).kind, Kind::kError) << i;
    ASSERT_EQ(target.server.instance_count(), 0u);
  }
  std::vector<uint8_t> longer = good;
  longer.push_back(0);
  write_bytes(store.object_file(1), longer);
  EXPECT_EQ(store.load_object(target.registry, 1).kind, Kind::kError);
}

TEST(StateStore, FileOfAnotherObjectIsRefused) {
  TempDir dir;
  StateStore store(dir.path);
  Client saved;
  saved.fill_accounts();
  ASSERT_TRUE(store.save_object(saved.registry, 1).ok());
  std::filesystem::rename(store.object_file(1), store.object_file(0));
  Client target;
  StoreResult result = store.load_object(target.registry, 0);
  EXPECT_EQ(result.kind, Kind::kError);
  EXPECT_NE(result.message.find("holds object 1"), std::string::npos) << result.message;
}

TEST(StateStore, SaveReplacesAtomicallyAndLeavesNoTempFiles) {
  TempDir dir;
  StateStore store(dir.path);
  Client client;
  client.fill_accounts();
  ASSERT_TRUE(store.save_object(client.registry, 0).ok());
  ASSERT_TRUE(store.save_object(client.registry, 0).ok());
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path)) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "object-0.state");
  }
  EXPECT_EQ(files, 1u);
  struct stat info {};
  ASSERT_EQ(stat(store.object_file(0).c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);  // keys inside
  EXPECT_EQ(lwm2m::client::write_file_atomically(dir.path + "/missing-dir/x", {1}).kind, Kind::kError);
}

TEST(StateStore, RegistrationsRoundTrip) {
  TempDir dir;
  StateStore store(dir.path);
  std::vector<RegistrationState> saved = {
      {101, "coap://dm.example:5683", {"rd", "5a3f"}},
      {102, "coaps+tcp://other", {"x"}},
      {103, "coap://none", {}},
  };
  ASSERT_TRUE(store.save_registrations(saved).ok());
  std::vector<RegistrationState> loaded;
  ASSERT_TRUE(store.load_registrations(loaded).ok());
  EXPECT_EQ(loaded, saved);
  ASSERT_TRUE(store.save_registrations({}).ok());
  ASSERT_TRUE(store.load_registrations(loaded).ok());
  EXPECT_TRUE(loaded.empty());
}

TEST(StateStore, RegistrationsThatCannotBeStored) {
  TempDir dir;
  StateStore store(dir.path);
  EXPECT_EQ(store.save_registrations({{1, "coap://a b", {"rd"}}}).kind, Kind::kError);
  EXPECT_EQ(store.save_registrations({{1, "coap://a", {"r/d"}}}).kind, Kind::kError);
  EXPECT_EQ(store.save_registrations({{1, "coap://a", {""}}}).kind, Kind::kError);
  EXPECT_FALSE(std::filesystem::exists(store.registrations_file()));
}

TEST(StateStore, DamagedRegistrationsAreRefused) {
  TempDir dir;
  StateStore store(dir.path);
  ASSERT_TRUE(store.save_registrations({{101, "coap://dm", {"rd", "abc"}}}).ok());
  std::vector<uint8_t> good = read_bytes(store.registrations_file());
  const std::vector<RegistrationState> sentinel = {{9, "keep", {"me"}}};
  for (size_t size = 0; size < good.size(); ++size) {
    write_bytes(store.registrations_file(), std::vector<uint8_t>(good.begin(), good.begin() + static_cast<long>(size)));
    std::vector<RegistrationState> out = sentinel;
    ASSERT_EQ(store.load_registrations(out).kind, Kind::kError) << size;
    ASSERT_EQ(out, sentinel);
  }
  for (size_t i = 0; i < good.size(); ++i) {
    std::vector<uint8_t> bad = good;
    bad[i] ^= 0x01;
    write_bytes(store.registrations_file(), bad);
    std::vector<RegistrationState> out = sentinel;
    ASSERT_EQ(store.load_registrations(out).kind, Kind::kError) << i;
    ASSERT_EQ(out, sentinel);
  }
}

namespace {

uint32_t test_crc32(const std::vector<uint8_t>& data) {  // IEEE 802.3, as the store uses
  uint32_t crc = 0xFFFFFFFFu;
  for (uint8_t byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
  }
  return ~crc;
}

// A container with a correct checksum around the given instance payload.
std::vector<uint8_t> container(uint16_t object, uint16_t instance, const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> file = {'L', 'W', 'M', '2', 'M', 'S', 'T', 1, static_cast<uint8_t>(object >> 8),
                               static_cast<uint8_t>(object), 0, 112, 0, 1, static_cast<uint8_t>(instance >> 8),
                               static_cast<uint8_t>(instance), 0, 0, 0, static_cast<uint8_t>(payload.size())};
  file.reserve(file.size() + payload.size() + 4);
  file.insert(file.end(), payload.begin(), payload.end());
  uint32_t crc = test_crc32(file);
  for (int shift = 24; shift >= 0; shift -= 8) file.push_back(static_cast<uint8_t>(crc >> shift));
  return file;
}

}  // namespace

TEST(StateStore, WellFramedButWrongContentIsRefused) {
  TempDir dir;
  StateStore store(dir.path);
  Client target;
  target.fill_accounts();
  std::vector<uint8_t> before = snapshot(target, 1);
  const std::vector<std::vector<uint8_t>> payloads = {
      {0xff},  // not SenML CBOR
      {0x81, 0xa2, 0x00, 0x66, 0x2f, 0x39, 0x2f, 0x30, 0x2f, 0x31, 0x02, 0x01},  // [{n: "/9/0/1", v: 1}]: outside /1/0
      {0x81, 0xa2, 0x00, 0x66, 0x2f, 0x31, 0x2f, 0x30, 0x2f, 0x31, 0x03, 0x61, 0x78},  // [{n: "/1/0/1", vs: "x"}]: Lifetime as text
      {0x81, 0xa2, 0x00, 0x66, 0x2f, 0x31, 0x2f, 0x30, 0x2f, 0x34, 0x02, 0x01},  // [{n: "/1/0/4", v: 1}]: the Disable executable
      {0x81, 0xa2, 0x00, 0x66, 0x2f, 0x31, 0x2f, 0x30, 0x2f, 0x31, 0x02, 0x18, 0x3c},  // Lifetime only: Short Server ID and Binding missing
  };
  for (const auto& payload : payloads) {
    write_bytes(store.object_file(1), container(1, 0, payload));
    StoreResult result = store.load_object(target.registry, 1);
    EXPECT_EQ(result.kind, Kind::kError);
    EXPECT_NE(result.message.find("instance"), std::string::npos) << result.message;
    EXPECT_EQ(snapshot(target, 1), before);
  }
  // The same framing around a good payload loads: the cases above fail for their content.
  write_bytes(store.object_file(1), container(1, 0, {0x84, 0xa2, 0x00, 0x66, 0x2f, 0x31, 0x2f, 0x30, 0x2f, 0x30, 0x02, 0x05, 0xa2, 0x00, 0x66, 0x2f, 0x31, 0x2f, 0x30, 0x2f, 0x31, 0x02, 0x18, 0x3c, 0xa2, 0x00, 0x66, 0x2f, 0x31, 0x2f, 0x30, 0x2f, 0x36, 0x04, 0xf4, 0xa2, 0x00, 0x66, 0x2f, 0x31, 0x2f, 0x30, 0x2f, 0x37, 0x03, 0x61, 0x55}));
  StoreResult result = store.load_object(target.registry, 1);
  ASSERT_TRUE(result.ok()) << result.message;
  Value v;
  ASSERT_TRUE(target.server.read(Path(1, 0, 1), v).ok());
  EXPECT_EQ(v.integer, 60);
}
