# schemac_add_schema: generate a schema's C++ header as a build step (docs/cpp.md).
#
#   schemac_add_schema(TARGET app SCHEMA db/app.schema [db/more.schema ...]
#                      [NAMESPACE lumenr::db] [MIGRATIONS db/migrations] [HEADER db/schema.h])
#
# Runs `schemac codegen` whenever a schema file, a migration file or the schemac executable
# changes; the header is rewritten only when its content changes, so a formatting-only schema
# edit recompiles nothing. The target gets the generated include directory (include the
# header as "db/schema.h", or HEADER) and links schemac::runtime. Without MIGRATIONS no
# migration is embedded. Also adds, once per project, the targets db-generate, db-migrate,
# db-push and db-studio, which run schemac on the first schema given (set SCHEMAC_DATABASE_URL
# or DATABASE_URL for the database; default file:./local.db in the source directory).
include_guard(GLOBAL)

function(schemac_add_schema)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "" "TARGET;NAMESPACE;MIGRATIONS;HEADER" "SCHEMA")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "schemac_add_schema: unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_TARGET OR NOT TARGET ${ARG_TARGET})
    message(FATAL_ERROR "schemac_add_schema: TARGET must name an existing target")
  endif()
  if(NOT ARG_SCHEMA)
    message(FATAL_ERROR "schemac_add_schema: SCHEMA needs at least one .schema file")
  endif()
  if(NOT TARGET schemac::schemac OR NOT TARGET schemac::runtime)
    message(FATAL_ERROR "schemac_add_schema: schemac::schemac and schemac::runtime are not "
                        "defined (find_package(schemac CONFIG REQUIRED) first)")
  endif()
  if(NOT ARG_HEADER)
    set(ARG_HEADER db/schema.h)
  endif()

  set(schemas)
  foreach(s ${ARG_SCHEMA})
    get_filename_component(abs ${s} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND schemas ${abs})
  endforeach()
  set(gen_root ${CMAKE_CURRENT_BINARY_DIR}/schemac_gen/${ARG_TARGET})
  get_filename_component(header_dir ${gen_root}/${ARG_HEADER} DIRECTORY)
  get_filename_component(header_name ${ARG_HEADER} NAME)
  set(args codegen ${schemas} --cpp-out ${header_dir} --header ${header_name} --quiet)
  if(ARG_NAMESPACE)
    list(APPEND args --namespace ${ARG_NAMESPACE})
  endif()
  set(migration_files)
  if(ARG_MIGRATIONS)
    get_filename_component(migrations ${ARG_MIGRATIONS} ABSOLUTE
                           BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND args --migrations ${migrations})
    # A new migration file re-runs CMake (CONFIGURE_DEPENDS), then codegen.
    file(GLOB_RECURSE migration_files CONFIGURE_DEPENDS ${migrations}/*)
  else()
    list(APPEND args --no-migrations)
  endif()

  set(stamp ${gen_root}/${ARG_TARGET}.codegen.stamp)
  # The header is a byproduct, not the output: Ninja then re-checks its mtime (restat) after
  # the command, and dependents rebuild only when codegen actually rewrote it.
  add_custom_command(
    OUTPUT ${stamp}
    BYPRODUCTS ${gen_root}/${ARG_HEADER}
    COMMAND schemac::schemac ${args}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${schemas} ${migration_files} schemac::schemac
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    COMMENT "schemac codegen: ${ARG_HEADER} for ${ARG_TARGET}"
    VERBATIM)
  add_custom_target(${ARG_TARGET}_schemac_codegen DEPENDS ${stamp})
  add_dependencies(${ARG_TARGET} ${ARG_TARGET}_schemac_codegen)
  target_include_directories(${ARG_TARGET} PRIVATE ${gen_root})
  target_link_libraries(${ARG_TARGET} PRIVATE schemac::runtime)

  if(NOT TARGET db-generate)
    set(dbargs ${schemas})
    set(outargs)
    if(ARG_MIGRATIONS)
      set(outargs --out ${migrations})
    endif()
    add_custom_target(db-generate
      COMMAND schemac::schemac generate ${dbargs} ${outargs}
      WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} USES_TERMINAL VERBATIM
      COMMENT "schemac generate: write the next migration")
    add_custom_target(db-migrate
      COMMAND schemac::schemac migrate ${outargs}
      WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} USES_TERMINAL VERBATIM
      COMMENT "schemac migrate: apply pending migrations")
    add_custom_target(db-push
      COMMAND schemac::schemac push ${dbargs}
      WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} USES_TERMINAL VERBATIM
      COMMENT "schemac push: apply the schema without a migration")
    add_custom_target(db-studio
      COMMAND ${CMAKE_COMMAND} -E echo "schemac studio is not built yet"
      USES_TERMINAL VERBATIM)
  endif()
endfunction()
