#!/usr/bin/env bash
# Build time of bindings: a generated file that binds 100 functions (lambdas of 0 to 3
# parameters of different types) and 10 user types (a constructor, three fields, three
# methods and a metamethod each) through tycho's C++ API, compiled with g++ -O2 (one object
# file; best of 3 runs), against the headers of this checkout.
#
#   scripts/bench/embed/compile_time.sh
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/../../.."
out=$(mktemp -d)
trap 'rm -rf -- "$out"' EXIT
src=$out/bindings.cpp
{
  echo '#include <cstdint>'
  echo '#include <string>'
  echo '#include <tuple>'
  echo '#include "tycho/tycho.hpp"'
  for t in $(seq 0 9); do
    cat <<CPP
struct Type$t {
  double x = 0, y = 0;
  std::string name;
  Type$t(double x_, double y_) : x(x_), y(y_) {}
  double sum() const { return x + y + $t; }
  void scale(double k) { x *= k; y *= k; }
  std::string label(const std::string& prefix) const { return prefix + name; }
};
CPP
  done
  echo 'void bind(tycho::Vm& vm) {'
  for i in $(seq 0 99); do
    case $((i % 4)) in
      0) echo "  vm.set_function(\"f$i\", [] { return int64_t{$i}; });" ;;
      1) echo "  vm.set_function(\"f$i\", [](int64_t a) { return a + $i; });" ;;
      2) echo "  vm.set_function(\"f$i\", [](double a, const std::string& s) { return s.size() + a + $i; });" ;;
      3) echo "  vm.set_function(\"f$i\", [](int a, double b, bool c) { return std::make_tuple(a + $i, c ? b : -b); });" ;;
    esac
  done
  for t in $(seq 0 9); do
    echo "  vm.new_usertype<Type$t>(\"Type$t\", tycho::ctor<double, double>(), \"x\", &Type$t::x, \"y\", &Type$t::y,"
    echo "      \"name\", &Type$t::name, \"sum\", &Type$t::sum, \"scale\", &Type$t::scale, \"label\", &Type$t::label,"
    echo "      \"__add\", [](const Type$t& a, const Type$t& b) { return Type$t(a.x + b.x, a.y + b.y); });"
  done
  echo '}'
} >"$src"
best=
for _ in 1 2 3; do
  s=$(date +%s%N)
  g++ -std=c++20 -O2 -I include -c "$src" -o "$out/bindings.o"
  e=$(date +%s%N)
  t=$(( (e - s) / 1000000 ))
  if [[ -z $best || $t -lt $best ]]; then best=$t; fi
done
printf 'g++ -O2, 100 functions and 10 user types: %d.%03d s (best of 3), object %d KiB\n' \
  $((best / 1000)) $((best % 1000)) $(( $(stat -c %s "$out/bindings.o") / 1024 ))
