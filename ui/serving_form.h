// The "Serving workload" group of the Scenario card, drawn when the engine is vLLM: requests,
// prompt and output tokens per request, --max-num-seqs and the output-length spread. An edit
// that the core accepts (serving_draft.h) becomes the scenario's workload at once; a refused one
// shows the core's message under the group, the text stays as typed and the scenario keeps the
// last good workload.
#pragma once

#include "app_state.h"

namespace headroom::ui {

// Draws the group. True when the scenario's workload changed.
bool serving_form(AppState& state, Scenario& s);

}  // namespace headroom::ui
