package model

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// NotFoundError says no document or code has a name, with the closest name
// there is. errors.Is(err, ErrNotFound) is true for it.
type NotFoundError struct {
	Kind    string // "document" or "code"
	Name    string // the name asked for
	Closest string // the nearest existing name, "" when none is near
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no %s named %q", e.Kind, e.Name)
	if e.Closest != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Closest)
	}
	return msg
}

// Is makes errors.Is(err, ErrNotFound) true for a NotFoundError.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// Closest returns the name of names nearest to ref, ignoring case and
// surrounding spaces: one that starts with it or contains it, else the one
// fewest letters off (at most a third of its length, and at least two),
// else "". Ties go to the first.
func Closest(names []string, ref string) string {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if ref == "" {
		return ""
	}
	best, bestScore := "", -1
	for _, n := range names {
		low := strings.ToLower(strings.TrimSpace(n))
		var score int
		switch {
		case strings.HasPrefix(low, ref) || strings.HasPrefix(ref, low) && low != "":
			score = 0
		case strings.Contains(low, ref):
			score = 1
		default:
			d := editDistance(low, ref)
			if d > max(2, utf8.RuneCountInString(ref)/3) {
				continue
			}
			score = 1 + d
		}
		if bestScore < 0 || score < bestScore {
			best, bestScore = n, score
		}
	}
	return best
}

// editDistance is the number of letters to insert, delete or replace to
// make a into b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
