package refiqda

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

const samples = "../../../shared/refi"

func newProject(t testing.TB) *model.Project {
	t.Helper()
	p, err := model.Create(context.Background(), filepath.Join(t.TempDir(), "p.verbatim"), "en")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if err := p.SetCoder(context.Background(), "tester"); err != nil {
		t.Fatal(err)
	}
	return p
}

func importSample(t testing.TB, p *model.Project, name string) *Report {
	t.Helper()
	rep, err := ImportFile(context.Background(), p, filepath.Join(samples, "samples", name), Options{})
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return rep
}

// xmllint validates data against one of the schemas.
func xmllint(t *testing.T, data []byte, schema string) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Fatal("xmllint is missing: install libxml2-utils (.ci/install-deps.sh does)")
	}
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--schema", filepath.Join(samples, schema), f).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint --schema %s: %v\n%s", schema, err, firstLines(string(out), 20))
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// exportBytes exports p as a .qdpx and returns the archive.
func exportBytes(t testing.TB, p *model.Project) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Export(context.Background(), p, &buf, "test"); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readSampleXML(t *testing.T, name string) *xProject {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(samples, "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	pk, err := openPackage(name, data)
	if err != nil {
		t.Fatal(err)
	}
	var x xProject
	if err := decodeXML(pk.xml, &x); err != nil {
		t.Fatal(err)
	}
	return &x
}
