package cli

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestEveryCommandAnswersHelp checks that every command, and every two-word
// form, answers --help with its flags, which is how Commands finds them.
func TestEveryCommandAnswersHelp(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range commands {
		var probes [][]string
		if c.name != "code" { // "code" is only its two-word forms
			probes = append(probes, []string{"--help"})
		}
		for _, s := range subcommands {
			if first, second, _ := strings.Cut(s.name, " "); first == c.name {
				probes = append(probes, []string{second, "--help"})
			}
		}
		for _, args := range probes {
			err := c.run(ctx, Env{Stdout: io.Discard, Stderr: io.Discard}, args)
			var help helpRequest
			if !errors.As(err, &help) || help.fs == nil {
				t.Errorf("verbatim %s %s: got %v, want a help request with the flags", c.name, strings.Join(args, " "), err)
			}
		}
	}
}

func TestHelpListsEveryFlag(t *testing.T) {
	env, _ := testEnv(t)
	out := mustRun(t, env, "help")
	// Each command's block: its line, then its flags.
	blocks := map[string]string{}
	var current string
	for _, line := range strings.Split(out, "\n") {
		if name, ok := strings.CutPrefix(line, "  verbatim "); ok {
			current = name
		}
		blocks[current] += line + "\n"
	}
	usages := Commands()
	if len(usages) < len(commands)+len(subcommands) {
		t.Fatalf("Commands lists %d, want at least %d", len(usages), len(commands)+len(subcommands))
	}
	flags := 0
	for _, u := range usages {
		block := blocks[strings.TrimSpace(u.Name+" "+u.Synopsis)]
		if block == "" {
			t.Errorf("help does not list %q", u.Name)
			continue
		}
		for _, f := range u.Flags {
			flags++
			if !strings.Contains(block, "--"+f.Name+" ") || !strings.Contains(block, f.Usage) {
				t.Errorf("help for %s does not list --%s (%s):\n%s", u.Name, f.Name, f.Usage, block)
			}
		}
	}
	if flags < 50 {
		t.Errorf("help lists %d flags; every command's flags should be there", flags)
	}
	for _, want := range []string{"--limit N", "--offset N", "--lang TEXT", "--parent TEXT", "--json", "verbatim --version"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

func TestCommandHelp(t *testing.T) {
	env, _ := testEnv(t)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"search", "--help"}, []string{"usage: verbatim search FILE.verbatim QUERY", "--limit N", "--offset N", "--json"}},
		{[]string{"search", "x.verbatim", "word", "-h"}, []string{"usage: verbatim search", "--limit N"}},
		{[]string{"code", "add", "--help"}, []string{"usage: verbatim code add FILE.verbatim NAME", "--parent TEXT", "--color TEXT"}},
		{[]string{"code", "--help"}, []string{"usage: verbatim code ", "verbatim code add", "verbatim code apply", "--range TEXT"}},
		{[]string{"speakers", "split", "--help"}, []string{"usage: verbatim speakers split", "--turns TEXT", "--as TEXT"}},
		{[]string{"undo", "--help"}, []string{"usage: verbatim undo FILE.verbatim"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := run(t, env, tt.args...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("lacks %q:\n%s", w, out)
				}
			}
			// "verbatim help COMMAND" prints the same.
			var which []string
			for _, a := range tt.args {
				if a == "--help" || a == "-h" || strings.Contains(a, ".") {
					break
				}
				which = append(which, a)
			}
			if tt.args[1] == "x.verbatim" {
				which = tt.args[:1]
			}
			if got := mustRun(t, env, append([]string{"help"}, which...)...); got != out {
				t.Errorf("verbatim help %s differs:\n%s\nfrom --help:\n%s", strings.Join(which, " "), got, out)
			}
		})
	}
	if code, _, errOut := run(t, env, "help", "frobnicate"); code != 2 || !strings.Contains(errOut, `no command "frobnicate"`) {
		t.Errorf("help on an unknown command: exit %d, %q", code, errOut)
	}
}
