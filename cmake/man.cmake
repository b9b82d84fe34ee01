# man.cmake - the man pages, made at build time from the Markdown pages
# (docs/presscut.1.md -> presscut.1, docs/cmd/NAME.md -> presscut-NAME.1)
# with Debian's lowdown, through cmake/md2man.py; installed in
# ${CMAKE_INSTALL_MANDIR}/man1.  The Markdown is the only source.
option(PC_MAN "Make and install the man pages (needs lowdown)" ON)
if(NOT PC_MAN)
  return()
endif()
find_program(LOWDOWN lowdown)
find_program(PC_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT LOWDOWN OR NOT PC_PYTHON3)
  message(FATAL_ERROR "lowdown or python3 missing: scripts/install-deps.sh "
                      "installs them (or configure with -DPC_MAN=OFF)")
endif()
# The date on the pages: SOURCE_DATE_EPOCH when set (reproducible builds).
string(TIMESTAMP PC_MAN_DATE "%Y-%m-%d" UTC)
file(GLOB PC_MAN_CMDS CONFIGURE_DEPENDS RELATIVE ${CMAKE_SOURCE_DIR}/docs/cmd
     ${CMAKE_SOURCE_DIR}/docs/cmd/*.md)
set(PC_MAN_SRCS docs/presscut.1.md)
set(PC_MAN_NAMES presscut)
foreach(md ${PC_MAN_CMDS})
  string(REGEX REPLACE "\\.md$" "" cmd ${md})
  list(APPEND PC_MAN_SRCS docs/cmd/${md})
  list(APPEND PC_MAN_NAMES presscut-${cmd})
endforeach()
set(PC_MAN_PAGES "")
foreach(src name IN ZIP_LISTS PC_MAN_SRCS PC_MAN_NAMES)
  set(out ${CMAKE_BINARY_DIR}/man/${name}.1)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND ${PC_PYTHON3} ${CMAKE_SOURCE_DIR}/cmake/md2man.py ${LOWDOWN}
            ${CMAKE_SOURCE_DIR}/${src} ${out} ${name} ${PROJECT_VERSION}
            ${PC_MAN_DATE}
    DEPENDS ${CMAKE_SOURCE_DIR}/${src} ${CMAKE_SOURCE_DIR}/cmake/md2man.py
    COMMENT "Man page ${name}.1" VERBATIM)
  list(APPEND PC_MAN_PAGES ${out})
endforeach()
add_custom_target(man ALL DEPENDS ${PC_MAN_PAGES})
install(FILES ${PC_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
