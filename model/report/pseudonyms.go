package report

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
)

// Pseudonymiser replaces the names of a pseudonym list in text: whole
// words, in any case, with Dutch and English possessives ("Sannes",
// "Sanne's", "Sanne’s"). Longer names go first, so "Sanne de Vries" is
// replaced as one name before "Sanne" alone.
type Pseudonymiser struct {
	list []model.Pseudonym
	re   *regexp.Regexp
	by   map[string]string // lower-case name -> pseudonym
}

// NewPseudonymiser prepares a pseudonym list for replacing.
func NewPseudonymiser(list []model.Pseudonym) *Pseudonymiser {
	ps := &Pseudonymiser{list: list, by: map[string]string{}}
	names := make([]string, 0, len(list))
	for _, p := range list {
		if p.Name == "" {
			continue
		}
		ps.by[strings.ToLower(p.Name)] = p.Pseudonym
		names = append(names, p.Name)
	}
	if len(names) == 0 {
		return ps
	}
	ps.re = namesPattern(names)
	return ps
}

// namesPattern matches any of names, longest first, case-insensitively,
// with any run of spaces where a name has one.
func namesPattern(names []string) *regexp.Regexp {
	names = slices.Clone(names)
	slices.SortFunc(names, func(a, b string) int { return utf8.RuneCountInString(b) - utf8.RuneCountInString(a) })
	alts := make([]string, len(names))
	for i, n := range names {
		words := strings.Fields(n)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		alts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)`)
}

// Replace returns s with every listed name replaced by its pseudonym, and
// how many replacements were made.
func (ps *Pseudonymiser) Replace(s string) (string, int) {
	if ps.re == nil || s == "" {
		return s, 0
	}
	var b strings.Builder
	n, at := 0, 0
	for _, m := range findNames(ps.re, s) {
		name := strings.Join(strings.Fields(s[m.start:m.end]), " ")
		pseudo, ok := ps.by[strings.ToLower(name)]
		if !ok {
			continue
		}
		b.WriteString(s[at:m.start])
		b.WriteString(pseudo)
		b.WriteString(possessive(pseudo, s[m.end:m.suffixEnd]))
		at = m.suffixEnd
		n++
	}
	if n == 0 {
		return s, 0
	}
	b.WriteString(s[at:])
	return b.String(), n
}

type nameMatch struct{ start, end, suffixEnd int }

// findNames finds the matches of re in s that are whole words, allowing a
// possessive after them.
func findNames(re *regexp.Regexp, s string) []nameMatch {
	var out []nameMatch
	for from := 0; from < len(s); {
		loc := re.FindStringIndex(s[from:])
		if loc == nil {
			break
		}
		start, end := from+loc[0], from+loc[1]
		suffixEnd := end + possessiveLen(s[end:])
		if start == end {
			from = end + 1
			continue
		}
		if wordBoundaryBefore(s, start) && wordBoundaryAfter(s, suffixEnd) {
			out = append(out, nameMatch{start, end, suffixEnd})
			from = suffixEnd
			continue
		}
		if wordBoundaryBefore(s, start) && wordBoundaryAfter(s, end) {
			out = append(out, nameMatch{start, end, end})
			from = end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[start:])
		from = start + size
	}
	return out
}

// possessiveLen is the length of a possessive ending at the start of s:
// "'s", "’s" or a bare "s" (Dutch: "Sannes").
func possessiveLen(s string) int {
	for _, p := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasPrefix(s, p) {
			return len(p)
		}
	}
	if strings.HasPrefix(s, "s") || strings.HasPrefix(s, "S") {
		return 1
	}
	return 0
}

// possessive writes a possessive ending for a pseudonym: the one the text
// had, except that a bare "s" after a pseudonym ending in a digit, s, x or
// z becomes "'s" ("Deelnemer 1's").
func possessive(pseudo, suffix string) string {
	if suffix == "s" || suffix == "S" {
		last, _ := utf8.DecodeLastRuneInString(pseudo)
		if unicode.IsDigit(last) || strings.ContainsRune("sxzSXZ", last) {
			return "'s"
		}
	}
	return suffix
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func wordBoundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !isWordRune(r)
}

func wordBoundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r)
}

// Apply returns a copy of doc with the names replaced in every text it
// holds, and the number of replacements made.
func (ps *Pseudonymiser) Apply(doc *export.Doc) (*export.Doc, int) {
	total := 0
	rep := func(s string) string {
		out, n := ps.Replace(s)
		total += n
		return out
	}
	c := *doc
	c.Title, c.Subtitle = rep(doc.Title), rep(doc.Subtitle)
	c.Blocks = make([]export.Block, len(doc.Blocks))
	for i, b := range doc.Blocks {
		switch b := b.(type) {
		case *export.Heading:
			h := *b
			h.Text = rep(h.Text)
			c.Blocks[i] = &h
		case *export.Paragraph:
			p := *b
			p.Runs = slices.Clone(b.Runs)
			for j := range p.Runs {
				p.Runs[j].Text = rep(p.Runs[j].Text)
			}
			c.Blocks[i] = &p
		case *export.Quote:
			q := *b
			q.Text, q.Attribution = rep(q.Text), rep(q.Attribution)
			c.Blocks[i] = &q
		case *export.Table:
			t := *b
			t.Name = rep(t.Name)
			t.Columns = slices.Clone(b.Columns)
			for j := range t.Columns {
				t.Columns[j].Title = rep(t.Columns[j].Title)
			}
			t.Rows = make([][]export.Cell, len(b.Rows))
			for j, row := range b.Rows {
				r := slices.Clone(row)
				for k := range r {
					if !r[k].Numeric {
						r[k].Text = rep(r[k].Text)
					}
				}
				t.Rows[j] = r
			}
			c.Blocks[i] = &t
		case *export.Image:
			// A chart's labels are drawn into its pixels: the report builds
			// charts from pseudonymised names (see Pseudonymise).
			im := *b
			im.Alt = rep(im.Alt)
			c.Blocks[i] = &im
		default:
			c.Blocks[i] = b
		}
	}
	return &c, total
}

// Leak is a place in what was written where a listed name, or a part of
// one, still appears after the pseudonyms were applied.
type Leak struct {
	Name  string // the listed name
	Found string // what was found: the name, or a part of it
	Where string // where it is ("quote 12", "table Coded quotes, row 4, column Quote")
}

func (l Leak) String() string {
	if strings.EqualFold(l.Found, l.Name) {
		return fmt.Sprintf("%q in %s", l.Found, l.Where)
	}
	return fmt.Sprintf("%q (of %q) in %s", l.Found, l.Name, l.Where)
}

// nameParticles are the parts of Dutch, German, English and Romance names
// that are no name on their own.
var nameParticles = map[string]bool{
	"de": true, "van": true, "der": true, "den": true, "het": true, "ten": true, "ter": true, "te": true, "in": true,
	"op": true, "'t": true, "’t": true, "von": true, "zu": true, "vom": true, "la": true, "le": true, "du": true,
	"da": true, "di": true, "del": true, "della": true, "dos": true, "das": true, "el": true, "al": true, "bin": true,
	"mc": true, "mac": true, "st": true, "jr": true, "sr": true, "dr": true, "mr": true, "mevr": true, "dhr": true,
	"and": true, "en": true, "the": true,
}

// nameParts are the listed name and the parts of it that could identify
// someone alone (a first name, a surname), longest first: not particles,
// not one or two letters, and not words of its own pseudonym.
func nameParts(p model.Pseudonym) []string {
	parts := []string{strings.Join(strings.Fields(p.Name), " ")}
	pseudo := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(p.Pseudonym)) {
		pseudo[w] = true
	}
	words := strings.Fields(p.Name)
	if len(words) > 1 {
		for i, w := range words {
			w = strings.Trim(w, ".,")
			lw := strings.ToLower(w)
			if nameParticles[lw] || utf8.RuneCountInString(w) < 3 || pseudo[lw] {
				continue
			}
			parts = append(parts, w)
			// A surname with its particles: "de Vries".
			if i > 0 && nameParticles[strings.ToLower(words[i-1])] {
				j := i - 1
				for j > 0 && nameParticles[strings.ToLower(words[j-1])] {
					j--
				}
				parts = append(parts, strings.Join(words[j:i+1], " "))
			}
		}
	}
	return parts
}

// Leaks lists where a listed name, or a part of it, appears in doc (which
// should already have its pseudonyms applied). Every export with
// pseudonyms on shows this list as its warning.
func Leaks(doc *export.Doc, list []model.Pseudonym) []Leak {
	type part struct{ name, part string }
	var parts []part
	var all []string
	for _, p := range list {
		for _, s := range nameParts(p) {
			parts = append(parts, part{p.Name, s})
			all = append(all, s)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	re := namesPattern(all)
	owner := map[string]string{}
	for _, p := range parts {
		k := strings.ToLower(p.part)
		if _, ok := owner[k]; !ok {
			owner[k] = p.name
		}
	}
	var out []Leak
	check := func(s, where string) {
		for _, m := range findNames(re, s) {
			found := strings.Join(strings.Fields(s[m.start:m.end]), " ")
			out = append(out, Leak{Name: owner[strings.ToLower(found)], Found: found, Where: where})
		}
	}
	walk(doc, check)
	return out
}

// walk calls fn with every text of doc and where it is.
func walk(doc *export.Doc, fn func(s, where string)) {
	fn(doc.Title, "the title")
	fn(doc.Subtitle, "the subtitle")
	quotes, paras := 0, 0
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case *export.Heading:
			fn(b.Text, fmt.Sprintf("the heading %q", b.Text))
		case *export.Paragraph:
			paras++
			for _, r := range b.Runs {
				fn(r.Text, fmt.Sprintf("paragraph %d", paras))
			}
		case *export.Quote:
			quotes++
			fn(b.Text, fmt.Sprintf("quote %d", quotes))
			fn(b.Attribution, fmt.Sprintf("the attribution of quote %d", quotes))
		case *export.Table:
			name := b.Name
			if name == "" {
				name = "the table"
			} else {
				name = "table " + name
			}
			fn(b.Name, name)
			for _, c := range b.Columns {
				fn(c.Title, name+", header")
			}
			for i, row := range b.Rows {
				for j, c := range row {
					col := ""
					if j < len(b.Columns) {
						col = b.Columns[j].Title
					}
					fn(c.Text, fmt.Sprintf("%s, row %d, column %s", name, i+1, col))
				}
			}
		case *export.Image:
			fn(b.Alt, "the chart "+b.Alt)
		}
	}
}

// pseudonymise replaces the names in the loaded project data (documents,
// participants, speakers, attribute values, quotes and coding memos), so
// that what a report draws from them, such as a chart's labels, carries the
// pseudonyms too. Build also applies them to the finished Doc.
func (d *data) pseudonymise(ps *Pseudonymiser) (replaced int) {
	rep := func(s *string) {
		var n int
		*s, n = ps.Replace(*s)
		replaced += n
	}
	for i := range d.docs {
		rep(&d.docs[i].Name)
	}
	for _, dd := range d.docByID {
		rep(&dd.Name)
		for i := range dd.Attrs {
			rep(&dd.Attrs[i].Value)
		}
	}
	for _, c := range d.cases {
		rep(&c.Name)
		for i := range c.Attributes {
			rep(&c.Attributes[i].Value)
		}
	}
	for _, s := range d.speakers {
		rep(&s.Label)
		rep(&s.Case)
		rep(&s.Document)
	}
	for i := range d.codings {
		c := &d.codings[i]
		rep(&c.Text)
		rep(&c.Document)
		rep(&c.Memo)
	}
	return replaced
}
