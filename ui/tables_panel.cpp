// Tables panel: memory (format x context; a matrix when wide, one tab per context when
// narrow), speed by memory system, GPU count tiers.
#include "tables_panel.h"

#include <algorithm>
#include <string>

#include "format.h"
#include "panels.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                        ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;

void headers_row(const Fonts& fonts) { table_headers(fonts.bold, 1); }

// Numbers keep their natural width; the first (text) column takes the rest and wraps.
constexpr ImGuiTableColumnFlags kNumber = ImGuiTableColumnFlags_WidthFixed;

void subtitle(const Fonts& fonts, const char* text, const char* help) {
  ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 0.5f));
  {
    FontScope bold(fonts.bold);
    ImGui::TextUnformatted(text);
  }
  if (help != nullptr) help_marker(help);
}

// "12.34 GB" over a dim "13.41 GB" in one cell.
void memory_cell(const MemoryCell& c, ByteUnit unit) {
  text_right(format_bytes(c.minimum_bytes, unit));
  text_right(format_bytes(c.safer_bytes, unit), color::text_dim());
}

void memory_matrix(const TablesData& t, ByteUnit unit, const Fonts& fonts) {
  const std::size_t n = t.memory.front().cells.size();
  if (!ImGui::BeginTable("memory_matrix", int(n) + 1, kTableFlags)) return;
  ImGui::TableSetupColumn("Format", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  std::vector<std::string> names;
  for (const MemoryCell& c : t.memory.front().cells) names.push_back(format_tokens(c.context) + " context");
  for (const std::string& name : names) ImGui::TableSetupColumn(name.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  headers_row(fonts);
  for (const MemoryRow& row : t.memory) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.quant.c_str());
    ImGui::TextDisabled("%s", "safer");
    for (const MemoryCell& c : row.cells) {
      ImGui::TableNextColumn();
      memory_cell(c, unit);
    }
  }
  ImGui::EndTable();
}

// Narrow: one tab per context, each a Format | Minimum | Safer table.
void memory_tabs(const TablesData& t, ByteUnit unit, const Fonts& fonts) {
  if (!ImGui::BeginTabBar("memory_tabs", ImGuiTabBarFlags_FittingPolicyResizeDown)) return;
  const std::size_t n = t.memory.front().cells.size();
  for (std::size_t k = 0; k < n; ++k) {
    const std::string tab = format_tokens(t.memory.front().cells[k].context);
    if (!ImGui::BeginTabItem(tab.c_str())) continue;
    if (ImGui::BeginTable("memory_tab", 3, kTableFlags)) {
      ImGui::TableSetupColumn("Format", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("Minimum", kNumber);
      ImGui::TableSetupColumn("Safer", kNumber);
      headers_row(fonts);
      for (const MemoryRow& row : t.memory) {
        if (k >= row.cells.size()) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.quant.c_str());
        ImGui::TableNextColumn();
        text_right(format_bytes(row.cells[k].minimum_bytes, unit));
        ImGui::TableNextColumn();
        text_right(format_bytes(row.cells[k].safer_bytes, unit), color::text_dim());
      }
      ImGui::EndTable();
    }
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// "rtx-4090 + ddr5-5600-2ch-96gb" -> the catalog's names.
std::string machine_name(const std::string& ids, const Catalog& catalog) {
  std::string out;
  std::size_t start = 0;
  while (start <= ids.size()) {
    std::size_t end = ids.find(" + ", start);
    if (end == std::string::npos) end = ids.size();
    const std::string id = ids.substr(start, end - start);
    const HardwareSpec* h = catalog.find_hardware(id);
    if (!out.empty()) out += " + ";
    out += h != nullptr ? h->name : id;
    start = end + 3;
  }
  return out;
}

}  // namespace

void draw_tables_panel(AppState& state, const Fonts& fonts) {
  const TablesData* t = refresh_tables(state);
  if (t == nullptr) return;
  if (!t->error.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Cannot compute the tables: %s", t->error.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  const ByteUnit unit = state.unit;
  const std::string margin = format_bytes(t->fit_margin_bytes, unit);
  const std::string safer_help =
      "Minimum: weights + KV cache + compute buffer + runtime overhead, all on one device. "
      "Safer adds the " + margin + " of free memory llama.cpp's automatic fit (--fit) leaves on each GPU, "
      "so other programs, the desktop and driver allocations still have room. Plan on the safer figure.";

  subtitle(fonts, "Memory by weight format and context", safer_help.c_str());
  if (!t->memory.empty() && !t->memory.front().cells.empty()) {
    const std::size_t n = t->memory.front().cells.size();
    const float cell_w = ImGui::CalcTextSize("000.00 GiB").x + ImGui::GetStyle().CellPadding.x * 2;
    const float need = cell_w * float(n) + ImGui::CalcTextSize("Q3_K_M  ").x + ImGui::GetStyle().CellPadding.x * 4;
    if (ImGui::GetContentRegionAvail().x >= need) {
      memory_matrix(*t, unit, fonts);
    } else {
      memory_tabs(*t, unit, fonts);
    }
  }

  subtitle(fonts, "Speed by memory system",
           "The same model, format and context on typical machines: desktop DDR4 and DDR5, an Apple Ultra, "
           "and a 24 GB GPU that offloads the rest to DDR5. Decode is the speed of writing; prefill of reading "
           "the prompt.");
  if (ImGui::BeginTable("speed_table", 3, kTableFlags)) {
    ImGui::TableSetupColumn("Machine", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("Decode", kNumber);
    ImGui::TableSetupColumn("Prefill", kNumber);
    headers_row(fonts);
    for (const SpeedRow& row : t->speed) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(machine_name(row.machine, state.catalog()).c_str());
      if (!row.fits) {
        ImGui::PushStyleColor(ImGuiCol_Text, color::no_fit());
        ImGui::TextUnformatted("does not fit");
        ImGui::PopStyleColor();
      }
      ImGui::PopTextWrapPos();
      if (ImGui::IsItemHovered() && !row.llama_cpp.empty()) ImGui::SetTooltip("%s", row.llama_cpp.c_str());
      ImGui::TableNextColumn();
      text_right(row.fits ? format_rate(row.decode_tokens_per_s, "tok/s") : "-");
      ImGui::TableNextColumn();
      text_right(row.fits ? format_rate(row.prefill_tokens_per_s, "tok/s") : "-");
    }
    ImGui::EndTable();
  }

  subtitle(fonts, "GPUs needed",
           "The fewest of each GPU that hold the model with nothing offloaded, at this format and context, "
           "split by layers as llama.cpp does.");
  if (ImGui::BeginTable("gpu_tiers", 3, kTableFlags)) {
    ImGui::TableSetupColumn("GPU", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("Memory", kNumber);
    ImGui::TableSetupColumn("Needed", kNumber);
    headers_row(fonts);
    for (const GpuTier& tier : t->gpus) {
      const HardwareSpec* h = state.catalog().find_hardware(tier.hardware_id);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(h != nullptr ? h->name.c_str() : tier.hardware_id.c_str());
      ImGui::PopTextWrapPos();
      ImGui::TableNextColumn();
      text_right(h != nullptr ? format_bytes(h->memory_bytes, unit) : "-");
      ImGui::TableNextColumn();
      text_right(tier.count ? std::to_string(*tier.count) : "over 1,024");
    }
    ImGui::EndTable();
  }
}

}  // namespace headroom::ui
