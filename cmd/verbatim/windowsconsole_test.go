package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"codeberg.org/verbatim/verbatim/cmd/verbatim/cli"
	"codeberg.org/verbatim/verbatim/model"
)

// TestOpensWindow checks opensWindow against the command line itself: for
// each argument list, the window opens (cli.Run calls OpenGUI) exactly when
// opensWindow says so, so the Windows console is attached for every
// command that prints and for none that opens the window.
func TestOpensWindow(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.verbatim")
	env := cli.Env{Stdout: io.Discard, Stderr: io.Discard, DataDir: filepath.Join(dir, "data"), CacheDir: t.TempDir()}
	if code := cli.Run(context.Background(), env, []string{"new", proj}); code != 0 {
		t.Fatalf("new: exit %d", code)
	}
	for _, args := range [][]string{
		{},
		{"open"},
		{"open", proj},
		{proj},
		{"open", "--", proj},
		{"open", "--help"},
		{proj, "-h"},
		{"open", "-help"},
		{"--version"},
		{"version"},
		{"help"},
		{"help", "open"},
		{"docs", proj},
		{"search", proj, "x"},
		{"codes", proj, "--json"},
		{"nosuchcommand"},
	} {
		opened := false
		env.OpenGUI = func(*model.Project) error { opened = true; return nil }
		cli.Run(context.Background(), env, args)
		if got := opensWindow(args); got != opened {
			t.Errorf("opensWindow(%q) = %v, but the command line opened the window: %v", args, got, opened)
		}
	}
}
