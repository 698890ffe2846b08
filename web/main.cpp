// The browser front end: GLFW (Emscripten's JS implementation) + WebGL2 + Dear ImGui.
//   - Draws only when something changed: input events, resizes and JS API calls ask for a few
//     frames; with none pending the main loop pauses, so an idle page uses no CPU.
//   - Sharp on HiDPI: the canvas backing store is its CSS size x devicePixelRatio, ImGui works
//     in those device pixels, and the fonts and style are built at that scale.
//   - Fonts (Roboto subsets, web/CMakeLists.txt) and catalogs are compiled in: no file system.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <vector>

#include "app.h"
#include "embedded_catalog.h"
#include "embedded_fonts.h"
#include "url_state.h"
#include "imgui.h"
#include "imgui_internal.h"  // ui_settling_key() reads ImGui's focus state
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "theme.h"
#include "web_app.h"

// Calls into the page glue (web/headroom_api.js), each a no-op when the glue is absent.
EM_JS(void, js_on_hash, (const char* hash), {
  if (Module['onHeadroomHash']) Module['onHeadroomHash'](UTF8ToString(hash));
});
EM_JS(void, js_on_copy_link, (const char* hash), {
  if (Module['onHeadroomCopyLink']) Module['onHeadroomCopyLink'](UTF8ToString(hash));
});
EM_JS(void, js_on_copy_text, (const char* text), {
  if (Module['onHeadroomCopyText']) Module['onHeadroomCopyText'](UTF8ToString(text));
});
EM_JS(void, js_on_open, (const char* hash), {
  if (Module['onHeadroomOpen']) Module['onHeadroomOpen'](UTF8ToString(hash));
});
EM_JS(void, js_on_prefs, (int gib, int light), {
  if (Module['onHeadroomPrefs']) Module['onHeadroomPrefs'](gib ? "GiB" : "GB", light ? "light" : "dark");
});

// A User Timing mark ("headroom:catalog", ...): bench/page_bench.mjs reads them to show where
// start-up time goes; they cost nothing when nobody looks.
EM_JS(void, js_mark, (const char* name), {
  if (typeof performance !== 'undefined' && performance.mark) performance.mark(UTF8ToString(name));
});

