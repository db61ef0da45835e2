package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealBinary builds the real binary and checks what a script sees: help
// on stdout and nothing on stderr, and an error as exactly one line on stderr
// with exit status 1, also under LANG=C.UTF-8, where Fyne would otherwise
// log locale errors before main runs.
func TestRealBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "verbatim")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, lang := range []string{"C.UTF-8", "C", "en_US.UTF-8", "nl_NL.UTF-8", ""} {
		t.Run("LANG="+lang, func(t *testing.T) {
			env := []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "LANG=" + lang}
			cmd := exec.Command(bin, "help")
			cmd.Env = env
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil || !strings.Contains(string(out), "verbatim new FILE.verbatim") || stderr.Len() != 0 {
				t.Errorf("help: %v, stdout %d bytes, stderr %q", err, len(out), stderr.String())
			}
			cmd = exec.Command(bin, "docs", filepath.Join(t.TempDir(), "missing.verbatim"))
			cmd.Env = env
			stderr.Reset()
			cmd.Stderr = &stderr
			err = cmd.Run()
			code := -1
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			if code != 1 || strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), "no such file") {
				t.Errorf("docs on a missing file: exit %d, stderr %q; want exit 1 and one line", code, stderr.String())
			}
		})
	}
}
