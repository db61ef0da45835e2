package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
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
