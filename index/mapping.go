package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
)

// mappingVersion names the layout of the index: the fields below and what
// the analyzers (analysis*.go and the lemma tables) make of text. Bump it
// whenever either changes; an index built with another version is rebuilt.
const mappingVersion = 3

// analyzerKey makes a whole value one term, lower-cased and folded, so that
// filters such as speaker:ana or doc:"interview één" ignore case and accents.
const analyzerKey = "verbatim_key"

// Fields of an index document. Passages and memos share the text fields.
const (
	fieldText        = "text"        // analysed in the project language; stored for snippets
	fieldExact       = "exact"       // the same text, unstemmed: phrases, prefixes, fuzzy terms
	fieldKind        = "kind"        // kindPassage or kindMemo
	fieldDocID       = "doc_id"      // the document's id as a decimal string ("" for project-wide memos)
	fieldDoc         = "doc"         // the document's name, and its name without extension (filter)
	fieldSpeaker     = "speaker"     // speaker label and participant name (filter)
	fieldInterviewer = "interviewer" // "true" when the speaker is marked as interviewer
	fieldCode        = "code"        // codes overlapping the passage, with their ancestors (filter)
	fieldAttr        = "attr"        // key=value of the participant's and the document's attributes
	facetDoc         = "facet_doc"   // the document's name as written (stored)
	facetSpeaker     = "facet_speaker"
	facetCode        = "facet_code"
	// facetAll holds the three above as terms "d\x1fname", "s\x1flabel"
	// and "c\x1fcode", in doc values: counting hits per document, speaker
	// and code then reads one field per hit, not three.
	facetAll = "facets"
)

// Prefixes of the terms of facetAll.
const (
	facetPrefixDoc     = "d\x1f"
	facetPrefixSpeaker = "s\x1f"
	facetPrefixCode    = "c\x1f"
)

// Values of fieldKind.
const (
	kindPassage = "passage"
	kindMemo    = "memo"
)

// newMapping returns the index mapping for a project whose text is in the
// language lang ("nl" or "en").
func newMapping(lang string) (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	err := m.AddCustomAnalyzer(analyzerKey, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []any{lowercase.Name, foldFilterName},
	})
	if err != nil {
		return nil, fmt.Errorf("define analyzer %s: %w", analyzerKey, err)
	}

	// Only the exact field keeps word positions (term vectors): phrases,
	// prefixes and fuzzy words need them, and their hits' locations come
	// from them. Words in all their forms are found in the text field
	// without positions; the page's hits are analysed again to find them
	// (see stemQuery).
	text := func(analyzer string, store, positions bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = positions
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	filter := func(name string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzerKey
		f.Store = name == fieldDocID || name == fieldInterviewer // read back by hits
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	facet := func(name string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Index = name == facetAll
		f.Store = name != facetAll // read back by hits
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = name == facetAll
		return f
	}

	doc := mapping.NewDocumentMapping()
	doc.Dynamic = false
	doc.AddFieldMappingsAt(fieldText, text(LanguageAnalyzer(lang), true, false))
	doc.AddFieldMappingsAt(fieldExact, text(analyzerExact, false, true))
	for _, name := range []string{fieldKind, fieldDocID, fieldDoc, fieldSpeaker, fieldInterviewer, fieldCode, fieldAttr} {
		doc.AddFieldMappingsAt(name, filter(name))
	}
	for _, name := range []string{facetDoc, facetSpeaker, facetCode, facetAll} {
		doc.AddFieldMappingsAt(name, facet(name))
	}
	// No _all field: every query names its fields.
	all := mapping.NewDocumentDisabledMapping()
	doc.AddSubDocumentMapping("_all", all)
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerKey
	m.DefaultField = fieldText
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}
