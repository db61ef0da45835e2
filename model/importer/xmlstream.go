package importer

import (
	"encoding/xml"
	"errors"
	"io"
)

// maxXMLDepth bounds element nesting: real documents stay far below it, and
// a deeper file is an attack or damage.
const maxXMLDepth = 256

// An xmlStream reads XML tokens with a nesting limit and turns syntax
// errors into messages about the document.
type xmlStream struct {
	d     *xml.Decoder
	depth int
	what  string // "a Word document", for messages
}

func newXMLStream(r io.Reader, what string) *xmlStream {
	return &xmlStream{d: xml.NewDecoder(r), what: what}
}

// next returns the next token, io.EOF at the end of the document, or an
// error for damaged or too deeply nested XML.
func (s *xmlStream) next() (xml.Token, error) {
	tok, err := s.d.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		var ie *importError
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, damaged(s.what, err)
	}
	switch tok.(type) {
	case xml.StartElement:
		s.depth++
		if s.depth > maxXMLDepth {
			return nil, failf(ErrDamaged, nil, "not "+s.what+" that can be read (it is nested too deeply: the file is damaged or built to attack)")
		}
	case xml.EndElement:
		s.depth--
	}
	return tok, nil
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

// attr returns the value of the attribute with the given local name.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
