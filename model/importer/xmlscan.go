package importer

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// xmlScanner is a streaming XML tokenizer for the parts of Word and
// OpenDocument files, read from memory. It returns the same elements,
// names, namespaces and character data as encoding/xml's Decoder.Token in
// strict mode, and fails where that does, but it does not allocate per token:
// names are interned, character data and attribute values alias the
// document unless entities or carriage returns had to be decoded, and
// attribute namespaces are resolved only when asked for.
//
// Comments, processing instructions and the XML declaration are skipped
// (the declaration is checked as encoding/xml checks it). One deliberate
// difference: a DOCTYPE or other <!...> declaration is an error, where
// encoding/xml returns it as a Directive; Word and LibreOffice never write
// one, and it is the way to custom entities (which encoding/xml refuses too).
type xmlScanner struct {
	data      []byte
	pos       int
	err       error // sticky: io.EOF or a syntax error
	closeNext bool  // the last start tag was empty: its end comes next

	stack []xmlOpen
	binds []xmlBind      // namespace declarations in scope, innermost last
	bound map[string]int // prefix to its innermost declaration in binds

	// A one-entry cache of the last prefix looked up in binds.
	lastPrefix string
	lastURI    string
	lastOK     bool
	lastValid  bool

	// The token read, valid until the next call of token.
	Start xmlStart // for xmlStartTag
	End   xml.Name // for xmlEndTag
	Text  []byte   // for xmlText

	buf   []byte // decoded character data
	abuf  []byte // decoded attribute values
	names [512]string
	wide  map[string]bool // validity of names with non-ASCII characters
}

// xmlKind is the kind of token xmlScanner.token read.
type xmlKind uint8

const (
	xmlEOF xmlKind = iota
	xmlStartTag
	xmlEndTag
	xmlText
)

// An xmlOpen is an element that is open: where its qualified name is
// written, and len(binds) before its declarations. It holds no pointers,
// which keeps the garbage collector's write barriers away.
type xmlOpen struct {
	start, end, colon int
	binds             int
}

// An xmlBind is a namespace declaration; prev is the index in binds of the
// one it hides, or -1.
type xmlBind struct {
	prefix, uri string
	prev        int
}

// An xmlStart is a start tag. Its attributes are valid until the next token.
type xmlStart struct {
	Name  xml.Name
	attrs []xmlAttr
	sc    *xmlScanner
}

// An xmlAttr is an attribute: where its name is written (colon is the
// offset of the colon that ends a prefix, or -1) and where its decoded value
// is, in the document or, if inBuf, in the scanner's abuf. It holds no
// pointers, like xmlOpen.
type xmlAttr struct {
	start, end, colon int
	vstart, vend      int
	inBuf             bool
}

func (e *xmlStart) prefix(i int) []byte {
	a := &e.attrs[i]
	if a.colon < 0 {
		return nil
	}
	return e.sc.data[a.start:a.colon]
}

func (e *xmlStart) local(i int) []byte {
	a := &e.attrs[i]
	if a.colon < 0 {
		return e.sc.data[a.start:a.end]
	}
	return e.sc.data[a.colon+1 : a.end]
}

func (e *xmlStart) value(i int) []byte {
	a := &e.attrs[i]
	if a.inBuf {
		return e.sc.abuf[a.vstart:a.vend]
	}
	return e.sc.data[a.vstart:a.vend]
}

// attr returns the value of the attribute with the given local name.
func attr(e *xmlStart, local string) string {
	for i := range e.attrs {
		if string(e.local(i)) == local {
			return string(e.value(i))
		}
	}
	return ""
}

// attrName returns the name of attribute i with its namespace resolved.
func (e *xmlStart) attrName(i int) xml.Name {
	return xml.Name{Space: e.sc.attrSpace(e.prefix(i)), Local: string(e.local(i))}
}

// xmlSyntaxError is the technical cause of a damaged document.
type xmlSyntaxError struct {
	msg    string
	offset int
}

