// tools/ddf2cpp.py: the committed definitions match what the generator makes
// from the registry, and the generator maps each DDF field as documented.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "objects/definitions/device.h"
#include "objects/definitions/firmware_update.h"
#include "objects/definitions/location.h"
#include "objects/definitions/security.h"
#include "objects/definitions/server.h"
#include "objects/definitions/temperature.h"

namespace {

namespace fs = std::filesystem;
using lwm2m::DataType;
using lwm2m::Operations;

fs::path source_dir() {
  const char* dir = std::getenv("LWM2M_SOURCE_DIR");
  return dir != nullptr ? fs::path(dir) : fs::path(LWM2M_TEST_SOURCE_DIR);
}

// The OMA registry checkout sits next to the repository.
fs::path registry_dir() { return source_dir() / ".." / "shared" / "lwm2m-registry"; }

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct GeneratorRun {
  int exit_code = -1;
  std::string out;
};

// Runs the generator with `args`, capturing stdout (stderr is discarded).
GeneratorRun run_generator(const std::string& args) {
  std::string command = "/usr/bin/python3 '" + (source_dir() / "tools" / "ddf2cpp.py").string() + "' " + args +
                        " 2>/dev/null";
  GeneratorRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/ddf2cpp_test_XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path_ / name;
  }

 private:
  fs::path path_;
};

std::string ddf(const std::string& object_extra, const std::string& items) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LWM2M><Object ObjectType=\"MODefinition\">"
         "<Name>Test Thing</Name><ObjectID>32769</ObjectID>" +
         object_extra + "<MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory><Resources>" +
         items + "</Resources></Object></LWM2M>\n";
}

std::string item(int id, const std::string& ops, const std::string& type, const std::string& range,
                 const std::string& units = "") {
  return "<Item ID=\"" + std::to_string(id) + "\"><Name>R" + std::to_string(id) + "</Name><Operations>" + ops +
         "</Operations><MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory><Type>" + type +
         "</Type><RangeEnumeration>" + range + "</RangeEnumeration><Units>" + units + "</Units></Item>";
}

#define SKIP_WITHOUT_REGISTRY() \
  if (!fs::exists(registry_dir() / "3.xml")) GTEST_SKIP() << "no registry at " << registry_dir()

TEST(Ddf2Cpp, SingleFileMatchesCommittedDeviceHeader) {
  SKIP_WITHOUT_REGISTRY();
  TempDir tmp;
  GeneratorRun run = run_generator("'" + (registry_dir() / "3.xml").string() + "' --name Device --namespace lwm2m::objects");
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, slurp(source_dir() / "objects" / "definitions" / "device.h"));
}

TEST(Ddf2Cpp, StandardModeMatchesEveryCommittedHeader) {
  SKIP_WITHOUT_REGISTRY();
  TempDir tmp;
  GeneratorRun run = run_generator("--standard '" + registry_dir().string() + "' '" + tmp.path().string() + "'");
  ASSERT_EQ(run.exit_code, 0);
  fs::path committed = source_dir() / "objects" / "definitions";
  size_t compared = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(tmp.path())) {
    SCOPED_TRACE(entry.path().filename().string());
    EXPECT_EQ(slurp(entry.path()), slurp(committed / entry.path().filename()));
    ++compared;
  }
  EXPECT_EQ(compared, 14u);
  // And nothing committed that the generator no longer makes.
  for (const fs::directory_entry& entry : fs::directory_iterator(committed))
    EXPECT_TRUE(fs::exists(tmp.path() / entry.path().filename())) << entry.path();
}

