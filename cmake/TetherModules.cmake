# The module map: one static library per lib/ folder, each linking exactly the folders it uses
# (PUBLIC, so their headers come along) and the vendor libraries it wraps (PRIVATE). The same
# declarations feed cmake/CheckModuleMap.cmake, which fails the build when a file includes a
# folder or a vendor header its module does not declare, so the map cannot silently drift.

set(TETHER_MODULE_MAP "" CACHE INTERNAL "")
set(TETHER_MODULES "" CACHE INTERNAL "")

# tether_module(<folder under lib/> [DEPS folder…] [VENDOR target…] [HEADERS header-prefix…])
#   HEADERS names the vendor headers (as written in #include <…>) the folder may include.
function(tether_module dir)
  cmake_parse_arguments(M "" "" "DEPS;VENDOR;HEADERS" ${ARGN})
  string(REPLACE "/" "_" target "tether_${dir}")
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/lib/${dir}/*.cpp)
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/lib)
  foreach(dep ${M_DEPS})
    string(REPLACE "/" "_" dep_target "tether_${dep}")
    target_link_libraries(${target} PUBLIC ${dep_target})
  endforeach()
  if(M_VENDOR)
    target_link_libraries(${target} PRIVATE ${M_VENDOR})
  endif()
  string(REPLACE ";" "," deps "${M_DEPS}")
  string(REPLACE ";" "," headers "${M_HEADERS}")
  set(TETHER_MODULE_MAP "${TETHER_MODULE_MAP}${dir}|${deps}|${headers}\n" CACHE INTERNAL "")
  set(TETHER_MODULES ${TETHER_MODULES} ${target} CACHE INTERNAL "")
endfunction()
