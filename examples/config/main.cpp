// A configuration loader: a Lua file of settings read into a typed C++ struct and validated.
//
//   config [file.lua]     (default: the app.lua next to this source)
//
// Lua as a config language gives comments, expressions and functions for free; the host only
// reads the globals it knows, converting each to its C++ type.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tycho/tycho.hpp"

#ifndef CONFIG_FILE
#define CONFIG_FILE "app.lua"
#endif

namespace {

struct Config {
  std::string name;
  int port = 0;
  std::vector<std::string> hosts;
  std::map<std::string, double> limits;  // sorted by name, so printing is stable
  bool debug = false;
  int workers = 0;
};

// A config that loaded but makes no sense, or has a setting of the wrong type.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Global `name` as T; a conversion error names the setting (tycho's message alone does not).
template <typename T>
T setting(tycho::Vm& vm, const char* name) {
  try {
    return vm.get<T>(name);
  } catch (const tycho::Error& e) {
    throw ConfigError(std::string("setting '") + name + "': " + e.what());
  }
}

// Run the config text and read its settings. `file` names the chunk in error messages.
Config load_config(const std::string& text, const std::string& file) {
  // A config has no business opening files or running programs.
  tycho::VmOptions options;
  options.sandbox = true;
  tycho::Vm vm(options);
  // "@name": Lua's convention for a chunk read from a file, so messages say "name:line:".
  vm.run(text, ("@" + file).c_str());

  Config c;
  c.name = setting<std::string>(vm, "name");
  c.port = setting<int>(vm, "port");
  c.hosts = setting<std::vector<std::string>>(vm, "hosts");
  c.limits = setting<std::map<std::string, double>>(vm, "limits");
  c.debug = setting<std::optional<bool>>(vm, "debug").value_or(false);
  c.workers = setting<int>(vm, "workers");

  if (c.name.empty()) throw ConfigError("name must not be empty");
  if (c.port < 1 || c.port > 65535) {
    throw ConfigError("port " + std::to_string(c.port) + " is outside 1..65535");
  }
  if (c.hosts.empty()) throw ConfigError("hosts must list at least one host");
  for (const auto& [limit, value] : c.limits) {
    if (value < 0) throw ConfigError("limit '" + limit + "' must not be negative");
  }
  if (c.workers < 1) throw ConfigError("workers must be at least 1");
  return c;
}

std::string format_number(double v) {
  std::ostringstream out;
  out.precision(15);  // whole numbers print without an exponent
  out << v;
  return out.str();
}

void print_config(const Config& c) {
  std::cout << "  name:    " << c.name << "\n";
  std::cout << "  port:    " << c.port << "\n";
  std::cout << "  hosts:  ";
  for (const auto& host : c.hosts) std::cout << " " << host;
  std::cout << "\n  limits: ";
  for (const auto& [limit, value] : c.limits)
    std::cout << " " << limit << "=" << format_number(value);
  std::cout << "\n  debug:   " << (c.debug ? "on" : "off") << "\n";
  std::cout << "  workers: " << c.workers << "\n";
}

// Load a config given as text and report the outcome, as a host would on startup.
bool try_config(const std::string& text, const std::string& file) {
  try {
    print_config(load_config(text, file));
    return true;
  } catch (const ConfigError& e) {
    std::cout << "bad config " << file << ": " << e.what() << "\n";
  } catch (const tycho::Error& e) {
    // Syntax and runtime errors in the config: the message says where ("file:line:").
    std::cout << "config " << file << " failed: " << e.what() << "\n";
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path path = argc > 1 ? argv[1] : CONFIG_FILE;
  std::ifstream in(path);
  if (!in) {
    std::cerr << "cannot open " << path << "\n";
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  // Messages name the file without its directory, so the output is the same wherever it is.
  const std::string file = path.filename().string();

  std::cout << "loading " << file << "\n";
  if (!try_config(text.str(), file)) return 1;

  // Configs with mistakes, as a user might write them.
  std::cout << "\nloading configs with mistakes\n";
  const std::string valid_rest =
      "hosts = {'a.example.org'}\n"
      "limits = {}\n"
      "workers = 1\n";
  try_config("name = 'edge'\nport = 70000\n" + valid_rest, "range.lua");
  try_config("name = 'edge'\nport = 'http'\n" + valid_rest, "type.lua");
  try_config("name = 'edge'\nport = 80.5\n" + valid_rest, "fraction.lua");
  try_config("name = 'edge'\nport = 8080\nhosts = {'a.example.org', 'b.example.org'\nlimits = {}\n",
             "syntax.lua");
  try_config("name = 'edge'\nport = 8080\nworkers = #hosts * 4\n", "runtime.lua");
  return 0;
}
