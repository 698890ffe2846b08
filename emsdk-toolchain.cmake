# Toolchain file for the WebAssembly build. Finds Emscripten through, in order:
#   $EMSDK (an emsdk checkout), $EMSCRIPTEN (the emscripten folder), the Debian install.
# and hands over to Emscripten's own platform file.
set(_headroom_em_candidates)
if(DEFINED ENV{EMSDK})
  list(APPEND _headroom_em_candidates "$ENV{EMSDK}/upstream/emscripten")
endif()
if(DEFINED ENV{EMSCRIPTEN})
  list(APPEND _headroom_em_candidates "$ENV{EMSCRIPTEN}")
endif()
list(APPEND _headroom_em_candidates "/usr/share/emscripten")

set(_headroom_em_platform "")
foreach(dir IN LISTS _headroom_em_candidates)
  if(EXISTS "${dir}/cmake/Modules/Platform/Emscripten.cmake")
    set(_headroom_em_platform "${dir}/cmake/Modules/Platform/Emscripten.cmake")
    break()
  endif()
endforeach()

if(NOT _headroom_em_platform)
  message(FATAL_ERROR
    "Emscripten not found. Looked in: ${_headroom_em_candidates}.\n"
    "Install it with `apt-get install emscripten` (scripts/setup.sh does), "
    "or set EMSDK to an emsdk checkout or EMSCRIPTEN to its emscripten folder.")
endif()

# Debian's emscripten runs its JS passes with the system node and needs Debian's node
# modules (else "Cannot find module 'acorn'"); the launchers carry that into every build step.
if(EXISTS "/usr/share/nodejs")
  set(ENV{NODE_PATH} "/usr/share/nodejs")
  set(CMAKE_C_COMPILER_LAUNCHER env NODE_PATH=/usr/share/nodejs)
  set(CMAKE_CXX_COMPILER_LAUNCHER env NODE_PATH=/usr/share/nodejs)
  set(CMAKE_CXX_LINKER_LAUNCHER env NODE_PATH=/usr/share/nodejs)
endif()
include("${_headroom_em_platform}")
