# Writes the man page and the shell completions by asking the built tether itself, so they always
# match its parser. Run as a build step (cmake -P) and again by `cmake --install` for whatever a
# partial build (`--target tether`) left out.
#   TETHER_EXE       the built binary
#   TETHER_DOCS_DIR  where to write: tether.1, completions/{tether,_tether,tether.fish}
#   TETHER_DOCS_IF_MISSING  ON: keep files that are already there
foreach(pair "tether.1;help;man" "completions/tether;help;completions;bash"
             "completions/_tether;help;completions;zsh" "completions/tether.fish;help;completions;fish")
  list(POP_FRONT pair file)
  set(out "${TETHER_DOCS_DIR}/${file}")
  if(TETHER_DOCS_IF_MISSING AND EXISTS "${out}")
    continue()
  endif()
  get_filename_component(dir "${out}" DIRECTORY)
  file(MAKE_DIRECTORY "${dir}")
  execute_process(COMMAND "${TETHER_EXE}" ${pair} OUTPUT_FILE "${out}.tmp" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    file(REMOVE "${out}.tmp")
    message(FATAL_ERROR "`tether ${pair}` failed (${rc}): cannot write ${out}")
  endif()
  file(RENAME "${out}.tmp" "${out}")
endforeach()
