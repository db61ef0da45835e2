package main

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/cmd/verbatim/cli"
)

// TestEveryCommand checks that the page has an entry for every command of
// "verbatim help", and, where man is installed, that it formats without
// warnings.
func TestEveryCommand(t *testing.T) {
	var help bytes.Buffer
	cli.Run(context.Background(), cli.Env{Stdout: &help, Stderr: &help}, []string{"help"})
	var page bytes.Buffer
	if err := write(&page, help.String(), "1.2.3", "2026-12-01"); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(help.String(), "\n") {
		if strings.HasPrefix(line, "  verbatim ") {
			n++
			want := ".B " + roff(strings.TrimSpace(line)) + "\n"
			if !strings.Contains(page.String(), want) {
				t.Errorf("the page lacks %q", want)
			}
		}
	}
	if n < 10 {
		t.Fatalf("verbatim help listed %d commands:\n%s", n, help.String())
	}
	if !strings.Contains(page.String(), `.TH VERBATIM 1 "2026-12-01" "Verbatim 1.2.3"`) {
		t.Errorf("no title line with the version:\n%s", page.String()[:200])
	}
	if _, err := exec.LookPath("man"); err != nil {
		t.Skip("man is not installed")
	}
	cmd := exec.Command("man", "--warnings", "-l", "-")
	cmd.Stdin = &page
	cmd.Env = append(cmd.Environ(), "MANWIDTH=80", "MAN_KEEP_FORMATTING=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("man -l: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(string(out), "code every hit of a search") {
		t.Errorf("the formatted page lacks the autocode command's description:\n%s", out)
	}
}
