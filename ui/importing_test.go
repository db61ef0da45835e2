package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"codeberg.org/verbatim/verbatim/model/importer"
)

func TestImportByDroppingFiles(t *testing.T) {
	w, _ := newTestWindow(t)

	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "c – Chris.txt"), []byte("Interviewer: Wat drijft je?\nChris: Nieuwsgierigheid.\nInterviewer: Meer?\nChris: Nee.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "kapot.docx"), []byte("PK\x03\x04 kapot"), 0o644)
	dropAndWait(t, w, dir)
	if len(w.lastImport) != 2 {
		t.Fatalf("report: %+v", w.lastImport)
	}
	statuses := map[string]importer.Status{}
	for _, r := range w.lastImport {
		statuses[filepath.Base(r.File)] = r.Status
	}
	if statuses["c – Chris.txt"] != importer.Imported || statuses["kapot.docx"] != importer.Skipped {
		t.Errorf("statuses: %v", statuses)
	}
	if len(w.documents.docs) != 3 || w.doc.Name != "c – Chris.txt" {
		t.Errorf("after the import the window lists %d documents and shows %q", len(w.documents.docs), w.doc.Name)
	}
	if w.status.Text != "Import: 1 imported, 0 duplicates, 1 not imported, 0 skipped" {
		t.Errorf("status %q", w.status.Text)
	}
}

// dropAndWait drops path onto the window, as the desktop does, and waits
// for its import to finish.
func dropAndWait(t *testing.T, w *MainWindow, path string) {
	t.Helper()
	w.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
	select {
	case <-w.importing:
	case <-time.After(60 * time.Second):
		t.Fatal("the import did not finish")
	}
}
