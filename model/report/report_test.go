package report

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
)

// shorts maps quotes back to the fixture's short names, in order.
func (fx *fixture) shorts(qs []Quote) []string {
	byID := map[int64]string{}
	for name, c := range fx.codings {
		byID[c.ID] = name
	}
	out := []string{}
	for _, q := range qs {
		out = append(out, byID[q.CodingID])
	}
	return out
}

func TestQuoteFilters(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	// One coding by another coder.
	if err := fx.p.SetCoder(ctx, "Eva"); err != nil {
		t.Fatal(err)
	}
	peter := fx.docs["Peter.txt"]
	txt, _ := fx.p.Text(ctx, peter.ID)
	s, e, _ := model.Occurrence(txt, "demographic surveys", 1)
	g, err := fx.p.ApplyCode(ctx, fx.codes["Methods"].ID, model.Span{DocID: peter.ID, Start: s, End: e})
	if err != nil {
		t.Fatal(err)
	}
	fx.codings["peter-surveys"] = g
	methods, participatory := fx.codes["Methods"].ID, fx.codes["Participatory methods"].ID
	for _, c := range []struct {
		name string
		f    Filter
		want []string
	}{
		{"everything, in codebook order", Filter{}, []string{"researcher", "ana-mapping", "peter-surveys", "ana-dialogical", "david-running", "david-camera", "peter-identity"}},
		{"a code alone", Filter{Codes: []int64{methods}}, []string{"researcher", "ana-mapping", "peter-surveys"}},
		{"a code with its sub-codes", Filter{Codes: []int64{methods}, SubCodes: true}, []string{"researcher", "ana-mapping", "peter-surveys", "ana-dialogical", "david-running"}},
		{"a sub-code", Filter{Codes: []int64{participatory}}, []string{"ana-dialogical", "david-running"}},
		{"a document", Filter{Documents: []int64{fx.docs["David.txt"].ID}}, []string{"david-running", "david-camera"}},
		{"a speaker, any case", Filter{Speakers: []string{"ana"}}, []string{"ana-mapping", "ana-dialogical"}},
		{"the interviewer's label", Filter{Speakers: []string{"Researcher 1"}}, []string{"researcher"}},
		{"no interviewers", Filter{NoInterviewers: true, Codes: []int64{methods}}, []string{"ana-mapping", "peter-surveys"}},
		{"an attribute", Filter{Attributes: []model.Attribute{{Key: "role", Value: "lecturer"}}}, []string{"david-running", "david-camera"}},
		{"two values of one attribute", Filter{Attributes: []model.Attribute{{Key: "Role", Value: "lecturer"}, {Key: "role", Value: "phd researcher"}}},
			[]string{"ana-mapping", "ana-dialogical", "david-running", "david-camera"}},
		{"two attributes", Filter{Attributes: []model.Attribute{{Key: "role", Value: "PhD researcher"}, {Key: "discipline", Value: "urban studies"}}}, []string{"ana-mapping", "ana-dialogical"}},
		{"a document attribute", Filter{Attributes: []model.Attribute{{Key: "date", Value: "04-May-2023"}}}, []string{"david-running", "david-camera"}},
		{"a coder", Filter{Coders: []string{"eva"}}, []string{"peter-surveys"}},
		{"key quotes", Filter{KeyOnly: true}, []string{"ana-dialogical", "david-camera", "peter-identity"}},
		{"within a search's hits", Filter{Within: []model.Span{{DocID: fx.docs["David.txt"].ID, Start: fx.codings["david-camera"].Start + 5, End: fx.codings["david-camera"].Start + 9}}}, []string{"david-camera"}},
		{"within no hits", Filter{Within: []model.Span{}}, []string{}},
		{"nothing matches", Filter{Speakers: []string{"Nobody"}}, []string{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			qs, err := Quotes(ctx, fx.p, c.f, NoContext)
			if err != nil {
				t.Fatal(err)
			}
			if got := fx.shorts(qs); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
			for i, q := range qs {
				if q.Number != i+1 {
					t.Errorf("quote %d is numbered %d", i+1, q.Number)
				}
			}
		})
	}
	if _, err := Quotes(ctx, fx.p, Filter{Codes: []int64{9999}}, NoContext); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown code: got %v, want ErrNotFound", err)
	}
}

