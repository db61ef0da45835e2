package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pdfTool runs one of poppler's tools and returns what it prints; the test
// is skipped when poppler-utils is not installed.
func pdfTool(t testing.TB, name string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (Debian: apt-get install poppler-utils)", name)
	}
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, ee.Stderr)
		}
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}

// pdfFile writes d as a PDF in a temporary folder.
func pdfFile(t testing.TB, d *Doc) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.pdf")
	if err := WriteFile(context.Background(), path, PDF, d); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfPages is the text pdftotext finds on each page.
func pdfPages(t testing.TB, path string) []string {
	t.Helper()
	text := pdfTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	return strings.Split(strings.TrimSuffix(text, "\f"), "\f")
}

var pageNumberLine = regexp.MustCompile(`(?m)^\d+ ?/ ?\d+\n*\z`)

// pdfBody is the text of the pages without their page numbers, which
// pdftotext puts between the last line of a page and the first of the next.
func pdfBody(pages []string) string {
	var b strings.Builder
	for _, p := range pages {
		b.WriteString(pageNumberLine.ReplaceAllString(strings.TrimSpace(p)+"\n", ""))
		b.WriteString("\n")
	}
	return b.String()
}

// pdfInfo is one field of what pdfinfo prints.
func pdfInfo(t testing.TB, path, field string) string {
	t.Helper()
	info := pdfTool(t, "pdfinfo", "-enc", "UTF-8", path)
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(field) + `:\s+(.*)$`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo shows no %s:\n%s", field, info)
	}
	return m[1]
}

// squeeze drops all white space, since pdftotext breaks lines where the
// layout wrapped them.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func TestPDFSample(t *testing.T) {
	path := pdfFile(t, sampleDoc(t))
	text := pdfBody(pdfPages(t, path))
	flat := squeeze(text)
	for _, want := range sampleStrings {
		if !strings.Contains(flat, squeeze(want)) {
			t.Errorf("pdftotext lost %q; got:\n%s", want, text)
		}
	}
	for _, emoji := range []string{"😀", "🙂"} {
		if !strings.Contains(text, emoji) {
			t.Errorf("pdftotext gives no %s; got:\n%s", emoji, text)
		}
	}
	// Reading order: the blocks come out in the order of the Doc.
	last := -1
	for _, want := range []string{"Principes", "Deelwatjeleert", "Deelnemersdelen", "Ikdeeldaar", "SannedeVries", "Subcode:olievlek", "Derdeniveau", "Citaten", "Slot:einde"} {
		i := strings.Index(flat, want)
		if i < last {
			t.Errorf("%q comes out before what precedes it in the Doc; got:\n%s", want, text)
		}
		last = max(last, i)
	}

	fonts := pdfTool(t, "pdffonts", path)
	rows := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(rows) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", fonts)
	}
	for _, row := range rows[2:] {
		f := strings.Fields(row)
		// name type... encoding emb sub uni object ID: emb is the fifth field from the end.
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s\n%s", row, fonts)
		}
	}

	if got, want := pdfInfo(t, path, "Title"), "Principes — “Slimmernetwerk” ’14"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got, want := pdfInfo(t, path, "Page size"), "595.28 x 841.89 pts (A4)"; got != want {
		t.Errorf("page size %q, want %q", got, want)
	}
	pdfCheckPicture(t, path)
}

// pdfCheckPicture renders page 1 as pdftoppm sees it and checks it is not
// blank; the PNG stays in the test's folder (set PDF_PAGE_PNG to keep a
// copy for a look).
func pdfCheckPicture(t *testing.T, path string) {
	t.Helper()
	prefix := filepath.Join(filepath.Dir(path), "page")
	pdfTool(t, "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", path, prefix)
	matches, _ := filepath.Glob(prefix + "*.png")
	if len(matches) != 1 {
		t.Fatalf("pdftoppm made %v", matches)
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("PDF_PAGE_PNG"); keep != "" {
		os.WriteFile(keep, data, 0o644)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	dark := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0xc000 {
				dark++
			}
		}
	}
	if total := b.Dx() * b.Dy(); dark < total/200 {
		t.Errorf("page 1 is nearly blank: %d of %d pixels drawn", dark, total)
	}
}

