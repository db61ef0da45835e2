; Verbatim's Windows installer (NSIS 3; .ci/dist.sh runs makensis with the defines below).
; It installs for the current user, without administrator rights, into
; %LocalAppData%\Programs\Verbatim, adds a Start menu entry, opens .verbatim files with
; Verbatim and registers an uninstaller in Settings > Apps. /S installs or uninstalls silently.
;   -DVERSION=the version   -DSRCDIR=the folder with verbatim.exe and the text files
;   -DICON=verbatim.ico     -DOUTFILE=the installer to write
Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define APPNAME "Verbatim"
!define PROGID "Verbatim.Project"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Verbatim"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
Icon "${ICON}"
UninstallIcon "${ICON}"
InstallDir "$LOCALAPPDATA\Programs\Verbatim"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
ShowInstDetails nevershow
ShowUninstDetails nevershow

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "Verbatim"
	SetOutPath "$INSTDIR"
	File "${SRCDIR}\verbatim.exe"
	File "${SRCDIR}\README.txt"
	File "${SRCDIR}\LICENSES.txt"
	File "${SRCDIR}\verbatim.spdx.json"
	WriteUninstaller "$INSTDIR\uninstall.exe"

	CreateShortcut "$SMPROGRAMS\Verbatim.lnk" "$INSTDIR\verbatim.exe" "" "$INSTDIR\verbatim.exe" 0

	; .verbatim files open with Verbatim.
	WriteRegStr HKCU "Software\Classes\.verbatim" "" "${PROGID}"
	WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Verbatim project"
	WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\verbatim.exe",0'
	WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\verbatim.exe" "%1"'

	WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
	WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "The Verbatim developers"
	WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" '"$INSTDIR\verbatim.exe",0'
	WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
	WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
	WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
	WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
	; Tell Explorer that file associations changed (SHCNE_ASSOCCHANGED).
	System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
	Delete "$INSTDIR\verbatim.exe"
	Delete "$INSTDIR\README.txt"
	Delete "$INSTDIR\LICENSES.txt"
	Delete "$INSTDIR\verbatim.spdx.json"
	Delete "$INSTDIR\uninstall.exe"
	RMDir "$INSTDIR"
	Delete "$SMPROGRAMS\Verbatim.lnk"
	; Only the association this installer made: another program may have taken .verbatim since.
	ReadRegStr $0 HKCU "Software\Classes\.verbatim" ""
	StrCmp $0 "${PROGID}" 0 +2
	DeleteRegKey HKCU "Software\Classes\.verbatim"
	DeleteRegKey HKCU "Software\Classes\${PROGID}"
	DeleteRegKey HKCU "${UNINSTKEY}"
	System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
