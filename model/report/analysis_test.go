package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
)

// analysis builds an analysis report as Build does, without going through
// Build, whose result type is another engineer's to change.
func analysis(t *testing.T, p *model.Project, kind Kind, opts Options) (*export.Doc, error) {
	t.Helper()
	ctx := context.Background()
	d, err := load(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Lang == "" {
		opts.Lang = d.lang
	}
	b := &builder{ctx: ctx, p: p, d: d, opts: opts, w: wordsFor(opts.Lang)}
	switch kind {
	case Frequencies:
		return b.frequencies()
	case Matrix:
		return b.matrix()
	case Cooccurrence:
		return b.cooccurrence()
	case Presence:
		return b.presence()
	}
	t.Fatalf("kind %q is not an analysis", kind)
	return nil, nil
}

func mustAnalysis(t *testing.T, p *model.Project, kind Kind, opts Options) *export.Doc {
	t.Helper()
	doc, err := analysis(t, p, kind, opts)
	if err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return doc
}

// onlyTable is the Doc's one table: a CSV file holds one.
func onlyTable(t *testing.T, doc *export.Doc) *export.Table {
	t.Helper()
	tables := doc.Tables()
	if len(tables) != 1 {
		t.Fatalf("%s: %d tables, want 1", doc.Title, len(tables))
	}
	return tables[0]
}

// grid is a table as a map from row label (its first cell) to column title
// to cell text.
func grid(t *testing.T, tb *export.Table) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, row := range tb.Rows {
		if len(row) != len(tb.Columns) {
			t.Fatalf("row %q has %d cells, want %d", row[0].Text, len(row), len(tb.Columns))
		}
		m := map[string]string{}
		for i, c := range row {
			m[tb.Columns[i].Title] = c.Text
		}
		out[row[0].Text] = m
	}
	return out
}

// checkGrid compares the cells want names with the table's.
func checkGrid(t *testing.T, tb *export.Table, want map[string]map[string]string) {
	t.Helper()
	got := grid(t, tb)
	for row, cols := range want {
		if got[row] == nil {
			t.Errorf("no row %q (rows: %v)", row, keys(got))
			continue
		}
		for col, v := range cols {
			g, ok := got[row][col]
			if !ok {
				t.Errorf("no column %q (columns: %v)", col, titles(tb))
				continue
			}
			if g != v {
				t.Errorf("%s × %s: got %q, want %q", row, col, g, v)
			}
		}
	}
}

