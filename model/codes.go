package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Code is a node of the code tree.
type Code struct {
	ID          int64
	ParentID    int64 // 0 for a top-level code
	Name        string
	Color       string // #RRGGBB
	Description string
	Codings     int // codings of this code itself
	Documents   int // documents with at least one coding of this code
}

// CodeEdit holds the properties of a code to create or change; a nil field
// is left as it is (or, on create, gets its default).
type CodeEdit struct {
	Name        *string
	Color       *string
	Description *string
}

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// defaultColors are given in turn to new codes created without a colour.
var defaultColors = []string{"#E6194B", "#3CB44B", "#FFB000", "#4363D8", "#F58231", "#911EB4", "#42D4F4", "#F032E6", "#9A6324", "#469990"}

// AddCode creates a code under parent (0 for the top level). An empty colour
// picks the next default colour. Spans, if given, are coded with the new
// code in the same undoable action (in-vivo coding).
func (p *Project) AddCode(ctx context.Context, parent int64, name, color, description string, spans ...Span) (Code, error) {
	name = strings.TrimSpace(name)
	if err := checkCode(name, color); err != nil {
		return Code{}, err
	}
	var c Code
	label := Phrase("Add code “{{.Code}}”", "Code", name)
	if len(spans) > 0 {
		label = PhraseN("Add code “{{.Code}}” and code a passage", "Add code “{{.Code}}” and code {{.Count}} passages", len(spans), "Code", name)
	}
	err := p.do(ctx, label, func(tx *sql.Tx) error {
		if parent != 0 {
			if _, err := codeRow(ctx, tx, parent); err != nil {
				return err
			}
		}
		if color == "" {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM codes").Scan(&n); err != nil {
				return err
			}
			color = defaultColors[n%len(defaultColors)]
		}
		var pos int
		if err := tx.QueryRowContext(ctx, "SELECT ifnull(max(pos), -1) + 1 FROM codes WHERE ifnull(parent_id, 0) = ?", parent).Scan(&pos); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO codes (parent_id, name, color, description, pos) VALUES (?, ?, ?, ?, ?)",
			nullID(parent), name, strings.ToUpper(color), description, pos)
		if err != nil {
			return uniqueName(err, name)
		}
		id, _ := res.LastInsertId()
		c = Code{ID: id, ParentID: parent, Name: name, Color: strings.ToUpper(color), Description: description}
		docs := map[int64]docSize{}
		for _, s := range spans {
			if _, err := p.applyCode(ctx, tx, id, s, docs); err != nil {
				return err
			}
			c.Codings++
		}
		return nil
	})
	return c, err
}

// MaxCodeName is the longest code name, in characters: enough for a short
// sentence, as in-vivo codes are, and short enough for a codebook column.
const MaxCodeName = 200

func checkCode(name, color string) error {
	if err := checkCodeName(name); err != nil {
		return err
	}
	return checkColor(color)
}

func checkColor(color string) error {
	if color != "" && !colorRE.MatchString(color) {
		return fmt.Errorf("colour %q: %w (write it as #RRGGBB)", color, ErrInvalid)
	}
	return nil
}

