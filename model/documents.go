package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Document is a stored document with its counts.
type Document struct {
	ID       int64
	Name     string
	Format   string
	Chars    int // length of the text in runes
	Imported time.Time
	Speakers int
	Codings  int
}

// Turn is a stored speaker turn or paragraph.
type Turn struct {
	ID         int64
	Start, End int    // rune range over the document text
	SpeakerID  int64  // 0 for a paragraph without a speaker
	Speaker    string // the speaker's label
	Begin      time.Duration
	Until      time.Duration
	HasTime    bool
}

// DuplicateError says a document with the same text is in the project.
type DuplicateError struct{ Existing string }

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("the same text is already in the project as %q", e.Existing)
}

// Is makes errors.Is(err, ErrDuplicate) true for a DuplicateError.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

// ImportDocument stores a document, its speaker turns and attributes as one
// undoable action. Each speaker is linked to the participant (case) of the
// same name, created when missing. A document whose text is already in the
// project is refused with a DuplicateError (an empty one never is: another
// tool's export may hold several); a name in use gets a number.
func (p *Project) ImportDocument(ctx context.Context, nd NewDocument) (Document, error) {
	r, err := p.ImportDocuments(ctx, []NewDocument{nd})
	if err != nil {
		return Document{}, err
	}
	if r[0].Duplicate {
		return Document{}, &DuplicateError{Existing: r[0].Name}
	}
	return r[0].Document, nil
}

func validateNewDocument(nd NewDocument) error {
	switch {
	case strings.TrimSpace(nd.Name) == "":
		return fmt.Errorf("document name: %w (it is empty)", ErrInvalid)
	case !utf8.ValidString(nd.Text):
		return fmt.Errorf("%s: %w (the text is not valid UTF-8)", nd.Name, ErrInvalid)
	case strings.ContainsAny(nd.Text, "\r\x00"):
		return fmt.Errorf("%s: %w (the text has carriage returns or NUL characters)", nd.Name, ErrInvalid)
	}
	n := utf8.RuneCountInString(nd.Text)
	prev := 0
	for i, t := range nd.Turns {
		if t.Start < prev || t.End <= t.Start || t.End > n {
			return fmt.Errorf("%s: %w (turn %d at %d:%d is out of order or out of range)", nd.Name, ErrInvalid, i+1, t.Start, t.End)
		}
		prev = t.End
	}
	return nil
}

// freeDocumentName returns name, or name with " (2)", " (3)", ... added
// before the extension when a document has that name already.
func freeDocumentName(ctx context.Context, tx *sql.Tx, name string) (string, error) {
	stem, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		stem, ext = name[:i], name[i:]
	}
	candidate := name
	for n := 2; ; n++ {
		var taken bool
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM documents WHERE name = ?)", candidate).Scan(&taken); err != nil {
			return "", err
		}
		if !taken {
			return candidate, nil
		}
		candidate = stem + " (" + strconv.Itoa(n) + ")" + ext
	}
}

// interviewerLabel matches the labels transcripts give interviewers, in
// English and Dutch ("Interviewer", "Researcher 1", "Onderzoeker", "I").
var interviewerLabel = regexp.MustCompile(`(?i)^(interviewer|interviewster|researcher|onderzoeker|moderator|facilitator|gespreksleider|int|i)\s*\d*$`)

// addSpeaker adds a speaker to a document, linked to the participant of the
// same name, and marked as an interviewer when its label says so.
func addSpeaker(ctx context.Context, tx *sql.Tx, docID int64, label string) (int64, error) {
	caseID, err := caseByName(ctx, tx, label, true)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO speakers (doc_id, label, case_id, interviewer) VALUES (?, ?, ?, ?)",
		docID, label, caseID, interviewerLabel.MatchString(strings.TrimSpace(label)))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

const documentColumns = `d.id, d.name, d.format, d.chars, d.imported,
	(SELECT count(*) FROM speakers s WHERE s.doc_id = d.id),
	(SELECT count(*) FROM codings c WHERE c.doc_id = d.id)`

