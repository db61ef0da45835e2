package export

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"codeberg.org/verbatim/verbatim/model/export/exporttest"
)

// sampleDoc holds every kind of block with the text that trips writers up:
// accents, typographic quotes, the euro sign, emoji, characters that are
// markup in XML, HTML, Markdown and CSV, line breaks inside cells and a
// formula. Every writer's test writes it.
func sampleDoc(t testing.TB) *Doc {
	return &Doc{
		Title:    "Principes — “Slimmernetwerk” ’14",
		Subtitle: "Verbatim-project Reünie · 3 interviews · 1 december 2026",
		Lang:     "nl",
		Blocks: []Block{
			&Heading{Level: 1, Text: "Deel wat je leert", Color: "#56B4E9"},
			&Paragraph{Runs: []Run{{Text: "Deelnemers delen nieuwe inzichten; café, coöperatie en € 800. "}, {Text: "Vet", Bold: true}, {Text: " en "}, {Text: "schuin", Italic: true}, {Text: ".\nNieuwe regel <b>geen tag</b> & *geen nadruk* | geen cel"}}},
			NoteText("4 citaten uit 3 interviews, 3 deelnemers"),
			&Quote{Text: "Ik deel daar eigenlijk alles, ook wat nog niet af is 😀.\nTweede regel met “aanhalingstekens” en ’apostrof’.", Attribution: "Sanne de Vries, programmamanager, Voorbeeldinterview Sanne.txt, 00:12:45", Color: "#56B4E9", Key: true},
			&Quote{Text: "= geen formule, maar tekst", Attribution: "Roelant van Zevenbergen, BZK"},
			&Heading{Level: 2, Text: "Subcode: olievlek", Color: "#E69F00"},
			&Heading{Level: 3, Text: "Derde niveau"},
			&Table{
				Name:    "Citaten",
				Columns: []Column{{Title: "Nr."}, {Title: "Code", Width: 2}, {Title: "Citaat", Width: 5}, {Title: "Aantal"}},
				Rows: [][]Cell{
					{NumberCell(1), {Text: "Deel wat je leert", Fill: "#56B4E9"}, TextCell("Met een komma, en \"aanhalingstekens\"\nen een regelovergang"), NumberCell(12)},
					{NumberCell(2), {Text: "Vertrek vanuit motivatie", Fill: "#E69F00", Bold: true}, TextCell("=SUM(A1:A9)"), NumberCell(-3)},
					{NumberCell(3), TextCell("a | b"), TextCell("<script>alert(1)</script> & 🙂 €"), {Text: "", Numeric: false}},
				},
			},
			&Image{Alt: "Codes per interview (grafiek)", PNG: samplePNG(t), SVG: []byte(sampleSVG), Width: 360, Height: 180},
			Text("Slot: einde van het rapport."),
		},
	}
}

// sampleStrings are pieces of sampleDoc's text that must come out of every
// document format exactly (after converting it to text).
var sampleStrings = []string{
	"Principes — “Slimmernetwerk” ’14",
	"Deel wat je leert",
	"café, coöperatie en € 800.",
	"4 citaten uit 3 interviews, 3 deelnemers",
	"Ik deel daar eigenlijk alles, ook wat nog niet af is 😀.",
	"Tweede regel met “aanhalingstekens” en ’apostrof’.",
	"Sanne de Vries, programmamanager, Voorbeeldinterview Sanne.txt, 00:12:45",
	"= geen formule, maar tekst",
	"Subcode: olievlek",
	"Vertrek vanuit motivatie",
	"<script>alert(1)</script> & 🙂 €",
	"Slot: einde van het rapport.",
}

func samplePNG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := 0; x < 40; x++ {
		for y := 0; y < 20; y++ {
			img.Set(x, y, color.RGBA{R: uint8(x * 6), G: 0x99, B: 0xcc, A: 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const sampleSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="360pt" height="180pt" viewBox="0 0 360 180"><rect x="10" y="10" width="100" height="160" fill="#56B4E9"/><text x="20" y="100">café</text></svg>
`

// soffice runs LibreOffice headless (see exporttest.Soffice).
func soffice(t testing.TB, args ...string) { t.Helper(); exporttest.Soffice(t, args...) }

// officeText converts a document (DOCX, ODT) with LibreOffice to plain text,
// or a spreadsheet (XLSX) to UTF-8 CSV of its first sheet, and returns it.
func officeText(t testing.TB, path string) string { t.Helper(); return exporttest.OfficeText(t, path) }
