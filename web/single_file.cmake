# Writes the single-file page: web/index.html with headroom.js (built with -sSINGLE_FILE=1, so
# the wasm is inside it) inlined, the CSP opened for that inline script, and the parts that
# need a server (manifest, icon files, service worker) left out. Opens from file://.
#   cmake -DSHELL=web/index.html -DJS=.../headroom.js -DOUT=.../headroom.html -P web/single_file.cmake
file(READ "${SHELL}" html)
file(READ "${JS}" js)
# An inline script ends at the first "</script": keep the module from containing one.
string(REPLACE "</script" "<\\/script" js "${js}")
# Lines marked "server-only" in the shell (manifest, icon files) are dropped.
string(REGEX REPLACE "[^\n]*<!-- server-only -->[^\n]*\n" "" html "${html}")
# The inline module, and its wasm as a data: URL (Emscripten fetches it).
string(REPLACE "script-src 'self' 'wasm-unsafe-eval'"
       "script-src 'unsafe-inline' 'wasm-unsafe-eval'; connect-src 'self' data:" html "${html}")
string(REPLACE "<html lang=\"en\">" "<html lang=\"en\" data-no-sw>" html "${html}")
set(tag "<script src=\"headroom.js\"></script>")
string(FIND "${html}" "${tag}" at)
if(at LESS 0)
  message(FATAL_ERROR "single_file: no <script src=\"headroom.js\"></script> in ${SHELL}")
endif()
string(SUBSTRING "${html}" 0 ${at} head)
string(LENGTH "${tag}" tag_length)
math(EXPR rest_at "${at} + ${tag_length}")
string(SUBSTRING "${html}" ${rest_at} -1 tail)
get_filename_component(out_dir "${OUT}" DIRECTORY)
file(MAKE_DIRECTORY "${out_dir}")
file(WRITE "${OUT}.tmp" "${head}<script>\n${js}\n</script>${tail}")
file(RENAME "${OUT}.tmp" "${OUT}")
