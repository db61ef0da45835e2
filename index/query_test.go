package index

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		plain    bool
		scope    Scope
	}{
		{"leren", "AND(leren)", false, ScopeTranscripts},
		{"leren samenwerken", "AND(leren, samenwerken)", false, ScopeTranscripts},
		{`"deel wat je leert" netwerk`, `AND("deel wat je leert", netwerk)`, false, ScopeTranscripts},
		{`„deel wat”`, `AND("deel wat")`, false, ScopeTranscripts},
		{"organis* coöperatie~ reunie~2", "AND(organis*, coöperatie~1, reunie~2)", false, ScopeTranscripts},
		{"+leren -subsidie NOT geld", "AND(leren, NOT subsidie, NOT geld)", false, ScopeTranscripts},
		{"leren OR delen netwerk", "AND(OR(leren, delen), netwerk)", false, ScopeTranscripts},
		{"(leren OR delen) -(geld OR subsidie)", "AND(OR(leren, delen), NOT OR(geld, subsidie))", false, ScopeTranscripts},
		{`speaker:Ana doc:"Interview één" code:"Deel wat je leert"`, `AND(speaker:Ana, doc:"Interview één", code:"Deel wat je leert")`, false, ScopeTranscripts},
		{"-speaker:interviewer Rol:beleids* participant:Bo", "AND(NOT speaker:interviewer, rol:beleids*, speaker:Bo)", false, ScopeTranscripts},
		{"zeilen in:memos", "AND(zeilen)", false, ScopeMemos},
		{"om 10:30 uur", "AND(om, 10:30, uur)", false, ScopeTranscripts},
		{"leren AND delen", "AND(leren, delen)", false, ScopeTranscripts},
		{"well-known e-mail", "AND(well-known, e-mail)", false, ScopeTranscripts},
		// Not valid: plain words.
		{`"deel wat`, "AND(deel, wat)", true, ScopeTranscripts},
		{`"deel wat OR`, "AND(deel, wat)", true, ScopeTranscripts},
		// A dangling operator or bracket is left out.
		{"(leren", "AND(leren)", false, ScopeTranscripts},
		{"leren)", "AND(leren)", false, ScopeTranscripts},
		{"OR leren", "AND(leren)", false, ScopeTranscripts},
		{"leren OR", "AND(leren)", false, ScopeTranscripts},
		{"leren OR OR delen", "AND(OR(leren, delen))", false, ScopeTranscripts},
		{"leren NOT", "AND(leren)", false, ScopeTranscripts},
		{"leren -(", "AND(leren)", false, ScopeTranscripts},
		{"(leren OR delen", "AND(OR(leren, delen))", false, ScopeTranscripts},
		{"leren () delen", "AND(leren, delen)", false, ScopeTranscripts},
		{"(leren OR) netwerk", "AND(leren, netwerk)", false, ScopeTranscripts},
		{"leren NOT OR delen", "AND(OR(leren, delen))", false, ScopeTranscripts},
		{"(leren OR delen)) -geld", "AND(OR(leren, delen), NOT geld)", false, ScopeTranscripts},
		{"lee*ren", "AND(lee, ren)", true, ScopeTranscripts},
		{"speaker: Ana", "AND(speaker:, Ana)", false, ScopeTranscripts},
	} {
		got, err := parseQuery(tc.in)
		if err != nil {
			t.Errorf("parseQuery(%q): %v", tc.in, err)
			continue
		}
		if got.root.String() != tc.want || got.plain != tc.plain || got.scope != tc.scope {
			t.Errorf("parseQuery(%q) = %s (plain %v, scope %v), want %s (plain %v, scope %v)",
				tc.in, got.root, got.plain, got.scope, tc.want, tc.plain, tc.scope)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	for _, in := range []string{"", "  ", "()", "OR", "NOT (", "a*", "leren~5", "in:elders", "(in:memos leren)", "leren OR in:memos", "-in:memos leren"} {
		_, err := parseQuery(in)
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Msg == "" {
			t.Errorf("parseQuery(%q): %v, want a QueryError", in, err)
		}
	}
}

// FuzzQuery checks that no input makes the parser or the translation to a
// bleve query panic, and that every input either searches or explains why
// not.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{`leren "deel wat" -speaker:interviewer (a OR b*) rol:x~ in:all`, `"`, `((((`, `-+-"a"`, `x:"y" OR z:`, "é~2 ’t* 🙂", "a OR OR b", `doc:12 code:"a`} {
		f.Add(s)
	}
	fx := newFixture(f)
	ix, err := Open(context.Background(), fx.p, fx.cache, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { ix.Close() })
	f.Fuzz(func(t *testing.T, q string) {
		pq, err := parseQuery(q)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("parseQuery(%q): %v is not a QueryError", q, err)
			}
			return
		}
		if len(pq.root) == 0 {
			t.Fatalf("parseQuery(%q): empty query without an error", q)
		}
		_ = pq.root.String()
		if _, err := ix.Search(context.Background(), q, SearchOptions{Limit: 3}); err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("Search(%q): %v", q, err)
			}
		}
	})
}

func TestUnknownFilters(t *testing.T) {
	f := newFixture(t)
	ix := f.open(t)
	ctx := context.Background()
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"leren", nil},
		{"doc:interview-ana.txt leren", nil},
		{"doc:INTERVIEW-ANA leren", nil}, // case, and the name without extension
		{`doc:" interview-bo.txt "`, nil},
		{"doc:interview-* leren", nil},
		{"doc:1", nil},
		{`code:"deel wat je leert"`, nil},
		{"doc:interview-anna.txt leren", []string{`no document named "interview-anna.txt"; did you mean "interview-ana.txt"?`}},
		{"leren OR doc:zzz", []string{`no document named "zzz"`}},
		{"-doc:999", []string{`no document named "999"`}},
		{`code:"Deel wat je leerde" doc:nergens*`, []string{`no code named "Deel wat je leerde"; did you mean "Deel wat je leert"?`, `no document name starts with "nergens"`}},
		{"doc:interview-anna~ leren", nil}, // fuzzy: left to the search
		{`"unclosed doc:zzz`, nil},         // not valid syntax: plain words
	} {
		got, err := ix.UnknownFilters(ctx, tc.q)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("UnknownFilters(%q) = %q, %v; want %q", tc.q, got, err, tc.want)
		}
	}
}
