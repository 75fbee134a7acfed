// Unit tests of vm/table.cpp: keys of every type, the array/hash split, `#` borders, `next`,
// resizing, and the collector's view (tracing, dead keys, the heap verifier). The `#` cases were
// produced by lua5.4 (5.4.4): each script builds a table with a constructor, then sets, clears,
// reads and measures it; tycho must find the same borders, hint movements included.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/unit/vm_test_support.hpp"
#include "vm/api.hpp"
#include "vm/number.hpp"
#include "vm/string.hpp"
#include "vm/table.hpp"

using namespace tycho::vm;
using tycho::vm::testing::VmFixture;

namespace {

struct LenCase {
  const char* script;
  const char* lengths;
};

static const LenCase kLenCases[] = {
    {"c111 n7 g10 n10 g5 s17 l s9 s8 s19 n18 s16 g15 k6 K2 s6 s19 n16 k6 n4 k6 n7 s14 s17 s13 l",
     "3 9"},
    {"c01111 g7 s6 s15 s17 s13 s2 s7 n2 l s16 l l l s12 g11 l l l s18 l l",
     "7 7 7 7 17 17 17 18 18"},
    {"c1101000 s4 s16 l n15 s8 s3 k6 n20 s1 s17 g10 s12 n8 n17 s19 n11 s15 s20 s14 s19 s15 l l K4 "
     "s19 s8 k5 n7 n18 g3 l",
     "4 4 4 16"},
    {"c101111 s25 g35 l l s54 g13 l l s27 k2 g49 s1 n60 l", "6 6 6 6 6"},
    {"c10011101011 K3 g6 s47 g20 n5 s44 l s23 g28 s64 l n37 l l s10 n51 l s32 g44 l l s18 l",
     "8 1 1 1 1 1 1 1"},
    {"c01111 s9 s1 k6 s20 s14 s5 k4 s13 s16 g6 l", "5"},
    {"c111 l s67 n29 s3 k1 k2 l s6 s2 s61 k5 l n26 n46 k4 s31 g55 s27 s56 s31 s61 s5 l g36 l",
     "3 3 3 3 3"},
    {"c s13 s10 K6 l", "0"},
    {"c0100111 n20 n20 k2 s56 n28 l s38 k5 l", "0 0"},
    {"c11111111100 n60 s60 l g58 l l s53 l", "9 9 9 9"},
    {"c1 l l s16 s9 s4 s9 s2 s15 l s11 n2 s14 n11 s6 k1 g19 n1 g15 g3 s17 s15 k5 n3 s13 l",
     "1 1 4 0"},
    {"c1111111101 s7 s20 s14 k6 n18 l", "10"},
    {"c100011 n50 n57 k2 s16 n60 s70 s30 s57 l g43 s58 s19 l n8 l s34 l s21 s17 n24 l s47 s31 s38 "
     "n62 n29 k3 g62 s46 n10 l",
     "1 1 1 1 1 1"},
    {"c1111101011 s13 s4 l l", "5 5"},
    {"c01111 s6 s16 l", "6"},
    {"c110111111011 s54 l n8 n42 s28 l", "12 7"},
    {"c11011 s37 n54 s64 n32 s19 k2 s19 s52 l l", "5 5"},
    {"c1111101 k1 n10 K1 s13 l l n12 n9 k6 n3 s12 s3 s17 s5 s4 l", "7 7 7"},
    {"c111011 s42 n7 s36 s4 n64 g3 s39 l n69 k5 k6 s6 s14 k1 g21 s55 s28 l n24 l", "6 6 6"},
    {"c1011011011111 s20 s3 s4 n5 l", "7"},
    {"c0111 s20 s48 g47 s37 l", "4"},
    {"c1 n62 l", "1"},
    {"c11 n20 s18 g14 g6 g12 g20 l g10 s16 s7 l s12 s18 s3 s11 s15 n6 s5 s14 l l s8 s11 s4 l g12 "
     "g7 l n14 s16 l",
     "2 2 3 3 16 16 16"},
    {"c011111110 s63 s14 n15 n45 n54 s34 n54 s27 s64 g70 l s38 K4 l", "8 8"},
    {"c1111111101110111101011011100 s14 s16 n6 s3 s1 l l s7 n5 s20 K4 g2 l l s18 g5 n5 l s15 n5 s4 "
     "l",
     "26 26 26 26 26 26"},
    {"c011111 s1 s20 s2 s4 n20 s2 s7 s2 s13 n17 s5 s5 s4 n19 g14 g12 s6 g3 s20 g14 k5 s20 n1 n16 "
     "g15 s7 k6 k3 g7 l",
     "7"},
    {"c101011101101 s54 K6 n39 s35 g2 l", "7"},
    {"c111110 g20 k4 l k5 s1 k2 K1 K4 s4 s8 g15 n2 l k4 s4 s17 s9 s6 s15 s19 l s8 s19 s17 n19 n11 "
     "s9 n4 k3 s7 l",
     "5 8 9 9"},
    {"c1001 s5 K5 s2 n56 g28 K3 l s17 l", "5 5"},
    {"c0110011101011101111111011111111111011 g7 s17 k6 g50 l g41 n47 s37 n61 n14 n38 g31 s61 n19 "
     "n20 n29 s24 l K6 s25 s7 s56 n44 s13 l",
     "37 37 37"},
    {"c01000110111 s9 n19 s8 l K1 g20 s2 s1 s20 s4 n20 s1 g11 l l", "11 11 11"},
    {"c0011110111101 g63 n27 s56 n65 s8 g14 n25 s41 s32 l k2 s1 n23 n29 s25 s62 g14 g2 k3 s39 n21 "
     "s18 l n2 K3 k3 s24 l",
     "11 11 11"},
    {"c11111111111100010111010111111111011 g11 K4 s17 l s3 s68 s52 s30 K6 g61 s14 g44 k3 n59 g25 l "
     "l",
     "35 32 32"},
    {"c00111101101 l s10 s6 K6 n12 s18 l", "11 11"},
    {"c0 n13 n12 s15 s12 s4 g16 s13 l", "0"},
    {"c01110111110110011111110110111110111 g13 n16 s5 s9 l k6 s19 l n1 l l s17 n6 s16 s3 g11 g2 "
     "s17 n20 l l",
     "35 31 31 31 31 31"},
    {"c111111111111 n19 s64 n58 s69 s70 s55 k3 l s62 l n29 K1 s48 s28 s51 n61 n13 k3 n40 s14 K4 s6 "
     "n28 s1 k2 s70 n65 l n18 l",
     "12 12 14 14"},
    {"c s19 s20 K5 n7 s11 l s1 l s1 s12 l k4 k1 s1 s12 n19 s6 s14 l", "0 1 1 1"},
    {"c01011100111 n34 s57 l s15 s70 k6 g70 n12 l n21 n30 s42 n43 s21 s55 k4 s7 l l n17 g32 g49 k1 "
     "s40 s3 s30 g34 l",
     "0 0 0 0 15"},
    {"c1 s5 k5 k2 s16 K4 s3 s14 n17 n10 k5 l", "1"},
    {"c g68 l l l", "0 0 0"},
    {"c11100111111111000111111111 s7 s6 l s67 n58 s60 n10 s23 s53 g3 s44 s17 s14 n2 s51 l n19 k1 "
     "s28 n18 l",
     "26 14 14"},
    {"c0111111 s11 s63 l s20 n20 g22 l", "7 7"},
    {"c100111111111 s8 s16 s20 n9 s12 l s9 l s3 s11 l n2 n12 l n20 n14 n3 s17 k2 g6 s1 s12 n17 l",
     "16 16 16 16 16"},
    {"c1110111 n67 g34 l", "7"},
    {"c11111 l", "5"},
    {"c11 K3 s35 g23 n9 s18 n59 l", "2"},
    {"c00111001 s19 s16 l s9 s11 s15 l", "0 0"},
    {"c11111111 n17 l l s63 l g16 s19 k6 s1 s14 s11 k2 s68 s15 s29 l g49 s26 n15 K3 n1 s7 s8 n60 l "
     "l",
     "8 8 8 15 14 14"},
    {"c0 s7 g16 s4 s16 l k4 K1 g17 l n2 s8 k2 l l n20 l s19 g10 s16 s12 l K3 k2 l s6 l",
     "0 0 0 0 0 0 0 0"},
    {"c11101011 k4 s5 l l l", "8 8 8"},
    {"c11101 s5 n8 s5 s20 k6 s17 s13 l", "3"},
    {"c1 s4 s17 n14 s8 l l k2 s10 l", "1 1 1"},
    {"c1 n58 s33 k1 g6 n3 K3 l", "1"},
    {"c10101 n5 s1 l g15 l s12 s16 s19 s15 s14 K2 l l", "1 1 1 1"},
    {"c1011101111 k1 s2 k2 s6 l s2 l K3 n1 s5 s3 s1 l l l s15 s4 s20 s3 n5 l", "10 10 10 10 10 15"},
    {"c010 s57 n60 s64 l s14 K3 g38 n70 g46 s50 l s34 s27 s8 s14 s1 l s37 l l g16 s42 n32 s19 s20 "
     "s20 s26 s30 n65 l",
     "0 0 2 2 2 2"},
    {"c1111111 l s33 n11 l", "7 7"},
    {"c011001110111 k1 s7 s3 s23 s40 k3 n67 n13 n59 g6 s25 n66 s67 s35 s32 s38 s36 K6 n26 s46 n69 "
     "n70 s22 s52 n66 k2 s7 s66 l l",
     "8 8"},
    {"c1011000 K3 s15 s39 l n47 n34 g15 s25 n30 n70 s53 g47 l s12 s69 n26 s10 s56 k4 k3 s14 l s66 "
     "s37 l",
     "4 4 4 4"},
    {"c11011 s3 n17 s19 g6 n9 l s7 n13 s13 n17 g9 n18 s1 n2 s12 k5 s4 k1 K2 l s18 s8 n18 l l l",
     "5 7 8 8 8"},
    {"c01111 n13 s5 s11 n1 n13 s11 g14 g18 s6 n17 n7 n1 s16 n11 s5 s20 n19 n18 s13 n16 s16 n6 s11 "
     "K6 s18 s15 g3 l",
     "5"},
    {"c011 g3 s43 s38 k3 n48 s19 s34 n4 l s14 s4 g45 s12 s21 g25 g32 l s44 s61 n70 g54 s63 s19 l",
     "0 4 4"},
    {"c n11 l n13 s19 l n14 n14 s13 K4 l n4 s19 s15 k3 s4 s11 s2 s16 s18 s5 s12 s9 g17 s2 l n8 n9 "
     "s4 n12 l l",
     "0 0 0 0 0 0"},
    {"c01 g70 k4 g42 l", "0"},
    {"c g25 s30 s30 s46 n38 s47 n6 s24 s21 s43 s18 l s15 s58 g26 g25 k5 s17 s3 s63 l", "0 0"},
    {"c11011111111 s10 k3 g15 s2 s7 g16 s10 s1 l n20 s17 n20 s14 s12 n1 s12 g2 g4 g17 l s1 s18 s17 "
     "s20 n12 l",
     "11 14 11"},
    {"c1101111111111101111111101111011 s15 k1 n15 s8 s1 g9 s3 g17 s13 g11 n12 s19 s10 n2 k3 n8 s7 "
     "l",
     "31"},
    {"c0111110 n9 l s30 n2 l s27 s23 n24 s50 s17 s47 l s67 g4 k1 l", "6 6 0 0"},
    {"c1 s46 l", "1"},
    {"c11010010 s14 s20 s3 l s6 s18 s11 l l s4 s20 s12 k1 l", "4 7 7 7"},
    {"c1111011101010110110110111111010001001111 g18 s68 l n25 s18 g11 n16 g61 n6 g50 s51 g70 l s17 "
     "g30 s45 n3 n39 s9 l s64 K5 n2 s44 l s25 s64 s68 l l",
     "15 15 15 15 15 15"},
    {"c11 l k1 s15 s19 k1 l n43 n40 n6 g56 s52 s38 l", "2 2 2"},
    {"c1111111111 s3 n3 k5 g11 K2 l s10 l", "10 10"},
    {"c111111101011 s53 s66 s59 n17 n54 s44 n62 n68 g15 s10 n14 s2 l s48 s28 l s32 s32 s58 n56 s15 "
     "s3 s13 s40 s40 k2 s63 l g18 l",
     "7 7 15 15"},
    {"c11101001111011111 n32 n21 l s38 l s25 s16 s39 s43 n53 s53 s20 n69 l", "17 17 20"},
    {"c0111111011011011111110011010001111111011 l k3 s5 l g15 n1 s20 l s14 s19 n15 s7 s7 l k5 n15 "
     "k1 n17 l",
     "40 40 40 40 40"},
    {"c1 s1 l K1 n4 s10 s16 s10 s8 s19 l s19 s8 s4 s15 l l s8 s5 g18 l l l s12 s14 n6 l",
     "1 1 1 1 1 1 1 16"},
    {"c11 s13 K4 g18 s18 n13 n10 n8 s12 s3 n7 l g1 k6 g7 s2 g11 n10 l", "3 3"},
    {"c010 g18 l l s2 l", "2 2 2"},
    {"c11 l", "2"},
    {"c101011110101 g19 s14 s14 s19 s19 l l", "14 14"},
    {"c1101101 s17 s5 g2 s8 s1 s9 g8 l", "9"},
    {"c11 s18 s17 s9 n18 n5 s1 l n12 s10 s16 l", "2 2"},
    {"c00011011 s12 K1 s19 g18 s17 l", "0"},
    {"c1 s19 s5 n16 s17 s4 s12 s9 s9 n10 s12 s11 l n12 g19 s13 g17 s8 g9 s1 s3 l g14 s8 l g4 s5 k1 "
     "s12 l",
     "1 9 9 13"},
    {"c01111101 n4 s12 K3 k5 n18 s6 s18 s4 n7 g13 n8 n4 s4 k4 s1 s14 n4 s5 g18 s13 l s19 l", "3 3"},
    {"c1101 n34 g17 l", "4"},
    {"c1 s7 n2 s11 n16 g10 s12 k3 l g1 s1 l s17 n7 l s16 s18 l l", "1 1 1 1 1"},
    {"c111101011 s10 l n8 k4 s20 s10 l s15 k6 s15 s20 n1 n9 k4 l s7 g4 n10 s20 s4 n20 n1 l l g2 "
     "s20 s1 l K1 s7 l",
     "10 6 6 7 7 7 7"},
    {"c1001101 s34 n37 n42 s38 s59 k1 l", "1"},
    {"c1111 n7 n4 g1 s13 k1 s19 K5 s2 k2 s11 s3 n7 s14 k3 n16 K3 s2 l l", "3 3"},
    {"c11 k6 g61 g8 n43 s43 s60 s12 s12 l", "2"},
    {"c10110011110011111111101010010011101101 s2 s16 g12 k4 l s6 s4 g14 s10 s16 n5 s12 n18 s11 s3 "
     "n12 n11 k1 l l",
     "38 38 38"},
    {"c111101111110001111111011011101011101100 l", "28"},
    {"c K4 s9 s19 s5 s19 s13 s17 g16 n1 n1 s9 g1 s18 k6 s6 n4 s11 s18 n8 s9 n19 s5 n16 l", "0"},
    {"c1011111101 s15 k5 n15 s5 k5 l k6 s20 s15 g19 s18 n15 l l l l s6 k3 n13 s15 l l l g20 l",
     "10 10 10 10 10 8 8 8 8"},
    {"c11111 l g39 l l s34 l", "5 5 5 5"},
    {"c l", "0"},
    {"c11011 s12 k2 k2 l", "5"},
    {"c111111111 s4 n11 n15 n7 s10 s1 s2 n11 g8 l", "10"},
    {"c001 s20 l", "0"},
    {"c10111111111 K1 s36 s33 s56 s37 k4 l s57 s13 s50 l n4 g57 s54 g59 s68 s23 l", "11 13 11"},
    {"c11 n17 n3 g19 l s12 s13 l s19 n9 s12 n6 k3 l s4 g4 l l s7 k2 g12 s8 n11 l l",
     "2 2 2 4 4 4 4"},
    {"c111010110001 n8 n63 g51 n43 s68 s60 l", "7"},
    {"c001100011 s3 s19 s14 l l", "0 0"},
    {"c1 s17 l l n4 s18 n14 n19 s11 l k1 s20 n17 l l s7 s14 k6 s1 s5 l n1 k5 k6 l",
     "1 1 1 1 1 1 0"},
    {"c01011110111 k6 s63 s26 k1 s56 s61 k3 s25 l", "7"},
    {"c101101111101 s13 s18 g11 n19 s5 l", "13"},
    {"c11 k2 s19 l s19 s12 n10 s7 s14 n17 k1 k4 l g19 l g11 s20 s9 n2 l g11 s13 s13 s4 n6 l",
     "2 2 2 1 1"},
    {"c1 s34 g24 k3 l", "1"},
    {"c111111001101 n66 l l g2 s26 s48 n56 s13 s41 s22 s44 g17 s29 l", "12 12 6"},
    {"c01110111 g4 s53 n46 s1 K1 n24 s54 l s9 s13 K1 l s18 s19 s30 k1 l k5 l s51 s56 g33 K2 n13 "
     "s24 s41 s8 s13 s8 l l",
     "8 9 9 9 9 9"},
    {"c101111011 l", "9"},
    {"c110010111101 k4 s38 g16 s1 k3 s13 s28 g4 s43 n54 l n28 n67 n10 s10 n4 s37 l s55 n62 n47 s17 "
     "s51 s19 g5 s68 k4 s21 l",
     "13 13 13"},
    {"c110101110001001111011111100101111110111 n61 l s66 l g54 g7 s13 n70 k2 s10 l k5 s69 n9 g6 l",
     "39 35 35 35"},
    {"c0000111110101110110111001011 s6 l s17 s5 k6 n20 g14 s11 n20 k6 s20 n11 l n20 k2 s13 s2 s2 "
     "g12 l s1 s1 l",
     "28 9 0 2"},
    {"c1100 s2 n7 k3 g6 s16 k4 s16 n7 s10 n6 l s2 l s20 s7 n2 n2 s11 s3 s6 n14 s15 n15 n15 l",
     "2 2 1"},
    {"c10011 n18 k4 s19 g7 l l", "1 1"},
    {"c111001 s2 g9 n4 s8 s6 n9 s16 n8 s1 s17 s13 s18 n20 g8 l", "3"},
};

// Run one length script: "c1011" (constructor {true,nil,true,true}), "s5"/"n5" (t[5] = true /
// nil), "k2"/"K2" (t.s2 = true / nil), "g5" (read t[5]), "l" (record #t).
std::string run_len_script(VmFixture& vm, const char* script) {
  Thread* L = vm.L;
  std::istringstream in(script);
  std::string op;
  std::string out;
  Table* t = nullptr;
  while (in >> op) {
    char c = op[0];
    std::string arg = op.substr(1);
    if (c == 'c') {
      t = new_table(L, static_cast<unsigned>(arg.size()), 0);
      for (size_t i = 0; i < arg.size(); i++) {
        if (arg[i] == '1') table_set_int(L, t, static_cast<int64_t>(i) + 1, Value::boolean(true));
      }
    } else if (c == 's' || c == 'n') {
      table_set_int(L, t, std::stoll(arg), c == 's' ? Value::boolean(true) : Value::nil());
    } else if (c == 'k' || c == 'K') {
      table_set(L, t, vm.sval("s" + arg), c == 'k' ? Value::boolean(true) : Value::nil());
    } else if (c == 'g') {
      (void)table_get_int(t, std::stoll(arg));
    } else if (c == 'l') {
      if (!out.empty()) out += ' ';
      out += std::to_string(table_length(t));
    }
    const char* err = verify_table(t);
    INFO("after " << op);
    REQUIRE(err == nullptr);
  }
  return out;
}

Table* globals(Thread* L) {
  return table_get_int(L->g->registry.as_table(), kRidxGlobals)->as_table();
}

// Keep t alive across collections by storing it in the globals under `name`.
void root(VmFixture& vm, const char* name, Table* t) {
  table_set(vm.L, globals(vm.L), vm.sval(name), Value::object(t));
}

void push(Thread* L, const Value& v) {
  *L->top = v;
  L->top++;
}

}  // namespace

