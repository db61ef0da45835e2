package report

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
)

// Kind is a kind of report.
type Kind string

// The kinds of report. Quotes is the quote table (verbatim export); the
// others are verbatim report's kinds.
const (
	QuoteTable   Kind = "quotes"
	Principles   Kind = "principles"
	Summaries    Kind = "summaries"
	SummaryTable Kind = "summary-table"
	Frequencies  Kind = "frequencies"
	Matrix       Kind = "matrix"
	Cooccurrence Kind = "cooccurrence"
	Presence     Kind = "presence"
	Codebook     Kind = "codebook"
	Memos        Kind = "memos"
)

// Kinds lists the report kinds of verbatim report, in the order a menu
// shows them.
var Kinds = []Kind{Principles, Summaries, SummaryTable, Frequencies, Matrix, Cooccurrence, Presence, Codebook, Memos}

// ParseKind reads a report kind's name.
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	if k == QuoteTable {
		return k, nil
	}
	for _, known := range Kinds {
		if k == known {
			return k, nil
		}
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return "", fmt.Errorf("report kind %q: %w (use %s)", s, model.ErrInvalid, strings.Join(names, ", "))
}

// Formats lists the formats a kind of report is written in, the first
// being the one to offer first.
func Formats(kind Kind) []export.Format {
	docs := []export.Format{export.DOCX, export.ODT, export.PDF, export.HTML, export.Markdown}
	tables := []export.Format{export.XLSX, export.CSV}
	switch kind {
	case QuoteTable:
		return append(tables, docs...)
	case Principles, Summaries, Memos:
		return docs
	case SummaryTable, Codebook:
		return append(docs[:len(docs):len(docs)], tables...)
	case Frequencies, Matrix, Cooccurrence:
		return append(append(tables, docs...), export.PNG, export.SVG)
	case Presence:
		return tables
	}
	return nil
}

// CheckFormat says whether a kind of report can be written in a format,
// and which formats it takes when not.
func CheckFormat(kind Kind, f export.Format) error {
	ok := Formats(kind)
	for _, g := range ok {
		if g == f {
			return nil
		}
	}
	names := make([]string, len(ok))
	for i, g := range ok {
		names[i] = string(g)
	}
	return fmt.Errorf("%s as %s: %w (it is written as %s)", kind, f, model.ErrInvalid, strings.Join(names, ", "))
}

// ErrNothingSelected says a report would be empty: the filters select no
// coded quote, or the project has nothing of what the report shows. Its
// messages say which.
var ErrNothingSelected = errors.New("nothing was written")

// Options are the choices a report takes. Zero values are the defaults.
type Options struct {
	Filter Filter
	// Context adds the sentence or turn around each quote.
	Context ContextUnit
	// Citation is the citation style (see CitationHelp); "" is
	// DefaultCitation.
	Citation string
	// Lang is the language of the report's own words ("nl", "en"); "" is
	// the project's language.
	Lang string
	// Spreadsheet lays the quote table out for CSV and XLSX: every field in
	// a column of its own. Otherwise the table is laid out for reading.
	Spreadsheet bool
	// Attributes are the participant attributes an attribution names, in
	// order (role, organisation); nil names all of them, an empty non-nil
	// slice none.
	Attributes []string
	// MaxPerCode takes at most this many quotes per code (0: all).
	MaxPerCode int
	// KeyFirst puts key quotes first; Breadth takes one quote per
	// participant before taking a second of anyone.
	KeyFirst, Breadth bool
	// By is what a matrix crosses codes with: "document" (the default),
	// "participant", or the name of a participant or document attribute.
	By string
	// SameTurn counts co-occurrence of codes in the same speaker turn
	// instead of overlapping codings.
	SameTurn bool
	// Title replaces the report's title.
	Title string
	// Pseudonyms, when not nil, are applied to everything the report
	// shows; the project keeps the originals.
	Pseudonyms []model.Pseudonym
}

// Report is a built report, ready to write.
type Report struct {
	Doc *export.Doc
	// With pseudonyms on: how many names were replaced, and where a listed
	// name or a part of one still appears (the warning every such export
	// shows).
	Replaced int
	Leaks    []Leak
}

