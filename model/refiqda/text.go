package refiqda

import (
	"strings"
	"unicode/utf8"
)

// lineCounting is how the exporting tool counted a CR LF pair in its
// positions.
type lineCounting int

const (
	// crlfAsTwo counts every code point of the file as written (QualCoder,
	// MAXQDA, NVivo, Verbatim, and the standard's own reading).
	crlfAsTwo lineCounting = iota
	// crlfAsOne counts a CR LF pair as one character (ATLAS.ti).
	crlfAsOne
)

// countingOf picks the counting from the Project's @origin.
func countingOf(origin string) lineCounting {
	if strings.Contains(strings.ToLower(origin), "atlas.ti") {
		return crlfAsOne
	}
	return crlfAsTwo
}

// sourceText is a source's text as Verbatim stores it (UTF-8, LF line ends,
// without the characters no document may hold), with the map from the
// positions the exporting tool counted to rune offsets in it.
type sourceText struct {
	text string
	// pos[i] is the rune offset in text of the tool's position i; nil when
	// the two are the same.
	pos []int
	// runes is the length of text in runes.
	runes int
}

// offset maps a tool's position; ok is false when it lies beyond the text.
func (s *sourceText) offset(p int) (int, bool) {
	if s.pos == nil {
		return p, p >= 0 && p <= s.runes
	}
	if p < 0 || p >= len(s.pos) {
		return 0, false
	}
	return s.pos[p], true
}

// dropped reports whether the stored text leaves the rune r out, as the
// importer does (NUL and other control characters, noncharacters).
func dropped(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' && r != '\r' && r != '\f' && r != '\v' ||
		r == 0x7F || (r >= 0x80 && r < 0xA0 && r != 0x85) || r == 0xFFFE || r == 0xFFFF
}

// newSourceText normalises raw file content (a leading BOM stripped, which
// no tool counts) and maps the tool's positions onto the result.
func newSourceText(raw []byte, counting lineCounting) sourceText {
	s := strings.ToValidUTF8(string(raw), "\uFFFD")
	s = strings.TrimPrefix(s, "\uFEFF")
	if clean(s) {
		return sourceText{text: s, runes: utf8.RuneCountInString(s)}
	}
	var b strings.Builder
	b.Grow(len(s))
	pos := make([]int, 0, len(s)+1)
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			pos = append(pos, n)
			if counting == crlfAsTwo {
				pos = append(pos, n)
			}
			b.WriteByte('\n')
			n++
			i += 2
			continue
		case r == '\r' || r == '\f' || r == '\v' || r == 0x85 || r == 0x2028 || r == 0x2029:
			pos = append(pos, n)
			b.WriteByte('\n')
			n++
		case dropped(r):
			pos = append(pos, n)
		default:
			pos = append(pos, n)
			b.WriteRune(r)
			n++
		}
		i += size
	}
	pos = append(pos, n)
	return sourceText{text: b.String(), pos: pos, runes: n}
}

// clean reports whether s needs no normalising.
func clean(s string) bool {
	for _, r := range s {
		if r == '\r' || r == '\f' || r == '\v' || r == 0x85 || r == 0x2028 || r == 0x2029 || dropped(r) {
			return false
		}
	}
	return true
}