TEST_CASE("# finds the same borders as lua5.4", "[vm][table]") {
  VmFixture vm;
  for (const LenCase& c : kLenCases) {
    INFO("script: " << c.script);
    CHECK(run_len_script(vm, c.script) == c.lengths);
  }
}

TEST_CASE("# continues into the hash part", "[vm][table]") {
  VmFixture vm;
  Thread* L = vm.L;
  Table* t = new_table(L, 4, 8);
  for (int i = 1; i <= 4; i++) table_set_int(L, t, i, Value::integer(i));
  for (int i = 5; i <= 7; i++) table_set_int(L, t, i, Value::integer(i));  // hash part
  CHECK(t->asize == 4);
  CHECK(table_length(t) == 7);
  table_set_int(L, t, 8, Value::integer(8));
  CHECK(table_length(t) == 8);
  table_set_int(L, t, 6, Value::nil());
  uint64_t n = table_length(t);
  CHECK((n == 5 || n == 8));  // any border
  Table* e = new_table(L);
  CHECK(table_length(e) == 0);
  table_set_int(L, e, 1, Value::integer(1));
  CHECK(table_length(e) == 1);
  Table* big = new_table(L, 0, 4);
  table_set_int(L, big, INT64_MAX, Value::integer(1));
  CHECK(table_length(big) == 0);
}