func keys(m map[string]map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

func titles(tb *export.Table) []string {
	var out []string
	for _, c := range tb.Columns {
		out = append(out, c.Title)
	}
	return out
}

func TestFrequenciesFixture(t *testing.T) {
	fx := newFixture(t)
	cols := []string{"Codings", "Documents", "Participants", "Codings (with sub-codes)",
		"Documents (with sub-codes)", "Participants (with sub-codes)", "% of documents (with sub-codes)"}
	row := func(v ...string) map[string]string {
		m := map[string]string{}
		for i, c := range cols {
			m[c] = v[i]
		}
		return m
	}
	for _, tc := range []struct {
		name   string
		filter Filter
		want   map[string]map[string]string
		rows   []string
	}{
		{
			name:   "interviewers left out",
			filter: Filter{NoInterviewers: true},
			want: map[string]map[string]string{
				"Methods":                         row("1", "1", "1", "3", "2", "2", "66.7"),
				"Methods > Participatory methods": row("2", "2", "2", "2", "2", "2", "66.7"),
				"Tools":                           row("1", "1", "1", "1", "1", "1", "33.3"),
				"Sharing":                         row("1", "1", "1", "1", "1", "1", "33.3"),
			},
			rows: []string{"Methods", "Methods > Participatory methods", "Tools", "Sharing"},
		},
		{
			// The interviewer's question coded Methods counts, and the
			// interviewer is one more participant.
			name:   "interviewers counted",
			filter: Filter{},
			want: map[string]map[string]string{
				"Methods":                         row("2", "1", "2", "4", "2", "3", "66.7"),
				"Methods > Participatory methods": row("2", "2", "2", "2", "2", "2", "66.7"),
			},
			rows: []string{"Methods", "Methods > Participatory methods", "Tools", "Sharing"},
		},
		{
			// A code filter chooses the rows; the counts with sub-codes
			// still include the sub-code.
			name:   "one code",
			filter: Filter{NoInterviewers: true, Codes: []int64{fx.codes["Methods"].ID}},
			want: map[string]map[string]string{
				"Methods": row("1", "1", "1", "3", "2", "2", "66.7"),
			},
			rows: []string{"Methods"},
		},
		{
			// With a document filter the share is of the documents chosen.
			name:   "one document",
			filter: Filter{NoInterviewers: true, Documents: []int64{fx.docs["David.txt"].ID}},
			want: map[string]map[string]string{
				"Methods": row("0", "0", "0", "1", "1", "1", "100.0"),
				"Tools":   row("1", "1", "1", "1", "1", "1", "100.0"),
				"Sharing": row("0", "0", "0", "0", "0", "0", "0.0"),
			},
			rows: []string{"Methods", "Methods > Participatory methods", "Tools", "Sharing"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustAnalysis(t, fx.p, Frequencies, Options{Filter: tc.filter})
			tb := onlyTable(t, doc)
			checkGrid(t, tb, tc.want)
			var rows []string
			for _, r := range tb.Rows {
				rows = append(rows, r[0].Text)
			}
			if strings.Join(rows, "|") != strings.Join(tc.rows, "|") {
				t.Errorf("rows: got %q, want %q (tree order)", rows, tc.rows)
			}
			if got := tb.Rows[0][0].Fill; got != fx.codes[strings.Split(tc.rows[0], " > ")[0]].Color {
				t.Errorf("first code's fill: got %q, want its colour", got)
			}
			for _, r := range tb.Rows {
				for i, c := range r[1:] {
					if !c.Numeric {
						t.Errorf("%s, %s: %q is not numeric", r[0].Text, tb.Columns[i+1].Title, c.Text)
					}
				}
			}
			if n := len(doc.Images()); n != 1 {
				t.Errorf("images: got %d, want 1 chart", n)
			}
			if _, ok := doc.Blocks[len(doc.Blocks)-1].(*export.Image); !ok {
				t.Errorf("the last block is %T, want the chart after the table", doc.Blocks[len(doc.Blocks)-1])
			}
		})
	}
}

func TestFrequenciesDutchAndEmpty(t *testing.T) {
	fx := newFixture(t)
	doc := mustAnalysis(t, fx.p, Frequencies, Options{Lang: "nl", Filter: Filter{NoInterviewers: true}})
	if doc.Title != "Codefrequenties" {
		t.Errorf("Dutch title: got %q, want Codefrequenties", doc.Title)
	}
	if got := titles(onlyTable(t, doc)); got[4] != "Coderingen (met subcodes)" {
		t.Errorf("Dutch column 5: got %q, want Coderingen (met subcodes)", got[4])
	}
	if !strings.Contains(doc.Subtitle, "zonder interviewers") {
		t.Errorf("subtitle %q does not say the interviewers are left out", doc.Subtitle)
	}
	_, err := analysis(t, fx.p, Frequencies, Options{Filter: Filter{Coders: []string{"nobody"}}})
	if !errors.Is(err, ErrNothingSelected) {
		t.Errorf("no codings selected: got %v, want ErrNothingSelected", err)
	}
	_, err = analysis(t, fx.p, Frequencies, Options{Filter: Filter{Codes: []int64{9999}}})
	if !errors.Is(err, model.ErrNotFound) {
		t.Errorf("an unknown code: got %v, want ErrNotFound", err)
	}
}

func TestMatrixFixture(t *testing.T) {
	fx := newFixture(t)
	const part = "Methods > Participatory methods"
	for _, tc := range []struct {
		name, by, title string
		noInterviewers  bool
		columns         []string
		want            map[string]map[string]string
	}{
		{
			name: "by document", noInterviewers: true, title: "Codes by document",
			columns: []string{"Code", "Ana.txt", "David.txt", "Peter.txt", "Total"},
			want: map[string]map[string]string{
				"Methods": {"Ana.txt": "1", "David.txt": "0", "Peter.txt": "0", "Total": "1"},
				part:      {"Ana.txt": "1", "David.txt": "1", "Total": "2"},
				"Tools":   {"David.txt": "1", "Total": "1"},
				"Sharing": {"Peter.txt": "1", "Total": "1"},
				"Total":   {"Ana.txt": "2", "David.txt": "2", "Peter.txt": "1", "Total": "5"},
			},
		},
		{
			name: "by document with interviewers", title: "Codes by document",
			columns: []string{"Code", "Ana.txt", "David.txt", "Peter.txt", "Total"},
			want: map[string]map[string]string{
				"Methods": {"Ana.txt": "2", "Total": "2"},
				"Total":   {"Ana.txt": "3", "Total": "6"},
			},
		},
		{
			name: "by participant", by: "participant", noInterviewers: true, title: "Codes by participant",
			columns: []string{"Code", "Ana", "David", "Peter", "Total"},
			want: map[string]map[string]string{
				"Methods": {"Ana": "1", "David": "0", "Total": "1"},
				part:      {"Ana": "1", "David": "1", "Peter": "0", "Total": "2"},
				"Total":   {"Ana": "2", "David": "2", "Peter": "1", "Total": "5"},
			},
		},
		{
			name: "by participant with interviewers", by: "participant", title: "Codes by participant",
			columns: []string{"Code", "Ana", "David", "Peter", "Researcher 1", "Total"},
			want: map[string]map[string]string{
				"Methods": {"Ana": "1", "Researcher 1": "1", "Total": "2"},
			},
		},
		{
			name: "by role", by: "role", noInterviewers: true, title: "Codes by role",
			columns: []string{"Code", "lecturer", "PhD researcher", "(no value)", "Total"},
			want: map[string]map[string]string{
				"Methods": {"PhD researcher": "1", "lecturer": "0", "(no value)": "0", "Total": "1"},
				part:      {"PhD researcher": "1", "lecturer": "1", "(no value)": "0", "Total": "2"},
				"Tools":   {"lecturer": "1", "Total": "1"},
				"Sharing": {"(no value)": "1", "Total": "1"},
				"Total":   {"PhD researcher": "2", "lecturer": "2", "(no value)": "1", "Total": "5"},
			},
		},
		{
			// attr: names an attribute, whatever it is called.
			name: "by attr:role", by: "attr:role", noInterviewers: true, title: "Codes by role",
			columns: []string{"Code", "lecturer", "PhD researcher", "(no value)", "Total"},
			want: map[string]map[string]string{
				"Total": {"PhD researcher": "2", "lecturer": "2", "(no value)": "1", "Total": "5"},
			},
		},
		{
			// The key in any case; the title spells it as the project does.
			name: "by Discipline", by: "Discipline", noInterviewers: true, title: "Codes by discipline",
			columns: []string{"Code", "urban studies", "(no value)", "Total"},
			want: map[string]map[string]string{
				"Methods": {"urban studies": "1", "(no value)": "0"},
				"Total":   {"urban studies": "2", "(no value)": "3", "Total": "5"},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustAnalysis(t, fx.p, Matrix, Options{By: tc.by, Filter: Filter{NoInterviewers: tc.noInterviewers}})
			if doc.Title != tc.title {
				t.Errorf("title: got %q, want %q", doc.Title, tc.title)
			}
			tb := onlyTable(t, doc)
			if got := titles(tb); strings.Join(got, "|") != strings.Join(tc.columns, "|") {
				t.Errorf("columns: got %q, want %q", got, tc.columns)
			}
			checkGrid(t, tb, tc.want)
			if n := len(tb.Rows); n != 5 {
				t.Errorf("rows: got %d, want 4 codes and a total", n)
			}
			if len(doc.Images()) != 1 {
				t.Errorf("images: got %d, want a heat map", len(doc.Images()))
			}
		})
	}
}

func TestMatrixUnknownAttribute(t *testing.T) {
	fx := newFixture(t)
	_, err := analysis(t, fx.p, Matrix, Options{By: "age"})
	if !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("by age: got %v, want ErrInvalid", err)
	}
	t.Log(err)
	for _, key := range []string{"role", "discipline", `"age"`} {
		if !strings.Contains(err.Error(), key) {
			t.Errorf("the error %q does not name %s", err, key)
		}
	}
}

