package importer

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// TestReadRefusesLargeTextEarly: a plain-text file far larger than the text
// limit is refused as too large from its size and first bytes, before it is
// read: a 200 MB file (sparse, text at its start) takes no time, where
// reading and decoding it took seconds and hundreds of MB.
func TestReadRefusesLargeTextEarly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "big.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(strings.Repeat("Ana: we learnt a lot from each other.\n", 100))
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	start := time.Now()
	_, err = Read(path, Options{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "50 MB") {
		t.Errorf("200 MB text file: err = %v, want ErrTooLarge naming the 50 MB limit", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refusing the 200 MB file took %v: it was read", d)
	}
}

// TestReadTextNearLimit: with a limit of 1 MB, a UTF-8 file of 1.5 MB is
// refused early, while a UTF-16 file of 1.6 MB holding 0.8 MB of text and a
// UTF-8 file of 1.1 MB with CR LF line ends (1 MB of text) are read.
func TestReadTextNearLimit(t *testing.T) {
	opts := Options{MaxTextBytes: 1 << 20}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	line := "Ana: we learnt a lot from each other, ja.\r\n"
	crlf := strings.Repeat(line, (1<<20)/(len(line)-1)) // 1 MB of text once CR are gone
	if doc, err := Read(write("crlf.txt", []byte(crlf)), opts); err != nil || len(doc.Text) > 1<<20 {
		t.Errorf("1 MB of text in CR LF lines (%d bytes): %d bytes, %v", len(crlf), len(doc.Text), err)
	}
	if _, err := Read(write("big.txt", bytes.Repeat([]byte("a"), 3<<19)), opts); !errors.Is(err, ErrTooLarge) {
		t.Errorf("1.5 MB UTF-8 text: err = %v, want ErrTooLarge", err)
	}
	text := strings.Repeat("Ana: hallo.\n", (800<<10)/12)
	u16 := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		u16 = append(u16, byte(u), byte(u>>8))
	}
	if doc, err := Read(write("utf16.txt", u16), opts); err != nil || doc.Text != text {
		t.Errorf("UTF-16 file of %d bytes: %d bytes of text, %v; want %d", len(u16), len(doc.Text), err, len(text))
	}
}

// TestDecodeUTF16 compares decodeUTF16 with the standard library's
// decoding on random code units, unpaired surrogates included.
func TestDecodeUTF16(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	units := []uint16{'a', 'é', 0x20AC, 0xD83D, 0xDE00, 0xDC00, 0xDBFF, 0xFFFD, 0}
	for i := range 2000 {
		n := r.IntN(12)
		u := make([]uint16, n)
		for j := range u {
			u[j] = units[r.IntN(len(units))]
		}
		for _, big := range []bool{false, true} {
			var data []byte
			for _, x := range u {
				if big {
					data = append(data, byte(x>>8), byte(x))
				} else {
					data = append(data, byte(x), byte(x>>8))
				}
			}
			want := string(utf16.Decode(u))
			if i%3 == 0 {
				data = append(data, 'x') // a trailing odd byte
				want += "\uFFFD"
			}
			if got := decodeUTF16(data, big); got != want {
				t.Fatalf("units %x (big endian %v): got %q, want %q", u, big, got, want)
			}
		}
	}
}