func TestPDFEmoji(t *testing.T) {
	const emoji = "😀 😊 ❤ 👍 🎉 ✅ 🙂 🤔 💡 🚀 ❤️ 👍🏽"
	path := pdfFile(t, &Doc{Title: "Emoji 🚀", Blocks: []Block{Text(emoji)}})
	text := pdfTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	for _, e := range strings.Fields(emoji) {
		if !strings.Contains(text, e) {
			t.Errorf("pdftotext gives no %s (%+q); got %q", e, e, text)
		}
	}
	if got, want := pdfInfo(t, path, "Title"), "Emoji 🚀"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
}

func TestPDFFaces(t *testing.T) {
	fb := pdfTestFontBook(t)
	for _, tc := range []struct {
		r    rune
		s    style
		want face
	}{
		{'e', 0, faceRegular},
		{'é', styleBold, faceBold},
		{'€', styleItalic, faceItalic},
		{'’', styleBold | styleItalic, faceBoldItalic},
		{'😀', 0, faceEmoji},
		{'👍', styleBold, faceEmoji},
		{'🚀', 0, faceEmoji},
		{'★', 0, faceSymbols},
		{'✓', 0, faceSymbols},
		{'\uFFFD', 0, faceSymbols},
		{'\uE000', 0, noFace},
		{0x10FFFD, 0, noFace},
	} {
		if got := fb.faceFor(tc.s, tc.r); got != tc.want {
			t.Errorf("faceFor(%d, %q) = %d, want %d", tc.s, tc.r, got, tc.want)
		}
	}
	if f, r, ok := fb.glyph(0, faceRegular, '\uE000'); f != faceSymbols || r != '\uFFFD' || !ok {
		t.Errorf("a character no font has: got %d %q %v, want U+FFFD in DejaVu", f, r, ok)
	}
	if _, _, ok := fb.glyph(0, faceRegular, '\u00AD'); ok {
		t.Error("a soft hyphen is drawn")
	}
	if f, _, ok := fb.glyph(0, faceEmoji, '\uFE0F'); f != faceEmoji || !ok {
		t.Errorf("a variation selector after an emoji: got %d %v, want it in the emoji face", f, ok)
	}
}

func pdfTestFontBook(t *testing.T) *fontBook {
	t.Helper()
	p, err := newPDFWriter(context.Background(), &Doc{})
	if err != nil {
		t.Fatal(err)
	}
	return p.fb
}

func TestPDFMissingGlyphs(t *testing.T) {
	path := pdfFile(t, &Doc{Blocks: []Block{Text("privé \uE000 en \U0010FFFD einde")}})
	text := pdfTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	if got := squeeze(text); !strings.Contains(got, "privé\uFFFDen\uFFFDeinde") {
		t.Errorf("got %q, want U+FFFD for characters no font has", got)
	}
}

// pdfWords are the words pdftotext finds, with where they sit.
type pdfWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
	page                   int
}

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

func pdfWordBoxes(t *testing.T, path string) []pdfWord {
	t.Helper()
	html := pdfTool(t, "pdftotext", "-enc", "UTF-8", "-bbox", path, "-")
	var out []pdfWord
	for i, page := range strings.Split(html, "<page ")[1:] {
		for _, m := range bboxWord.FindAllStringSubmatch(page, -1) {
			w := pdfWord{text: m[5], page: i + 1}
			w.xMin, _ = strconv.ParseFloat(m[1], 64)
			w.yMin, _ = strconv.ParseFloat(m[2], 64)
			w.xMax, _ = strconv.ParseFloat(m[3], 64)
			w.yMax, _ = strconv.ParseFloat(m[4], 64)
			out = append(out, w)
		}
	}
	return out
}

