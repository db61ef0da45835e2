package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// waitForStatus runs what is queued for the main goroutine until the
// status line holds want, and fails after a while.
func waitForStatus(t *testing.T, w *MainWindow, want string) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for !strings.Contains(w.status.Text, want) {
		select {
		case fn := <-mainQueue:
			fn()
		case <-time.After(10 * time.Millisecond):
		case <-timeout:
			t.Fatalf("the status line says %q, want %q in it", w.status.Text, want)
		}
	}
}

// typeSearch types q in the real search entry and presses Enter.
func typeSearch(w *MainWindow, q string) {
	w.win.Canvas().Focus(w.search.entry)
	w.search.entry.SetText("")
	test.Type(w.search.entry, q)
	pressSearchKey(w, fyne.KeyReturn, false)
}

// TestQueryErrorsInDutch types queries the index refuses, and a filter
// that names no document, in a Dutch window: the status says so in Dutch.
func TestQueryErrorsInDutch(t *testing.T) {
	w, _ := newSearchWindow(t)
	inDutch(t)
	for q, want := range map[string]string{
		"a*":                 "a*: een woordbegin heeft minstens 2 letters nodig",
		"leren~3":            "leren~3: een woord bij benadering mag hoogstens 2 letters afwijken (~2)",
		"in:boeken x":        "in:boeken: gebruik in:transcripts, in:memos of in:all",
		"-":                  "typ een woord om naar te zoeken",
		"doc:Anna.txt leren": `Een filter noemt niets: geen document met de naam "Anna.txt"`,
	} {
		typeSearch(w, q)
		waitForStatus(t, w, want)
	}
}

// TestImportReportInDutch drops a folder with a picture, a hidden file, a
// broken Word file and a copy of a transcript in a Dutch window: every
// reason in the report is Dutch.
func TestImportReportInDutch(t *testing.T) {
	w, _ := newTestWindow(t)
	inDutch(t)
	dir := t.TempDir()
	text := []byte("Interviewer: Wat drijft je?\nChris: Nieuwsgierigheid.\n")
	os.WriteFile(filepath.Join(dir, "c – Chris.txt"), text, 0o644)
	os.WriteFile(filepath.Join(dir, "d – kopie.txt"), text, 0o644)
	os.WriteFile(filepath.Join(dir, "kapot.docx"), []byte("PK\x03\x04 kapot"), 0o644)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("\x00\x00\x00\x01Bud1"), 0o644)
	os.WriteFile(filepath.Join(dir, "foto.png"), []byte("\x89PNG\r\n\x1a\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "opname.mp3"), []byte("ID3"), 0o644)
	w.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(dir)})
	select {
	case <-w.importing:
	case <-time.After(30 * time.Second):
		t.Fatal("the import did not finish")
	}
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no report shown")
	}
	report := labelTexts(top)
	for _, want := range []string{
		"– foto.png: overgeslagen, een afbeelding, geen transcript",
		"– .DS_Store: overgeslagen, een verborgen bestand",
		"– opname.mp3: overgeslagen, een geluidsopname, geen transcript (transcribeer het eerst en importeer het transcript)",
		"✗ kapot.docx: het bestand is beschadigd",
		`= d – kopie.txt: dezelfde tekst staat al in het project als "c – Chris.txt"`,
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report does not say %q:\n%s", want, report)
		}
	}
}
