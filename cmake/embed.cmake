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
