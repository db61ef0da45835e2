package importer

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDump(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip()
	}
	doc, err := Read(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := []rune(doc.Text)
	fmt.Println("format", doc.Format, "runes", len(r), "turns", len(doc.Turns), "attrs", doc.Attributes)
	n := 0
	for _, tr := range doc.Turns {
		s := string(r[tr.Start:tr.End])
		if len(s) > 90 {
			s = s[:60] + " … " + s[len(s)-25:]
		}
		if n < 40 || os.Getenv("ALL") != "" {
			fmt.Printf("[%d,%d) %q t=%v %v-%v | %s\n", tr.Start, tr.End, tr.Speaker, tr.HasTime, tr.Begin, tr.Until, strings.ReplaceAll(s, "\n", "⏎"))
		}
		n++
	}
	sp := map[string]int{}
	for _, tr := range doc.Turns {
		sp[tr.Speaker]++
	}
	fmt.Println(sp)
}
