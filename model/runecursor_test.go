package model

import (
	"math/rand/v2"
	"testing"
)

// TestRuneCursor: the cursor cuts what []rune slicing cuts, in any order,
// from text with multi-byte runes and invalid bytes.
func TestRuneCursor(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "é", "€", "🙂", "\xff", "\xe2\x82", " ", "\n"}
	for round := range 200 {
		var b []byte
		for range r.IntN(60) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		text := string(b)
		runes := []rune(text)
		c := runeCursor{text: text}
		for range 20 {
			if len(runes) == 0 {
				break
			}
			s := r.IntN(len(runes))
			e := s + 1 + r.IntN(len(runes)-s)
			if got, want := c.slice(s, e), string(runes[s:e]); got != want {
				t.Fatalf("round %d: %q[%d:%d] = %q, want %q", round, text, s, e, got, want)
			}
		}
	}
}
