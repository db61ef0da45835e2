package transcript

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestTypingIsPassedOn(t *testing.T) {
	v, w := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
	test.TapCanvas(w.Canvas(), posOf(v, 3))
	if w.Canvas().Focused() != v.page {
		t.Fatalf("focused after a click: got %v, want the transcript", w.Canvas().Focused())
	}
	test.Type(w.Canvas().Focused(), "x") // no OnTypedRune: ignored
	var got []rune
	v.OnTypedRune = func(r rune) { got = append(got, r) }
	v.Select(2, 6)
	test.Type(w.Canvas().Focused(), "1ë")
	if string(got) != "1ë" {
		t.Errorf("passed on: got %q, want %q", string(got), "1ë")
	}
	if s, e := v.Selection(); s != 2 || e != 6 {
		t.Errorf("typing changed the selection to [%d,%d), want [2,6)", s, e)
	}
}
