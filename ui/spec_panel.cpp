// Spec sheet panel: a two-column label/value table; rows only for what the model has.
#include "spec_panel.h"

#include <algorithm>
#include <string>

#include "format.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

void row(const char* label, const std::string& value, const char* help = nullptr) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", label);
  ImGui::PopTextWrapPos();
  if (help != nullptr) help_marker(help);
  ImGui::TableNextColumn();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(value.c_str());
  ImGui::PopTextWrapPos();
}

std::string n(std::int64_t v) { return format_grouped(v); }

// "26 sliding-window (4,096 tokens) + 8 full attention"
std::string attention_layout(const ModelSpec& m) {
  struct Kind {
    LayerAttention kind;
    std::string text;
  };
  const Kind kinds[] = {
      {LayerAttention::full, m.is_mla() ? "full attention (MLA)" : "full attention"},
      {LayerAttention::sliding, "sliding-window (" + n(m.sliding_window) + " tokens)"},
      {LayerAttention::compressed, "compressed sparse attention"},
      {LayerAttention::linear, "linear attention (fixed state)"},
      {LayerAttention::ssm, "Mamba-2 SSM (fixed state)"},
      {LayerAttention::conv, "short convolution (fixed state)"},
      {LayerAttention::none, "no attention (FFN only)"},
  };
  std::string out;
  for (const Kind& k : kinds) {
    const auto c = std::count_if(m.layers.begin(), m.layers.end(),
                                 [&](const LayerSpec& l) { return l.attention == k.kind; });
    if (c == 0) continue;
    out += (out.empty() ? "" : " + ") + n(c) + " " + k.text;
  }
  return out.empty() ? "-" : out;
}

std::string ffn_layout(const ModelSpec& m) {
  std::int64_t dense = 0, moe = 0, none = 0;
  for (const LayerSpec& l : m.layers) {
    if (l.ffn == LayerFfn::dense) ++dense;
    else if (l.ffn == LayerFfn::moe) ++moe;
    else ++none;
  }
  std::string out;
  if (moe > 0) out += n(moe) + " mixture-of-experts";
  if (dense > 0) out += (out.empty() ? "" : " + ") + n(dense) + " dense";
  if (none > 0) out += (out.empty() ? "" : " + ") + n(none) + " without FFN";
  return out.empty() ? "-" : out;
}

}  // namespace

void draw_spec_panel(AppState& state, const Fonts& fonts) {
  const ModelSpec* m = state.model();
  if (m == nullptr) {
    ImGui::TextDisabled("%s", "Unknown model.");
    return;
  }
  {
    FontScope bold(fonts.bold);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(m->name.c_str());
    ImGui::PopTextWrapPos();
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("spec", 2, flags)) return;
  ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  row("Architecture", m->architecture.empty() ? "-" : m->architecture, "config.json model_type");
  if (const Estimate* e = state.estimate()) {
    std::string params = format_count(e->parameters.total) + " (" + n(e->parameters.total) + ")";
    row("Parameters", params, "Counted from every weight tensor the config describes.");
    if (e->parameters.active != e->parameters.total && e->parameters.active > 0) {
      row("Active per token", format_count(e->parameters.active) + " (" + n(e->parameters.active) + ")",
          "Parameters each token multiplies: the routed experts it picks, not all of them.");
    }
  }
  if (m->published_parameters > 0) row("Published count", format_count(m->published_parameters));
  row("Layers", n(m->num_hidden_layers));
  row("Attention layout", attention_layout(*m));
  row("FFN layout", ffn_layout(*m));
  row("Hidden size", n(m->hidden_size));
  if (m->intermediate_size > 0) row("FFN width", n(m->intermediate_size));
  row("Attention heads", n(m->num_attention_heads));
  if (!m->is_mla()) {
    std::string kv = n(m->num_key_value_heads);
    if (m->num_key_value_heads > 0 && m->num_attention_heads > m->num_key_value_heads) {
      kv += " (" + n(m->num_attention_heads / m->num_key_value_heads) + " query heads share each)";
    }
    row("KV heads", kv, "Heads whose keys and values are cached; fewer KV heads (GQA) means a smaller cache.");
    row("Head dim", n(m->head_dim));
  } else {
    row("MLA KV rank", n(m->kv_lora_rank), "Multi-head latent attention caches one compressed latent per token "
                                           "(plus the rope part) instead of per-head keys and values.");
    if (m->q_lora_rank > 0) row("MLA query rank", n(m->q_lora_rank));
    row("Head dims (nope / rope / v)", n(m->qk_nope_head_dim) + " / " + n(m->qk_rope_head_dim) + " / " +
                                           n(m->v_head_dim));
  }
  if (m->sliding_window > 0) row("Sliding window", n(m->sliding_window) + " tokens");
  if (m->is_moe()) {
    row("Experts", n(m->num_experts) + " routed, " + n(m->num_experts_per_tok) + " active per token");
    if (m->moe_intermediate_size > 0) row("Expert FFN width", n(m->moe_intermediate_size));
    if (m->shared_expert_intermediate_size > 0) row("Shared expert width", n(m->shared_expert_intermediate_size));
    if (m->first_k_dense_replace > 0) row("Leading dense layers", n(m->first_k_dense_replace));
  }
  if (m->linear_num_value_heads > 0) {
    row("Linear attention heads (k / v)", n(m->linear_num_key_heads) + " / " + n(m->linear_num_value_heads));
    row("Linear head dims (k / v)", n(m->linear_key_head_dim) + " / " + n(m->linear_value_head_dim));
  }
  if (m->mamba_num_heads > 0) {
    row("Mamba heads x dim", n(m->mamba_num_heads) + " x " + n(m->mamba_head_dim));
    row("SSM state, groups", n(m->ssm_state_size) + ", " + n(m->ssm_groups));
  }
  if (m->mtp_layers > 0) row("Multi-token prediction layers", n(m->mtp_layers));
  row("Vocabulary", n(m->vocab_size));
  row("Tied embeddings", m->tie_word_embeddings ? "yes (output head shares the embedding table)" : "no");
  row("Trained context", n(m->max_position_embeddings) + " tokens (" + format_tokens(m->max_position_embeddings) + ")");
  row("Source", m->source.empty() ? "-" : m->source);
  if (!m->published_parameters_source.empty()) row("Parameter count source", m->published_parameters_source);
  ImGui::EndTable();
}

}  // namespace headroom::ui
