# The Debian package (`make package`; the test integration.package builds it from the build it
# runs in): CPack's DEB generator over the install rules below. docs/operations.md ("Debian
# package") lists what it holds, and the test compares that list with `dpkg-deb --contents`.
#
# The destinations are relative to "/" (CPACK_PACKAGING_INSTALL_PREFIX): the package holds
# /usr/bin, /etc and /lib/systemd, which one install prefix cannot all be under.

set(PACTUM_DEB_RELEASE 1)  # the Debian revision: 0.1.0-1
set(PACTUM_DEB_VERSION "${PROJECT_VERSION}-${PACTUM_DEB_RELEASE}")
set(PACTUM_DEB_MAINTAINER "Pactum maintainers <maintainers@pactum.example>")

# The changelog's latest entry must be this package's version: a version bump needs an entry.
file(STRINGS ${PROJECT_SOURCE_DIR}/packaging/changelog changelog_head LIMIT_COUNT 1)
if(NOT changelog_head MATCHES "^pactum \\(${PACTUM_DEB_VERSION}\\) ")
  message(FATAL_ERROR "packaging/changelog: the latest entry is \"${changelog_head}\", "
                      "not version ${PACTUM_DEB_VERSION}: add an entry for it")
endif()

# Documentation as Debian wants it: compressed with gzip -9n (no name or time stamp in the header,
# so the same input gives the same bytes).
set(packaging_out ${PROJECT_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${packaging_out})
foreach(pair "changelog;changelog.Debian.gz" "pactum.1;pactum.1.gz")
  list(GET pair 0 source)
  list(GET pair 1 target)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               ${PROJECT_SOURCE_DIR}/packaging/${source})
  execute_process(COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/packaging/${source}
                  OUTPUT_FILE ${packaging_out}/${target} COMMAND_ERROR_IS_FATAL ANY)
endforeach()
file(WRITE ${packaging_out}/conffiles "/etc/pactum/pactum.yaml\n")

# `cpack` installs what is built; it must not build every test first (the `all` target).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)
set(read_only OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(TARGETS pactum RUNTIME DESTINATION usr/bin)
install(FILES packaging/pactum.service DESTINATION lib/systemd/system PERMISSIONS ${read_only})
install(FILES packaging/pactum.yaml DESTINATION etc/pactum PERMISSIONS ${read_only})
install(FILES examples/cooperation-plan.yaml DESTINATION usr/share/pactum
        PERMISSIONS ${read_only})
install(FILES packaging/copyright ${packaging_out}/changelog.Debian.gz
        DESTINATION usr/share/doc/pactum PERMISSIONS ${read_only})
install(FILES ${packaging_out}/pactum.1.gz DESTINATION usr/share/man/man1
        PERMISSIONS ${read_only})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pactum)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE ${PACTUM_DEB_RELEASE})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # pactum_0.1.0-1_amd64.deb
set(CPACK_PACKAGING_INSTALL_PREFIX /)
set(CPACK_STRIP_FILES ON)  # also the debug build's binary, when the test packages that
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${PACTUM_DEB_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "emergency-plan server for two cooperating organisations")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Pactum runs the emergency plan that two organisations sign with their
cooperation agreement: who must report to whom and when, which response
level applies, escalations by email and group robots, drills, trainings,
the emergency fund and backups. Every record is appended to a hash-chained
log that either party can verify without trusting the other.
.
This package holds the pactum server and command line, a systemd service
running it as the pactum user, its settings in /etc/pactum and an example
plan.")
# The libraries the binary links (dpkg-shlibdeps), tzdata for the plan's time zones, adduser for
# the maintainer scripts.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${packaging_out}/conffiles
    ${PROJECT_SOURCE_DIR}/packaging/postinst
    ${PROJECT_SOURCE_DIR}/packaging/prerm
    ${PROJECT_SOURCE_DIR}/packaging/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
