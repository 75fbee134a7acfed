// The public API's collector settings and statistics (include/tycho/tycho.hpp): one parser for
// the `--gc-...` flags of the CLI, the TYCHO_GC environment variable and hosts' own strings,
// and the text that `tycho --gc-stats` prints.
#include <cerrno>
#include <cinttypes>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tycho/tycho.hpp"

namespace tycho {

namespace {

// A non-negative integer with an optional K/M/G suffix (powers of 1024) when `units`.
bool parse_size(std::string_view text, bool units, uint64_t* out) {
  if (text.empty()) return false;
  uint64_t value = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; i++) {
    const uint64_t digit = static_cast<uint64_t>(text[i] - '0');
    if (value > (UINT64_MAX - digit) / 10) return false;
    value = value * 10 + digit;
  }
  if (i == 0) return false;
  if (i < text.size()) {
    if (!units || i + 1 != text.size()) return false;
    int shift = 0;
    switch (text[i]) {
      case 'k':
      case 'K':
        shift = 10;
        break;
      case 'm':
      case 'M':
        shift = 20;
        break;
      case 'g':
      case 'G':
        shift = 30;
        break;
      default:
        return false;
    }
    if (value > (UINT64_MAX >> shift)) return false;
    value <<= shift;
  }
  *out = value;
  return true;
}

std::string bad_value(std::string_view name, std::string_view value) {
  return "invalid value '" + std::string(value) + "' for GC setting '" + std::string(name) + "'";
}

std::string set_int(int* field, std::string_view name, std::string_view value, int max) {
  uint64_t v;
  if (!parse_size(value, false, &v) || v > static_cast<uint64_t>(max)) {
    return bad_value(name, value);
  }
  *field = static_cast<int>(v);
  return "";
}

std::string mib(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

}  // namespace

std::string apply_gc_setting(VmOptions& options, std::string_view setting) {
  const size_t eq = setting.find('=');
  const std::string_view name = setting.substr(0, eq);
  const std::string_view value = eq == std::string_view::npos ? "" : setting.substr(eq + 1);
  GcOptions& gc = options.gc;
  if (name == "stats") {
    if (eq != std::string_view::npos && value != "1" && value != "0") return bad_value(name, value);
    gc.print_stats = value != "0";
    return "";
  }
  if (name == "verify") {
    if (eq != std::string_view::npos && value != "1" && value != "0") return bad_value(name, value);
    gc.verify_steps = value != "0";
    return "";
  }
  if (eq == std::string_view::npos) return "GC setting '" + std::string(name) + "' needs a value";
  if (name == "mode") {
    if (value == "incremental") {
      gc.mode = GcMode::kIncremental;
    } else if (value == "generational") {
      gc.mode = GcMode::kGenerational;
    } else {
      return bad_value(name, value);
    }
    return "";
  }
  if (name == "pause") return set_int(&gc.pause, name, value, 1000000);
  if (name == "stepmul") return set_int(&gc.stepmul, name, value, 1000000);
  if (name == "stepsize") return set_int(&gc.stepsize, name, value, 62);
  if (name == "minormul") return set_int(&gc.minormul, name, value, 100);
  if (name == "majormul") return set_int(&gc.majormul, name, value, 1000000);
  if (name == "step-time") return set_int(&gc.step_time_us, name, value, 1000000000);
  if (name == "heap-limit") {
    uint64_t bytes;
    if (!parse_size(value, true, &bytes) || bytes > SIZE_MAX) return bad_value(name, value);
    options.heap_limit = static_cast<size_t>(bytes);
    return "";
  }
  return "unknown GC setting '" + std::string(name) + "'";
}

std::string apply_gc_settings(VmOptions& options, std::string_view list) {
  size_t i = 0;
  while (i < list.size()) {
    const size_t end = list.find_first_of(", ", i);
    const std::string_view item = list.substr(i, end == std::string_view::npos ? end : end - i);
    if (!item.empty()) {
      std::string err = apply_gc_setting(options, item);
      if (!err.empty()) return err;
    }
    if (end == std::string_view::npos) break;
    i = end + 1;
  }
  return "";
}

std::string format_gc_stats(const GcStats& s) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "gc: mode %s; %zu cycles (%zu full, %zu minor), %.3f ms collecting\n"
                "gc: pauses: max %.3f ms, p99 %.3f ms\n"
                "gc: allocated %s, freed %s, peak heap %s, heap now %s\n",
                s.mode, s.cycles + s.minor_cycles, s.cycles, s.minor_cycles, s.total_ms,
                s.max_pause_ms, s.p99_pause_ms, mib(s.bytes_allocated).c_str(),
                mib(s.bytes_freed).c_str(), mib(s.peak_heap_bytes).c_str(),
                mib(s.heap_bytes).c_str());
  return buf;
}

}  // namespace tycho