// Build builds a report of the project. With opts.Pseudonyms the names in
// the list are replaced everywhere in it, and the result lists where a name
// or part of one still appears.
func Build(ctx context.Context, p *model.Project, kind Kind, opts Options) (*Report, error) {
	if err := checkCitation(opts.Citation); err != nil {
		return nil, err
	}
	d, err := load(ctx, p)
	if err != nil {
		return nil, err
	}
	if opts.Lang == "" {
		opts.Lang = d.lang
	}
	var ps *Pseudonymiser
	replaced := 0
	if opts.Pseudonyms != nil {
		ps = NewPseudonymiser(opts.Pseudonyms)
		replaced = d.pseudonymise(ps)
	}
	b := &builder{ctx: ctx, p: p, d: d, opts: opts, w: wordsFor(opts.Lang)}
	var doc *export.Doc
	switch kind {
	case QuoteTable:
		doc, err = b.quoteTable()
	case Principles:
		doc, err = b.principles()
	case Summaries:
		doc, err = b.summaries()
	case SummaryTable:
		doc, err = b.summaryTable()
	case Frequencies:
		doc, err = b.frequencies()
	case Matrix:
		doc, err = b.matrix()
	case Cooccurrence:
		doc, err = b.cooccurrence()
	case Presence:
		doc, err = b.presence()
	case Codebook:
		doc, err = b.codebook()
	case Memos:
		doc, err = b.memos()
	default:
		return nil, fmt.Errorf("report kind %q: %w", kind, model.ErrInvalid)
	}
	if err != nil {
		return nil, err
	}
	doc.Lang = opts.Lang
	if opts.Title != "" {
		doc.Title = opts.Title
	}
	r := &Report{Doc: doc}
	if ps != nil {
		r.Doc, r.Replaced = ps.Apply(doc)
		r.Replaced += replaced
		r.Leaks = Leaks(r.Doc, opts.Pseudonyms)
	}
	return r, nil
}

// Count says how many coded quotes a filter selects: the window's live
// count of what an export will write.
func Count(ctx context.Context, p *model.Project, f Filter) (int, error) {
	qs, err := Quotes(ctx, p, f, NoContext)
	return len(qs), err
}

// builder holds what every report's builder needs.
type builder struct {
	ctx  context.Context
	p    *model.Project
	d    *data
	opts Options
	w    *words
}

// subtitle is the line under a report's title: the project, the date and
// what else is given.
func (b *builder) subtitle(extra ...string) string {
	return strings.Join(append([]string{b.projectName(), today()}, extra...), " · ")
}

func (b *builder) projectName() string {
	return strings.TrimSuffix(filepath.Base(b.p.Path()), ".verbatim")
}

func today() string { return time.Now().Format("2006-01-02") }

// selected returns the quotes the options' filter selects, or
// ErrNothingSelected.
func (b *builder) selected() ([]Quote, error) {
	qs, err := b.d.quotes(b.ctx, b.p, b.opts.Filter, b.opts.Context)
	if err != nil {
		return nil, err
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("no coded quotes match the filters: %w", ErrNothingSelected)
	}
	return qs, nil
}

// attributes returns the participant attributes an attribution of q names.
func (b *builder) attributes(q *Quote) []string {
	var out []string
	if b.opts.Attributes == nil {
		for _, a := range q.Attributes {
			out = append(out, a.Value)
		}
		return out
	}
	for _, key := range b.opts.Attributes {
		for _, a := range append(append([]model.Attribute(nil), q.Attributes...), q.DocAttrs...) {
			if strings.EqualFold(a.Key, key) {
				out = append(out, a.Value)
				break
			}
		}
	}
	return out
}

// attributeKeys lists the participant attribute keys the quotes have, in
// first-seen order (each becomes a column of the quote table).
func attributeKeys(qs []Quote) []string {
	var keys []string
	seen := map[string]bool{}
	for _, q := range qs {
		for _, a := range q.Attributes {
			if k := strings.ToLower(a.Key); !seen[k] {
				seen[k] = true
				keys = append(keys, a.Key)
			}
		}
	}
	return keys
}

func attrValue(attrs []model.Attribute, key string) string {
	for _, a := range attrs {
		if strings.EqualFold(a.Key, key) {
			return a.Value
		}
	}
	return ""
}

