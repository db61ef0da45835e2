package transcript

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// BenchmarkSetText300k measures SetText plus the first layout of a
// 300,000-character transcript in a 900×700 view (no painting).
func BenchmarkSetText300k(b *testing.B) {
	text, blocks := transcriptText(1, 300000)
	test.NewTempApp(b)
	for b.Loop() {
		v := New()
		w := test.NewWindow(v)
		w.Resize(fyne.NewSize(900, 700))
		v.SetText(text, blocks)
		w.Close()
	}
}

// BenchmarkSetText300kRandomWords is BenchmarkSetText300k over ~35,000
// distinct words: wrapping costs the same whatever the vocabulary.
func BenchmarkSetText300kRandomWords(b *testing.B) {
	text, blocks := randomWordsText(1, 300000)
	test.NewTempApp(b)
	for b.Loop() {
		v := New()
		w := test.NewWindow(v)
		w.Resize(fyne.NewSize(900, 700))
		v.SetText(text, blocks)
		w.Close()
	}
}

// BenchmarkScrollStep measures one scroll step of 200 in a 300,000-character
// transcript with codings: the page rebuilds the objects in view.
func BenchmarkScrollStep(b *testing.B) {
	text, blocks := transcriptText(1, 300000)
	v, w := newTestView(b, text, blocks, fyne.NewSize(900, 700))
	var hs []Highlight
	for i := 0; i < 299000; i += 500 {
		hs = append(hs, Highlight{Start: i, End: i + 300, Color: blue, ID: int64(i)}, Highlight{Start: i + 100, End: i + 120, Color: red, ID: int64(-i)})
	}
	v.SetHighlights(hs)
	pos := fyne.NewPos(300, 300)
	for b.Loop() {
		test.Scroll(w.Canvas(), pos, 0, -200)
		if v.scroll.Offset.Y >= v.lay.height-800 {
			v.scrollToY(0)
		}
	}
}

// BenchmarkScrollStepPainted adds the software painting of the test driver
// to each step, an upper bound for a frame.
func BenchmarkScrollStepPainted(b *testing.B) {
	text, blocks := transcriptText(1, 300000)
	v, w := newTestView(b, text, blocks, fyne.NewSize(900, 700))
	pos := fyne.NewPos(300, 300)
	for b.Loop() {
		test.Scroll(w.Canvas(), pos, 0, -200)
		w.Canvas().Capture()
		if v.scroll.Offset.Y >= v.lay.height-800 {
			v.scrollToY(0)
		}
	}
}

// BenchmarkRewrap measures rewrapping 300,000 characters after a resize.
func BenchmarkRewrap(b *testing.B) {
	text, blocks := transcriptText(1, 300000)
	v, w := newTestView(b, text, blocks, fyne.NewSize(900, 700))
	width := float32(900)
	for b.Loop() {
		width = 1700 - width // 900, 800, 900, ...
		w.Resize(fyne.NewSize(width, 700))
	}
	_ = v
}
