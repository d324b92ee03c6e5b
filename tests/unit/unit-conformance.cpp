// Runs the language-neutral conformance vectors of tests/conformance/ (their format is defined in
// tests/conformance/README.md) against seg::Engine: every journey step, every expectation, every
// validation. A failure names the vector file, the case and the step, so it can be found in JSON.
//
// Only std::ifstream and POSIX opendir are used for files: both work natively and under node with
// NODERAWFS (the WebAssembly build of this test). No exception is needed: nlohmann parses with
// allow_exceptions=false and every value's type is checked before it is read.
#include <doctest/doctest.h>

#include <dirent.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shopper_segments/engine.hpp"
#include "engine/program_reader.hpp"
#include "toolkit/program_writer.hpp"
#include "shopper_segments/toolkit.hpp"

#ifndef SEG_CONFORMANCE_DIR
#define SEG_CONFORMANCE_DIR "tests/conformance"
#endif

namespace {

using json = nlohmann::json;
using seg::Millis;

constexpr Millis kDefaultStart = 1795428000000;  // Monday 2026-11-23 10:00 UTC (README.md)

std::string conformance_dir() { return SEG_CONFORMANCE_DIR; }

bool read_text(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

json read_json(const std::string& path, std::string& error) {
  std::string text;
  if (!read_text(path, text)) {
    error = "cannot read " + path;
    return json();
  }
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) error = path + " is not valid JSON";
  return doc;
}

// The *.json files of the directory except index.json, sorted.
std::vector<std::string> listed_json_files(const std::string& dir) {
  std::vector<std::string> names;
  DIR* handle = opendir(dir.c_str());
  if (handle == nullptr) return names;
  while (const dirent* entry = readdir(handle)) {
    const std::string name = entry->d_name;
    const bool is_json = name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0;
    if (is_json && name != "index.json") names.push_back(name);
  }
  closedir(handle);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> index_files(std::string& error) {
  std::vector<std::string> names;
  const json index = read_json(conformance_dir() + "/index.json", error);
  if (!error.empty()) return names;
  const auto files = index.find("files");
  if (files == index.end() || !files->is_array()) {
    error = "index.json has no \"files\" array";
    return names;
  }
  for (const json& name : *files) {
    if (name.is_string()) names.push_back(name.get<std::string>());
  }
  return names;
}

// "+90s", "+30m", "+1.5h", "+3d", "+2w", "+250ms": a step relative to the previous one.
bool parse_relative(const std::string& text, double& millis) {
  if (text.size() < 3 || text[0] != '+') return false;
  std::size_t unit_at = 1;
  while (unit_at < text.size() && (std::isdigit(static_cast<unsigned char>(text[unit_at])) || text[unit_at] == '.')) {
    ++unit_at;
  }
  if (unit_at == 1) return false;
  const double amount = std::stod(text.substr(1, unit_at - 1));
  const std::string unit = text.substr(unit_at);
  static const std::map<std::string, double> kUnit = {
      {"ms", 1.0}, {"s", 1e3}, {"m", 60e3}, {"h", 3600e3}, {"d", 86400e3}, {"w", 7 * 86400e3}};
  const auto found = kUnit.find(unit);
  if (found == kUnit.end()) return false;
  millis = amount * found->second;
  return true;
}

bool to_value(const json& in, seg::Value& out) {
  if (in.is_null()) {
    out = seg::Value{};
  } else if (in.is_boolean()) {
    out = seg::Value::of_bool(in.get<bool>());
  } else if (in.is_number()) {
    out = seg::Value::of(in.get<double>());
  } else if (in.is_string()) {
    out = seg::Value::of(in.get<std::string>());
  } else if (in.is_array()) {
    std::vector<std::string> list;
    for (const json& item : in) {
      if (!item.is_string()) return false;
      list.push_back(item.get<std::string>());
    }
    out = seg::Value::of(std::move(list));
  } else {
    return false;
  }
  return true;
}

bool to_event(const json& track, seg::Event& event, std::string& error) {
  const auto type = track.find("type");
  if (type == track.end() || !type->is_string()) {
    error = "track needs a string \"type\"";
    return false;
  }
  event.type = type->get<std::string>();
  const auto fields = track.find("fields");
  if (fields == track.end()) return true;
  if (!fields->is_object()) {
    error = "track \"fields\" must be an object";
    return false;
  }
  for (const auto& field : fields->items()) {
    const json& value = field.value();
    const std::vector<json> values = value.is_array() ? value.get<std::vector<json>>() : std::vector<json>{value};
    for (const json& one : values) {
      if (one.is_string()) {
        event.str(field.key(), one.get<std::string>());
      } else if (one.is_number()) {
        event.num(field.key(), one.get<double>());
      } else {
        error = "field \"" + field.key() + "\" must hold strings or numbers";
        return false;
      }
    }
  }
  return true;
}

std::string config_text(const json& config) {
  if (config.is_string() && config.get<std::string>() == "default") return std::string(seg::default_catalog_json());
  return config.dump();
}

std::string issues_text(const seg::Issues& issues) {
  std::string out;
  for (const seg::Issue& issue : issues) {
    out += "\n    " + issue.code + " at '" + issue.path + "': " + issue.message;
  }
  return out.empty() ? " (none)" : out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return "[" + out + "]";
}

std::string string_or_null(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// Collects failures of one run; each is reported to doctest with where it happened.
struct Report {
  std::vector<std::string> failures;
  int expectations = 0;
  void fail(const std::string& where, const std::string& what) { failures.push_back(where + ": " + what); }
};

const seg::Decision* find_decision(const std::vector<seg::Decision>& decisions, const std::string& slot) {
  for (const seg::Decision& decision : decisions) {
    if (decision.slot == slot) return &decision;
  }
  return nullptr;
}

void check_segments(const json& expect, const std::vector<seg::SegmentResult>& results, const std::string& where,
                    Report& report) {
  std::map<std::string, const seg::SegmentResult*> by_id;
  std::vector<std::string> members;
  for (const seg::SegmentResult& result : results) {
    by_id[result.id] = &result;
    if (result.member) members.push_back(result.id);
  }
  const std::string member_list = " (members: " + join(members) + ")";
  auto known = [&](const std::string& id) {
    if (by_id.count(id) != 0) return true;
    report.fail(where, "segment '" + id + "' is not in the configuration");
    return false;
  };
  if (const auto list = expect.find("segments_include"); list != expect.end()) {
    for (const json& id : *list) {
      ++report.expectations;
      const std::string name = id.get<std::string>();
      if (known(name) && !by_id[name]->member) {
        report.fail(where, "expected member of '" + name + "' (score " + std::to_string(by_id[name]->score) + ")" +
                               member_list);
      }
    }
  }
  if (const auto list = expect.find("segments_exclude"); list != expect.end()) {
    for (const json& id : *list) {
      ++report.expectations;
      const std::string name = id.get<std::string>();
      if (known(name) && by_id[name]->member) {
        report.fail(where, "expected not a member of '" + name + "' (score " + std::to_string(by_id[name]->score) +
                               ")" + member_list);
      }
    }
  }
  if (const auto list = expect.find("segments_exact"); list != expect.end()) {
    ++report.expectations;
    std::vector<std::string> wanted;
    for (const json& id : *list) wanted.push_back(id.get<std::string>());
    std::sort(wanted.begin(), wanted.end());
    std::vector<std::string> actual = members;
    std::sort(actual.begin(), actual.end());
    if (wanted != actual) report.fail(where, "expected exactly " + join(wanted) + " but members are " + join(actual));
  }
  if (const auto scores = expect.find("scores"); scores != expect.end()) {
    for (const auto& entry : scores->items()) {
      ++report.expectations;
      if (!known(entry.key())) continue;
      const double wanted = entry.value().get<double>();
      const double actual = by_id[entry.key()]->score;
      if (std::fabs(wanted - actual) > 1e-9) {
        report.fail(where, "score of '" + entry.key() + "': expected " + entry.value().dump() + ", got " +
                               std::to_string(actual));
      }
    }
  }
}

std::string decision_text(const seg::Decision& decision) {
  std::string skipped, fates;
  for (const seg::Skipped& skip : decision.skipped) skipped += (skipped.empty() ? "" : ", ") + skip.offer + ":" + skip.reason;
  for (const seg::Fate& f : decision.fates)
    fates += (fates.empty() ? "" : ", ") + f.offer + ":" + f.reason + (f.by.empty() ? "" : ":" + f.by + ":" + f.because) +
             (f.segment.empty() ? "" : "@" + f.segment);
  return "{offer '" + decision.offer + "', reason '" + decision.reason + "', segment '" + decision.segment +
         "', skipped [" + skipped + "], fates [" + fates + "]}";
}

void check_decisions(const json& expect, const std::vector<seg::Decision>& decisions, const std::string& where,
                     Report& report) {
  auto decision_of = [&](const std::string& slot) -> const seg::Decision* {
    const seg::Decision* decision = find_decision(decisions, slot);
    if (decision == nullptr) report.fail(where, "slot '" + slot + "' is missing from decide()");
    return decision;
  };
  if (const auto offers = expect.find("offers"); offers != expect.end()) {
    for (const auto& entry : offers->items()) {
      ++report.expectations;
      const seg::Decision* decision = decision_of(entry.key());
      if (decision == nullptr) continue;
      const std::string wanted = entry.value().is_null() ? "" : entry.value().get<std::string>();
      if (decision->offer != wanted) {
        report.fail(where, "slot '" + entry.key() + "': expected offer " + string_or_null(entry.value()) + ", got " +
                               decision_text(*decision));
      }
    }
  }
  if (const auto reasons = expect.find("reasons"); reasons != expect.end()) {
    for (const auto& entry : reasons->items()) {
      ++report.expectations;
      const seg::Decision* decision = decision_of(entry.key());
      if (decision == nullptr) continue;
      if (decision->reason != entry.value().get<std::string>()) {
        report.fail(where, "slot '" + entry.key() + "': expected reason '" + entry.value().get<std::string>() +
                               "', got " + decision_text(*decision));
      }
    }
  }
  if (const auto via = expect.find("via"); via != expect.end()) {
    for (const auto& entry : via->items()) {
      ++report.expectations;
      const seg::Decision* decision = decision_of(entry.key());
      if (decision == nullptr) continue;
      if (decision->segment != entry.value().get<std::string>()) {
        report.fail(where, "slot '" + entry.key() + "': expected segment '" + entry.value().get<std::string>() +
                               "', got " + decision_text(*decision));
      }
    }
  }
  if (const auto scores = expect.find("decision_scores"); scores != expect.end()) {
    for (const auto& entry : scores->items()) {
      ++report.expectations;
      const seg::Decision* decision = decision_of(entry.key());
      if (decision == nullptr) continue;
      if (std::fabs(decision->score - entry.value().get<double>()) > 1e-9) {
        report.fail(where, "slot '" + entry.key() + "': expected score " + entry.value().dump() + ", got " +
                               std::to_string(decision->score) + " in " + decision_text(*decision));
      }
    }
  }
  if (const auto skipped = expect.find("skipped_include"); skipped != expect.end()) {
    for (const auto& entry : skipped->items()) {
      const seg::Decision* decision = decision_of(entry.key());
      for (const json& wanted : entry.value()) {
        ++report.expectations;
        if (decision == nullptr) continue;
        const std::string offer = wanted.value("offer", "");
        const std::string reason = wanted.value("reason", "");
        const bool found = std::any_of(decision->skipped.begin(), decision->skipped.end(), [&](const seg::Skipped& s) {
          return s.offer == offer && (reason.empty() || s.reason == reason);
        });
        if (!found) {
          report.fail(where, "slot '" + entry.key() + "': expected skipped " + wanted.dump() + ", got " +
                                 decision_text(*decision));
        }
      }
    }
  }
  // Every offer of the slot but the winner, in order; each key an entry gives must match.
  if (const auto fates = expect.find("fates"); fates != expect.end()) {
    for (const auto& entry : fates->items()) {
      ++report.expectations;
      const seg::Decision* decision = decision_of(entry.key());
      if (decision == nullptr) continue;
      bool same = entry.value().size() == decision->fates.size();
      for (std::size_t i = 0; same && i < decision->fates.size(); ++i) {
        const json& wanted = entry.value()[i];
        const seg::Fate& f = decision->fates[i];
        same = wanted.value("offer", "") == f.offer && wanted.value("reason", "") == f.reason &&
               (!wanted.contains("by") || wanted.value("by", "") == f.by) &&
               (!wanted.contains("because") || wanted.value("because", "") == f.because) &&
               (!wanted.contains("segment") || wanted.value("segment", "") == f.segment);
      }
      if (!same) report.fail(where, "slot '" + entry.key() + "': expected fates " + entry.value().dump() + ", got " + decision_text(*decision));
    }
  }
}

void check_expect(seg::Engine& engine, const json& expect, Millis now, const std::string& where, Report& report) {
  static const std::set<std::string> kKnown = {"segments_include", "segments_exclude", "segments_exact", "scores",
                                               "offers",           "reasons",          "via",            "skipped_include",
                                               "decision_scores",  "fates",           "numbers"};
  for (const auto& entry : expect.items()) {
    if (kKnown.count(entry.key()) == 0) report.fail(where, "vector error: unknown expect key '" + entry.key() + "'");
  }
  const bool wants_segments = expect.contains("segments_include") || expect.contains("segments_exclude") ||
                              expect.contains("segments_exact") || expect.contains("scores");
  const bool wants_decisions = expect.contains("offers") || expect.contains("reasons") || expect.contains("via") ||
                               expect.contains("skipped_include") || expect.contains("decision_scores") ||
                               expect.contains("fates");
  if (wants_segments) check_segments(expect, engine.segments(now), where, report);
  if (wants_decisions) check_decisions(expect, engine.decide(now), where, report);
  if (const auto numbers = expect.find("numbers"); numbers != expect.end()) {
    // The numbers the offer shown in a slot quotes: that offer must be the one decided.
    const std::vector<seg::Decision> decisions = engine.decide(now);
    for (const auto& entry : numbers->items()) {
      ++report.expectations;
      const auto d = std::find_if(decisions.begin(), decisions.end(), [&](const seg::Decision& x) { return x.slot == entry.key(); });
      if (d == decisions.end() || d->offer.empty()) {
        report.fail(where, "numbers: no offer in slot '" + entry.key() + "'");
        continue;
      }
      const json actual = json::parse(engine.offer_numbers(d->offer), nullptr, false);
      for (const auto& wanted : entry.value().items()) {
        const auto got = actual.find(wanted.key());
        if (got == actual.end() || !got->is_number() || std::fabs(got->get<double>() - wanted.value().get<double>()) > 1e-9)
          report.fail(where, "numbers of " + d->offer + ": expected " + wanted.key() + " = " + wanted.value().dump() + ", got " + actual.dump());
      }
    }
  }
}

// Every vector runs both ways an engine gets its program: configured from the JSON (the CLI, the
// studio), and as the storefront gets it (compiled, written as a program, read back and handed
// to use_program()). Both must decide the same.
enum class Route { Config, Program };

seg::Issues configure_by(Route route, seg::Engine& engine, const std::string& text) {
  if (route == Route::Config) return seg::configure(engine, text);
  const seg::CompileResult compiled = seg::compile_config(text);
  if (!compiled.program) return compiled.issues;
  const seg::ProgramRead read = seg::read_program(seg::write_program(*compiled.program));
  if (!read.program) return {seg::Issue{read.code, "", read.message}};
  engine.use_program(read.program);
  return {};
}

bool configure_checked(Route route, seg::Engine& engine, const json& config, const std::string& where, Report& report) {
  const seg::Issues issues = configure_by(route, engine, config_text(config));
  if (issues.empty()) return true;
  report.fail(where, "the case's configuration is not accepted:" + issues_text(issues));
  return false;
}

void run_configure_step(Route route, seg::Engine& engine, const json& step, const std::string& where, Report& report) {
  ++report.expectations;
  const seg::Issues issues = configure_by(route, engine, config_text(step.value("config", json("default"))));
  const bool wanted_ok = step.value("ok", true);
  if (issues.empty() != wanted_ok) {
    report.fail(where, std::string("configure: expected ") + (wanted_ok ? "acceptance" : "rejection") +
                           ", issues:" + issues_text(issues));
  }
  for (const json& code : step.value("codes", json::array())) {
    const bool found = std::any_of(issues.begin(), issues.end(),
                                   [&](const seg::Issue& issue) { return issue.code == code.get<std::string>(); });
    if (!found) report.fail(where, "configure: expected an issue " + code.dump() + ", issues:" + issues_text(issues));
  }
}

void run_case(Route route, const std::string& file, const json& file_config, const json& journey, Report& report) {
  const std::string case_where = file + " / case '" + journey.value("name", "?") + "'" +
                                 (route == Route::Program ? " (through a program)" : "");
  seg::Engine engine(seg::default_catalog_program());
  if (!configure_checked(route, engine, journey.value("config", file_config), case_where, report)) return;
  engine.set_visitor_id(journey.value("visitor", "v1"));

  Millis now = journey.value("start", kDefaultStart);
  const json steps = journey.value("steps", json::array());
  for (std::size_t index = 0; index < steps.size(); ++index) {
    const json& step = steps[index];
    const std::string where = case_where + " / step " + std::to_string(index);
    const Millis left = now;  // the time of the previous step
    if (const auto at = step.find("at"); at != step.end()) {
      Millis next = now;
      double relative = 0;
      if (at->is_number()) {
        next = at->get<Millis>();
      } else if (at->is_string() && parse_relative(at->get<std::string>(), relative)) {
        next = now + static_cast<Millis>(std::llround(relative));
      } else {
        report.fail(where, "vector error: bad \"at\" " + at->dump());
        return;
      }
      if (next < now) {
        report.fail(where, "vector error: time goes backwards");
        return;
      }
      now = next;
    }
    const std::string where_now = where + " (at " + std::to_string(now) + ")";
    if (const auto track = step.find("track"); track != step.end()) {
      seg::Event event;
      std::string error;
      if (!to_event(*track, event, error)) {
        report.fail(where_now, "vector error: " + error);
        return;
      }
      engine.track(event, now);
    } else if (step.contains("traits") || step.contains("context")) {
      const bool traits = step.contains("traits");
      for (const auto& entry : step[traits ? "traits" : "context"].items()) {
        seg::Value value;
        if (!to_value(entry.value(), value)) {
          report.fail(where_now, "vector error: bad value for '" + entry.key() + "'");
          return;
        }
        if (traits) {
          engine.set_trait(entry.key(), value);
        } else {
          engine.set_context(entry.key(), value);
        }
      }
    } else if (const auto record = step.find("record"); record != step.end()) {
      seg::Outcome outcome{};
      if (!seg::parse_outcome(record->value("outcome", ""), outcome)) {
        report.fail(where_now, "vector error: bad outcome " + record->dump());
        return;
      }
      const bool returned = engine.record(record->value("offer", ""), outcome, now);
      if (const auto wanted = record->find("returns"); wanted != record->end()) {
        ++report.expectations;
        if (returned != wanted->get<bool>()) {
          report.fail(where_now, "record " + record->dump() + " returned " + (returned ? "true" : "false"));
        }
      }
    } else if (const auto configure = step.find("configure"); configure != step.end()) {
      run_configure_step(route, engine, *configure, where_now, report);
    } else if (const auto expect = step.find("expect"); expect != step.end()) {
      check_expect(engine, *expect, now, where_now, report);
    } else if (step.contains("reload")) {
      // The page is left at the previous step's time and the next one loads the saved state.
      ++report.expectations;
      seg::Engine next;
      next.use_program_of(engine);
      next.set_visitor_id(engine.visitor_id());
      const seg::Issues issues = next.load(engine.save(left), now);
      if (!issues.empty()) report.fail(where_now, "reload: the saved state did not load:" + issues_text(issues));
      engine = std::move(next);
    } else {
      report.fail(where_now, "vector error: a step needs track, traits, context, record, configure, expect or reload");
      return;
    }
  }
}

bool issue_matches(const seg::Issue& issue, const json& wanted) {
  if (issue.code != wanted.value("code", "")) return false;
  if (wanted.contains("path") && issue.path != wanted["path"].get<std::string>()) return false;
  if (wanted.contains("path_prefix") && issue.path.rfind(wanted["path_prefix"].get<std::string>(), 0) != 0) return false;
  if (wanted.contains("message_contains") &&
      issue.message.find(wanted["message_contains"].get<std::string>()) == std::string::npos) {
    return false;
  }
  return true;
}

void run_validation(const std::string& file, const json& validation, Report& report) {
  const std::string where = file + " / validation '" + validation.value("name", "?") + "'";
  std::string text;
  if (const auto raw = validation.find("validate_text"); raw != validation.end()) {
    text = raw->get<std::string>();
  } else {
    text = config_text(validation.value("validate", json()));
  }
  const seg::Issues issues = seg::compile_config(text).issues;
  const json wanted = validation.value("issues", json::array());
  for (const json& one : wanted) {
    ++report.expectations;
    const bool found = std::any_of(issues.begin(), issues.end(), [&](const seg::Issue& i) { return issue_matches(i, one); });
    if (!found) report.fail(where, "expected issue " + one.dump() + "; issues:" + issues_text(issues));
  }
  if (validation.value("only", false)) {
    ++report.expectations;
    if (issues.size() != wanted.size()) {
      report.fail(where, "expected exactly " + std::to_string(wanted.size()) + " issue(s); issues:" + issues_text(issues));
    }
  }
}

Report run_file(const std::string& file, Route route) {
  Report report;
  std::string error;
  const json doc = read_json(conformance_dir() + "/" + file, error);
  if (!error.empty()) {
    report.fail(file, error);
    return report;
  }
  const json config = doc.value("config", json("default"));
  for (const json& journey : doc.value("cases", json::array())) run_case(route, file, config, journey, report);
  for (const json& validation : doc.value("validations", json::array())) run_validation(file, validation, report);
  return report;
}

void report_to_doctest(const std::string& file, const Report& report) {
  for (const std::string& failure : report.failures) FAIL_CHECK(failure);
  INFO(file);
  CHECK(report.expectations > 0);
}

// True when the case (or its file) runs against the built-in catalogue.
bool uses_default(const json& file_config, const json& journey) {
  const json config = journey.value("config", file_config);
  return config.is_string() && config.get<std::string>() == "default";
}

}  // namespace

TEST_CASE("conformance: index.json lists exactly the vector files") {
  std::string error;
  std::vector<std::string> indexed = index_files(error);
  REQUIRE_MESSAGE(error.empty(), error);
  std::sort(indexed.begin(), indexed.end());
  const std::vector<std::string> listed = listed_json_files(conformance_dir());
  CHECK(!listed.empty());
  CHECK_MESSAGE(indexed == listed, "index.json " << join(indexed) << " vs directory " << join(listed));
}

TEST_CASE("conformance: every vector holds") {
  std::string error;
  const std::vector<std::string> files = index_files(error);
  REQUIRE_MESSAGE(error.empty(), error);
  for (const Route route : {Route::Config, Route::Program}) {
    for (const std::string& file : files) {
      CAPTURE(file);
      report_to_doctest(file, run_file(file, route));
    }
  }
}

TEST_CASE("conformance: every catalogue segment has a journey that enters it and one that does not") {
  std::string error;
  const std::vector<std::string> files = index_files(error);
  REQUIRE_MESSAGE(error.empty(), error);
  std::set<std::string> entered;
  std::set<std::string> not_entered;
  for (const std::string& file : files) {
    const json doc = read_json(conformance_dir() + "/" + file, error);
    REQUIRE_MESSAGE(error.empty(), error);
    const json file_config = doc.value("config", json("default"));
    for (const json& journey : doc.value("cases", json::array())) {
      if (!uses_default(file_config, journey)) continue;
      for (const json& step : journey.value("steps", json::array())) {
        const json expect = step.value("expect", json::object());
        for (const json& id : expect.value("segments_include", json::array())) entered.insert(id.get<std::string>());
        for (const json& id : expect.value("segments_exclude", json::array())) not_entered.insert(id.get<std::string>());
      }
    }
  }
  const json catalog = json::parse(seg::default_catalog_json(), nullptr, false);
  REQUIRE(!catalog.is_discarded());
  REQUIRE(catalog.contains("segments"));
  CHECK(catalog["segments"].size() == 19);
  for (const json& segment : catalog["segments"]) {
    const std::string id = segment.value("id", "");
    CHECK_MESSAGE(entered.count(id) == 1, "no journey enters " << id);
    CHECK_MESSAGE(not_entered.count(id) == 1, "no journey stays out of " << id);
  }
}
