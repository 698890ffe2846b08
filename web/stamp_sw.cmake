# Writes dist/sw.js from web/sw.js with @HEADROOM_BUILD_ID@ = a hash of the precached files'
# contents, so the cache name changes exactly when a deployed file does.
#   cmake -DSRC=web/sw.js -DDIST=build/web/dist -P web/stamp_sw.cmake
set(_ids "")
foreach(f index.html headroom.js headroom.wasm manifest.webmanifest icon.svg icon-192.png icon-512.png)
  if(NOT EXISTS "${DIST}/${f}")
    message(FATAL_ERROR "stamp_sw: ${DIST}/${f} is missing")
  endif()
  file(SHA256 "${DIST}/${f}" _h)
  string(APPEND _ids "${f}:${_h};")
endforeach()
string(SHA256 _all "${_ids}")
string(SUBSTRING "${_all}" 0 16 HEADROOM_BUILD_ID)
configure_file("${SRC}" "${DIST}/sw.js" @ONLY)