TEST_CASE("keys of every type", "[vm][table]") {
  VmFixture vm;
  Thread* L = vm.L;
  Table* t = new_table(L);
  Table* other = new_table(L);
  int anchor = 0;
  std::string long_text(100, 'x');
  std::vector<Value> keys = {
      Value::integer(1),         Value::integer(0),
      Value::integer(-5),        Value::integer(INT64_MIN),
      Value::integer(INT64_MAX), Value::number(0.5),
      Value::number(-0x1p70),    Value::number(INFINITY),
      Value::boolean(true),      Value::boolean(false),
      vm.sval("short"),          vm.sval(long_text),
      Value::object(other),      Value::light_userdata(&anchor),
  };
  for (size_t i = 0; i < keys.size(); i++)
    table_set(L, t, keys[i], Value::integer(int64_t(i) + 100));
  REQUIRE(verify_table(t) == nullptr);
  for (size_t i = 0; i < keys.size(); i++) {
    INFO("key " << i);
    const Value* v = table_get(t, keys[i]);
    REQUIRE(v->is_int());
    CHECK(v->as_int() == int64_t(i) + 100);
  }
  // Floats with integer values are integer keys; long strings compare by contents.
  CHECK(table_get(t, Value::number(1.0))->as_int() == 100);
  CHECK(table_get(t, Value::number(-0.0))->as_int() == 101);
  CHECK(table_get_int(t, -5)->as_int() == 102);
  Value long_copy = vm.sval(long_text);
  CHECK(long_copy.as_gc() != keys[11].as_gc());
  CHECK(table_get(t, long_copy)->as_int() == 111);
  CHECK(table_get_str(t, long_copy.as_string())->as_int() == 111);
  CHECK(table_get_str(t, vm.str("short"))->as_int() == 110);
  CHECK(table_get_short_str(t, vm.str("short"))->as_int() == 110);
  CHECK(table_get_short_str(t, vm.str("missing"))->is_abstkey());
  CHECK(table_get(t, Value::number(NAN))->is_abstkey());
  CHECK(table_get(t, Value::nil())->is_abstkey());
  CHECK(table_get(t, Value::number(0.25))->is_abstkey());
  // Overwrite, remove, re-add.
  table_set(L, t, Value::number(2.0), vm.sval("two"));
  CHECK(table_get_int(t, 2)->is_string());
  table_set(L, t, long_copy, Value::nil());
  CHECK(table_get(t, keys[11])->is_nil());
  CHECK(!table_get(t, keys[11])->is_abstkey());  // a removed key keeps its slot until a rehash
  table_set(L, t, keys[11], Value::integer(7));
  CHECK(table_get(t, long_copy)->as_int() == 7);
  REQUIRE(verify_table(t) == nullptr);
}

