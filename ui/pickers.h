// The model and hardware pickers: combos whose popup opens with a search box focused (typing
// filters at once, Enter picks the first match), entries grouped by family / vendor line.
// What matches is picker_search.h's business; this file only draws.
#pragma once

#include "app_state.h"

namespace headroom::ui {

// Catalog models by family, imported models first. True when the scenario's model changed.
bool model_picker(AppState& state, Scenario& s);

// "None (memory only)", an inline custom device if the scenario has one, catalog devices by
// group, and "Custom device..." (opens state.custom_device's form). `width` as for
// SetNextItemWidth. True when the scenario's hardware changed.
bool hardware_picker(AppState& state, Scenario& s, float width);

}  // namespace headroom::ui
