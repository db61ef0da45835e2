package cli

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

func TestCheckDesktop(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("always a desktop")
	}
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	if err := CheckDesktop(env(nil)); !errors.Is(err, ErrNoDesktop) || !strings.Contains(err.Error(), "verbatim help") {
		t.Errorf("without a display: got %v, want ErrNoDesktop pointing to the command line", err)
	}
	for _, vars := range []map[string]string{{"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}} {
		if err := CheckDesktop(env(vars)); err != nil {
			t.Errorf("%v: got %v, want nil", vars, err)
		}
	}
}

func TestWindowFailed(t *testing.T) {
	open := func() (err error) {
		defer WindowFailed(&err)
		panic("NotInitialized: The GLFW library is not initialized")
	}
	if err := open(); !errors.Is(err, ErrNoDesktop) || !strings.Contains(err.Error(), "GLFW") {
		t.Errorf("got %v, want ErrNoDesktop with the toolkit's reason", err)
	}
}