func scanDocument(row interface{ Scan(...any) error }) (Document, error) {
	var d Document
	var imported string
	err := row.Scan(&d.ID, &d.Name, &d.Format, &d.Chars, &imported, &d.Speakers, &d.Codings)
	d.Imported = parseTime(imported)
	return d, err
}

// Documents lists the project's documents by name.
func (p *Project) Documents(ctx context.Context) ([]Document, error) {
	rows, err := p.conn(ctx).QueryContext(ctx, "SELECT "+documentColumns+" FROM documents d ORDER BY d.name COLLATE NOCASE, d.id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Document returns one document.
func (p *Project) Document(ctx context.Context, id int64) (Document, error) {
	d, err := scanDocument(p.conn(ctx).QueryRowContext(ctx, "SELECT "+documentColumns+" FROM documents d WHERE d.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	return d, err
}

// FindDocument finds a document by its name as Documents lists it (ignoring
// case and surrounding spaces), its name without the extension when only one
// document has it ("Ana" for Ana.docx), or its id written as a number. A
// name nothing matches gives a *NotFoundError with the closest name.
func (p *Project) FindDocument(ctx context.Context, ref string) (Document, error) {
	d, err := scanDocument(p.conn(ctx).QueryRowContext(ctx, "SELECT "+documentColumns+" FROM documents d WHERE d.name = ?", ref))
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return d, err
	}
	if id, perr := strconv.ParseInt(strings.TrimSpace(ref), 10, 64); perr == nil {
		if d, err := p.Document(ctx, id); err == nil {
			return d, nil
		}
	}
	docs, err := p.Documents(ctx)
	if err != nil {
		return Document{}, err
	}
	want := strings.TrimSpace(ref)
	var found, byStem []Document
	names := make([]string, len(docs))
	for i, d := range docs {
		name := strings.TrimSpace(d.Name)
		names[i] = d.Name
		if strings.EqualFold(name, want) {
			found = append(found, d)
		}
		if stem := strings.TrimSuffix(name, path.Ext(name)); stem != name && strings.EqualFold(stem, want) {
			byStem = append(byStem, d)
		}
	}
	if len(found) == 0 {
		found = byStem
	}
	switch len(found) {
	case 0:
		return Document{}, &NotFoundError{Kind: "document", Name: want, Closest: Closest(names, want)}
	case 1:
		return found[0], nil
	}
	list := make([]string, len(found))
	for i, d := range found {
		list[i] = fmt.Sprintf("%q (id %d)", d.Name, d.ID)
	}
	return Document{}, fmt.Errorf("document %q: %w (several documents have that name: %s; give the exact name or the id)", want, ErrInvalid, strings.Join(list, ", "))
}

// Text returns a document's text.
func (p *Project) Text(ctx context.Context, docID int64) (string, error) {
	var text string
	err := p.conn(ctx).QueryRowContext(ctx, "SELECT text FROM documents WHERE id = ?", docID).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("document %d: %w", docID, ErrNotFound)
	}
	return text, err
}

// Turns returns a document's speaker turns and paragraphs in order.
// A turn whose stored range is damaged (it ends before it starts, or past
// the text's end) is left out and recorded in SkippedRows, as is one that
// overlaps the turn before it.
func (p *Project) Turns(ctx context.Context, docID int64) ([]Turn, error) {
	chars, err := p.textLength(ctx, docID)
	if err != nil {
		return nil, err
	}
	rows, err := p.conn(ctx).QueryContext(ctx, `SELECT t.id, `+storedInt("t.start_rune")+`, `+storedInt("t.end_rune")+`,
		CASE WHEN typeof(t.speaker_id) = 'integer' THEN t.speaker_id ELSE 0 END, ifnull(s.label, ''), `+storedTime("t.begin_ms")+`, `+storedTime("t.until_ms")+`
		FROM turns t LEFT JOIN speakers s ON s.id = t.speaker_id WHERE t.doc_id = ? ORDER BY t.start_rune, t.id`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Turn
	prev := 0
	for rows.Next() {
		var t Turn
		var begin, until sql.NullInt64
		if err := rows.Scan(&t.ID, &t.Start, &t.End, &t.SpeakerID, &t.Speaker, &begin, &until); err != nil {
			return nil, err
		}
		if !validRange(t.Start, t.End, chars) || t.Start < prev {
			p.skipped.add(badRange("turns", t.ID, docID, t.Start, t.End, chars))
			continue
		}
		prev = t.End
		if begin.Valid && until.Valid {
			t.HasTime, t.Begin, t.Until = true, time.Duration(begin.Int64)*time.Millisecond, time.Duration(until.Int64)*time.Millisecond
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// DocumentAttributes returns a document's attributes in their import order.
func (p *Project) DocumentAttributes(ctx context.Context, docID int64) ([]Attribute, error) {
	return p.attributes(ctx, "SELECT key, value FROM document_attributes WHERE doc_id = ? ORDER BY pos, key", docID)
}

func (p *Project) attributes(ctx context.Context, q string, id int64) ([]Attribute, error) {
	rows, err := p.conn(ctx).QueryContext(ctx, q, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attribute
	for rows.Next() {
		var a Attribute
		if err := rows.Scan(&a.Key, &a.Value); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// RenameDocument changes a document's name.
func (p *Project) RenameDocument(ctx context.Context, docID int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("document name: %w (it is empty)", ErrInvalid)
	}
	return p.act(ctx, plainLabel("Rename document to "+name), func(tx *sql.Tx, label *Label) error {
		var old string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM documents WHERE id = ?", docID).Scan(&old); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("document %d: %w", docID, ErrNotFound)
		} else if err != nil {
			return err
		}
		*label = Phrase("Rename {{.Old}} to {{.New}}", "Old", old, "New", name)
		var taken bool
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM documents WHERE name = ? AND id <> ?)", name, docID).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return fmt.Errorf("document %q: %w", name, ErrDuplicate)
		}
		return expectOne(tx.ExecContext(ctx, "UPDATE documents SET name = ? WHERE id = ?", name, docID))(fmt.Sprintf("document %d", docID))
	})
}

// DeleteDocument removes a document with its turns, speakers, attributes,
// codings and thematic summaries, as one undoable action. Participants stay.
func (p *Project) DeleteDocument(ctx context.Context, docID int64) error {
	d, err := p.Document(ctx, docID)
	if err != nil {
		return err
	}
	return p.do(ctx, Phrase("Delete document {{.Document}}", "Document", d.Name), func(tx *sql.Tx) error {
		for _, q := range []string{
			"DELETE FROM codings WHERE doc_id = ?",
			"DELETE FROM summaries WHERE doc_id = ?",
			"DELETE FROM turns WHERE doc_id = ?",
			"DELETE FROM speakers WHERE doc_id = ?",
			"DELETE FROM document_attributes WHERE doc_id = ?",
			"DELETE FROM documents WHERE id = ?",
		} {
			if _, err := tx.ExecContext(ctx, q, docID); err != nil {
				return err
			}
		}
		return nil
	})
}

// expectOne turns an Exec result into ErrNotFound when no row was touched.
func expectOne(res sql.Result, err error) func(what string) error {
	return func(what string) error {
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%s: %w", what, ErrNotFound)
		}
		return nil
	}
}

// textLength is the length of a document's text in characters as SQLite
// counts them, which is never more than the runes Go decodes from it, even
// when damage has made it invalid UTF-8: a range within it is safe to slice.
func (p *Project) textLength(ctx context.Context, docID int64) (int, error) {
	var n int
	err := p.conn(ctx).QueryRowContext(ctx, "SELECT length(text) FROM documents WHERE id = ?", docID).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("document %d: %w", docID, ErrNotFound)
	}
	return n, err
}

// storedInt reads an integer column so that damage which changed its type
// reads as -1, an invalid position, instead of failing the scan.
// storedTime reads a stored time in milliseconds, NULL when there is none or
// what is there is not a whole number (damage, which Check lists): the turn
// is then read without its time.
func storedTime(col string) string {
	return "CASE WHEN typeof(" + col + ") = 'integer' THEN " + col + " END"
}

func storedInt(col string) string {
	return "CASE WHEN typeof(" + col + ") = 'integer' THEN " + col + " ELSE -1 END"
}
