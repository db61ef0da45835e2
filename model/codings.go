package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Coding is a code applied to a rune range [Start, End) of a document.
type Coding struct {
	ID       int64
	DocID    int64
	Document string
	CodeID   int64
	Code     string
	Start    int
	End      int
	Coder    string
	Created  time.Time
	Memo     string
	Key      bool   // marked as a key quote
	Text     string // the quoted text, filled by Codings
}

// Span is a rune range [Start, End) in a document.
type Span struct {
	DocID      int64
	Start, End int
}

// ApplyCode codes the rune range [start, end) of a document with a code, as
// the project's current coder. Overlapping codings are fine; the exact same
// coding twice is refused with ErrDuplicate.
func (p *Project) ApplyCode(ctx context.Context, codeID int64, span Span) (Coding, error) {
	var c Coding
	err := p.act(ctx, plainLabel("Apply code"), func(tx *sql.Tx, label *Label) error {
		var err error
		c, err = p.applyCode(ctx, tx, codeID, span, nil)
		*label = Phrase("Apply “{{.Code}}”", "Code", c.Code)
		return err
	})
	return c, err
}

// ApplyCodes codes many spans with one code as one undoable action (auto-
// coding). Spans the code already covers exactly are skipped; the codings
// made are returned.
func (p *Project) ApplyCodes(ctx context.Context, codeID int64, spans []Span) ([]Coding, error) {
	var made []Coding
	err := p.act(ctx, plainLabel("Code passages"), func(tx *sql.Tx, label *Label) error {
		made = made[:0]
		code, err := codeRow(ctx, tx, codeID)
		if err != nil {
			return err
		}
		defer func() {
			*label = PhraseN("Code a passage with “{{.Code}}”", "Code {{.Count}} passages with “{{.Code}}”", len(made), "Code", code.Name)
		}()
		docs := map[int64]docSize{}
		for _, s := range spans {
			c, err := p.applyCode(ctx, tx, codeID, s, docs)
			if errors.Is(err, ErrDuplicate) {
				continue
			}
			if err != nil {
				return err
			}
			made = append(made, c)
		}
		return nil
	})
	return made, err
}

// docSize is a document's length and name, as applyCode reads them.
type docSize struct {
	chars int
	name  string
}

