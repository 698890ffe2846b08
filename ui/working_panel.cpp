// Working panel: one heading per figure, then its formula lines and a small table where a
// sum runs over types or devices. Text only; every number comes from the Estimate.
#include "working_panel.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "format.h"
#include "widgets.h"
#include "working_engines.h"
#include "working_text.h"

namespace headroom::ui {

namespace {

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                        ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;

void weights(const AppState& state, const Estimate& e, const Fonts& fonts) {
  const ByteUnit u = state.unit;
  heading(fonts, "Weights", format_bytes(e.weights_bytes, u), color::weights());
  say("Every tensor of the model, stored in the type llama.cpp's quantizer gives it for " + state.scenario().quant +
      ", at ggml's exact block sizes: size = values x bits per weight / 8.");
  if (ImGui::BeginTable("weight_types", 4, kTableFlags)) {
    ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Values", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Bits", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    table_headers(fonts.bold, 1);
    for (const WeightTypeBytes& w : e.working.weight_types) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(w.type.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s tensors", n(w.tensors).c_str());
      ImGui::TableNextColumn();
      text_right(format_count(w.elements));
      ImGui::TableNextColumn();
      text_right(printf_string("%.2f", w.bits_per_weight));
      ImGui::TableNextColumn();
      text_right(format_bytes(w.bytes, u));
    }
    ImGui::EndTable();
  }
  if (e.parameters.total > 0) {
    note("Sum: " + format_bytes(e.weights_bytes, u) + " for " + format_count(e.parameters.total) + " parameters = " +
         printf_string("%.2f", 8.0 * double(e.weights_bytes) / double(e.parameters.total)) +
         " bits per weight on average (norms and biases count as values, not parameters).");
  }
}

std::int64_t kv_padding(const AppState& state) {
  const EngineDefaults* engine = state.catalog().find_engine(to_string(state.scenario().engine));
  return engine != nullptr ? engine->kv_context_padding : 256;
}

// `cells_rule`: how the engine rounds the cells, after "context x sequences, ".
void kv_cache(const AppState& state, const Estimate& e, const Fonts& fonts, const std::string& cells_rule) {
  const ByteUnit u = state.unit;
  const KvWorking& k = e.working.kv;
  heading(fonts, "KV cache", format_bytes(e.kv_cache_bytes, u), color::kv_cache());
  const std::string bits = printf_string("%.2f", k.bits_per_element);
  const bool per_token = k.full_layers + k.window_layers > 0;  // else only fixed or compressed state
  if (!per_token) {
    // Nothing grows a row per token and layer here: skip the row widths.
  } else if (k.v_row > 0 && !k.v_type.empty()) {
    say("Per token and layer: K " + n(k.k_row) + " values at " + bits + " bits (" + k.type + ") + V " + n(k.v_row) +
        " values at " + printf_string("%.2f", k.v_bits_per_element) + " bits (" + k.v_type + ") = " +
        n(k.bytes_per_cell) + " bytes (KV heads x head dim each).");
  } else if (k.v_row > 0) {
    say("Per token and layer: K " + n(k.k_row) + " + V " + n(k.v_row) + " values (KV heads x head dim) at " + bits +
        " bits (" + k.type + ") = " + n(k.bytes_per_cell) + " bytes.");
  } else {
    say("Per token and layer: one compressed latent of " + n(k.k_row) + " values (MLA: KV rank + rope part, no V) at " +
        bits + " bits (" + k.type + ") = " + n(k.bytes_per_cell) + " bytes.");
  }
  const Scenario& s = state.scenario();
  if (k.full_layers > 0) {
    say(n(k.bytes_per_cell) + " B x " + n(k.cells) + " cells x " + n(k.full_layers) + " full-attention layers = " +
        format_bytes(k.bytes_per_cell * k.cells * k.full_layers, u));
    note("Cells: context " + n(s.context) + " x " + n(s.sequences) +
         (s.sequences == 1 ? " sequence" : " sequences") + ", " + cells_rule + ".");
  }
  if (k.window_layers > 0) {
    say(n(k.bytes_per_cell) + " B x " + n(k.window_cells) + " cells x " + n(k.window_layers) +
        " sliding-window layers = " + format_bytes(k.bytes_per_cell * k.window_cells * k.window_layers, u));
    note("A sliding-window layer keeps only the window (plus one batch of tokens), whatever the context.");
  }
  if (k.other_layers > 0) {
    say(std::string(per_token ? "+ " : "") + format_bytes(k.other_bytes, u) + " for " + n(k.other_layers) +
        " compressed-attention or recurrent layers: a window plus a compressed cache (compressed attention), "
        "or a fixed state per sequence (linear attention, SSM).");
  }
}

void compute_buffer(const AppState& state, const Estimate& e, const Fonts& fonts) {
  const ByteUnit u = state.unit;
  const ComputeWorking& c = e.working.compute;
  heading(fonts, "Compute buffer", format_bytes(e.compute_buffer_bytes, u), color::compute());
  say("llama.cpp's scratch memory for one step of " + n(c.ubatch) + " tokens (min of -ub " + n(e.plan.n_ubatch) +
      " and " + n(e.plan.kv_cells) + " cells), in 4-byte floats:");
  if (c.mask_cells > 0) {
    say("Attention masks: 6 B (f32 and its f16 copy) x " + n(c.ubatch) + " x " + n(c.mask_cells) +
        (c.indexer_rule.empty() ? " cells (full + sliding window) = " : " cells (window, compressed and indexer keys) = ") +
        format_bytes(c.mask_bytes, u));
    say("One layer: masks + 4 B x " + n(c.ubatch) + " x " + n(c.layer_per_token) + " values per token = " +
        format_bytes(c.layer_bytes, u));
    note("With flash attention, values per token: 2 x FFN width + 2 x hidden size.");
  } else {
    say("One layer: 4 B x " + n(c.ubatch) + " x " + n(c.layer_per_token) + " values per token = " +
        format_bytes(c.layer_bytes, u));
    note("Without flash attention, values per token: cells x (heads + 1) + 4 x hidden size.");
  }
  if (c.indexer_bytes > 0) {
    say("Lightning indexer (\"" + c.indexer_rule + "\" build rule): " + n(c.indexer_cell_bytes) + " B x " + n(c.ubatch) +
        " x " + n(c.indexer_cells) + " indexer keys x " + n(c.indexer_copies) + (c.indexer_copies == 1 ? " copy" : " copies") +
        " = " + format_bytes(c.indexer_bytes, u) + " on each of " + n(c.indexer_devices) +
        (c.indexer_devices == 1 ? " device" : " devices") + " that run a ratio-4 layer");
    note("Keys: context / 4. Bytes per key and token: " + n(c.indexer_heads) +
         " indexer heads x 4 B of f32 scores without the fused op (lightning_indexer \"unfused\"), 4 B of masked "
         "score with it (\"fused\", current builds). One layer's worth: each layer's scratch is reused by the next.");
  }
  say("Output logits: 4 B x " + n(c.ubatch) + " x (vocabulary + hidden size) = " + format_bytes(c.logits_bytes, u));
  note("Each device that runs layers reserves the layer figure" +
       std::string(c.indexer_bytes > 0 ? " (plus the indexer's where it runs a ratio-4 layer)" : "") +
       "; the one that runs the output head the larger of that and the logits (" + format_bytes(c.output_bytes, u) + ").");
}

void overhead(const AppState& state, const Estimate& e, const Fonts& fonts) {
  const ByteUnit u = state.unit;
  heading(fonts, "Overhead", format_bytes(e.overhead_bytes, u), color::overhead());
  const EngineDefaults* engine = state.catalog().find_engine(to_string(state.scenario().engine));
  if (engine != nullptr) {
    std::string text = "Runtime memory before any tensor: " + format_bytes(engine->gpu_runtime_overhead_bytes, u) +
                       " per GPU (CUDA/ROCm/Metal context)";
    if (engine->cpu_runtime_overhead_bytes > 0) text += ", " + format_bytes(engine->cpu_runtime_overhead_bytes, u) + " per host";
    say(text + ".");
  }
  for (const DeviceUsage& d : e.devices) {
    note(d.name + ": " + format_bytes(d.overhead_bytes, u));
  }
}

void speed(const AppState& state, const Estimate& e, const Fonts& fonts) {
  const ByteUnit u = state.unit;
  const auto& devices = e.working.speed;
  heading(fonts, "Decode", e.decode_tokens_per_s > 0 ? format_rate(e.decode_tokens_per_s, "tok/s") : "-", 0);
  if (devices.empty()) {
    note("Needs hardware: speed is memory bandwidth and compute of the devices.");
    return;
  }
  say("Each new token reads every weight it multiplies and the whole KV cache once. Time per token = bytes read / "
      "(bandwidth x calibrated share) + layers x per-layer cost, added over the devices in turn:");
  double decode_s = 0, prefill_s = 0;
  for (const DeviceSpeed& d : devices) {
    decode_s += d.decode_s;
    prefill_s += d.prefill_s;
    const std::string disk = d.disk_read_bytes > 0 ? " + " + format_bytes(d.disk_read_bytes, u) + " from disk / " +
                                                         bandwidth(d.disk_bandwidth_bytes_per_s, u)
                                                   : std::string();
    say(d.name + ": " + format_bytes(d.read_bytes - d.disk_read_bytes, u) + " / (" + bandwidth(d.bandwidth_bytes_per_s, u) +
        " x " + percent(d.bandwidth_share) + ")" + disk + " + " + n(d.layers) + " x " + seconds(d.layer_overhead_s) +
        " = " + seconds(d.decode_s));
    if (d.ram_overflow_bytes > 0)
      note(format_bytes(d.ram_overflow_bytes, u) + " of weights do not fit in RAM: llama.cpp's mmap pages them in from "
           "disk. The page cache keeps what every token reads, so the overflow is the coldest weights (the embedding "
           "table, then idle experts), read from disk only when a token needs them.");
  }
  for (const TokenTransfer& t : e.working.transfers) {
    decode_s += t.decode_s;
    say("Transfer, " + t.what + " over " + t.link + ": " + n(t.hops) + " x (" + seconds(t.latency_s) + " + " +
        format_bytes(t.bytes_per_hop, u) + " / " + bandwidth(t.bandwidth_bytes_per_s, u) + ") = " + seconds(t.decode_s));
  }
  if (!e.working.transfers.empty())
    note("A token's hidden state crosses a link where the plan splits its path: at each boundary of llama.cpp's layer "
         "split (f32 values), to the CPU and back for experts in host RAM, or in two all-reduces per layer under "
         "vLLM's tensor parallelism (16-bit values, 2(T-1)/T of them sent per GPU). Link speeds and latencies: "
         "hardware.json links.");
  say("1 / " + seconds(decode_s) + " = " + format_rate(e.decode_tokens_per_s, "tok/s"));
  if (e.working.expert_read_fraction < 1.0) {
    note("Mixture of experts: a token reads only its routed experts, " + percent(e.working.expert_read_fraction) +
         " of the expert weights.");
  }

  heading(fonts, "Prefill", e.prefill_tokens_per_s > 0 ? format_rate(e.prefill_tokens_per_s, "tok/s") : "-", 0);
  say("Each prompt token costs 2 FLOPs per multiplied parameter plus attention over the prompt so far, within each "
      "layer's reach. Time per token = FLOPs / (FP16 compute x calibrated share):");
  bool copies = false;
  for (const DeviceSpeed& d : devices) {
    std::string line = d.name + ": " + flops(d.flops_per_token) + " (attention " + flops(d.attention_flops_per_token) +
                       ") / (" + flops(d.fp16_flops) + "/s x " + percent(d.compute_share) + ")";
    if (d.copy_bytes > 0) {
      line += " on " + d.offload_to + " + " + format_bytes(d.copy_bytes, u) + " / " + bandwidth(d.host_link_bytes_per_s, u) +
              " / " + n(d.ubatch_tokens) + " tokens";
      copies = true;
    }
    say(line + " = " + seconds(d.prefill_s));
  }
  for (const TokenTransfer& t : e.working.transfers) {
    if (t.prefill_s <= 0) continue;
    prefill_s += t.prefill_s;
    say("Transfer, " + t.what + " over " + t.link + ": " + n(t.hops) + " x (" + format_bytes(t.bytes_per_hop, u) + " / " +
        bandwidth(t.bandwidth_bytes_per_s, u) + " + " + seconds(t.latency_s) + " / ubatch) = " + seconds(t.prefill_s));
  }
  say("1 / " + seconds(prefill_s) + " = " + format_rate(e.prefill_tokens_per_s, "tok/s"));
  if (copies)
    note("Weights in host RAM: for a ubatch of 32 tokens or more llama.cpp runs their matmuls on the first GPU, copying "
         "them over its host link (PCIe) once per ubatch, of the routed experts only those the ubatch uses; the copy and "
         "the GPU's work run one after the other.");
  note("Attention reach: full-attention layers see every past token; sliding-window layers their window; "
       "DeepSeek-V4's compressed layers their window plus the compressed entries (ratio 128; at ratio 4 the indexer's "
       "top-k where the engine has a sparse kernel, vLLM, or every entry under a mask, llama.cpp, the indexer scoring "
       "every entry); linear-attention and SSM layers a fixed state. MLA is counted as "
       "the engine runs it: in the latent space (llama.cpp), or expanded to per-head keys and values for a prompt "
       "(vLLM, mlx-lm, Transformers).");
  if (e.working.expert_read_fraction < 1.0)
    note("Routed experts each get only a slice of a ubatch's tokens, so their matmuls reach a smaller share of the "
         "dense rate (more rows per expert, a larger share; engines.json expert_prefill_*); their FLOPs are counted "
         "divided by that share.");

  const FirstToken& ft = e.first_token;
  heading(fonts, "Time to first token", ft.seconds > 0 ? format_seconds(ft.seconds) : "-", 0);
  say("The prompt (" + n(ft.prompt_tokens) + " tokens, prompt_tokens) at the prefill rate for its length, then one decode "
      "step. Attention per prompt token grows with the prompt:");
  double prompt_s = 0;
  for (const DeviceSpeed& d : devices) {
    const double device_s = double(ft.prompt_tokens) * d.prompt_prefill_s + d.prompt_disk_s + d.prompt_copy_s;
    prompt_s += device_s;
    std::string line = d.name + ": " + n(ft.prompt_tokens) + " x " + flops(d.prompt_flops_per_token) + " / (" +
                       flops(d.fp16_flops) + "/s x " + percent(d.compute_share) + ")";
    if (d.prompt_copy_s > 0)
      line += " + " + seconds(d.prompt_copy_s) + " copying " + format_bytes(d.prompt_copy_bytes, u) + " per ubatch to " +
              d.offload_to;
    if (d.prompt_disk_s > 0) line += " + " + seconds(d.prompt_disk_s) + " paging from disk";
    say(line + " = " + seconds(device_s));
  }
  for (const TokenTransfer& t : e.working.transfers) {
    if (t.prefill_s <= 0) continue;
    prompt_s += double(ft.prompt_tokens) * t.prefill_s;
    say("Transfer, " + t.what + ": " + n(ft.prompt_tokens) + " x " + seconds(t.prefill_s) + " = " +
        seconds(double(ft.prompt_tokens) * t.prefill_s));
  }
  say(seconds(prompt_s) + " (" + format_rate(ft.prefill_tokens_per_s, "tok/s") + ") + " + seconds(decode_s) + " = " +
      format_seconds(ft.seconds));

  const BatchSpeed& b = e.batch;
  heading(fonts, "Batch decode", b.aggregate_tokens_per_s > 0 ? format_rate(b.aggregate_tokens_per_s, "tok/s") : "-", 0);
  say(n(b.concurrency) + " sequences decode together (llama.cpp -np; vLLM: the requests of max_model_len its KV cache "
      "holds, up to --max-num-seqs). A step reads the weights once and every sequence's KV cache, and multiplies "
      "every sequence's token; the first sequence's matmuls are already in the decode time:");
  double step_s = 0;
  for (const DeviceSpeed& d : devices) {
    step_s += d.batch_step_s;
    say(d.name + ": " + format_bytes(d.batch_read_bytes, u) + " read + " + n(d.layers) + " x " + seconds(d.layer_overhead_s) +
        " + " + n(b.concurrency - 1) + " x " + flops(b.concurrency > 0 ? d.batch_flops / double(b.concurrency) : 0) +
        " / (" + flops(d.fp16_flops) + "/s x " + percent(d.compute_share) + ") = " + seconds(d.batch_step_s));
  }
  say(n(b.concurrency) + " / " + seconds(step_s) + " = " + format_rate(b.aggregate_tokens_per_s, "tok/s") + " in all, " +
      format_rate(b.per_sequence_tokens_per_s, "tok/s") + " per sequence" + (b.compute_bound ? " (compute-bound)" : ""));
  const EngineDefaults* calibration = state.catalog().find_engine("llama.cpp");
  if (b.concurrency > 1 && e.working.expert_read_fraction < 1.0 && calibration != nullptr)
    note("Mixture of experts: the batch reads the experts any of its tokens picked, 1 - (1 - " +
         percent(e.working.expert_read_fraction) + ")^(" + n(b.concurrency) + "^" +
         printf_string("%.2f", calibration->expert_batch_exponent) + ") = " + percent(b.expert_union_fraction) +
         " of them (tokens in a batch favour the same experts; the exponent is fitted to llama-batched-bench).");
  bool calibrated = true;
  for (const DeviceSpeed& d : devices) calibrated = calibrated && d.calibrated;
  note(calibrated ? "Shares and per-layer costs are fitted to published llama-bench results per device class "
                    "(engines.json); every measured figure in docs/ACCURACY.md lands within 25%."
                  : "A device here has no calibration: it is assumed to reach its full spec sheet, an upper bound.");
}

// vLLM's serving throughput (core/serving.h): the workload, one step at full concurrency, the totals.
void serving(const AppState& state, const Estimate& e, const Fonts& fonts) {
  if (!e.serving) return;
  const ServingEstimate& s = *e.serving;
  const ServingWorkload& w = s.workload;
  const ServingStepCosts& c = s.step;
  const ByteUnit u = state.unit;
  heading(fonts, "Serving throughput (vLLM)", format_rate(s.output_tokens_per_s, "tok/s"), 0);
  say(n(w.requests) + " requests of " + n(w.prompt_tokens) + " prompt + " + n(w.output_tokens) + " output tokens" +
      (w.lengths == OutputLengths::sharegpt ? " on average, spread as ShareGPT's (the longest " + n(s.longest_output) + ")"
                                            : " each") +
      ", all arriving at once. At most " + n(w.max_num_seqs) + " run together (--max-num-seqs), and as many as the KV "
      "cache (" + n(s.kv_cache_tokens) + " tokens) holds at the prompt plus half the output each: " + n(s.peak_concurrency) +
      " at once (limit: " + s.limited_by + "), " + printf_string("%.0f", s.mean_concurrency) + " on average over " +
      n(s.decode_steps) + " decode steps, as the short requests finish and the long ones run on.");
  const double cached = double(s.peak_concurrency) * (double(w.prompt_tokens) + double(w.output_tokens) / 2);
  say("One step with " + n(s.peak_concurrency) + " requests, per GPU: " +
      format_bytes(std::int64_t(c.dense_bytes + c.expert_bytes), u) + " of weights + " + printf_string("%.0f", cached) +
      " cached tokens x " + n(std::int64_t(c.kv_bytes_per_token)) + " B at " + bandwidth(c.bandwidth_bytes_per_s, u) +
      ", + " + n(s.peak_concurrency) + " x " + flops(c.matmul_flops_per_token) + " at " + flops(c.compute_flops) + "/s" +
      (c.allreduce_s > 0 ? ", + all-reduces" : "") + ", + scheduler " + seconds(c.per_step_s) +
      (c.per_sequence_s > 0 ? " + " + n(s.peak_concurrency) + " x " + seconds(c.per_sequence_s) : std::string()) + " = " +
      seconds(s.step_at_peak_s));
  say("Prompts: " + n(s.total_prompt_tokens) + " tokens x " + flops(c.matmul_flops_per_token) + " (+ attention) at " +
      flops(c.compute_flops) + "/s = " + seconds(s.prefill_s) +
      "; decode steps: " + seconds(s.decode_s) + " (scheduler " + seconds(s.scheduler_s) + ").");
  say(n(s.total_output_tokens) + " output tokens / " + seconds(s.duration_s) + " = " +
      format_rate(s.output_tokens_per_s, "tok/s") + " (" + format_rate(s.total_tokens_per_s, "tok/s") +
      " with the prompts, as vllm bench serve prints them)");
  note("The bandwidth share is llama.cpp's; the compute share (of the FP16 peak, or FP8 for FP8 checkpoints on Hopper "
       "and Ada) and the scheduler's cost for vLLM " + w.vllm_version + " are fitted to eleven published vLLM runs, all "
       "within 18% (tests/reference/vllm_serving.json, docs/ACCURACY.md).");
}

}  // namespace

void draw_working_panel(AppState& state, const Fonts& fonts) {
  const Estimate* e = state.estimate();
  if (e == nullptr) {
    ImGui::TextDisabled("%s", "No estimate: fix the inputs first.");
    return;
  }
  note("Total = weights + KV cache + compute buffer + overhead = " + format_bytes(e->total_bytes, state.unit) +
       ". Each part, with this scenario's numbers:");
  weights(state, *e, fonts);
  if (e->vllm) {
    vllm_memory(state, *e, fonts);
  } else if (e->mlx) {
    kv_cache(state, *e, fonts, "grown in mlx-lm's steps of " + n(e->mlx->kv_step) + " tokens");
    mlx_memory(state, *e, fonts);
  } else if (e->transformers) {
    kv_cache(state, *e, fonts, "exactly the tokens seen (Transformers' DynamicCache)");
    transformers_memory(state, *e, fonts);
  } else {
    kv_cache(state, *e, fonts, "rounded up to a multiple of " + n(e->plan.kv_cells > 0 ? kv_padding(state) : 256) + " as llama.cpp does");
    compute_buffer(state, *e, fonts);
    overhead(state, *e, fonts);
  }
  speed(state, *e, fonts);
  serving(state, *e, fonts);

  ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 0.6f));
  {
    FontScope bold(fonts.bold);
    ImGui::TextUnformatted("Sources");
  }
  if (const ModelSpec* m = state.model()) note("Model: " + (m->source.empty() ? std::string("-") : m->source));
  note("Weight formats: llama.cpp's quantizer rules and ggml block sizes (assets/quants.json).");
  if (const EngineDefaults* engine = state.catalog().find_engine(to_string(state.scenario().engine))) {
    if (!engine->source.empty()) note("Engine defaults and speed calibration: " + engine->source);
  }
  note("Checked against llama.cpp logs and published GGUF sizes: docs/ACCURACY.md.");
}

}  // namespace headroom::ui
