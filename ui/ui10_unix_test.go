//go:build unix

package ui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestImportReportSkipsPipe drops a folder holding a named pipe: the import
// does not wait on it, and the report lists it as skipped.
func TestImportReportSkipsPipe(t *testing.T) {
	w, _ := newTestWindow(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "c – Chris.txt"), []byte("Interviewer: Wat drijft je?\nChris: Nieuwsgierigheid.\nInterviewer: Meer?\nChris: Nee.\n"), 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "pijp.txt"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	dropAndWait(t, w, dir)
	if got, want := w.status.Text, "Import: 1 imported, 0 duplicates, 0 not imported, 1 skipped"; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	if report := labelTexts(w.win.Canvas().Overlays().Top()); !strings.Contains(report, "– pijp.txt: skipped, ") {
		t.Errorf("the pipe is not listed as skipped:\n%s", report)
	}
}
