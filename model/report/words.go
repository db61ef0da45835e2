package report

import "fmt"

// words are the fixed texts of the reports, in the project's language.
type words struct {
	Lang string
	// Quote table columns.
	Number, Code, CodePath, Quote, Context, Document, Speaker, Participant, Turn, Time,
	Start, End, Coder, Date, Memo, KeyQuote, Citation, Who, Where, Notes string
	Yes string
	// Titles.
	QuotesTitle, PrinciplesTitle, SummariesTitle, SummaryTableTitle, FrequenciesTitle,
	MatrixTitle, CooccurrenceTitle, PresenceTitle, CodebookTitle, MemosTitle string
	Introduction, Description, CodeMemo, Summary, ThematicSummaries, Codes, KeyQuotes,
	Participants, Attributes, Documents, Codings, ProjectMemo, DocumentMemos, CodeMemos,
	CodingMemos, ParticipantMemos, Colour, Total, Overlap, SameTurn, SubCodes, Interviews,
	Turns string
	// Analysis tables and charts.
	DocumentShare, NoValue, MatrixByParticipantTitle, NoInterviewers, Diagonal, FrequencyChartAlt,
	HeatMapAlt string
	matrixByTitle func(key string) string
	// Counts: "n quotes from k interviews, m participants".
	quotesLine func(n, k, m int) string
	moreLine   func(n int) string
	quotes     func(n int) string
	interview  func(n int) string
}

var dutch = words{
	Lang:   "nl",
	Number: "Nr.", Code: "Code", CodePath: "Codepad", Quote: "Citaat", Context: "Context", Document: "Document",
	Speaker: "Spreker", Participant: "Deelnemer", Turn: "Beurt", Time: "Tijd", Start: "Begin", End: "Eind",
	Coder: "Codeur", Date: "Datum", Memo: "Memo", KeyQuote: "Kerncitaat", Citation: "Bronvermelding",
	Who: "Wie", Where: "Waar", Notes: "Notities", Yes: "ja",
	QuotesTitle: "Gecodeerde citaten", PrinciplesTitle: "Principes", SummariesTitle: "Samenvattingen per interview",
	SummaryTableTitle: "Samenvattingstabel", FrequenciesTitle: "Codefrequenties", MatrixTitle: "Codes per document",
	CooccurrenceTitle: "Samen voorkomende codes", PresenceTitle: "Codes per beurt", CodebookTitle: "Codeboek",
	MemosTitle:   "Memo’s",
	Introduction: "Inleiding", Description: "Beschrijving", CodeMemo: "Memo bij de code", Summary: "Samenvatting",
	ThematicSummaries: "Thematische samenvattingen", Codes: "Codes", KeyQuotes: "Kerncitaten",
	Participants: "Deelnemers", Attributes: "Kenmerken", Documents: "Documenten", Codings: "Coderingen",
	ProjectMemo: "Projectmemo", DocumentMemos: "Samenvattingen van documenten", CodeMemos: "Memo’s bij codes",
	CodingMemos: "Memo’s bij coderingen", ParticipantMemos: "Memo’s bij deelnemers", Colour: "Kleur",
	Total: "Totaal", Overlap: "overlappende coderingen", SameTurn: "coderingen in dezelfde beurt",
	SubCodes: "met subcodes", Interviews: "Interviews", Turns: "Beurten",
	DocumentShare: "% van de documenten", NoValue: "(geen waarde)", MatrixByParticipantTitle: "Codes per deelnemer",
	NoInterviewers: "zonder interviewers", Diagonal: "Op de diagonaal: het aantal coderingen van de code.",
	FrequencyChartAlt: "Staafdiagram: het aantal coderingen per code", HeatMapAlt: "Warmtekaart",
	matrixByTitle: func(key string) string { return "Codes per " + key },
	quotesLine: func(n, k, m int) string {
		return fmt.Sprintf("%s uit %s, %s", plural(n, "citaat", "citaten"), plural(k, "interview", "interviews"), plural(m, "deelnemer", "deelnemers"))
	},
	moreLine:  func(n int) string { return fmt.Sprintf("(en nog %s)", plural(n, "citaat", "citaten")) },
	quotes:    func(n int) string { return plural(n, "citaat", "citaten") },
	interview: func(n int) string { return fmt.Sprintf("interview %d", n) },
}

var english = words{
	Lang:   "en",
	Number: "No.", Code: "Code", CodePath: "Code path", Quote: "Quote", Context: "Context", Document: "Document",
	Speaker: "Speaker", Participant: "Participant", Turn: "Turn", Time: "Time", Start: "Start", End: "End",
	Coder: "Coder", Date: "Date", Memo: "Memo", KeyQuote: "Key quote", Citation: "Citation",
	Who: "Who", Where: "Where", Notes: "Notes", Yes: "yes",
	QuotesTitle: "Coded quotes", PrinciplesTitle: "Principles", SummariesTitle: "Interview summaries",
	SummaryTableTitle: "Summary table", FrequenciesTitle: "Code frequencies", MatrixTitle: "Codes by document",
	CooccurrenceTitle: "Code co-occurrence", PresenceTitle: "Codes per turn", CodebookTitle: "Codebook",
	MemosTitle:   "Memos",
	Introduction: "Introduction", Description: "Description", CodeMemo: "Code memo", Summary: "Summary",
	ThematicSummaries: "Thematic summaries", Codes: "Codes", KeyQuotes: "Key quotes",
	Participants: "Participants", Attributes: "Attributes", Documents: "Documents", Codings: "Codings",
	ProjectMemo: "Project memo", DocumentMemos: "Document summaries", CodeMemos: "Code memos",
	CodingMemos: "Coding memos", ParticipantMemos: "Participant memos", Colour: "Colour",
	Total: "Total", Overlap: "overlapping codings", SameTurn: "codings in the same turn",
	SubCodes: "with sub-codes", Interviews: "Interviews", Turns: "Turns",
	DocumentShare: "% of documents", NoValue: "(no value)", MatrixByParticipantTitle: "Codes by participant",
	NoInterviewers: "interviewers left out", Diagonal: "On the diagonal: the number of codings of the code.",
	FrequencyChartAlt: "Bar chart: the number of codings per code", HeatMapAlt: "Heat map",
	matrixByTitle: func(key string) string { return "Codes by " + key },
	quotesLine: func(n, k, m int) string {
		return fmt.Sprintf("%s from %s, %s", plural(n, "quote", "quotes"), plural(k, "interview", "interviews"), plural(m, "participant", "participants"))
	},
	moreLine:  func(n int) string { return fmt.Sprintf("(and %s more)", plural(n, "quote", "quotes")) },
	quotes:    func(n int) string { return plural(n, "quote", "quotes") },
	interview: func(n int) string { return fmt.Sprintf("interview %d", n) },
}

// wordsFor returns the texts in lang ("nl" or "en"; anything else English).
func wordsFor(lang string) *words {
	if lang == "nl" {
		return &dutch
	}
	return &english
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
