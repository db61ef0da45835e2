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
	if line := v.lay.line(v.lay.lineOf(pos)); line.start != pos || line.y+v.lay.sp.lineH/2 < y || line.y > y+v.lay.sp.lineH {
		t.Errorf("the position %d is in the line from %d at %v, want the start of the line at the top of the view, %v", pos, line.start, line.y, y)
	}

	// A new view on the same text, as a window reopened, comes back to
	// the same line at the top, though it is first laid out narrow and
	// low, as a window's first layout is.
	w := New()
	w.SetText(text, blocks)
	w.Resize(fyne.NewSize(240, 300))
	w.ScrollToTop(pos)
	w.Resize(fyne.NewSize(600, 400))
	if w.ScrollPosition() != pos || abs(w.scroll.Offset.Y-y) >= v.lay.sp.lineH {
		t.Errorf("laid out again: offset %v and position %d, want %v and %d", w.scroll.Offset.Y, w.ScrollPosition(), y, pos)
	}

	// Back at the start, the view shows its top margin too: a transcript
	// left at the top reopens at the top.
	w.ScrollToTop(0)
	if w.scroll.Offset.Y != 0 || w.ScrollPosition() != 0 {
		t.Errorf("back at the start: offset %v and position %d, want 0 and 0", w.scroll.Offset.Y, w.ScrollPosition())
	}

	// Before any layout, it scrolls as ScrollTo does, when laid out.
	u := New()
	u.SetText(text, blocks)
	u.ScrollToTop(pos)
	if got := u.ScrollPosition(); got != pos {
		t.Errorf("before layout: %d, want the pending %d", got, pos)
	}
}
