// Speed as a roofline: a generated token reads every weight it multiplies and the KV cache
// once (memory-bound), a prompt token costs 2 FLOPs per multiplied parameter plus attention
// (compute-bound). Devices that hold consecutive blocks run one after the other, so their
// times add. Peak bandwidth and peak FP16 compute make these upper bounds.
#pragma once

#include "model_spec.h"
#include "placement.h"

namespace headroom {

struct Speed {
  double decode_tokens_per_s = 0;
  double prefill_tokens_per_s = 0;
};

// `context`: tokens in the cache when the token is generated (decode) / the prompt length (prefill).
Speed roofline_speed(const Placement& placement, const ModelSpec& spec, std::int64_t context);

}  // namespace headroom
