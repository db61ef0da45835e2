package ui

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
	"codeberg.org/verbatim/verbatim/model/refiqda"
)

// exportSubItem is File > Export > label…, a sub-menu item.
func exportSubItem(t *testing.T, w *MainWindow, label string) *fyne.MenuItem {
	t.Helper()
	var export *fyne.MenuItem
	for _, it := range w.win.MainMenu().Items[0].Items {
		if it.Label == "Export" {
			export = it
		}
	}
	if export == nil || export.ChildMenu == nil {
		t.Fatal("no File > Export sub-menu")
	}
	for _, it := range export.ChildMenu.Items {
		if strings.HasPrefix(it.Label, label) {
			return it
		}
	}
	t.Fatalf("no menu item File > Export > %s", label)
	return nil
}

// qdeCodeNames reads project.qde out of a .qdpx and lists its codes' names.
func qdeCodeNames(t *testing.T, path string) []string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s is not a zip: %v", path, err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name != "project.qde" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var names []string
		dec := xml.NewDecoder(r)
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("project.qde: %v", err)
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Code" {
				for _, a := range se.Attr {
					if a.Name.Local == "name" {
						names = append(names, a.Value)
					}
				}
			}
		}
		sort.Strings(names)
		return names
	}
	t.Fatalf("no project.qde in %s", path)
	return nil
}

func codeNames(t *testing.T, p *model.Project) []string {
	t.Helper()
	codes, err := p.Codes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range codes {
		names = append(names, c.Name)
	}
	sort.Strings(names)
	return names
}

func TestExchangeExportProjectFromTheMenu(t *testing.T) {
	w, p := newStudyWindow(t)
	exportSubItem(t, w, "REFI-QDA project (.qdpx)").Action()
	if w.exchange.file == nil {
		t.Fatal("File > Export > REFI-QDA project did not ask where to write")
	}
	w.exchange.file.Hide()
	path := filepath.Join(t.TempDir(), "Studie") // typed without the extension
	w.exportREFI(path, false)
	if !runUntil(w.exchange.done) {
		t.Fatal("the export did not end")
	}
	path += ".qdpx"
	got, want := qdeCodeNames(t, path), codeNames(t, p)
	if len(want) == 0 || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("codes in project.qde %q, the project's %q", got, want)
	}
	if !strings.Contains(w.status.Text, path) {
		t.Errorf("status %q does not say where it wrote", w.status.Text)
	}
}

func TestExchangeExportCodebookFromTheMenu(t *testing.T) {
	w, _ := newStudyWindow(t)
	exportSubItem(t, w, "REFI-QDA codebook (.qdc)").Action()
	if w.exchange.file == nil {
		t.Fatal("File > Export > REFI-QDA codebook did not ask where to write")
	}
	w.exchange.file.Hide()
	path := filepath.Join(t.TempDir(), "Codes.qdc")
	w.exportREFI(path, true)
	if !runUntil(w.exchange.done) {
		t.Fatal("the export did not end")
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "<CodeBook") {
		t.Fatalf("codebook %s: %v\n%.300s", path, err, data)
	}
	if w.status.Text != "Wrote "+path+" (REFI-QDA); everything was carried." {
		t.Errorf("status %q", w.status.Text)
	}
}

func TestExchangeImportSampleThroughTheWindow(t *testing.T) {
	sample := "/work/shared/refi/samples/cproctor_qc_demo.qdpx"
	if _, err := os.Stat(sample); err != nil {
		t.Skipf("the qc sample is not here (%v)", err)
	}
	w, p := newTestWindow(t)
	before := len(w.codebook.codes)
	dropAndWait(t, w, sample)
	if len(w.lastImport) != 1 || w.lastImport[0].Status != importer.Imported || len(w.lastImport[0].Exchange) == 0 {
		t.Fatalf("report: %+v", w.lastImport)
	}
	want := codeNames(t, p)
	if len(want) <= before || len(w.codebook.codes) != len(want) {
		t.Errorf("the codebook shows %d codes (%d before), the project has %d", len(w.codebook.codes), before, len(want))
	}
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no import report shown")
	}
	text := labelTexts(top)
	if !strings.Contains(text, "REFI-QDA exchange file, merged into the project:") || !strings.Contains(text, w.lastImport[0].Exchange[0]) {
		t.Errorf("the report does not show the exchange lines:\n%s", text)
	}
}

func TestExchangeNewProjectFromREFI(t *testing.T) {
	w, p := newStudyWindow(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "Uit.qdpx")
	if _, err := refiqda.WriteFile(context.Background(), p, in, false); err != nil {
		t.Fatal(err)
	}
	menuItem(t, w, "File", "New project from REFI-QDA").Action()
	if w.exchange.file == nil {
		t.Fatal("New project from REFI-QDA did not ask for a file")
	}
	open := w.exchange.file
	open.Hide()
	w.askNewProjectFromREFI(in)
	if w.exchange.form == nil {
		t.Fatal("no language form")
	}
	w.exchange.form.Submit()
	if w.exchange.file == open {
		t.Fatal("the form did not ask where to save")
	}
	w.exchange.file.Hide()
	path := filepath.Join(dir, "Nieuw.verbatim")
	w.newProjectFromREFI(in, path, "nl")
	if !runUntil(w.exchange.done) {
		t.Fatal("the new project was not made")
	}
	nw := w.exchange.opened
	if nw == nil {
		t.Fatal("no window for the new project")
	}
	t.Cleanup(nw.win.Close)
	if nw.project.Path() != path {
		t.Errorf("the new window shows %s", nw.project.Path())
	}
	if got, want := codeNames(t, nw.project), codeNames(t, p); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("codes %q, want %q", got, want)
	}
	docs, _ := nw.project.Documents(context.Background())
	want, _ := p.Documents(context.Background())
	if len(docs) != len(want) {
		t.Errorf("%d documents, want %d", len(docs), len(want))
	}
	if w.exchange.report == nil {
		t.Fatal("no report shown")
	}
	if text := labelTexts(nw.win.Canvas().Overlays().Top()); !strings.Contains(text, "Made Nieuw.verbatim of Uit.qdpx") {
		t.Errorf("report:\n%s", text)
	}

	// A file that is not REFI-QDA leaves no project behind.
	bad := filepath.Join(dir, "Kapot.qdpx")
	os.WriteFile(bad, []byte("PK\x03\x04 kapot"), 0o644)
	badPath := filepath.Join(dir, "Kapot.verbatim")
	w.exchange.opened = nil
	w.newProjectFromREFI(bad, badPath, "nl")
	if !runUntil(w.exchange.done) {
		t.Fatal("the failed import did not end")
	}
	if _, err := os.Stat(badPath); !os.IsNotExist(err) {
		t.Errorf("a failed import left %s (%v)", badPath, err)
	}
	if w.exchange.opened != nil {
		t.Error("a failed import opened a window")
	}
}
