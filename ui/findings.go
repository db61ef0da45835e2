package ui

import (
	"fyne.io/fyne/v2/lang"

	"codeberg.org/verbatim/verbatim/model"
)

// findingText is one of model's findings (a check's, a repair's, a damaged
// row a read left out) as the window says it, in the language shown, with
// the project's tables named as the user knows them.
func findingText(f model.Finding) string {
	a := args{"Doc": f.Doc, "Name": f.Name, "Row": f.Row, "Start": f.Start, "End": f.End, "Chars": f.Chars, "Stored": f.Stored, "Table": tableLabel(f.Table)}
	switch f.Kind {
	case model.TextChanged:
		return lang.L("document {{.Doc}} ({{.Name}}): the text has changed since it was imported (its fingerprint does not match)", a)
	case model.TextLengthWrong:
		return lang.L("document {{.Doc}} ({{.Name}}): the stored length {{.Stored}} does not match the text's {{.Chars}} characters", a)
	case model.RangeImpossible:
		if f.Table == "turns" {
			return lang.L("speaker turn {{.Row}} of document {{.Doc}}: range {{.Start}}:{{.End}} in a text of {{.Chars}} characters", a)
		}
		return lang.L("coding {{.Row}} of document {{.Doc}}: range {{.Start}}:{{.End}} in a text of {{.Chars}} characters", a)
	case model.PointsAtMissing:
		return pointsAtMissingText(f)
	case model.TableUnreadable:
		return lang.L("{{.Table}}: could not be read at all", a)
	case model.RowsAfterUnreadable:
		if f.Row == 0 {
			return lang.L("{{.Table}}: none could be read", a)
		}
		return lang.L("{{.Table}}: nothing after number {{.Row}} could be read", a)
	case model.RowsUnreadable:
		return plural("{{.Table}}: {{.Count}} could not be read", f.Count, a)
	case model.RowsDamaged:
		return plural("{{.Table}}: {{.Count}} were left out because they are damaged", f.Count, a)
	case model.RangesLeftOut:
		return plural("{{.Table}}: {{.Count}} were left out because their range is impossible", f.Count, a)
	case model.PointersLeftOut:
		return plural("{{.Table}}: {{.Count}} were left out because they pointed at something lost", f.Count, a)
	case model.TextKeptDamaged:
		return lang.L("document {{.Doc}} ({{.Name}}): its text was damaged and is kept as it could be read; check its codings", a)
	case model.TurnOverlaps:
		return lang.L("speaker turn {{.Row}} of document {{.Doc}}: range {{.Start}}:{{.End}} overlaps the turn before it", a)
	case model.TimesDamaged:
		return lang.L("speaker turn {{.Row}} of document {{.Doc}}: its times {{.Start}} and {{.End}} are damaged, so it is shown without them", a)
	case model.SchemaChanged:
		switch f.Start {
		case "missing":
			return lang.L("{{.Name}}: missing", a)
		case "added":
			return lang.L("{{.Name}}: not one Verbatim makes", a)
		}
		return lang.L("{{.Name}}: changed from what Verbatim makes", a)
	case model.CodesInCycle:
		return plural("{{.Count}} codes are under themselves (the first is number {{.Row}})", f.Count, a)
	case model.CodesMovedToTop:
		return plural("codes: {{.Count}} that were under themselves were put at the top level", f.Count, a)
	case model.UndoStepDamaged:
		return plural("undo step {{.Row}} ({{.Name}}): {{.Count}} statements are not what Verbatim records, so it cannot be undone or redone", f.Count, a)
	}
	return f.String()
}

// findingTexts are findings as the window says them, one line each.
func findingTexts(found []model.Finding) []string {
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = findingText(f)
	}
	return out
}

// pointsAtMissingText says a PointsAtMissing finding: so many rows of a
// table point at rows of another that are gone.
func pointsAtMissingText(f model.Finding) string {
	a := args{"Rows": countedRows(f.Table, f.Count), "First": f.Row}
	switch {
	case f.Parent == "documents":
		return plural("{{.Rows}} point at missing documents (the first is number {{.First}})", f.Count, a)
	case f.Parent == "cases":
		return plural("{{.Rows}} point at missing participants (the first is number {{.First}})", f.Count, a)
	case f.Parent == "speakers":
		return plural("{{.Rows}} point at missing speakers (the first is number {{.First}})", f.Count, a)
	case f.Parent == "codes" && f.Table == "codes":
		return plural("{{.Rows}} point at missing parent codes (the first is number {{.First}})", f.Count, a)
	case f.Parent == "codes":
		return plural("{{.Rows}} point at missing codes (the first is number {{.First}})", f.Count, a)
	case f.Parent == "coders":
		return plural("{{.Rows}} point at missing coders (the first is number {{.First}})", f.Count, a)
	}
	a["Parent"] = tableLabel(f.Parent)
	return plural("{{.Rows}} point at missing rows of {{.Parent}} (the first is number {{.First}})", f.Count, a)
}

// countedRows is n rows of table, counted as the window counts them ("3
// codings").
func countedRows(table string, n int) string {
	switch table {
	case "turns":
		return plural("{{.Count}} speaker turns", n)
	case "codings":
		return plural("{{.Count}} codings", n)
	case "codes":
		return plural("{{.Count}} codes", n)
	case "speakers":
		return plural("{{.Count}} speakers", n)
	case "summaries":
		return plural("{{.Count}} thematic summaries", n)
	case "document_attributes":
		return plural("{{.Count}} document attributes", n)
	case "case_attributes":
		return plural("{{.Count}} participant attributes", n)
	}
	return plural("{{.Count}} rows of {{.Table}}", n, args{"Table": tableLabel(table)})
}

// tableLabel names a table of the project file as the window names what
// it holds ("Speaker turns" for turns); a table the user never meets keeps
// its own name.
func tableLabel(table string) string {
	switch table {
	case "project":
		return lang.L("Project settings and memo")
	case "settings":
		return lang.L("Settings")
	case "coders":
		return lang.L("Coders")
	case "documents":
		return lang.L("Documents")
	case "document_attributes":
		return lang.L("Document attributes")
	case "cases":
		return lang.L("Participants")
	case "case_attributes":
		return lang.L("Participant attributes")
	case "speakers":
		return lang.L("Speakers")
	case "turns":
		return lang.L("Speaker turns")
	case "codes":
		return lang.L("Codes")
	case "codings":
		return lang.L("Codings")
	case "summaries":
		return lang.L("Summaries")
	case "pseudonyms":
		return lang.L("Pseudonyms")
	case "guids":
		return lang.L("REFI-QDA identifiers")
	}
	return table
}