func TestPDFLongWordWraps(t *testing.T) {
	long := strings.Repeat("abcdefghij", 500)
	d := &Doc{Blocks: []Block{
		Text("Voor " + long + " na"),
		&Heading{Level: 1, Text: long[:300]},
		&Quote{Text: long[:700], Attribution: long[:200]},
		&Table{Columns: []Column{{Title: "Code"}, {Title: "Citaat", Width: 3}}, Rows: [][]Cell{{TextCell(long[:400]), TextCell(long)}}},
	}}
	path := pdfFile(t, d)
	for _, w := range pdfWordBoxes(t, path) {
		if w.xMin < pageMargin-1 || w.xMax > a4Width-pageMargin+1 || w.yMax > a4Height-pageMargin+1 && !isPageNumber(w.text) {
			t.Fatalf("%q on page %d runs off the text area: x %.1f–%.1f, y up to %.1f", w.text, w.page, w.xMin, w.xMax, w.yMax)
		}
	}
	body := pdfBody(pdfPages(t, path))
	if !strings.Contains(squeeze(body), "Voor"+long+"na") {
		t.Error("the paragraph's long word does not come back whole")
	}
	// The cell's lines come back between the other cell's and the header's
	// on every page: count its letters.
	if got, want := strings.Count(body, "j"), 500+30+70+20+40+500; got != want {
		t.Errorf("%d times j, want %d", got, want)
	}
}

func isPageNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil || s == "/"
}

func TestPDFTableAcrossPages(t *testing.T) {
	var rows [][]Cell
	for i := range 120 {
		rows = append(rows, []Cell{NumberCell(i + 1), {Text: "Deel wat je leert", Fill: "#56B4E9"}, TextCell(pdfDutch(rand.New(rand.NewPCG(1, uint64(i))), 40))})
	}
	// A row taller than a page, which must be split between lines.
	huge := strings.TrimSpace(strings.Repeat("lang citaat dat niet op een pagina past ", 400))
	rows = append(rows, []Cell{NumberCell(121), TextCell("lang"), TextCell(huge + " EINDE")})
	rows = append(rows, []Cell{NumberCell(122), TextCell("laatste"), TextCell("laatste rij")})
	d := &Doc{Blocks: []Block{&Table{Name: "Citaten", Columns: []Column{{Title: "Nr."}, {Title: "Code", Width: 2}, {Title: "Citaat", Width: 6}}, Rows: rows}}}
	path := pdfFile(t, d)
	pages := pdfPages(t, path)
	if len(pages) < 4 {
		t.Fatalf("%d pages, want the table to fill several", len(pages))
	}
	for i, page := range pages {
		if !strings.Contains(page, "Citaat") || !strings.Contains(page, "Nr.") {
			t.Errorf("page %d has no header row:\n%s", i+1, page)
		}
	}
	flat := squeeze(pdfBody(pages))
	if got := strings.Count(flat, "pagina"); got != 400 {
		t.Errorf("the split row lost text: %d of 400 repeats", got)
	}
	if !strings.Contains(flat, "EINDE") || !strings.Contains(flat, "laatsterij") {
		t.Error("the rows after the split row are missing")
	}
	// Nothing is drawn below the text area but the page number.
	for _, w := range pdfWordBoxes(t, path) {
		if w.yMax > a4Height-pageMargin+1 && !isPageNumber(w.text) {
			t.Fatalf("%q on page %d runs into the bottom margin (y %.1f)", w.text, w.page, w.yMax)
		}
	}
}

func TestPDFHeadingKeptWithNext(t *testing.T) {
	// Fill a page to a little above its foot, in steps, so that one of the
	// headings lands where only it would fit.
	for n := 30; n < 48; n++ {
		var blocks []Block
		for i := range n {
			blocks = append(blocks, Text(fmt.Sprintf("Regel %d.", i)))
		}
		blocks = append(blocks, &Heading{Level: 2, Text: "Kopje onderaan", Color: "#E69F00"}, Text("Eerste alinea na het kopje."))
		pages := pdfPages(t, pdfFile(t, &Doc{Blocks: blocks}))
		for i, page := range pages {
			if strings.Contains(page, "Kopje onderaan") && !strings.Contains(page, "Eerste alinea") {
				t.Fatalf("%d lines: the heading sits alone at the bottom of page %d", n, i+1)
			}
		}
	}
}

