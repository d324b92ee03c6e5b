// The synthetic log (see generator.hpp). Each visitor follows one persona (round robin, so any
// log of at least kPersonaCount visitors has every persona) with random items, prices, times and
// extra browsing drawn from one seeded generator.
#include "generator.hpp"

#include <string_view>
#include <vector>

#include "engine/text_number.hpp"
#include "engine/time_units.hpp"

namespace seg {
namespace {

// splitmix64: small, fast, and the same everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

struct Category {
  std::string_view name;
  int low, high;  // price range in whole euros
};
constexpr Category kCategories[] = {
    {"dresses", 39, 189}, {"shoes", 49, 229}, {"tops", 15, 69},      {"coffee", 8, 24},
    {"skincare", 12, 79}, {"shaving", 9, 59}, {"razors", 25, 149},   {"accessories", 10, 99},
};
constexpr std::string_view kTags[] = {"new", "sale", "bestseller", "organic", "limited"};
constexpr std::string_view kPageTypes[] = {"home", "category", "product", "search", "content"};

// One visitor's lines, written as they happen.
class Journey {
 public:
  Journey(std::string& out, Random& random, std::string visitor, Millis start)
      : out_(out), random_(random), visitor_(std::move(visitor)), now_(start) {}

  void wait(Millis ms) { now_ += ms; }
  void wait_minutes(int lo, int hi) { now_ += (lo + random_.below(hi - lo + 1)) * kMinute; }
  void wait_days(int lo, int hi) { now_ += (lo + random_.below(hi - lo + 1)) * kDay + random_.below(600) * kMinute; }

  const Category& category(std::string_view name = {}) {
    if (!name.empty())
      for (const auto& c : kCategories)
        if (c.name == name) return c;
    return kCategories[random_.below(static_cast<int>(std::size(kCategories)))];
  }
  int price(const Category& c) { return c.low + random_.below(c.high - c.low + 1); }
  std::string item(const Category& c) { return std::string(c.name.substr(0, 3)) + "-" + integer_text(100 + random_.below(60)); }

  void page(std::string_view type) { event("page_view", "\"page_type\":\"" + std::string(type) + "\""); }
  void view(const Category& c, std::string_view tag = {}, std::string item_id = {}) {
    if (item_id.empty()) item_id = item(c);
    std::string tags = tag.empty() ? (random_.chance(30) ? "\"" + std::string(kTags[random_.below(5)]) + "\"" : "") : "\"" + std::string(tag) + "\"";
    last_item_ = item_id;
    last_category_ = &c;
    last_price_ = price(c);
    event("view_item", fields(item_id, c, last_price_, 1) + ",\"tags\":[" + tags + "]");
  }
  void add_to_cart() { cart(true); }
  void remove_from_cart() { cart(false); }
  void view_cart() {
    event("view_cart", "\"value\":" + integer_text(last_price_) + ",\"currency\":\"EUR\",\"items\":[{\"item_id\":\"" + last_item_ +
                           "\",\"item_category\":\"" + std::string(last_category_->name) + "\",\"quantity\":1,\"price\":" +
                           integer_text(last_price_) + "}]");
  }
  void begin_checkout() { event("begin_checkout", "\"value\":" + integer_text(last_price_) + ",\"currency\":\"EUR\""); }
  void purchase(const Category& c, int value, std::string_view coupon = {}) {
    const std::string id = item(c);
    event("purchase", "\"transaction_id\":\"t" + integer_text(static_cast<long long>(random_.next() % 1000000)) + "\",\"value\":" +
                          integer_text(value) + ",\"currency\":\"EUR\"" + (coupon.empty() ? "" : ",\"coupon\":\"" + std::string(coupon) + "\"") +
                          ",\"items\":[{\"item_id\":\"" + id + "\",\"item_category\":\"" + std::string(c.name) + "\",\"quantity\":1,\"price\":" +
                          integer_text(value) + "}]");
  }
  void refund(int value) { event("refund", "\"value\":" + integer_text(value) + ",\"currency\":\"EUR\""); }
  void simple(std::string_view type, const std::string& fields = {}) { event(type, fields); }
  void context(const std::string& json) { line("\"context\":" + json); }

  // Some looking around, as everyone does: pages and items of random categories.
  void browse(int views) {
    page(kPageTypes[random_.below(static_cast<int>(std::size(kPageTypes)))]);
    for (int i = 0; i < views; ++i) {
      wait_minutes(1, 4);
      view(category());
    }
  }

 private:
  std::string fields(const std::string& id, const Category& c, int price, int quantity) {
    return "\"item_id\":\"" + id + "\",\"item_category\":\"" + std::string(c.name) + "\",\"price\":" + integer_text(price) +
           ",\"quantity\":" + integer_text(quantity) + ",\"currency\":\"EUR\"";
  }
  void cart(bool add) {
    if (!last_category_) view(category());
    wait_minutes(1, 3);
    event(add ? "add_to_cart" : "remove_from_cart", fields(last_item_, *last_category_, last_price_, 1) +
                                                        ",\"value\":" + integer_text(last_price_) + ",\"items\":[{\"item_id\":\"" +
                                                        last_item_ + "\",\"quantity\":1,\"price\":" + integer_text(last_price_) + "}]");
  }
  void event(std::string_view type, const std::string& fields) {
    line("\"type\":\"" + std::string(type) + "\"" + (fields.empty() ? "" : "," + fields));
  }
  void line(const std::string& body) {
    out_ += "{\"visitor\":\"" + visitor_ + "\",\"ts\":" + integer_text(now_) + "," + body + "}\n";
    now_ += kSecond * (1 + random_.below(20));
  }

