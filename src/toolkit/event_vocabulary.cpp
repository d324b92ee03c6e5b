// Known event names and suggestions for unknown ones (see event_vocabulary.hpp).
#include "event_vocabulary.hpp"

#include <algorithm>
#include <cstddef>

namespace seg {
namespace {

constexpr std::size_t kMaxNameBytes = 64;

// A word as the vocabulary spells it: the shop owner's "viewed", "product", "basket" or "bought"
// are GA4's "view", "item", "cart" and "purchase".
std::string_view word_stem(std::string_view word) {
  static const struct { std::string_view from, to; } kStems[] = {
      {"viewed", "view"}, {"views", "view"}, {"viewing", "view"}, {"see", "view"}, {"seen", "view"}, {"saw", "view"},
      {"visit", "view"}, {"visited", "view"}, {"open", "view"}, {"opened", "view"},
      {"product", "item"}, {"products", "item"}, {"article", "item"}, {"articles", "item"}, {"sku", "item"}, {"items", "item"},
      {"added", "add"}, {"adds", "add"}, {"adding", "add"}, {"put", "add"},
      {"basket", "cart"}, {"bag", "cart"}, {"trolley", "cart"}, {"carts", "cart"},
      {"bought", "purchase"}, {"buy", "purchase"}, {"buys", "purchase"}, {"order", "purchase"}, {"ordered", "purchase"},
      {"orders", "purchase"}, {"purchased", "purchase"}, {"purchases", "purchase"}, {"transaction", "purchase"},
      {"removed", "remove"}, {"removes", "remove"}, {"delete", "remove"}, {"deleted", "remove"},
      {"wish", "wishlist"}, {"favourite", "wishlist"}, {"favorite", "wishlist"}, {"saved", "wishlist"},
      {"searched", "search"}, {"searches", "search"}, {"query", "search"},
      {"signup", "sign"}, {"signed", "sign"}, {"register", "sign"}, {"registered", "sign"}, {"registration", "sign"},
      {"logged", "login"}, {"logon", "login"}, {"signin", "login"},
      {"started", "begin"}, {"start", "begin"}, {"began", "begin"}, {"begins", "begin"},
      {"checked", "checkout"}, {"checkouts", "checkout"},
      {"pages", "page"}, {"pageview", "page"}, {"screen", "page"},
      {"promo", "promotion"}, {"promotions", "promotion"}, {"banner", "promotion"},
      {"lists", "list"}, {"category", "list"}, {"catalog", "list"}, {"catalogue", "list"},
      {"shared", "share"}, {"shares", "share"},
      {"refunded", "refund"}, {"returned", "refund"}, {"return", "refund"},
      {"delivery", "shipping"}, {"ship", "shipping"}, {"pay", "payment"}, {"paid", "payment"},
      {"selected", "select"}, {"clicked", "select"}, {"click", "select"}, {"chose", "select"}, {"choose", "select"},
      {"lead", "lead"}, {"leads", "lead"}, {"scrolled", "scroll"}, {"engaged", "engagement"},
  };
  for (const auto& s : kStems)
    if (s.from == word) return s.to;
  return word;
}

// The words of a name: split on anything but letters and digits, lower case, stemmed.
std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.emplace_back(word_stem(word));
    word.clear();
  };
  for (char c : name.substr(0, kMaxNameBytes)) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) word += c;
    else flush();
  }
  flush();
  return out;
}

// Levenshtein distance of two short strings (both cut to kMaxNameBytes), one row of memory.
std::size_t distance(std::string_view a, std::string_view b) {
  a = a.substr(0, kMaxNameBytes);
  b = b.substr(0, kMaxNameBytes);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

const std::vector<std::string_view>& known_events() {
  static const std::vector<std::string_view> events = {
      // GA4 recommended events: e-commerce
      "add_payment_info", "add_shipping_info", "add_to_cart", "add_to_wishlist", "begin_checkout", "purchase", "refund",
      "remove_from_cart", "select_item", "select_promotion", "view_cart", "view_item", "view_item_list", "view_promotion",
      // GA4 recommended events: all properties, lead generation
      "generate_lead", "login", "search", "select_content", "share", "sign_up", "join_group", "tutorial_begin",
      "tutorial_complete", "earn_virtual_currency", "spend_virtual_currency", "qualify_lead", "disqualify_lead",
      "working_lead", "close_convert_lead", "close_unconvert_lead",
      // GA4 automatically collected and enhanced measurement events
      "page_view", "session_start", "first_visit", "user_engagement", "scroll", "click", "file_download", "form_start",
      "form_submit", "video_start", "video_progress", "video_complete", "view_search_results",
      // sent by this product's web layer (web/src/engagement.mjs, exit intent)
      "engagement", "exit_intent",
  };
  return events;
}

std::string suggest_event(std::string_view name, const std::vector<std::string>& vocabulary) {
  const std::vector<std::string> mine = words_of(name);
  std::string joined;
  for (const auto& w : mine) joined += (joined.empty() ? "" : "_") + w;
  // The name's words run together, as one word: "check out" is "checkout", "sign in" is "signin".
  std::string fused;
  for (char c : name.substr(0, kMaxNameBytes)) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) fused += c;
  }
  const std::string fused_word(word_stem(fused));
  const bool fused_is_new = mine.size() > 1;
  std::string best;
  long best_score = 0;
  std::size_t best_distance = 0;
  for (const std::string& known : vocabulary) {
    const std::vector<std::string> theirs = words_of(known);
    long shared = 0;
    for (const auto& w : mine)
      if (std::find(theirs.begin(), theirs.end(), w) != theirs.end()) ++shared;
    if (fused_is_new && shared == 0 && std::find(theirs.begin(), theirs.end(), fused_word) != theirs.end()) shared = static_cast<long>(mine.size());
    const std::size_t spelled = distance(joined, known);
    // Words in common count most; a close spelling ("veiw_item") counts as much as one word.
    const long close = spelled <= (known.size() <= 5 ? 1u : 2u) ? 1 : 0;
    const long score = 4 * (shared + close) - static_cast<long>(theirs.size() + mine.size()) + 2 * shared;
    // Only a close spelling or half of the name's words in common make a suggestion: "view_size_guide"
    // is not a misspelt "view_cart".
    if (close == 0 && 2 * static_cast<std::size_t>(shared) < mine.size()) continue;
    if (shared + close == 0) continue;
    if (best.empty() || score > best_score || (score == best_score && spelled < best_distance)) {
      best = known;
      best_score = score;
      best_distance = spelled;
    }
  }
  return best;
}

}  // namespace seg
