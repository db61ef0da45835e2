package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/verbatim/verbatim/model"
)

// memoryBound is the most any single import, rebuild or update within the
// default limits may take, as the process's peak resident memory (issue
// #11, item 7).
const memoryBound = 400 // MB

// memoryStep skips a test outside make memory (which sets
// VERBATIM_MEMORY_TESTS=1), and returns the binary, a bare environment and
// a folder for the test's files.
func memoryStep(t *testing.T) (bin string, env []string, dir string) {
	t.Helper()
	if os.Getenv("VERBATIM_MEMORY_TESTS") == "" {
		t.Skip("the memory step of make test: set VERBATIM_MEMORY_TESTS=1 (make memory)")
	}
	return testBinary(t), bareEnv(t), t.TempDir()
}

// measured runs the binary with args and returns its combined output, its
// peak resident memory in MB and its error. GNU time starts the command
// when it is there: a child of this process would inherit its peak (Linux
// keeps the largest resident size across fork and exec).
func measured(t *testing.T, bin string, env []string, args ...string) (string, float64, error) {
	t.Helper()
	rssFile := filepath.Join(t.TempDir(), "rss")
	var cmd *exec.Cmd
	gnuTime, lookErr := exec.LookPath("time")
	if lookErr == nil {
		cmd = exec.Command(gnuTime, append([]string{"-f", "%M", "-o", rssFile, bin}, args...)...)
	} else {
		cmd = exec.Command(bin, args...)
	}
	cmd.Env = env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	var mb float64
	if lookErr == nil {
		data, rerr := os.ReadFile(rssFile)
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		kb, perr := strconv.ParseFloat(lines[len(lines)-1], 64)
		if rerr != nil || perr != nil {
			t.Fatalf("%s: no peak memory from GNU time: %v %v\n%s", args[0], rerr, perr, out)
		}
		mb = kb / 1024
	} else {
		mb, _ = peakMB(cmd.ProcessState)
	}
	t.Logf("verbatim %s: %.0f MB peak, %v", args[0], mb, time.Since(start).Round(100*time.Millisecond))
	return string(out), mb, err
}

// transcript writes a transcript of about mb MB built from the real
// interviews of ../shared/corpus (speaker turns, repeated) and returns its
// path.
func transcript(t *testing.T, dir string, mb int) string {
	t.Helper()
	corpus := filepath.Join("..", "..", "..", "shared", "corpus", "en")
	files, _ := filepath.Glob(filepath.Join(corpus, "*", "*.txt"))
	more, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	var text bytes.Buffer
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(data)
		text.WriteString("\n\n")
	}
	if text.Len() < 10000 {
		t.Fatalf("too little corpus text in %s: %d bytes", corpus, text.Len())
	}
	path := filepath.Join(dir, "long.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	for written := 0; written < mb<<20; written += text.Len() {
		f.Write(text.Bytes())
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMemoryLongTranscript: importing a transcript of 45 MB, building its
// index, auto-coding 675 of its turns, the index's catch-up after undoing
// that, and the catch-up after an auto-coding killed while it updated the
// index, each stay under memoryBound. Before, the index build took 5.3 GB.
// The index build takes most of its time (about 80 s of processor time);
// the auto-coding and the catch-ups re-index only the passages they changed
// (each new process reads the passages' hashes from the index).
// make test runs it, once, as its own step (make memory, which sets
// VERBATIM_MEMORY_TESTS=1); the race step and plain go test skip it.
func TestMemoryLongTranscript(t *testing.T) {
	bin, env, dir := memoryStep(t)
	proj := filepath.Join(dir, "long.verbatim")
	if out, err := run(bin, env, "new", proj, "--lang", "en"); err != nil {
		t.Fatalf("new: %v\n%s", err, out)
	}
	file := transcript(t, dir, 45)
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"import", proj, file}, "1 imported"},
		{[]string{"search", proj, "course"}, ""},      // builds the index
		{[]string{"code", "add", proj, "Assign"}, ""}, // (not measured)
		{[]string{"autocode", proj, "assignments", "--code", "Assign", "--unit", "turn"}, "coded"},
		{[]string{"undo", proj}, "undone"},
		{[]string{"search", proj, "assignments"}, ""}, // the catch-up
	}
	for _, s := range steps {
		out, mb, err := measured(t, bin, env, s.args...)
		if err != nil || !strings.Contains(out, s.want) {
			t.Fatalf("%s: %v\n%s", strings.Join(s.args, " "), err, out)
		}
		if mb > memoryBound {
			t.Errorf("%s: peak memory %.0f MB, want under %d MB", s.args[0], mb, memoryBound)
		}
	}

	// Killed while it brings the index up to date after coding: the next
	// process catches up from what reached the index, within the bound,
	// and finds what the project holds.
	autocode := exec.Command(bin, "autocode", proj, "assignments", "--code", "Assign", "--unit", "turn")
	autocode.Env = env
	if err := autocode.Start(); err != nil {
		t.Fatal(err)
	}
	coded := func() int {
		out, err := run(bin, env, "codings", proj, "--code", "Assign", "--json")
		var list []struct{ ID int64 }
		if err != nil || json.Unmarshal(out, &list) != nil {
			t.Fatalf("codings: %v\n%s", err, out)
		}
		return len(list)
	}
	// The codings are committed before the index is updated.
	for deadline := time.Now().Add(5 * time.Minute); coded() == 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	autocode.Process.Kill()
	autocode.Wait()
	want := coded()
	if want == 0 {
		t.Fatal("autocode coded nothing before it was killed")
	}
	out, mb, err := measured(t, bin, env, "search", proj, "code:Assign", "--json")
	var hits []json.RawMessage // with --json, every hit
	if err != nil || json.Unmarshal([]byte(out), &hits) != nil {
		t.Fatalf("search after the kill: %v\n%s", err, out)
	}
	if len(hits) != want {
		t.Errorf("after autocode was killed: the index finds %d passages coded Assign, the project has %d", len(hits), want)
	}
	if mb > memoryBound {
		t.Errorf("search after autocode was killed: peak memory %.0f MB, want under %d MB", mb, memoryBound)
	}
}

