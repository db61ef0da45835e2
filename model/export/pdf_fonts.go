package export

import (
	_ "embed"
	"errors"
	"fmt"
	"sync"
	"unicode"

	"codeberg.org/go-fonts/dejavu/dejavusans"
	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansbolditalic"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"github.com/signintech/gopdf"
	"golang.org/x/image/font/sfnt"
)

// notoEmoji is the monochrome Noto Emoji font cut down to its emoji (see
// fonts/README.md). Liberation and DejaVu lack most emoji, and a PDF can only
// show a character some embedded font has.
//
//go:embed fonts/NotoEmoji-Regular.ttf
var notoEmoji []byte

// face is one of the fonts a PDF embeds. The first four are Liberation Sans
// in its four styles, numbered so that face(style) is the face of a style
// (bit 0 bold, bit 1 italic); the others are fallbacks for the characters
// Liberation lacks.
type face int8

const (
	faceRegular face = iota
	faceBold
	faceItalic
	faceBoldItalic
	faceEmoji   // Noto Emoji: pictographs
	faceSymbols // DejaVu Sans: symbols, scripts and U+FFFD
	numFaces

	noFace face = -1
)

// A style is what a Run asks of its text: bold (bit 0) and italic (bit 1).
type style uint8

const (
	styleBold   style = 1
	styleItalic style = 2
)

func runStyle(bold, italic bool) style {
	var s style
	if bold {
		s |= styleBold
	}
	if italic {
		s |= styleItalic
	}
	return s
}

// pdfFaces lists each face's font. The names carry a subset tag (six
// capitals and "+"), as the PDF standard asks of a font embedded as a
// subset; gopdf writes the family name as the font's name.
var pdfFaces = [numFaces]struct {
	name string
	ttf  []byte
}{
	faceRegular:    {"VBTMAA+LiberationSans", liberationsansregular.TTF},
	faceBold:       {"VBTMAB+LiberationSans-Bold", liberationsansbold.TTF},
	faceItalic:     {"VBTMAC+LiberationSans-Italic", liberationsansitalic.TTF},
	faceBoldItalic: {"VBTMAD+LiberationSans-BoldItalic", liberationsansbolditalic.TTF},
	faceEmoji:      {"VBTMAE+NotoEmoji", notoEmoji},
	faceSymbols:    {"VBTMAF+DejaVuSans", dejavusans.TTF},
}

// parsedFaces parses the fonts once per process, for the glyph look-ups
// that decide which face draws a character.
var parsedFaces = sync.OnceValues(func() ([numFaces]*sfnt.Font, error) {
	var out [numFaces]*sfnt.Font
	for i, f := range pdfFaces {
		sf, err := sfnt.Parse(f.ttf)
		if err != nil {
			return out, fmt.Errorf("font %s: %w", f.name, err)
		}
		out[i] = sf
	}
	return out, nil
})

// lowRunes is how many code points (Latin, Greek, Cyrillic and their
// punctuation) a fontBook caches in arrays rather than maps: nearly every
// character of a Dutch or English export.
const lowRunes = 0x800

// fontBook knows, for one PDF, which face draws each character and how wide
// it is, and keeps gopdf's current font. Measuring goes through gopdf's
// MeasureTextWidth, so that the widths the layout uses are the ones gopdf
// draws with; each character is measured once per face.
type fontBook struct {
	gp  *gopdf.GoPdf
	sf  [numFaces]*sfnt.Font
	buf sfnt.Buffer

	pickLow [4][lowRunes]face // face for style and rune, or unknown
	pick    map[rune]face     // key: rune<<2 | style, for the others

	advLow [numFaces][lowRunes]float32 // advance in 1/1000 em, -1 when not measured yet
	adv    [numFaces]map[rune]float64

	// runes holds, per face, every character measured in it, which is every
	// character gopdf has put in that face's subset.
	runes [numFaces][]rune

	cur     face
	curSize float64
}

// unknown marks a pickLow entry not looked up yet.
const unknown = noFace - 1