// checkCodeName refuses an empty name, one longer than MaxCodeName and one
// with control characters (line breaks and tabs too) or characters that
// change the direction of text, which would garble the codebook, exports
// and the terminal.
func checkCodeName(name string) error {
	if name == "" {
		return fmt.Errorf("code name: %w (it is empty)", ErrInvalid)
	}
	if n := utf8.RuneCountInString(name); n > MaxCodeName {
		return fmt.Errorf("code name %.40q…: %w (it has %d characters; at most %d)", name, ErrInvalid, n, MaxCodeName)
	}
	for _, r := range name {
		if unicode.IsControl(r) || IsBidiControl(r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError {
			return fmt.Errorf("code name %+q: %w (it holds a control character, U+%04X)", name, ErrInvalid, r)
		}
	}
	return nil
}

// IsBidiControl says whether r changes the direction of the text around it
// (the marks, embeddings, overrides and isolates of Unicode's bidirectional
// algorithm).
func IsBidiControl(r rune) bool {
	switch {
	case r == '\u061C', r == '\u200E', r == '\u200F':
		return true
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

func uniqueName(err error, name string) error {
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return fmt.Errorf("code %q: %w at this level of the codebook", name, ErrDuplicate)
	}
	return err
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// EditCode renames, recolours or re-describes a code.
func (p *Project) EditCode(ctx context.Context, id int64, e CodeEdit) error {
	return p.act(ctx, plainLabel("Edit code"), func(tx *sql.Tx, label *Label) error {
		c, err := codeRow(ctx, tx, id)
		if err != nil {
			return err
		}
		*label = editCodeLabel(c, e)
		if e.Name != nil {
			c.Name = strings.TrimSpace(*e.Name)
		}
		if e.Color != nil {
			c.Color = strings.ToUpper(*e.Color)
		}
		if e.Description != nil {
			c.Description = *e.Description
		}
		if e.Name != nil {
			if err := checkCodeName(c.Name); err != nil {
				return err
			}
		}
		if err := checkColor(c.Color); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE codes SET name = ?, color = ?, description = ? WHERE id = ?", c.Name, c.Color, c.Description, id)
		return uniqueName(err, c.Name)
	})
}

// editCodeLabel names an edit by what it changes.
func editCodeLabel(c Code, e CodeEdit) Label {
	name := e.Name != nil && strings.TrimSpace(*e.Name) != c.Name
	color := e.Color != nil && !strings.EqualFold(*e.Color, c.Color)
	desc := e.Description != nil && *e.Description != c.Description
	switch {
	case name && !color && !desc:
		return Phrase("Rename code “{{.Code}}” to “{{.Name}}”", "Code", c.Name, "Name", strings.TrimSpace(*e.Name))
	case color && !name && !desc:
		return Phrase("Recolour code “{{.Code}}”", "Code", c.Name)
	case desc && !name && !color:
		return Phrase("Edit the description of code “{{.Code}}”", "Code", c.Name)
	}
	return Phrase("Edit code “{{.Code}}”", "Code", c.Name)
}

// MoveCode puts a code (with its subtree) under a new parent (0: top level).
func (p *Project) MoveCode(ctx context.Context, id, parent int64) error {
	return p.act(ctx, plainLabel("Move code"), func(tx *sql.Tx, label *Label) error {
		c, err := codeRow(ctx, tx, id)
		if err != nil {
			return err
		}
		*label = Phrase("Move code “{{.Code}}” to the top level", "Code", c.Name)
		seen := map[int64]bool{}
		for a := parent; a != 0 && !seen[a]; { // seen: ancestors in a loop (damage) end the walk
			seen[a] = true
			if a == id {
				return fmt.Errorf("code %q: %w (a code cannot move under itself)", c.Name, ErrInvalid)
			}
			anc, err := codeRow(ctx, tx, a)
			if err != nil {
				return err
			}
			if a == parent {
				*label = Phrase("Move code “{{.Code}}” under “{{.Parent}}”", "Code", c.Name, "Parent", anc.Name)
			}
			a = anc.ParentID
		}
		var pos int
		if err := tx.QueryRowContext(ctx, "SELECT ifnull(max(pos), -1) + 1 FROM codes WHERE ifnull(parent_id, 0) = ?", parent).Scan(&pos); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE codes SET parent_id = ?, pos = ? WHERE id = ?", nullID(parent), pos, id)
		return uniqueName(err, c.Name)
	})
}

// MergeCode merges code src into dst: src's codings move to dst (a coding
// dst already has is dropped), src's children move under dst, src's memo and
// thematic summaries are appended to dst's, and src is deleted. One undoable
// action.
func (p *Project) MergeCode(ctx context.Context, src, dst int64) error {
	if src == dst {
		return fmt.Errorf("merge: %w (a code cannot merge into itself)", ErrInvalid)
	}
	return p.act(ctx, plainLabel("Merge codes"), func(tx *sql.Tx, label *Label) error {
		s, err := codeRow(ctx, tx, src)
		if err != nil {
			return err
		}
		d, err := codeRow(ctx, tx, dst)
		if err != nil {
			return err
		}
		*label = Phrase("Merge code “{{.Code}}” into “{{.Into}}”", "Code", s.Name, "Into", d.Name)
		seen := map[int64]bool{}
		for a := dst; a != 0 && !seen[a]; { // seen: ancestors in a loop (damage) end the walk
			seen[a] = true
			if a == src {
				return fmt.Errorf("merge: %w (a code cannot merge into its own subcode)", ErrInvalid)
			}
			anc, err := codeRow(ctx, tx, a)
			if err != nil {
				return err
			}
			a = anc.ParentID
		}
		var memo string
		if err := tx.QueryRowContext(ctx, "SELECT memo FROM codes WHERE id = ?", src).Scan(&memo); err != nil {
			return err
		}
		stmts := []struct {
			q    string
			args []any
		}{
			{`DELETE FROM codings WHERE code_id = ? AND EXISTS (SELECT 1 FROM codings d
				WHERE d.code_id = ? AND d.doc_id = codings.doc_id AND d.start_rune = codings.start_rune AND d.end_rune = codings.end_rune)`, []any{src, dst}},
			{"UPDATE codings SET code_id = ? WHERE code_id = ?", []any{dst, src}},
			// Thematic summaries: where both codes have one for a document,
			// src's text is appended to dst's; the others move over.
			{`UPDATE summaries SET text = text || char(10) || char(10) || (SELECT s.text FROM summaries s WHERE s.code_id = ?1 AND s.doc_id = summaries.doc_id)
				WHERE code_id = ?2 AND doc_id IN (SELECT doc_id FROM summaries WHERE code_id = ?1)`, []any{src, dst}},
			{"DELETE FROM summaries WHERE code_id = ?1 AND doc_id IN (SELECT doc_id FROM summaries WHERE code_id = ?2)", []any{src, dst}},
			{"UPDATE summaries SET code_id = ? WHERE code_id = ?", []any{dst, src}},
		}
		if strings.TrimSpace(memo) != "" {
			stmts = append(stmts, struct {
				q    string
				args []any
			}{"UPDATE codes SET memo = CASE WHEN memo = '' THEN ?1 ELSE memo || char(10) || char(10) || ?1 END WHERE id = ?2", []any{s.Name + ": " + memo, dst}})
		}
		for _, st := range stmts {
			if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
				return err
			}
		}
		children, err := childIDs(ctx, tx, src)
		if err != nil {
			return err
		}
		for _, ch := range children {
			c, _ := codeRow(ctx, tx, ch)
			if _, err := tx.ExecContext(ctx, "UPDATE codes SET parent_id = ? WHERE id = ?", dst, ch); err != nil {
				return uniqueName(err, c.Name)
			}
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM codes WHERE id = ?", src)
		return err
	})
}

// DeleteCode deletes a code, its subcodes and all their codings.
func (p *Project) DeleteCode(ctx context.Context, id int64) error {
	return p.act(ctx, plainLabel("Delete code"), func(tx *sql.Tx, label *Label) error {
		c, err := codeRow(ctx, tx, id)
		if err != nil {
			return err
		}
		*label = Phrase("Delete code “{{.Code}}”", "Code", c.Name)
		return deleteCodeTree(ctx, tx, id, nil)
	})
}

// deleteCodeTree deletes code id, its codings and summaries, and the codes
// under it; seen (nil at the top) keeps a damaged tree, a code under
// itself, from going round for ever.
func deleteCodeTree(ctx context.Context, tx *sql.Tx, id int64, seen map[int64]bool) error {
	if seen == nil {
		seen = map[int64]bool{}
		// A code under itself (damage) is first taken out of its loop,
		// so that the codes of the loop, all deleted with it, never point
		// at one deleted before them.
		if loop, err := underItself(ctx, tx, id); err != nil {
			return err
		} else if loop {
			if _, err := tx.ExecContext(ctx, "UPDATE codes SET parent_id = NULL WHERE id = ?", id); err != nil {
				return err
			}
		}
	}
	if seen[id] {
		return nil
	}
	seen[id] = true
	children, err := childIDs(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, ch := range children {
		if err := deleteCodeTree(ctx, tx, ch, seen); err != nil {
			return err
		}
	}
	for _, q := range []string{"DELETE FROM codings WHERE code_id = ?", "DELETE FROM summaries WHERE code_id = ?"} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM codes WHERE id = ?", id)
	return err
}

// underItself says whether code id is its own ancestor (damage).
func underItself(ctx context.Context, tx *sql.Tx, id int64) (bool, error) {
	seen := map[int64]bool{}
	for a := id; a != 0 && !seen[a]; {
		seen[a] = true
		var parent sql.NullInt64
		err := tx.QueryRowContext(ctx, "SELECT parent_id FROM codes WHERE id = ?", a).Scan(&parent)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		} else if err != nil {
			return false, err
		}
		if parent.Int64 == id {
			return true, nil
		}
		a = parent.Int64
	}
	return false, nil
}

func childIDs(ctx context.Context, tx *sql.Tx, id int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM codes WHERE parent_id = ? ORDER BY pos, id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		ids = append(ids, c)
	}
	return ids, rows.Err()
}

func codeRow(ctx context.Context, q querier, id int64) (Code, error) {
	var c Code
	err := q.QueryRowContext(ctx, "SELECT id, ifnull(parent_id, 0), name, color, description FROM codes WHERE id = ?", id).
		Scan(&c.ID, &c.ParentID, &c.Name, &c.Color, &c.Description)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("code %d: %w", id, ErrNotFound)
	}
	return c, err
}

// Codes lists the codebook in tree order (each code after its parent,
// siblings in their order), with coding and document counts.
func (p *Project) Codes(ctx context.Context) ([]Code, error) {
	rows, err := p.conn(ctx).QueryContext(ctx, `SELECT c.id, ifnull(c.parent_id, 0), c.name, c.color, c.description,
			ifnull(n.codings, 0), ifnull(n.docs, 0)
		FROM codes c LEFT JOIN (SELECT code_id, count(*) AS codings, count(DISTINCT doc_id) AS docs FROM codings GROUP BY code_id) n
			ON n.code_id = c.id
		ORDER BY c.pos, c.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	children := map[int64][]Code{}
	var all []Code
	for rows.Next() {
		var c Code
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Name, &c.Color, &c.Description, &c.Codings, &c.Documents); err != nil {
			return nil, err
		}
		children[c.ParentID] = append(children[c.ParentID], c)
		all = append(all, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Code, 0, len(all))
	seen := make(map[int64]bool, len(all))
	var walk func(parent int64)
	walk = func(parent int64) {
		for _, c := range children[parent] {
			if !seen[c.ID] {
				seen[c.ID] = true
				out = append(out, c)
				walk(c.ID)
			}
		}
	}
	walk(0)
	// A code no top-level code leads to is damage (its parent is missing,
	// or it is its own ancestor: 'verbatim check' lists both): it is shown
	// at the top level, with what hangs under it, rather than not at all.
	for _, c := range all {
		if !seen[c.ID] {
			seen[c.ID] = true
			c.ParentID = 0
			out = append(out, c)
			walk(c.ID)
		}
	}
	return out, nil
}

// codeCycles returns the codes that are their own ancestors (damage: no
// change Verbatim makes puts a code under itself), smallest first.
func codeCycles(ctx context.Context, q querier) ([]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, ifnull(parent_id, 0) FROM codes")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	parent := map[int64]int64{}
	for rows.Next() {
		var id, p int64
		if err := rows.Scan(&id, &p); err != nil {
			return nil, err
		}
		parent[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Walk up from each code; a walk that meets itself marks its loop.
	const (
		walking = 1
		done    = 2
	)
	state := map[int64]int{}
	inCycle := map[int64]bool{}
	for start := range parent {
		var path []int64
		c := start
		for c != 0 && state[c] == 0 {
			if _, ok := parent[c]; !ok {
				break // a missing parent: not a cycle
			}
			state[c] = walking
			path = append(path, c)
			c = parent[c]
		}
		if c != 0 && state[c] == walking {
			for i := len(path) - 1; i >= 0; i-- {
				inCycle[path[i]] = true
				if path[i] == c {
					break
				}
			}
		}
		for _, p := range path {
			state[p] = done
		}
	}
	return slices.Sorted(maps.Keys(inCycle)), nil
}

// CodePath is a code's name preceded by its ancestors', joined by " > ".
func CodePath(codes []Code, id int64) string {
	byID := make(map[int64]Code, len(codes))
	for _, c := range codes {
		byID[c.ID] = c
	}
	var parts []string
	for c, ok := byID[id]; ok; c, ok = byID[c.ParentID] {
		parts = append([]string{c.Name}, parts...)
		if c.ParentID == 0 {
			break
		}
	}
	return strings.Join(parts, " > ")
}

// FindCode finds a code by its name (case-insensitive), its path
// ("Parent > Child"), or its id written as a number. A name several codes
// share is refused: the path tells them apart.
func (p *Project) FindCode(ctx context.Context, ref string) (Code, error) {
	codes, err := p.Codes(ctx)
	if err != nil {
		return Code{}, err
	}
	ref = strings.TrimSpace(ref)
	var found []Code
	for _, c := range codes {
		if strings.EqualFold(c.Name, ref) || strings.EqualFold(CodePath(codes, c.ID), ref) {
			found = append(found, c)
		}
	}
	if len(found) == 0 {
		if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
			for _, c := range codes {
				if c.ID == id {
					return c, nil
				}
			}
		}
		names := make([]string, len(codes))
		for i, c := range codes {
			names[i] = c.Name
		}
		return Code{}, &NotFoundError{Kind: "code", Name: ref, Closest: Closest(names, ref)}
	}
	if len(found) > 1 {
		paths := make([]string, len(found))
		for i, c := range found {
			paths[i] = CodePath(codes, c.ID)
		}
		return Code{}, fmt.Errorf("code %q: %w (several codes have that name: %s)", ref, ErrInvalid, strings.Join(paths, "; "))
	}
	return found[0], nil
}
