// The vLLM serving workload's inputs (Scenario.serving): the text as typed, kept whole while it
// is refused, and the check that turns it into a ServingRequest. Pure, no ImGui
// (tests/ui/test_serving_draft.cpp). The verdict is the core's own: the boxes go through the
// JSON contract (scenario_from_json) and the estimate's workload checks, so a refusal is the
// core's message naming the field ("serving.requests: must be between 1 and 1000000 ...").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "catalog.h"
#include "scenario.h"

namespace headroom::ui {

struct ServingDraft {
  // Whole numbers as typed; empty = the engine's default (shown as the box's hint).
  std::array<char, 16> requests{}, prompt_tokens{}, output_tokens{}, max_num_seqs{};
  OutputLengths lengths = OutputLengths::sharegpt;
  // serving_key() of the workload the boxes were last filled from or applied to: when the
  // scenario's differs (a link, the JS API), the boxes are refilled.
  std::string shown = "?";
  std::string error;                     // the last check's refusal ("" = the boxes are good)
  std::uint64_t checked_revision = 0;    // AppState::revision() at that check
};

struct ServingCheck {
  bool ok = false;
  std::optional<ServingRequest> serving;  // when ok; null = every default (the link stays short)
  std::string field;                      // when refused: the core's field, e.g. "serving.requests"
  std::string message;                    //   and its whole message
};

// A stable text for a workload (null included), to notice changes made elsewhere.
std::string serving_key(const std::optional<ServingRequest>& serving);

// Refills the boxes from `s` (and forgets a refusal) when its workload is not the one they show.
// True if it did.
bool sync_serving_draft(ServingDraft& draft, const Scenario& s);

// Reads the boxes into `s`'s workload (its vllm_version kept) and checks the result as the core
// does. Never throws.
ServingCheck check_serving_draft(const ServingDraft& draft, const Scenario& s, const Catalog& catalog);

}  // namespace headroom::ui