func (e *xmlSyntaxError) Error() string {
	return fmt.Sprintf("XML syntax error at byte %d: %s", e.offset, e.msg)
}

const xmlURL = "http://www.w3.org/XML/1998/namespace"

func newXMLScanner(data []byte) *xmlScanner {
	s := &xmlScanner{data: data}
	s.Start.sc = s
	return s
}

func (s *xmlScanner) fail(msg string) (xmlKind, error) {
	s.err = &xmlSyntaxError{msg: msg, offset: s.pos}
	return xmlEOF, s.err
}

// token reads the next element start or end or character data, and returns
// io.EOF at the end of a well-formed document.
func (s *xmlScanner) token() (xmlKind, error) {
	if s.err != nil {
		return xmlEOF, s.err
	}
	if s.closeNext {
		s.closeNext = false
		s.pop()
		return xmlEndTag, nil
	}
	d := s.data
	for {
		if s.pos >= len(d) {
			if len(s.stack) > 0 {
				return s.fail("unexpected EOF")
			}
			s.err = io.EOF
			return xmlEOF, io.EOF
		}
		if d[s.pos] != '<' {
			return s.text()
		}
		if s.pos+1 >= len(d) {
			return s.fail("unexpected EOF")
		}
		switch d[s.pos+1] {
		case '/':
			return s.endTag()
		case '?':
			if err := s.procInst(); err != nil {
				return xmlEOF, err
			}
		case '!':
			if s.pos+2 < len(d) && d[s.pos+2] == '[' {
				return s.cdata()
			}
			if err := s.comment(); err != nil {
				return xmlEOF, err
			}
		default:
			return s.startTag()
		}
	}
}

// Byte classes.
const (
	cText  = 1 << iota // needs a look in character data
	cAttr              // needs a look in an attribute value
	cName              // may be part of a name (as encoding/xml reads one)
	cStart             // may start an ASCII name
	cSpace             // white space between markup
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if c < 0x20 && b != '\t' && b != '\n' || c >= 0x80 || b == '<' || b == '&' {
			t[c] |= cText | cAttr
		}
		if b == ']' {
			t[c] |= cText
		}
		if b == '"' || b == '\'' {
			t[c] |= cAttr
		}
		if 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || b == '_' || b == ':' {
			t[c] |= cName | cStart
		}
		if '0' <= b && b <= '9' || b == '.' || b == '-' || c >= 0x80 {
			t[c] |= cName
		}
		if b == ' ' || b == '\t' || b == '\r' || b == '\n' {
			t[c] |= cSpace
		}
	}
	return t
}()

func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func (s *xmlScanner) skipSpace(i int) int {
	for i < len(s.data) && byteClass[s.data[i]]&cSpace != 0 {
		i++
	}
	return i
}

func (s *xmlScanner) nameEnd(i int) int {
	for i < len(s.data) && byteClass[s.data[i]]&cName != 0 {
		i++
	}
	return i
}

// qname reads a qualified name at i as encoding/xml does: it returns the
// end of the name and the offset of the colon that ends its prefix, or -1
// if it has none; ok is false if it is not a name or has several colons.
func (s *xmlScanner) qname(i int) (end, colon int, ok bool) {
	d := s.data
	colon = -1
	wide := false
	colons := 0
	j := i
	for ; j < len(d); j++ {
		c := d[j]
		if byteClass[c]&cName == 0 {
			break
		}
		if c == ':' {
			colon = j
			colons++
		} else if c >= utf8.RuneSelf {
			wide = true
		}
	}
	if colons > 1 || j == i {
		return j, -1, false
	}
	if wide {
		ok = s.validName(d[i:j])
	} else {
		ok = byteClass[d[i]]&cStart != 0
	}
	if colon == i || colon == j-1 {
		colon = -1
	}
	return j, colon, ok
}

