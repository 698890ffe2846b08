#include "serving_form.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "item_rects.h"
#include "theme.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

struct Hints {
  std::int64_t requests, prompt_tokens, output_tokens, max_num_seqs;
};

// What an empty box stands for: the estimate's workload (defaults patched in, fitted to the
// context, --max-num-seqs by GPU size) while the scenario leaves the field unset, else engines.json.
Hints default_hints(const AppState& state, const Scenario& s) {
  Hints h{0, 0, 0, 0};
  if (const EngineDefaults* vllm = state.catalog().find_engine("vllm"); vllm != nullptr && vllm->vllm) {
    const VllmServingDefaults& d = vllm->vllm->serving;
    h = Hints{d.requests, d.prompt_tokens, d.output_tokens, vllm->vllm->max_num_seqs};
  }
  const Estimate* e = state.estimate();
  if (e == nullptr || !e->serving) return h;
  const ServingWorkload& w = e->serving->workload;
  const ServingRequest r = s.serving.value_or(ServingRequest{});
  if (!r.requests) h.requests = w.requests;
  if (!r.prompt_tokens) h.prompt_tokens = w.prompt_tokens;
  if (!r.output_tokens) h.output_tokens = w.output_tokens;
  if (!r.max_num_seqs) h.max_num_seqs = w.max_num_seqs;
  return h;
}

// One row: label (left column when wide), the box, its "(?)". True when the text changed.
template <std::size_t N>
bool count_box(const char* label, const char* id, const char* item, std::array<char, N>& text, std::int64_t hint,
               float label_w, const char* help) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  if (label_w > 0) ImGui::SameLine(label_w);
  // Room for the "(?)" after the box; a phone's narrower box keeps the label beside it.
  const float font = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(std::min(font * 7.5f, ImGui::GetContentRegionAvail().x - font * 2.0f));
  const std::string shown_hint = std::to_string(hint) + " (default)";
  // A click selects the whole value, so typing replaces it; every character is kept as typed.
  const bool edited = ImGui::InputTextWithHint(id, shown_hint.c_str(), text.data(), N, ImGuiInputTextFlags_AutoSelectAll);
  remember_item(item);
  help_marker(help);
  return edited;
}

}  // namespace

bool serving_form(AppState& state, Scenario& s) {
  ServingDraft& d = state.serving;
  sync_serving_draft(d, s);  // a link or the JS API may have set another workload
  const Hints hints = default_hints(state, s);

  ImGui::PushID("serving");
  field_label("Serving workload", "vLLM's throughput for a benchmark run: this many requests arrive at once "
                                  "(vllm bench serve at request rate inf) and the scheduler runs up to "
                                  "--max-num-seqs of them together, as many as the KV cache holds. The result is the "
                                  "Speed card's \"Serving\" row; How this is calculated shows the steps. "
                                  "Empty boxes take the defaults shown.");
  const float font = ImGui::GetFontSize();
  const float label_w = ImGui::GetContentRegionAvail().x >= font * 15.5f ? font * 7.5f : 0.0f;
  bool edited = false;
  edited |= count_box("Requests", "##requests", "serving-requests", d.requests, hints.requests, label_w,
                      "Requests in the run, all arriving at once (vllm bench --num-prompts).");
  edited |= count_box("Prompt tokens", "##prompt", "serving-prompt", d.prompt_tokens, hints.prompt_tokens, label_w,
                      "Prompt tokens of each request (vllm bench --random-input-len). Empty: ShareGPT's mean, "
                      "shortened to fit a short context.");
  edited |= count_box("Output tokens", "##output", "serving-output", d.output_tokens, hints.output_tokens, label_w,
                      "Mean output length per request (--random-output-len). Prompt + output must fit the context "
                      "(--max-model-len). Empty: ShareGPT's mean.");
  edited |= count_box("max_num_seqs", "##max_num_seqs", "serving-max-seqs", d.max_num_seqs, hints.max_num_seqs, label_w,
                      "Requests the scheduler runs at once at most (vllm serve --max-num-seqs). Empty: the engine's "
                      "default for this GPU.");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Output lengths");
  if (label_w > 0) ImGui::SameLine(label_w);
  bool fixed = d.lengths == OutputLengths::fixed;
  if (segmented_toggle("lengths", "ShareGPT", "Fixed", &fixed)) {
    d.lengths = fixed ? OutputLengths::fixed : OutputLengths::sharegpt;
    edited = true;
  }
  remember_item("serving-lengths-fixed");
  help_marker("ShareGPT: outputs spread around the mean as ShareGPT's conversations do (vllm bench's default "
              "data set). Fixed: every request writes exactly the mean (vllm bench's random data set).");

  // Re-checked on an edit, and when the scenario changed under a refused text (a longer context may fit it now).
  bool changed = false;
  if (edited || (!d.error.empty() && d.checked_revision != state.revision())) {
    const ServingCheck check = check_serving_draft(d, s, state.catalog());
    d.checked_revision = state.revision();
    d.error = check.ok ? std::string() : check.message;
    if (check.ok && serving_key(check.serving) != serving_key(s.serving)) {
      s.serving = check.serving;
      changed = true;
    }
    if (check.ok) d.shown = serving_key(s.serving);
  }
  if (!d.error.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, color::warning());
    ImGui::TextUnformatted(d.error.c_str());
    ImGui::PopStyleColor();
    remember_item("serving-error");
    ImGui::TextDisabled("%s", "Until it is right, the results use the last good workload.");
    ImGui::PopTextWrapPos();
  }
  ImGui::PopID();
  return changed;
}

}  // namespace headroom::ui
