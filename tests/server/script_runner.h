// A tiny line-based script language over TestServer, for the CLI, the
// interop scripts and people (documented in tests/server/README.md).
// One command per line; '#' starts a comment. The first failed wait or
// expectation stops the script.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "tests/server/test_server.h"

namespace lwm2m::test_server {

// "tlv" -> 11542, "senml-json" -> 110, "42" -> 42; nullopt for an unknown name.
std::optional<uint16_t> parse_format(const std::string& name);

class ScriptRunner {
 public:
  ScriptRunner(TestServer& server, std::ostream& log) : server_(server), log_(log) {}

  // 0 when every command succeeded (or `exit 0`), the `exit` code, or 1 at
  // the first failure (the line is reported on `log`).
  int run(std::istream& script);
  // One command line; false on failure. Sets exit_code_ on `exit`.
  bool execute_line(const std::string& line);

  bool exited() const { return exited_; }
  const Answer& last_answer() const { return last_; }

 private:
  bool run_command(const std::vector<std::string>& words);
  bool expect(bool condition, const std::string& what);
  bool show(const Answer& answer);
  Milliseconds timeout() const { return Milliseconds(timeout_ms_); }

  TestServer& server_;
  std::ostream& log_;
  std::string endpoint_;
  uint64_t observation_ = 0;
  Answer last_;
  Path last_path_;
  size_t updates_waited_ = 0;
  int timeout_ms_ = 10000;
  bool exited_ = false;
  int exit_code_ = 0;
};

}  // namespace lwm2m::test_server