  std::string& out_;
  Random& random_;
  std::string visitor_;
  Millis now_;
  std::string last_item_;
  const Category* last_category_ = nullptr;
  int last_price_ = 0;
};

constexpr int kPersonaCount = 16;

// Persona `kind` for one visitor; each ends where its segment holds, at the visitor's last line
// (when replay evaluates).
void persona(Journey& j, Random& r, int kind) {
  switch (kind) {
    case 0:  // curious prospect: a few views this week, nothing bought
      j.browse(2 + r.below(3));
      break;
    case 1:  // hesitant prospect: three visits, cart in and out, the same item again and again, help pages
      for (int visit = 0; visit < 3; ++visit) {
        j.browse(1);
        j.wait_days(2, 5);
      }
      j.view(j.category("shoes"));
      j.add_to_cart();
      j.remove_from_cart();
      j.add_to_cart();
      j.view_cart();
      for (int i = 0; i < 3; ++i) j.simple("view_item", "\"item_id\":\"sho-101\",\"item_category\":\"shoes\",\"price\":99");
      j.simple("view_size_guide");
      j.simple("chat_open");
      break;
    case 2:  // trend follower: new arrivals, mostly new items
      j.page("new_arrivals");
      for (int i = 0; i < 4; ++i) {
        j.wait_minutes(1, 3);
        j.view(j.category(), "new");
      }
      j.wait_days(1, 6);
      j.page("new_arrivals");
      j.view(j.category(), "new");
      break;
    case 3: {  // big spender: large orders, the last one in this session
      j.browse(2);
      j.purchase(j.category("dresses"), 600 + r.below(300));
      j.wait_days(20, 60);
      j.browse(1);
      j.purchase(j.category("shoes"), 500 + r.below(400));
      break;
    }
    case 4:  // cart abandoner: a cart, a checkout begun, no order
      j.browse(2);
      j.add_to_cart();
      j.view_cart();
      j.begin_checkout();
      j.simple("exit_intent");
      break;
    case 5:  // coupon seeker: sale pages, lowest prices first, a coupon code, an order with it
      j.page("sale");
      j.simple("view_item_list", "\"item_list_id\":\"sale\",\"sort\":\"price_asc\"");
      j.view(j.category(), "sale");
      j.simple("coupon_attempt", "\"coupon\":\"SAVE10\"");
      j.wait_days(3, 10);
      j.page("sale");
      j.purchase(j.category("tops"), 30 + r.below(40), "SAVE10");
      j.wait_days(1, 4);
      j.page("sale");
      break;
    case 6: {  // thrifty replenisher: coffee every month or so, back when it runs low
      const Category& coffee = j.category("coffee");
      for (int i = 0; i < 3; ++i) {
        j.purchase(coffee, 12 + r.below(12));
        j.wait_days(26, 30);
      }
      j.page("home");
      break;
    }
    case 7:  // newsletter subscriber
      j.browse(1);
      j.simple("newsletter_signup");
      break;
    case 8:  // local shopper, seen from Berlin
      j.context("{\"timezone\":\"Europe/Berlin\",\"tz_offset\":60,\"country\":\"DE\",\"locale\":\"de-DE\",\"language\":\"de\"}");
      j.browse(2);
      break;
    case 9:  // dormant customer: bought, then nothing for months
      j.purchase(j.category(), 40 + r.below(80));
      j.wait_days(100, 140);
      j.page("home");
      break;
    case 10:  // loyal customer: orders over months, and three visits this month
      for (int i = 0; i < 4; ++i) {
        j.browse(1);
        j.purchase(j.category(), 30 + r.below(90));
        j.wait_days(20, 30);
      }
      for (int visit = 0; visit < 3; ++visit) {
        j.browse(1);
        j.wait_days(3, 6);
      }
      j.page("home");
      break;
    case 11:  // high-frequency buyer: four orders in a few weeks
      for (int i = 0; i < 4; ++i) {
        j.browse(1);
        j.purchase(j.category(), 20 + r.below(60));
        j.wait_days(3, 6);
      }
      j.page("home");
      break;
    case 12:  // cross-sell candidate: razors in the cart this session
      j.view(j.category("razors"));
      j.add_to_cart();
      break;
    case 13:  // brand advocate: a glowing survey answer
      j.purchase(j.category(), 40 + r.below(60));
      j.wait_days(5, 10);
      j.simple("nps", "\"score\":" + integer_text(9 + r.below(2)));
      break;
    case 14:  // declining spender: big orders half a year ago, a small one lately
      for (int i = 0; i < 2; ++i) {
        j.purchase(j.category(), 150 + r.below(100));
        j.wait_days(20, 30);
      }
      j.wait_days(60, 70);
      j.purchase(j.category(), 20 + r.below(20));
      j.wait_days(10, 20);
      j.page("home");
      break;
    case 15:  // returner: an order sent back, then a look around
      j.purchase(j.category("dresses"), 80 + r.below(100));
      j.wait_days(5, 12);
      j.refund(80);
      j.simple("view_return_policy");
      j.wait_days(1, 3);
      j.browse(2);
      break;
  }
}

}  // namespace

std::string generate_log(const GeneratorOptions& options) {
  std::string out;
  Random random(options.seed);
  const int visitors = options.visitors < 0 ? 0 : options.visitors;
  out.reserve(static_cast<std::size_t>(visitors) * 1200);
  for (int v = 0; v < visitors; ++v) {
    // Arrivals spread over the first three months; journeys run on from there.
    const Millis arrival = options.start + random.below(90) * kDay + random.below(24 * 60) * kMinute;
    Journey journey(out, random, "s" + integer_text(v + 1), arrival);
    persona(journey, random, v % kPersonaCount);
    if (random.chance(25)) {  // a later visit to look around, for some
      journey.wait_minutes(40, 600);
      journey.browse(1 + random.below(3));
    }
  }
  return out;
}

}  // namespace seg