func TestQuoteFields(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	for _, unit := range []ContextUnit{NoContext, SentenceContext, TurnContext} {
		qs, err := Quotes(ctx, fx.p, Filter{Codes: []int64{fx.codes["Tools"].ID}}, unit)
		if err != nil || len(qs) != 1 {
			t.Fatalf("%q: %v, %v", unit, qs, err)
		}
		q := qs[0]
		want := fx.codings["david-camera"]
		if q.Text != want.Text || q.Start != want.Start || q.End != want.End || q.Document != "David.txt" ||
			q.Speaker != "David" || q.Participant != "David" || q.Turn != 3 || !q.Key || q.Memo != "The camera as a co-researcher." ||
			q.CodePath != "Tools" || q.Color != "#E69F00" || q.DocNumber != 2 || q.Coder == "" || q.Interviewer {
			t.Errorf("%q: got %+v", unit, q)
		}
		if attrValue(q.Attributes, "role") != "lecturer" {
			t.Errorf("attributes: %v", q.Attributes)
		}
		switch unit {
		case NoContext:
			if q.Context != "" {
				t.Errorf("context without asking: %q", q.Context)
			}
		case SentenceContext:
			if want := "So, um, a particular method that I use is using the 360-degree action camera."; q.Context != want {
				t.Errorf("sentence: got %q, want %q", q.Context, want)
			}
		case TurnContext:
			if !strings.HasPrefix(q.Context, "Okay, yeah, so my main building research") || strings.HasPrefix(q.Context, "David:") || len(q.Context) < 500 {
				t.Errorf("turn context: %q", q.Context)
			}
		}
	}
}

func TestCitation(t *testing.T) {
	q := &Quote{Participant: "Sanne de Vries", Speaker: "Sanne", Document: "Sanne.docx", DocNumber: 3, HasTime: true,
		Time: 12*60e9 + 45e9, Turn: 7, Code: "Deel wat je leert", Attributes: []model.Attribute{{Key: "rol", Value: "programmamanager"}}}
	noTime := *q
	noTime.HasTime = false
	for _, c := range []struct {
		style string
		q     *Quote
		want  string
	}{
		{"{participant}, interview {n}, {time}", q, "Sanne de Vries, interview 3, 00:12:45"},
		{"", q, "Sanne de Vries, Sanne.docx, 00:12:45"},
		{"{participant}, {time}", &noTime, "Sanne de Vries"},
		{"{speaker} ({rol}), {interview}, beurt {turn}", q, "Sanne (programmamanager), interview 3, beurt 7"},
		{"{participant}, {leeftijd}", q, "Sanne de Vries"},
		{"[{code}] {document}", q, "[Deel wat je leert] Sanne.docx"},
	} {
		if got := cite(c.style, c.q, &dutch); got != c.want {
			t.Errorf("cite(%q) = %q, want %q", c.style, got, c.want)
		}
	}
	for _, bad := range []string{"{participant", "participant}", "{{x}}"} {
		if err := checkCitation(bad); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("checkCitation(%q): got %v, want ErrInvalid", bad, err)
		}
	}
}

// blocks renders a Doc's blocks as short lines, to compare its structure.
func blocks(d *export.Doc) []string {
	var out []string
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *export.Heading:
			out = append(out, strings.Repeat("#", b.Level)+" "+b.Text)
		case *export.Paragraph:
			var s string
			for _, r := range b.Runs {
				s += r.Text
			}
			if b.Style == export.Note {
				s = "(" + s + ")"
			}
			out = append(out, s)
		case *export.Quote:
			key := ""
			if b.Key {
				key = "★"
			}
			out = append(out, "> "+key+b.Text+" — "+b.Attribution)
		case *export.Table:
			out = append(out, "table "+b.Name)
		case *export.Image:
			out = append(out, "image "+b.Alt)
		}
	}
	return out
}

