package importer

import (
	"strings"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
)

// readPlain reads plain text and Markdown. The text is kept as written;
// Markdown markers stay in it, and a "**Ana:**" label is still a speaker.
func readPlain(data []byte, opts Options) (model.NewDocument, error) {
	s, err := decodeText(data)
	if err != nil {
		return model.NewDocument{}, err
	}
	text := normalizeText(s)
	if int64(len(text)) > opts.maxText() {
		return model.NewDocument{}, tooMuchText(opts.maxText())
	}
	return textDocument(text, plainParagraphs(text), opts)
}

// wrapWidth is the longest line, in runes, of a hard-wrapped text: longer
// lines mean one paragraph per line.
const wrapWidth = 100

// plainParagraphs divides plain text into paragraphs. Blocks separated by
// blank lines are paragraphs when their lines are short (hard-wrapped text,
// as e-mail and many transcription tools write it); a block with long lines
// has one paragraph per line.
func plainParagraphs(text string) []para {
	var paras []para
	blockStart, blockLong := -1, false
	flush := func(end int) {
		if blockStart < 0 {
			return
		}
		if !blockLong {
			paras = append(paras, para{start: blockStart, end: end})
		} else {
			for line := blockStart; line < end; {
				e := strings.IndexByte(text[line:end], '\n')
				if e < 0 {
					e = end
				} else {
					e += line
				}
				if strings.TrimSpace(text[line:e]) != "" {
					paras = append(paras, para{start: line, end: e})
				}
				line = e + 1
			}
		}
		blockStart, blockLong = -1, false
	}
	for line := 0; line <= len(text); {
		end := strings.IndexByte(text[line:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += line
		}
		content := text[line:end]
		switch {
		case strings.TrimSpace(content) == "":
			flush(line)
		case strings.HasPrefix(content, "#"):
			// A Markdown heading is a paragraph of its own.
			flush(line)
			paras = append(paras, para{start: line, end: end})
		default:
			if blockStart < 0 {
				blockStart = line
			}
			if utf8.RuneCountInString(content) > wrapWidth {
				blockLong = true
			}
		}
		if end == len(text) {
			flush(end)
			break
		}
		line = end + 1
	}
	return paras
}