// smallDoc is a transcript for hand-built projects: turns as "Speaker:
// text" lines.
type smallDoc struct {
	name  string
	turns [][2]string // speaker, text
	attrs []model.Attribute
}

// small is a hand-built project whose counts are obvious.
type small struct {
	p     *model.Project
	docs  map[string]model.Document
	codes map[string]model.Code
}

func newSmall(t *testing.T, codes []string, docs ...smallDoc) *small {
	t.Helper()
	ctx := context.Background()
	p, err := model.Create(ctx, filepath.Join(t.TempDir(), "Small.verbatim"), "en")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	s := &small{p: p, docs: map[string]model.Document{}, codes: map[string]model.Code{}}
	for _, sd := range docs {
		nd := model.NewDocument{Name: sd.name, Format: "txt", Attributes: sd.attrs}
		var text []rune
		for _, tu := range sd.turns {
			if len(text) > 0 {
				text = append(text, '\n')
			}
			start := len(text)
			text = append(text, []rune(tu[0]+": "+tu[1])...)
			nd.Turns = append(nd.Turns, model.NewTurn{Start: start, End: len(text), Speaker: tu[0]})
		}
		nd.Text = string(text)
		d, err := p.ImportDocument(ctx, nd)
		if err != nil {
			t.Fatal(err)
		}
		s.docs[sd.name] = d
	}
	for _, name := range codes {
		c, err := p.AddCode(ctx, 0, name, "", "")
		if err != nil {
			t.Fatal(err)
		}
		s.codes[name] = c
	}
	return s
}

