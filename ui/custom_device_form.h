// The custom-device form under the hardware picker (opened by its "Custom device..." entry):
// name, kind, memory in the page's unit, bandwidth, FP16 TFLOPS. Each edit that checks out
// (custom_device.h) becomes the scenario's inline device at once; while a field is wrong its
// message shows under it, the text stays as typed and the scenario keeps the last good device.
#pragma once

#include "app_state.h"

namespace headroom::ui {

// Draws the form when state.custom_device.open. True when the scenario's hardware changed.
bool custom_device_form(AppState& state, Scenario& s);

}  // namespace headroom::ui
