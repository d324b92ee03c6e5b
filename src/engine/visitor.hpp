// Everything the engine remembers about one visitor, and the mapping of a program's features
// onto that memory (rebuilt whenever the program changes).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "cart.hpp"
#include "profile.hpp"
#include "program.hpp"
#include "shopper_segments/value.hpp"

namespace seg {

struct OfferHistory {
  std::vector<Millis> shown;  // the most recent shows, oldest first (bounded)
  Millis dismissed = 0;       // 0: never
  Millis converted = 0;
};
constexpr std::size_t kShownKept = 64;
constexpr std::size_t kMaxTraits = 64;

// Traits, and context alike, take at most this many bytes in a saved state. Without it the API
// took values (64 lists of 64 strings of 256 bytes: 1 MB) whose saved state the loader refused,
// and the next page view lost the whole profile. 4 KB each leaves half of the state's budget
// (kStateBudget, 16 KB) to the profile, which saving sheds to fit; traits are never shed, so the
// bound is where they are set.
constexpr std::size_t kMaxValuesBytes = 4 * 1024;

// Sets (or, for an unset value, removes) one trait or context value under the limits every
// caller shares: a name of 1 to kMaxStringBytes bytes, at most kMaxTraits values, at most
// kMaxValuesBytes as saved (TooLarge: nothing changed).
enum class PutValue { Set, Removed, BadName, Full, TooLarge };
PutValue put_value(std::map<std::string, Value>& values, std::string key, Value value);
// At least the bytes one "key":value member takes in saved JSON (with its comma).
std::size_t saved_bytes(const std::string& key, const Value& value);

class Visitor {
 public:
  std::string id;
  Profile profile;
  Cart cart;
  std::map<std::string, Value> traits;
  std::map<std::string, Value> context;
  std::map<std::string, OfferHistory> offers;
  std::map<std::string, bool> members;  // last evaluated membership of scored segments (hysteresis)

  // Program feature index -> profile slot; -1 when the profile is full.
  struct Binding {
    const Program* program = nullptr;
    std::vector<int> series, sets;
    std::vector<int> step_bits;
  };
  const Binding& bind(const Program& program) { return binding_.program == &program ? binding_ : rebind(program); }
  void unbind() { binding_.program = nullptr; }
  // Maps the program's features onto this profile: once per program and visitor, so built for size.
  const Binding& rebind(const Program& program);

  // Profile::redate_after, and the offers' shows, dismissals and conversions alike.
  void redate_after(Millis now);
  // The newest time this visitor holds (events and offer outcomes); the lowest Millis when none.
  Millis newest_time() const;

  void forget() {
    std::string keep_id = id;
    *this = Visitor();
    id = keep_id;
  }

 private:
  Binding binding_;
};

}  // namespace seg
