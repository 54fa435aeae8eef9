# Debian packages (CPack DEB), one per role:
#   tongxing-station  stationd, kiosk, ctl; units (service, kiosk session on tty1, nightly backup);
#                     /etc/tongxing/{station,kiosk}.toml; PAM file for the kiosk session
#   tongxing-central  centrald, ctl; units (service, nightly backup); /etc/tongxing/central.toml
# Both: system users (sysusers.d), /var/lib/tongxing and /var/backups/tongxing (tmpfiles.d),
# docs in /usr/share/doc/<package>/. Depends = what dpkg-shlibdeps finds in the binaries plus
# what they run or load at run time (listed below; tests/deploy checks both against ldd).
#
#   cmake --build build && (cd build && cpack -G DEB)      → build/tongxing-{station,central}_*.deb
#
# The two packages conflict: both ship /usr/bin/tongxing-ctl, and one machine has one role.
# Binaries are added when their targets exist, so the packages pick up the kiosk and the central
# server as soon as those are built in the same tree.

set(TX_DEPLOY ${PROJECT_SOURCE_DIR}/deploy)
set(TX_UNITDIR /lib/systemd/system)  # Debian 12 still ships units under /lib (usrmerge moratorium)

# ------------------------------------------------------------------------------- station
foreach(bin tongxing-stationd tongxing-ctl tongxing-kiosk)
  if(TARGET ${bin})
    install(TARGETS ${bin} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT station)
  endif()
endforeach()
if(TARGET tongxing-kiosk AND EXISTS ${PROJECT_SOURCE_DIR}/assets)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/tongxing/assets
          COMPONENT station)
endif()
if(EXISTS ${PROJECT_SOURCE_DIR}/voices)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/voices/ DESTINATION ${CMAKE_INSTALL_DATADIR}/tongxing/voices
          COMPONENT station)
endif()
install(FILES
  ${TX_DEPLOY}/systemd/tongxing-stationd.service
  ${TX_DEPLOY}/systemd/tongxing-kiosk.service
  ${TX_DEPLOY}/systemd/tongxing-station-backup.service
  ${TX_DEPLOY}/systemd/tongxing-station-backup.timer
  DESTINATION ${TX_UNITDIR} COMPONENT station)
install(FILES ${TX_DEPLOY}/sysusers/tongxing-station.conf DESTINATION /usr/lib/sysusers.d COMPONENT station)
install(FILES ${TX_DEPLOY}/tmpfiles/tongxing.conf DESTINATION /usr/lib/tmpfiles.d
        RENAME tongxing-station.conf COMPONENT station)
install(FILES ${TX_DEPLOY}/station.example.toml DESTINATION /etc/tongxing RENAME station.toml COMPONENT station)
install(FILES ${TX_DEPLOY}/kiosk.example.toml DESTINATION /etc/tongxing RENAME kiosk.toml COMPONENT station)
install(FILES ${TX_DEPLOY}/pam/tongxing-kiosk DESTINATION /etc/pam.d COMPONENT station)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/install-station.md
        ${PROJECT_SOURCE_DIR}/docs/operations.md ${PROJECT_SOURCE_DIR}/docs/troubleshooting.md
        ${PROJECT_SOURCE_DIR}/docs/api.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tongxing-station COMPONENT station)
install(FILES ${TX_DEPLOY}/station.example.toml ${TX_DEPLOY}/kiosk.example.toml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tongxing-station/examples COMPONENT station)

# ------------------------------------------------------------------------------- central
foreach(bin tongxing-centrald tongxing-ctl)
  if(TARGET ${bin})
    install(TARGETS ${bin} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT central)
  endif()
endforeach()
install(FILES
  ${TX_DEPLOY}/systemd/tongxing-centrald.service
  ${TX_DEPLOY}/systemd/tongxing-central-backup.service
  ${TX_DEPLOY}/systemd/tongxing-central-backup.timer
  DESTINATION ${TX_UNITDIR} COMPONENT central)
install(FILES ${TX_DEPLOY}/sysusers/tongxing-central.conf DESTINATION /usr/lib/sysusers.d COMPONENT central)
install(FILES ${TX_DEPLOY}/tmpfiles/tongxing.conf DESTINATION /usr/lib/tmpfiles.d
        RENAME tongxing-central.conf COMPONENT central)