TEST_CASE("nil and NaN keys raise lua5.4's errors", "[vm][table]") {
  VmFixture vm;
  Thread* L = vm.L;
  Table* t = new_table(L);
  CHECK(vm.error_of([&] { table_set(L, t, Value::nil(), Value::integer(1)); }) ==
        "table index is nil");
  CHECK(vm.error_of([&] { table_set(L, t, Value::nil(), Value::nil()); }) == "table index is nil");
  CHECK(vm.error_of([&] { table_set(L, t, Value::number(NAN), Value::integer(1)); }) ==
        "table index is NaN");
  // Storing nil under a new key stores nothing.
  table_set(L, t, Value::integer(3), Value::nil());
  table_set(L, t, vm.sval("k"), Value::nil());
  CHECK(table_memory(t) == 0);
  CHECK(table_get_int(t, 3)->is_abstkey());
}

TEST_CASE("random insertions and removals agree with a map", "[vm][table]") {
  VmFixture vm;
  Thread* L = vm.L;
  std::mt19937_64 rng(12345);
  for (int round = 0; round < 20; round++) {
    Table* t = new_table(L);
    root(vm, "t", t);
    std::map<int64_t, int64_t> ints;
    std::map<std::string, int64_t> strs;
    int range = round % 2 ? 64 : 5000;
    for (int step = 0; step < 3000; step++) {
      int64_t k = static_cast<int64_t>(rng() % range) - (round % 4 == 3 ? range / 2 : 0);
      bool del = rng() % 3 == 0;
      int64_t v = static_cast<int64_t>(rng());
      if (rng() % 4 == 0) {
        std::string s = "k" + std::to_string(k) + (k % 7 == 0 ? std::string(50, 'L') : "");
        table_set(L, t, vm.sval(s), del ? Value::nil() : Value::integer(v));
        if (del)
          strs.erase(s);
        else
          strs[s] = v;
      } else if (rng() % 2) {
        table_set(L, t, Value::number(static_cast<double>(k)),
                  del ? Value::nil() : Value::integer(v));
        if (del)
          ints.erase(k);
        else
          ints[k] = v;
      } else {
        table_set_int(L, t, k, del ? Value::nil() : Value::integer(v));
        if (del)
          ints.erase(k);
        else
          ints[k] = v;
      }
      if (step % 500 == 0) L->g->gc.full_collect();
    }
    REQUIRE(verify_table(t) == nullptr);
    for (int64_t k = -range; k < range; k++) {
      const Value* v = table_get_int(t, k);
      auto it = ints.find(k);
      if (it == ints.end()) {
        CHECK(v->is_nil());
      } else {
        REQUIRE(v->is_int());
        CHECK(v->as_int() == it->second);
      }
    }
    for (auto& [s, val] : strs) CHECK(table_get(t, vm.sval(s))->as_int() == val);
    // next visits every entry exactly once.
    size_t count = 0;
    Value key = Value::nil(), val;
    std::set<int64_t> seen;
    while (table_next(L, t, &key, &val)) {
      count++;
      if (key.is_int()) {
        CHECK(seen.insert(key.as_int()).second);
        CHECK(ints.at(key.as_int()) == val.as_int());
      } else {
        REQUIRE(key.is_string());
      }
    }
    CHECK(count == ints.size() + strs.size());
    CHECK(verify_heap(L).empty());
  }
}

