package assets

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var hexColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

func TestCodebook(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			codes := Codebook(lang)
			if len(codes) != 6 {
				t.Fatalf("got %d codes, want 6", len(codes))
			}
			names := map[string]bool{}
			colors := map[string]bool{}
			for i, c := range codes {
				if strings.TrimSpace(c.Name) == "" || strings.TrimSpace(c.Description) == "" {
					t.Errorf("code %d: got name %q, description %q, want both non-empty", i, c.Name, c.Description)
				}
				if strings.Contains(c.Description, "\n") {
					t.Errorf("code %d: description %q spans lines, want one line", i, c.Description)
				}
				if names[c.Name] {
					t.Errorf("code %d: name %q appears twice", i, c.Name)
				}
				names[c.Name] = true
				if !hexColor.MatchString(c.Color) {
					t.Errorf("code %d: got colour %q, want #RRGGBB", i, c.Color)
					continue
				}
				if colors[strings.ToUpper(c.Color)] {
					t.Errorf("code %d: colour %s appears twice", i, c.Color)
				}
				colors[strings.ToUpper(c.Color)] = true
				// A translucent highlight must show on white and on a dark theme: neither
				// near-black nor near-white.
				if l := luminance(c.Color); l < 0.1 || l > 0.85 {
					t.Errorf("code %d: colour %s has luminance %.2f, want 0.1–0.85", i, c.Color, l)
				}
			}
		})
	}
}

func TestCodebookOrderAndLanguages(t *testing.T) {
	nl, en := Codebook("nl"), Codebook("en")
	if nl[0].Name != "Doorbreek patronen door nieuwe verbindingen te leggen" ||
		nl[5].Name != "Leer van slagen en falen" {
		t.Errorf("got Dutch codes %q … %q, want the article's order", nl[0].Name, nl[5].Name)
	}
	for i := range nl {
		if nl[i].Color != en[i].Color {
			t.Errorf("code %d: got colour %s in Dutch and %s in English, want one colour", i, nl[i].Color, en[i].Color)
		}
		if nl[i].Name == en[i].Name || nl[i].Description == en[i].Description {
			t.Errorf("code %d: Dutch and English text are the same (%q), want a translation", i, nl[i].Name)
		}
	}
	for _, lang := range []string{"", "de", "EN"} {
		if got := Codebook(lang); got[0] != en[0] {
			t.Errorf("Codebook(%q)[0] = %q, want the English %q", lang, got[0].Name, en[0].Name)
		}
	}
	nl[0].Name = "changed"
	if Codebook("nl")[0].Name == "changed" {
		t.Error("changing a returned code changed the codebook, want a copy per call")
	}
}

// luminance returns the relative luminance (WCAG) of a #RRGGBB colour.
func luminance(hex string) float64 {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	channel := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(v>>16&0xFF) + 0.7152*channel(v>>8&0xFF) + 0.0722*channel(v&0xFF)
}

// interviews lists both versions of the demo interview with the words that show each principle
// comes up: every principle's keywords must all occur (case-insensitive), in the article's order.
var interviews = []struct {
	lang     string
	get      func() (string, string)
	speakers []string
	keywords [6][]string
}{
	{
		lang:     "nl",
		get:      DemoInterview,
		speakers: []string{"Interviewer", "Sanne de Vries"},
		keywords: [6][]string{
			{"verbinding ", "verbindingen", "patroon", "doorbreken", "bij elkaar"},
			{"ik deel", "delen", "gedeeld", "geleerd"},
			{"motivatie", "gemotiveerd", "drijft", "energie"},
			{"klein", "concrete proef", "één straat", "zes weken"},
			{"onderweg", "eindresultaat", "proces", "de weg ernaartoe"},
			{"mislukt", "falen", "gelukt", "fout", "succes"},
		},
	},
	{
		lang:     "en",
		get:      DemoInterviewEN,
		speakers: []string{"Interviewer", "Sanne de Vries"},
		keywords: [6][]string{
			{"connection ", "connections", "pattern", "break"},
			{"i share", "sharing", "shared", "learned"},
			{"motivation", "motivated", "drives", "energy"},
			{"small", "concrete trial", "one street", "six weeks"},
			{"along the way", "end result", "process", "the road there"},
			{"failed", "failure", "succeeded", "mistake", "success"},
		},
	},
}

