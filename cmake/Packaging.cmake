# What `cmake --install` puts where, and the Debian package built from it (scripts/package.sh).
# The version is the project's VERSION: the binary (TETHER_VERSION), the man page and the .deb all
# read it from there.
include(GNUInstallDirs)
install(TARGETS tether RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Debian's place for the licence is the copyright file beside the README.
if(EXISTS ${CMAKE_SOURCE_DIR}/LICENSE)
  install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)
endif()

if(NOT TETHER_FUZZ)
  # The man page and the completions are generated from the CLI's own parser, so they always
  # match --help. Built with the default target; `cmake --install` makes any that are missing.
  set(TETHER_DOCS_DIR ${CMAKE_BINARY_DIR}/docs)
  set(TETHER_DOCS ${TETHER_DOCS_DIR}/tether.1 ${TETHER_DOCS_DIR}/completions/tether
      ${TETHER_DOCS_DIR}/completions/_tether ${TETHER_DOCS_DIR}/completions/tether.fish)
  add_custom_command(OUTPUT ${TETHER_DOCS}
    COMMAND ${CMAKE_COMMAND} -DTETHER_EXE=$<TARGET_FILE:tether> -DTETHER_DOCS_DIR=${TETHER_DOCS_DIR}
            -P ${CMAKE_SOURCE_DIR}/cmake/GenerateDocs.cmake
    DEPENDS tether ${CMAKE_SOURCE_DIR}/cmake/GenerateDocs.cmake
    COMMENT "Generating the man page and shell completions" VERBATIM)
  add_custom_target(manpage ALL DEPENDS ${TETHER_DOCS})
  install(CODE "set(TETHER_EXE \"$<TARGET_FILE:tether>\")
    set(TETHER_DOCS_DIR \"${TETHER_DOCS_DIR}\")
    set(TETHER_DOCS_IF_MISSING ON)")
  install(SCRIPT ${CMAKE_SOURCE_DIR}/cmake/GenerateDocs.cmake)
  install(FILES ${TETHER_DOCS_DIR}/tether.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  # Each shell's vendor directory, as Debian's bash-completion, zsh and fish packages read them.
  install(FILES ${TETHER_DOCS_DIR}/completions/tether
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions)
  install(FILES ${TETHER_DOCS_DIR}/completions/_tether DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/zsh/vendor-completions)
  install(FILES ${TETHER_DOCS_DIR}/completions/tether.fish
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/fish/vendor_completions.d)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tether)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "tether")
set(CPACK_PACKAGE_CONTACT "tether maintainers <tether@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "keep a database honest about its relationships")
set(CPACK_PACKAGE_DESCRIPTION
    "tether checks SQLAlchemy-style YAML models, plans and applies migrations to SQLite and\n"
    "PostgreSQL, keeps versioned migrations and lints them for locks and data loss, and audits\n"
    "live databases and query logs: orphan rows, unindexed foreign keys, missing constraints\n"
    "and N+1 query patterns.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps reads the binary's NEEDED libraries and writes Depends with Debian's own package
# names and minimum versions, so `apt install ./tether_*.deb` pulls exactly those.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client, sqlite3, graphviz")
include(CPack)