TEST_CASE("next survives clearing fields during the traversal", "[vm][table]") {
  VmFixture vm;
  Thread* L = vm.L;
  Table* t = new_table(L);
  root(vm, "t", t);
  for (int i = 1; i <= 10; i++) table_set_int(L, t, i, Value::integer(i));
  for (int i = 0; i < 50; i++) table_set(L, t, vm.sval("f" + std::to_string(i)), Value::integer(i));
  for (int i = 0; i < 5; i++) table_set(L, t, Value::object(new_table(L)), Value::integer(i));
  // Made (and kept alive) before any key dies: a string created later could reuse a dead
  // key's address, and then `next` would accept it, as Lua's does.
  Value never_a_key = vm.sval("nope");
  push(L, never_a_key);
  Value key = Value::nil(), val;
  size_t visited = 0;
  push(L, key);  // the traversal key lives on the stack, as in a Lua loop
  Value* base = L->top - 1;  // after the push, which can move the stack
  while (table_next(L, t, &base[0], &val)) {
    visited++;
    table_set(L, t, base[0], Value::nil());
    if (visited % 10 == 0) {
      L->g->gc.full_collect();  // turns the cleared keys into dead keys
      REQUIRE(verify_table(t) == nullptr);
    }
  }
  L->top = base;
  CHECK(visited == 65);
  key = Value::nil();
  CHECK(!table_next(L, t, &key, &val));
  CHECK(verify_heap(L).empty());
  // A key that was never in the table.
  CHECK(vm.error_of([&] {
    Value k = never_a_key;
    table_next(L, t, &k, &val);
  }) == "invalid key to 'next'");
  CHECK(vm.error_of([&] {
    Value k = Value::number(1.5);
    table_next(L, t, &k, &val);
  }) == "invalid key to 'next'");
}

