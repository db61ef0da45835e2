package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// matchedWords runs a query and returns the text at every matched range, as
// read from the documents themselves, in "doc:word" form, sorted.
func matchedWords(t *testing.T, f *fixture, ix *Index, q string) ([]string, Results) {
	t.Helper()
	ctx := context.Background()
	res, err := ix.Search(ctx, q, SearchOptions{})
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	var words []string
	for _, h := range res.Hits {
		text, err := f.p.Text(ctx, h.DocID)
		if err != nil {
			t.Fatal(err)
		}
		r := []rune(text)
		if h.Start < 0 || h.End > len(r) || string(r[h.Start:h.End]) != h.Text {
			t.Errorf("%q: passage %d:%d is not the passage text %q", q, h.Start, h.End, h.Text)
		}
		for _, m := range h.Matches {
			words = append(words, h.Document[:strings.IndexByte(h.Document, '.')]+":"+string(r[m.Start:m.End]))
		}
	}
	slices.Sort(words)
	return words, res
}

func TestSearch(t *testing.T) {
	f := newFixture(t)
	ix := f.open(t)
	for _, tc := range []struct {
		query string
		want  []string // doc:word at each matched range
		hits  int      // passages; -1: do not check
	}{
		// Dutch word forms through the lemma table and stemmer.
		{"leren", []string{"interview-ana:geleerd", "interview-ana:leerde", "interview-ana:leren", "interview-bo:leert", "notities:leert"}, 5},
		{"organiseren", []string{"interview-ana:organiseerden", "interview-bo:organiseer", "interview-bo:organiseer"}, 3},
		{"coöperatie", []string{"interview-ana:coöperaties", "notities:coöperatie"}, 2},
		{"cooperatie", []string{"interview-ana:coöperaties", "notities:coöperatie"}, 2},
		{"verbindingen", []string{"interview-bo:Verbindingen", "interview-bo:verbinding"}, 1},
		{"patient", []string{"interview-ana:patiënten", "interview-ana:patiënten"}, 2},
		{"reünies", []string{"interview-ana:reünie"}, 1},
		// Phrases are exact, stop words included.
		{`"deel wat je leert"`, []string{"interview-bo:Deel", "interview-bo:je", "interview-bo:leert", "interview-bo:wat", "notities:deel", "notities:je", "notities:leert", "notities:wat"}, 2},
		{`"zorg voor de patiënten"`, []string{"interview-ana:de", "interview-ana:patiënten", "interview-ana:voor", "interview-ana:zorg"}, 1},
		{`"zorg voor patiënten"`, nil, 0},
		{`"met ’t team"`, []string{"interview-ana:met", "interview-ana:t", "interview-ana:team"}, 1},
		// Prefix and fuzzy.
		{"organis*", []string{"interview-ana:organiseerden", "interview-bo:organiseer", "interview-bo:organiseer"}, 3},
		{"subsidei~", []string{"interview-bo:subsidie"}, 1},
		{"bijenkomsten~", []string{"interview-bo:bijeenkomsten"}, 1},
		{"cafe", []string{"interview-ana:café", "notities:café"}, 2},
		// Booleans.
		{"café OR subsidie", []string{"interview-ana:café", "interview-bo:subsidie", "notities:café"}, 3},
		{"café -coöperatie", nil, 0},
		{"café -team", []string{"notities:café"}, 1},
		{"café NOT paragraaf", []string{"interview-ana:café"}, 1},
		{"+café +team", []string{"interview-ana:café", "interview-ana:team"}, 1},
		{"(café OR subsidie) team", []string{"interview-ana:café", "interview-ana:team"}, 1},
		// Filters.
		{"leren speaker:Ana", []string{"interview-ana:leerde", "interview-ana:leren"}, 2},
		{"leren speaker:an*", []string{"interview-ana:leerde", "interview-ana:leren"}, 2},
		{"organiseren -speaker:interviewer", []string{"interview-ana:organiseerden", "interview-bo:organiseer"}, 2},
		{"organiseren speaker:interviewer", []string{"interview-bo:organiseer"}, 1},
		{"speaker:interviewer", nil, 3},
		{"leren doc:interview-bo", []string{"interview-bo:leert"}, 1},
		{"leren doc:notities.txt", []string{"notities:leert"}, 1},
		{`code:"deel wat je leert"`, nil, 1},
		{`leren -code:"Deel wat je leert"`, []string{"interview-ana:geleerd", "interview-ana:leerde", "interview-ana:leren", "notities:leert"}, 4},
		{"rol:beleidsmaker", nil, 2},
		{"leren rol:uitvoerder", []string{"interview-bo:leert"}, 1},
		{"rol:uitvoerder OR rol:beleidsmaker", nil, 4},
		// Not valid syntax: plain words.
		{`"deel wat`, []string{"interview-ana:delen", "interview-ana:wat", "interview-bo:Deel", "interview-bo:wat", "notities:deel", "notities:wat"}, -1},
		{"(subsidie", []string{"interview-bo:subsidie"}, 1},
	} {
		t.Run(tc.query, func(t *testing.T) {
			got, res := matchedWords(t, f, ix, tc.query)
			if tc.hits >= 0 && len(res.Hits) != tc.hits {
				t.Errorf("%q: %d hits, want %d", tc.query, len(res.Hits), tc.hits)
			}
			if tc.want != nil && !slices.Equal(got, tc.want) {
				t.Errorf("%q matched %q, want %q", tc.query, got, tc.want)
			}
		})
	}
}

