package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// GUIDKind names what a stored exchange GUID belongs to.
type GUIDKind string

// The kinds of things that keep the GUID another QDA tool gave them
// (REFI-QDA). A selection's GUID is kept on the first coding of the span.
const (
	GUIDCode      GUIDKind = "code"
	GUIDDocument  GUIDKind = "document"
	GUIDCoding    GUIDKind = "coding"
	GUIDSelection GUIDKind = "selection"
	GUIDCase      GUIDKind = "case"
	GUIDCoder     GUIDKind = "coder"
)

// GUIDs returns the stored GUIDs of one kind, by the id of what they name
// (for GUIDCoder: the coder's id; CoderGUIDs gives them by name).
func (p *Project) GUIDs(ctx context.Context, kind GUIDKind) (map[int64]string, error) {
	rows, err := p.conn(ctx).QueryContext(ctx, "SELECT id, guid FROM guids WHERE kind = ?", string(kind))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var g string
		if err := rows.Scan(&id, &g); err != nil {
			return nil, err
		}
		out[id] = g
	}
	return out, rows.Err()
}

// SetGUIDs stores GUIDs of one kind by the id of what they name, replacing
// those stored for the same ids, as one action (an import makes it part of
// its own).
func (p *Project) SetGUIDs(ctx context.Context, kind GUIDKind, guids map[int64]string) error {
	if len(guids) == 0 {
		return nil
	}
	return p.do(ctx, plainLabel("Keep the identifiers of an exchange file"), func(tx *sql.Tx) error {
		have := map[int64]string{}
		rows, err := tx.QueryContext(ctx, "SELECT id, guid FROM guids WHERE kind = ?", string(kind))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var g string
			if err := rows.Scan(&id, &g); err != nil {
				rows.Close()
				return err
			}
			have[id] = g
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var added []int64
		for id, g := range guids {
			if strings.TrimSpace(g) == "" {
				return fmt.Errorf("GUID of %s %d: %w (it is empty)", kind, id, ErrInvalid)
			}
			old, ok := have[id]
			switch {
			case !ok:
				added = append(added, id)
			case old != g:
				if _, err := tx.ExecContext(ctx, "UPDATE guids SET guid = ? WHERE kind = ? AND id = ?", g, string(kind), id); err != nil {
					return err
				}
			}
		}
		if len(added) == 0 {
			return nil
		}
		slices.Sort(added)
		// Many rows a statement, and one undo record for all of them: an
		// import of 100,000 codings stores 200,000.
		return bulkAdd(ctx, tx, []string{"guids"}, func() error {
			const batch = 300
			args := make([]any, 0, 3*batch)
			for i, id := range added {
				args = append(args, string(kind), id, guids[id])
				if len(args) == 3*batch || i == len(added)-1 {
					q := "INSERT INTO guids (kind, id, guid) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(args)/3), ", ")
					if _, err := tx.ExecContext(ctx, q, args...); err != nil {
						return err
					}
					args = args[:0]
				}
			}
			return nil
		})
	})
}

// CoderGUIDs returns the stored GUIDs of coders, by the coder's name.
func (p *Project) CoderGUIDs(ctx context.Context) (map[string]string, error) {
	rows, err := p.conn(ctx).QueryContext(ctx, "SELECT c.name, g.guid FROM guids g JOIN coders c ON c.id = g.id WHERE g.kind = 'coder'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, g string
		if err := rows.Scan(&name, &g); err != nil {
			return nil, err
		}
		out[name] = g
	}
	return out, rows.Err()
}