TEST_CASE("resizing moves entries between the parts", "[vm][table]") {
  VmFixture vm;
  Thread* L = vm.L;
  Table* t = new_table(L, 16, 4);
  CHECK(t->asize == 16);
  CHECK(table_memory(t) == 16 * sizeof(Value) + 4 * sizeof(Node));
  for (int i = 1; i <= 16; i++) table_set_int(L, t, i, Value::integer(i * 10));
  table_set(L, t, vm.sval("x"), Value::integer(1));
  resize_table(L, t, 4, 0);  // the slice 5..16 moves to the hash part (grown as needed)
  REQUIRE(verify_table(t) == nullptr);
  CHECK(t->asize == 4);
  for (int i = 1; i <= 16; i++) CHECK(table_get_int(t, i)->as_int() == i * 10);
  CHECK(table_get(t, vm.sval("x"))->as_int() == 1);
  resize_array(L, t, 32);
  REQUIRE(verify_table(t) == nullptr);
  CHECK(t->asize == 32);
  for (int i = 1; i <= 16; i++) CHECK(table_get_int(t, i)->as_int() == i * 10);
  CHECK(table_length(t) == 16);
  resize_table(L, t, 0, 0);
  REQUIRE(verify_table(t) == nullptr);
  for (int i = 1; i <= 16; i++) CHECK(table_get_int(t, i)->as_int() == i * 10);
  // Inserting integer keys in order lands them in the array part after a rehash.
  Table* seq = new_table(L);
  for (int i = 1; i <= 1000; i++) table_set_int(L, seq, i, Value::integer(i));
  CHECK(seq->asize == 1024);
  CHECK(table_node_count(seq) == 0);
  CHECK(table_length(seq) == 1000);
  REQUIRE(verify_table(seq) == nullptr);
}

TEST_CASE("stores clear the metamethod cache", "[vm][table]") {
  VmFixture vm;
  Thread* L = vm.L;
  Table* t = new_table(L);
  CHECK(t->flags != 0);  // a new table has no metamethod fields
  table_set(L, t, vm.sval("__index"), Value::boolean(true));
  CHECK(t->flags == 0);
  t->flags = 0xff;
  table_set_int(L, t, 1, Value::integer(1));
  CHECK(t->flags == 0);
  t->flags = 0xff;
  Value k = vm.sval("__len");
  table_finish_set(L, t, k, table_get(t, k), Value::integer(1));
  CHECK(t->flags == 0);
}

TEST_CASE("the collector keeps what a table holds and forgets removed keys", "[vm][table]") {
  VmFixture vm;
  Thread* L = vm.L;
  Table* t = new_table(L);
  root(vm, "t", t);
  std::string long_text(600, 'z');  // bytes in a payload
  table_set(L, t, vm.sval(long_text), vm.sval(long_text + "v"));
  Table* inner = new_table(L, 8, 0);
  table_set_int(L, inner, 1, vm.sval("inner"));
  table_set(L, t, Value::object(inner), Value::object(inner));
  Table* mt = new_table(L);
  t->metatable = mt;
  for (int i = 0; i < 200; i++) table_set(L, t, Value::object(new_table(L)), Value::integer(i));
  L->g->gc.full_collect();
  CHECK(verify_heap(L).empty());
  const Value* v = table_get(t, vm.sval(long_text));
  REQUIRE(v->is_string());
  CHECK(std::string(v->as_string()->data()) == long_text + "v");
  CHECK(table_get(t, Value::object(inner))->as_table() == inner);
  CHECK(std::string(table_get_int(inner, 1)->as_string()->data()) == "inner");
  // Remove the table keys: after a collection they are dead keys, and the table still works.
  Value key = Value::nil(), val;
  std::vector<Value> to_clear;
  while (table_next(L, t, &key, &val)) {
    if (key.is_table() && key.as_table() != inner) to_clear.push_back(key);
  }
  CHECK(to_clear.size() == 200);
  for (const Value& k : to_clear) table_set(L, t, k, Value::nil());
  to_clear.clear();
  L->g->gc.full_collect();
  CHECK(verify_heap(L).empty());
  REQUIRE(verify_table(t) == nullptr);
  size_t live = 0;
  key = Value::nil();
  while (table_next(L, t, &key, &val)) live++;
  CHECK(live == 2);
  for (int i = 0; i < 300; i++) table_set_int(L, t, i * 3 + 1000, Value::integer(i));  // rehash
  REQUIRE(verify_table(t) == nullptr);
  L->g->gc.full_collect();
  CHECK(verify_heap(L).empty());
}