func TestPDFLandscape(t *testing.T) {
	path := pdfFile(t, &Doc{Title: "Breed", Landscape: true, Blocks: []Block{Text("tekst")}})
	if got, want := pdfInfo(t, path, "Page size"), "841.89 x 595.28 pts (A4)"; got != want {
		t.Errorf("page size %q, want %q", got, want)
	}
}

func TestPDFPageNumbers(t *testing.T) {
	var blocks []Block
	for i := range 150 {
		blocks = append(blocks, Text(fmt.Sprintf("Alinea %d met wat tekst.", i)))
	}
	pages := pdfPages(t, pdfFile(t, &Doc{Blocks: blocks}))
	for i, page := range pages {
		if want := fmt.Sprintf("%d/%d", i+1, len(pages)); !strings.Contains(squeeze(page), want) {
			t.Errorf("page %d has no %q", i+1, want)
		}
	}
}

func TestPDFCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Write(ctx, &bytes.Buffer{}, PDF, pdfQuoteTable(600))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// cancelAfter is a context that reports being cancelled from its n-th
// question on, to cancel a writer in the middle of its work.
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	if c.n--; c.n <= 0 {
		return context.Canceled
	}
	return nil
}

func TestPDFCancelInTable(t *testing.T) {
	// The first question comes before the table, the second a few hundred
	// rows into it.
	err := Write(&cancelAfter{Context: context.Background(), n: 2}, &bytes.Buffer{}, PDF, pdfQuoteTable(2000))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestPDFEmpty(t *testing.T) {
	for _, d := range []*Doc{{}, {Blocks: []Block{&Table{}, &Paragraph{}, &Quote{}, &Heading{}}}} {
		pages := pdfPages(t, pdfFile(t, d))
		if len(pages) != 1 || squeeze(pages[0]) != "1/1" {
			t.Errorf("got %q, want one page with only its number", pages)
		}
	}
}

// pdfFullDisk takes n bytes and then fails, as a full disk does.
type pdfFullDisk struct{ n int }

func (w *pdfFullDisk) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errors.New("no space left on device")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestPDFWriteError(t *testing.T) {
	// gopdf drops write errors; the writer must not.
	for _, n := range []int{0, 100, 20000} {
		if err := Write(context.Background(), &pdfFullDisk{n: n}, PDF, sampleDoc(t)); err == nil {
			t.Errorf("after %d bytes: no error", n)
		}
	}
}

func TestPDFBadImage(t *testing.T) {
	d := &Doc{Blocks: []Block{&Image{Alt: "kapotte grafiek", PNG: []byte("geen png")}, Text("verder")}}
	text := pdfTool(t, "pdftotext", "-enc", "UTF-8", pdfFile(t, d), "-")
	if !strings.Contains(text, "[kapotte grafiek]") || !strings.Contains(text, "verder") {
		t.Errorf("got %q", text)
	}
}

func TestPDFColumnWidths(t *testing.T) {
	for _, tc := range []struct {
		cols []Column
		want []float64
	}{
		{[]Column{{}, {Width: 2}, {Width: 5}, {}}, []float64{100, 200, 500, 100}},
		{[]Column{{}, {}}, []float64{450, 450}},
		{[]Column{{Width: 0.5}, {}, {}}, []float64{450, 225, 225}},
		// A negative width counts as none; a huge one is capped (columnShares).
		{[]Column{{Width: -1}, {Width: 1e300}}, []float64{0.0009, 899.9991}},
	} {
		got := pdfColumnWidths(tc.cols, 900)
		for i := range got {
			if d := got[i] - tc.want[i]; d > 0.01 || d < -0.01 {
				t.Errorf("pdfColumnWidths(%v) = %v, want %v", tc.cols, got, tc.want)
				break
			}
		}
	}
}

var pdfDutchWords = strings.Fields("ik denk dat we daar eigenlijk nog niet helemaal uit zijn maar de samenwerking met de gemeente " +
	"loopt goed en iedereen deelt wat hij leert ook als het nog niet af is café coöperatie € netwerk " +
	"bewoners vertrouwen “echt” zo’n initiatief olievlek werkt alleen als mensen het zelf willen")

// pdfDutch makes n words of Dutch-looking interview text.
func pdfDutch(r *rand.Rand, n int) string {
	words := pdfDutchWords
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[r.IntN(len(words))])
	}
	b.WriteByte('.')
	return b.String()
}

