package main

import (
	"log"
	"os"

	"golang.org/x/sys/windows"
)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = ^uintptr(0) & 0xFFFFFFFF

// attachParentConsole attaches the process to its parent's console, if it
// has one, and reopens on it the standard handles that are not valid: a GUI
// program started from cmd.exe has none, while one whose output is
// redirected to a file or a pipe keeps that file or pipe. Started from
// Explorer or a shortcut there is no parent console, and nothing changes.
func attachParentConsole() {
	std := []struct {
		id    uint32
		name  string // the console device to reopen it on
		file  **os.File
		label string
	}{
		{windows.STD_INPUT_HANDLE, "CONIN$", &os.Stdin, "/dev/stdin"},
		{windows.STD_OUTPUT_HANDLE, "CONOUT$", &os.Stdout, "/dev/stdout"},
		{windows.STD_ERROR_HANDLE, "CONOUT$", &os.Stderr, "/dev/stderr"},
	}
	var missing []int
	for i, s := range std {
		if !validHandle(s.id) {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return
	}
	// x/sys/windows has no AttachConsole. It fails with ERROR_ACCESS_DENIED
	// when the process has a console already (wine gives a GUI program its
	// parent's), which CONOUT$ then opens; with no console to attach to
	// (started from Explorer), opening CONOUT$ fails and nothing changes.
	if r, _, err := procAttachConsole.Call(attachParentProcess); r == 0 && err != windows.ERROR_ACCESS_DENIED {
		return
	}
	for _, i := range missing {
		s := std[i]
		name, err := windows.UTF16PtrFromString(s.name)
		if err != nil {
			continue
		}
		h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE,
			windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
		if err != nil {
			continue
		}
		// For the C code and child processes too; os.NewFile sees a
		// console handle and writes UTF-16 to it, so non-ASCII names show.
		windows.SetStdHandle(s.id, h)
		*s.file = os.NewFile(uintptr(h), s.label)
	}
	// The log package (which Fyne logs with) took os.Stderr at start.
	log.SetOutput(os.Stderr)
}

// validHandle reports whether the standard handle id refers to something:
// a console, a file or a pipe. A GUI program started from a console has
// either no handle or a stale one.
func validHandle(id uint32) bool {
	h, err := windows.GetStdHandle(id)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	_, err = windows.GetFileType(h)
	return err == nil
}
