package importer

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// decodeText turns the bytes of a plain-text file into UTF-8. It honours a
// UTF-8 or UTF-16 byte order mark, recognises UTF-16 without one by its
// pattern of zero bytes, accepts valid UTF-8, and otherwise reads the bytes
// as Windows-1252, which covers the printable range of Latin-1 too. Binary
// data is refused with ErrUnsupported.
func decodeText(data []byte) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		s = strings.ToValidUTF8(string(data[3:]), "\uFFFD")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		s = decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s = decodeUTF16(data[2:], true)
	default:
		if bigEndian, ok := looksUTF16(data); ok {
			s = decodeUTF16(data, bigEndian)
		} else if utf8.Valid(data) {
			s = string(data)
		} else {
			b, err := charmap.Windows1252.NewDecoder().Bytes(data)
			if err != nil {
				return "", failf(ErrUnsupported, err, "not a text file (unknown character encoding)")
			}
			s = string(b)
		}
	}
	if looksBinary(s) {
		return "", failf(ErrUnsupported, nil, "not a text document (the file holds binary data)")
	}
	return s, nil
}

// looksUTF16 reports whether data without a byte order mark looks like
// UTF-16 text: in mostly-Latin text every other byte is zero.
func looksUTF16(data []byte) (bigEndian, ok bool) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return false, false
	}
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenZero++
		}
		if data[i+1] == 0 {
			oddZero++
		}
	}
	pairs := n / 2
	switch {
	case evenZero*10 >= pairs*6 && oddZero*10 < pairs:
		return true, true
	case oddZero*10 >= pairs*6 && evenZero*10 < pairs:
		return false, true
	}
	return false, false
}

// decodeUTF16 decodes UTF-16 code units; unpaired surrogates and a trailing
// odd byte become U+FFFD. It writes the UTF-8 straight away: a slice of code
// units and one of runes would take six times the file's size.
func decodeUTF16(data []byte, bigEndian bool) string {
	unit := func(i int) rune {
		if bigEndian {
			return rune(data[i])<<8 | rune(data[i+1])
		}
		return rune(data[i+1])<<8 | rune(data[i])
	}
	var b strings.Builder
	b.Grow(len(data) / 2 * 3 / 2)
	n := len(data) &^ 1
	for i := 0; i < n; i += 2 {
		r := unit(i)
		if utf16.IsSurrogate(r) {
			if i+3 < n {
				if pair := utf16.DecodeRune(r, unit(i+2)); pair != utf8.RuneError {
					b.WriteRune(pair)
					i += 2
					continue
				}
			}
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	if len(data)%2 == 1 {
		b.WriteString("\uFFFD")
	}
	return b.String()
}

// looksBinary reports whether decoded text is really binary data: a text
// file has hardly any control characters other than tab and line ends.
func looksBinary(s string) bool {
	sample := s
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	var controls, total int
	for _, r := range sample {
		total++
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r == 0x7F {
			controls++
		}
	}
	return total > 0 && controls*20 > total
}

// normalizeText makes text fit for storage: line ends become LF, other line
// and paragraph separators become LF too, and control characters that no
// document should hold (NUL and the C0/C1 controls other than tab) are
// dropped, as are the noncharacters U+FFFE and U+FFFF. A leading byte order
// mark is removed.
func normalizeText(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
			i++
			continue
		}
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\f' || r == '\v' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == 0xFFFE || r == 0xFFFF:
			// dropped
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// isClean reports whether normalizeText would leave s unchanged, so the
// common case costs one pass and no allocation.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7F {
			return false
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || r < 0xA0 || r == 0x2028 || r == 0x2029 || r == 0xFFFE || r == 0xFFFF {
				return false
			}
			i += size - 1
		}
	}
	return true
}