// TestMemoryLargeExchange: exporting a project of 1,000 transcripts of
// 10,000 characters with 100,000 codings as REFI-QDA (a 32 MB archive whose
// XML is 59 MB), and making a new project of that file, each stay under
// memoryBound. The import took 617 MB: it held every source's text at once,
// and the garbage collector let the heap grow to twice what was live.
func TestMemoryLargeExchange(t *testing.T) {
	bin, env, dir := memoryStep(t)
	proj := filepath.Join(dir, "large.verbatim")
	largeProject(t, proj, 1000, 10000, 100000)
	qdpx := filepath.Join(dir, "large.qdpx")
	for _, args := range [][]string{
		{"export", proj, "--format", "qdpx", "-o", qdpx},
		{"import-qdpx", filepath.Join(dir, "again.verbatim"), qdpx},
	} {
		out, mb, err := measured(t, bin, env, args...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
		if args[0] == "import-qdpx" && !strings.Contains(out, "100000 added") {
			t.Errorf("import-qdpx: not every coding added:\n%s", out)
		}
		if mb > memoryBound {
			t.Errorf("%s: peak memory %.0f MB, want under %d MB", args[0], mb, memoryBound)
		}
	}
}

// largeProject makes a project of docs transcripts of about runes
// characters each (a real interview of ../shared/corpus, repeated), and
// codings codings over 50 codes, each with a memo, by three coders.
func largeProject(t *testing.T, path string, docs, runes, codings int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "en", "sheffield_orda", "Ana.txt"))
	if err != nil {
		t.Skipf("the corpus is not there: %v", err)
	}
	text := []rune(strings.ReplaceAll(string(data), "\r\n", "\n"))
	for len(text) < runes {
		text = append(text, text...)
	}
	ctx := context.Background()
	p, err := model.Create(ctx, path, "en")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var codes []int64
	for i := range 50 {
		c, err := p.AddCode(ctx, 0, fmt.Sprintf("code %d", i), "", fmt.Sprintf("what code %d means", i))
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, c.ID)
	}
	nds := make([]model.NewDocument, docs)
	for i := range nds {
		nds[i] = model.NewDocument{Name: fmt.Sprintf("interview %d.txt", i), Format: "txt",
			Text: fmt.Sprintf("Interview %d\n", i) + string(text[:runes])}
	}
	imported, err := p.ImportDocuments(ctx, nds)
	if err != nil {
		t.Fatal(err)
	}
	cs := make([]model.NewCoding, codings)
	for i := range cs {
		start := (i * 7919) % (runes - 200)
		cs[i] = model.NewCoding{Span: model.Span{DocID: imported[i%docs].ID, Start: start, End: start + 40 + i%150},
			CodeID: codes[i%len(codes)], Coder: fmt.Sprintf("coder %d", i%3), Memo: fmt.Sprintf("memo %d", i)}
	}
	if _, err := p.AddCodings(ctx, cs); err != nil {
		t.Fatal(err)
	}
}