// code codes the n-th occurrence of match in a document.
func (s *small) code(t *testing.T, code, doc, match string, n int) {
	t.Helper()
	ctx := context.Background()
	d := s.docs[doc]
	txt, err := s.p.Text(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	start, end, ok := model.Occurrence(txt, match, n)
	if !ok {
		t.Fatalf("%q not in %s", match, doc)
	}
	if _, err := s.p.ApplyCode(ctx, s.codes[code].ID, model.Span{DocID: d.ID, Start: start, End: end}); err != nil {
		t.Fatal(err)
	}
}

// pairsProject has, in one document after an interviewer's question: A and
// B overlapping in turn 2; C and D side by side in turn 3, not
// overlapping; E and F each over both turns (E overlapping C and F; F
// overlapping B, C, D and E); and A again on the interviewer's question.
func pairsProject(t *testing.T) *small {
	s := newSmall(t, []string{"A", "B", "C", "D", "E", "F"}, smallDoc{name: "One", turns: [][2]string{
		{"Interviewer", "What do you think?"},
		{"Ana", "alpha beta gamma delta"},
		{"Ana", "epsilon zeta"},
	}})
	s.code(t, "A", "One", "What do you think", 1)
	s.code(t, "A", "One", "alpha beta", 1)
	s.code(t, "B", "One", "beta gamma", 1)
	s.code(t, "C", "One", "epsilon", 1)
	s.code(t, "D", "One", "zeta", 1)
	s.code(t, "E", "One", "delta\nAna: epsilon", 1)
	s.code(t, "F", "One", "gamma delta\nAna: epsilon zeta", 1)
	return s
}

func TestCooccurrence(t *testing.T) {
	s := pairsProject(t)
	codes := []string{"A", "B", "C", "D", "E", "F"}
	// table writes a symmetric table from its upper triangle.
	table := func(diag string, pairs map[string]string) map[string]map[string]string {
		out := map[string]map[string]string{}
		for i, a := range codes {
			out[a] = map[string]string{}
			for j, b := range codes {
				v := "0"
				switch {
				case i == j:
					v = diag[i : i+1]
				case i < j && pairs[a+b] != "":
					v = pairs[a+b]
				case i > j && pairs[b+a] != "":
					v = pairs[b+a]
				}
				out[a][b] = v
			}
		}
		return out
	}
	for _, tc := range []struct {
		name           string
		sameTurn       bool
		noInterviewers bool
		want           map[string]map[string]string
	}{
		{
			name: "overlap", noInterviewers: true,
			want: table("111111", map[string]string{"AB": "1", "BF": "1", "CE": "1", "CF": "1", "DF": "1", "EF": "1"}),
		},
		{
			// C and D do not overlap but share turn 3; E and F share two
			// turns and count once.
			name: "same turn", sameTurn: true, noInterviewers: true,
			want: table("111111", map[string]string{"AB": "1", "AE": "1", "AF": "1", "BE": "1", "BF": "1",
				"CD": "1", "CE": "1", "CF": "1", "DE": "1", "DF": "1", "EF": "1"}),
		},
		{
			// The interviewer's A is counted on the diagonal but is alone in
			// its turn.
			name: "same turn with interviewers", sameTurn: true,
			want: table("211111", map[string]string{"AB": "1", "AE": "1", "AF": "1", "BE": "1", "BF": "1",
				"CD": "1", "CE": "1", "CF": "1", "DE": "1", "DF": "1", "EF": "1"}),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustAnalysis(t, s.p, Cooccurrence, Options{SameTurn: tc.sameTurn, Filter: Filter{NoInterviewers: tc.noInterviewers}})
			tb := onlyTable(t, doc)
			if got, want := titles(tb), append([]string{"Code"}, codes...); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("columns: got %q, want %q", got, want)
			}
			checkGrid(t, tb, tc.want)
			if len(doc.Images()) != 1 {
				t.Errorf("images: got %d, want a heat map", len(doc.Images()))
			}
		})
	}
}

