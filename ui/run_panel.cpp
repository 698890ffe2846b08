// "Run it" panel: one block per engine, label and Copy button above the command text.
#include "run_panel.h"

#include <algorithm>
#include <string>

#include "item_rects.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

// The label, a help marker and a right-aligned Copy button, then the text in monospace on a
// tinted block, wrapping at spaces so a phone shows all of it.
void command_block(AppState& state, const Fonts& fonts, const char* id, const char* label, const char* help,
                   const std::string& text) {
  ImGui::PushID(id);
  ImGui::AlignTextToFramePadding();
  {
    FontScope bold(fonts.bold);
    ImGui::TextUnformatted(label);
  }
  help_marker(help);
  const bool copied = state.text_copied == id;
  const char* button = copied ? "Copied" : "Copy";
  const ImGuiStyle& style = ImGui::GetStyle();
  const float bw = ImGui::CalcTextSize("Copied").x + style.FramePadding.x * 2.0f;
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - bw));
  if (copied) ImGui::PushStyleColor(ImGuiCol_Text, color::fits());
  if (ImGui::Button(button, ImVec2(bw, 0))) {
    state.requests.copy_text = text;
    state.requests.copy_id = id;
  }
  remember_item(std::string("copy-") + id);
  if (copied) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copies the text below to the clipboard");

  // The block: text on channel 1, its background (sized after the text) on channel 0.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  const float pad = style.FramePadding.x;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + pad * 0.6f);
  ImGui::Indent(pad);
  {
    FontScope mono(fonts.mono);
    ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x - pad);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Unindent(pad);
  const float bottom = ImGui::GetItemRectMax().y + pad * 0.6f;
  ImGui::SetCursorScreenPos(ImVec2(start.x, bottom));
  ImGui::Dummy(ImVec2(0, 0));
  draw->ChannelsSetCurrent(0);
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  draw->AddRectFilled(start, ImVec2(right_edge, bottom), current_palette().frame, style.FrameRounding);
  draw->ChannelsMerge();
  ImGui::PopID();
}

// An engine with one command: what it reproduces, then the command.
void engine_command(AppState& state, const Fonts& fonts, const char* intro, const char* id, const char* title,
                    const char* help, const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", intro);
  ImGui::PopTextWrapPos();
  command_block(state, fonts, id, title, help, text);
}

}  // namespace

void draw_run_panel(AppState& state, const Fonts& fonts) {
  const Estimate* e = state.estimate();
  if (e == nullptr) {
    ImGui::TextDisabled("%s", "No estimate: fix the inputs first.");
    return;
  }
  if (e->vllm) {
    engine_command(state, fonts, "Arguments that reproduce this layout (max model length, GPUs in the tensor-parallel "
                   "group, memory share, cache type). Replace MODEL with the Hugging Face repo or path.",
                   "vllm", "vLLM server",
                   "vllm serve arguments: --max-model-len context, --tensor-parallel-size GPUs, "
                   "--gpu-memory-utilization the share of each GPU vLLM takes, --kv-cache-dtype fp8 halves the cache.",
                   e->commands.vllm);
    return;
  }
  if (e->mlx) {
    engine_command(state, fonts, "mlx-lm command for this prompt and generation length. Replace MODEL with the "
                   "Hugging Face repo (mlx-community/...) or path; the prompt comes from stdin.",
                   "mlx", "mlx-lm",
                   "mlx_lm.generate arguments: --max-tokens the tokens generated after the prompt; it prints "
                   "'Peak memory' at the end, the figure this estimate is compared with.",
                   e->commands.mlx);
    return;
  }
  if (e->transformers) {
    engine_command(state, fonts, "Python that loads the checkpoint on one GPU and generates the tokens after the prompt. "
                   "Replace MODEL with the Hugging Face repo or path and inputs with the tokenized prompt.",
                   "transformers", "Transformers",
                   "from transformers import AutoModelForCausalLM; torch.cuda.max_memory_allocated() after generate() "
                   "is the figure this estimate is compared with (the CUDA context comes on top).",
                   e->commands.transformers);
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", "Settings that reproduce this layout (context, layers on the GPU, flash attention, "
                            "cache type). Replace MODEL.gguf with your file.");
  ImGui::PopTextWrapPos();
  command_block(state, fonts, "llama.cpp", "llama.cpp server",
                "llama-server flags: -c context, -ngl layers on the GPU (999 = all), -fa flash attention, "
                "-ctk/-ctv cache type, --n-cpu-moe experts kept in system RAM.",
                e->commands.llama_cpp);
  ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 0.5f));
  command_block(state, fonts, "ollama", "Ollama Modelfile",
                "Lines for a Modelfile (after FROM), or type them as /set parameter ... in ollama run. "
                "num_ctx is the context, num_gpu the layers on the GPU.",
                e->commands.ollama);
}

}  // namespace headroom::ui
