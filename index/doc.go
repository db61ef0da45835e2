// Package index owns Verbatim's full-text search: a bleve index per project,
// kept in the user's cache folder, that finds words in their Dutch or English
// forms, exact phrases, word starts and near spellings, filtered by speaker,
// document, code and participant attribute, and maps every hit back to the
// exact rune range in its document so that it can be highlighted or coded.
//
// # The index
//
// Open builds the index when it is missing, stale, built with another
// mapping or damaged, and otherwise catches up with the project through
// model's revision and ChangedDocuments: Update re-indexes only the passages
// of the documents that changed. One index document is one speaker turn or
// paragraph, with its text analysed in the project's language (field text)
// and kept exact (field exact: lower-cased, accents folded, no stemming, stop
// words kept), its document, speaker and participant, the interviewer flag,
// the attributes of the participant and the document as key=value terms, the
// codes of the codings that overlap it (with their parent codes), and its
// rune start in the id. Memos are index documents of kind memo: a
// document's summary and its codings' memos belong to the document; the
// project, code and participant memos are compared on every update.
//
// # Query language
//
//	leren samenwerken      passages with both words, in any form (leert, leerde, geleerd)
//	"deel wat je leert"    the exact words in this order (case and accents ignored)
//	"model"                that word as written only: not modellen, nor datamodel, which model finds (ranked lower)
//	organis*               words that start with organis
//	coöperatie~            words spelled almost like this one (~2: two letters off)
//	leren OR delen         either word; ( ) group: (leren OR delen) netwerk
//	+leren                 must occur (words must occur anyway)
//	-subsidie  NOT subsidie   passages without the word
//	speaker:Ana            said by speaker Ana (label or participant name); speaker:An* works too
//	-speaker:interviewer   leave out the turns of speakers marked as interviewer
//	doc:Ana.docx           in one document (doc:Ana also finds Ana.docx; doc:12 by id)
//	code:"Deel wat je leert"   passages overlapping a coding with that code (or a child code)
//	rol:beleidsmaker       participant or document attribute NAME:VALUE (spaces in names as _)
//	in:memos  in:all       search memos instead of, or as well as, transcripts
//
// Words are matched in every form the analyzers know; phrases, prefixes and
// fuzzy words are matched against the exact text. Filters take the same
// operators as words (-, OR, brackets, a trailing *). Input that is not
// valid syntax (an unclosed quote or bracket, a dangling OR) is searched as
// its plain words, and Results.Plain says so; a query that cannot be searched
// at all returns a *QueryError with a message for the user. QueryHelp holds
// the same summary for the window.
//
// Search returns ranked, paged keyword-in-context hits with the rune range of
// every matched word, and exact counts per document, speaker and code,
// taken while the hits are ranked from a table in memory of each index
// segment's documents, speakers and codes (see counts.go); a window may
// still ask Search for the page only (Facets -1) and Counts for the counts. Only
// the exact field keeps word positions: the ranges of words matched in any
// form are found by analysing the page's passages again. Autocode codes
// every hit by match, sentence or turn as one undoable step.
package index
