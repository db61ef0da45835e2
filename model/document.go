// Package model owns Verbatim's domain: projects, documents, speaker turns,
// participants (cases) and their attributes, the code tree, codings, memos
// and coders, stored in one SQLite project file with undo and redo.
//
// Positions are rune offsets over a document's text, which never changes after
// import. Byte offsets exist only inside functions.
package model

import "time"

// NewDocument is a document as an importer delivers it, before it is stored.
type NewDocument struct {
	// Name is how the document is listed, usually the file name.
	Name string
	// Text is the document's text: valid UTF-8 with LF line endings only.
	Text string
	// Format names the source format ("txt", "md", "docx", ...).
	Format string
	// Turns are the speaker turns, or paragraphs where no speakers were
	// found, as ordered, non-overlapping rune ranges over Text.
	Turns []NewTurn
	// Attributes are header facts such as a date or a duration, in order.
	Attributes []Attribute
	// Notes say, one line each, what the importer found odd in the file and
	// how it kept the text (a cue time that does not parse, text outside
	// any cue), for the import report. They are not stored.
	Notes []string
}

// NewTurn is one speaker turn or paragraph of a NewDocument.
type NewTurn struct {
	Start, End int // rune range [Start, End) over the document text
	// Speaker is the speaker's label as written ("Ana", "S01"); empty for a
	// paragraph without a speaker.
	Speaker string
	// Begin and Until are the turn's times in the recording, when the source
	// had them (subtitles, timestamped transcripts); HasTime says whether.
	Begin, Until time.Duration
	HasTime      bool
}

// Attribute is a free key/value pair on a document or a participant.
type Attribute struct {
	Key, Value string
}
