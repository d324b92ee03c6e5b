// Test fixture for the public-headers check (tests/purity): this file must be flagged. Never compiled.
#include <string>

#include "shopper_segments/engine.hpp"
#include "engine/program.hpp"
