package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestVersionFromLdflags builds the binary as a release is built, with the
// version given to the linker, and asks it for its version.
func TestVersionFromLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "verbatim")
	build := exec.Command("go", "build", "-ldflags", "-X main.Version=9.8.7-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "--version")
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	out, err := cmd.Output()
	if err != nil || string(out) != "verbatim 9.8.7-test\n" {
		t.Errorf("verbatim --version: %q, %v; want %q", out, err, "verbatim 9.8.7-test\n")
	}
}
