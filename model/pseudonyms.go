package model

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Pseudonym replaces a name (of a participant, a colleague, a place) in
// exports. The project keeps the original everywhere else.
type Pseudonym struct {
	Name      string
	Pseudonym string
}

// Pseudonyms lists the project's pseudonyms by name.
func (p *Project) Pseudonyms(ctx context.Context) ([]Pseudonym, error) {
	rows, err := p.conn(ctx).QueryContext(ctx, "SELECT name, pseudonym FROM pseudonyms ORDER BY name COLLATE NOCASE")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Pseudonym
	for rows.Next() {
		var ps Pseudonym
		if err := rows.Scan(&ps.Name, &ps.Pseudonym); err != nil {
			return nil, err
		}
		out = append(out, ps)
	}
	return out, rows.Err()
}

// SetPseudonym sets the pseudonym of a name (names compare without regard to
// case), as one undoable action.
func (p *Project) SetPseudonym(ctx context.Context, name, pseudonym string) error {
	name, pseudonym = strings.Join(strings.Fields(name), " "), strings.Join(strings.Fields(pseudonym), " ")
	switch {
	case name == "":
		return fmt.Errorf("name: %w (it is empty)", ErrInvalid)
	case pseudonym == "":
		return fmt.Errorf("pseudonym for %q: %w (it is empty; 'pseudonyms remove' removes a name)", name, ErrInvalid)
	case strings.EqualFold(name, pseudonym):
		return fmt.Errorf("pseudonym for %q: %w (it is the name itself)", name, ErrInvalid)
	}
	return p.do(ctx, Phrase("Set the pseudonym of {{.Name}} to {{.Pseudonym}}", "Name", name, "Pseudonym", pseudonym), func(tx *sql.Tx) error {
		// A pseudonym that holds a listed name would be replaced in turn,
		// and would itself put a real name in the export.
		rows, err := tx.QueryContext(ctx, "SELECT name, pseudonym FROM pseudonyms WHERE name <> ? COLLATE NOCASE", name)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var other, otherPseudo string
			if err := rows.Scan(&other, &otherPseudo); err != nil {
				return err
			}
			if containsWords(pseudonym, other) {
				return fmt.Errorf("pseudonym %q: %w (it holds %q, a name on the list)", pseudonym, ErrInvalid, other)
			}
			if containsWords(otherPseudo, name) {
				return fmt.Errorf("name %q: %w (it is part of %q, the pseudonym of %q)", name, ErrInvalid, otherPseudo, other)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO pseudonyms (name, pseudonym) VALUES (?, ?)
			ON CONFLICT (name COLLATE NOCASE) DO UPDATE SET name = excluded.name, pseudonym = excluded.pseudonym
			WHERE name <> excluded.name OR pseudonym <> excluded.pseudonym`, name, pseudonym)
		return err
	})
}

// containsWords reports whether the words of part occur, in order and
// together, among the words of s (case-insensitive).
func containsWords(s, part string) bool {
	sw, pw := strings.Fields(strings.ToLower(s)), strings.Fields(strings.ToLower(part))
	if len(pw) == 0 {
		return false
	}
	for i := 0; i+len(pw) <= len(sw); i++ {
		match := true
		for j, w := range pw {
			if sw[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// RemovePseudonym removes a name from the pseudonym list.
func (p *Project) RemovePseudonym(ctx context.Context, name string) error {
	name = strings.Join(strings.Fields(name), " ")
	return p.act(ctx, plainLabel("Remove the pseudonym of "+name), func(tx *sql.Tx, label *Label) error {
		var stored string
		if tx.QueryRowContext(ctx, "SELECT name FROM pseudonyms WHERE name = ? COLLATE NOCASE", name).Scan(&stored) == nil {
			*label = Phrase("Remove the pseudonym of {{.Name}}", "Name", stored)
		}
		return expectOne(tx.ExecContext(ctx, "DELETE FROM pseudonyms WHERE name = ? COLLATE NOCASE", name))(fmt.Sprintf("pseudonym for %q", name))
	})
}

// SuggestPseudonyms proposes pseudonyms for the participants whose names are
// real names (not generic labels such as "Interviewer" or "S01") and that
// have none yet: "Deelnemer 1", "Deelnemer 2", ... in a Dutch project,
// "Participant 1", ... otherwise, numbered after the ones in use. Nothing is
// stored; SetPseudonym stores what the user accepts.
func (p *Project) SuggestPseudonyms(ctx context.Context) ([]Pseudonym, error) {
	lang, err := p.Language(ctx)
	if err != nil {
		return nil, err
	}
	word := "Participant"
	if lang == "nl" {
		word = "Deelnemer"
	}
	existing, err := p.Pseudonyms(ctx)
	if err != nil {
		return nil, err
	}
	taken := map[string]bool{}
	for _, e := range existing {
		taken[strings.ToLower(e.Name)] = true
		taken[strings.ToLower(e.Pseudonym)] = true
	}
	rows, err := p.conn(ctx).QueryContext(ctx, `SELECT c.name FROM cases c
		WHERE EXISTS (SELECT 1 FROM speakers s WHERE s.case_id = c.id AND s.interviewer = 0)
		ORDER BY (SELECT min(s.id) FROM speakers s WHERE s.case_id = c.id)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Pseudonym
	n := 1
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		if taken[strings.ToLower(name)] || GenericSpeakerLabel(name) || !strings.ContainsFunc(name, isLetter) {
			continue
		}
		for taken[strings.ToLower(fmt.Sprintf("%s %d", word, n))] {
			n++
		}
		out = append(out, Pseudonym{Name: name, Pseudonym: fmt.Sprintf("%s %d", word, n)})
		n++
	}
	return out, rows.Err()
}
