package importer

import (
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// A builder collects the paragraphs of a structured document (Word,
// OpenDocument, HTML, RTF, PDF) into one text, one paragraph a line.
type builder struct {
	buf   strings.Builder
	paras []para
	limit int64
}

func newBuilder(opts Options) *builder { return &builder{limit: opts.maxText()} }

// paragraph appends one paragraph; bold is the text of the bold run (or
// Markdown heading or emphasis) that opens it, if any, which may be a
// speaker label: with text after it, or alone on its line before the turn.
func (b *builder) paragraph(text, bold string) error {
	text = normalizeText(text)
	if b.buf.Len() > 0 || len(b.paras) > 0 {
		b.buf.WriteByte('\n')
	}
	start := b.buf.Len()
	if int64(start+len(text)) > b.limit {
		return tooMuchText(b.limit)
	}
	b.buf.WriteString(text)
	p := para{start: start, end: b.buf.Len()}
	if bold = strings.TrimRight(normalizeText(bold), " \t"); bold != "" && strings.HasPrefix(text, bold) {
		p.bold = len(bold)
	}
	b.paras = append(b.paras, p)
	return nil
}

// document finishes the text and finds its turns.
func (b *builder) document(opts Options) (model.NewDocument, error) {
	return textDocument(b.buf.String(), b.paras, opts)
}

// textDocument divides normalised text into turns and reads its header.
func textDocument(text string, paras []para, opts Options) (model.NewDocument, error) {
	if strings.TrimSpace(text) == "" {
		return model.NewDocument{}, failf(ErrNoText, nil, "the document contains no text")
	}
	return newDocument(text, segment(text, paras, opts.known())), nil
}

// newDocument converts turns to rune offsets and adds the header facts
// found before the first speaker turn.
func newDocument(text string, turns []turn) model.NewDocument {
	headerEnd := len(text)
	for _, t := range turns {
		if t.speaker != "" {
			headerEnd = t.start
			break
		}
	}
	doc := model.NewDocument{Text: text, Attributes: headerAttributes(text, headerEnd)}
	doc.Turns = make([]model.NewTurn, 0, len(turns))
	for _, t := range runeTurns(text, turns) {
		doc.Turns = append(doc.Turns, model.NewTurn{
			Start: t.start, End: t.end, Speaker: t.speaker,
			Begin: t.begin, Until: t.until, HasTime: t.hasTime,
		})
	}
	return doc
}
