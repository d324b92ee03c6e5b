// The event names a configuration may count without a warning, and a suggestion for one it does
// not know ("viewed product" -> "view_item"). Events are open (any name is counted), so an
// unknown one is a warning, never an issue: a typo counts nothing and the segment stays empty.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace seg {

// Google Analytics 4's recommended and automatically collected events, the one the engine adds
// (session_start) and those the web layer sends itself (scroll, engagement, exit_intent).
const std::vector<std::string_view>& known_events();

// The known or declared name closest to `name` by its words ("viewed product": view + item) and
// then by spelling; "" when none is close. Bounded work: `name` is read up to 64 bytes and each
// vocabulary entry once.
std::string suggest_event(std::string_view name, const std::vector<std::string>& vocabulary);

}  // namespace seg
