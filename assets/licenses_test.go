package assets

import (
	"os"
	"strings"
	"testing"
)

// goModRequires reads the modules go.mod requires, direct and indirect,
// as "path version".
func goModRequires(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	block := false
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "//")
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "require" && f[1] == "(":
			block = true
		case block && len(f) == 1 && f[0] == ")":
			block = false
		case block && len(f) == 2:
			out = append(out, f[0]+" "+f[1])
		case !block && len(f) == 3 && f[0] == "require":
			out = append(out, f[1]+" "+f[2])
		}
	}
	return out
}

// TestLicensesFollowGoMod fails when go.mod changed and licenses.json was
// not written again: run "go generate ./assets".
func TestLicensesFollowGoMod(t *testing.T) {
	listed := map[string]License{}
	for _, l := range Licenses() {
		if l.Version != "" {
			listed[l.Module+" "+l.Version] = l
		}
		if l.License == "" || len(l.Text) < 100 {
			t.Errorf("%s %s: licence %q, a text of %d bytes", l.Module, l.Version, l.License, len(l.Text))
		}
	}
	reqs := goModRequires(t)
	if len(reqs) < 10 {
		t.Fatalf("read %d requirements from go.mod", len(reqs))
	}
	for _, r := range reqs {
		if _, ok := listed[r]; !ok {
			t.Errorf("go.mod requires %s, which licenses.json lacks: run go generate ./assets", r)
		}
		delete(listed, r)
	}
	for r := range listed {
		t.Errorf("licenses.json lists %s, which go.mod does not require: run go generate ./assets", r)
	}
	if first := Licenses()[0]; first.Module != "go" || !strings.Contains(first.Text, "The Go Authors") {
		t.Errorf("the first licence is %q's, want Go's", first.Module)
	}
}