func TestSearchErrors(t *testing.T) {
	f := newFixture(t)
	ix := f.open(t)
	for _, q := range []string{"", "   ", "a*", "leren~3", "in:elders leren", "— …"} {
		_, err := ix.Search(context.Background(), q, SearchOptions{})
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("Search(%q): error %v, want a QueryError", q, err)
		}
	}
	res, err := ix.Search(context.Background(), `"deel wat`, SearchOptions{})
	if err != nil || !res.Plain {
		t.Errorf("unclosed quote: plain %v, err %v; want a plain-word search", res.Plain, err)
	}
}

func TestFacetsAndPaging(t *testing.T) {
	f := newFixture(t)
	ix := f.open(t)
	ctx := context.Background()
	res, err := ix.Search(ctx, "leren OR café OR organiseren", SearchOptions{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 7 || len(res.Hits) != 2 {
		t.Errorf("total %d, page %d; want 7 and 2", res.Total, len(res.Hits))
	}
	want := []Count{{"interview-ana.txt", 3}, {"interview-bo.txt", 2}, {"notities.txt", 2}}
	if !slices.Equal(res.Documents, want) {
		t.Errorf("documents %v, want %v", res.Documents, want)
	}
	if wantS := []Count{{"Ana", 2}, {"Interviewer", 2}, {"Bo", 1}}; !slices.Equal(res.Speakers, wantS) {
		t.Errorf("speakers %v, want %v", res.Speakers, wantS)
	}
	if wantC := []Count{{"Deel wat je leert", 1}}; !slices.Equal(res.Codes, wantC) {
		t.Errorf("codes %v, want %v", res.Codes, wantC)
	}
	var all []string
	for off := 0; off < 7; off += 2 {
		page, err := ix.Search(ctx, "leren OR café OR organiseren", SearchOptions{Limit: 2, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range page.Hits {
			all = append(all, h.Text)
		}
	}
	slices.Sort(all)
	if len(slices.Compact(all)) != 7 {
		t.Errorf("paging gave %d distinct hits, want 7", len(slices.Compact(all)))
	}
}

// TestRuneRanges checks that matches behind multi-byte characters (é ’ € and
// an emoji) point at the words, and that the snippet marks them.
func TestRuneRanges(t *testing.T) {
	f := newFixture(t)
	ix := f.open(t)
	res, err := ix.Search(context.Background(), "organiseren reünie", SearchOptions{Context: 20})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("hits %v, err %v", res.Hits, err)
	}
	h := res.Hits[0]
	text, _ := f.p.Text(context.Background(), h.DocID)
	r := []rune(text)
	var got []string
	for _, m := range h.Matches {
		got = append(got, string(r[m.Start:m.End]))
	}
	if want := []string{"organiseerden", "reünie"}; !slices.Equal(got, want) {
		t.Errorf("ranges read %q, want %q", got, want)
	}
	sr := []rune(h.Snippet)
	for _, m := range h.SnippetMatches {
		if w := string(sr[m.Start:m.End]); w != "organiseerden" && w != "reünie" {
			t.Errorf("snippet %q marks %q", h.Snippet, w)
		}
	}
	if !strings.Contains(h.Snippet, "🙂 we organiseerden") {
		t.Errorf("snippet %q", h.Snippet)
	}
}

// TestCounts checks that Counts gives the counts and total of Search.
func TestCounts(t *testing.T) {
	f := newFixture(t)
	ix := f.open(t)
	ctx := context.Background()
	for _, q := range []string{"leren OR café OR organiseren", "speaker:interviewer", "in:all deel", "e-mail"} {
		res, err := ix.Search(ctx, q, SearchOptions{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		c, err := ix.Counts(ctx, q, SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if c.Total != res.Total || len(c.Hits) != 0 || !slices.Equal(c.Documents, res.Documents) ||
			!slices.Equal(c.Speakers, res.Speakers) || !slices.Equal(c.Codes, res.Codes) {
			t.Errorf("%q: Counts %+v, Search %+v", q, c, res)
		}
		rows, _ := ix.Search(ctx, q, SearchOptions{Limit: 1, Facets: -1})
		if rows.Total != res.Total || rows.Documents != nil || rows.Speakers != nil || rows.Codes != nil {
			t.Errorf("%q: Search without counts %+v", q, rows)
		}
	}
	if _, err := ix.Counts(ctx, "a*", SearchOptions{}); err == nil {
		t.Error("Counts(a*): no error")
	}
}
