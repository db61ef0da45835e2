package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const refiSamples = "../../../../shared/refi/samples"

func TestImportQDPXExportAndImportAgain(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "qc.verbatim")
	out := mustRun(t, env, "import-qdpx", proj, filepath.Join(refiSamples, "cproctor_qc_demo.qdpx"))
	for _, want := range []string{"codes: 262 added", "documents: 2 added", "codings: 205 added on 158 selections"} {
		if !strings.Contains(out, want) {
			t.Errorf("import-qdpx output lacks %q:\n%s", want, out)
		}
	}
	qdpx := filepath.Join(dir, "out.qdpx")
	out = mustRun(t, env, "export", proj, "--format", "qdpx", "-o", qdpx)
	if !strings.Contains(out, "wrote 2 documents, 262 codes and 205 codings") {
		t.Errorf("export output: %q", out)
	}
	qdc := filepath.Join(dir, "out.qdc")
	mustRun(t, env, "export", proj, "-o", qdc)
	if data, err := os.ReadFile(qdc); err != nil || !strings.Contains(string(data), "urn:QDA-XML:codebook:1.0") {
		t.Errorf("the .qdc: %v", err)
	}
	// Into the same project: everything is there already.
	out = mustRun(t, env, "import-qdpx", filepath.Join(dir, "again.verbatim"), qdpx)
	if !strings.Contains(out, "codings: 205 added") {
		t.Errorf("re-import: %s", out)
	}
}

func TestImportQDPXRefusesAndLeavesNoProject(t *testing.T) {
	env, dir := testEnv(t)
	bad := filepath.Join(dir, "bad.qdpx")
	if err := os.WriteFile(bad, []byte("<Project xmlns='urn:other'/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(dir, "new.verbatim")
	code, _, errOut := run(t, env, "import-qdpx", proj, bad)
	if code != 1 || !strings.Contains(errOut, "not a REFI-QDA project") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("exit %d, stderr %q: want one line saying it is not REFI-QDA", code, errOut)
	}
	if _, err := os.Stat(proj); !os.IsNotExist(err) {
		t.Errorf("the project file is there after a failed import (%v)", err)
	}
}

func TestImportRoutesExchangeFilesToTheREFIReader(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	mustRun(t, env, "new", proj, "--lang", "en")
	folder := filepath.Join(dir, "in")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(refiSamples, "cproctor_qc_demo.qdpx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(folder, "qc.qdpx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, env, "import", proj, folder)
	if !strings.Contains(out, "qc.qdpx (REFI-QDA)") || !strings.Contains(out, "codings: 205 added on 158 selections") {
		t.Errorf("a .qdpx in a folder did not go to the REFI reader:\n%s", out)
	}
	docs := mustRun(t, env, "docs", proj)
	if strings.Contains(docs, "qc.qdpx") {
		t.Errorf("the .qdpx came in as a document:\n%s", docs)
	}
	// The same file again merges: nothing new.
	out = mustRun(t, env, "import", proj, filepath.Join(folder, "qc.qdpx"))
	for _, want := range []string{"codes: 0 added, 262 merged", "documents: 0 added, 2 merged", "codings: 0 added on 158 selections, 205 skipped"} {
		if !strings.Contains(out, want) {
			t.Errorf("merge report lacks %q:\n%s", want, out)
		}
	}
	qdc := filepath.Join(dir, "book.qdc")
	mustRun(t, env, "export", proj, "--format", "qdc", "-o", qdc)
	other := filepath.Join(dir, "other.verbatim")
	mustRun(t, env, "new", other, "--lang", "en")
	out = mustRun(t, env, "import", other, qdc)
	if !strings.Contains(out, "codebook: 262 codes added, 0 merged") {
		t.Errorf("codebook import: %s", out)
	}
}