// validName reports whether b, read by nameEnd, is an XML name.
func (s *xmlScanner) validName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return byteClass[b[0]]&cStart != 0
	}
	if v, ok := s.wide[string(b)]; ok {
		return v
	}
	v := isWideXMLName(b)
	if s.wide == nil {
		s.wide = make(map[string]bool)
	}
	if len(s.wide) < 1024 {
		s.wide[string(b)] = v
	}
	return v
}

// isWideXMLName reports whether b is a name by encoding/xml's rules, whose
// tables of name characters are not exported: it asks encoding/xml to read
// b as an element name, with each colon (a name character everywhere)
// replaced by an underscore (another).
func isWideXMLName(b []byte) bool {
	doc := append([]byte{'<'}, bytes.ReplaceAll(b, []byte(":"), []byte("_"))...)
	tok, err := xml.NewDecoder(bytes.NewReader(append(doc, "/>"...))).RawToken()
	_, ok := tok.(xml.StartElement)
	return err == nil && ok
}

// intern returns b as a string, shared between tokens.
func (s *xmlScanner) intern(b []byte) string {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	slot := &s.names[h%uint32(len(s.names))]
	if *slot != string(b) {
		*slot = string(b)
	}
	return *slot
}

// lookup returns the namespace bound to a prefix ("" for xmlns="...").
func (s *xmlScanner) lookup(prefix []byte) (string, bool) {
	if s.lastValid && s.lastPrefix == string(prefix) {
		return s.lastURI, s.lastOK
	}
	uri, p := "", ""
	i, ok := s.bound[string(prefix)]
	if ok {
		uri, p = s.binds[i].uri, s.binds[i].prefix
	} else {
		p = s.intern(prefix)
	}
	s.lastPrefix, s.lastURI, s.lastOK, s.lastValid = p, uri, ok, true
	return uri, ok
}

// attrSpace resolves an attribute's namespace as encoding/xml does: an
// attribute without a prefix has none.
func (s *xmlScanner) attrSpace(prefix []byte) string {
	if len(prefix) == 0 {
		return ""
	}
	return s.prefixSpace(prefix)
}

func (s *xmlScanner) prefixSpace(prefix []byte) string {
	switch string(prefix) {
	case "xmlns":
		return "xmlns"
	case "xml":
		return xmlURL
	}
	if uri, ok := s.lookup(prefix); ok {
		return uri
	}
	return s.intern(prefix)
}

func (s *xmlScanner) startTag() (xmlKind, error) {
	d := s.data
	i := s.pos + 1
	end, colon, ok := s.qname(i)
	if !ok {
		return s.fail("expected element name after <")
	}
	open := xmlOpen{start: i, end: end, colon: colon, binds: len(s.binds)}
	s.abuf = s.abuf[:0]
	attrs := s.Start.attrs[:0]
	empty := false
	i = end
	for {
		i = s.skipSpace(i)
		if i >= len(d) {
			s.pos = i
			return s.fail("unexpected EOF")
		}
		if c := d[i]; c == '>' {
			i++
			break
		} else if c == '/' {
			if i+1 >= len(d) || d[i+1] != '>' {
				s.pos = i
				return s.fail("expected /> in element")
			}
			i += 2
			empty = true
			break
		}
		a := xmlAttr{start: i}
		if a.end, a.colon, ok = s.qname(i); !ok {
			s.pos = i
			return s.fail("expected attribute name in element")
		}
		i = s.skipSpace(a.end)
		if i >= len(d) || d[i] != '=' {
			s.pos = i
			return s.fail("attribute name without = in element")
		}
		i = s.skipSpace(i + 1)
		if i >= len(d) || d[i] != '"' && d[i] != '\'' {
			s.pos = i
			return s.fail("unquoted or missing attribute value in element")
		}
		vs, ve, end, inBuf, err := s.chars(i+1, d[i], &s.abuf)
		if err != nil {
			return xmlEOF, err
		}
		a.vstart, a.vend, a.inBuf = vs, ve, inBuf
		i = end + 1
		attrs = append(attrs, a)
	}
	s.Start.attrs = attrs
	s.pos = i

	for k := range attrs {
		a := &attrs[k]
		if a.colon < 0 && string(d[a.start:a.end]) == "xmlns" {
			s.bind("", string(s.Start.value(k)))
		} else if a.colon >= 0 && string(d[a.start:a.colon]) == "xmlns" {
			s.bind(s.intern(d[a.colon+1:a.end]), string(s.Start.value(k)))
		}
	}
	if len(s.binds) != open.binds {
		s.lastValid = false
	}
	s.stack = append(s.stack, open)
	s.Start.Name = s.elemName(open)
	s.closeNext = empty
	return xmlStartTag, nil
}

