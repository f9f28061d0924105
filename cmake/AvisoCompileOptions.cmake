# Warning and sanitizer flags shared by every target of the project.
# aviso_target_options(<target>) applies them; third-party code is not affected.
set(AVISO_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
if(AVISO_WERROR)
  list(APPEND AVISO_WARNING_FLAGS -Werror)
  # GCC 12 at -O3 (Release) reports -Wrestrict (its bug 105329) and -Wnull-dereference inside
  # libstdc++'s std::string for plain string code: kept as warnings there, so a Release build
  # with AVISO_WERROR works. Other build types keep the flags they had.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    list(APPEND AVISO_WARNING_FLAGS $<$<CONFIG:Release>:-Wno-error=restrict>
         $<$<CONFIG:Release>:-Wno-error=null-dereference>)
  endif()
endif()

if(AVISO_SANITIZE)
  set(AVISO_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer)
  add_compile_options(${AVISO_SANITIZER_FLAGS})
  add_link_options(${AVISO_SANITIZER_FLAGS})
endif()

if(AVISO_FUZZ)
  # Every library layer gets coverage instrumentation; fuzz/ links the libFuzzer driver itself.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

function(aviso_target_options target)
  target_compile_options(${target} PRIVATE ${AVISO_WARNING_FLAGS})
endfunction()
