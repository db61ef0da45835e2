package transcript

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestScrollPositionBringsTheViewBack(t *testing.T) {
	text, blocks := transcriptText(3, 40000)
	v, _ := newTestView(t, text, blocks, fyne.NewSize(600, 400))
	if got := v.ScrollPosition(); got != 0 {
		t.Errorf("at the top: %d, want 0", got)
	}
	v.ScrollTo(25000)
	pos := v.ScrollPosition()
	y := v.scroll.Offset.Y
	if pos == 0 || y == 0 {
		t.Fatalf("after ScrollTo(25000): position %d, offset %v", pos, y)
	}

	// A new view on the same text, as a window reopened, scrolls back to
	// the same place, before and after it is laid out.
	w := New()
	w.SetText(text, blocks)
	w.ScrollTo(pos)
	if got := w.ScrollPosition(); got != pos {
		t.Errorf("before layout: %d, want the pending %d", got, pos)
	}
	w.Resize(fyne.NewSize(600, 400))
	if w.scroll.Offset.Y != y || w.ScrollPosition() != pos {
		t.Errorf("laid out: offset %v and position %d, want %v and %d", w.scroll.Offset.Y, w.ScrollPosition(), y, pos)
	}
}
