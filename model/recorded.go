package model

import (
	"errors"
	"slices"
	"strconv"
)

// The undo log is SQL that undo and redo run as it is. Only the statements
// Verbatim records are ever run: the undo triggers' (createUndoTriggers)
// and the compact records of bulk changes (bulk.go), on the tables that
// have undo. A damaged or edited history (a statement that drops a table,
// or runs a second statement after the first) is refused before anything
// runs, and the undo fails with nothing changed.

// ErrUndoDamaged: a step of the undo history holds a statement Verbatim
// never records. It is ErrDamaged too (errors.Is).
var ErrUndoDamaged error = undoDamaged{}

type undoDamaged struct{}

func (undoDamaged) Error() string {
	return "the undo history is damaged there: the step holds a statement Verbatim never records, so it cannot be undone or redone; 'verbatim check FILE' lists such steps, and 'verbatim repair FILE -o NEW.verbatim' saves the project into a new one without its history"
}

func (undoDamaged) Is(target error) bool { return target == ErrDamaged }

// checkRecorded says whether q is a statement Verbatim records in the undo
// log, one of
//
//	DELETE FROM t WHERE rowid=N
//	UPDATE t SET c='…',d=5 WHERE rowid=N
//	INSERT INTO t (c, d) VALUES ('…',5)
//	/* rows t A B */ DELETE FROM t WHERE rowid BETWEEN A AND B
//	/* rows t A B */ INSERT INTO t (c, d) VALUES (…),(…)
//
// with t a table that has undo, values as SQLite's quote() writes them
// (NULL, numbers, strings, blobs), and nothing after. Its time is linear in
// q's length (a compact record reaches 16 MB).
func checkRecorded(q string) error {
	r := recorded{q: q}
	if r.statement() != nil {
		return ErrUndoDamaged
	}
	return nil
}

// recorded reads one recorded statement, byte by byte.
type recorded struct {
	q   string
	pos int
}

var errNotRecorded = errors.New("not a statement Verbatim records")

func (r *recorded) statement() error {
	compact, table, first, last := false, "", "", ""
	if m := bulkRecord.FindStringSubmatch(r.q); m != nil {
		compact, table, first, last = true, m[1], m[2], m[3]
		r.pos = len(m[0]) - len(m[4]) - 1
	}
	verb := r.word()
	var err error
	switch verb {
	case "DELETE":
		err = r.delete(compact, table, first, last)
	case "UPDATE":
		if compact {
			return errNotRecorded
		}
		err = r.update()
	case "INSERT":
		err = r.insert(compact, table)
	default:
		return errNotRecorded
	}
	if err != nil {
		return err
	}
	if r.pos != len(r.q) {
		return errNotRecorded // more after the statement
	}
	return nil
}

func (r *recorded) delete(compact bool, table, first, last string) error {
	if r.word() != "FROM" {
		return errNotRecorded
	}
	t, err := r.table()
	if err != nil {
		return err
	}
	if r.word() != "WHERE" || r.word() != "rowid" {
		return errNotRecorded
	}
	if !compact {
		if !r.skip("=") {
			return errNotRecorded
		}
		_, err := r.integer()
		return err
	}
	if t != table || r.word() != "BETWEEN" {
		return errNotRecorded
	}
	if a, err := r.integer(); err != nil || a != first {
		return errNotRecorded
	}
	if r.word() != "AND" {
		return errNotRecorded
	}
	if b, err := r.integer(); err != nil || b != last {
		return errNotRecorded
	}
	return nil
}

func (r *recorded) update() error {
	if _, err := r.table(); err != nil {
		return err
	}
	if r.word() != "SET" {
		return errNotRecorded
	}
	for {
		if c := r.word(); c == "" || !r.skip("=") {
			return errNotRecorded
		}
		if err := r.value(); err != nil {
			return err
		}
		if !r.skip(",") {
			break
		}
	}
	if r.word() != "WHERE" || r.word() != "rowid" || !r.skip("=") {
		return errNotRecorded
	}
	_, err := r.integer()
	return err
}

