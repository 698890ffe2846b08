// The compact card for iframes (#embed=1): verdict, the memory bar, the speeds and a link to
// the full page, laid out for about 480 x 280 CSS pixels.
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

// Fills the display with the card. "Open in Headroom" sets state.requests.open_full_page.
void draw_embed_card(AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
