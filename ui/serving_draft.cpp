#include "serving_draft.h"

#include <exception>
#include <nlohmann/json.hpp>
#include <string_view>

#include "errors.h"
#include "estimate.h"
#include "json_io.h"

namespace headroom::ui {

namespace {

using json = nlohmann::ordered_json;

template <std::size_t N>
void fill(std::array<char, N>& box, const std::optional<std::int64_t>& value) {
  box.fill('\0');
  if (!value) return;
  const std::string text = std::to_string(*value);
  text.copy(box.data(), N - 1);
}

template <std::size_t N>
std::string_view trimmed(const std::array<char, N>& box) {
  std::string_view text(box.data());
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A box's text as the JSON value the contract reads: a number when it is one, else the text
// itself, so the core's message quotes what was typed ("must be a whole number (got \"2k\")").
json value_of(std::string_view text) {
  json v = json::parse(text, nullptr, false);
  if (!v.is_discarded() && v.is_number()) return v;
  return std::string(text);
}

}  // namespace

std::string serving_key(const std::optional<ServingRequest>& serving) {
  if (!serving) return "-";
  const auto part = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
  return part(serving->requests) + "," + part(serving->prompt_tokens) + "," + part(serving->output_tokens) + "," +
         part(serving->max_num_seqs) + "," + to_string(serving->lengths) + "," + serving->vllm_version;
}

bool sync_serving_draft(ServingDraft& draft, const Scenario& s) {
  const std::string key = serving_key(s.serving);
  if (key == draft.shown) return false;
  const ServingRequest r = s.serving.value_or(ServingRequest{});
  fill(draft.requests, r.requests);
  fill(draft.prompt_tokens, r.prompt_tokens);
  fill(draft.output_tokens, r.output_tokens);
  fill(draft.max_num_seqs, r.max_num_seqs);
  draft.lengths = r.lengths;
  draft.shown = key;
  draft.error.clear();  // what was refused is no longer in the boxes
  return true;
}

ServingCheck check_serving_draft(const ServingDraft& draft, const Scenario& s, const Catalog& catalog) {
  ServingCheck out;
  try {
    json serving = json::object();
    const std::pair<const char*, std::string_view> boxes[] = {{"requests", trimmed(draft.requests)},
                                                              {"prompt_tokens", trimmed(draft.prompt_tokens)},
                                                              {"output_tokens", trimmed(draft.output_tokens)},
                                                              {"max_num_seqs", trimmed(draft.max_num_seqs)}};
    for (const auto& [key, text] : boxes)
      if (!text.empty()) serving[key] = value_of(text);
    if (draft.lengths != OutputLengths::sharegpt) serving["lengths"] = to_string(draft.lengths);
    const std::string version = s.serving ? s.serving->vllm_version : std::string();
    if (!version.empty()) serving["vllm_version"] = version;

    // Through a string_view, as every other caller: a std::string's iterators would instantiate
    // a second copy of the parser (8 KB of wasm).
    json whole = json::parse(std::string_view(scenario_to_json(s)));
    if (serving.empty()) whole.erase("serving");  // every default: the contract's own "unset"
    else whole["serving"] = std::move(serving);
    const Scenario candidate = scenario_from_json(whole.dump());
    // The workload against the context (and vLLM's version table) is the estimate's check.
    try {
      (void)estimate(candidate, catalog);
    } catch (const InputError& e) {
      if (e.field().rfind("serving", 0) == 0) throw;
      // Anything else is not the workload's doing: the results card reports it.
    } catch (const std::exception&) {
    }
    out.ok = true;
    out.serving = candidate.serving;
  } catch (const InputError& e) {
    out.field = e.field();
    out.message = e.what();
  } catch (const std::exception& e) {
    out.message = e.what();
  }
  return out;
}

}  // namespace headroom::ui