// pdfQuoteTable is the quote table of n quotes of about 40 words.
func pdfQuoteTable(n int) *Doc {
	r := rand.New(rand.NewPCG(20000, 1))
	codes := []string{"Deel wat je leert", "Vertrek vanuit motivatie", "Subcode: olievlek", "Vertrouwen"}
	fills := []string{"#56B4E9", "#E69F00", "#009E73", "#CC79A7"}
	rows := make([][]Cell, n)
	for i := range rows {
		c := i % len(codes)
		rows[i] = []Cell{
			NumberCell(i + 1),
			{Text: codes[c], Fill: fills[c]},
			TextCell(pdfDutch(r, 36+r.IntN(9))),
			TextCell(fmt.Sprintf("Interview %d", 1+i%40)),
			TextCell(fmt.Sprintf("00:%02d:%02d", i/60%60, i%60)),
		}
	}
	return &Doc{
		Title:    "Gecodeerde citaten",
		Subtitle: fmt.Sprintf("%d citaten", n),
		Lang:     "nl",
		Blocks: []Block{&Table{Name: "Citaten", Columns: []Column{
			{Title: "Nr."}, {Title: "Code", Width: 2}, {Title: "Citaat", Width: 6}, {Title: "Document", Width: 1.5}, {Title: "Positie", Width: 1.2},
		}, Rows: rows}},
	}
}

// pdfCounter counts the bytes and the pages of a PDF as it goes by.
type pdfCounter struct {
	n     int64
	pages int
}

var pageObject = []byte("/Type /Page\n")

func (c *pdfCounter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	if len(p) < 64 {
		c.pages += bytes.Count(p, pageObject)
	}
	return len(p), nil
}

func BenchmarkPDF20000(b *testing.B) {
	d := pdfQuoteTable(20000)
	b.ResetTimer()
	for b.Loop() {
		var c pdfCounter
		if err := Write(context.Background(), &c, PDF, d); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(c.n)/1e6, "MB")
		b.ReportMetric(float64(c.pages), "pages")
	}
}

func FuzzPDF(f *testing.F) {
	f.Add("gewone tekst met é ë ’ “ € 😀")
	f.Add("\x00\x01\x1b[31m\r\n\t\x7f\u2028\u202e\ufeff\u00ad\u200d\ufe0f")
	f.Add("\xff\xfe\xed\xa0\x80\xed\xbf\xbf ongeldig \xc3")
	f.Add(strings.Repeat("x", 100000))
	f.Add(strings.Repeat("😀", 20000))
	f.Add(strings.Repeat("e\u0301", 5000))
	f.Add(strings.Repeat("\n", 3000))
	f.Fuzz(func(t *testing.T, s string) {
		d := &Doc{Title: s, Subtitle: s, Blocks: []Block{
			&Heading{Level: len(s) % 5, Text: s, Color: "#123456"},
			&Paragraph{Runs: []Run{{Text: s, Bold: true}, {Text: s, Italic: true}}},
			&Quote{Text: s, Attribution: s, Key: true},
			&Table{Name: s, Columns: []Column{{Title: s}, {Title: "b", Width: 3}}, Rows: [][]Cell{{TextCell(s), {Text: s, Numeric: true, Fill: "#000000", Bold: true}}}},
			&Image{Alt: s, PNG: []byte(s)},
		}}
		var out bytes.Buffer
		if err := Write(context.Background(), &out, PDF, d); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(out.Bytes()), []byte("%%EOF")) {
			t.Fatalf("not a PDF: starts %q, ends %q", out.Bytes()[:min(out.Len(), 10)], out.Bytes()[max(0, out.Len()-10):])
		}
	})
}