TEST_CASE("small parts of a sized table live in its cell until they grow", "[vm][table]") {
  VmFixture vm;
  Thread* L = vm.L;
  auto in_cell = [](Table* t, const void* p) {
    auto* cell = reinterpret_cast<const char*>(t + 1);
    auto* q = static_cast<const char*>(p);
    return q >= cell && q < cell + kColocMaxBytes;
  };
  Table* t = new_table(L, 3, 2);  // {a, b, c, x = .., y = ..}
  root(vm, "t", t);
  CHECK(t->extra == (kColocArray | kColocNode));
  CHECK(in_cell(t, t->array));
  CHECK(in_cell(t, t->node));
  CHECK(t->asize == 3);
  CHECK(table_node_count(t) == 2);
  for (int i = 1; i <= 3; i++) table_set_int(L, t, i, vm.sval("v" + std::to_string(i)));
  table_set(L, t, vm.sval("x"), vm.sval("xv"));
  table_set(L, t, vm.sval("y"), Value::integer(7));
  REQUIRE(verify_table(t) == nullptr);
  L->g->gc.full_collect();  // the parts are not payloads: nothing to mark, nothing lost
  CHECK(verify_heap(L).empty());
  CHECK(std::string(table_get_int(t, 2)->as_string()->data()) == "v2");
  CHECK(std::string(table_get(t, vm.sval("x"))->as_string()->data()) == "xv");
  // A third key rehashes: the hash part moves out (the array part too when the rehash picks
  // another size for it: 4 here, as lua's computesizes).
  table_set(L, t, vm.sval("z"), Value::integer(8));
  CHECK((t->extra & kColocNode) == 0);
  CHECK(!in_cell(t, t->node));
  CHECK(((t->extra & kColocArray) != 0) == in_cell(t, t->array));
  // Appending grows the array part: it moves out too, with its entries.
  for (int i = 4; i <= 40; i++) table_set_int(L, t, i, Value::integer(i));
  CHECK(t->extra == 0);
  CHECK(!in_cell(t, t->array));
  REQUIRE(verify_table(t) == nullptr);
  L->g->gc.full_collect();
  CHECK(verify_heap(L).empty());
  CHECK(std::string(table_get_int(t, 3)->as_string()->data()) == "v3");
  CHECK(table_get_int(t, 40)->as_int() == 40);
  CHECK(table_get(t, vm.sval("y"))->as_int() == 7);
  CHECK(table_get(t, vm.sval("z"))->as_int() == 8);
  // Shrinking a colocated array moves its slice to the hash part and frees nothing of the cell.
  Table* u = new_table(L, 8, 0);
  root(vm, "u", u);
  for (int i = 1; i <= 8; i++) table_set_int(L, u, i, Value::integer(i * 2));
  resize_table(L, u, 2, 0);
  CHECK(u->extra == 0);
  REQUIRE(verify_table(u) == nullptr);
  for (int i = 1; i <= 8; i++) CHECK(table_get_int(u, i)->as_int() == i * 2);
  // Parts too big for the cell, and huge hints, are payloads as before.
  Table* big = new_table(L, 17, 0);
  CHECK(big->extra == 0);
  CHECK(new_table(L, 0, 11)->extra == 0);  // 16 nodes: 384 bytes
  CHECK(new_table(L, 0, 8)->extra == kColocNode);
  L->g->gc.full_collect();
  CHECK(verify_heap(L).empty());
}

TEST_CASE("the shared empty hash part is never written", "[vm][table]") {
  // Tables with no hash part all point at one read-only node; many VMs share it.
  VmFixture a;
  VmFixture b;
  Table* ta = new_table(a.L);
  Table* tb = new_table(b.L);
  CHECK(ta->node == tb->node);
  CHECK(table_node_count(ta) == 0);
  table_set(a.L, ta, a.sval("k"), Value::integer(1));
  CHECK(ta->node != tb->node);
  CHECK(table_get(tb, b.sval("k"))->is_abstkey());
  CHECK(table_get_int(tb, 1)->is_abstkey());
  CHECK(verify_table(tb) == nullptr);
}

// ---- Cards: the backward barrier's record of what changed in a big table ----

namespace {
Table* big_rooted_table(VmFixture& vm, unsigned narray) {
  Table* t = new_table(vm.L);
  root(vm, "big", t);
  resize_array(vm.L, t, narray);
  for (unsigned i = 1; i <= narray; i++) table_set_int(vm.L, t, i, Value::integer(i));
  return t;
}
}  // namespace

TEST_CASE("cards: a store into an old big table dirties its card, two minor cycles clean it",
          "[vm][table][cards]") {
  VmFixture vm;
  Thread* L = vm.L;
  tycho::gc::Collector& c = L->g->gc;
  c.set_generational(true);
  Table* t = big_rooted_table(vm, 4096);
  REQUIRE(card_count(t->asize) == 4096 / kCardSize);
  c.full_collect();  // the table is old
  REQUIRE(c.is_marked(t));
  for (size_t k = 0; k < card_count(t->asize); k++) REQUIRE(array_cards(t)[k] == 0);

  Table* young = new_table(L);
  table_set_int(L, t, 1000, Value::object(young));  // slot 999
  const size_t card = 999 / kCardSize;
  CHECK(array_cards(t)[card] == kCardNew);
  CHECK(array_cards(t)[card - 1] == 0);
  CHECK(array_cards(t)[card + 1] == 0);
  CHECK_FALSE(c.is_marked(young));               // the barrier marks nothing
  table_set_int(L, t, 1001, Value::integer(5));  // not collectable: no card
  CHECK(array_cards(t)[card] == kCardNew);

  c.step(0);  // a minor collection re-scans the card and keeps it for the next one
  CHECK(array_cards(t)[card] != 0);
  CHECK((array_cards(t)[card] & kCardNew) == 0);
  c.step(0);  // the next re-scans it once more: the young table is old now
  CHECK(array_cards(t)[card] == 0);
  CHECK(c.is_marked(young));
  CHECK(table_get_int(t, 1000)->as_table() == young);
  CHECK(verify_heap(L).empty());
}

