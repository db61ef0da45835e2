//go:build windows

// Command conprobe runs a program as cmd.exe runs a GUI program typed at its
// prompt, and records what the program wrote to the console. It is a test
// helper for .ci/test-wine.sh, never shipped; build it with
//
//	GOOS=windows go build -o conprobe.exe .ci/wine/conprobe.go
//
// Usage: conprobe.exe [-detached] [-stdout FILE] OUT PROGRAM [ARG...]
//
// It makes a console of its own and starts PROGRAM on it with no standard
// handles, as Windows starts a GUI-subsystem program from cmd.exe (or, with
// -stdout, with standard output redirected to FILE and no standard error:
// "verbatim.exe ... > FILE"). With -detached, PROGRAM starts with no console
// (DETACHED_PROCESS), as Windows starts a GUI program, where wine gives it
// the parent's console, so that it has to attach to the parent's. When PROGRAM has ended, it writes to OUT (UTF-8)
// PROGRAM's exit status on the first line, then the text on the console.
// Under wine, a program started from a Unix shell gets the shell's file
// descriptors as its standard handles, GUI subsystem or not, so only such a
// parent shows whether a GUI program finds its console by itself.
package main

import (
	"fmt"
	"os"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	kernel32     = windows.NewLazySystemDLL("kernel32.dll")
	allocConsole = kernel32.NewProc("AllocConsole")
	freeConsole  = kernel32.NewProc("FreeConsole")
	readOutput   = kernel32.NewProc("ReadConsoleOutputCharacterW")
)

func main() {
	args := os.Args[1:]
	var stdout string
	var flags uint32
	for len(args) > 0 {
		if args[0] == "-detached" {
			flags |= windows.DETACHED_PROCESS
			args = args[1:]
		} else if len(args) > 1 && args[0] == "-stdout" {
			stdout, args = args[1], args[2:]
		} else {
			break
		}
	}
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: conprobe [-detached] [-stdout FILE] OUT PROGRAM [ARG...]")
		os.Exit(2)
	}
	if err := run(args[0], stdout, flags, args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "conprobe:", err)
		os.Exit(1)
	}
}

func run(out, stdout string, flags uint32, argv []string) error {
	// A console of its own, whose text it can read back.
	freeConsole.Call()
	if r, _, err := allocConsole.Call(); r == 0 {
		return fmt.Errorf("AllocConsole: %v", err)
	}
	si := &windows.StartupInfo{Flags: windows.STARTF_USESTDHANDLES}
	si.Cb = uint32(unsafe.Sizeof(*si))
	inherit := false
	if stdout != "" {
		name, _ := windows.UTF16PtrFromString(stdout)
		sa := &windows.SecurityAttributes{InheritHandle: 1}
		sa.Length = uint32(unsafe.Sizeof(*sa))
		h, err := windows.CreateFile(name, windows.GENERIC_WRITE, windows.FILE_SHARE_READ, sa,
			windows.CREATE_ALWAYS, windows.FILE_ATTRIBUTE_NORMAL, 0)
		if err != nil {
			return fmt.Errorf("%s: %v", stdout, err)
		}
		defer windows.CloseHandle(h)
		si.StdOutput, inherit = h, true
	}
	cmdline, _ := windows.UTF16PtrFromString(windows.ComposeCommandLine(argv))
	var pi windows.ProcessInformation
	if err := windows.CreateProcess(nil, cmdline, nil, nil, inherit, flags, nil, nil, si, &pi); err != nil {
		return fmt.Errorf("CreateProcess %s: %v", argv[0], err)
	}
	defer windows.CloseHandle(pi.Thread)
	defer windows.CloseHandle(pi.Process)
	if ev, err := windows.WaitForSingleObject(pi.Process, 120_000); ev != windows.WAIT_OBJECT_0 {
		windows.TerminateProcess(pi.Process, 1)
		return fmt.Errorf("%s did not end within 2 minutes (%v)", argv[0], err)
	}
	var code uint32
	windows.GetExitCodeProcess(pi.Process, &code)
	text, err := consoleText()
	if err != nil {
		return err
	}
	return os.WriteFile(out, fmt.Appendf(nil, "%d\n%s", code, text), 0o644)
}

// consoleText is the text on the console's screen buffer, its lines
// without trailing blanks, up to the last line that is not empty.
func consoleText() (string, error) {
	name, _ := windows.UTF16PtrFromString("CONOUT$")
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return "", fmt.Errorf("CONOUT$: %v", err)
	}
	defer windows.CloseHandle(h)
	var info windows.ConsoleScreenBufferInfo
	if err := windows.GetConsoleScreenBufferInfo(h, &info); err != nil {
		return "", fmt.Errorf("GetConsoleScreenBufferInfo: %v", err)
	}
	width := int(info.Size.X)
	var lines []string
	for y := 0; y < int(info.Size.Y); y++ {
		buf := make([]uint16, width)
		var n uint32
		at := uintptr(uint32(y) << 16) // COORD{X: 0, Y: y}, passed by value
		if r, _, err := readOutput.Call(uintptr(h), uintptr(unsafe.Pointer(&buf[0])), uintptr(width), at, uintptr(unsafe.Pointer(&n))); r == 0 {
			return "", fmt.Errorf("ReadConsoleOutputCharacterW: %v", err)
		}
		lines = append(lines, strings.TrimRight(windows.UTF16ToString(buf[:n]), " "))
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n") + "\n", nil
}