// applyCode codes one span. docs, when not nil, keeps what it read of each
// document for the next span: reading chars walks the whole text (the column
// after it), which took ApplyCodes 25 ms per span in a transcript of 45 MB.
func (p *Project) applyCode(ctx context.Context, tx *sql.Tx, codeID int64, s Span, docs map[int64]docSize) (Coding, error) {
	code, err := codeRow(ctx, tx, codeID)
	if err != nil {
		return Coding{}, err
	}
	d, ok := docs[s.DocID]
	if !ok {
		if err := tx.QueryRowContext(ctx, "SELECT chars, name FROM documents WHERE id = ?", s.DocID).Scan(&d.chars, &d.name); errors.Is(err, sql.ErrNoRows) {
			return Coding{}, fmt.Errorf("document %d: %w", s.DocID, ErrNotFound)
		} else if err != nil {
			return Coding{}, err
		}
		if docs != nil {
			docs[s.DocID] = d
		}
	}
	chars, doc := d.chars, d.name
	if s.Start < 0 || s.End <= s.Start || s.End > chars {
		return Coding{}, fmt.Errorf("range %d:%d: %w (the document has %d characters; the end must be after the start)", s.Start, s.End, ErrInvalid, chars)
	}
	coder, err := p.Coder(ctx)
	if err != nil {
		return Coding{}, err
	}
	coderID, err := coderByName(ctx, tx, coder)
	if err != nil {
		return Coding{}, err
	}
	created := now()
	res, err := tx.ExecContext(ctx, `INSERT INTO codings (doc_id, code_id, start_rune, end_rune, coder_id, created) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, s.DocID, codeID, s.Start, s.End, coderID, created)
	if err != nil {
		return Coding{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Coding{}, fmt.Errorf("%q at %d:%d in %s: %w", code.Name, s.Start, s.End, doc, ErrDuplicate)
	}
	id, _ := res.LastInsertId()
	return Coding{ID: id, DocID: s.DocID, Document: doc, CodeID: codeID, Code: code.Name,
		Start: s.Start, End: s.End, Coder: coder, Created: parseTime(created)}, nil
}

func coderByName(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM coders WHERE name = ?", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		res, err := tx.ExecContext(ctx, "INSERT INTO coders (name) VALUES (?)", name)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	return id, err
}

// RemoveCoding removes one coding (uncode).
func (p *Project) RemoveCoding(ctx context.Context, id int64) error {
	return p.act(ctx, plainLabel("Remove coding"), func(tx *sql.Tx, label *Label) error {
		var code, doc string
		err := tx.QueryRowContext(ctx, `SELECT c.name, d.name FROM codings g JOIN codes c ON c.id = g.code_id
			JOIN documents d ON d.id = g.doc_id WHERE g.id = ?`, id).Scan(&code, &doc)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("coding %d: %w", id, ErrNotFound)
		} else if err != nil {
			return err
		}
		*label = Phrase("Remove “{{.Code}}” from a passage of {{.Document}}", "Code", code, "Document", doc)
		return expectOne(tx.ExecContext(ctx, "DELETE FROM codings WHERE id = ?", id))(fmt.Sprintf("coding %d", id))
	})
}

// SetKeyQuote marks codings as key quotes (or unmarks them), as one
// undoable action. Reports can take key quotes first or only.
func (p *Project) SetKeyQuote(ctx context.Context, ids []int64, key bool) error {
	label := PhraseN("Mark a key quote", "Mark {{.Count}} key quotes", len(ids))
	if !key {
		label = PhraseN("Unmark a key quote", "Unmark {{.Count}} key quotes", len(ids))
	}
	if len(ids) == 0 {
		return fmt.Errorf("key quote: %w (no codings given)", ErrInvalid)
	}
	return p.do(ctx, label, func(tx *sql.Tx) error {
		for _, id := range ids {
			var exists bool
			if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM codings WHERE id = ?)", id).Scan(&exists); err != nil {
				return err
			}
			if !exists {
				return fmt.Errorf("coding %d: %w", id, ErrNotFound)
			}
			if _, err := tx.ExecContext(ctx, "UPDATE codings SET key_quote = ? WHERE id = ? AND key_quote <> ?", key, id, key); err != nil {
				return err
			}
		}
		return nil
	})
}

// CodingFilter narrows Codings; zero fields do not filter.
type CodingFilter struct {
	CodeID int64
	DocID  int64
}

// Codings lists codings in document order, with their quoted text.
func (p *Project) Codings(ctx context.Context, f CodingFilter) ([]Coding, error) {
	rows, err := p.conn(ctx).QueryContext(ctx, `SELECT g.id, g.doc_id, d.name, g.code_id, c.name, `+storedInt("g.start_rune")+`, `+storedInt("g.end_rune")+`, r.name, g.created, g.memo, g.key_quote
		FROM codings g JOIN documents d ON d.id = g.doc_id JOIN codes c ON c.id = g.code_id JOIN coders r ON r.id = g.coder_id
		WHERE (? = 0 OR g.code_id = ?) AND (? = 0 OR g.doc_id = ?)
		ORDER BY d.name COLLATE NOCASE, g.doc_id, g.start_rune, g.end_rune, c.name`, f.CodeID, f.CodeID, f.DocID, f.DocID)
	if err != nil {
		return nil, err
	}
	var out []Coding
	for rows.Next() {
		var g Coding
		var created string
		if err := rows.Scan(&g.ID, &g.DocID, &g.Document, &g.CodeID, &g.Code, &g.Start, &g.End, &g.Coder, &created, &g.Memo, &g.Key); err != nil {
			rows.Close()
			return nil, err
		}
		g.Created = parseTime(created)
		out = append(out, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The text is walked, not made a []rune: that took four times the
	// text (180 MB for a transcript of 45 MB) on every call.
	var text runeCursor
	textOf, chars := int64(0), 0
	kept := out[:0]
	for _, g := range out {
		if g.DocID != textOf {
			t, err := p.Text(ctx, g.DocID)
			if err != nil {
				return nil, err
			}
			text, textOf, chars = runeCursor{text: t}, g.DocID, utf8.RuneCountInString(t)
		}
		if !validRange(g.Start, g.End, chars) {
			p.skipped.add(badRange("codings", g.ID, g.DocID, g.Start, g.End, chars))
			continue
		}
		g.Text = text.slice(g.Start, g.End)
		kept = append(kept, g)
	}
	return kept, nil
}

// runeCursor cuts rune ranges out of a text, walking forward from the last
// start, so that ranges in order of their start cost about one pass.
type runeCursor struct {
	text       string
	rune, byte int // the last start
}

// slice returns the runes start to end of the text as string([]rune(text)[start:end])
// would: an invalid byte becomes U+FFFD.
func (c *runeCursor) slice(start, end int) string {
	if start < c.rune {
		c.rune, c.byte = 0, 0
	}
	for c.rune < start && c.byte < len(c.text) {
		_, size := utf8.DecodeRuneInString(c.text[c.byte:])
		c.byte, c.rune = c.byte+size, c.rune+1
	}
	b := c.byte
	for r := start; r < end && b < len(c.text); r++ {
		_, size := utf8.DecodeRuneInString(c.text[b:])
		b += size
	}
	s := c.text[c.byte:b]
	if !utf8.ValidString(s) {
		return string([]rune(s))
	}
	return s
}

// Coding returns one coding with its quoted text.
func (p *Project) Coding(ctx context.Context, id int64) (Coding, error) {
	var docID int64
	if err := p.conn(ctx).QueryRowContext(ctx, "SELECT doc_id FROM codings WHERE id = ?", id).Scan(&docID); errors.Is(err, sql.ErrNoRows) {
		return Coding{}, fmt.Errorf("coding %d: %w", id, ErrNotFound)
	} else if err != nil {
		return Coding{}, err
	}
	all, err := p.Codings(ctx, CodingFilter{DocID: docID})
	if err != nil {
		return Coding{}, err
	}
	for _, c := range all {
		if c.ID == id {
			return c, nil
		}
	}
	return Coding{}, fmt.Errorf("coding %d: %w", id, ErrNotFound)
}

// Occurrence finds the nth (1-based) occurrence of needle in text and returns
// its rune range. Matching is exact when the needle occurs exactly at all;
// otherwise case, typographic quotes and dashes are ignored.
func Occurrence(text, needle string, nth int) (start, end int, ok bool) {
	if needle == "" || nth < 1 {
		return 0, 0, false
	}
	if strings.Contains(text, needle) {
		return nthIndex(text, needle, nth)
	}
	ft, fn := []rune(foldForMatch(text)), []rune(foldForMatch(needle))
	if len(ft) != utf8.RuneCountInString(text) || len(fn) != utf8.RuneCountInString(needle) {
		return 0, 0, false
	}
	return nthIndex(string(ft), string(fn), nth)
}

func nthIndex(text, needle string, nth int) (int, int, bool) {
	from := 0
	for i := 1; ; i++ {
		j := strings.Index(text[from:], needle)
		if j < 0 {
			return 0, 0, false
		}
		if i == nth {
			s := utf8.RuneCountInString(text[:from+j])
			return s, s + utf8.RuneCountInString(needle), true
		}
		_, size := utf8.DecodeRuneInString(text[from+j:])
		from += j + size
	}
}

// foldForMatch lower-cases and straightens quotes and dashes rune for rune,
// so rune positions stay the same.
func foldForMatch(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '‘', '’', '‚', '′':
			return '\''
		case '“', '”', '„', '″':
			return '"'
		case '–', '—':
			return '-'
		}
		if l := []rune(strings.ToLower(string(r))); len(l) == 1 {
			return l[0]
		}
		return r
	}, s)
}
