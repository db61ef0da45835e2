package transcript

import (
	"flag"
	"fmt"
	"image/color"
	"math/rand"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

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

// codings2000 makes 2,000 codings of 20 codes over n runes: passages of a
// few words to a few sentences, many of them overlapping.
func codings2000(n int) []Highlight {
	r := rand.New(rand.NewSource(7))
	colours := []color.NRGBA{red, green, blue}
	hs := make([]Highlight, 2000)
	for i := range hs {
		code := r.Intn(20)
		start := r.Intn(n - 700)
		c := colours[code%len(colours)]
		c.A = 0x59
		hs[i] = Highlight{Start: start, End: start + 20 + r.Intn(600), Color: c, ID: int64(i + 1), Code: int64(code + 1), Rank: code, Name: fmt.Sprintf("Code %d", code+1)}
	}
	slices.SortFunc(hs, func(a, b Highlight) int { return a.Start - b.Start })
	return hs
}

// reportMedian reports the median of the times measured, in ms: a mean
// hides the occasional garbage collection a median shows as it is.
func reportMedian(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
}

// BenchmarkLayout300kWith2000Codings opens a 300,000-character transcript
// with 2,000 codings in a 900×700 view: SetText, SetHighlights and the first
// layout of what is in view (no painting).
func BenchmarkLayout300kWith2000Codings(b *testing.B) {
	text, blocks := transcriptText(1, 300000)
	hs := codings2000(utf8.RuneCountInString(text))
	test.NewTempApp(b)
	var times []time.Duration
	for b.Loop() {
		t0 := time.Now()
		v := New()
		w := test.NewWindow(v)
		w.Resize(fyne.NewSize(900, 700))
		v.SetText(text, blocks)
		v.SetHighlights(hs)
		times = append(times, time.Since(t0))
		w.Close()
	}
	reportMedian(b, times)
}

// BenchmarkPageScroll300kWith2000Codings scrolls that transcript down by a
// page at a time, as Page Down does: the page rebuilds the objects in view.
// Every page is one not seen before, whose text is measured for the first
// time: at the end the view moves on to another transcript (untimed).
func BenchmarkPageScroll300kWith2000Codings(b *testing.B) {
	seed := int64(1)
	text, blocks := transcriptText(seed, 300000)
	v, _ := newTestView(b, text, blocks, fyne.NewSize(900, 700))
	v.SetHighlights(codings2000(v.lay.n))
	page := v.scroll.Size().Height
	var times []time.Duration
	for b.Loop() {
		t0 := time.Now()
		v.scrollToY(v.scroll.Offset.Y + page)
		times = append(times, time.Since(t0))
		if v.scroll.Offset.Y >= v.lay.height-2*page {
			b.StopTimer()
			seed++
			v.SetText(transcriptText(seed, 300000))
			v.SetHighlights(codings2000(v.lay.n))
			b.StartTimer()
		}
	}
	reportMedian(b, times)
}

// BenchmarkApplyCodingAndRedraw300k is the view's part of applying a code:
// the window gives it all 2,001 codings again and the page redraws. With
// -painted it includes the test driver's software painting of the frame.
func BenchmarkApplyCodingAndRedraw300k(b *testing.B) {
	text, blocks := transcriptText(1, 300000)
	v, w := newTestView(b, text, blocks, fyne.NewSize(900, 700))
	hs := codings2000(v.lay.n)
	mid := v.lay.n / 2
	v.ScrollTo(mid)
	v.SetHighlights(hs)
	with := append(slices.Clone(hs), Highlight{Start: mid, End: mid + 80, Color: red, ID: 9999, Code: 99, Name: "New"})
	var times []time.Duration
	i := 0
	for b.Loop() {
		h := hs
		if i%2 == 0 {
			h = with // applied, then undone, then applied again
		}
		i++
		t0 := time.Now()
		v.SetHighlights(h)
		if *painted {
			w.Canvas().Capture()
		}
		times = append(times, time.Since(t0))
	}
	reportMedian(b, times)
}

var painted = flag.Bool("painted", false, "benchmarks: paint each frame with the test driver")
