# Warnings for schemac's own targets: -Wall -Wextra always, -Werror only with SCHEMAC_WERROR=ON
# (the default, asan and fuzz presets turn it on; a plain `cmake` leaves it off so that a newer
# compiler's new warnings never break a user's build). Generated ANTLR code does not use this.
function(schemac_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra $<$<BOOL:${SCHEMAC_WERROR}>:-Werror>)
endfunction()
