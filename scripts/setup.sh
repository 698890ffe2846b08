#!/usr/bin/env bash
# Installs everything Headroom needs on a fresh Debian 12 machine: idempotent and
# non-interactive. A second run finds everything in place and takes seconds.
#   Debian packages: emscripten, nlohmann-json3-dev, catch2, chromium, fonts, build tools
#   Dear ImGui core sources: Debian source package `imgui` into third_party/imgui
#   npm: playwright-core and google-closure-compiler (pinned by package-lock.json) into node_modules
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(emscripten nlohmann-json3-dev catch2 chromium fonts-roboto-unhinted fonts-jetbrains-mono python3-fonttools
          cmake ninja-build g++ clang-14 libclang-rt-14-dev dpkg-dev gzip python3 libbenchmark-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node may come from another vendor package that bundles npm; only install Debian's when absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

# deb-src is needed only for the ImGui source; written as its own file, reading the
# mirror from the existing Debian entry instead of hard-coding a host.
src_list=/etc/apt/sources.list.d/headroom-debian-src.sources
need_imgui=0; [ -f third_party/imgui/imgui.cpp ] || need_imgui=1
if [ "$need_imgui" = 1 ] && [ ! -f "$src_list" ]; then
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '/^deb / && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$uri" ] || { echo "setup: cannot find the Debian mirror URI in /etc/apt" >&2; exit 1; }
  printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
    | sudo_if_needed tee "$src_list" >/dev/null
  missing+=("__update__")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get update -qq
  real=(); for p in "${missing[@]}"; do [ "$p" = "__update__" ] || real+=("$p"); done
  [ ${#real[@]} -eq 0 ] || sudo_if_needed apt-get install -y -qq --no-install-recommends "${real[@]}" >/dev/null
fi

if [ "$need_imgui" = 1 ]; then
  echo "setup: fetching the Dear ImGui source package"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq --download-only imgui >/dev/null 2>&1 && dpkg-source -x --skip-patches imgui_*.dsc src >/dev/null)
  mkdir -p third_party/imgui
  cp "$tmp"/src/*.cpp "$tmp"/src/*.h third_party/imgui/
  mkdir -p third_party/imgui/backends
  cp "$tmp"/src/backends/imgui_impl_glfw.* "$tmp"/src/backends/imgui_impl_opengl3* third_party/imgui/backends/
  [ -d "$tmp/src/misc" ] && cp -r "$tmp/src/misc" third_party/imgui/
  rm -rf "$tmp"
fi

# nlohmann for em++: a directory holding only nlohmann/, never -I/usr/include (TOOLCHAIN.md).
if [ ! -e third_party/nlohmann-include/nlohmann ]; then
  mkdir -p third_party/nlohmann-include
  cp -r /usr/include/nlohmann third_party/nlohmann-include/
fi

if [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/google-closure-compiler ]; then
  echo "setup: npm ci (playwright-core, google-closure-compiler)"
  npm ci --no-audit --no-fund --silent
fi
echo "setup: ready"
