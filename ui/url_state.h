// The URL hash codec: a Scenario (plus the page's byte unit and embed flag) <-> the text after
// '#', so a copied link reproduces the view. Pure functions, no I/O, never throws: the page's
// JS only moves the string, the native tests (tests/ui) and fuzzers call these directly.
//
// Form: key=value pairs joined by '&', values percent-encoded where needed:
//   m=llama-3.1-8b&q=Q4_K_M&c=8192&kv=f16&hw=rtx-4090x2&u=gib
//   m   model id (catalog)                  q    weight format (quant mix id)
//   c   context tokens ("8192"; "8k" = 8192 is read too)
//   kv  KV cache type                       n    parallel sequences (written when not 1)
//   kvv V cache type, when not kv's (llama.cpp -ctv)
//   hw  devices, comma-separated: ID, IDxN or ID:N (N devices); "none" = memory only
//   e   engine (written when not llama.cpp) fa   flash attention 0/1 (written when set)
//   ub  n_ubatch (written when set)        li   lightning-indexer rule (written when set)
//   off offload: auto, gpu_only, layers:N, experts_to_cpu[:N] (written when not auto)
//   u   byte unit: gb or gib                embed 1 = the compact card for iframes
//   s   the whole scenario as base64url JSON: used when the model or a device is an inline
//       spec (no catalog id); keys after it override its fields.
// Missing keys take the page defaults. A bad part (unknown id, bad number, damaged base64)
// takes its default and adds one readable line to `problems`; the rest still applies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "scenario.h"
#include "units.h"

namespace headroom::ui {

struct UrlState {
  Scenario scenario;
  std::optional<ByteUnit> unit;       // when the hash named a valid one
  bool embed = false;
  std::vector<std::string> problems;  // one line per bad part; empty when all was good
};

// Decodes a hash (the leading '#' is optional). Keys it does not carry keep `defaults`.
UrlState decode_url_hash(std::string_view hash, const Catalog& catalog, const Scenario& defaults);

// The canonical hash, without '#'. decode_url_hash(encode_url_hash(s, ...)).scenario == s
// for every scenario the catalog can name (and through `s=` for inline specs).
std::string encode_url_hash(const Scenario& scenario, std::optional<ByteUnit> unit = std::nullopt,
                            bool embed = false);

// The codec at the JSON contract's level: hash -> canonical Scenario JSON (bad parts fall back
// as above, their lines appended to *problems when given), and Scenario JSON -> hash (throws
// InputError for JSON the contract rejects).
std::string url_hash_to_scenario_json(std::string_view hash, const Catalog& catalog,
                                      const Scenario& defaults,
                                      std::vector<std::string>* problems = nullptr);
std::string scenario_json_to_url_hash(std::string_view scenario_json);

// RFC 4648 section 5 (URL-safe alphabet, no padding written; padding accepted on read).
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// Percent-encoding for one hash value: keeps RFC 3986 unreserved [A-Za-z0-9-._~], escapes the rest.
std::string percent_encode(std::string_view text);
std::optional<std::string> percent_decode(std::string_view text);  // null on a bad escape

}  // namespace headroom::ui
