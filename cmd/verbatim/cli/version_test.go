package cli

import (
	"slices"
	"testing"
)

func TestVersion(t *testing.T) {
	env, _ := testEnv(t)
	env.Version = "1.2.3"
	for _, arg := range []string{"--version", "version"} {
		if out := mustRun(t, env, arg); out != "verbatim 1.2.3\n" {
			t.Errorf("verbatim %s printed %q, want %q", arg, out, "verbatim 1.2.3\n")
		}
	}
	env.Version = ""
	if out := mustRun(t, env, "--version"); out != "verbatim dev\n" {
		t.Errorf("with no version set: %q, want %q", out, "verbatim dev\n")
	}
}

func TestRecentProjectsForTheWindow(t *testing.T) {
	env, _ := testEnv(t)
	if got := RecentProjects(env.DataDir); len(got) != 0 {
		t.Errorf("before any: %q", got)
	}
	for _, p := range []string{"/a.verbatim", "/b.verbatim", "/a.verbatim"} {
		if err := RememberProject(env.DataDir, p); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := RecentProjects(env.DataDir), []string{"/a.verbatim", "/b.verbatim"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q (newest first, each once)", got, want)
	}
}