namespace headroom::web {

namespace {

constexpr const char* kCanvas = "#canvas";

struct Platform {
  GLFWwindow* window = nullptr;
  ui::Fonts fonts;
  int width = 0;       // canvas backing store, device pixels
  int height = 0;
  double dpr = 0;      // scale the fonts and style were built for
  bool gl_ready = false;
  bool paused = false;
  int pending_frames = 0;
};

Platform& platform() {
  static Platform p;
  return p;
}

void build_fonts_and_style(double dpr) {
  Platform& p = platform();
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  p.fonts = ui::load_fonts(*io.Fonts, roboto_regular_ttf(), roboto_bold_ttf(), float(dpr), jetbrains_mono_ttf());
  io.Fonts->Build();
  if (p.gl_ready) {  // later changes (zoom, another monitor): re-upload the atlas
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  ui::apply_style(ImGui::GetStyle(), float(dpr));
  p.dpr = dpr;
}

// The scale the fonts and style are built for: the device pixel ratio, never below 0.5.
double device_pixel_ratio() { return std::max(0.5, emscripten_get_device_pixel_ratio()); }

// Matches the canvas backing store to CSS size x devicePixelRatio. True if anything changed.
bool sync_canvas_size() {
  Platform& p = platform();
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
  const double dpr = device_pixel_ratio();
  const int w = std::max(1, int(std::lround(css_w * dpr)));
  const int h = std::max(1, int(std::lround(css_h * dpr)));
  bool changed = false;
  if (w != p.width || h != p.height) {
    emscripten_set_canvas_element_size(kCanvas, w, h);
    p.width = w;
    p.height = h;
    changed = true;
  }
  if (dpr != p.dpr) {
    build_fonts_and_style(dpr);
    changed = true;
  }
  return changed;
}

bool input_held() {
  const ImGuiIO& io = ImGui::GetIO();
  for (bool down : io.MouseDown) {
    if (down) return true;
  }
  for (bool down : io.KeysDown) {
    if (down) return true;
  }
  return false;
}

// ImGui 1.86 presses the focused button or opens the focused combo with Space only; people
// press Enter as well. Enter's first frame counts as Space unless a text field has the
// keyboard (it takes Enter itself; the frame after, Enter is no longer new).
void enter_activates(ImGuiIO& io) {
  static bool was_down = false;
  const bool down = io.KeysDown[GLFW_KEY_ENTER] || io.KeysDown[GLFW_KEY_KP_ENTER];
  if (down && !was_down && !ImGui::IsAnyItemActive()) io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
  was_down = down;
}

void draw_frame() {
  Platform& p = platform();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // GLFW's idea of the window size is the size at creation; the canvas is the truth.
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(float(p.width), float(p.height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  enter_activates(io);
  ImGui::NewFrame();
  if (!app().catalog_error.empty()) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("error", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::TextWrapped("The built-in catalog failed to load: %s", app().catalog_error.c_str());
    ImGui::End();
  } else {
    ui::draw_app(*app().state, p.fonts);
  }
  ImGui::Render();
  glViewport(0, 0, p.width, p.height);
  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::color::background());
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (++app().frames == 1) js_mark("headroom:first-frame");
  sync_page();
}

void clear_link_copied(void*) {
  if (!app().state) return;
  app().state->link_copied = false;
  request_frames();
}

void clear_text_copied(void*) {
  if (!app().state) return;
  app().state->text_copied.clear();
  request_frames();
}

// What changes while ImGui is still settling: the active and focused items, open popups,
// pending focus requests.
std::uint64_t ui_settling_key() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  std::uint64_t key = g.ActiveId;
  key = key * 1000003u ^ g.NavId;
  key = key * 1000003u ^ std::uint64_t(g.OpenPopupStack.Size);
  key = key * 1000003u ^ std::uint64_t(g.NavNextActivateId);
  key = key * 1000003u ^ std::uint64_t(g.NavMoveScoringItems ? 1 : 0);
  return key;
}

void release_held_keys(GLFWwindow* window);  // below, with the key latch

void main_loop() {
  Platform& p = platform();
  if (sync_canvas_size()) p.pending_frames = std::max(p.pending_frames, 3);
  if (p.pending_frames <= 0 || !p.gl_ready) {  // nothing to draw, or no context to draw with
    p.paused = true;
    emscripten_pause_main_loop();
    return;
  }
  --p.pending_frames;
  const std::uint64_t before = ui_settling_key();
  draw_frame();
  release_held_keys(p.window);
  // ImGui finishes some changes a frame or two later (a popup sizes itself, a focus request
  // activates the search box): keep drawing until they settle, or the first key typed into a
  // just-opened picker would be lost while the loop sleeps.
  if (ui_settling_key() != before) p.pending_frames = std::max(p.pending_frames, 2);
  // A held button or key (slider drag, key repeat) keeps ImGui's timers running.
  if (input_held()) p.pending_frames = std::max(p.pending_frames, 1);
}

// A lost WebGL context (a GPU reset, a mobile browser taking back a background tab's GPU memory)
// left a blank page for good. Returning true asks the browser for it back; when it returns,
// ImGui's GL objects (shaders, buffers, the font texture) are made again and the page redrawn.
EM_BOOL on_context_lost(int, const void*, void*) {
  platform().gl_ready = false;
  return EM_TRUE;
}
EM_BOOL on_context_restored(int, const void*, void*) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  platform().gl_ready = true;
  request_frames(2);
  return EM_TRUE;
}

// Input callbacks run before ImGui's (which the GLFW backend chains to them).
void on_cursor(GLFWwindow*, double, double) { request_frames(); }
void on_button(GLFWwindow*, int, int, int) { request_frames(); }
// Emscripten 3.1.6's GLFW passes the DOM wheel deltas through unchanged (library_glfw.js
// onMouseWheel): positive deltaY means "down" and comes in pixels (about 100 a notch) or lines
// (3 a notch), where ImGui wants +1 per notch up. Installed after the ImGui backend, so this
// replaces its scroll callback rather than adding raw pixels to io.MouseWheel.
float wheel_notches(double delta) {
  const double notches = std::fabs(delta) >= 10.0 ? delta / 100.0 : delta / 3.0;
  return float(-notches);
}
void on_scroll(GLFWwindow*, double dx, double dy) {
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH += wheel_notches(dx);
  io.MouseWheel += wheel_notches(dy);
  request_frames();
}
void on_key(GLFWwindow*, int, int, int, int) { request_frames(); }

// ImGui 1.86 reads the keys' state once a frame, so a press and its release between two frames
// (a quick tap while a slow frame draws) would never be seen: Enter or Space did nothing on a
// busy machine. While any press has not been seen by a frame, every release is held back until
// the next frame has been drawn: that frame sees each key that was down together, so Ctrl+A
// works even when a frame fell between Ctrl and A and Ctrl went up before A was seen.
// Installed after the ImGui backend, like on_scroll; the backend's callback still chains to
// on_key.
struct HeldRelease {
  int key, scancode, mods;
};
struct KeyLatch {
  bool unseen_press = false;  // a key went down after the last frame was drawn
  std::vector<HeldRelease> held_releases;
};
KeyLatch& key_latch() {
  static KeyLatch latch;
  return latch;
}
void on_key_latched(GLFWwindow* window, int key, int scancode, int action, int mods) {
  KeyLatch& l = key_latch();
  if (action == GLFW_RELEASE && l.unseen_press) {
    l.held_releases.push_back({key, scancode, mods});
    request_frames(2);
    return;
  }
  if (action == GLFW_PRESS) l.unseen_press = true;
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}
// After a frame: every press so far has been seen; the releases held back go through now.
void release_held_keys(GLFWwindow* window) {
  KeyLatch& l = key_latch();
  l.unseen_press = false;
  std::vector<HeldRelease> held;
  held.swap(l.held_releases);
  for (const HeldRelease& r : held) ImGui_ImplGlfw_KeyCallback(window, r.key, r.scancode, GLFW_RELEASE, r.mods);
}
void on_char(GLFWwindow*, unsigned int) { request_frames(); }
void on_enter(GLFWwindow*, int) { request_frames(); }
void on_focus(GLFWwindow*, int) { request_frames(); }
EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  request_frames();
  return EM_FALSE;
}

void load_catalog_once() {
  try {
    app().catalog = load_catalog(embedded_catalog_files());
  } catch (const std::exception& e) {
    app().catalog_error = e.what();
  }
  app().state = std::make_unique<ui::AppState>(app().catalog);
}

}  // namespace

