package ui

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// pickerRows are the rows the import picker on top shows: "name/" for a
// folder, "[x] name" or "[ ] name" for a file, with the widgets to tap.
func pickerRows(t *testing.T, w *MainWindow) (rows []string, taps map[string]fyne.Tappable) {
	t.Helper()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	taps = map[string]fyne.Tappable{}
	for _, o := range allObjectsUnder(top) {
		l, ok := o.(*widget.List)
		if !ok {
			continue
		}
		for _, x := range allObjectsUnder(l) {
			switch x := x.(type) {
			case *dialogCheck:
				if x.Visible() {
					mark := "[ ] "
					if x.Checked {
						mark = "[x] "
					}
					rows = append(rows, mark+x.Text)
					taps[x.Text] = x
				}
			case *widget.Label:
				if x.Visible() && x.Text != "" {
					rows = append(rows, x.Text+"/")
				}
			}
		}
		// A folder's row opens it when tapped: the list item holds it.
		for _, x := range allObjectsUnder(l) {
			it, ok := x.(fyne.Tappable)
			if _, isCheck := x.(*dialogCheck); !ok || isCheck {
				continue
			}
			for _, y := range allObjectsUnder(x) {
				if label, ok := y.(*widget.Label); ok && label.Visible() && label.Text != "" {
					taps[label.Text] = it
				}
			}
		}
		return rows, taps
	}
	t.Fatalf("no list in the dialog:\n%s", labelTexts(top))
	return nil, nil
}

func TestImportFilesPicksSeveralOfTheSupportedTypes(t *testing.T) {
	w, _ := newTestWindow(t)
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("c – Chris.txt", "Interviewer: Wat drijft je?\nChris: Nieuwsgierigheid.\n")
	write("d – Dirk.md", "Interviewer: En jij?\nDirk: Samen leren.\n")
	write("e – Eva.txt", "Interviewer: Jij?\nEva: Delen.\n")
	write("foto.png", "not a transcript")
	write(".verborgen.txt", "Interviewer: Verborgen?\nX: Ja.\n")
	write("meer/f – Fenna.md", "Interviewer: Waarom?\nFenna: Daarom.\n")
	fyne.CurrentApp().Preferences().SetString(prefImportFolder, dir)

	menuAction(t, w, "File", "Import files…")()
	rows, taps := pickerRows(t, w)
	want := []string{"meer/", "[ ] c – Chris.txt", "[ ] d – Dirk.md", "[ ] e – Eva.txt"}
	if !slices.Equal(rows, want) {
		t.Fatalf("the picker shows %q, want %q (folders first, only what Verbatim imports, no hidden files)", rows, want)
	}
	top := w.win.Canvas().Overlays().Top()
	if got := labelTexts(top); !strings.Contains(got, "Not listed: 1 other file of a kind") {
		t.Errorf("the picker does not say a file is left out:\n%s", got)
	}
	test.Tap(taps["c – Chris.txt"])
	test.Tap(taps["e – Eva.txt"])
	// Into the sub-folder: the ticks stay.
	taps["meer"].Tapped(&fyne.PointEvent{})
	rows, taps = pickerRows(t, w)
	if !slices.Equal(rows, []string{"[ ] f – Fenna.md"}) {
		t.Fatalf("in the sub-folder the picker shows %q", rows)
	}
	test.Tap(taps["f – Fenna.md"])
	tapButton(t, w.win.Canvas().Overlays().Top(), "Import 3 files")

	select {
	case <-w.importing:
	case <-time.After(30 * time.Second):
		t.Fatal("the import did not finish")
	}
	var imported []string
	for _, r := range w.lastImport {
		imported = append(imported, filepath.Base(r.File))
	}
	sort.Strings(imported)
	if !slices.Equal(imported, []string{"c – Chris.txt", "e – Eva.txt", "f – Fenna.md"}) {
		t.Errorf("imported %q, want the three files ticked", imported)
	}
	if got := fyne.CurrentApp().Preferences().String(prefImportFolder); got != filepath.Join(dir, "meer") {
		t.Errorf("the picker will open in %q next, want the folder imported from", got)
	}
}

func TestEscapeClosesTheImportPicker(t *testing.T) {
	w, _ := newTestWindow(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("A: b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fyne.CurrentApp().Preferences().SetString(prefImportFolder, dir)
	typeShortcut(w.win, shortcutImport)
	_, taps := pickerRows(t, w)
	test.Tap(taps["a.txt"]) // the tick takes the focus
	pressKey(w.win, fyne.KeyEscape)
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("Escape after a tick left the picker open:\n%s", labelTexts(top))
	}
}
