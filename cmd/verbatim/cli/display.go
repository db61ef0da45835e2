package cli

import (
	"errors"
	"fmt"
	"runtime"
)

// ErrNoDesktop says the window cannot open: there is no desktop session.
var ErrNoDesktop = errors.New("the window needs a desktop session")

// useCommandLine is the advice that follows ErrNoDesktop.
const useCommandLine = "the command line works without one: 'verbatim help' lists its commands"

// CheckDesktop says whether a window can open, from the environment
// (getenv is os.Getenv): on Linux and the BSDs the window needs an X11 or
// Wayland display, which DISPLAY or WAYLAND_DISPLAY names. Windows and macOS
// always have one.
func CheckDesktop(getenv func(string) string) error {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android":
		return nil
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return fmt.Errorf("%w, and none was found (DISPLAY and WAYLAND_DISPLAY are not set); %s", ErrNoDesktop, useCommandLine)
	}
	return nil
}

// WindowFailed turns a panic of the GUI toolkit that could not reach the
// display (a DISPLAY naming no running display, say) into ErrNoDesktop.
// Call it deferred around opening the window, with the error to set.
func WindowFailed(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w, and the window could not open (%v); %s", ErrNoDesktop, r, useCommandLine)
	}
}
