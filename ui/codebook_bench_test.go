package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// BenchmarkCodebookFilter500 types into the codebook's filter, one
// character per iteration, over a codebook of 500 codes (50 themes of 9
// sub-codes each) in the window: the filtering, the list's refresh and the
// layout of the rows on screen. The median per keystroke is reported as
// median-µs/key; a query is cleared (untimed) when it has been typed.
func BenchmarkCodebookFilter500(b *testing.B) {
	test.NewTempApp(b)
	ctx := context.Background()
	p, err := model.Create(ctx, filepath.Join(b.TempDir(), "codes.verbatim"), "nl")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.Close() })
	themes := []string{"Leren", "Motivatie", "Samenwerking", "Coöperatie", "Vertrouwen", "Buurt", "Zorg", "Geld", "Tijd", "Beleid"}
	subs := []string{"delen", "ervaring", "conflict", "netwerk", "kennis", "ruimte", "eigenaarschap", "taal", "ritme"}
	for i := range 50 {
		parent, err := p.AddCode(ctx, 0, fmt.Sprintf("%s %d", themes[i%len(themes)], i), "", "")
		if err != nil {
			b.Fatal(err)
		}
		for j, s := range subs {
			if _, err := p.AddCode(ctx, parent.ID, fmt.Sprintf("%s van %s %d.%d", s, themes[(i+j)%len(themes)], i, j), "", ""); err != nil {
				b.Fatal(err)
			}
		}
	}
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(w.win.Close)
	if n := len(w.codebook.codes); n != 500 {
		b.Fatalf("%d codes", n)
	}
	queries := []string{"samenwerk", "eigenaar", "coop", "ruimte van buurt", "zzz"}
	times := make([]time.Duration, 0, b.N)
	q, at := 0, 0
	b.ResetTimer()
	for range b.N {
		r := []rune(queries[q])[at]
		start := time.Now()
		w.codebook.filter.TypedRune(r)
		times = append(times, time.Since(start))
		if at++; at == len([]rune(queries[q])) {
			b.StopTimer()
			w.codebook.filter.SetText("")
			q, at = (q+1)%len(queries), 0
			b.StartTimer()
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "median-µs/key")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs/key")
}