WebApp& app() {
  static WebApp instance;
  return instance;
}

bool drawing_idle() { return platform().paused; }

void sync_page() {
  if (!app().state) return;
  ui::AppState& state = *app().state;
  const std::string hash = state.url_hash();
  if (hash != app().written_hash) {
    app().written_hash = hash;
    js_on_hash(hash.c_str());
  }
  ui::PageRequests& r = state.requests;
  if (r.copy_link) {
    r.copy_link = false;
    js_on_copy_link(hash.c_str());
  }
  if (!r.copy_text.empty()) {
    app().copy_pending = r.copy_id;
    js_on_copy_text(r.copy_text.c_str());
    r.copy_text.clear();
    r.copy_id.clear();
  }
  if (r.open_full_page) {
    r.open_full_page = false;
    const std::string full = ui::encode_url_hash(state.scenario(), state.unit, false);
    js_on_open(full.c_str());
  }
  if (r.prefs_changed) {
    r.prefs_changed = false;
    js_on_prefs(state.unit == ByteUnit::gib ? 1 : 0, state.theme == ui::Theme::light ? 1 : 0);
  }
}

void show_link_copied() {
  if (!app().state) return;
  app().state->link_copied = true;
  request_frames();
  emscripten_async_call(clear_link_copied, nullptr, 2000);
}

void show_text_copied() {
  if (!app().state) return;
  app().state->text_copied = app().copy_pending;
  request_frames();
  emscripten_async_call(clear_text_copied, nullptr, 2000);
}

void request_frames(int count) {
  Platform& p = platform();
  p.pending_frames = std::max(p.pending_frames, count);
  if (p.paused) {
    p.paused = false;
    emscripten_resume_main_loop();
  }
}

}  // namespace headroom::web

int main() {
  using namespace headroom::web;
  js_mark("headroom:main");
  load_catalog_once();
  js_mark("headroom:catalog");

  // The CPU-only start-up work (ImGui, the font atlas) comes before the WebGL2 context: creating
  // the context waits on Chromium's GPU process, and it waited less the later it was asked for
  // (ready 318 -> 303 ms over 30 alternating cold loads; asked before the catalog load, the
  // context took 59 ms instead of 37).
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;                  // no imgui.ini behind the user's back
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows, Space, Enter, Escape
  io.ConfigInputTextCursorBlink = false;     // a blinking caret would need frames forever
  build_fonts_and_style(device_pixel_ratio());  // sync_canvas_size() then finds them built
  js_mark("headroom:fonts");

  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // ImGui draws 2D: no depth or stencil buffer.
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  Platform& p = platform();
  p.window = glfwCreateWindow(1280, 800, "Headroom", nullptr, nullptr);
  if (p.window == nullptr) {
    EM_ASM(if (Module["onHeadroomFailed"]) Module["onHeadroomFailed"]("WebGL2 is not available"););
    return 1;
  }
  glfwMakeContextCurrent(p.window);
  js_mark("headroom:webgl");
  glfwSetCursorPosCallback(p.window, on_cursor);
  glfwSetMouseButtonCallback(p.window, on_button);
  glfwSetKeyCallback(p.window, on_key);
  glfwSetCharCallback(p.window, on_char);
  glfwSetCursorEnterCallback(p.window, on_enter);
  glfwSetWindowFocusCallback(p.window, on_focus);

  ImGui_ImplGlfw_InitForOpenGL(p.window, true);
  glfwSetScrollCallback(p.window, on_scroll);  // after the backend: see on_scroll
  glfwSetKeyCallback(p.window, on_key_latched);  // after the backend: see on_key_latched
  ImGui_ImplOpenGL3_Init("#version 300 es");
  sync_canvas_size();  // sizes the canvas (glfwCreateWindow set 1280 x 800); the fonts are built already
  p.gl_ready = true;
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
  emscripten_set_webglcontextlost_callback(kCanvas, nullptr, EM_FALSE, on_context_lost);
  emscripten_set_webglcontextrestored_callback(kCanvas, nullptr, EM_FALSE, on_context_restored);

  // The page glue applies the saved preferences and the link's state; the first frame, drawn
  // now rather than at the next animation frame, shows them.
  EM_ASM(if (Module["onHeadroomReady"]) Module["onHeadroomReady"](););
  draw_frame();
  request_frames(2);
  emscripten_set_main_loop(main_loop, 0, true);
  return 0;
}