// TestMemoryTooLarge: a PDF of 408 KB whose page inflates to 400 MB (it
// took 2.3 GB), one of 1.5 MB inflating to 1.5 GB, and a text file of 200 MB
// are refused as too large, early: in little memory and time.
func TestMemoryTooLarge(t *testing.T) {
	bin := testBinary(t)
	env := bareEnv(t)
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.verbatim")
	if out, err := run(bin, env, "new", proj); err != nil {
		t.Fatalf("new: %v\n%s", err, out)
	}
	bomb := filepath.Join(dir, "bomb.pdf")
	bigBomb := filepath.Join(dir, "bigger-bomb.pdf")
	text := filepath.Join(dir, "huge.txt")
	if err := os.WriteFile(bomb, bombPDF(400), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bigBomb, bombPDF(1500), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(text)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(strings.Repeat("Ana: we learnt a lot from each other.\n", 1000))
	if err := f.Truncate(200 << 20); err != nil { // sparse: no 200 MB on disk
		t.Fatal(err)
	}
	f.Close()
	for _, file := range []string{bomb, bigBomb, text} {
		st, _ := os.Stat(file)
		out, mb, err := measured(t, bin, env, "import", proj, file)
		if err == nil || !strings.Contains(out, "too large") {
			t.Errorf("%s (%d KB): %v, want refused as too large\n%s", filepath.Base(file), st.Size()>>10, err, out)
		}
		if mb > 150 {
			t.Errorf("%s: peak memory %.0f MB refusing it, want under 150 MB", filepath.Base(file), mb)
		}
	}
}

// bombPDF returns a one-page PDF whose content stream inflates to mb MB of
// spaces after a line of text. The stream is written by hand (a
// fixed-Huffman block of copies of 258 bytes): compressing hundreds of MB
// would take the test seconds.
func bombPDF(mb int) []byte {
	head := "BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n"
	n := mb << 20
	z := []byte{0x78, 0x01}
	var acc uint64
	var nbits uint
	code := func(v uint64, n uint) { // most significant bit first
		for i := int(n) - 1; i >= 0; i-- {
			acc |= (v >> uint(i) & 1) << nbits
			if nbits++; nbits == 8 {
				z = append(z, byte(acc))
				acc, nbits = 0, 0
			}
		}
	}
	literal := func(b byte) { code(0x30+uint64(b), 8) } // bytes below 144
	code(0b110, 3)                                      // the final block (1), fixed codes (01, least significant bit first)
	for i := range len(head) {
		literal(head[i])
	}
	literal(' ')
	left := n - 1
	for ; left >= 258; left -= 258 {
		code(0xC5, 8) // length 258
		code(0, 5)    // distance 1
	}
	for ; left > 0; left-- {
		literal(' ')
	}
	code(0, 7) // end of block
	if nbits > 0 {
		z = append(z, byte(acc))
	}
	z = binary.BigEndian.AppendUint32(z, 0) // checksum not checked: the reader stops sooner
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(z), z),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// TestBombPDF checks the hand-written stream: it inflates to its head and
// the spaces.
func TestBombPDF(t *testing.T) {
	pdf := bombPDF(1)
	start := bytes.Index(pdf, []byte("stream\n")) + len("stream\n")
	zr, err := zlib.NewReader(bytes.NewReader(pdf[start:]))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	got.ReadFrom(zr) // ends with a checksum error: the checksum is left 0
	want := "BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n" + strings.Repeat(" ", 1<<20)
	if got.String() != want {
		t.Errorf("inflated to %d bytes, want %d", got.Len(), len(want))
	}
}
