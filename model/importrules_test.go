package model_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// importRule forbids every package within from, except those within except, to depend on any
// package within one of forbidden, directly or through other packages.
type importRule struct {
	from      string
	except    string
	forbidden []string
	why       string
}

// importRules are the layering rules of DESIGN.md ("Layout") for the module mod: the domain
// stays free of the GUI and the search engine, the index stays free of the GUI, and only cmd
// links Fyne's app (and so cgo and OpenGL), so that every other package builds and tests
// without them.
func importRules(mod string) []importRule {
	return []importRule{
		{from: mod + "/model", forbidden: []string{"fyne.io", "github.com/blevesearch"}, why: "model imports neither fyne nor bleve"},
		{from: mod + "/index", forbidden: []string{"fyne.io"}, why: "index never imports fyne"},
		{from: mod, except: mod + "/cmd", forbidden: []string{"fyne.io/fyne/v2/app"}, why: "only cmd imports fyne.io/fyne/v2/app"},
	}
}

// within reports whether the import path p is root or lies under it.
func within(p, root string) bool {
	return root != "" && (p == root || strings.HasPrefix(p, root+"/"))
}

// importViolations checks graph (each package's direct imports) against rules and returns one
// message per package that breaks a rule, naming the chain of imports that does it.
func importViolations(graph map[string][]string, rules []importRule) []string {
	var pkgs []string
	for p := range graph {
		pkgs = append(pkgs, p)
	}
	slices.Sort(pkgs)
	var out []string
	for _, r := range rules {
		for _, p := range pkgs {
			if !within(p, r.from) || within(p, r.except) {
				continue
			}
			if chain := forbiddenChain(graph, p, r.forbidden); chain != nil {
				out = append(out, fmt.Sprintf("%s (rule: %s)", strings.Join(chain, " → "), r.why))
			}
		}
	}
	return out
}

// forbiddenChain returns the shortest import chain from start to a package within one of
// forbidden, or nil when there is none.
func forbiddenChain(graph map[string][]string, start string, forbidden []string) []string {
	parent := map[string]string{start: ""}
	queue := []string{start}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p != start && slices.ContainsFunc(forbidden, func(f string) bool { return within(p, f) }) {
			var chain []string
			for q := p; q != ""; q = parent[q] {
				chain = append(chain, q)
			}
			slices.Reverse(chain)
			return chain
		}
		for _, imp := range graph[p] {
			if _, seen := parent[imp]; !seen {
				parent[imp] = p
				queue = append(queue, imp)
			}
		}
	}
	return nil
}

// importGraph runs go list on the module and returns the direct imports of every non-standard
// package that the module's packages depend on, themselves included. Directories without Go
// files (a package not written yet) match nothing and are simply absent.
func importGraph(t *testing.T) (mod string, graph map[string][]string) {
	t.Helper()
	// go test puts $GOROOT/bin first on the PATH of the test binary, so this is the go that
	// runs the test.
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to check the import rules: %v", err)
	}
	out, err := exec.Command(gobin, "list", "-m").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	mod = strings.TrimSpace(string(out))
	cmd := exec.Command(gobin, "list", "-deps",
		"-f", `{{if not .Standard}}{{.ImportPath}}{{range .Imports}} {{.}}{{end}}{{end}}`,
		mod+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps %s/...: %v\n%s", mod, err, stderr.String())
	}
	return mod, parseImportGraph(string(stdout))
}

// parseImportGraph reads lines of "package import import ..." into a graph.
func parseImportGraph(listing string) map[string][]string {
	graph := map[string][]string{}
	for _, line := range strings.Split(listing, "\n") {
		fields := strings.Fields(line)
		if len(fields) > 0 {
			graph[fields[0]] = fields[1:]
		}
	}
	return graph
}

func TestImportRules(t *testing.T) {
	mod, graph := importGraph(t)
	if _, ok := graph[mod+"/model"]; !ok {
		t.Fatalf("go list did not report %s/model; got %d packages", mod, len(graph))
	}
	for _, v := range importViolations(graph, importRules(mod)) {
		t.Error(v)
	}
}

func TestImportRulesCatchViolations(t *testing.T) {
	graph := parseImportGraph(`
verbatim/model github.com/google/uuid verbatim/model/export
verbatim/model/export verbatim/model/chart
verbatim/model/chart fyne.io/fyne/v2/canvas
verbatim/modelling fyne.io/fyne/v2
verbatim/index verbatim/model github.com/blevesearch/bleve/v2
verbatim/index/query github.com/blevesearch/bleve/v2 fyne.io/systray
verbatim/ui fyne.io/fyne/v2/widget verbatim/index
verbatim/ui/preview fyne.io/fyne/v2/app
verbatim/cmd/verbatim fyne.io/fyne/v2/app verbatim/ui
verbatim/cmd/tool verbatim/cmd/verbatim
fyne.io/fyne/v2/canvas fyne.io/fyne/v2
fyne.io/fyne/v2/widget fyne.io/fyne/v2/canvas
github.com/blevesearch/bleve/v2
github.com/google/uuid
`)
	got := importViolations(graph, importRules("verbatim"))
	want := []string{
		"verbatim/model → verbatim/model/export → verbatim/model/chart → fyne.io/fyne/v2/canvas (rule: model imports neither fyne nor bleve)",
		"verbatim/model/chart → fyne.io/fyne/v2/canvas (rule: model imports neither fyne nor bleve)",
		"verbatim/model/export → verbatim/model/chart → fyne.io/fyne/v2/canvas (rule: model imports neither fyne nor bleve)",
		"verbatim/index → verbatim/model → verbatim/model/export → verbatim/model/chart → fyne.io/fyne/v2/canvas (rule: index never imports fyne)",
		"verbatim/index/query → fyne.io/systray (rule: index never imports fyne)",
		"verbatim/ui/preview → fyne.io/fyne/v2/app (rule: only cmd imports fyne.io/fyne/v2/app)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got violations\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	clean := parseImportGraph(`
verbatim/model modernc.org/sqlite
verbatim/index verbatim/model github.com/blevesearch/bleve/v2
verbatim/ui verbatim/index fyne.io/fyne/v2/widget
verbatim/cmd/verbatim verbatim/ui fyne.io/fyne/v2/app
`)
	if got := importViolations(clean, importRules("verbatim")); len(got) != 0 {
		t.Errorf("got violations in a graph that keeps the rules: %q", got)
	}
}

func TestWithin(t *testing.T) {
	tests := []struct {
		path, root string
		want       bool
	}{
		{"verbatim/model", "verbatim/model", true},
		{"verbatim/model/importer", "verbatim/model", true},
		{"verbatim/modelling", "verbatim/model", false},
		{"fyne.io/fyne/v2", "fyne.io", true},
		{"fyne.iox/thing", "fyne.io", false},
		{"verbatim/cmd/verbatim", "", false},
	}
	for _, tt := range tests {
		if got := within(tt.path, tt.root); got != tt.want {
			t.Errorf("within(%q, %q) = %v, want %v", tt.path, tt.root, got, tt.want)
		}
	}
}
