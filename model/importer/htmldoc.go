package importer

import (
	"bytes"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// htmlBlocks are the elements that start a new paragraph.
var htmlBlocks = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "dt": true, "dd": true, "blockquote": true, "pre": true, "section": true,
	"article": true, "header": true, "footer": true, "tr": true, "table": true, "ul": true,
	"ol": true, "dl": true, "address": true, "figure": true, "figcaption": true, "hr": true,
	"main": true, "nav": true, "aside": true, "center": true, "form": true, "fieldset": true,
	"legend": true, "details": true, "summary": true, "caption": true, "body": true, "html": true,
}

// htmlHidden are the elements whose content is not document text.
var htmlHidden = map[string]bool{
	"script": true, "style": true, "title": true, "textarea": true, "noscript": true,
	"template": true, "svg": true, "object": true, "select": true,
}

// readHTML reads a web page, including the HTML that Word and
// transcription tools such as noScribe save: block elements become
// paragraphs, <br> a line break, table rows a line with tab-separated
// cells. The character set comes from a byte order mark, a <meta> tag or
// the content itself.
func readHTML(data []byte, opts Options) (model.NewDocument, error) {
	enc, _, _ := charset.DetermineEncoding(data, "text/html")
	decoded, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return model.NewDocument{}, damaged("a web page", err)
	}
	decoded = bytes.TrimPrefix(decoded, bomUTF8)
	if looksBinary(string(decoded[:min(len(decoded), 8192)])) {
		return model.NewDocument{}, failf(ErrUnsupported, nil, "not a web page (the file holds binary data)")
	}
	h := &htmlReader{b: newBuilder(opts)}
	if err := h.read(decoded); err != nil {
		return model.NewDocument{}, err
	}
	return h.b.document(opts)
}

type htmlReader struct {
	b        *builder
	text     strings.Builder // the paragraph being read
	bold     strings.Builder // its opening bold run
	boldOpen bool
	boldDep  int
	heading  bool // inside h1–h6
	hidden   int
	pre      int
	cells    int // cells started in the current table row
}

func (h *htmlReader) read(data []byte) error {
	z := html.NewTokenizer(bytes.NewReader(data))
	h.boldOpen = true
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return h.flush()
		case html.TextToken:
			if h.hidden == 0 {
				h.write(string(z.Text()))
				if int64(h.text.Len()) > h.b.limit {
					return tooMuchText(h.b.limit)
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if err := h.start(string(name), tt == html.SelfClosingTagToken); err != nil {
				return err
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if err := h.end(string(name)); err != nil {
				return err
			}
		}
	}
}

func (h *htmlReader) start(name string, selfClosing bool) error {
	switch {
	case htmlHidden[name]:
		if !selfClosing {
			h.hidden++
		}
	case name == "br":
		h.raw("\n")
	case name == "td" || name == "th":
		if h.cells > 0 {
			h.raw("\t")
		}
		h.cells++
	case name == "b" || name == "strong":
		h.boldDep++
	case htmlBlocks[name]:
		if name == "pre" {
			h.pre++
		}
		if name == "tr" {
			h.cells = 0
		}
		err := h.flush()
		if isHTMLHeading(name) {
			h.heading = true // a heading's text is a label candidate, as a bold run is
		}
		return err
	}
	return nil
}

func isHTMLHeading(name string) bool {
	return len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'
}

func (h *htmlReader) end(name string) error {
	switch {
	case htmlHidden[name]:
		if h.hidden > 0 {
			h.hidden--
		}
	case name == "b" || name == "strong":
		if h.boldDep > 0 {
			h.boldDep--
		}
	case htmlBlocks[name]:
		if name == "pre" && h.pre > 0 {
			h.pre--
		}
		err := h.flush()
		h.heading = false
		return err
	}
	return nil
}

// write adds text, with white space collapsed outside <pre>.
func (h *htmlReader) write(s string) {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	if h.pre == 0 {
		s = collapseSpace(s)
		if h.text.Len() == 0 || strings.HasSuffix(h.text.String(), " ") || strings.HasSuffix(h.text.String(), "\n") {
			s = strings.TrimLeft(s, " ")
		}
	}
	h.raw(s)
}

// raw adds text as it is and tracks the bold run opening the paragraph.
func (h *htmlReader) raw(s string) {
	if s == "" {
		return
	}
	h.text.WriteString(s)
	if h.boldOpen {
		if h.boldDep > 0 || h.heading || strings.TrimSpace(s) == "" {
			h.bold.WriteString(s)
		} else {
			h.boldOpen = false
		}
	}
}

// flush ends the paragraph being read.
func (h *htmlReader) flush() error {
	text := h.text.String()
	bold := h.bold.String()
	h.text.Reset()
	h.bold.Reset()
	h.boldOpen = true
	if strings.TrimSpace(text) == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.Trim(l, " ")
	}
	text = strings.Join(lines, "\n")
	return h.b.paragraph(text, strings.TrimLeft(bold, " "))
}