// The committed tables carry the DDF's facts (checked at compile time).
static_assert(lwm2m::objects::kDeviceObject.id == 3);
static_assert(lwm2m::objects::kDeviceObject.version == lwm2m::ObjectVersion{1, 2});
static_assert(!lwm2m::objects::kDeviceObject.multiple_instances && lwm2m::objects::kDeviceObject.mandatory);
static_assert(lwm2m::objects::kDeviceObject.find(11)->multiple && lwm2m::objects::kDeviceObject.find(11)->mandatory);
static_assert(lwm2m::objects::kDeviceObject.find(4)->operations == Operations::kExecute);
static_assert(lwm2m::objects::kDeviceObject.find(4)->type == DataType::kNone);
static_assert(lwm2m::objects::kDeviceObject.find(13)->type == DataType::kTime);
static_assert(lwm2m::objects::kServerObject.version == lwm2m::ObjectVersion{1, 2});  // 1.xml, not 1-1_1.xml
static_assert(lwm2m::objects::kServerObject.find(27)->id == 27);  // a 1.2 resource
static_assert(lwm2m::objects::kSecurityObject.find(0)->operations == Operations::kNone);
static_assert(lwm2m::objects::kSecurityObject.find(7)->range().set);   // "6": an exact opaque length
static_assert(lwm2m::objects::kSecurityObject.find(7)->range().min == 6 && lwm2m::objects::kSecurityObject.find(7)->range().max == 6);
static_assert(!lwm2m::objects::kSecurityObject.find(8)->range().set);  // "16,32,48" is a list
static_assert(lwm2m::objects::kFirmwareUpdateObject.find(0)->operations == Operations::kWrite);
static_assert(lwm2m::objects::kFirmwareUpdateObject.find(1)->range().max == 255);
static_assert(lwm2m::objects::kLocationObject.version == lwm2m::ObjectVersion{1, 0});
static_assert(lwm2m::objects::kTemperatureObject.find(5700)->type == DataType::kFloat);

TEST(Ddf2Cpp, ResourcesAreSortedById) {
  const auto& resources = lwm2m::objects::kTemperatureObject.resources;
  for (size_t i = 1; i < resources.size(); ++i) EXPECT_LT(resources[i - 1].id, resources[i].id);
}

TEST(Ddf2Cpp, MapsOperationsTypesAndRanges) {
  TempDir tmp;
  std::string items = item(0, "R", "Integer", "0..100", "%") + item(1, "W", "String", "1..64 bytes") +
                      item(2, "RW", "Float", "-1.5-2.5") + item(3, "E", "", "") + item(4, "", "Opaque", "32 bytes") +
                      item(5, "R", "Unsigned Integer", "0..18446744073709551615") + item(6, "R", "Time", "1...3") +
                      item(7, "R", "Objlnk", "") + item(8, "R", "Corelnk", "") + item(9, "R", "Boolean", "0..1");
  GeneratorRun run = run_generator("'" + tmp.write("t.xml", ddf("<ObjectVersion>2.3</ObjectVersion>", items)).string() + "'");
  ASSERT_EQ(run.exit_code, 0);
  const std::string& h = run.out;
  EXPECT_NE(h.find("from t.xml"), std::string::npos);
  EXPECT_NE(h.find("inline constexpr lwm2m::ResourceDef kTestThingResources[] = {"), std::string::npos);
  EXPECT_NE(h.find("inline constexpr lwm2m::ObjectDef kTestThingObject{32769, \"Test Thing\", {2, 3}, true, false, "
                   "kTestThingResources};"),
            std::string::npos);
  EXPECT_NE(h.find("{0, \"R0\", lwm2m::Operations::kRead, false, true, lwm2m::DataType::kInteger, {true, 0, 100}, \"%\"},"),
            std::string::npos);
  EXPECT_NE(h.find("{1, \"R1\", lwm2m::Operations::kWrite, false, true, lwm2m::DataType::kString, {true, 1, 64}, \"\"},"),
            std::string::npos);
  EXPECT_NE(h.find("lwm2m::Operations::kReadWrite, false, true, lwm2m::DataType::kFloat, {true, -1.5, 2.5}"),
            std::string::npos);
  EXPECT_NE(h.find("{3, \"R3\", lwm2m::Operations::kExecute, false, true, lwm2m::DataType::kNone, {}, \"\"},"),
            std::string::npos);
  EXPECT_NE(h.find("{4, \"R4\", lwm2m::Operations::kNone, false, true, lwm2m::DataType::kOpaque, {true, 32, 32}"),
            std::string::npos);
  EXPECT_NE(h.find("lwm2m::DataType::kUnsignedInteger, {true, 0, 1.8446744073709552e+19}"), std::string::npos);
  EXPECT_NE(h.find("lwm2m::DataType::kTime, {true, 1, 3}"), std::string::npos);
  EXPECT_NE(h.find("lwm2m::DataType::kObjlnk, {}"), std::string::npos);
  EXPECT_NE(h.find("lwm2m::DataType::kCorelnk, {}"), std::string::npos);
  EXPECT_NE(h.find("lwm2m::DataType::kBoolean, {}, \"\"},  // range \"0..1\" not applied to a Boolean"),
            std::string::npos);
}