func TestCooccurrenceFixture(t *testing.T) {
	fx := newFixture(t)
	// In the fixture no two codings overlap, and only Ana's dialogical
	// interviews (Participatory methods) and her mapping (Methods) are in
	// turns of their own: nothing pairs up, by either measure.
	for _, sameTurn := range []bool{false, true} {
		doc := mustAnalysis(t, fx.p, Cooccurrence, Options{SameTurn: sameTurn, Filter: Filter{NoInterviewers: true}})
		checkGrid(t, onlyTable(t, doc), map[string]map[string]string{
			"Methods":                         {"Methods": "1", "Methods > Participatory methods": "0", "Tools": "0"},
			"Methods > Participatory methods": {"Methods > Participatory methods": "2", "Methods": "0"},
			"Tools":                           {"Tools": "1", "Sharing": "0"},
		})
	}
}

func TestPresence(t *testing.T) {
	s := pairsProject(t)
	ctx := context.Background()
	cases, err := s.p.Cases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Name == "Ana" {
			if err := s.p.SetCaseAttribute(ctx, c.ID, "role", "student"); err != nil {
				t.Fatal(err)
			}
		}
	}
	fixed := []string{"Document", "Turn", "Speaker", "Participant", "role", "Start", "End"}
	for _, tc := range []struct {
		name           string
		noInterviewers bool
		rows           [][]string // turn, then the codes A to F
	}{
		{name: "interviewers left out", noInterviewers: true, rows: [][]string{
			{"2", "1", "1", "0", "0", "1", "1"},
			{"3", "0", "0", "1", "1", "1", "1"},
		}},
		{name: "interviewers counted", rows: [][]string{
			{"1", "1", "0", "0", "0", "0", "0"},
			{"2", "1", "1", "0", "0", "1", "1"},
			{"3", "0", "0", "1", "1", "1", "1"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustAnalysis(t, s.p, Presence, Options{Filter: Filter{NoInterviewers: tc.noInterviewers}})
			if len(doc.Images()) != 0 {
				t.Errorf("images: got %d, want none", len(doc.Images()))
			}
			tb := onlyTable(t, doc)
			want := append(append([]string{}, fixed...), "A", "B", "C", "D", "E", "F")
			if got := titles(tb); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("columns: got %q, want %q", got, want)
			}
			if len(tb.Rows) != len(tc.rows) {
				t.Fatalf("rows: got %d, want %d", len(tb.Rows), len(tc.rows))
			}
			for i, r := range tb.Rows {
				got := []string{r[1].Text}
				for _, c := range r[len(fixed):] {
					got = append(got, c.Text)
				}
				if strings.Join(got, " ") != strings.Join(tc.rows[i], " ") {
					t.Errorf("row %d (turn, A–F): got %v, want %v", i+1, got, tc.rows[i])
				}
				for j, c := range r {
					if numeric := j == 1 || j >= 5; c.Numeric != numeric {
						t.Errorf("row %d, %s: numeric %v, want %v", i+1, tb.Columns[j].Title, c.Numeric, numeric)
					}
				}
				wantRole := "student"
				if r[2].Text == "Interviewer" {
					wantRole = ""
				}
				if r[0].Text != "One" || r[4].Text != wantRole {
					t.Errorf("row %d: document %q, role %q; want One, %q", i+1, r[0].Text, r[4].Text, wantRole)
				}
			}
			// Start and End are the turn's range in the text.
			if got := tb.Rows[len(tb.Rows)-1][5:7]; got[0].Value <= tb.Rows[0][5].Value || got[1].Value <= got[0].Value {
				t.Errorf("last turn's range %s–%s does not follow the first's start %s", got[0].Text, got[1].Text, tb.Rows[0][5].Text)
			}
		})
	}
}

