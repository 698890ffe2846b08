#include "item_rects.h"

#include <map>

namespace headroom::ui {

namespace {
std::map<std::string, ItemRect>& rects() {
  static std::map<std::string, ItemRect> all;
  return all;
}
}  // namespace

void remember_item(const std::string& name) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  rects()[name] = ItemRect{min.x, min.y, max.x - min.x, max.y - min.y, ImGui::IsItemFocused()};
}

void remember_rect(const std::string& name, ImVec2 min, ImVec2 max, bool focused) {
  rects()[name] = ItemRect{min.x, min.y, max.x - min.x, max.y - min.y, focused};
}

std::optional<ItemRect> item_rect(const std::string& name) {
  const auto it = rects().find(name);
  if (it == rects().end()) return std::nullopt;
  return it->second;
}

}  // namespace headroom::ui
