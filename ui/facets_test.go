package ui

import (
	"fmt"
	"testing"
)

func TestQueryFilters(t *testing.T) {
	tests := []struct {
		q    string
		want string // the filters found, as labels
	}{
		{`delen`, `[]`},
		{`delen doc:"a – Ana.txt" speaker:Sanne`, `[doc: a – Ana.txt speaker: Sanne]`},
		{`delen Document:“Ana.docx” -speaker:Interviewer`, `[doc: Ana.docx not speaker: Interviewer]`},
		{`code:"Deel wat je leert" leren`, `[code: Deel wat je leert]`},
		{`spreker:Ana participant:Bo codes:x`, `[speaker: Ana speaker: Bo code: x]`},
		// Not on their own: taking them out would change what the rest means.
		{`speaker:Ana OR speaker:Bo`, `[]`},
		{`(leren doc:Ana) OR delen`, `[]`},
		{`NOT speaker:Ana`, `[]`},
		// Not a facet's: a prefix, a fuzzy value, an attribute, an empty value.
		{`speaker:An* doc:Ana~ rol:beleid doc:`, `[]`},
		{`"deel wat" doc:Ana`, `[doc: Ana]`},
	}
	for _, tt := range tests {
		var labels []string
		for _, f := range queryFilters(tt.q) {
			labels = append(labels, f.label())
			if got := tt.q[f.from:f.to]; got == "" {
				t.Errorf("%q: filter %s at no text", tt.q, f.label())
			}
		}
		if got := fmt.Sprint(labels); got != tt.want {
			t.Errorf("filters of %q: %s, want %s", tt.q, got, tt.want)
		}
	}
}

func TestToggleFilter(t *testing.T) {
	tests := []struct {
		q, field, value, want string
	}{
		{`delen`, fieldDoc, "a – Ana.txt", `delen doc:"a – Ana.txt"`},
		{`delen`, fieldSpeaker, "Sanne", `delen speaker:Sanne`},
		{`delen`, fieldSpeaker, "-x", `delen speaker:"-x"`},
		{`delen`, fieldCode, "Deel wat je leert", `delen code:"Deel wat je leert"`},
		{`delen`, fieldCode, "a*b", `delen code:"a*b"`},
		{`delen  doc:"a – Ana.txt"  speaker:Sanne`, fieldDoc, "A – ANA.txt", `delen speaker:Sanne`},
		{`delen speaker:sanne`, fieldSpeaker, "Sanne", `delen`},
		{`delen -speaker:Sanne`, fieldSpeaker, "Sanne", `delen -speaker:Sanne speaker:Sanne`},
		{`delen`, fieldDoc, `Het "boek".txt`, ``}, // quotes cannot be written
	}
	for _, tt := range tests {
		if got := toggleFilter(tt.q, tt.field, tt.value); got != tt.want {
			t.Errorf("toggle %s:%s in %q: %q, want %q", tt.field, tt.value, tt.q, got, tt.want)
		}
	}
}