// bind declares a namespace prefix.
func (s *xmlScanner) bind(prefix, uri string) {
	if s.bound == nil {
		s.bound = make(map[string]int)
	}
	prev, ok := s.bound[prefix]
	if !ok {
		prev = -1
	}
	s.bound[prefix] = len(s.binds)
	s.binds = append(s.binds, xmlBind{prefix: prefix, uri: uri, prev: prev})
}

// elemName resolves an element's name as encoding/xml does.
func (s *xmlScanner) elemName(e xmlOpen) xml.Name {
	d := s.data
	if e.colon < 0 {
		local := d[e.start:e.end]
		if string(local) == "xmlns" {
			return xml.Name{Local: "xmlns"}
		}
		uri, _ := s.lookup(nil)
		return xml.Name{Space: uri, Local: s.intern(local)}
	}
	return xml.Name{Space: s.prefixSpace(d[e.start:e.colon]), Local: s.intern(d[e.colon+1 : e.end])}
}

func (s *xmlScanner) endTag() (xmlKind, error) {
	d := s.data
	i := s.pos + 2
	j := s.nameEnd(i)
	if len(s.stack) == 0 {
		return s.fail("unexpected end element")
	}
	top := s.stack[len(s.stack)-1]
	if !bytes.Equal(d[i:j], d[top.start:top.end]) {
		return s.fail("element closed by another")
	}
	i = s.skipSpace(j)
	if i >= len(d) || d[i] != '>' {
		s.pos = i
		return s.fail("invalid characters between </name and >")
	}
	s.pos = i + 1
	s.pop()
	return xmlEndTag, nil
}

// pop closes the innermost element.
func (s *xmlScanner) pop() {
	top := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	s.End = s.elemName(top)
	if len(s.binds) != top.binds {
		for i := len(s.binds) - 1; i >= top.binds; i-- {
			if b := s.binds[i]; b.prev < 0 {
				delete(s.bound, b.prefix)
			} else {
				s.bound[b.prefix] = b.prev
			}
		}
		s.binds = s.binds[:top.binds]
		s.lastValid = false
	}
}

// procInst skips a processing instruction, checking an XML declaration as
// encoding/xml does.
func (s *xmlScanner) procInst() error {
	d := s.data
	i := s.pos + 2
	j := s.nameEnd(i)
	target := d[i:j]
	if !s.validName(target) {
		_, err := s.fail("expected target name after <?")
		return err
	}
	i = s.skipSpace(j)
	k := bytes.Index(d[i:], []byte("?>"))
	if k < 0 {
		s.pos = len(d)
		_, err := s.fail("unexpected EOF")
		return err
	}
	if string(target) == "xml" {
		content := string(d[i : i+k])
		if ver := procInstParam("version", content); ver != "" && ver != "1.0" {
			_, err := s.fail("unsupported XML version " + ver)
			return err
		}
		if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			_, err := s.fail("unsupported encoding " + enc)
			return err
		}
	}
	s.pos = i + k + 2
	return nil
}

