// The size floor of issue 7's transfer target: a page with the same ImGui, GLFW/WebGL2 backends,
// fonts and link flags as Headroom, calling the ImGui widgets the app calls, but with no
// estimator, no catalogs, no JSON and no app UI. Whatever Headroom weighs above this is the
// product itself. Built only for scripts/bench.sh (web/CMakeLists.txt), never deployed.
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include "embedded_fonts.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

namespace {

GLFWwindow* window = nullptr;
ImFont* fonts[3] = {};

struct Inputs {
  double context = 8192;
  int count = 1;
  int choice = 0;
  bool apart = false;
  char text[64] = "";
};
Inputs inputs;

// One window per widget family the app draws (ui/*.cpp), so the linker keeps the same ImGui code.
void draw_widgets() {
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->Pos);
  ImGui::SetNextWindowSize(ImGui::GetMainViewport()->Size);
  ImGui::SetNextWindowSizeConstraints(ImVec2(100, 100), ImVec2(4000, 4000));
  ImGui::Begin("floor", nullptr, ImGuiWindowFlags_NoDecoration);
  ImGui::PushFont(fonts[1]);
  ImGui::TextUnformatted("Scenario");
  ImGui::PopFont();
  ImGui::BeginChild("inputs", ImVec2(ImGui::GetContentRegionAvail().x * 0.3f, 0), true);
  ImGui::SetNextItemWidth(ImGui::CalcItemWidth());
  if (ImGui::BeginCombo("Model", inputs.choice ? "Qwen" : "Llama")) {
    for (int i = 0; i < 2; ++i) {
      ImGui::PushID(i);
      if (ImGui::Selectable(i ? "Qwen" : "Llama", inputs.choice == i)) inputs.choice = i;
      if (inputs.choice == i) ImGui::SetItemDefaultFocus();
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  const double lo = 1024, hi = 1048576;
  ImGui::SliderScalar("Context", ImGuiDataType_Double, &inputs.context, &lo, &hi, "%.0f",
                      ImGuiSliderFlags_Logarithmic);
  ImGui::InputDouble("tokens", &inputs.context, 0, 0, "%.0f");
  ImGui::InputScalar("Count", ImGuiDataType_S32, &inputs.count, nullptr, nullptr);
  if (ImGui::SmallButton("-")) --inputs.count;
  ImGui::SameLine();
  if (ImGui::Button("+")) ++inputs.count;
  ImGui::Checkbox("V apart", &inputs.apart);
  ImGui::InputTextWithHint("##name", "Custom device", inputs.text, sizeof inputs.text);
  ImGui::BeginDisabled(inputs.count < 1);
  ImGui::InvisibleButton("drag", ImVec2(10, 10));
  ImGui::EndDisabled();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_PlotLinesHovered));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4, 4));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 400);
  ImGui::TextWrapped("Fits: needs %.2f GB of %.2f GB", inputs.context / 1e3, 25.77);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  draw->AddRectFilled(at, ImVec2(at.x + 300, at.y + 20), ImGui::ColorConvertFloat4ToU32(ImVec4(0.3f, 0.5f, 0.9f, 1)), 3);
  draw->AddLine(at, ImVec2(at.x + 300, at.y + 40), IM_COL32_WHITE, 1.5f);
  draw->AddText(at, IM_COL32_WHITE, "chart");
  ImGui::Dummy(ImVec2(300, 44));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.0f tokens", inputs.context);
  if (ImGui::BeginTabBar("panels")) {
    if (ImGui::BeginTabItem("Per device")) {
      if (ImGui::BeginTable("devices", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("Device");
        ImGui::TableSetupColumn("Used", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("Fits", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableHeadersRow();
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("GPU %d", inputs.count);
        ImGui::TableSetColumnIndex(2);
        ImGui::TextDisabled("yes");
        ImGui::EndTable();
      }
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::SetNextItemOpen(false, ImGuiCond_Once);
  if (ImGui::TreeNodeEx("How it is calculated", ImGuiTreeNodeFlags_SpanAvailWidth)) {
    ImGui::Indent();
    ImGui::PushFont(fonts[2]);
    ImGui::TextUnformatted("llama-server -m MODEL.gguf");
    ImGui::PopFont();
    ImGui::Unindent();
    ImGui::Separator();
    ImGui::NewLine();
  }
  ImGui::EndGroup();
  ImGui::End();
}

void frame() {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  draw_widgets();
  ImGui::Render();
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

ImFont* add_font(std::span<const unsigned char> ttf, float size_px) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ttf.data()), int(ttf.size()),
                                                   size_px, &config);
}

}  // namespace

int main() {
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  fonts[0] = add_font(headroom::roboto_regular_ttf(), 16);
  fonts[1] = add_font(headroom::roboto_bold_ttf(), 20);
  fonts[2] = add_font(headroom::jetbrains_mono_ttf(), 14);
  if (!glfwInit()) return 1;
  window = glfwCreateWindow(1280, 800, "floor", nullptr, nullptr);
  if (window == nullptr) return 1;
  glfwMakeContextCurrent(window);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}
