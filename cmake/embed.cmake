# headroom_embed(TARGET HEADER FUNCTION FILES...): a static library whose FUNCTION() returns
# the FILES' names and texts (std::span<const headroom::CatalogFile>), declared in HEADER.
function(headroom_embed target header function)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${out} "-DFILES=${ARGN}" -DHEADER=${header} -DFUNCTION=${function}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${target}"
    VERBATIM)
  add_library(${target} STATIC ${out})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${target} PUBLIC headroom::core)
endfunction()

# headroom_compact_catalogs(OUT_VAR DIR FILES...): custom commands writing each catalog file as
# the page embeds it (assets/compact_catalog.py) into DIR; OUT_VAR gets the outputs.
function(headroom_compact_catalogs out_var dir)
  find_program(HEADROOM_PYTHON3 python3 REQUIRED)
  set(outs "")
  foreach(src ${ARGN})
    get_filename_component(name ${src} NAME)
    add_custom_command(OUTPUT ${dir}/${name}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
      COMMAND ${HEADROOM_PYTHON3} ${PROJECT_SOURCE_DIR}/assets/compact_catalog.py ${src} ${dir}/${name}
      DEPENDS ${src} ${PROJECT_SOURCE_DIR}/assets/compact_catalog.py
      COMMENT "Compacting ${name}" VERBATIM)
    list(APPEND outs ${dir}/${name})
  endforeach()
  set(${out_var} ${outs} PARENT_SCOPE)
endfunction()
