// A game loop: C++ entities driven by Lua behaviours that run as coroutines, one step a frame.
//
//   game [game.lua]     (default: the game.lua next to this source)
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tycho/tycho.hpp"

#ifndef GAME_SCRIPT
#define GAME_SCRIPT "game.lua"
#endif

namespace {

struct Entity {
  std::string name;
  double x = 0;
  double y = 0;

  Entity(std::string name_, double x_, double y_) : name(std::move(name_)), x(x_), y(y_) {}
  void move(double dx, double dy) {
    x += dx;
    y += dy;
  }
};

std::string describe(const Entity& e) {
  std::ostringstream out;
  out << e.name << " at (" << e.x << ", " << e.y << ")";
  return out.str();
}

constexpr int kFrames = 5;

}  // namespace

int main(int argc, char** argv) {
  const char* script_path = argc > 1 ? argv[1] : GAME_SCRIPT;
  std::ifstream in(script_path);
  if (!in) {
    std::cerr << "cannot open " << script_path << "\n";
    return 1;
  }
  std::stringstream script;
  script << in.rdbuf();

  // The host owns the entities and Lua gets pointers to them, so they must outlive the Vm
  // (and the vector must not reallocate).
  std::vector<Entity> entities{{"hero", 0, 0}, {"bat", 0, 5}, {"trap", 4, 0}};

  tycho::Vm vm;
  vm.new_usertype<Entity>("Entity", tycho::ctor<std::string, double, double>(), "name",
                          &Entity::name, "x", &Entity::x, "y", &Entity::y, "move", &Entity::move,
                          "__tostring", [](const Entity& e) { return describe(e); });
  int frame = 0;
  vm.set_function("log", [&frame](const std::string& text) {
    std::cout << "frame " << frame << ": " << text << "\n";
  });

  struct Actor {
    Entity* entity;
    tycho::Coroutine behaviour;
  };
  std::vector<Actor> actors;

  try {
    // Messages name the script by its file name ("game.lua:12: ...").
    vm.run(script.str(), ("@" + std::filesystem::path(script_path).filename().string()).c_str());
    auto behaviours = vm.get<tycho::Table>("behaviours");
    for (Entity& e : entities) {
      auto behaviour = behaviours.get<std::optional<tycho::Function>>(e.name);
      if (!behaviour) {
        std::cerr << "the script defines no behaviour for " << e.name << "\n";
        return 1;
      }
      actors.push_back({&e, vm.new_coroutine(*behaviour)});
    }

    for (frame = 1; frame <= kFrames; frame++) {
      for (Actor& actor : actors) {
        if (actor.behaviour.done()) continue;
        if (frame == 1) {
          actor.behaviour.resume(actor.entity, frame);
        } else {
          actor.behaviour.resume(frame);  // what coroutine.yield() returns
        }
      }
    }
  } catch (const tycho::Error& e) {
    std::cerr << "game error: " << e.what() << "\n" << e.traceback() << "\n";
    return 1;
  }

  std::cout << "after " << kFrames << " frames:\n";
  for (const Actor& actor : actors) {
    std::cout << "  " << describe(*actor.entity)
              << (actor.behaviour.done() ? " (behaviour finished)" : "") << "\n";
  }
  // __tostring, from the Lua side.
  vm["hero"] = &entities[0];
  std::cout << "Lua sees: " << vm.run<std::string>("return tostring(hero)") << "\n";
  return 0;
}
