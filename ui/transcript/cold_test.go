package transcript

import (
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestColdTiming(t *testing.T) {
	// random words: a big vocabulary, like a real transcript
	r := rand.New(rand.NewSource(1))
	var b strings.Builder
	var blocks []Block
	n := 0
	for n < 300000 {
		start := n
		if n > 0 {
			b.WriteString("\n")
			n++
			start = n
		}
		s := "Ana: "
		for range 80 {
			w := make([]rune, 2+r.Intn(9))
			for i := range w {
				w[i] = rune('a' + r.Intn(26))
			}
			s += string(w) + " "
		}
		b.WriteString(s)
		n += utf8.RuneCountInString(s)
		blocks = append(blocks, Block{Start: start, End: n, Speaker: "Ana"})
	}
	text := b.String()
	test.NewTempApp(t)
	t0 := time.Now()
	fyne.MeasureText("warm", 14, fyne.TextStyle{})
	fyne.MeasureText("warm", 14, fyne.TextStyle{Bold: true})
	t.Logf("font load %v", time.Since(t0))
	v := New()
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(900, 700))
	t0 = time.Now()
	v.SetText(text, blocks)
	t1 := time.Now()
	w.Canvas().Capture()
	t2 := time.Now()
	t.Logf("cold SetText+layout %v (%d runes, %d lines, %d words cached), first capture %v", t1.Sub(t0), v.lay.n, len(v.lay.lines), len(v.lay.words[0]), t2.Sub(t1))
	t0 = time.Now()
	w.Resize(fyne.NewSize(700, 700))
	t.Logf("resize 900->700 rewrap %v", time.Since(t0))
	v2 := New()
	w.SetContent(v2)
	t0 = time.Now()
	v2.SetText(text, blocks)
	t.Logf("second view, same text (fyne metrics cache warm) %v", time.Since(t0))
}