// procInstParam is encoding/xml's procInst: the value of a parameter in a
// processing instruction.
func procInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// comment skips a comment; any other <! declaration is refused.
func (s *xmlScanner) comment() error {
	d := s.data
	i := s.pos + 2
	if i+1 < len(d) && d[i] == '-' && d[i+1] == '-' {
		k := bytes.Index(d[i+2:], []byte("--"))
		if k < 0 {
			s.pos = len(d)
			_, err := s.fail("unexpected EOF in comment")
			return err
		}
		e := i + 2 + k + 2
		if e >= len(d) || d[e] != '>' {
			s.pos = e
			_, err := s.fail(`invalid sequence "--" not allowed in comments`)
			return err
		}
		s.pos = e + 1
		return nil
	}
	_, err := s.fail("declarations such as DOCTYPE are not supported")
	return err
}

// cdata reads a CDATA section as character data.
func (s *xmlScanner) cdata() (xmlKind, error) {
	d := s.data
	i := s.pos + 3
	if !bytes.HasPrefix(d[i:], []byte("CDATA[")) {
		return s.fail("invalid <![ sequence")
	}
	i += len("CDATA[")
	k := bytes.Index(d[i:], []byte("]]>"))
	if k < 0 {
		s.pos = len(d)
		return s.fail("unexpected EOF in CDATA section")
	}
	raw := d[i : i+k]
	s.Text = raw
	crlf := false
	for j := 0; j < len(raw); {
		c := raw[j]
		if byteClass[c]&cText == 0 || c == '<' || c == '&' || c == ']' {
			j++
			continue
		}
		if c == '\r' {
			if !crlf {
				s.Text = normalizeCR(s.buf[:0], raw)
				s.buf, crlf = s.Text, true
			}
			j++
			continue
		}
		if c < utf8.RuneSelf {
			s.pos = i + j
			return s.fail(fmt.Sprintf("illegal character code %U", rune(c)))
		}
		r, n := utf8.DecodeRune(raw[j:])
		if r == utf8.RuneError && n == 1 {
			s.pos = i + j
			return s.fail("invalid UTF-8")
		}
		if !inCharRange(r) {
			s.pos = i + j
			return s.fail(fmt.Sprintf("illegal character code %U", r))
		}
		j += n
	}
	s.pos = i + k + 3
	return xmlText, nil
}

// normalizeCR appends b to dst with CRLF and CR turned into LF.
func normalizeCR(dst, b []byte) []byte {
	for i := 0; i < len(b); i++ {
		if b[i] != '\r' {
			dst = append(dst, b[i])
			continue
		}
		dst = append(dst, '\n')
		if i+1 < len(b) && b[i+1] == '\n' {
			i++
		}
	}
	return dst
}

// text reads character data up to the next markup.
func (s *xmlScanner) text() (xmlKind, error) {
	s.buf = s.buf[:0]
	vs, ve, end, inBuf, err := s.chars(s.pos, 0, &s.buf)
	if err != nil {
		return xmlEOF, err
	}
	if end == s.pos { // cannot happen: d[s.pos] is not '<'
		return s.fail("no progress in character data")
	}
	if inBuf {
		s.Text = s.buf[vs:ve]
	} else {
		s.Text = s.data[vs:ve]
	}
	s.pos = end
	return xmlText, nil
}

