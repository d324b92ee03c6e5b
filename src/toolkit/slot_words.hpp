// A slot's decision in the owner's words: what shows, and for every other offer of the slot why
// not ("Lost to “Just landed” (priority 50 > 30).").
#pragma once
#include <string>

#include "engine/program.hpp"
#include "shopper_segments/engine.hpp"

namespace seg {

// A segment as owners know it: its name, quoted (its id when it has none).
std::string segment_name(const Program& program, const std::string& segment_id);
// An offer as owners know it: its title, quoted (its id when it has none).
std::string offer_name(const Program& program, const std::string& offer_id);
// One sentence: what the slot shows and through which segment, or why it shows nothing.
std::string decision_words(const Program& program, const Decision& decision);
// One sentence per fate, with the names and numbers that decided it.
std::string fate_words(const Program& program, const Decision& decision, const Fate& fate);

}  // namespace seg
