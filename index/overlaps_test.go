package index

import (
	"math/rand/v2"
	"slices"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

// TestOverlaps: the sweep finds, for every turn, the codings that every
// coding tested against the turn finds, in the same order, with codings in
// the order Codings gives them and in any order, and turns out of order.
func TestOverlaps(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		var turns []model.Turn
		for pos := 0; pos < 500; {
			n := 1 + r.IntN(40)
			turns = append(turns, model.Turn{Start: pos, End: pos + n})
			pos += n + r.IntN(3)
		}
		var codings []model.Coding
		for i := range r.IntN(60) {
			s := r.IntN(520)
			codings = append(codings, model.Coding{ID: int64(i), Start: s, End: s + 1 + r.IntN(1+r.IntN(200))})
		}
		sorted := round%3 != 0
		if sorted {
			slices.SortStableFunc(codings, func(a, b model.Coding) int { return a.Start - b.Start })
		}
		if round%5 == 0 {
			r.Shuffle(len(turns), func(i, j int) { turns[i], turns[j] = turns[j], turns[i] })
		}
		o := newOverlaps(codings)
		for _, tn := range turns {
			var want []int64
			for _, c := range o.byStart {
				if c.Start < tn.End && c.End > tn.Start {
					want = append(want, c.ID)
				}
			}
			var got []int64
			for _, c := range o.with(tn) {
				got = append(got, c.ID)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, turn %d:%d: got %v, want %v", round, tn.Start, tn.End, got, want)
			}
			if sorted {
				var brute []int64
				for _, c := range codings {
					if c.Start < tn.End && c.End > tn.Start {
						brute = append(brute, c.ID)
					}
				}
				if !slices.Equal(got, brute) {
					t.Fatalf("round %d: got %v, the loop over every coding %v", round, got, brute)
				}
			}
		}
	}
}
