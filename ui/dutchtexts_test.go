package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
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
	os.WriteFile(filepath.Join(dir, "e.srt"), []byte("1\n00:00:01,000 --> 00:00:02,000\nAna: Eerste zin.\n\n2\n00:00:02,500 --> 00:0x:04,000\nAna: Tweede zin.\n\n3\n00:00:05,000 --> 00:00:06,000\nBen: Derde.\n\nlos stuk\n\n4\n00:00:07,000 --> 00:00:08,000\nBen: Vierde.\n"), 0o644)
	dropAndWait(t, w, dir)
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
		"    let op: 1 ondertitel waarvan de tijd niet te lezen is (de eerste op regel 6): de tekst blijft bij de ondertitel ervoor",
		"    let op: 1 stuk tekst buiten een ondertitel (het eerste op regel ",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report does not say %q:\n%s", want, report)
		}
	}
}

// TestDocumentAttributesInDutch opens a document with the attributes the
// importer stores for a header in a Dutch window: their names are Dutch,
// an unknown one is shown as stored, and the stored names stay English.
func TestDocumentAttributesInDutch(t *testing.T) {
	w, p := newTestWindow(t)
	inDutch(t)
	ctx := context.Background()
	d, err := p.ImportDocument(ctx, model.NewDocument{Name: "c – Chris.txt", Format: "txt", Text: "Chris: Nieuwsgierigheid.\n",
		Turns:      []model.NewTurn{{Start: 0, End: 24, Speaker: "Chris"}},
		Attributes: []model.Attribute{{Key: "date", Value: "2024-03-12"}, {Key: "duration", Value: "45 min"}, {Key: "wijk", Value: "Noord"}}})
	if err != nil {
		t.Fatal(err)
	}
	w.refresh()
	tapText(t, w.documents.box, d.Name)
	if got, want := w.memos.attributes.Text, "datum: 2024-03-12 · duur: 45 min · wijk: Noord"; got != want {
		t.Errorf("attributes %q, want %q", got, want)
	}
	attrs, _ := p.DocumentAttributes(ctx, d.ID)
	if len(attrs) != 3 || attrs[0].Key != "date" {
		t.Errorf("stored attributes %+v", attrs)
	}
}

// TestErrorContextInDutch: the words model and index put before an error
// ("document 3: …", "search index: …") are Dutch in a Dutch window, and
// as the command line writes them in English.
func TestErrorContextInDutch(t *testing.T) {
	errs := map[error][2]string{
		fmt.Errorf("document 3: %w", model.ErrNotFound):                         {"document 3: not found", "document 3: niet gevonden"},
		fmt.Errorf("search index: %w", index.ErrClosed):                         {"search index: the search index is closed", "zoekindex: de zoekindex is gesloten"},
		fmt.Errorf("coding 7: %w", fmt.Errorf("read: %w", importer.ErrDamaged)): {"coding 7: read: the file is damaged", "codering 7: lezen: het bestand is beschadigd"},
		index.ErrEmptyQuery: {"search: type a word to search for", "zoeken: typ een woord om naar te zoeken"},
		// What stops a check, a repair or a copy.
		fmt.Errorf("checking the ranges: %w", errors.New("database disk image is malformed (11)")): {"checking the ranges: database disk image is malformed (11)", "bij het nakijken van de bereiken: database disk image is malformed (11)"},
		fmt.Errorf("saving case_attributes: %w", model.ErrDiskFull):                                {"Participant attributes could not be saved: the disk is full: Verbatim could not save; free some space and try again", "Deelnemerskenmerken konden niet worden bewaard: de schijf is vol: Verbatim kon niet opslaan; maak wat ruimte vrij en probeer het opnieuw"},
		fmt.Errorf("the repaired project: %w", model.ErrSettingsUnreadable):                        {"the repaired project: the project's own settings (its language and identity) could not be read", "het herstelde project: de eigen gegevens van het project (de taal en identiteit) waren niet te lezen"},
		fmt.Errorf("saving a copy to %s: %w", "/tmp/a: b.verbatim", model.ErrNameTooLong):          {"saving a copy to /tmp/a: b.verbatim: the name or path is longer than the system allows; use a shorter name or folder", "een kopie opslaan in /tmp/a: b.verbatim: de naam of het pad is langer dan het systeem toestaat; kies een kortere naam of map"},
	}
	for err, want := range errs {
		if got := errorText(err); got != want[0] {
			t.Errorf("in English %q, want %q", got, want[0])
		}
	}
	inDutch(t)
	for err, want := range errs {
		if got := errorText(err); got != want[1] {
			t.Errorf("in Dutch %q, want %q", got, want[1])
		}
	}
}

// Fyne's own file dialog, as File > Open project… shows it, is Dutch too:
// the entry that goes up a folder and the new folder form.
func TestFileDialogInDutch(t *testing.T) {
	w, _ := newTestWindow(t)
	inDutch(t)
	dir := filepath.Join(t.TempDir(), "Onderzoek")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	d := w.askFile([]string{".verbatim"}, func(string) {})
	loc, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		t.Fatal(err)
	}
	d.SetLocation(loc)
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file dialog")
	}
	if got := labelTexts(top); !strings.Contains(got, "(Bovenliggende map)") || strings.Contains(got, "Parent") {
		t.Errorf("the file dialog does not say (Bovenliggende map):\n%s", got)
	}
}
