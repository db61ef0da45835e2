package model

import (
	"fmt"
	"strconv"
)

// A Finding is one problem Check or Repair found, or one damaged row a
// read left out: what is wrong (Kind) and where, with its numbers, so that
// a window can say it in its own words and language. String is the English
// line the command line prints.
type Finding struct {
	Kind FindingKind
	// Table is the table of the rows concerned ("turns", "codings", ...),
	// and Parent the table they point at (PointsAtMissing).
	Table, Parent string
	// Row is the turn or coding (RangeImpossible), the first row
	// (PointsAtMissing) or the last row read (RowsAfterUnreadable).
	Row int64
	// Doc and Name are the document (the texts' kinds, RangeImpossible: no
	// Name).
	Doc  int64
	Name string
	// Start and End are a range as stored: a number, or SQLite's quote() of
	// what is there instead ('rot', NULL).
	Start, End string
	// Chars is the length of the text in characters, Stored the length
	// stored for it (TextLengthWrong).
	Chars, Stored int
	// Count is how many rows.
	Count int
}

// FindingKind is what a Finding says is wrong.
type FindingKind int

// The kinds of Finding; each names the fields it fills.
const (
	// TextChanged: document Doc (Name)'s text no longer matches the
	// fingerprint stored when it was imported.
	TextChanged FindingKind = iota + 1
	// TextLengthWrong: document Doc (Name)'s stored length Stored is not its
	// text's Chars characters.
	TextLengthWrong
	// RangeImpossible: Row of Table (turns or codings) in document Doc has
	// the range Start:End over a text of Chars characters.
	RangeImpossible
	// PointsAtMissing: Count rows of Table point at rows of Parent that are
	// not there, the first Row.
	PointsAtMissing
	// TableUnreadable: Repair could not read Table at all.
	TableUnreadable
	// RowsAfterUnreadable: Repair could not read Table's rows after Row.
	RowsAfterUnreadable
	// RowsUnreadable: Repair could not read Count rows of Table.
	RowsUnreadable
	// RowsDamaged: Repair left out Count rows of Table the new project
	// refused as damaged.
	RowsDamaged
	// RangesLeftOut: Repair left out Count rows of Table (turns or codings)
	// whose ranges are impossible.
	RangesLeftOut
	// PointersLeftOut: Repair left out Count rows of Table that pointed at
	// rows it lost.
	PointersLeftOut
	// TextKeptDamaged: Repair kept document Doc (Name)'s damaged text as it
	// could be read.
	TextKeptDamaged
	// UndoStepDamaged: Count statements of undo step Row (labelled Name)
	// are not ones Verbatim records (checkRecorded), so it cannot be undone
	// or redone.
	UndoStepDamaged
	// TurnOverlaps: turn Row of document Doc, range Start:End, overlaps
	// the turn before it (read, it is left out).
	TurnOverlaps
	// TimesDamaged: turn Row of document Doc has times Start and End (as
	// quote() gives them) that are not whole numbers (read, it has none).
	TimesDamaged
	// SchemaChanged: the trigger or index Name ("trigger undo_codes_insert")
	// is missing, changed or added (Start), against what Verbatim makes.
	SchemaChanged
	// CodesInCycle: Count codes, the first Row, are their own ancestors
	// (Check).
	CodesInCycle
	// CodesMovedToTop: Repair put Count codes that were their own
	// ancestors at the top level, one for each loop.
	CodesMovedToTop
)

// String is the finding as the command line prints it.
func (f Finding) String() string {
	switch f.Kind {
	case TextChanged:
		return fmt.Sprintf("document %d (%s): the text has changed since it was imported (its fingerprint does not match)", f.Doc, f.Name)
	case TextLengthWrong:
		return fmt.Sprintf("document %d (%s): the stored length %d does not match the text's %d characters", f.Doc, f.Name, f.Stored, f.Chars)
	case RangeImpossible:
		return fmt.Sprintf("%s %d of document %d: range %s:%s over %d characters", rowNoun(f.Table), f.Row, f.Doc, f.Start, f.End, f.Chars)
	case PointsAtMissing:
		return fmt.Sprintf("%d %s point at %s that are missing (the first is row %d)", f.Count, rowsOf(f.Table, f.Count), f.Parent, f.Row)
	case TableUnreadable:
		return fmt.Sprintf("%s: could not be read at all", f.Table)
	case RowsAfterUnreadable:
		return fmt.Sprintf("%s: the rows after row %d could not be read", f.Table, f.Row)
	case RowsUnreadable:
		return fmt.Sprintf("%s: %d rows could not be read", f.Table, f.Count)
	case RowsDamaged:
		return fmt.Sprintf("%s: %d damaged rows were left out", f.Table, f.Count)
	case RangesLeftOut:
		return fmt.Sprintf("%s: %d with impossible ranges were left out", f.Table, f.Count)
	case PointersLeftOut:
		return fmt.Sprintf("%s: %d pointing at lost rows were left out", f.Table, f.Count)
	case TextKeptDamaged:
		return fmt.Sprintf("document %d (%s): its text was damaged and is kept as it could be read; check its codings", f.Doc, f.Name)
	case TurnOverlaps:
		return fmt.Sprintf("turn %d of document %d: range %s:%s overlaps the turn before it", f.Row, f.Doc, f.Start, f.End)
	case TimesDamaged:
		return fmt.Sprintf("turn %d of document %d: its times %s and %s are damaged, so it is shown without them", f.Row, f.Doc, f.Start, f.End)
	case SchemaChanged:
		switch f.Start {
		case "missing":
			return fmt.Sprintf("%s: missing", f.Name)
		case "added":
			return fmt.Sprintf("%s: not one Verbatim makes", f.Name)
		}
		return fmt.Sprintf("%s: changed from what Verbatim makes", f.Name)
	case CodesInCycle:
		return fmt.Sprintf("%d %s under %s (the first is number %d)", f.Count, pluralNoun(f.Count, "code is", "codes are"), pluralNoun(f.Count, "itself", "themselves"), f.Row)
	case CodesMovedToTop:
		return fmt.Sprintf("codes: %d that %s under %s put at the top level", f.Count, pluralNoun(f.Count, "was", "were"), pluralNoun(f.Count, "itself was", "themselves were"))
	case UndoStepDamaged:
		return fmt.Sprintf("undo step %d (%s): %d %s not what Verbatim records, so it cannot be undone or redone", f.Row, f.Name, f.Count, pluralNoun(f.Count, "statement is", "statements are"))
	}
	return fmt.Sprintf("%s: a problem of kind %d", f.Table, int(f.Kind))
}

// badRange is the finding of a turn or coding (table) whose range
// start:end over its document's text of chars characters is impossible.
func badRange(table string, row, doc int64, start, end int, chars int) Finding {
	return Finding{Kind: RangeImpossible, Table: table, Row: row, Doc: doc, Start: strconv.Itoa(start), End: strconv.Itoa(end), Chars: chars}
}

// rowNoun names one row of table (turns or codings) in a finding.
func rowNoun(table string) string {
	switch table {
	case "turns":
		return "turn"
	case "codings":
		return "coding"
	}
	return "row of " + table
}

func rowsOf(table string, n int) string {
	if n == 1 {
		return "row of " + table
	}
	return "rows of " + table
}

func pluralNoun(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
