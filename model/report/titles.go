package report

// KindTitle is the title a kind of report has in a language ("nl" or "en";
// anything else is English), as its headings say it: the window suggests
// it as the name of the file to write ("Principes – Studie.docx").
func KindTitle(kind Kind, lang string) string {
	w := wordsFor(lang)
	switch kind {
	case QuoteTable:
		return w.QuotesTitle
	case Principles:
		return w.PrinciplesTitle
	case Summaries:
		return w.SummariesTitle
	case SummaryTable:
		return w.SummaryTableTitle
	case Frequencies:
		return w.FrequenciesTitle
	case Matrix:
		return w.MatrixTitle
	case Cooccurrence:
		return w.CooccurrenceTitle
	case Presence:
		return w.PresenceTitle
	case Codebook:
		return w.CodebookTitle
	case Memos:
		return w.MemosTitle
	}
	return string(kind)
}