TEST(Ddf2Cpp, UnparseableEnumerationIsLeftUnsetWithAComment) {
  TempDir tmp;
  std::string items = item(0, "R", "Integer", "0, 1, 2") + item(1, "R", "Integer", "0: off\n\t\t1: on") +
                      item(2, "R", "Integer", "8-Bits") + item(3, "R", "Integer", "9..1");
  GeneratorRun run = run_generator("'" + tmp.write("t.xml", ddf("", items)).string() + "' --name T");
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("kInteger, {}, \"\"},  // range \"0, 1, 2\" is not a min..max range"), std::string::npos);
  EXPECT_NE(run.out.find("// range \"0: off 1: on\" is not a min..max range"), std::string::npos);  // one line
  EXPECT_NE(run.out.find("// range \"8-Bits\" is not a min..max range"), std::string::npos);
  EXPECT_NE(run.out.find("// range \"9..1\" has min > max"), std::string::npos);
  // No ObjectVersion means 1.0.
  EXPECT_NE(run.out.find("kTObject{32769, \"Test Thing\", {1, 0}"), std::string::npos);
}

TEST(Ddf2Cpp, EscapesNamesForCpp) {
  TempDir tmp;
  std::string items = "<Item ID=\"0\"><Name>a \"b\" \\ c \xC2\xB0</Name><Operations>R</Operations>"
                      "<MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory>"
                      "<Type>String</Type><RangeEnumeration/><Units>\xC2\xB0" "C</Units></Item>";
  GeneratorRun run = run_generator("'" + tmp.write("t.xml", ddf("", items)).string() + "' --name T");
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("{0, \"a \\\"b\\\" \\\\ c \\302\\260\", lwm2m::Operations::kRead, true, false, "
                         "lwm2m::DataType::kString, {}, \"\\302\\260C\"},"),
            std::string::npos);
}

TEST(Ddf2Cpp, RejectsBrokenDefinitions) {
  TempDir tmp;
  auto fails = [&](const std::string& text) {
    return run_generator("'" + tmp.write("bad.xml", text).string() + "'").exit_code == 1;
  };
  EXPECT_TRUE(fails(ddf("", item(1, "R", "Integer", "") + item(1, "R", "Integer", ""))));  // duplicate id
  EXPECT_TRUE(fails(ddf("", item(1, "R", "Decimal", ""))));                                // unknown type
  EXPECT_TRUE(fails(ddf("", item(1, "RWX", "Integer", ""))));                              // unknown operations
  EXPECT_TRUE(fails(ddf("", item(65535, "R", "Integer", ""))));                            // reserved id
  EXPECT_TRUE(fails(ddf("<ObjectVersion>one</ObjectVersion>", item(1, "R", "Integer", ""))));
  EXPECT_TRUE(fails(ddf("", "")));                                                         // no resources
  EXPECT_TRUE(fails("<LWM2M><Object><Name>x</Name>"));                                     // truncated XML
  EXPECT_TRUE(fails("<LWM2M></LWM2M>"));                                                   // no object
  EXPECT_EQ(run_generator("'" + (tmp.path() / "missing.xml").string() + "'").exit_code, 1);
  EXPECT_EQ(run_generator("'" + tmp.write("ok.xml", ddf("", item(1, "R", "Integer", ""))).string() + "' --name 1x")
                .exit_code,
            2);  // not an identifier: argparse's usage error
}

}  // namespace