// quoteTable is the coded quotes, one row per coding.
func (b *builder) quoteTable() (*export.Doc, error) {
	qs, err := b.selected()
	if err != nil {
		return nil, err
	}
	w := b.w
	doc := &export.Doc{Title: w.QuotesTitle, Subtitle: b.subtitle(w.quotes(len(qs)))}
	keys := attributeKeys(qs)
	t := &export.Table{Name: w.QuotesTitle}
	withContext := b.opts.Context != NoContext
	if b.opts.Spreadsheet {
		cols := []string{w.Number, w.Code, w.CodePath, w.Quote}
		if withContext {
			cols = append(cols, w.Context)
		}
		cols = append(cols, w.Document, w.Speaker, w.Participant)
		cols = append(cols, keys...)
		cols = append(cols, w.Turn, w.Time, w.Start, w.End, w.Coder, w.Date, w.Memo, w.KeyQuote, w.Citation)
		for _, c := range cols {
			width := 1.0
			switch c {
			case w.Quote, w.Context:
				width = 6
			case w.Code, w.CodePath, w.Document, w.Memo, w.Citation:
				width = 2.5
			}
			t.Columns = append(t.Columns, export.Column{Title: c, Width: width})
		}
		for i := range qs {
			q := &qs[i]
			row := []export.Cell{export.NumberCell(q.Number), {Text: q.Code, Fill: q.Color}, export.TextCell(q.CodePath), export.TextCell(q.Text)}
			if withContext {
				row = append(row, export.TextCell(q.Context))
			}
			row = append(row, export.TextCell(q.Document), export.TextCell(q.Speaker), export.TextCell(q.Participant))
			for _, k := range keys {
				row = append(row, export.TextCell(attrValue(q.Attributes, k)))
			}
			row = append(row, optNumber(q.Turn), export.TextCell(q.clock()), export.NumberCell(q.Start), export.NumberCell(q.End),
				export.TextCell(q.Coder), export.TextCell(q.date()), export.TextCell(q.Memo), export.TextCell(yes(q.Key, w)),
				export.TextCell(cite(b.opts.Citation, q, w)))
			t.Rows = append(t.Rows, row)
		}
		doc.Blocks = append(doc.Blocks, t)
		return doc, nil
	}
	// For reading: the quote with its context, who said it, where, and the
	// coder's notes, each in one cell.
	doc.Landscape = true
	t.Columns = []export.Column{{Title: w.Number, Width: 0.6}, {Title: w.Code, Width: 2}, {Title: w.Quote, Width: 7},
		{Title: w.Who, Width: 2.4}, {Title: w.Where, Width: 2.4}, {Title: w.Notes, Width: 2.2}}
	for i := range qs {
		q := &qs[i]
		quote := q.Text
		if q.Key {
			quote = "★ " + quote
		}
		if withContext && q.Context != "" && q.Context != q.Text {
			quote += "\n\n" + w.Context + ": " + q.Context
		}
		who := nonEmpty(q.Participant, q.Speaker)
		if q.Participant != "" && q.Speaker != "" && !strings.EqualFold(q.Participant, q.Speaker) {
			who += " (" + q.Speaker + ")"
		}
		for _, k := range keys {
			if v := attrValue(q.Attributes, k); v != "" {
				who += "\n" + k + ": " + v
			}
		}
		where := q.Document
		if q.Turn > 0 {
			where += "\n" + w.Turn + " " + itoa(q.Turn)
		}
		if q.HasTime {
			where += "\n" + q.clock()
		}
		where += "\n" + itoa(q.Start) + "–" + itoa(q.End)
		notes := q.Coder + "\n" + q.date()
		if q.Key {
			notes += "\n" + w.KeyQuote
		}
		if q.Memo != "" {
			notes += "\n" + w.Memo + ": " + q.Memo
		}
		code := q.Code
		if q.CodePath != q.Code {
			code = q.CodePath
		}
		t.Rows = append(t.Rows, []export.Cell{export.NumberCell(q.Number), {Text: code, Fill: q.Color}, export.TextCell(quote),
			export.TextCell(who), export.TextCell(where), export.TextCell(notes)})
	}
	doc.Blocks = append(doc.Blocks, t)
	return doc, nil
}

func (q *Quote) clock() string {
	if !q.HasTime {
		return ""
	}
	return clock(q.Time)
}

func (q *Quote) date() string {
	if q.Created.IsZero() {
		return ""
	}
	return q.Created.Local().Format("2006-01-02")
}

func optNumber(n int) export.Cell {
	if n == 0 {
		return export.TextCell("")
	}
	return export.NumberCell(n)
}

func yes(b bool, w *words) string {
	if b {
		return w.Yes
	}
	return ""
}

func nonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func itoa(n int) string { return fmt.Sprint(n) }

func sortStrings(s []string) {
	slices.SortFunc(s, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
}
