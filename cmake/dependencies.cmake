# Third-party packages, found the same way natively and for Emscripten.
#   headroom::json  - nlohmann/json (header-only). For em++ never -I/usr/include (it pulls
#                     glibc headers into the wasm build): use the copy that holds only nlohmann/.
#   headroom::imgui - Dear ImGui core sources from the Debian source package (scripts/setup.sh).
add_library(headroom_json INTERFACE)
add_library(headroom::json ALIAS headroom_json)
if(EMSCRIPTEN)
  set(_json_dir "${HEADROOM_THIRD_PARTY}/nlohmann-include")
  if(NOT EXISTS "${_json_dir}/nlohmann/json.hpp")
    message(FATAL_ERROR "nlohmann/json not found in ${_json_dir}: run scripts/setup.sh first")
  endif()
  target_include_directories(headroom_json SYSTEM INTERFACE "${_json_dir}")
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  target_link_libraries(headroom_json INTERFACE nlohmann_json::nlohmann_json)
endif()

set(_imgui_dir "${HEADROOM_THIRD_PARTY}/imgui")
if(NOT EXISTS "${_imgui_dir}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${_imgui_dir}: run scripts/setup.sh first")
endif()
set(_imgui_draw ${_imgui_dir}/imgui_draw.cpp)
if(EMSCRIPTEN)
  # ImFontAtlas::Build() adds ImGui's built-in font (ProggyClean, 12 KB of glyph data) when no
  # font was added before it. The page always adds its compiled-in Roboto first, so the wasm
  # compiles a copy without that fallback and the linker drops the font (8 KiB gzip, issue 7).
  file(READ ${_imgui_draw} _draw)
  set(_fallback "    if (ConfigData.Size == 0)\n        AddFontDefault();\n")
  string(FIND "${_draw}" "${_fallback}" _at)
  if(_at LESS 0)
    message(FATAL_ERROR "${_imgui_draw}: the default-font fallback of ImFontAtlas::Build() is not where "
                        "ImGui 1.86 has it: update cmake/dependencies.cmake for this ImGui")
  endif()
  string(REPLACE "${_fallback}" "    IM_ASSERT(ConfigData.Size > 0 && \"the page adds its fonts first\");\n"
         _draw "${_draw}")
  set(_imgui_draw ${CMAKE_BINARY_DIR}/imgui/imgui_draw.cpp)
  file(WRITE ${_imgui_draw}.tmp "${_draw}")
  file(COPY_FILE ${_imgui_draw}.tmp ${_imgui_draw} ONLY_IF_DIFFERENT)
  set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_imgui_dir}/imgui_draw.cpp)
endif()
add_library(headroom_imgui STATIC
  ${_imgui_dir}/imgui.cpp ${_imgui_draw}
  ${_imgui_dir}/imgui_tables.cpp ${_imgui_dir}/imgui_widgets.cpp)
add_library(headroom::imgui ALIAS headroom_imgui)
target_include_directories(headroom_imgui SYSTEM PUBLIC ${_imgui_dir})
# No imgui.ini written to disk or localStorage behind the user's back.
target_compile_definitions(headroom_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
if(EMSCRIPTEN)
  # The page never shows ImGui's demo or metrics windows nor reads files: keep them out of the wasm.
  target_compile_definitions(headroom_imgui PUBLIC IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_METRICS_WINDOW
                                                   IMGUI_DISABLE_FILE_FUNCTIONS)
endif()
set(HEADROOM_IMGUI_DIR ${_imgui_dir} CACHE INTERNAL "")
