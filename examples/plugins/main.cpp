// A plugin host: untrusted Lua plugins, each in its own sandboxed Vm with a heap limit, an
// instruction budget or a watchdog thread, so that none can harm the host or hang it.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tycho/tycho.hpp"

namespace {

enum class Guard {
  kBudget,    // an instruction budget stops it
  kWatchdog,  // another thread interrupts it after a while
};

struct Plugin {
  const char* name;
  Guard guard;
  const char* source;
};

const Plugin kPlugins[] = {
    {"squares", Guard::kBudget, R"lua(
      -- Well behaved: computes something and hands it to the host.
      local sum = 0
      for i = 1, 10 do sum = sum + i * i end
      publish("sum of squares 1..10 = " .. sum)
      return host_version()
    )lua"},
    {"spinner", Guard::kBudget, R"lua(
      -- Never ends: the instruction budget stops it.
      local n = 0
      while true do n = n + 1 end
    )lua"},
    {"hoarder", Guard::kBudget, R"lua(
      -- Allocates without bound: the heap limit stops it.
      local hoard = {}
      while true do hoard[#hoard + 1] = string.rep("x", 64 * 1024) end
    )lua"},
    {"snoop", Guard::kBudget, R"lua(
      -- Reaches for files, processes and modules; the sandbox left them out.
      local function try(what, f)
        local ok, err = pcall(f)
        -- Drop the "snoop:N:" position: the outcome is what matters.
        publish(what .. ": " .. (ok and "allowed" or err:gsub("^[^:]*:%d+: ", "")))
      end
      try("io.open", function() return io.open("/etc/passwd") end)
      try("os.execute", function() return os.execute("echo hello") end)
      try("require", function() return require("socket") end)
    )lua"},
    {"sleeper", Guard::kWatchdog, R"lua(
      -- Never ends, and has no budget: the watchdog thread interrupts it.
      while true do end
    )lua"},
};

constexpr size_t kHeapLimit = 8 << 20;
// The budget comes in slices: the renew callback may grant more, here up to kMaxSlices.
constexpr uint64_t kSlice = 100'000;
constexpr int kMaxSlices = 10;
constexpr auto kWatchdogDelay = std::chrono::milliseconds(50);

// Why a plugin was stopped, from its error message (which also says where it was, and that
// is not the same from run to run for the watchdog).
std::string outcome_of(const std::string& message) {
  if (message.find("instruction budget exhausted") != std::string::npos) {
    return "stopped: instruction budget exhausted";
  }
  if (message.find("not enough memory") != std::string::npos) {
    return "stopped: heap limit reached";
  }
  if (message.find("interrupted!") != std::string::npos) return "stopped: interrupted";
  return "failed: " + message;
}

std::string run_plugin(const Plugin& plugin) {
  tycho::VmOptions options;
  options.sandbox = true;
  options.heap_limit = kHeapLimit;
  tycho::Vm vm(options);

  // The API the host offers its plugins.
  std::vector<std::string> published;
  vm.set_function("publish", [&published](std::string text) { published.push_back(text); });
  vm.set_function("host_version", [] { return std::string("plugin host 1.0"); });

  // renew is called at the end of each slice: the count is of slices used up.
  int slices = 0;
  if (plugin.guard == Guard::kBudget) {
    vm.set_budget(kSlice, [&slices] { return ++slices < kMaxSlices; });
  }

  std::atomic<bool> finished{false};
  std::thread watchdog;
  if (plugin.guard == Guard::kWatchdog) {
    watchdog = std::thread([&vm, &finished] {
      std::this_thread::sleep_for(kWatchdogDelay);
      // Again and again until the run is over: a request made before the run starts (or
      // between calls) is dropped.
      while (!finished.load()) {
        vm.interrupt();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
  }

  std::string outcome;
  try {
    // "=name": messages name the chunk as the plugin.
    auto result =
        vm.run<std::optional<std::string>>(plugin.source, ("=" + std::string(plugin.name)).c_str());
    outcome = "ok";
    if (result) outcome += ", returned \"" + *result + "\"";
  } catch (const tycho::Error& e) {
    outcome = outcome_of(e.what());
  } catch (const std::exception& e) {  // std::bad_alloc, say: the watchdog must still stop
    outcome = std::string("failed: ") + e.what();
  }
  finished = true;
  if (watchdog.joinable()) watchdog.join();

  if (slices > 0) outcome += " (used " + std::to_string(slices) + " slices of its budget)";

  for (size_t i = 0; i < published.size(); i++) {
    outcome += (i == 0 ? "; published " : ", ");
    outcome += "\"" + published[i] + "\"";
  }
  return outcome;
}

}  // namespace

int main() {
  for (const Plugin& plugin : kPlugins) {
    std::cout << plugin.name << ": " << run_plugin(plugin) << "\n";
  }
  return 0;
}
