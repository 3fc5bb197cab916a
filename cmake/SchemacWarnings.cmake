# Project code builds with warnings as errors; generated ANTLR code does not use this.
function(schemac_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
endfunction()
