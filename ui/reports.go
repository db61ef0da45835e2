package ui

import (
	"fyne.io/fyne/v2/lang"

	"codeberg.org/verbatim/verbatim/model/export"
	"codeberg.org/verbatim/verbatim/model/report"
)

// part is a filter or option of the export dialog; each kind of report
// shows the parts that change what it writes, and hides the others.
type part uint

const (
	partCodes part = 1 << iota
	partDocuments
	partPeople
	partAttributes
	partCoders
	partKeyOnly
	partQuery
	partInterviewers
	partContext
	partCitation
	partMaxPerCode
	partKeyFirst
	partBreadth
	partNameAttributes
	partBy
	partSameTurn
)

// quoteFilters are the filters that choose coded quotes.
const quoteFilters = partCodes | partDocuments | partPeople | partAttributes | partCoders | partKeyOnly | partQuery | partInterviewers

// counted says what the live count of a kind counts.
type counted int

const (
	countsQuotes  counted = iota // the quotes it writes or draws on
	countsCodings                // the codings its tables count
	countsNothing                // it does not write quotes: no count
)

// kindInfo is how the export dialog presents a kind of report.
type kindInfo struct {
	name   string
	counts counted
	parts  part
	// about says what a kind that counts nothing writes, in place of the
	// count.
	about string
}

var kindInfos = map[report.Kind]kindInfo{
	report.QuoteTable: {name: textKey("Coded quotes"), parts: quoteFilters | partContext | partCitation},
	report.Principles: {name: textKey("Principle report"),
		parts: quoteFilters | partMaxPerCode | partKeyFirst | partBreadth | partNameAttributes | partCitation},
	report.Summaries: {name: textKey("Interview summaries"), parts: quoteFilters | partNameAttributes | partCitation},
	report.SummaryTable: {name: textKey("Summary table"), counts: countsNothing, parts: partCodes | partDocuments,
		about: textKey("A table of the thematic summaries: the documents ticked (or all) against the codes ticked (or those with a summary).")},
	report.Frequencies:  {name: textKey("Code frequencies"), counts: countsCodings, parts: quoteFilters},
	report.Matrix:       {name: textKey("Codes by document / participant / attribute"), counts: countsCodings, parts: quoteFilters | partBy},
	report.Cooccurrence: {name: textKey("Code co-occurrence"), counts: countsCodings, parts: quoteFilters | partSameTurn},
	report.Presence:     {name: textKey("Codes per turn (0/1, for R or SPSS)"), counts: countsCodings, parts: quoteFilters},
	report.Codebook: {name: textKey("Codebook"), counts: countsNothing, parts: partCodes,
		about: textKey("The codebook with descriptions, memos and counts: the codes ticked, or all of them.")},
	report.Memos: {name: textKey("All memos"), counts: countsNothing, parts: partCitation,
		about: textKey("Every memo of the project: the project memo, summaries, code, coding and participant memos.")},
}

// kindNames are the report kinds as the kind selector lists them, in
// report.Kinds' order.
func kindNames() []string {
	names := make([]string, len(report.Kinds))
	for i, k := range report.Kinds {
		names[i] = translated(kindInfos[k].name)
	}
	return names
}

// kindNamed is the kind a name of kindNames stands for.
func kindNamed(name string) (report.Kind, bool) {
	for _, k := range report.Kinds {
		if translated(kindInfos[k].name) == name {
			return k, true
		}
	}
	return "", false
}

// formatNames say what a format is to someone choosing one.
var formatNames = map[export.Format]string{
	export.DOCX:     textKey("Word (.docx)"),
	export.ODT:      textKey("OpenDocument text (.odt)"),
	export.PDF:      textKey("PDF (.pdf)"),
	export.HTML:     textKey("Web page (.html)"),
	export.Markdown: textKey("Markdown (.md)"),
	export.XLSX:     textKey("Excel workbook (.xlsx)"),
	export.CSV:      textKey("CSV, comma-separated (.csv)"),
	export.PNG:      textKey("Chart as PNG image (.png)"),
	export.SVG:      textKey("Chart as SVG drawing (.svg)"),
}

func formatName(f export.Format) string {
	if n, ok := formatNames[f]; ok {
		return translated(n)
	}
	return string(f)
}

// countLine is the live count under the filters: what an export of kind
// will write when n coded quotes match.
func countLine(kind report.Kind, n int) string {
	switch {
	case n == 0:
		return lang.L("No coded quotes match these filters")
	case kind == report.QuoteTable:
		return plural("{{.Count}} quotes will be written", n)
	case kindInfos[kind].counts == countsCodings:
		return plural("{{.Count}} codings will be counted", n)
	}
	return plural("{{.Count}} coded quotes match these filters", n)
}
