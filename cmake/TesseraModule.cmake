# One static library per core/ui module folder. Every .cpp in the folder
# belongs to the module, so adding a class never touches a shared build file.
# PRIVATE_DEPENDS are libraries only the module's .cpp files see (Boost,
# GDAL, GLPK, SQLite), which keeps them out of everyone else's includes.
function(tessera_module name)
  cmake_parse_arguments(ARG "" "" "DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  file(GLOB _sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp")
  file(GLOB _headers CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.h")
  if(_sources)
    add_library(${name} STATIC ${_sources} ${_headers})
    target_link_libraries(${name} PUBLIC ${ARG_DEPENDS} PRIVATE ${ARG_PRIVATE_DEPENDS})
    set(_scope PUBLIC)
  else()
    add_library(${name} INTERFACE)
    target_link_libraries(${name} INTERFACE ${ARG_DEPENDS} ${ARG_PRIVATE_DEPENDS})
    set(_scope INTERFACE)
  endif()
  target_include_directories(${name} ${_scope} "${PROJECT_SOURCE_DIR}")
  target_compile_features(${name} ${_scope} cxx_std_20)
endfunction()