// chars reads character data from i up to quote (an attribute value) or to
// the next '<' or the end (quote 0), decoding references and line ends as
// encoding/xml does. The value is d[vs:ve] of the document when nothing
// needed decoding, or else appended to *buf, and then (*buf)[vs:ve], with
// inBuf set. end is the offset of the quote or of the '<'.
func (s *xmlScanner) chars(i int, quote byte, buf *[]byte) (vs, ve, end int, inBuf bool, err error) {
	d := s.data
	mask := uint8(cText)
	if quote != 0 {
		mask = cAttr
	}
	start, run := i, i
	decoded := false
	dst := *buf
	base := len(dst)
	for {
		for i < len(d) && byteClass[d[i]]&mask == 0 {
			i++
		}
		if i >= len(d) {
			if quote != 0 {
				s.pos = i
				_, err := s.fail("unexpected EOF")
				return 0, 0, 0, false, err
			}
			break
		}
		c := d[i]
		if c == quote && quote != 0 {
			break
		}
		switch {
		case c == '<':
			if quote != 0 {
				s.pos = i
				_, err := s.fail("unescaped < inside quoted string")
				return 0, 0, 0, false, err
			}
		case c == '"' || c == '\'':
			i++
			continue
		case c == ']':
			if i+2 < len(d) && d[i+1] == ']' && d[i+2] == '>' {
				s.pos = i
				_, err := s.fail("unescaped ]]> not in CDATA section")
				return 0, 0, 0, false, err
			}
			i++
			continue
		case c == '\r':
			dst = append(dst, d[run:i]...)
			dst = append(dst, '\n')
			decoded = true
			i++
			if i < len(d) && d[i] == '\n' {
				i++
			}
			run = i
			continue
		case c == '&':
			r, n := entityAt(d[i:])
			if n == 0 {
				s.pos = i
				_, err := s.fail("invalid character entity")
				return 0, 0, 0, false, err
			}
			dst = append(dst, d[run:i]...)
			dst = utf8.AppendRune(dst, r)
			decoded = true
			i += n
			run = i
			continue
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				s.pos = i
				_, err := s.fail("invalid UTF-8")
				return 0, 0, 0, false, err
			}
			if !inCharRange(r) {
				s.pos = i
				_, err := s.fail(fmt.Sprintf("illegal character code %U", r))
				return 0, 0, 0, false, err
			}
			i += n
			continue
		default:
			s.pos = i
			_, err := s.fail(fmt.Sprintf("illegal character code %U", rune(c)))
			return 0, 0, 0, false, err
		}
		break // at '<'
	}
	if !decoded {
		return start, i, i, false, nil
	}
	dst = append(dst, d[run:i]...)
	*buf = dst
	return base, len(dst), i, true, nil
}

// entityAt decodes the character or entity reference at the start of b
// (b[0] == '&') and returns the character and the length of the reference,
// or n == 0 if it is not one encoding/xml accepts in strict mode.
func entityAt(b []byte) (r rune, n int) {
	if len(b) < 2 {
		return 0, 0
	}
	if b[1] == '#' {
		i, base := 2, rune(10)
		if i < len(b) && b[i] == 'x' {
			i, base = i+1, 16
		}
		j := i
		var v rune
		for ; j < len(b); j++ {
			c := b[j]
			var dig rune
			switch {
			case '0' <= c && c <= '9':
				dig = rune(c - '0')
			case base == 16 && 'a' <= c && c <= 'f':
				dig = rune(c-'a') + 10
			case base == 16 && 'A' <= c && c <= 'F':
				dig = rune(c-'A') + 10
			default:
				dig = -1
			}
			if dig < 0 {
				break
			}
			if v <= unicode.MaxRune {
				v = v*base + dig
			}
		}
		if j == i || j >= len(b) || b[j] != ';' || v > unicode.MaxRune {
			return 0, 0
		}
		if !utf8.ValidRune(v) {
			v = utf8.RuneError // as string(rune(v)) does
		}
		if !inCharRange(v) {
			return 0, 0
		}
		return v, j + 1
	}
	j := 1
	for j < len(b) && byteClass[b[j]]&cName != 0 {
		j++
	}
	if j >= len(b) || b[j] != ';' {
		return 0, 0
	}
	switch string(b[1:j]) {
	case "lt":
		r = '<'
	case "gt":
		r = '>'
	case "amp":
		r = '&'
	case "apos":
		r = '\''
	case "quot":
		r = '"'
	default:
		return 0, 0
	}
	return r, j + 1
}
