# Install rules: `cmake --install` gives find_package(aviso CONFIG) with target aviso::aviso
# (every layer library exported), the public headers and a pkg-config file aviso.pc.
#
# Included at the end of the top-level directory (deferred from src/client/CMakeLists.txt), when
# every layer target exists.
include(CMakePackageConfigHelpers)

# Dependents before their dependencies, the order a static link line needs.
set(_aviso_link_order client supervisor watch trigger config auth template state sse http core)
set(_aviso_installed "")
set(_aviso_pc_libs "")
foreach(layer IN LISTS _aviso_link_order)
  if(TARGET aviso_${layer})
    list(APPEND _aviso_installed aviso_${layer})
    string(APPEND _aviso_pc_libs " -laviso_${layer}")
  endif()
endforeach()

install(TARGETS aviso ${_aviso_installed}
        EXPORT avisoTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/aviso DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT avisoTargets
        NAMESPACE aviso::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/aviso)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/avisoConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/avisoConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/aviso)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/avisoConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION}
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/avisoConfig.cmake ${PROJECT_BINARY_DIR}/avisoConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/aviso)

set(AVISO_PC_LIBS "${_aviso_pc_libs}")
# From <libdir>/pkgconfig back to the prefix ("../.." for lib, "../../.." for lib/<triplet>).
file(RELATIVE_PATH AVISO_PC_PREFIX_FROM_PCDIR "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" AVISO_PC_PREFIX_FROM_PCDIR "${AVISO_PC_PREFIX_FROM_PCDIR}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/aviso.pc.in ${PROJECT_BINARY_DIR}/aviso.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/aviso.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