func TestPrinciples(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	r, err := Build(ctx, fx.p, Principles, Options{Filter: Filter{NoInterviewers: true}, Attributes: []string{"role"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Doc.Title != "Open research" {
		t.Errorf("title %q", r.Doc.Title)
	}
	want := []string{
		"How researchers practise open qualitative research.",
		"A test project.",
		"# Methods",
		"How participants gather and analyse data",
		"Methods memo: interviews, workshops, walks.",
		"(3 quotes from 2 interviews, 2 participants)",
		"> I'm doing mostly, kind of mapping and diagrams. — Ana, PhD researcher, Ana.txt",
		"## Participatory methods",
		"Research done with, not on, people",
		"(2 quotes from 2 interviews, 2 participants)",
		"> ★So interviews were not only semi structured, but more like dialogical interviews. — Ana, PhD researcher, Ana.txt",
		"> I tend to do this by running with people, so it's a participatory method. — David, lecturer, David.txt",
		"# Tools",
		"Software and devices",
		"(1 quote from 1 interview, 1 participant)",
		"> ★a particular method that I use is using the 360-degree action camera. — David, lecturer, David.txt",
		"# Sharing",
		"(1 quote from 1 interview, 1 participant)",
		"> ★effectively influences their career intentions and professional identity. — Peter, Peter.txt",
	}
	if got := blocks(r.Doc); !reflect.DeepEqual(got, want) {
		t.Errorf("principle report:\ngot  %q\nwant %q", got, want)
	}
	// Dutch words, a code filter, at most one quote per code with key
	// quotes first, and the rest counted.
	r, err = Build(ctx, fx.p, Principles, Options{Lang: "nl", Filter: Filter{Codes: []int64{fx.codes["Methods"].ID}, SubCodes: true, NoInterviewers: true},
		MaxPerCode: 1, KeyFirst: true, Citation: "{participant}, {interview}"})
	if err != nil {
		t.Fatal(err)
	}
	got := blocks(r.Doc)
	wantNL := []string{"# Methods", "(3 citaten uit 2 interviews, 2 deelnemers)", "> I'm doing mostly, kind of mapping and diagrams. — Ana, interview 1",
		"## Participatory methods", "(2 citaten uit 2 interviews, 2 deelnemers)",
		"> ★So interviews were not only semi structured, but more like dialogical interviews. — Ana, interview 1", "((en nog 1 citaat))"}
	for _, w := range wantNL {
		if !contains(got, w) {
			t.Errorf("missing %q in %q", w, got)
		}
	}
	if contains(got, "# Tools") {
		t.Error("a chapter for a code outside the filter")
	}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

func TestPickBreadth(t *testing.T) {
	qs := []Quote{{Participant: "A", Text: "a1"}, {Participant: "A", Text: "a2"}, {Participant: "A", Text: "a3", Key: true}, {Participant: "B", Text: "b1"}, {Participant: "C", Text: "c1", Key: true}}
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{}, "a1 a2 a3 b1 c1"},
		{Options{Breadth: true}, "a1 b1 c1 a2 a3"},
		{Options{KeyFirst: true}, "a3 c1 a1 a2 b1"},
		{Options{KeyFirst: true, Breadth: true, MaxPerCode: 3}, "a3 c1 b1"},
	} {
		b := &builder{opts: c.opts}
		var got []string
		for _, q := range b.pick(qs) {
			got = append(got, q.Text)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%+v: got %v, want %s", c.opts, got, c.want)
		}
	}
}

func TestNothingSelected(t *testing.T) {
	fx := newFixture(t)
	for _, k := range []Kind{QuoteTable, Principles} {
		_, err := Build(context.Background(), fx.p, k, Options{Filter: Filter{Speakers: []string{"Nobody"}}})
		if !errors.Is(err, ErrNothingSelected) || !strings.Contains(err.Error(), "no coded quotes match") {
			t.Errorf("%s: got %v, want ErrNothingSelected", k, err)
		}
	}
}

func TestQuoteTableLayouts(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	r, err := Build(ctx, fx.p, QuoteTable, Options{Spreadsheet: true, Context: SentenceContext, Citation: "{participant}, {interview}"})
	if err != nil {
		t.Fatal(err)
	}
	tab := r.Doc.Tables()[0]
	var cols []string
	for _, c := range tab.Columns {
		cols = append(cols, c.Title)
	}
	want := []string{"No.", "Code", "Code path", "Quote", "Context", "Document", "Speaker", "Participant", "discipline", "role",
		"Turn", "Time", "Start", "End", "Coder", "Date", "Memo", "Key quote", "Citation"}
	if !reflect.DeepEqual(cols, want) {
		t.Fatalf("columns:\ngot  %q\nwant %q", cols, want)
	}
	get := func(name string) export.Cell { return export.Cell{} }
	for _, row := range tab.Rows {
		if row[slicesIndex(cols, "Quote")].Text == fx.codings["ana-dialogical"].Text {
			get = func(name string) export.Cell { return row[slicesIndex(cols, name)] }
		}
	}
	if get("Code path").Text != "Methods > Participatory methods" || get("Key quote").Text != "yes" || get("role").Text != "PhD researcher" ||
		get("Citation").Text != "Ana, interview 1" || !get("Start").Numeric || get("Code").Fill != "#009E73" {
		t.Errorf("the row of ana-dialogical: path %q, key %q, role %q, citation %q, fill %q", get("Code path").Text, get("Key quote").Text, get("role").Text, get("Citation").Text, get("Code").Fill)
	}
	r, err = Build(ctx, fx.p, QuoteTable, Options{Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	var nl []string
	for _, c := range r.Doc.Tables()[0].Columns {
		nl = append(nl, c.Title)
	}
	if !reflect.DeepEqual(nl, []string{"Nr.", "Code", "Citaat", "Wie", "Waar", "Notities"}) || !r.Doc.Landscape {
		t.Errorf("reading layout: %q (landscape %v)", nl, r.Doc.Landscape)
	}
}

func slicesIndex(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func TestPseudonymReplace(t *testing.T) {
	ps := NewPseudonymiser([]model.Pseudonym{{Name: "Sanne de Vries", Pseudonym: "Lotte Jansen"}, {Name: "Sanne", Pseudonym: "Lotte"}, {Name: "Ana", Pseudonym: "Deelnemer 1"}})
	for in, want := range map[string]string{
		"Sanne de Vries zei":            "Lotte Jansen zei",
		"SANNE DE  VRIES zei":           "Lotte Jansen zei",
		"Sannes idee en Sanne's plan":   "Lottes idee en Lotte's plan",
		"Sanne’s plan":                  "Lotte’s plan",
		"Anas idee":                     "Deelnemer 1's idee",
		"Ana, Anaïs en banaan":          "Deelnemer 1, Anaïs en banaan",
		"ana.":                          "Deelnemer 1.",
		"Sannesteijn is een achternaam": "Sannesteijn is een achternaam",
		"":                              "",
	} {
		if got, _ := ps.Replace(in); got != want {
			t.Errorf("Replace(%q) = %q, want %q", in, got, want)
		}
	}
	if _, n := ps.Replace("Ana en Sanne en Ana"); n != 3 {
		t.Errorf("replacements: got %d, want 3", n)
	}
}

func TestPseudonymsInReports(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	list := []model.Pseudonym{{Name: "Ana Lopez", Pseudonym: "Participant A"}, {Name: "David", Pseudonym: "Participant B"}}
	// Ana's participant is called "Ana": her full name is listed, so her
	// first name alone is a leak the warning must find.
	for _, k := range []Kind{QuoteTable, Principles, Summaries} {
		r, err := Build(ctx, fx.p, k, Options{Pseudonyms: list, Spreadsheet: true})
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		r.Doc.Strings(func(s string) { all.WriteString(s + "\n") })
		if strings.Contains(all.String(), "David") {
			t.Errorf("%s: David is still in the report", k)
		}
		if !strings.Contains(all.String(), "Participant B") || r.Replaced == 0 {
			t.Errorf("%s: the pseudonym is missing (%d replacements)", k, r.Replaced)
		}
		found := false
		for _, l := range r.Leaks {
			if l.Found == "Ana" && l.Name == "Ana Lopez" && l.Where != "" {
				found = true
			}
			if l.Found == "David" {
				t.Errorf("%s: a replaced name reported as a leak: %v", k, l)
			}
		}
		if !found {
			t.Errorf("%s: the leak of Ana's first name was not reported: %v", k, r.Leaks)
		}
	}
	// The project keeps the originals.
	cases, _ := fx.p.Cases(ctx)
	names := []string{}
	for _, c := range cases {
		names = append(names, c.Name)
	}
	if !contains(names, "David") {
		t.Errorf("the project lost the original name: %v", names)
	}
}

func TestNameParts(t *testing.T) {
	got := nameParts(model.Pseudonym{Name: "Sanne de Vries", Pseudonym: "Lotte Jansen"})
	want := []string{"Sanne de Vries", "Sanne", "Vries", "de Vries"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := nameParts(model.Pseudonym{Name: "Jan van der Berg", Pseudonym: "Jan B."}); !reflect.DeepEqual(got, []string{"Jan van der Berg", "Berg", "van der Berg"}) {
		t.Errorf("a first name shared with the pseudonym is no leak: got %q", got)
	}
}

// FuzzPseudonymiser replaces names in arbitrary text: it never panics, the
// result is valid UTF-8 when the input is, and no listed name is left as a
// whole word when the text held none of the pseudonyms' words.
func FuzzPseudonymiser(f *testing.F) {
	for _, s := range []string{"Sanne de Vries zei", "Sannes idee", "ana.ANA,Ana’s", "", "\xff Sanne \xfe", "Sanne de\n\tVries"} {
		f.Add(s)
	}
	list := []model.Pseudonym{{Name: "Sanne de Vries", Pseudonym: "Lotte Jansen"}, {Name: "Sanne", Pseudonym: "Lotte"}, {Name: "Ana", Pseudonym: "Deelnemer 1"}}
	ps := NewPseudonymiser(list)
	f.Fuzz(func(t *testing.T, s string) {
		out, n := ps.Replace(s)
		if n == 0 && out != s {
			t.Fatalf("no replacement, but the text changed: %q -> %q", s, out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of valid input: %q -> %q", s, out)
		}
		if again, _ := ps.Replace(out); again != out && !strings.Contains(strings.ToLower(s), "lotte") && !strings.Contains(strings.ToLower(s), "deelnemer") {
			t.Fatalf("a second pass still found names: %q -> %q -> %q", s, out, again)
		}
	})
}