func (r *recorded) insert(compact bool, table string) error {
	if r.word() != "INTO" {
		return errNotRecorded
	}
	t, err := r.table()
	if err != nil {
		return err
	}
	if compact && t != table {
		return errNotRecorded
	}
	if !r.skip("(") {
		return errNotRecorded
	}
	cols := 0
	for {
		if r.word() == "" {
			return errNotRecorded
		}
		cols++
		if !r.skip(",") {
			break
		}
	}
	if !r.skip(")") || r.word() != "VALUES" {
		return errNotRecorded
	}
	for rows := 0; ; rows++ {
		if rows > 0 && !compact {
			return errNotRecorded // one row, as the trigger records it
		}
		if !r.skip("(") {
			return errNotRecorded
		}
		for i := 0; i < cols; i++ {
			if i > 0 && !r.skip(",") {
				return errNotRecorded
			}
			if err := r.value(); err != nil {
				return err
			}
		}
		if !r.skip(")") {
			return errNotRecorded
		}
		if !r.skip(",") {
			return nil
		}
	}
}

// table reads a table name, which must be one with undo.
func (r *recorded) table() (string, error) {
	t := r.word()
	if !slices.Contains(undoTables, t) {
		return "", errNotRecorded
	}
	return t, nil
}

// word reads a keyword or name (letters, digits, underscores; not first a
// digit) after spaces, "" when there is none.
func (r *recorded) word() string {
	r.spaces()
	start := r.pos
	for r.pos < len(r.q) {
		c := r.q[r.pos]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || r.pos > start && c >= '0' && c <= '9' {
			r.pos++
			continue
		}
		break
	}
	return r.q[start:r.pos]
}

// skip reads the punctuation p after spaces, if it is there.
func (r *recorded) skip(p string) bool {
	r.spaces()
	if r.pos < len(r.q) && r.q[r.pos] == p[0] {
		r.pos++
		return true
	}
	return false
}

func (r *recorded) spaces() {
	for r.pos < len(r.q) && r.q[r.pos] == ' ' {
		r.pos++
	}
}

// integer reads a whole number, perhaps negative.
func (r *recorded) integer() (string, error) {
	r.spaces()
	start := r.pos
	if r.pos < len(r.q) && r.q[r.pos] == '-' {
		r.pos++
	}
	digits := r.digits()
	if digits == 0 {
		return "", errNotRecorded
	}
	s := r.q[start:r.pos]
	if _, err := strconv.ParseInt(s, 10, 64); err != nil {
		return "", errNotRecorded
	}
	return s, nil
}

func (r *recorded) digits() int {
	n := 0
	for r.pos < len(r.q) && r.q[r.pos] >= '0' && r.q[r.pos] <= '9' {
		r.pos++
		n++
	}
	return n
}

// value reads a value as quote() writes it: NULL, a number (integer or
// real, such as -3, 1.5, 1.0e+20), a string ('it”s') or a blob (X'0A').
func (r *recorded) value() error {
	r.spaces()
	if r.pos >= len(r.q) {
		return errNotRecorded
	}
	switch c := r.q[r.pos]; {
	case c == '\'':
		return r.quoted()
	case c == 'X' && r.pos+1 < len(r.q) && r.q[r.pos+1] == '\'':
		r.pos++
		start := r.pos + 1
		if err := r.quoted(); err != nil {
			return err
		}
		for _, h := range r.q[start : r.pos-1] {
			if !(h >= '0' && h <= '9' || h >= 'A' && h <= 'F' || h >= 'a' && h <= 'f') {
				return errNotRecorded
			}
		}
		return nil
	case c == '-' || c >= '0' && c <= '9':
		if c == '-' {
			r.pos++
		}
		if r.digits() == 0 {
			return errNotRecorded
		}
		if r.pos < len(r.q) && r.q[r.pos] == '.' {
			r.pos++
			if r.digits() == 0 {
				return errNotRecorded
			}
		}
		if r.pos < len(r.q) && (r.q[r.pos] == 'e' || r.q[r.pos] == 'E') {
			r.pos++
			if r.pos < len(r.q) && (r.q[r.pos] == '+' || r.q[r.pos] == '-') {
				r.pos++
			}
			if r.digits() == 0 {
				return errNotRecorded
			}
		}
		return nil
	default:
		if r.word() != "NULL" {
			return errNotRecorded
		}
		return nil
	}
}

// quoted reads a string in single quotes, a quote inside doubled.
func (r *recorded) quoted() error {
	r.pos++ // the opening quote
	for r.pos < len(r.q) {
		if r.q[r.pos] == '\'' {
			if r.pos+1 < len(r.q) && r.q[r.pos+1] == '\'' {
				r.pos += 2
				continue
			}
			r.pos++
			return nil
		}
		r.pos++
	}
	return errNotRecorded // a string without its closing quote
}