TEST_CASE("cards: a resized marked table is re-scanned whole; cards never overlap entries",
          "[vm][table][cards]") {
  VmFixture vm;
  Thread* L = vm.L;
  tycho::gc::Collector& c = L->g->gc;
  c.set_generational(true);
  Table* t = big_rooted_table(vm, 2048);
  c.full_collect();
  resize_array(L, t, 4096);
  for (size_t k = 0; k < card_count(4096); k++) CHECK(array_cards(t)[k] == kCardNew);
  // The last entry and the first card are neighbours in memory.
  table_set_int(L, t, 4096, Value::object(new_table(L)));
  CHECK(table_get_int(t, 4096)->is_table());
  CHECK(array_cards(t)[0] == kCardNew);
  REQUIRE(verify_table(t) == nullptr);
  c.step(0);
  c.step(0);
  for (size_t k = 0; k < card_count(4096); k++) CHECK(array_cards(t)[k] == 0);
  CHECK(verify_heap(L).empty());
}

TEST_CASE("cards: stores into a big hash part dirty the card of their node", "[vm][table][cards]") {
  VmFixture vm;
  Thread* L = vm.L;
  tycho::gc::Collector& c = L->g->gc;
  c.set_generational(true);
  Table* t = new_table(L);
  root(vm, "h", t);
  for (int i = 0; i < 1500; i++)
    table_set(L, t, vm.sval("k" + std::to_string(i)), Value::integer(i));
  const uint32_t n = table_node_count(t);
  REQUIRE(n == 2048);
  c.full_collect();
  Value key = vm.sval("k777");
  const Value* slot = table_get(t, key);
  const size_t node = reinterpret_cast<const Node*>(slot) - t->node;
  table_set(L, t, key, Value::object(new_table(L)));
  for (size_t k = 0; k < card_count(n); k++) {
    CHECK(node_cards(t)[k] == (k == node / kCardSize ? kCardNew : 0));
  }
  c.step(0);
  c.step(0);
  CHECK(table_get(t, key)->is_table());
  CHECK(verify_heap(L).empty());
}

// ---- The heap limit: a growth under GrowthMayCollect collects the garbage first ----

TEST_CASE("a table growth under the heap limit collects first only where the store allows it",
          "[vm][table][limit]") {
  VmFixture vm;
  Thread* L = vm.L;
  Table* t = new_table(L);
  root(vm, "t", t);
  for (unsigned i = 1; i <= 16384; i++) table_set_int(L, t, i, Value::integer(i));  // 256 KiB
  L->g->gc.full_collect();
  // 1 MiB of garbage: strings that nothing holds, made with no safe point since.
  for (int i = 0; i < 256; i++) new_string(L, std::string(4096, 'x') + std::to_string(i));
  // Room for the garbage and a little more, but not for the array's next part (512 KiB).
  L->g->heap.set_limit(L->g->heap.bytes_counted() + (256 << 10));
  const auto grow = [&] { table_set_int(L, t, 16385, Value::integer(16385)); };

  // Unguarded (a caller that may hold unanchored objects): the growth fails, nothing collected.
  CHECK(vm.error_of(grow) == "not enough memory");
  CHECK(t->asize == 16384);
  CHECK(table_get_int(t, 16385)->is_abstkey());

  {
    GrowthMayCollect may_collect(L->g);
    grow();
    CHECK_FALSE(L->g->growth_may_collect);  // used up by the growth
  }
  CHECK_FALSE(L->g->growth_may_collect);
  CHECK(t->asize == 32768);
  for (unsigned i = 1; i <= 16385; i++) REQUIRE(table_get_int(t, i)->as_int() == int64_t{i});
  CHECK(L->g->heap.bytes_counted() < (1u << 20));  // the garbage is gone
  CHECK(verify_heap(L).empty());
  L->g->heap.set_limit(0);
}

TEST_CASE("lua_createtable and lua_newuserdatauv collect first when garbage leaves no room",
          "[vm][table][limit]") {
  VmFixture vm;
  Thread* L = vm.L;
  L->g->gc.full_collect();
  const auto make_garbage = [&] {
    for (int i = 0; i < 256; i++) new_string(L, std::string(4096, 'x') + std::to_string(i));
  };
  make_garbage();  // 1 MiB that nothing holds
  L->g->heap.set_limit(L->g->heap.bytes_counted() + (256 << 10));
  api::create_table(L, 32768, 0);  // a 512 KiB array part
  REQUIRE(L->top[-1].is_table());
  CHECK(L->top[-1].as_table()->asize == 32768);
  L->top--;
  L->g->heap.set_limit(0);
  L->g->gc.full_collect();
  make_garbage();
  L->g->heap.set_limit(L->g->heap.bytes_counted() + (256 << 10));
  void* block = api::new_userdata(L, 512 << 10, 1);
  REQUIRE(block != nullptr);
  std::memset(block, 1, 512 << 10);
  L->top--;
  CHECK(verify_heap(L).empty());
  L->g->heap.set_limit(0);
}