install(FILES ${TX_DEPLOY}/central.example.toml DESTINATION /etc/tongxing RENAME central.toml COMPONENT central)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/install-central.md
        ${PROJECT_SOURCE_DIR}/docs/operations.md ${PROJECT_SOURCE_DIR}/docs/troubleshooting.md
        ${PROJECT_SOURCE_DIR}/docs/console.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tongxing-central COMPONENT central)
install(FILES ${TX_DEPLOY}/central.example.toml ${TX_DEPLOY}/nginx/tongxing-central.conf
        ${TX_DEPLOY}/grafana/tongxing-central.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tongxing-central/examples COMPONENT central)
# The web console's files (/usr/share/tongxing/console) are installed by web/console/CMakeLists.txt.

# ------------------------------------------------------------------------------- CPack
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tongxing)
set(CPACK_PACKAGE_VENDOR "Tongxing project")
set(CPACK_PACKAGE_CONTACT "Tongxing maintainers <tongxing@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # ship stripped binaries; the build tree keeps the debug info
set(CPACK_COMPONENTS_ALL station central)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # tongxing-station_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)  # quick to build; the packages are small once stripped
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "file:///usr/share/doc/tongxing-station/README.md")

set(CPACK_DEBIAN_STATION_PACKAGE_NAME tongxing-station)
set(CPACK_COMPONENT_STATION_DESCRIPTION
  "Tongxing station: accessible kiosk and local service for disability service stations\n\
 The station service (tongxing-stationd) answers kiosks and staff terminals from its own\n\
 SQLite database and syncs to the central server in batches. The kiosk (tongxing-kiosk) runs\n\
 full-screen under cage on tty1 after every boot. Includes tongxing-ctl, a nightly backup timer\n\
 and the default configuration in /etc/tongxing.")
# Run-time needs the linker cannot see: the compositor, the kiosk's fonts, voices and GL drivers,
# systemd for users/directories/units, util-linux for setterm (screen blanking off).
set(CPACK_DEBIAN_STATION_PACKAGE_DEPENDS
  "systemd (>= 247), util-linux, cage, fonts-noto-cjk, espeak-ng-data, libegl1, libegl-mesa0, libgl1-mesa-dri")
set(CPACK_DEBIAN_STATION_PACKAGE_RECOMMENDS "sqlite3")
set(CPACK_DEBIAN_STATION_PACKAGE_CONFLICTS tongxing-central)
set(CPACK_DEBIAN_STATION_PACKAGE_CONTROL_EXTRA
  "${TX_DEPLOY}/debian/station/conffiles;${TX_DEPLOY}/debian/station/postinst;${TX_DEPLOY}/debian/station/prerm;${TX_DEPLOY}/debian/station/postrm")

set(CPACK_DEBIAN_CENTRAL_PACKAGE_NAME tongxing-central)
set(CPACK_COMPONENT_CENTRAL_DESCRIPTION
  "Tongxing central server for a city's disability service stations\n\
 tongxing-centrald receives the stations' batches (idempotent, keyed by station and sequence),\n\
 serves job listings, subsidy decisions and assessment capacity to them, and lets administrators\n\
 enrol stations and watch their sync. SQLite by default, PostgreSQL for larger cities. Includes\n\
 tongxing-ctl, a nightly backup timer and the default configuration in /etc/tongxing.")
set(CPACK_DEBIAN_CENTRAL_PACKAGE_DEPENDS "systemd (>= 247)")
set(CPACK_DEBIAN_CENTRAL_PACKAGE_RECOMMENDS "sqlite3")
set(CPACK_DEBIAN_CENTRAL_PACKAGE_SUGGESTS "postgresql, nginx")
set(CPACK_DEBIAN_CENTRAL_PACKAGE_CONFLICTS tongxing-station)
set(CPACK_DEBIAN_CENTRAL_PACKAGE_CONTROL_EXTRA
  "${TX_DEPLOY}/debian/central/conffiles;${TX_DEPLOY}/debian/central/postinst;${TX_DEPLOY}/debian/central/prerm;${TX_DEPLOY}/debian/central/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
cpack_add_component(station DISPLAY_NAME "Station (service, kiosk, tools)")
cpack_add_component(central DISPLAY_NAME "Central server and tools")