func newFontBook(gp *gopdf.GoPdf) (*fontBook, error) {
	sf, err := parsedFaces()
	if err != nil {
		return nil, err
	}
	b := &fontBook{gp: gp, sf: sf, pick: map[rune]face{}, cur: noFace}
	for i, f := range pdfFaces {
		if err := gp.AddTTFFontDataWithOption(f.name, f.ttf, gopdf.TtfOption{
			// The layout never hands a face a character it lacks; should
			// that happen all the same, a visible mark beats a blank.
			OnGlyphNotFoundSubstitute: func(rune) rune { return '?' },
		}); err != nil {
			return nil, fmt.Errorf("font %s: %w", f.name, err)
		}
		b.adv[i] = map[rune]float64{}
		for r := range b.advLow[i] {
			b.advLow[i][r] = -1
		}
	}
	for s := range b.pickLow {
		for r := range b.pickLow[s] {
			b.pickLow[s][r] = unknown
		}
	}
	return b, nil
}

// has reports whether face f has a glyph for r.
func (b *fontBook) has(f face, r rune) bool {
	g, err := b.sf[f].GlyphIndex(&b.buf, r)
	return err == nil && g != 0
}

// faceFor is the face that draws r in style s: Liberation in that style,
// else Noto Emoji, else DejaVu Sans; noFace when none has it.
func (b *fontBook) faceFor(s style, r rune) face {
	if r >= 0 && r < lowRunes {
		if f := b.pickLow[s][r]; f != unknown {
			return f
		}
	} else if f, ok := b.pick[r<<2|rune(s)]; ok {
		return f
	}
	f := noFace
	for _, c := range [...]face{face(s), faceEmoji, faceSymbols} {
		if b.has(c, r) {
			f = c
			break
		}
	}
	if r >= 0 && r < lowRunes {
		b.pickLow[s][r] = f
	} else {
		b.pick[r<<2|rune(s)] = f
	}
	return f
}

// glyph decides how r is drawn in style s after a character drawn in face
// prev: the face and the character to draw (U+FFFD in DejaVu Sans when no
// face has r), or ok false when r is to be left out. Combining marks stay in
// the face of the letter they sit on when it has them. Invisible format
// characters (joiners, variation selectors, direction marks) are kept only
// where the face beside them has them, as in an emoji sequence, and left
// out elsewhere: a replacement mark for something meant to be invisible
// would be wrong. The soft hyphen is left out too, since the layout does not
// hyphenate and fonts draw it as a visible hyphen.
func (b *fontBook) glyph(s style, prev face, r rune) (f face, draw rune, ok bool) {
	if invisible(r) {
		if prev != noFace && r != '\u00AD' && b.has(prev, r) {
			return prev, r, true
		}
		return noFace, 0, false
	}
	if prev != noFace && unicode.In(r, unicode.Mn, unicode.Me) && b.has(prev, r) {
		return prev, r, true
	}
	if f := b.faceFor(s, r); f != noFace {
		return f, r, true
	}
	return faceSymbols, '\uFFFD', true
}

// invisible reports whether r is a format character or variation selector,
// drawn as nothing.
func invisible(r rune) bool {
	return r >= 0x80 && (unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point))
}

// advance is r's width in face f, in thousandths of the font size.
func (b *fontBook) advance(f face, r rune) float64 {
	if r >= 0 && r < lowRunes {
		if w := b.advLow[f][r]; w >= 0 {
			return float64(w)
		}
	} else if w, ok := b.adv[f][r]; ok {
		return w
	}
	w := 0.0
	if err := b.use(f, 1000); err == nil {
		w, err = b.gp.MeasureTextWidth(string(r))
		if err != nil {
			w = 0
		}
	}
	b.runes[f] = append(b.runes[f], r)
	if r >= 0 && r < lowRunes {
		b.advLow[f][r] = float32(w)
	} else {
		b.adv[f][r] = w
	}
	return w
}

// use makes f at size gopdf's current font.
func (b *fontBook) use(f face, size float64) error {
	if f == b.cur && size == b.curSize {
		return nil
	}
	if f < 0 || f >= numFaces {
		return errors.New("pdf: no such font")
	}
	if err := b.gp.SetFont(pdfFaces[f].name, "", size); err != nil {
		return fmt.Errorf("pdf: font %s: %w", pdfFaces[f].name, err)
	}
	b.cur, b.curSize = f, size
	return nil
}

// glyphIndex is r's glyph in face f, 0 when it has none.
func (b *fontBook) glyphIndex(f face, r rune) uint16 {
	g, err := b.sf[f].GlyphIndex(&b.buf, r)
	if err != nil {
		return 0
	}
	return uint16(g)
}