func TestPresenceFixture(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	speakers, err := fx.p.Speakers(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	want, all := 0, 0
	for _, sp := range speakers {
		all += sp.Turns
		if !sp.Interviewer {
			want += sp.Turns
		}
	}
	if want == all || want == 0 {
		t.Fatalf("fixture: %d of %d turns are not the interviewer's; want some of each", want, all)
	}
	doc := mustAnalysis(t, fx.p, Presence, Options{Filter: Filter{NoInterviewers: true}})
	tb := onlyTable(t, doc)
	if len(tb.Rows) != want {
		t.Errorf("rows: got %d, want the %d turns that are not the interviewer's", len(tb.Rows), want)
	}
	// Each code column sums to the turns its codings touch: one each here,
	// two for Participatory methods.
	sums := map[string]float64{}
	for _, r := range tb.Rows {
		for j := len(tb.Columns) - 4; j < len(tb.Columns); j++ {
			if v := r[j].Value; v != 0 && v != 1 {
				t.Fatalf("%s: %v, want 0 or 1", tb.Columns[j].Title, v)
			}
			sums[tb.Columns[j].Title] += r[j].Value
		}
	}
	for code, n := range map[string]float64{"Methods": 1, "Methods > Participatory methods": 2, "Tools": 1, "Sharing": 1} {
		if sums[code] != n {
			t.Errorf("turns with %s: got %v, want %v", code, sums[code], n)
		}
	}
	// Both participant attributes are columns.
	for _, key := range []string{"role", "discipline"} {
		if !strings.Contains(strings.Join(titles(tb), "|"), "|"+key+"|") {
			t.Errorf("no column %q in %q", key, titles(tb))
		}
	}
	// A speaker filter chooses turns too.
	doc = mustAnalysis(t, fx.p, Presence, Options{Filter: Filter{NoInterviewers: true, Speakers: []string{"Peter"}}})
	for _, r := range onlyTable(t, doc).Rows {
		if r[3].Text != "Peter" {
			t.Fatalf("with Speakers Peter: a row of %q", r[3].Text)
		}
	}
}

func TestPresenceUniqueColumns(t *testing.T) {
	// Codes named like the fixed columns, and an attribute too.
	s := newSmall(t, []string{"Document", "speaker", "Turn (2)", "x"}, smallDoc{name: "One", turns: [][2]string{{"Ana", "hello there"}}})
	ctx := context.Background()
	cases, _ := s.p.Cases(ctx)
	if err := s.p.SetCaseAttribute(ctx, cases[0].ID, "Turn", "first"); err != nil {
		t.Fatal(err)
	}
	s.code(t, "x", "One", "hello", 1)
	doc := mustAnalysis(t, s.p, Presence, Options{})
	got := titles(onlyTable(t, doc))
	want := []string{"Document", "Turn", "Speaker", "Participant", "Turn (2)", "Start", "End", "Document (2)", "speaker (2)", "Turn (2) (2)", "x"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("columns: got %q, want %q", got, want)
	}
	seen := map[string]bool{}
	for _, c := range got {
		if seen[strings.ToLower(c)] {
			t.Errorf("column %q twice", c)
		}
		seen[strings.ToLower(c)] = true
	}
}

func TestAnalysisWritesAsCSVAndXLSX(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	for _, kind := range []Kind{Frequencies, Matrix, Cooccurrence, Presence} {
		doc := mustAnalysis(t, fx.p, kind, Options{Filter: Filter{NoInterviewers: true}})
		t.Run(string(kind), func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.Write(ctx, &buf, export.CSV, doc); err != nil {
				t.Fatalf("CSV: %v", err)
			}
			records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
			if err != nil {
				t.Fatalf("reading the CSV back: %v", err)
			}
			tb := onlyTable(t, doc)
			if len(records) != len(tb.Rows)+1 {
				t.Errorf("CSV records: got %d, want %d rows and a header", len(records), len(tb.Rows))
			}
			buf.Reset()
			if err := export.Write(ctx, &buf, export.XLSX, doc); err != nil {
				t.Fatalf("XLSX: %v", err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("PK")) {
				t.Errorf("XLSX does not start as a zip file: %q", buf.Bytes()[:min(4, buf.Len())])
			}
			if len(doc.Images()) == 0 {
				return
			}
			// The HTML writer inlines the SVG only when it is plain SVG.
			buf.Reset()
			if err := export.Write(ctx, &buf, export.HTML, doc); err != nil {
				t.Fatalf("HTML: %v", err)
			}
			if !strings.Contains(buf.String(), "<svg") || !strings.Contains(buf.String(), "<text") {
				t.Errorf("the HTML has no inline chart with text")
			}
		})
	}
}

// chartCase is a chart and what it should show.
type chartCase struct {
	name   string
	im     *export.Image
	labels []string // text the SVG must hold
	colors []string // colours the PNG must show
}

func TestChart(t *testing.T) {
	fx := newFixture(t)
	freq := mustAnalysis(t, fx.p, Frequencies, Options{Filter: Filter{NoInterviewers: true}})
	matrix := mustAnalysis(t, fx.p, Matrix, Options{By: "role", Filter: Filter{NoInterviewers: true}})
	s := pairsProject(t)
	cooc := mustAnalysis(t, s.p, Cooccurrence, Options{SameTurn: true, Filter: Filter{NoInterviewers: true}})
	// Long Dutch names with accents, a bar of 0 and one of 12.
	dutchBars := []bar{
		{label: "Coöperatie en samenwerking tussen gemeenten, provincies en het Rijk", value: 12, color: "#E6194B"},
		{label: "Zorgen over privacy én vertrouwen", value: 0, color: "#3CB44B"},
		{label: "Financiële middelen", value: 5, color: ""},
	}
	dutch, err := barChart("Codefrequenties", "Coderingen", "alt", dutchBars)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []chartCase{
		{name: "frequencies", im: freq.Images()[0], labels: []string{"Methods", "Participatory methods", "Tools", "Sharing", "Codings"},
			colors: []string{fx.codes["Methods"].Color, fx.codes["Tools"].Color, fx.codes["Sharing"].Color}},
		{name: "matrix", im: matrix.Images()[0], labels: []string{"PhD researcher", "lecturer", "(no value)"}},
		{name: "cooccurrence", im: cooc.Images()[0], labels: []string{"A", "F"}, colors: []string{"#E4E4E4"}},
		{name: "dutch bars", im: dutch, labels: []string{"Coöperatie", "én vertrouwen", "Financiële middelen", "…"},
			colors: []string{"#E6194B"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkPNG(t, tc.im, tc.colors)
			checkSVG(t, tc.im, tc.labels)
			if tc.im.Alt == "" {
				t.Errorf("no alternative text")
			}
			// VERBATIM_CHARTS=/some/dir keeps the charts there, to look at.
			if dir := os.Getenv("VERBATIM_CHARTS"); dir != "" {
				for ext, data := range map[string][]byte{".png": tc.im.PNG, ".svg": tc.im.SVG} {
					if err := os.WriteFile(filepath.Join(dir, tc.name+ext), data, 0o644); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
}

func checkPNG(t *testing.T, im *export.Image, colors []string) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(im.PNG))
	if err != nil {
		t.Fatalf("PNG: %v", err)
	}
	b := img.Bounds()
	// The PNG is Width × Height points at 144 dpi: two pixels a point.
	if got, want := b.Dx(), int(im.Width*chartDPI/72+0.5); got != want {
		t.Errorf("PNG width: got %d px, want %d (%.0f pt)", got, want, im.Width)
	}
	if b.Dx() < 500 || b.Dx() > 4000 || b.Dy() < 250 || b.Dy() > 4000 {
		t.Errorf("PNG size %d × %d px: want between 500 × 250 and 4000 × 4000", b.Dx(), b.Dy())
	}
	seen := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			seen[rgba(img, x, y)]++
		}
	}
	if len(seen) < 10 {
		t.Errorf("the PNG has %d colours: want a chart, not a flat image", len(seen))
	}
	if c := rgba(img, b.Min.X, b.Min.Y); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("the corner is %v, want a white background", c)
	}
	for _, hex := range colors {
		want := parseColor(hex, color.RGBA{})
		if seen[want] < 20 {
			t.Errorf("colour %s: %d pixels, want it filling a bar or cell", hex, seen[want])
		}
	}
}

func rgba(img image.Image, x, y int) color.RGBA {
	r, g, b, a := img.At(x, y).RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

func checkSVG(t *testing.T, im *export.Image, labels []string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(im.SVG))
	var root string
	var text strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = tok.Name.Local
			}
			inText = tok.Name.Local == "text"
			if tok.Name.Local == "image" || tok.Name.Local == "style" || tok.Name.Local == "script" {
				t.Errorf("SVG has a <%s>: want plain shapes and text", tok.Name.Local)
			}
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				text.Write(tok)
				text.WriteString(" ") // a wrapped label is one <text> a line
			}
		}
	}
	if root != "svg" {
		t.Errorf("SVG root: got <%s>, want <svg>", root)
	}
	for _, l := range labels {
		if !strings.Contains(text.String(), l) {
			t.Errorf("SVG text does not hold %q:\n%s", l, text.String())
		}
	}
	if !bytes.Contains(im.SVG, []byte("Arial")) {
		t.Errorf("SVG font has no fallback")
	}
}

