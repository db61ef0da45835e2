package main

import "strings"

// attachConsole gives a command typed in cmd.exe or PowerShell its output.
// verbatim.exe is built for Windows' GUI subsystem (a double-click opens no
// console window), so Windows gives it no console and a command's output,
// unless redirected, went nowhere. For a command-line command (not the
// window) it attaches to the console of the process that started it and
// reopens standard output, error and input on that console where they are
// not already valid (redirected output and pipes are kept). Elsewhere, and
// on Windows when the command opens the window, it does nothing.
//
// Call it first in main, before anything keeps os.Stdout or os.Stderr.
func attachConsole(args []string) {
	if !opensWindow(args) {
		attachParentConsole()
	}
}

// opensWindow reports whether the command line args open the window, as
// cli.Run reads them: no arguments, "open", or a project file, unless help
// is asked for.
func opensWindow(args []string) bool {
	if len(args) == 0 {
		return true
	}
	if args[0] != "open" && !strings.HasSuffix(args[0], ".verbatim") {
		return false
	}
	for _, a := range args[1:] {
		switch a {
		case "--":
			return true
		case "-h", "-help", "--help":
			return false
		}
	}
	return true
}