// SetCoderGUID stores the GUID of a coder, named as codings name it,
// adding the coder when the project has none of that name yet.
func (p *Project) SetCoderGUID(ctx context.Context, name, guid string) error {
	name = strings.TrimSpace(name)
	if name == "" || strings.TrimSpace(guid) == "" {
		return fmt.Errorf("coder GUID: %w (the name or the GUID is empty)", ErrInvalid)
	}
	return p.do(ctx, plainLabel("Keep the identifier of coder "+name), func(tx *sql.Tx) error {
		id, err := coderByName(ctx, tx, name)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO guids (kind, id, guid) VALUES ('coder', ?, ?)
			ON CONFLICT (kind, id) DO UPDATE SET guid = excluded.guid`, id, guid)
		return err
	})
}

// NewCoding is a coding as another tool made it, to be stored as it is.
type NewCoding struct {
	Span
	CodeID int64
	// Coder is who made the coding; empty means the project's coder.
	Coder string
	// Created is when it was made; zero means now.
	Created time.Time
	Memo    string
}

// AddCodings stores codings with their coders, times and memos, as one
// action. A coding the project has already (the same code on the same
// range of the same document) is skipped: its id in the result is 0. A
// range outside its document fails the whole action.
func (p *Project) AddCodings(ctx context.Context, cs []NewCoding) ([]int64, error) {
	ids := make([]int64, len(cs))
	err := p.act(ctx, plainLabel("Add codings"), func(tx *sql.Tx, label *Label) error {
		clear(ids)
		var added int
		err := bulkAdd(ctx, tx, []string{"coders", "codings"}, func() error {
			var err error
			added, err = p.addCodings(ctx, tx, cs, ids)
			return err
		})
		*label = PhraseN("Add a coding", "Add {{.Count}} codings", added)
		return err
	})
	return ids, err
}

// addCodings inserts codings, setting ids[i] to the id of cs[i] when it was
// added, and returns how many were.
func (p *Project) addCodings(ctx context.Context, tx *sql.Tx, cs []NewCoding, ids []int64) (int, error) {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO codings (doc_id, code_id, start_rune, end_rune, coder_id, created, memo)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	chars := map[int64]int{}
	codes := map[int64]bool{}
	coders := map[string]int64{}
	defaultCoder, err := p.Coder(ctx)
	if err != nil {
		return 0, err
	}
	added := 0
	for i, c := range cs {
		n, ok := chars[c.DocID]
		if !ok {
			err := tx.QueryRowContext(ctx, "SELECT chars FROM documents WHERE id = ?", c.DocID).Scan(&n)
			if errors.Is(err, sql.ErrNoRows) {
				return 0, fmt.Errorf("document %d: %w", c.DocID, ErrNotFound)
			} else if err != nil {
				return 0, err
			}
			chars[c.DocID] = n
		}
		if c.Start < 0 || c.End <= c.Start || c.End > n {
			return 0, fmt.Errorf("range %d:%d: %w (the document has %d characters; the end must be after the start)", c.Start, c.End, ErrInvalid, n)
		}
		if !codes[c.CodeID] {
			if _, err := codeRow(ctx, tx, c.CodeID); err != nil {
				return 0, err
			}
			codes[c.CodeID] = true
		}
		name := strings.TrimSpace(c.Coder)
		if name == "" {
			name = defaultCoder
		}
		coderID, ok := coders[name]
		if !ok {
			if coderID, err = coderByName(ctx, tx, name); err != nil {
				return 0, err
			}
			coders[name] = coderID
		}
		created := now()
		if !c.Created.IsZero() {
			created = c.Created.UTC().Format(time.RFC3339Nano)
		}
		res, err := stmt.ExecContext(ctx, c.DocID, c.CodeID, c.Start, c.End, coderID, created, c.Memo)
		if err != nil {
			return 0, err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			ids[i], _ = res.LastInsertId()
			added++
		}
	}
	return added, nil
}

// AddCase returns the participant called name, creating it (without
// speakers) when the project has none of that name: a case another tool
// exported.
func (p *Project) AddCase(ctx context.Context, name string) (int64, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return 0, fmt.Errorf("participant name: %w (it is empty)", ErrInvalid)
	}
	var id int64
	err := p.do(ctx, plainLabel("Add participant "+name), func(tx *sql.Tx) error {
		var err error
		id, err = caseByName(ctx, tx, name, true)
		return err
	})
	return id, err
}
