package importer

import (
	"strings"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

const (
	rtfNoun     = "an RTF document"
	maxRTFDepth = 256
)

// rtfSkipped are destinations whose content is not document text.
var rtfSkipped = map[string]bool{
	"colortbl": true, "stylesheet": true, "info": true, "pict": true, "object": true,
	"header": true, "headerl": true, "headerr": true, "headerf": true, "footer": true,
	"footerl": true, "footerr": true, "footerf": true, "footnote": true, "annotation": true,
	"fldinst": true, "themedata": true, "colorschememapping": true, "datastore": true,
	"latentstyles": true, "xmlnstbl": true, "listtable": true, "listoverridetable": true,
	"rsidtbl": true, "generator": true, "mmathPr": true, "pgdsctbl": true, "listtext": true,
	"nonshppict": true, "shpinst": true, "bkmkstart": true, "bkmkend": true, "atnid": true,
	"atnauthor": true, "revtbl": true, "filetbl": true, "userprops": true, "docvar": true,
}

// rtfSymbols are control words that stand for one character.
var rtfSymbols = map[string]string{
	"line": "\n", "tab": "\t", "emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’",
	"ldblquote": "“", "rdblquote": "”", "bullet": "•", "emspace": "\u2003", "enspace": "\u2002",
	"qmspace": "\u2005", "zwj": "\u200d", "zwnj": "\u200c", "ltrmark": "\u200e", "rtlmark": "\u200f",
}

// rtfCharsets maps a font's \fcharset to a Windows code page.
var rtfCharsets = map[int]int{
	128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258,
	177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250, 77: 10000,
}

type rtfState struct {
	skip     bool
	uc       int
	font     int
	bold     bool
	fonttbl  bool
	fontDefn int // font being defined in the font table
}

// rtfReader is a small RTF reader: groups, destinations, \uN with its \ucN
// fallback, \'hh bytes in the code page of the document or the current
// font, paragraphs, line breaks, tabs and tables (a row a line, cells
// joined by tabs).
type rtfReader struct {
	data      []byte
	pos       int
	b         *builder
	stack     []rtfState
	st        rtfState
	ansi      int         // document code page
	fontPages map[int]int // font number → code page
	pending   []byte      // \'hh bytes awaiting decoding
	text      strings.Builder
	bold      strings.Builder
	boldOpen  bool
	skipChars int // fallback characters still to skip after \uN
}

// readRTF reads a Rich Text Format document.
func readRTF(data []byte, opts Options) (model.NewDocument, error) {
	r := &rtfReader{data: data, b: newBuilder(opts), ansi: 1252, fontPages: map[int]int{}, boldOpen: true}
	r.st.uc = 1
	if err := r.read(); err != nil {
		return model.NewDocument{}, err
	}
	return r.b.document(opts)
}

func (r *rtfReader) read() error {
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		r.pos++
		switch c {
		case '{':
			if len(r.stack) >= maxRTFDepth {
				return failf(ErrDamaged, nil, "not "+rtfNoun+" that can be read (it is nested too deeply: the file is damaged or built to attack)")
			}
			r.stack = append(r.stack, r.st)
		case '}':
			r.flushBytes()
			if len(r.stack) == 0 {
				return r.endDocument()
			}
			r.st = r.stack[len(r.stack)-1]
			r.stack = r.stack[:len(r.stack)-1]
		case '\\':
			if err := r.control(); err != nil {
				return err
			}
		case '\r', '\n':
		default:
			if c < 0x20 {
				continue
			}
			if r.skipChars > 0 {
				r.skipChars--
				continue
			}
			if c >= 0x80 {
				r.pending = append(r.pending, c)
				continue
			}
			r.emit(string(rune(c)))
		}
		if int64(r.text.Len()) > r.b.limit {
			return tooMuchText(r.b.limit)
		}
	}
	return r.endDocument()
}

// endDocument ends the last paragraph unless it is empty.
func (r *rtfReader) endDocument() error {
	r.flushBytes()
	if r.text.Len() == 0 {
		return nil
	}
	return r.endParagraph()
}

// control reads a control word or symbol after a backslash.
func (r *rtfReader) control() error {
	if r.pos >= len(r.data) {
		return nil
	}
	c := r.data[r.pos]
	if !isASCIILetter(c) {
		r.pos++
		r.symbol(c)
		return nil
	}
	start := r.pos
	for r.pos < len(r.data) && isASCIILetter(r.data[r.pos]) && r.pos-start < 32 {
		r.pos++
	}
	word := string(r.data[start:r.pos])
	param, hasParam := 0, false
	neg := r.pos < len(r.data) && r.data[r.pos] == '-'
	if neg {
		r.pos++
	}
	for digits := 0; r.pos < len(r.data) && r.data[r.pos] >= '0' && r.data[r.pos] <= '9' && digits < 10; digits++ {
		param = param*10 + int(r.data[r.pos]-'0')
		hasParam = true
		r.pos++
	}
	if neg {
		param = -param
	}
	if r.pos < len(r.data) && r.data[r.pos] == ' ' {
		r.pos++
	}
	return r.word(word, param, hasParam)
}