func TestChartGrowsWithData(t *testing.T) {
	size := func(n int) (w, h float64) {
		var bars []bar
		for i := range n {
			bars = append(bars, bar{label: "Code " + itoa(i), value: float64(i)})
		}
		im, err := barChart("t", "x", "alt", bars)
		if err != nil {
			t.Fatal(err)
		}
		return im.Width, im.Height
	}
	_, h4 := size(4)
	_, h20 := size(20)
	if h20 < h4+16*15 {
		t.Errorf("bar chart height: %v pt for 4 codes, %v for 20; want at least 15 pt more a code", h4, h20)
	}
	heat := func(n int) (w, h float64) {
		names := make([]string, n)
		z := make([][]float64, n)
		for i := range n {
			names[i] = "Code " + itoa(i)
			z[i] = make([]float64, n)
		}
		im, err := heatMap("t", "x", "y", "alt", names, names, z, true)
		if err != nil {
			t.Fatal(err)
		}
		return im.Width, im.Height
	}
	w3, hh3 := heat(3)
	w12, hh12 := heat(12)
	if w12 < w3+9*heatCell || hh12 < hh3+9*heatCell {
		t.Errorf("heat map: %v × %v pt for 3 codes, %v × %v for 12; want a cell more per code", w3, hh3, w12, hh12)
	}
}

func TestChartWrapLabel(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Tools", "Tools"},
		{"Samenwerking tussen gemeenten", "Samenwerking tussen gemeenten"},
		{"Coöperatie en samenwerking tussen gemeenten, provincies en het Rijk", "Coöperatie en samenwerking\ntussen gemeenten, provincies…"},
		{"Eénwoordsuperlangesamenstellingzonderspaties", "Eénwoordsuperlangesamenstelli…"},
	} {
		if got := wrapLabel(tc.in, 30, 2); got != tc.want {
			t.Errorf("wrapLabel(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}
