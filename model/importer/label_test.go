package importer

import (
	"testing"
	"time"
)

func TestParseLabel(t *testing.T) {
	tests := []struct {
		line    string
		ok      bool
		name    string
		content string
		begin   time.Duration
	}{
		{"Ana: Yes, I am.", true, "Ana", "Yes, I am.", -1},
		{"Researcher 1: Perfect.", true, "Researcher 1", "Perfect.", -1},
		{"ANA: Yes.", true, "ANA", "Yes.", -1},
		{"Max Bigman:         And I keep", true, "Max Bigman", "And I keep", -1},
		{"admin-1:     Sure.", true, "admin-1", "Sure.", -1},
		{"[id1] hello, I like", true, "id1", "hello, I like", -1},
		{"[Ana]: hello", true, "Ana", "hello", -1},
		{"Ana [00:01:02]: Hello", true, "Ana", "Hello", time.Minute + 2*time.Second},
		{"Ana (1:02): Hello", true, "Ana", "Hello", time.Minute + 2*time.Second},
		{"S01: [00:00:12] Guten Tag", true, "S01", "Guten Tag", 12 * time.Second},
		{"[00:01:02] Ana: Hi", true, "Ana", "Hi", time.Minute + 2*time.Second},
		{"Jan de Vries  0:02", true, "Jan de Vries", "", 2 * time.Second},
		{"**Ana:** Hello", true, "Ana", "Hello", -1},
		{"**Ana**: Hello", true, "Ana", "Hello", -1},
		{"Interviewer:", true, "Interviewer", "", -1},
		{"Café Noël: ça va", true, "Café Noël", "ça va", -1},
		{"Dr. O’Brien: yes", true, "Dr. O’Brien", "yes", -1},
		{"Punt twee: dit is geen spreker", true, "Punt twee", "dit is geen spreker", -1},
		{"[inaudible] words", false, "", "", -1},
		{"[00:01:02] and then", false, "", "", -1},
		{"12-May-2023 - 10:36 - 1h09m31s – Ana", false, "", "", -1},
		{"Date: 3 May 2023", false, "", "", -1},
		{"See http://example.org", false, "", "", -1},
		{"http://example.org", false, "", "", -1},
		{"This is a much longer sentence: not a label", false, "", "", -1},
		{"10:36 meeting", false, "", "", -1},
		{"", false, "", "", -1},
		{"Ana:no space", false, "", "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			l, ok := parseLabel(tt.line)
			if ok != tt.ok {
				t.Fatalf("parseLabel(%q) ok = %v, want %v (got %+v)", tt.line, ok, tt.ok, l)
			}
			if !ok {
				return
			}
			if l.name != tt.name || tt.line[l.content:] != tt.content {
				t.Errorf("got name %q content %q, want %q %q", l.name, tt.line[l.content:], tt.name, tt.content)
			}
			if tt.begin >= 0 && (!l.hasTime || l.begin != tt.begin) {
				t.Errorf("got time %v (%v), want %v", l.begin, l.hasTime, tt.begin)
			}
			if tt.begin < 0 && l.hasTime {
				t.Errorf("got time %v, want none", l.begin)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		n    int
		ok   bool
	}{
		{"00:00:08.900", 8900 * time.Millisecond, 12, true},
		{"00:00:08,900 -->", 8900 * time.Millisecond, 12, true},
		{"01:02.5", time.Minute + 2500*time.Millisecond, 7, true},
		{"[01:02:03]", time.Hour + 2*time.Minute + 3*time.Second, 10, true},
		{"(1:02)", time.Minute + 2*time.Second, 6, true},
		{"1:2", 0, 0, false},
		{"[00:01:02", 0, 0, false},
		{"10", 0, 0, false},
		{"00:61", 0, 0, false},
	}
	for _, tt := range tests {
		d, n, ok := parseClock(tt.in)
		if ok != tt.ok || ok && (d != tt.want || n != tt.n) {
			t.Errorf("parseClock(%q) = %v, %d, %v; want %v, %d, %v", tt.in, d, n, ok, tt.want, tt.n, tt.ok)
		}
	}
}
