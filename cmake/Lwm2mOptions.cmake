# Compile options shared by the portable core (DESIGN.md: no exceptions, no RTTI).
add_library(lwm2m_core_options INTERFACE)
target_compile_options(lwm2m_core_options INTERFACE
  -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion
  $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions -fno-rtti>)
target_include_directories(lwm2m_core_options INTERFACE ${PROJECT_SOURCE_DIR})

if(LWM2M_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

if(LWM2M_BUILD_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# A portable-core library: sources in the calling directory's list, linked to
# the core options, and recorded so lwm2m_all can pull every module in.
function(lwm2m_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC lwm2m_core_options ${ARG_DEPS})
  set_property(GLOBAL APPEND PROPERTY LWM2M_MODULES ${name})
endfunction()