func (r *rtfReader) symbol(c byte) {
	switch c {
	case '\'':
		if r.pos+2 <= len(r.data) {
			if v, ok := hexByte(r.data[r.pos], r.data[r.pos+1]); ok {
				r.pos += 2
				if r.skipChars > 0 {
					r.skipChars--
					return
				}
				r.pending = append(r.pending, v)
			}
		}
	case '*':
		r.st.skip = r.st.skip || !r.st.fonttbl
	case '\\', '{', '}':
		r.emit(string(c))
	case '~':
		r.emit("\u00a0")
	case '_':
		r.emit("\u2011")
	case '\n', '\r':
		r.paragraph()
	}
}

func (r *rtfReader) word(w string, param int, hasParam bool) error {
	if r.skipChars > 0 {
		r.skipChars--
		return nil
	}
	switch {
	case w == "bin":
		r.flushBytes()
		r.pos = min(len(r.data), r.pos+max(0, param))
	case w == "fonttbl":
		r.st.fonttbl, r.st.skip = true, true
	case r.st.fonttbl && w == "f":
		r.st.fontDefn = param
	case r.st.fonttbl && w == "fcharset":
		if cp, ok := rtfCharsets[param]; ok {
			r.fontPages[r.st.fontDefn] = cp
		}
	case r.st.fonttbl && w == "cpg":
		r.fontPages[r.st.fontDefn] = param
	case rtfSkipped[w]:
		r.st.skip = true
	case w == "ansicpg":
		r.ansi = param
	case w == "f":
		r.flushBytes()
		r.st.font = param
	case w == "uc":
		r.st.uc = max(0, param)
	case w == "u":
		if param < 0 {
			param += 65536
		}
		r.flushBytes()
		if !r.st.skip {
			r.emit(string(rune(param)))
		}
		r.skipChars = r.st.uc
	case w == "b":
		r.flushBytes()
		r.st.bold = !hasParam || param != 0
	case w == "plain":
		r.flushBytes()
		r.st.bold = false
	case w == "par" || w == "sect" || w == "page":
		r.flushBytes()
		r.paragraph()
	case w == "cell" || w == "nestcell":
		r.flushBytes()
		r.emit("\t")
	case w == "row":
		r.flushBytes()
		r.paragraph() // endParagraph trims the row's trailing tab
	default:
		if s, ok := rtfSymbols[w]; ok {
			r.flushBytes()
			r.emit(s)
		}
	}
	return nil
}

// emit adds text unless the current destination is skipped.
func (r *rtfReader) emit(s string) {
	if r.st.skip {
		return
	}
	r.flushBytes()
	r.text.WriteString(s)
	if r.boldOpen {
		if r.st.bold || strings.TrimSpace(s) == "" {
			r.bold.WriteString(s)
		} else {
			r.boldOpen = false
		}
	}
}

// flushBytes decodes pending \'hh bytes in the current code page.
func (r *rtfReader) flushBytes() {
	if len(r.pending) == 0 {
		return
	}
	raw := r.pending
	r.pending = nil
	if r.st.skip {
		return
	}
	cp := r.ansi
	if p, ok := r.fontPages[r.st.font]; ok {
		cp = p
	}
	var s string
	if enc := codePage(cp); enc != nil {
		if b, err := enc.NewDecoder().Bytes(raw); err == nil {
			s = string(b)
		}
	}
	if s == "" && utf8.Valid(raw) {
		s = string(raw)
	} else if s == "" {
		b, _ := charmap.Windows1252.NewDecoder().Bytes(raw)
		s = string(b)
	}
	r.emit(s)
}

func (r *rtfReader) paragraph() {
	if r.st.skip {
		return
	}
	_ = r.endParagraph()
}

func (r *rtfReader) endParagraph() error {
	r.flushBytes()
	text := strings.TrimRight(r.text.String(), "\t")
	bold := r.bold.String()
	r.text.Reset()
	r.bold.Reset()
	r.boldOpen = true
	return r.b.paragraph(text, bold)
}

// codePage returns the decoder for a Windows code page, or nil.
func codePage(cp int) encoding.Encoding {
	switch cp {
	case 1250:
		return charmap.Windows1250
	case 1251:
		return charmap.Windows1251
	case 1252:
		return charmap.Windows1252
	case 1253:
		return charmap.Windows1253
	case 1254:
		return charmap.Windows1254
	case 1255:
		return charmap.Windows1255
	case 1256:
		return charmap.Windows1256
	case 1257:
		return charmap.Windows1257
	case 1258:
		return charmap.Windows1258
	case 874:
		return charmap.Windows874
	case 437:
		return charmap.CodePage437
	case 850:
		return charmap.CodePage850
	case 10000:
		return charmap.Macintosh
	case 932:
		return japanese.ShiftJIS
	case 936:
		return simplifiedchinese.GBK
	case 949:
		return korean.EUCKR
	case 950:
		return traditionalchinese.Big5
	}
	return nil
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func hexByte(a, b byte) (byte, bool) {
	x, ok1 := hexDigit(a)
	y, ok2 := hexDigit(b)
	return x<<4 | y, ok1 && ok2
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
