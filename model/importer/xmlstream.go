package importer

import (
	"errors"
	"io"
)

// maxXMLDepth bounds element nesting: real documents stay far below it, and
// a deeper file is an attack or damage.
const maxXMLDepth = 256

// An xmlStream reads the XML tokens of a document part with a nesting limit
// and turns syntax errors into messages about the document. After next,
// Start, End or Text hold the token, until the following call.
type xmlStream struct {
	xmlScanner
	depth int
	what  string // "a Word document", for messages
}

func newXMLStream(data []byte, what string) *xmlStream {
	s := &xmlStream{xmlScanner: xmlScanner{data: data}, what: what}
	s.Start.sc = &s.xmlScanner
	return s
}

// next reads the next token and returns its kind, io.EOF at the end of the
// document, or an error for damaged or too deeply nested XML.
func (s *xmlStream) next() (xmlKind, error) {
	kind, err := s.token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return xmlEOF, io.EOF
		}
		return xmlEOF, damaged(s.what, err)
	}
	switch kind {
	case xmlStartTag:
		s.depth++
		if s.depth > maxXMLDepth {
			return xmlEOF, failf(ErrDamaged, nil, "not "+s.what+" that can be read (it is nested too deeply: the file is damaged or built to attack)")
		}
	case xmlEndTag:
		s.depth--
	}
	return kind, nil
}

// skip reads past the end of the element just started.
func (s *xmlStream) skip() error {
	for level := s.depth; s.depth >= level; {
		if _, err := s.next(); err != nil {
			if errors.Is(err, io.EOF) {
				return damaged(s.what, io.ErrUnexpectedEOF)
			}
			return err
		}
	}
	return nil
}