func TestDemoInterview(t *testing.T) {
	for _, iv := range interviews {
		t.Run(iv.lang, func(t *testing.T) {
			name, text := iv.get()
			if !strings.HasSuffix(name, ".txt") || !strings.Contains(name, "(fict") {
				t.Errorf("got name %q, want a .txt name marked as fictional", name)
			}
			if !utf8.ValidString(text) {
				t.Fatal("text is not valid UTF-8")
			}
			if strings.ContainsRune(text, '\r') {
				t.Error("text contains CR, want LF line endings only")
			}
			if strings.HasPrefix(text, "\uFEFF") || !strings.HasSuffix(text, "\n") || strings.HasSuffix(text, "\n\n") {
				t.Error("want no byte-order mark and exactly one final newline")
			}
			header, body, ok := strings.Cut(text, "\n\n")
			if !ok {
				t.Fatal("want a header, a blank line, then the turns")
			}
			first, _, _ := strings.Cut(header, "\n")
			if !strings.Contains(first, "(fict") {
				t.Errorf("first line %q does not mark the interview as fictional", first)
			}
			if n := len(strings.Split(header, "\n")); n != 4 {
				t.Errorf("got a header of %d lines, want 4 (title, notice, date, duration)", n)
			}
			if words := len(strings.Fields(text)); words < 1200 || words > 2000 {
				t.Errorf("got %d words, want 1,200–2,000", words)
			}
			checkTurns(t, body, iv.speakers)
			lower := strings.ToLower(text)
			for p, words := range iv.keywords {
				for _, w := range words {
					if !strings.Contains(lower, w) {
						t.Errorf("principle %d (%s): keyword %q not in the interview", p+1, Codebook(iv.lang)[p].Name, w)
					}
				}
			}
		})
	}
}

func TestDemoInterviewTypography(t *testing.T) {
	_, text := DemoInterview()
	for _, r := range "’“”éë€" {
		if !strings.ContainsRune(text, r) {
			t.Errorf("the Dutch interview has no %q, want multi-byte characters to exercise rune offsets", r)
		}
	}
	if strings.ContainsAny(text, "\"") {
		t.Error("the Dutch interview has a straight double quote, want typographic quotes")
	}
}

// checkTurns requires every paragraph of the body to be one line starting with a known speaker
// label, the speakers to take turns, and each speaker to speak at least five times.
func checkTurns(t *testing.T, body string, speakers []string) {
	t.Helper()
	count := map[string]int{}
	previous := ""
	for i, para := range strings.Split(strings.TrimSuffix(body, "\n"), "\n\n") {
		if strings.Contains(para, "\n") || strings.TrimSpace(para) != para || para == "" {
			t.Errorf("paragraph %d: %q, want one line without surrounding space", i+1, para)
			continue
		}
		label, said, ok := strings.Cut(para, ": ")
		if !ok || !slices.Contains(speakers, label) {
			t.Errorf("paragraph %d starts with %.40q, want a label from %q", i+1, para, speakers)
			continue
		}
		if strings.TrimSpace(said) == "" {
			t.Errorf("paragraph %d: speaker %s says nothing", i+1, label)
		}
		if label == previous {
			t.Errorf("paragraph %d: %s speaks twice in a row", i+1, label)
		}
		previous = label
		count[label]++
	}
	for _, s := range speakers {
		if count[s] < 5 {
			t.Errorf("speaker %s has %d turns, want at least 5", s, count[s])
		}
	}
}

// TestDemoInterviewIsOriginal guards against copying from the article the project grew from:
// the demo must be written new, so no run of five words may match it. It reads the article
// in place and skips where ../shared is absent (a user's fresh clone).
func TestDemoInterviewIsOriginal(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "slimmernetwerk-2014.txt"))
	if err != nil {
		t.Skipf("skipping: the article is not beside the repository (%v)", err)
	}
	const n = 5
	seen := map[string]bool{}
	for _, g := range ngrams(string(article), n) {
		seen[g] = true
	}
	_, text := DemoInterview()
	for _, g := range ngrams(text, n) {
		if seen[g] {
			t.Errorf("the interview shares %q with the article, want text written new", g)
		}
	}
}

var word = regexp.MustCompile(`[\p{L}\p{N}]+`)

func ngrams(s string, n int) []string {
	words := word.FindAllString(strings.ToLower(s), -1)
	var grams []string
	for i := 0; i+n <= len(words); i++ {
		grams = append(grams, strings.Join(words[i:i+n], " "))
	}
	return grams
}
