package ui

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// BenchmarkApplyCodingAndRedraw300k applies a code to a selection in the
// window as clicking the code does, on a 300,000-character interview with
// 2,000 codings of 20 codes: the coding and its commit, the documents and
// codebook read again, the interview's codings read and given to the
// transcript, which redraws what is in view. Each coding is undone again,
// untimed. The median is reported as ms-median.
func BenchmarkApplyCodingAndRedraw300k(b *testing.B) {
	test.NewTempApp(b)
	ctx := context.Background()
	p, err := model.Create(ctx, filepath.Join(b.TempDir(), "big.verbatim"), "nl")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.Close() })
	doc := bigInterview(b, p, 300000)
	r := rand.New(rand.NewSource(5))
	var codes []model.Code
	for i := range 20 {
		c, err := p.AddCode(ctx, 0, fmt.Sprintf("Code %d", i+1), "", "")
		if err != nil {
			b.Fatal(err)
		}
		codes = append(codes, c)
	}
	spans := make([][]model.Span, len(codes))
	for range 2000 {
		s := r.Intn(doc.n - 700)
		k := r.Intn(len(codes))
		spans[k] = append(spans[k], model.Span{DocID: doc.id, Start: s, End: s + 20 + r.Intn(600)})
	}
	for k, ss := range spans {
		if _, err := p.ApplyCodes(ctx, codes[k].ID, ss); err != nil {
			b.Fatal(err)
		}
	}
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(w.win.Close)
	w.win.Resize(fyne.NewSize(1200, 760))
	if len(w.highlights) < 1900 {
		b.Fatalf("%d codings shown", len(w.highlights))
	}
	mid := doc.n / 2
	w.transcript.ScrollTo(mid)
	var times []time.Duration
	i := 0
	for b.Loop() {
		w.transcript.Select(mid+i%50, mid+80+i%50)
		i++
		t0 := time.Now()
		w.onCodeChosen(codes[0])
		times = append(times, time.Since(t0))
		b.StopTimer()
		if _, err := p.Undo(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
}

type bigDoc struct {
	id int64
	n  int // runes
}

// bigInterview imports an interview of about n runes: turns of two
// speakers, labelled in the text as importers keep them.
func bigInterview(b *testing.B, p *model.Project, n int) bigDoc {
	b.Helper()
	r := rand.New(rand.NewSource(1))
	words := strings.Fields("dat je deelt wat je leert ook in het café en de buurt met mijn eigen drive motivatie samen organiseren patronen doorbreken verbindingen gemeente inwoners")
	var text strings.Builder
	nd := model.NewDocument{Name: "Groot interview.txt", Format: "txt"}
	pos := 0
	for turn := 0; pos < n; turn++ {
		speaker := []string{"Interviewer", "Ana"}[turn%2]
		var t strings.Builder
		t.WriteString(speaker + ":")
		for range 10 + r.Intn(150) {
			t.WriteString(" " + words[r.Intn(len(words))])
		}
		t.WriteString(".")
		l := utf8.RuneCountInString(t.String())
		nd.Turns = append(nd.Turns, model.NewTurn{Start: pos, End: pos + l, Speaker: speaker})
		text.WriteString(t.String() + "\n")
		pos += l + 1
	}
	nd.Text = text.String()
	d, err := p.ImportDocument(context.Background(), nd)
	if err != nil {
		b.Fatal(err)
	}
	return bigDoc{id: d.ID, n: pos}
}
