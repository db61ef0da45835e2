package report

import "testing"

func TestKindTitle(t *testing.T) {
	tests := []struct {
		kind Kind
		lang string
		want string
	}{
		{Principles, "nl", "Principes"},
		{Principles, "en", "Principles"},
		{QuoteTable, "nl", "Gecodeerde citaten"},
		{Memos, "", "Memos"},
		{Kind("nonsense"), "nl", "nonsense"},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+tt.lang, func(t *testing.T) {
			if got := KindTitle(tt.kind, tt.lang); got != tt.want {
				t.Errorf("KindTitle(%q, %q) = %q, want %q", tt.kind, tt.lang, got, tt.want)
			}
		})
	}
	// Every kind of the menu has a title of its own in both languages.
	for _, lang := range []string{"nl", "en"} {
		seen := map[string]Kind{}
		for _, k := range append([]Kind{QuoteTable}, Kinds...) {
			title := KindTitle(k, lang)
			if title == string(k) || seen[title] != "" {
				t.Errorf("%s in %s: title %q (also %q)", k, lang, title, seen[title])
			}
			seen[title] = k
		}
	}
}
