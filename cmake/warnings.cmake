# Per-target warnings, so third-party sources (ImGui) keep their own settings.
function(headroom_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                         -Wno-sign-conversion)
endfunction()
