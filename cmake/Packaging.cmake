# Packaging (docs/building.md, "Packages"): the man page and shell completions, generated at
# build time by the schemac just built (`schemac __generate-docs`, from its CLI11 definition),
# their install rules, and the CPack .deb. scripts/package.sh drives it and also makes the npm
# package from the same files.
include(GNUInstallDirs)

set(SCHEMAC_DOCS_DIR ${PROJECT_BINARY_DIR}/share)
set(SCHEMAC_MAN_PAGE ${SCHEMAC_DOCS_DIR}/man/man1/schemac.1)
set(SCHEMAC_BASH_COMPLETION ${SCHEMAC_DOCS_DIR}/completions/schemac.bash)
set(SCHEMAC_ZSH_COMPLETION ${SCHEMAC_DOCS_DIR}/completions/_schemac)
set(SCHEMAC_FISH_COMPLETION ${SCHEMAC_DOCS_DIR}/completions/schemac.fish)
set(schemac_doc_outputs ${SCHEMAC_MAN_PAGE} ${SCHEMAC_BASH_COMPLETION} ${SCHEMAC_ZSH_COMPLETION}
                        ${SCHEMAC_FISH_COMPLETION})

if(CMAKE_CROSSCOMPILING)
  message(STATUS "schemac: cross-compiling, no man page or completions (they run schemac)")
  return()
endif()

# Debian's zsh reads vendor-completions (its fpath has no /usr/share/zsh/site-functions).
set(SCHEMAC_ZSH_COMPLETION_DIR ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
    CACHE STRING "Where the zsh completion _schemac is installed (relative to the prefix)")

add_custom_command(
  OUTPUT ${schemac_doc_outputs}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SCHEMAC_DOCS_DIR}/man/man1
          ${SCHEMAC_DOCS_DIR}/completions
  COMMAND schemac __generate-docs man -o ${SCHEMAC_MAN_PAGE}
  COMMAND schemac __generate-docs bash -o ${SCHEMAC_BASH_COMPLETION}
  COMMAND schemac __generate-docs zsh -o ${SCHEMAC_ZSH_COMPLETION}
  COMMAND schemac __generate-docs fish -o ${SCHEMAC_FISH_COMPLETION}
  DEPENDS schemac
  COMMENT "Generating the schemac man page and shell completions"
  VERBATIM)
add_custom_target(schemac_docs ALL DEPENDS ${schemac_doc_outputs})

install(FILES ${SCHEMAC_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${SCHEMAC_BASH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME schemac)
install(FILES ${SCHEMAC_ZSH_COMPLETION} DESTINATION ${SCHEMAC_ZSH_COMPLETION_DIR})
install(FILES ${SCHEMAC_FISH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# The .deb: everything `cmake --install` puts under the prefix, below /usr.
set(SCHEMAC_PACKAGE_MAINTAINER "schemac maintainers <schemac@invalid>"
    CACHE STRING "The Maintainer field of the .deb")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME schemac)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "compiled schema language and migration tool for SQLite / libSQL")
set(CPACK_PACKAGE_DESCRIPTION
    "schemac checks .schema files, writes reversible SQL migrations, applies them (SQLite files, \
remote libSQL / Turso), and generates typed C++ and drizzle-orm TypeScript. The package also \
holds the C++ runtime (headers, static library) and the CMake package: find_package(schemac) \
and schemac_add_schema().")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # schemac_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${SCHEMAC_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# Depends: what the binary links (dpkg-shlibdeps). The headers and find_package(schemac) need
# the -dev packages below, which the command alone does not: suggested, not required.
find_program(SCHEMAC_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(SCHEMAC_GLIBC_SYSROOT_DIR)
  # Linked against glibc 2.31 (docs/building.md, "Which glibc"): dpkg-shlibdeps would read this
  # machine's libc6 symbols (libpthread/libdl: "libc6 (>= 2.36)", then 2.34) and refuse Debian 11.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.31)")
elseif(SCHEMAC_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
endif()
# Remote libSQL URLs load libcurl.so.4 at run time (dlopen), which dpkg-shlibdeps cannot see.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libcurl4")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
    "cmake, libsqlite3-dev, nlohmann-json3-dev, libcurl4-openssl-dev | libcurl-dev")
include(CPack)
