package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/disktest"
)

// A folder dropped onto a project on a disk that fills up: the files
// before the one that does not fit are imported, and the report says once,
// in one line, which files were not imported because the disk is full.
func TestImportOntoAFullDisk(t *testing.T) {
	disk := disktest.Mount(t, "2m")
	test.NewTempApp(t)
	p, err := model.Create(context.Background(), filepath.Join(disk, "Vol.verbatim"), "nl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	w := openTestWindow(t, p)

	in := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Interviewer: Hoe gaat het?\nAna: Goed.\n")
	var big strings.Builder
	for i := 0; big.Len() < 3<<20; i++ {
		fmt.Fprintf(&big, "Ana: zin %d over wat we samen leerden.\n", i)
	}
	write("c.txt", big.String()) // does not fit
	for i := range 20 {
		write(fmt.Sprintf("d%02d.txt", i), fmt.Sprintf("Cas: kort stuk %d.\n", i))
	}
	dropAndWait(t, w, in)
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no report shown")
	}
	var report string
	for _, o := range allObjectsUnder(top) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "a.txt") {
			report = l.Text
		}
	}
	if n := strings.Count(report, "the disk is full"); n != 1 {
		t.Errorf("the report says the disk is full %d times, want once:\n%s", n, report)
	}
	for _, want := range []string{"✓ a.txt", "✗ not imported: the disk is full: 21 files", "c.txt, d00.txt, d01.txt", "d19.txt"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report does not say %q:\n%s", want, report)
		}
	}
	if len(w.documents.docs) != 1 || w.documents.docs[0].Name != "a.txt" {
		t.Errorf("after the full disk the project holds %+v, want a.txt alone", w.documents.docs)
	}
}

// fillBeforeClose gives the window's project, on a smallDisk, a change that
// makes its file grow, then fills the disk: closing cannot merge the -wal
// into the file (model.ErrNotMerged), a real error for closing to report.
func fillBeforeClose(t *testing.T, nw *MainWindow) {
	t.Helper()
	if _, err := nw.project.AddCode(context.Background(), 0, "Een", "#ff0000", strings.Repeat("Een lange memo. ", 1<<16)); err != nil {
		t.Fatal(err)
	}
	disktest.Fill(t, filepath.Dir(nw.project.Path()))
}
