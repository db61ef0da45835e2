package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// documentRow is a row of the documents list as drawn.
type documentRow struct {
	name        string
	highlighted bool          // drawn with the selection colour
	at          fyne.Position // the row's middle, on the canvas
}

var (
	listItemRE = regexp.MustCompile(`<widget (?:pos="([\d.]+),([\d.]+)" )?size="([\d.]+)x([\d.]+)" type="\*widget.listItem">`)
	boldTextRE = regexp.MustCompile(`<text bold[^>]*>([^<]*)</text>`)
)

// documentRows reads the documents list from its rendering, so that the
// test sees the highlight the user sees, not the window's bookkeeping.
func documentRows(t *testing.T, w *MainWindow) []documentRow {
	t.Helper()
	markup := test.RenderObjectToMarkup(w.documents.list)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.documents.list)
	locs := listItemRE.FindAllStringSubmatchIndex(markup, -1)
	var rows []documentRow
	for i, loc := range locs {
		end := len(markup)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		item := markup[loc[1]:end]
		name := boldTextRE.FindStringSubmatch(item)
		if name == nil {
			t.Fatalf("a documents row without a name: %s", item)
		}
		num := func(k int) float32 {
			if loc[2*k] < 0 {
				return 0
			}
			f, _ := strconv.ParseFloat(markup[loc[2*k]:loc[2*k+1]], 32)
			return float32(f)
		}
		rect := strings.Index(item, `fillColor="selection"`)
		rows = append(rows, documentRow{
			name:        name[1],
			highlighted: rect >= 0 && rect < strings.Index(item, "<text"),
			at:          origin.Add(fyne.NewPos(num(1)+20, num(2)+num(4)/2)),
		})
	}
	return rows
}

// checkListFollowsShown fails unless the documents list highlights the
// document shown, and nothing when none is.
func checkListFollowsShown(t *testing.T, w *MainWindow, when string) {
	t.Helper()
	var highlighted []string
	for _, r := range documentRows(t, w) {
		if r.highlighted {
			highlighted = append(highlighted, r.name)
		}
	}
	want := []string{}
	if w.doc.ID != 0 {
		want = []string{w.doc.Name}
	}
	if strings.Join(highlighted, "|") != strings.Join(want, "|") {
		t.Errorf("%s: the list highlights %q while the transcript shows %q", when, highlighted, w.doc.Name)
	}
	// Clicking the highlighted row shows its document.
	for _, name := range highlighted {
		tapDocument(t, w, name)
		if w.doc.Name != name {
			t.Errorf("%s: clicking the highlighted %q shows %q", when, name, w.doc.Name)
		}
	}
}

// tapDocument clicks a document's row in the list.
func tapDocument(t *testing.T, w *MainWindow, name string) {
	t.Helper()
	for _, r := range documentRows(t, w) {
		if r.name == name {
			test.TapCanvas(w.win.Canvas(), r.at)
			return
		}
	}
	t.Fatalf("no row for %q", name)
}

func closeDialogs(w *MainWindow) {
	for w.win.Canvas().Overlays().Top() != nil {
		w.win.Canvas().Overlays().Top().Hide()
	}
}

func TestDocumentsListFollowsImportAndItsUndo(t *testing.T) {
	w, _ := newTestWindow(t)
	checkListFollowsShown(t, w, "on opening")

	// A name that sorts first takes the row of the document shown before.
	path := filepath.Join(t.TempDir(), "0 – Chris.txt")
	os.WriteFile(path, []byte("Interviewer: Wat drijft je?\nChris: Nieuwsgierigheid.\n"), 0o644)
	w.importPaths([]string{path})
	select {
	case <-w.importing:
	case <-time.After(30 * time.Second):
		t.Fatal("the import did not finish")
	}
	closeDialogs(w)
	if w.doc.Name != "0 – Chris.txt" {
		t.Errorf("after the import the transcript shows %q, want the imported document", w.doc.Name)
	}
	checkListFollowsShown(t, w, "after the import")

	typeShortcut(w.win, keyUndo)
	if len(w.documents.docs) != 2 {
		t.Fatalf("after undoing the import the list has %d documents", len(w.documents.docs))
	}
	checkListFollowsShown(t, w, "after undoing the import")

	typeShortcut(w.win, keyRedoY)
	if len(w.documents.docs) != 3 {
		t.Fatalf("after redoing the import the list has %d documents", len(w.documents.docs))
	}
	checkListFollowsShown(t, w, "after redoing the import")

	// Each row shows its document when clicked, the highlighted one too.
	for _, name := range []string{"b – Sanne.txt", "0 – Chris.txt", "0 – Chris.txt", "a – Ana.txt"} {
		tapDocument(t, w, name)
		if w.doc.Name != name {
			t.Errorf("clicking %q shows %q", name, w.doc.Name)
		}
		checkListFollowsShown(t, w, "after clicking "+name)
	}
}

func TestImportReportSaysOneSpeaker(t *testing.T) {
	w, _ := newTestWindow(t)
	path := filepath.Join(t.TempDir(), "c – Chris.txt")
	os.WriteFile(path, []byte("Interviewer: Wat drijft je?\nChris: Nieuwsgierigheid.\n"), 0o644)
	w.importPaths([]string{path})
	select {
	case <-w.importing:
	case <-time.After(30 * time.Second):
		t.Fatal("the import did not finish")
	}
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no import report")
	}
	if got := labelTexts(top); !strings.Contains(got, "✓ c – Chris.txt: 53 characters, 1 speaker\n") {
		t.Errorf("the report says:\n%s", got)
	}
}
