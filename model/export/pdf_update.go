package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// gopdf (v0.33.0) gets three things wrong or leaves them out, and it keeps
// its objects to itself, so the writer appends an incremental update (PDF
// 32000-1, 7.5.6): objects that replace gopdf's, a cross-reference section
// for them, and a trailer pointing back to gopdf's.
//
//   - Its ToUnicode maps write a character beyond U+FFFF as five or six hex
//     digits instead of a UTF-16 surrogate pair, so a text extractor turns
//     😀 (U+1F600) into ὠ (U+1F60). The update replaces the map of every font
//     that holds such a character.
//   - Its document information writes the title the same way, so the update
//     writes the information dictionary itself (title and producer).
//   - Its catalog has no language; the update's catalog has the Doc's, and
//     asks viewers to show the title rather than the file name.

// pdfSink passes gopdf's output on while noting what the update needs: how
// many bytes went out, the end of the output (with gopdf's trailer), and
// the object number of each font's ToUnicode map. gopdf writes each line of
// a font's dictionary in one Write, and ignores write errors, which the sink
// keeps.
type pdfSink struct {
	w         io.Writer
	n         int64
	tail      []byte
	baseFont  string
	toUnicode map[string]int
	err       error
}

const sinkTail = 512

func newPDFSink(w io.Writer) *pdfSink {
	return &pdfSink{w: w, toUnicode: map[string]int{}}
}

func (s *pdfSink) Write(b []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(b)
	s.n += int64(n)
	if err != nil {
		s.err = err
		return n, err
	}
	if len(b) < 128 {
		if name, ok := bytes.CutPrefix(b, []byte("/BaseFont /")); ok {
			s.baseFont = string(bytes.TrimSpace(name))
		} else if ref, ok := bytes.CutPrefix(b, []byte("/ToUnicode ")); ok {
			if num, ok := bytes.CutSuffix(ref, []byte(" 0 R\n")); ok {
				if id, err := strconv.Atoi(string(num)); err == nil {
					s.toUnicode[s.baseFont] = id
				}
			}
		}
	}
	if len(b) >= sinkTail {
		s.tail = append(s.tail[:0], b[len(b)-sinkTail:]...)
	} else {
		s.tail = append(s.tail, b...)
		if len(s.tail) > 2*sinkTail {
			s.tail = append(s.tail[:0], s.tail[len(s.tail)-sinkTail:]...)
		}
	}
	return n, nil
}

var (
	trailerSize = regexp.MustCompile(`/Size (\d+)`)
	startXref   = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
)

// update appends the incremental update to what the sink has written.
func (p *pdfWriter) update(s *pdfSink, d *Doc) error {
	sm, xm := trailerSize.FindSubmatch(s.tail), startXref.FindSubmatch(s.tail)
	if sm == nil || xm == nil {
		return errors.New("pdf: the PDF library wrote no trailer")
	}
	size, _ := strconv.Atoi(string(sm[1]))
	prev, _ := strconv.ParseInt(string(xm[1]), 10, 64)

	type object struct {
		num  int
		body string
	}
	catalog := "<< /Type /Catalog /Pages 2 0 R /ViewerPreferences << /DisplayDocTitle true >>"
	if lang := pdfLang(d.Lang); lang != "" {
		catalog += " /Lang (" + lang + ")"
	}
	objs := []object{{1, catalog + " >>"}}
	for f := range numFaces {
		id, ok := s.toUnicode[pdfFaces[f].name]
		if ok && slices.ContainsFunc(p.fb.runes[f], func(r rune) bool { return r > 0xFFFF }) {
			cmap := p.toUnicode(f)
			objs = append(objs, object{id, "<< /Length " + strconv.Itoa(len(cmap)) + " >>\nstream\n" + cmap + "\nendstream"})
		}
	}
	info := "<< /Producer " + pdfText("Verbatim")
	if d.Title != "" {
		info += " /Title " + pdfText(d.Title)
	}
	objs = append(objs, object{size, info + " >>"})
	slices.SortFunc(objs, func(a, b object) int { return a.num - b.num })

	var b strings.Builder
	offsets := make([]int64, len(objs))
	for i, o := range objs {
		offsets[i] = s.n + int64(b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", o.num, o.body)
	}
	xref := s.n + int64(b.Len())
	b.WriteString("xref\n")
	for i, o := range objs {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", o.num, offsets[i])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", size+1, size, prev, xref)
	_, err := io.WriteString(s, b.String())
	return err
}

// toUnicode is a ToUnicode map for face f: each glyph the PDF uses from it,
// with the character it stands for in UTF-16 (surrogate pairs included).
func (p *pdfWriter) toUnicode(f face) string {
	runes := slices.Clone(p.fb.runes[f])
	slices.Sort(runes)
	type pair struct {
		gid uint16
		r   rune
	}
	var pairs []pair
	seen := map[uint16]bool{}
	for _, r := range runes {
		if g := p.fb.glyphIndex(f, r); g != 0 && !seen[g] {
			seen[g] = true
			pairs = append(pairs, pair{g, r})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return int(a.gid) - int(b.gid) })
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(pairs) > 0 {
		n := min(len(pairs), 100) // the most a bfchar block may hold
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, pr := range pairs[:n] {
			fmt.Fprintf(&b, "<%04X> <", pr.gid)
			for _, u := range utf16.Encode([]rune{pr.r}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
		pairs = pairs[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.String()
}

// pdfText is s as a PDF text string: UTF-16 with a byte order mark, in hex.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// langTag is what a language tag looks like ("nl", "en-GB").
var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// pdfLang is s when it is a language tag, else "".
func pdfLang(s string) string {
	if langTag.MatchString(s) {
		return s
	}
	return ""
}
